//! Property tests: the rules every plan obeys, over generated plans and inputs.
#![cfg(not(target_arch = "wasm32"))]

use accord::domain::calendar::{parse_date, DayCount, Frequency};
use accord::domain::claim::Bucket;
use accord::domain::irr::{self, CashFlow};
use accord::domain::money::{parse_amount, parse_percent, Currency};
use accord::domain::plan::{fit_waiver_to_budget, FitError, PlanError, PlanOutcome, FIT_WAIVER_ORDER};
use accord::domain::request::{
    evaluate, BudgetRequest, ClaimRequest, ExtensionInterestRequest, ExtensionUnit, FieldId, MethodRequest,
    PlanRequest, PlanTermsRequest, WaiverRequest,
};
use accord::domain::schedule::ScheduleError;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

fn cents(amount: u64) -> String {
    Decimal::new(amount as i64, 2).to_string()
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Weekly),
        Just(Frequency::Biweekly),
        Just(Frequency::Semimonthly),
        Just(Frequency::Monthly)
    ]
}

fn day_count() -> impl Strategy<Value = DayCount> {
    prop_oneof![Just(DayCount::Periodic), Just(DayCount::Act365F), Just(DayCount::Act360), Just(DayCount::Thirty360)]
}

fn method() -> impl Strategy<Value = (MethodRequest, Option<String>)> {
    prop_oneof![
        Just((MethodRequest::EqualInstallment, None)),
        Just((MethodRequest::EqualPrincipal, None)),
        Just((MethodRequest::InterestOnlyBalloon, None)),
        (0u32..=2000).prop_map(|step| (MethodRequest::StepUp, Some(cents(u64::from(step))))),
    ]
}

prop_compose! {
    /// An installment request: up to 10^9 financed, 0–36 % a year, 1–360 installments, any
    /// frequency, method and day count, a first due date up to 60 days out; half of them with
    /// a 违约金 and fees, which the default card profile repays interest-free.
    fn installment_request()(
        principal in 1u64..100_000_000_000,
        charges in prop_oneof![Just((0u64, 0u64)), (0u64..10_000_000, 0u64..1_000_000)],
        rate_bp in 0u32..3600,
        count in 1u32..=360,
        frequency in frequency(),
        (method, step_up) in method(),
        day_count in day_count(),
        as_of_offset in 0u64..3000,
        first_due_offset in 1u64..60,
        round_up in prop_oneof![Just(None), Just(Some("1")), Just(Some("10")), Just(Some("100"))],
    ) -> PlanRequest {
        let as_of = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(as_of_offset);
        PlanRequest {
            claim: ClaimRequest {
                currency: "CNY".into(),
                as_of: as_of.to_string(),
                principal: cents(principal),
                penalty: cents(charges.0),
                fees: cents(charges.1),
                contract_rate_percent: "18".into(),
                ..ClaimRequest::default()
            },
            plan: PlanTermsRequest::Installments {
                down_payment: String::new(),
                count: Some(count.to_string()),
                target_payment: None,
                frequency,
                method,
                step_up_percent: step_up,
                annual_rate_percent: Decimal::new(i64::from(rate_bp), 2).to_string(),
                first_due_date: (as_of + Days::new(first_due_offset)).to_string(),
                day_count,
                round_up_to: round_up.map(String::from),
            },
            ..PlanRequest::default()
        }
    }
}

/// Either a plan, or one of the refusals a valid request can meet.
fn computed(request: &PlanRequest) -> Option<PlanOutcome> {
    match evaluate(request) {
        Ok(outcome) => Some(outcome),
        Err(errors) => {
            let allowed = [FieldId::Method, FieldId::Count, FieldId::TargetPayment];
            assert!(errors.iter().all(|e| allowed.contains(&e.field)), "unexpected refusal: {errors:?}");
            None
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn every_schedule_ends_at_exactly_zero(request in installment_request()) {
        if let Some(plan) = computed(&request) {
            prop_assert_eq!(plan.schedule.last().map(|r| *r.balance), Some(Decimal::ZERO));
        }
    }

    #[test]
    fn both_parts_sum_to_the_financed_amount(request in installment_request()) {
        if let Some(plan) = computed(&request) {
            // The interest-bearing part is repaid as principal, the interest-free part as
            // charges; together, exactly what was financed.
            let principal: Decimal = plan.schedule.iter().map(|r| *r.principal).sum();
            let charges: Decimal = plan.schedule.iter().map(|r| *r.charges).sum();
            prop_assert_eq!(charges, *plan.interest_free);
            prop_assert_eq!(principal + charges, *plan.financed);
        }
    }

    #[test]
    fn the_balance_is_what_is_still_owed_of_both_parts(request in installment_request()) {
        if let Some(plan) = computed(&request) {
            // (That the interest-free part bears no interest is proved row by row against
            // the exact reference, tests/exact_reference.rs.)
            let mut free = *plan.interest_free;
            let mut bearing = *plan.financed - free;
            for row in &plan.schedule {
                free -= *row.charges;
                bearing -= *row.principal;
                prop_assert_eq!(*row.balance, bearing + free);
            }
        }
    }

    #[test]
    fn no_row_is_negative_and_each_payment_is_its_parts(request in installment_request()) {
        if let Some(plan) = computed(&request) {
            for row in &plan.schedule {
                prop_assert!(row.payment >= Decimal::ZERO && row.principal >= Decimal::ZERO);
                prop_assert!(row.interest >= Decimal::ZERO && row.fees >= Decimal::ZERO && row.balance >= Decimal::ZERO);
                prop_assert!(row.charges >= Decimal::ZERO);
                prop_assert_eq!(row.payment, row.principal + row.interest + row.charges + row.fees);
            }
        }
    }

    #[test]
    fn totals_equal_row_sums(request in installment_request()) {
        if let Some(plan) = computed(&request) {
            let sum = |f: fn(&accord::domain::schedule::ScheduleRow) -> Decimal| plan.schedule.iter().map(f).sum::<Decimal>();
            prop_assert_eq!(*plan.totals.interest, sum(|r| *r.interest));
            prop_assert_eq!(*plan.totals.principal, sum(|r| *r.principal));
            prop_assert_eq!(*plan.totals.installments, sum(|r| *r.payment));
            prop_assert_eq!(plan.totals.paid, plan.totals.installments + plan.upfront.partial_payment + plan.upfront.down_payment);
        }
    }

    #[test]
    fn amounts_carry_exactly_the_currencys_minor_unit(request in installment_request()) {
        if let Some(plan) = computed(&request) {
            for row in &plan.schedule {
                prop_assert_eq!(row.payment.scale(), 2);
                prop_assert_eq!(row.balance.scale(), 2);
            }
        }
    }

    #[test]
    fn the_irr_makes_the_net_present_value_zero(request in installment_request()) {
        if let Some(plan) = computed(&request) {
            let mut flows = vec![CashFlow { amount: -*plan.financed, whole: 0, fraction: Decimal::ZERO }];
            let frequency = match &request.plan { PlanTermsRequest::Installments { frequency, .. } => *frequency, _ => Frequency::Monthly };
            let as_of = parse_date(&request.claim.as_of).unwrap();
            // Rows lie on the schedule's own grid: the first row's time on the calendar, then
            // one unit period per installment (README: annualized rate).
            let first = plan.schedule[0].date;
            let (first_whole, fraction) = accord::domain::calendar::unit_periods_between(as_of, first, frequency);
            for (k, row) in plan.schedule.iter().enumerate() {
                prop_assert_eq!(Some(row.date), frequency.due_date(first, k as u32));
                flows.push(CashFlow { amount: *row.payment, whole: first_whole + k as u32, fraction });
            }
            let rate = irr::solve(&flows).expect("a plan's flows have a rate");
            let scale = plan.financed.to_f64().unwrap();
            prop_assert!((irr::npv(&flows, rate) / scale).abs() < 1e-10, "npv {} at {}", irr::npv(&flows, rate), rate);
            // The plan reports the solver's rate on exactly these flows.
            let reported = plan.annualized_rate.as_ref().expect("a rate").periodic_percent;
            let expected = Decimal::from_f64_retain(rate * 100.0).unwrap().round_dp(6);
            prop_assert!((reported - expected).abs() <= Decimal::new(1, 6), "reported {} vs {}", reported, expected);
        }
    }

    #[test]
    fn waivers_never_exceed_their_bucket(
        principal in 1u64..1_000_000_000,
        interest in 0u64..100_000_000,
        fees in 0u64..1_000_000,
        waivers in proptest::collection::vec((0usize..4, any::<bool>(), 0u64..200_000_000, any::<bool>()), 0..5),
    ) {
        let buckets = [Bucket::Principal, Bucket::Interest, Bucket::Penalty, Bucket::Fees];
        let request = PlanRequest {
            claim: ClaimRequest {
                currency: "CNY".into(),
                as_of: "2025-01-01".into(),
                principal: cents(principal),
                interest: cents(interest),
                fees: cents(fees),
                ..ClaimRequest::default()
            },
            waivers: waivers.iter().map(|(b, by_percent, size, conditional)| WaiverRequest {
                bucket: buckets[*b],
                amount: (!by_percent).then(|| cents(*size)),
                percent: by_percent.then(|| cents(*size % 12_000)),
                conditional: *conditional,
            }).collect(),
            plan: PlanTermsRequest::Settlement { pay_by: "2025-02-01".into() },
            ..PlanRequest::default()
        };
        match evaluate(&request) {
            Ok(plan) => {
                for bucket in buckets {
                    prop_assert!(plan.waived.get(bucket) <= plan.claim.get(bucket));
                    prop_assert!(plan.waived_conditional.get(bucket) <= plan.waived.get(bucket));
                }
                prop_assert_eq!(plan.due.total() + plan.totals.waived, plan.claim_total);
            }
            Err(errors) => {
                let waivers_only = errors.iter().all(|e| matches!(e.field, FieldId::Waiver { .. }));
                prop_assert!(waivers_only, "{:?}", errors);
            }
        }
    }

    #[test]
    fn a_fitted_waiver_fits_and_one_minor_unit_less_does_not(
        request in installment_request(),
        shares in (0u64..=50, 0u64..=50, 0u64..=20),
        budget_percent in 50u64..=100,
    ) {
        // Interest, penalty and fees as shares of the principal; a budget between half and all
        // of the unwaived plan's monthly burden, so a waiver usually has something to do.
        let mut request = request;
        let principal: Decimal = request.claim.principal.parse().unwrap();
        let share = |percent: u64| (principal * Decimal::from(percent) / Decimal::ONE_HUNDRED).round_dp(2).to_string();
        request.claim.interest = share(shares.0);
        request.claim.penalty = share(shares.1);
        request.claim.fees = share(shares.2);
        let Some(unwaived) = computed(&request) else { return Ok(()) };
        let burden = accord::domain::negotiation::monthly_burden(&unwaived);
        // The policy allows 50 % of disposable income: income = 2 × the allowed payment.
        let income = (*burden * Decimal::from(budget_percent) / Decimal::from(50)).round_dp(2);
        request.budget = Some(BudgetRequest {
            monthly_income: income.to_string(),
            essential_expenses: "0".into(),
            other_debt_payments: "0".into(),
        });
        let input = request.parse().unwrap();
        let waived = match fit_waiver_to_budget(&input) {
            Ok(waived) => waived,
            Err(FitError::OutOfReach) => return Ok(()),
            // Terms on the edge of negative amortization (a long plan at a high rate counted
            // by actual days: a 31-day month's interest above the level payment) compute
            // unwaived thanks to the payment's rounding up, and stop computing once a waiver
            // lowers the payment: the fit names the plan's own error (found by this test;
            // the case is kept in properties.proptest-regressions).
            Err(FitError::Plan(PlanError::Schedule(ScheduleError::NegativeAmortization { .. }))) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        };
        let with_waivers = |waived: &accord::domain::claim::Buckets| {
            let mut trial = request.clone();
            trial.waivers = Bucket::ALL
                .iter()
                .filter(|b| !waived.get(**b).is_zero())
                .map(|b| WaiverRequest { bucket: *b, amount: Some(waived.get(*b).to_string()), percent: None, conditional: false })
                .collect();
            evaluate(&trial).ok().and_then(|o| o.affordability).map(|a| a.fits)
        };
        prop_assert_eq!(with_waivers(&waived), Some(true));
        if let Some(last) = FIT_WAIVER_ORDER.iter().rev().find(|b| !waived.get(**b).is_zero()) {
            let mut less = waived;
            *less.get_mut(*last) -= Decimal::new(1, 2).into();
            prop_assert_ne!(with_waivers(&less), Some(true));
        }
    }

    #[test]
    fn the_normal_form_parses_back_to_the_same_input_and_is_stable(request in installment_request()) {
        let input = request.parse().unwrap();
        let normal = PlanRequest::normal_form(&input);
        let reparsed = normal.parse().unwrap();
        prop_assert_eq!(&reparsed, &input);
        prop_assert_eq!(PlanRequest::normal_form(&reparsed), normal);
    }

    #[test]
    fn target_payment_gives_the_smallest_count_that_fits(request in installment_request(), target_cents in 1u64..1_000_000_000) {
        let mut request = request;
        if let PlanTermsRequest::Installments { count, target_payment, .. } = &mut request.plan {
            *count = None;
            *target_payment = Some(cents(target_cents));
        }
        if let Some(plan) = computed(&request) {
            let target = Decimal::new(target_cents as i64, 2);
            prop_assert!(plan.schedule[0].payment <= target);
            // One installment fewer would need more than the target.
            let count = plan.schedule.len();
            if count > 1 && plan.schedule.last().map(|r| *r.balance) == Some(Decimal::ZERO) {
                if let PlanTermsRequest::Installments { count: c, target_payment, .. } = &mut request.plan {
                    *c = Some((count - 1).to_string());
                    *target_payment = None;
                }
                if let Some(shorter) = computed(&request) {
                    prop_assert!(shorter.schedule[0].payment > target || shorter.schedule.len() < count - 1);
                }
            }
        }
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
        let _ = parse_amount(&text, Currency::CNY);
        let _ = parse_amount(&text, Currency::JPY);
        let _ = parse_percent(&text);
        let _ = parse_date(&text);
    }

    #[test]
    fn parsing_numberlike_text_never_panics(text in "[-+ ,.0-9eE_xX%¥元０-９]{0,40}") {
        if let Ok(amount) = parse_amount(&text, Currency::CNY) {
            prop_assert!(amount >= Decimal::ZERO && amount <= accord::domain::money::MAX_AMOUNT);
            prop_assert!(amount.scale() <= 2);
        }
    }

    #[test]
    fn arbitrary_requests_never_panic(
        fields in proptest::collection::vec(any::<String>(), 12),
        numbers in proptest::collection::vec("[-0-9.,]{0,16}", 12),
        kind in 0u8..3,
        frequency in frequency(),
        day_count in day_count(),
        (method, _) in method(),
    ) {
        let pick = |i: usize| if i.is_multiple_of(2) { fields[i].clone() } else { numbers[i].clone() };
        let plan = match kind {
            0 => PlanTermsRequest::Settlement { pay_by: pick(0) },
            1 => PlanTermsRequest::Extension {
                length: numbers[1].clone(),
                unit: if numbers[2].len() % 2 == 0 { ExtensionUnit::Days } else { ExtensionUnit::Months },
                fee: pick(3),
                interest: ExtensionInterestRequest::Reduced,
                reduced_rate_percent: Some(numbers[4].clone()),
                day_count,
            },
            _ => PlanTermsRequest::Installments {
                down_payment: numbers[5].clone(),
                count: Some(numbers[6].clone()),
                target_payment: Some(numbers[7].clone()),
                frequency,
                method,
                step_up_percent: Some(numbers[8].clone()),
                annual_rate_percent: numbers[9].clone(),
                first_due_date: "2030-02-28".into(),
                day_count,
                round_up_to: Some(numbers[10].clone()),
            },
        };
        let request = PlanRequest {
            claim: ClaimRequest {
                currency: if fields[0].len() % 3 == 0 { "JPY".into() } else { "CNY".into() },
                as_of: "2030-01-31".into(),
                principal: numbers[1].clone(),
                interest: numbers[3].clone(),
                penalty: pick(5),
                fees: numbers[7].clone(),
                contract_rate_percent: numbers[9].clone(),
                contract_date: Some(pick(11)),
            },
            partial_payment: Some(numbers[11].clone()),
            budget: Some(BudgetRequest { monthly_income: numbers[0].clone(), essential_expenses: numbers[2].clone(), other_debt_payments: String::new() }),
            ..PlanRequest::default()
        };
        let _ = evaluate(&PlanRequest { plan, ..request });
    }

    #[test]
    fn arbitrary_json_never_panics(text in any::<String>()) {
        if let Ok(request) = serde_json::from_str::<PlanRequest>(&text) {
            let _ = evaluate(&request);
        }
    }
}
