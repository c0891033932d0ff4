//! Known answers. Every expected figure names its source.

use accord::domain::calendar::{DayCount, Frequency};
use accord::domain::claim::Bucket;
use accord::domain::plan::PlanOutcome;
use accord::domain::policy::{Outcome, Product, RuleKind};
use accord::domain::request::{
    evaluate, BudgetRequest, ClaimRequest, ExtensionInterestRequest, ExtensionUnit, InputError, MethodRequest,
    PlanRequest, PlanTermsRequest, WaiverRequest,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn claim(principal: &str, as_of: &str) -> ClaimRequest {
    ClaimRequest {
        currency: "CNY".into(),
        as_of: as_of.into(),
        principal: principal.into(),
        contract_rate_percent: "18".into(),
        contract_date: Some("2024-01-01".into()),
        ..ClaimRequest::default()
    }
}

fn installments(count: &str, rate: &str, first_due: &str) -> PlanTermsRequest {
    PlanTermsRequest::Installments {
        down_payment: String::new(),
        count: Some(count.into()),
        target_payment: None,
        frequency: Frequency::Monthly,
        method: MethodRequest::EqualInstallment,
        step_up_percent: None,
        annual_rate_percent: rate.into(),
        first_due_date: first_due.into(),
        day_count: DayCount::Periodic,
        round_up_to: None,
    }
}

fn annuity(principal: &str, rate: &str, count: &str) -> PlanOutcome {
    let request = PlanRequest {
        claim: claim(principal, "2025-01-15"),
        plan: installments(count, rate, "2025-02-15"),
        ..PlanRequest::default()
    };
    evaluate(&request).expect("plan computes")
}

#[test]
fn product_md_100000_at_9_99_percent_36_months() {
    // Source: PRODUCT.md public reference table (hand-checked with the annuity formula).
    let plan = annuity("100000", "9.99", "36");
    let rows = &plan.schedule;
    assert_eq!(rows.len(), 36);
    assert_eq!(rows[0].payment, dec!(3226.25));
    assert_eq!((*rows[0].interest, *rows[0].principal), (dec!(832.50), dec!(2393.75)));
    let last = &rows[35];
    assert_eq!((*last.payment, *last.principal, *last.interest), (dec!(3226.25), dec!(3199.61), dec!(26.64)));
    assert_eq!(plan.totals.interest, dec!(16145.00));
    assert_eq!(last.balance, dec!(0.00));
    assert_eq!(plan.totals.principal, dec!(100000.00));
}

#[test]
fn product_md_200000_at_6_percent_360_months() {
    // Source: PRODUCT.md public reference table.
    let plan = annuity("200000", "6", "360");
    assert_eq!(plan.schedule[0].payment, dec!(1199.10));
    assert_eq!(plan.schedule[359].payment, dec!(1200.14));
    assert_eq!(plan.totals.interest, dec!(231677.04));
}

#[test]
fn product_md_10000_at_zero_percent_7_months() {
    // Source: PRODUCT.md: six of 1,428.57, last 1,428.58 (停息挂账).
    let plan = annuity("10000", "0", "7");
    let payments: Vec<Decimal> = plan.schedule.iter().map(|r| *r.payment).collect();
    assert_eq!(payments[..6], [dec!(1428.57); 6]);
    assert_eq!(payments[6], dec!(1428.58));
    let rate = plan.annualized_rate.expect("a zero rate is a rate");
    assert_eq!((rate.nominal_percent, rate.effective_percent), (dec!(0.00), Some(dec!(0.00))));
}

#[test]
fn annualized_rate_of_a_plain_annuity_is_its_plan_rate() {
    // Hand reasoning: with regular monthly periods and no fees, the IRR of an annuity is its
    // periodic rate up to the rounding of the payment: 9.99 % nominal; (1+0.0999/12)^12 − 1 =
    // 10.46 % effective.
    let rate = annuity("100000", "9.99", "36").annualized_rate.unwrap();
    assert_eq!(rate.nominal_percent, dec!(9.99));
    assert_eq!(rate.effective_percent, Some(dec!(10.46)));
}

#[test]
fn pboc_example_through_the_plan_pipeline() {
    // Source: PBOC announcement 2021 No. 3 example: 100,000 loan, 1,000 fee up front (so
    // 99,000 advanced), 12 × 8,833.30 → IRR 1.066983 % a month, nominal 12.80 %, effective
    // 13.58 %. Modelled as 99,000 financed whose plan rate yields a 8,833.30 payment is not
    // possible exactly, so the IRR solver is checked on the flows directly in irr.rs; here
    // the figures are checked through the public solver API.
    use accord::domain::irr::{solve, CashFlow};
    let mut flows = vec![CashFlow { amount: dec!(-99000), whole: 0, fraction: Decimal::ZERO }];
    flows.extend((1..=12).map(|k| CashFlow { amount: dec!(8833.30), whole: k, fraction: Decimal::ZERO }));
    let i = solve(&flows).unwrap();
    let nominal = i * 12.0 * 100.0;
    let effective = ((1.0 + i).powi(12) - 1.0) * 100.0;
    assert_eq!(format!("{:.6}", i * 100.0), "1.066983");
    assert_eq!(format!("{nominal:.2}"), "12.80");
    assert_eq!(format!("{effective:.2}"), "13.58");
}

#[test]
fn reg_z_5000_financed_36_payments_of_166_07() {
    // Source: PRODUCT.md (US Reg Z style): APR 12.00 % within 1/8 point. A 5,000 annuity at
    // 12 % gives exactly 166.07 a month (hand computation), so the plan's APR must read 12.00.
    let plan = annuity("5000", "12", "36");
    assert_eq!(plan.schedule[0].payment, dec!(166.07));
    let apr = plan.annualized_rate.unwrap().nominal_percent;
    assert!((apr - dec!(12)).abs() <= dec!(0.125), "{apr}");
}

#[test]
fn equal_principal_splits_principal_evenly() {
    // Hand computation: 12,000 over 12 months at 12 %: 1,000 principal a month; the first
    // interest is 12,000 × 1 % = 120.00, the last 1,000 × 1 % = 10.00; total interest
    // 1 % × (12,000 + 11,000 + … + 1,000) = 780.00.
    let mut request = PlanRequest { claim: claim("12000", "2025-01-31"), ..PlanRequest::default() };
    let mut plan = installments("12", "12", "2025-02-28");
    if let PlanTermsRequest::Installments { method, .. } = &mut plan {
        *method = MethodRequest::EqualPrincipal;
    }
    request.plan = plan;
    let outcome = evaluate(&request).unwrap();
    assert_eq!(outcome.schedule[0].payment, dec!(1120.00));
    assert_eq!(outcome.schedule[11].payment, dec!(1010.00));
    assert_eq!(outcome.totals.interest, dec!(780.00));
    // Month-end anchor keeps month ends: Feb 28, Mar 31, Apr 30 …
    let dates: Vec<String> = outcome.schedule.iter().take(3).map(|r| r.date.to_string()).collect();
    assert_eq!(dates, ["2025-02-28", "2025-03-31", "2025-04-30"]);
}

#[test]
fn interest_only_balloon() {
    // Hand computation: 10,000 at 12 % for 6 months: five payments of 100.00, then 10,100.00.
    let mut request = PlanRequest { claim: claim("10000", "2025-01-10"), ..PlanRequest::default() };
    let mut plan = installments("6", "12", "2025-02-10");
    if let PlanTermsRequest::Installments { method, .. } = &mut plan {
        *method = MethodRequest::InterestOnlyBalloon;
    }
    request.plan = plan;
    let outcome = evaluate(&request).unwrap();
    assert!(outcome.schedule[..5].iter().all(|r| r.payment == dec!(100.00)));
    assert_eq!(outcome.schedule[5].payment, dec!(10100.00));
}

#[test]
fn step_up_payments_grow_each_year() {
    let mut request = PlanRequest { claim: claim("50000", "2025-01-10"), ..PlanRequest::default() };
    let mut plan = installments("36", "6", "2025-02-10");
    if let PlanTermsRequest::Installments { method, step_up_percent, .. } = &mut plan {
        *method = MethodRequest::StepUp;
        *step_up_percent = Some("10".into());
    }
    request.plan = plan;
    let outcome = evaluate(&request).unwrap();
    let first = outcome.schedule[0].payment;
    // Each year's payment is the first year's × 1.1^year, rounded half away from zero.
    assert_eq!(outcome.schedule[12].payment, (*first * dec!(1.1)).round_dp(2));
    assert_eq!(outcome.schedule.last().unwrap().balance, dec!(0.00));
}

#[test]
fn irregular_first_period_uses_actual_days() {
    // Hand computation: 10,000 at 12 % from 2025-01-01 to a first due date of 2025-02-15 is an
    // irregular first period of 45 days: interest 10,000 × 0.12 × 45/365 = 147.945… → 147.95.
    let mut request = PlanRequest { claim: claim("10000", "2025-01-01"), ..PlanRequest::default() };
    request.plan = installments("12", "12", "2025-02-15");
    let outcome = evaluate(&request).unwrap();
    assert_eq!(outcome.schedule[0].interest, dec!(147.95));
    // Regular periods afterwards use 1 % a month.
    let second = &outcome.schedule[1];
    assert_eq!(second.interest, (*outcome.schedule[0].balance * dec!(0.01)).round_dp(2));
}

#[test]
fn target_payment_solves_the_count() {
    // 100,000 at 9.99 %: 36 months need 3,226.25; a target of 3,226.25 gives exactly 36.
    let mut request = PlanRequest { claim: claim("100000", "2025-01-15"), ..PlanRequest::default() };
    let mut plan = installments("", "9.99", "2025-02-15");
    if let PlanTermsRequest::Installments { count, target_payment, .. } = &mut plan {
        *count = None;
        *target_payment = Some("3226.25".into());
    }
    request.plan = plan.clone();
    assert_eq!(evaluate(&request).unwrap().schedule.len(), 36);
    // A target at or below the first month's interest (832.50) never pays the debt down.
    if let PlanTermsRequest::Installments { target_payment, .. } = &mut plan {
        *target_payment = Some("832.50".into());
    }
    request.plan = plan;
    let errors = evaluate(&request).unwrap_err();
    assert_eq!(errors[0].field.to_string(), "plan.targetPayment");
    assert_eq!(errors[0].error, InputError::NeverCoversInterest { minimum: "832.50".into() });
}

#[test]
fn settlement_with_waivers_and_partial_payment() {
    // Hand computation: claim 10,000 + 800 + 300 + 150 = 11,250. Waive all fees and penalty
    // (450), pay 1,000 now, settle the remaining 9,800 by the date: recovery 10,800 = 96.00 %.
    let request = PlanRequest {
        claim: ClaimRequest {
            interest: "800".into(),
            penalty: "300".into(),
            fees: "150".into(),
            ..claim("10000", "2025-03-01")
        },
        waivers: vec![
            WaiverRequest { bucket: Bucket::Fees, amount: None, percent: Some("100".into()), conditional: false },
            WaiverRequest { bucket: Bucket::Penalty, amount: Some("300".into()), percent: None, conditional: true },
        ],
        partial_payment: Some("1000".into()),
        plan: PlanTermsRequest::Settlement { pay_by: "2025-03-31".into() },
        ..PlanRequest::default()
    };
    let outcome = evaluate(&request).unwrap();
    assert_eq!(outcome.financed, dec!(9800.00));
    assert_eq!(outcome.schedule[0].payment, dec!(9800.00));
    assert_eq!(outcome.totals.waived, dec!(450.00));
    assert_eq!(outcome.totals.waived_conditional, dec!(300.00));
    assert_eq!(outcome.recovery.percent_of_claim, dec!(96.00));
    // The 1,000 now goes to interest (fees and penalty are waived): allocation order.
    assert_eq!(outcome.upfront.allocation.interest, dec!(800.00));
    assert_eq!(outcome.upfront.allocation.principal, dec!(200.00));
}

#[test]
fn extension_with_contract_interest_and_fee() {
    // Hand computation: 10,000 principal extended 3 months at the 18 % contract rate:
    // interest 10,000 × 18 % × 3/12 = 450.00; fee 50 → one payment of 10,500.00 on 2025-04-15.
    let request = PlanRequest {
        claim: claim("10000", "2025-01-15"),
        plan: PlanTermsRequest::Extension {
            length: "3".into(),
            unit: ExtensionUnit::Months,
            fee: "50".into(),
            interest: ExtensionInterestRequest::Contract,
            reduced_rate_percent: None,
            day_count: DayCount::Periodic,
        },
        ..PlanRequest::default()
    };
    let outcome = evaluate(&request).unwrap();
    let row = &outcome.schedule[0];
    assert_eq!(
        (row.date.to_string(), *row.payment, *row.interest, *row.fees),
        ("2025-04-15".into(), dec!(10500.00), dec!(450.00), dec!(50.00))
    );
    let days = outcome.findings.iter().find(|f| f.rule == RuleKind::MaxExtensionDays).unwrap();
    assert_eq!((days.actual, days.outcome), (dec!(90), Outcome::Pass));
}

#[test]
fn a_61_month_plan_is_blocked_by_article_70() {
    // Art. 70 of the credit-card rules: personalized installments at most 5 years.
    let request = PlanRequest {
        claim: claim("100000", "2025-01-15"),
        plan: installments("61", "0", "2025-02-15"),
        ..PlanRequest::default()
    };
    let outcome = evaluate(&request).unwrap();
    let term = outcome.findings.iter().find(|f| f.rule == RuleKind::MaxTermMonths).unwrap();
    assert_eq!((term.actual, term.outcome), (dec!(61), Outcome::Block));
}

#[test]
fn affordability_caps_the_payment_at_half_of_disposable_income() {
    // Hand computation: income 8,000 − expenses 4,000 − other debts 1,000 = 3,000 disposable;
    // the default policy allows 50 %: 1,500 a month. 50,000 over 36 months (1,613.13) does
    // not fit; the fitted count is the smallest whose payment is at most 1,500.
    let mut request = PlanRequest {
        claim: claim("50000", "2025-01-15"),
        plan: installments("36", "9.99", "2025-02-15"),
        budget: Some(BudgetRequest {
            monthly_income: "8000".into(),
            essential_expenses: "4000".into(),
            other_debt_payments: "1000".into(),
        }),
        ..PlanRequest::default()
    };
    let outcome = evaluate(&request).unwrap();
    let affordability = outcome.affordability.unwrap();
    assert_eq!((*affordability.disposable_income, *affordability.max_monthly_payment), (dec!(3000.00), dec!(1500.00)));
    assert!(!affordability.fits);
    let share = outcome.findings.iter().find(|f| f.rule == RuleKind::MaxPaymentSharePercent).unwrap();
    assert_eq!(share.outcome, Outcome::Warn);

    let input = request.parse().unwrap();
    let count = accord::domain::plan::fit_count_to_budget(&input).unwrap();
    if let PlanTermsRequest::Installments { count: c, .. } = &mut request.plan {
        *c = Some(count.to_string());
    }
    let fitted = evaluate(&request).unwrap();
    assert!(fitted.schedule[0].payment <= dec!(1500));
    if let PlanTermsRequest::Installments { count: c, .. } = &mut request.plan {
        *c = Some((count - 1).to_string());
    }
    assert!(evaluate(&request).unwrap().schedule[0].payment > dec!(1500));

    // 100,000 would need about 100 months at 1,500: more than the policy's 60 installments.
    request.claim.principal = "100000".into();
    let input = request.parse().unwrap();
    assert!(accord::domain::plan::fit_count_to_budget(&input).is_err());
}

#[test]
fn fitting_by_waiver_waives_penalty_and_fees_first_and_no_more_than_needed() {
    // Hand computation: 10,000 principal + 1,000 penalty + 200 fees over 10 months at 0 %
    // is 1,120 a month; the budget allows 50 % of (3,000 − 1,000) = 1,000. Financing exactly
    // 10,000 pays 10 × 1,000.00; 10,000.01 would make the last payment 1,000.01. So the
    // whole penalty and fees (1,200) are waived and not one minor unit of principal.
    let mut request = PlanRequest {
        claim: ClaimRequest { penalty: "1000".into(), fees: "200".into(), ..claim("10000", "2025-01-15") },
        plan: installments("10", "0", "2025-02-15"),
        budget: Some(BudgetRequest {
            monthly_income: "3000".into(),
            essential_expenses: "1000".into(),
            other_debt_payments: "0".into(),
        }),
        ..PlanRequest::default()
    };
    let waived = accord::domain::plan::fit_waiver_to_budget(&request.parse().unwrap()).unwrap();
    assert_eq!(
        (*waived.principal, *waived.interest, *waived.penalty, *waived.fees),
        (dec!(0.00), dec!(0.00), dec!(1000.00), dec!(200.00))
    );

    // Half the fees (100) already waived and a budget of 1,050: financing 10,499.91 pays nine
    // of 1,049.99 and a last of 1,050.00, while 10,499.92 would end on 1,050.01. So 600.09 of
    // the penalty is added (11,200 − 100 − 600.09 = 10,499.91) and the fees stay at 100.
    request.waivers =
        vec![WaiverRequest { bucket: Bucket::Fees, amount: None, percent: Some("50".into()), conditional: false }];
    request.budget.as_mut().unwrap().monthly_income = "3100".into();
    let waived = accord::domain::plan::fit_waiver_to_budget(&request.parse().unwrap()).unwrap();
    assert_eq!((*waived.penalty, *waived.fees), (dec!(600.09), dec!(100.00)));

    // A budget of 500 would need 5,000 of principal waived; the default policy allows none.
    request.budget.as_mut().unwrap().monthly_income = "2000".into();
    assert_eq!(
        accord::domain::plan::fit_waiver_to_budget(&request.parse().unwrap()),
        Err(accord::domain::plan::FitError::OutOfReach)
    );
}

#[test]
fn every_bad_field_is_reported_by_name() {
    let request = PlanRequest {
        claim: ClaimRequest {
            currency: "CNY".into(),
            as_of: "2025-13-01".into(),
            principal: "1e5".into(),
            interest: "-3".into(),
            ..ClaimRequest::default()
        },
        plan: installments("0", "abc", "2025-02-30"),
        ..PlanRequest::default()
    };
    let fields: Vec<String> = evaluate(&request).unwrap_err().into_iter().map(|e| e.field.to_string()).collect();
    for expected in
        ["claim.asOf", "claim.principal", "claim.interest", "plan.count", "plan.annualRatePercent", "plan.firstDueDate"]
    {
        assert!(fields.iter().any(|f| f == expected), "{expected} missing from {fields:?}");
    }
}

#[test]
fn yen_and_dinar_round_to_their_minor_units() {
    // JPY has no minor unit, KWD three: 100,000 JPY at 0 % over 3 → 33,333, 33,333, 33,334.
    let mut request = PlanRequest { claim: claim("100000", "2025-01-15"), ..PlanRequest::default() };
    request.claim.currency = "JPY".into();
    request.plan = installments("3", "0", "2025-02-15");
    let payments: Vec<String> = evaluate(&request).unwrap().schedule.iter().map(|r| r.payment.to_string()).collect();
    assert_eq!(payments, ["33333", "33333", "33334"]);
    request.claim.currency = "KWD".into();
    request.claim.principal = "100".into();
    let payments: Vec<String> = evaluate(&request).unwrap().schedule.iter().map(|r| r.payment.to_string()).collect();
    assert_eq!(payments, ["33.333", "33.333", "33.334"]);
}

#[test]
fn a_first_due_date_one_clamped_month_away_is_a_regular_period() {
    // 2025-01-30 + 1 month = 2025-02-28 (clamped): a regular month, so the first interest is
    // 100,000 × 9.99 % / 12 = 832.50, as in the reference annuity.
    let request = PlanRequest {
        claim: claim("100000", "2025-01-30"),
        plan: installments("36", "9.99", "2025-02-28"),
        ..PlanRequest::default()
    };
    let outcome = evaluate(&request).unwrap();
    assert_eq!((*outcome.schedule[0].interest, *outcome.schedule[0].payment), (dec!(832.50), dec!(3226.25)));
}

#[test]
fn irr_bits_are_pinned() {
    // The solver uses only + − × ÷, so wasm32 must give these exact bits too
    // (tests/wasm_smoke.rs asserts the same constant in Chromium). The root to 60 digits
    // (Python decimal, Newton) is 0.01066983487586276214…: these bits lie 2.1e-17 below it.
    use accord::domain::irr::{solve, CashFlow};
    let mut flows = vec![CashFlow { amount: dec!(-99000), whole: 0, fraction: Decimal::ZERO }];
    flows.extend((1..=12).map(|k| CashFlow { amount: dec!(8833.30), whole: k, fraction: Decimal::ZERO }));
    assert_eq!(solve(&flows).map(f64::to_bits), Some(0x3f85_da10_fec3_b015));
}

#[test]
fn chinese_bank_calculator_example_1_000_000_over_30_years_at_4_9_percent() {
    // Source: the standard example of Chinese bank mortgage calculators (商业贷款 100 万元,
    // 30 年, 年利率 4.9%): 等额本息 月供 5,307.27; 等额本金 首月 6,861.11 (2,777.78 本金 +
    // 4,083.33 利息), then 11.34 less each month. Published totals use unrounded formulas,
    // so only the payments are compared.
    let mut request = PlanRequest {
        claim: claim("1000000", "2025-01-15"),
        plan: installments("360", "4.9", "2025-02-15"),
        ..PlanRequest::default()
    };
    assert_eq!(evaluate(&request).unwrap().schedule[0].payment, dec!(5307.27));
    if let PlanTermsRequest::Installments { method, .. } = &mut request.plan {
        *method = MethodRequest::EqualPrincipal;
    }
    let plan = evaluate(&request).unwrap();
    assert_eq!((*plan.schedule[0].payment, *plan.schedule[1].payment), (dec!(6861.11), dec!(6849.77)));
}

/// The first row of a one-installment-or-more plan of `principal` `currency` at `rate` %.
fn first_row(currency: &str, principal: &str, rate: &str, frequency: Frequency, first_due: &str) -> (Decimal, Decimal) {
    let mut terms = installments("12", rate, first_due);
    if let PlanTermsRequest::Installments { frequency: f, .. } = &mut terms {
        *f = frequency;
    }
    let request = PlanRequest {
        claim: ClaimRequest { currency: currency.into(), ..claim(principal, "2025-01-01") },
        plan: terms,
        ..PlanRequest::default()
    };
    let plan = evaluate(&request).expect("plan computes");
    (*plan.schedule[0].interest, *plan.schedule[0].payment)
}

#[test]
fn exact_ties_round_half_away_from_zero_at_every_frequency() {
    // Source: issue 13, each checked by hand (multiply first, divide once):
    // 10,008.00 × 18.25 % ÷ 12 = 152.205 → 152.21 (a rate cut to 28 digits gave 152.20);
    // 10,000.25 × 24 % ÷ 52 = 46.155 → 46.16; 4,821,050 × 6 % ÷ 26 = 11,125.5 → 11,126 yen.
    assert_eq!(first_row("CNY", "10008.00", "18.25", Frequency::Monthly, "2025-02-01").0, dec!(152.21));
    assert_eq!(first_row("CNY", "10000.25", "24", Frequency::Weekly, "2025-01-08").0, dec!(46.16));
    assert_eq!(first_row("JPY", "4821050", "6", Frequency::Biweekly, "2025-01-15").0, dec!(11126));
}

#[test]
fn an_extensions_exact_tie_rounds_up() {
    // Source: issue 13, by hand: 92,935.00 × 18.25 % × 26 ÷ 365 = 1,208.155 → 1,208.16 (Act/365F).
    let request = PlanRequest {
        claim: ClaimRequest { contract_rate_percent: "18.25".into(), ..claim("92935.00", "2025-01-01") },
        plan: PlanTermsRequest::Extension {
            length: "26".into(),
            unit: ExtensionUnit::Days,
            fee: String::new(),
            interest: ExtensionInterestRequest::Contract,
            reduced_rate_percent: None,
            day_count: DayCount::Act365F,
        },
        ..PlanRequest::default()
    };
    assert_eq!(evaluate(&request).expect("plan computes").schedule[0].interest, dec!(1208.16));
}

#[test]
fn an_exact_tie_in_the_annuity_payment_rounds_by_the_rule() {
    // Hand computation: 100.50 in 2 monthly installments at 12 % a year (r = 1 %):
    // payment = 100.50 × 1.01² ÷ (1.01 + 1) = 100.50 × 1.0201 ÷ 2.01 = 51.005 exactly → 51.01;
    // the closed form in 28-digit decimals lands a hair below the half.
    let request = PlanRequest {
        claim: claim("100.50", "2025-01-15"),
        plan: installments("2", "12", "2025-02-15"),
        ..PlanRequest::default()
    };
    let plan = evaluate(&request).expect("plan computes");
    assert_eq!(plan.schedule[0].payment, dec!(51.01));
    let request = PlanRequest { rounding: Some(accord::domain::money::RoundingRule::HalfEven), ..request };
    assert_eq!(evaluate(&request).expect("plan computes").schedule[0].payment, dec!(51.00));
}

#[test]
fn each_profile_applies_its_own_rate_rule() {
    // Issue 14, hand computation: 100,000 over 12 months at 30 % a year has an annualized
    // cost of 30.00 % (nominal, a plain annuity); under cn-bank-card that is above the 24 % a
    // court protects: a warning, worded as the court's power, not a block.
    let mut request = PlanRequest {
        claim: claim("100000", "2025-01-15"),
        plan: installments("12", "30", "2025-02-15"),
        ..PlanRequest::default()
    };
    let outcome = evaluate(&request).unwrap();
    let cost = outcome.findings.iter().find(|f| f.rule == RuleKind::MaxAnnualizedPercent).unwrap();
    assert_eq!((cost.actual, cost.limit, cost.outcome), (dec!(30.00), dec!(24), Outcome::Warn));
    assert_eq!(
        accord::i18n::finding_message(
            cost,
            accord::domain::money::Currency::CNY,
            Product::BankCard,
            accord::i18n::Locale::En
        ),
        "Annualized cost 30.00% a year: a court may reduce the part above 24% a year on the debtor's request"
    );
    assert!(outcome.findings.iter().all(|f| f.outcome != Outcome::Block));

    // Under cn-private-lending, a contract signed while the one-year LPR was 3.45 %
    // (2023-08-21 to 2024-07-21) caps the rate at 4 × 3.45 % = 13.80 %: 16 % blocks.
    request.policy = Some(accord::domain::policy::Policy::cn_private_lending());
    request.plan = installments("12", "16", "2025-02-15");
    request.claim.contract_date = Some("2024-01-10".into());
    let outcome = evaluate(&request).unwrap();
    let cap = outcome.findings.iter().find(|f| f.rule == RuleKind::RateCapLprMultiple).unwrap();
    assert_eq!((cap.limit, cap.outcome), (dec!(13.80), Outcome::Block));

    // Without the contract date the cap cannot be applied: the date is asked for, not
    // replaced by the as-of date.
    request.claim.contract_date = None;
    let errors = evaluate(&request).unwrap_err();
    assert_eq!(errors[0].field.to_string(), "claim.contractDate");
    assert_eq!(errors[0].error, InputError::ContractDateNeeded);
}

#[test]
fn card_liquidated_damages_bear_no_interest() {
    // Issue 14 (银发〔2016〕111号: 违约金 and fees bear no interest on a card). Hand computation:
    // 10,000 principal and a 违约金 of 600 over 12 months at 12 % a year (r = 1 %). The level
    // payment is the annuity on the 10,000 (888.4878…) plus an equal share of the 600 (50),
    // rounded once: 938.49. Row 1: interest 1 % × 10,000 = 100.00 (none on the 600), 50.00 of
    // the 违约金, 788.49 of principal; 9,761.51 still owed in all (剩余应还). Row 2: interest
    // 1 % × 9,211.51 = 92.12. The last row clears both: 879.67 + 8.80 + 50.00 = 938.47. Total
    // interest 661.86: the 10,000's alone.
    let request = PlanRequest {
        claim: ClaimRequest { penalty: "600".into(), ..claim("10000", "2025-01-15") },
        plan: installments("12", "12", "2025-02-15"),
        ..PlanRequest::default()
    };
    let plan = evaluate(&request).unwrap();
    let rows = &plan.schedule;
    let figures =
        |r: &accord::domain::schedule::ScheduleRow| (*r.payment, *r.principal, *r.interest, *r.charges, *r.balance);
    assert_eq!(figures(&rows[0]), (dec!(938.49), dec!(788.49), dec!(100.00), dec!(50.00), dec!(9761.51)));
    assert_eq!(*rows[1].interest, dec!(92.12));
    assert_eq!(figures(&rows[11]), (dec!(938.47), dec!(879.67), dec!(8.80), dec!(50.00), dec!(0.00)));
    assert_eq!(
        (*plan.totals.interest, *plan.totals.charges, *plan.interest_free),
        (dec!(661.86), dec!(600.00), dec!(600.00))
    );
    // The same account as a private loan (every bucket bears interest): the 600 bears
    // interest too — more interest in all.
    let loan = PlanRequest { policy: Some(accord::domain::policy::Policy::cn_private_lending()), ..request.clone() };
    let loan =
        PlanRequest { claim: ClaimRequest { contract_date: Some("2024-06-01".into()), ..loan.claim.clone() }, ..loan };
    let plan = evaluate(&loan).unwrap();
    assert!(plan.totals.interest > dec!(661.86), "{}", plan.totals.interest);
    assert!(plan.schedule.iter().all(|r| r.charges.is_zero()));
    // A zero-rate plan is unchanged by the split: (10,000 + 600) / 12 = 883.33…
    let zero = PlanRequest { plan: installments("12", "0", "2025-02-15"), ..request };
    assert_eq!(*evaluate(&zero).unwrap().schedule[0].payment, dec!(883.33));
}

#[test]
fn an_override_that_relaxes_a_limit_needs_approval_and_one_that_tightens_does_not() {
    // Issue 14: cn-bank-card allows at most 60 installments (block). An agent's override to
    // 72 lets a 66-installment plan pass the new limit, but the profile's 60 would block it:
    // the finding needs approval and names the profile's limit. Tightened to 24, a
    // 36-installment plan is blocked as the new limit says, without approval.
    use accord::domain::negotiation::PolicyDraft;
    use accord::domain::policy::Policy;
    let installments_rule =
        |policy: &PolicyDraft| policy.rules.iter().position(|r| r.rule == RuleKind::MaxInstallments).unwrap();
    let finding = |count: &str, limit: &str| {
        let mut draft = PolicyDraft::from(&Policy::cn_bank_card());
        let index = installments_rule(&draft);
        draft.rules[index].limit = limit.into();
        let request = PlanRequest {
            claim: claim("100000", "2025-01-15"),
            plan: installments(count, "9.99", "2025-02-15"),
            policy: Some(draft.parse().unwrap()),
            ..PlanRequest::default()
        };
        let outcome = evaluate(&request).unwrap();
        outcome.findings.into_iter().find(|f| f.rule == RuleKind::MaxInstallments).unwrap()
    };
    let relaxed = finding("66", "72");
    assert_eq!(
        (relaxed.outcome, relaxed.limit, relaxed.overridden_from),
        (Outcome::NeedsApproval, dec!(72), Some(dec!(60)))
    );
    // Within both limits: nothing to approve.
    let within = finding("36", "72");
    assert_eq!((within.outcome, within.overridden_from), (Outcome::Pass, None));
    let tightened = finding("36", "24");
    assert_eq!((tightened.outcome, tightened.overridden_from), (Outcome::Block, None));
    // Unchanged: no override is recorded at all.
    let draft = PolicyDraft::from(&Policy::cn_bank_card());
    assert!(!draft.parse().unwrap().is_overridden());
    // The profile an overridden policy came from is the profile, exactly.
    let mut draft = PolicyDraft::from(&Policy::cn_bank_card());
    let index = installments_rule(&draft);
    draft.rules[index].limit = "72".into();
    let overridden = draft.parse().unwrap();
    assert!(overridden.is_overridden());
    assert_eq!(overridden.without_overrides(), Policy::cn_bank_card());
    // Reopened from its JSON (a saved negotiation, an agreement's terms), it keeps both limits.
    assert_eq!(PolicyDraft::from(&overridden).parse().unwrap(), overridden);
}
