//! Property tests of servicing (issue 16): money is conserved, and a status never depends on
//! the order the payments are listed in, over generated plans, payments and dates.
#![cfg(not(target_arch = "wasm32"))]

use accord::domain::claim::Bucket;
use accord::domain::plan::PlanOutcome;
use accord::domain::policy::ServicingRule;
use accord::domain::request::{evaluate, ClaimRequest, MethodRequest, PlanRequest, PlanTermsRequest, WaiverRequest};
use accord::domain::servicing::payments::Payment;
use accord::domain::servicing::{status, Standing};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn cents(amount: u64) -> String {
    Decimal::new(amount as i64, 2).to_string()
}

prop_compose! {
    /// A plan of 1–36 monthly installments at 0–24 %, with a partial payment now and a
    /// conditional waiver of part of the interest and the penalty, under the default profile.
    fn plan()(
        principal in 100_000u64..100_000_000,
        interest in 0u64..5_000_000,
        penalty in 0u64..1_000_000,
        fees in 0u64..500_000,
        waived_percent in 0u32..=100,
        partial in prop_oneof![Just(0u64), 1u64..50_000],
        rate_bp in 0u32..2400,
        count in 1u32..=36,
    ) -> PlanOutcome {
        let request = PlanRequest {
            claim: ClaimRequest {
                currency: "CNY".into(),
                as_of: "2025-01-10".into(),
                principal: cents(principal),
                interest: cents(interest),
                penalty: cents(penalty),
                fees: cents(fees),
                contract_rate_percent: "18".into(),
                ..ClaimRequest::default()
            },
            waivers: [Bucket::Interest, Bucket::Penalty]
                .map(|bucket| WaiverRequest { bucket, percent: Some(waived_percent.to_string()), conditional: true, amount: None })
                .to_vec(),
            partial_payment: (partial > 0).then(|| cents(partial)),
            plan: PlanTermsRequest::Installments {
                down_payment: String::new(),
                count: Some(count.to_string()),
                target_payment: None,
                frequency: accord::domain::calendar::Frequency::Monthly,
                method: MethodRequest::EqualInstallment,
                step_up_percent: None,
                annual_rate_percent: Decimal::new(i64::from(rate_bp), 2).to_string(),
                first_due_date: "2025-02-10".into(),
                day_count: accord::domain::calendar::DayCount::Periodic,
                round_up_to: None,
            },
            ..PlanRequest::default()
        };
        evaluate(&request).expect("the generated plan computes")
    }
}

fn payments() -> impl Strategy<Value = Vec<Payment>> {
    proptest::collection::vec((0u64..1_200, 1u64..2_000_000), 0..40).prop_map(|list| {
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        list.into_iter()
            .map(|(day, cents)| Payment {
                date: start + Days::new(day),
                amount: Decimal::new(cents as i64, 2),
                reference: None,
            })
            .collect()
    })
}

fn rule() -> impl Strategy<Value = ServicingRule> {
    (0u32..15, prop_oneof![Just(0u32), 1u32..90], 0u32..4).prop_map(|(grace_days, days, missed)| ServicingRule {
        grace_days,
        broken_after_days_late: days,
        broken_after_missed_in_row: missed,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn money_is_conserved(plan in plan(), payments in payments(), rule in rule(), as_of_day in 0u64..1_300) {
        let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(as_of_day);
        let s = status(&plan, &Bucket::DEFAULT_ORDER, rule, &payments, as_of).unwrap();
        let counted: Decimal = payments.iter().filter(|p| p.date <= as_of).map(|p| p.amount).sum();
        prop_assert_eq!(s.received.value(), counted);
        prop_assert_eq!(s.received, s.applied + s.overpaid);
        prop_assert_eq!(s.applied + s.outstanding, s.scheduled);
        prop_assert_eq!(s.scheduled, plan.upfront.partial_payment + plan.upfront.down_payment + plan.totals.installments);
        prop_assert_eq!(s.applied, s.claim_repaid.total() + s.plan_interest_paid + s.plan_fees_paid);
        let each: Decimal = s.installments.iter().map(|i| i.paid.value()).sum();
        prop_assert_eq!(s.applied.value(), each);
        prop_assert!(s.installments.iter().all(|i| i.paid <= i.amount));
        for bucket in Bucket::ALL {
            prop_assert!(s.claim_repaid.get(bucket) <= plan.due.get(bucket));
        }
        match (s.standing, s.new_claim) {
            (Standing::Broken, Some(new_claim)) => {
                // What is claimed now, what was repaid and the final relief make the claim.
                let final_relief = plan.waived.minus(&plan.waived_conditional);
                prop_assert_eq!(new_claim.total() + s.claim_repaid.total() + final_relief.total(), plan.claim_total);
                prop_assert_eq!(s.reinstated, plan.reinstated_on_breach);
                prop_assert!(s.breach.is_some_and(|b| b.on <= as_of));
            }
            (Standing::Broken, None) => prop_assert!(false, "broken without a new claim"),
            (_, new_claim) => prop_assert!(new_claim.is_none() && s.breach.is_none()),
        }
        prop_assert_eq!(s.completed, s.outstanding.value().is_zero());
    }

    #[test]
    fn the_order_payments_are_listed_in_does_not_matter(
        plan in plan(),
        payments in payments(),
        rule in rule(),
        as_of_day in 0u64..1_300,
        rotate in 0usize..40,
    ) {
        let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(as_of_day);
        let given = status(&plan, &Bucket::DEFAULT_ORDER, rule, &payments, as_of).unwrap();
        let mut reordered = payments.clone();
        reordered.reverse();
        if !reordered.is_empty() {
            let by = rotate % reordered.len();
            reordered.rotate_left(by);
        }
        prop_assert_eq!(status(&plan, &Bucket::DEFAULT_ORDER, rule, &reordered, as_of).unwrap(), given);
    }

    #[test]
    fn a_later_payment_never_makes_a_plan_less_paid(plan in plan(), payments in payments(), extra in 1u64..1_000_000, day in 0u64..1_300) {
        // One more payment covers at least as much of every installment, and never mends a
        // breach that had happened (a breach is history).
        let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(1_300);
        let rule = ServicingRule::HOUSE_DEFAULT;
        let before = status(&plan, &Bucket::DEFAULT_ORDER, rule, &payments, as_of).unwrap();
        let mut more = payments.clone();
        more.push(Payment { date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(day), amount: Decimal::new(extra as i64, 2), reference: None });
        let after = status(&plan, &Bucket::DEFAULT_ORDER, rule, &more, as_of).unwrap();
        for (b, a) in before.installments.iter().zip(&after.installments) {
            prop_assert!(a.paid >= b.paid);
        }
        if let (Some(b), Some(a)) = (before.breach, after.breach) {
            prop_assert!(a.on >= b.on);
        }
    }
}

/// What a day-by-day simulation says: each obligation's (amount paid, day paid in full) at
/// `as_of`, and the first day the rule was broken. Written apart from the core: it walks the
/// calendar one day at a time, pays the obligations in order from each day's money, and asks
/// the rule every day, where the core works on sums and computes the days.
fn simulate(
    obligations: &[(NaiveDate, i64)],
    payments: &[Payment],
    rule: ServicingRule,
    as_of: NaiveDate,
) -> (Vec<(i64, Option<NaiveDate>)>, Option<NaiveDate>) {
    let mut paid = vec![(0i64, None::<NaiveDate>); obligations.len()];
    let start =
        obligations.iter().map(|o| o.0).chain(payments.iter().map(|p| p.date)).min().unwrap_or(as_of).min(as_of);
    let mut breach = None;
    let mut day = start;
    while day <= as_of {
        let mut money: i64 = payments
            .iter()
            .filter(|p| p.date == day)
            .map(|p| (p.amount * Decimal::ONE_HUNDRED).try_into().unwrap_or(0i64))
            .sum();
        for (i, (_, amount)) in obligations.iter().enumerate() {
            let share = money.min(amount - paid[i].0);
            if share > 0 {
                paid[i].0 += share;
                money -= share;
                if paid[i].0 == *amount {
                    paid[i].1 = Some(day);
                }
            }
        }
        // The rule, asked at the end of `day`: unpaid more than N days after the due date;
        // K in a row not paid within the grace days (as known on `day`).
        let unpaid_beyond = |i: usize, days: u32| {
            let (due, _) = obligations[i];
            paid[i].1.is_none() && (day - due).num_days() > i64::from(days)
                || paid[i].1.is_some_and(|on| (on - due).num_days() > i64::from(days))
        };
        if breach.is_none() {
            let late = rule.broken_after_days_late > 0
                && (0..obligations.len()).any(|i| unpaid_beyond(i, rule.broken_after_days_late));
            let mut run = 0;
            let mut missed = false;
            for i in 0..obligations.len() {
                run = if unpaid_beyond(i, rule.grace_days) { run + 1 } else { 0 };
                missed |= rule.broken_after_missed_in_row > 0 && run >= rule.broken_after_missed_in_row;
            }
            if late || missed {
                breach = Some(day);
            }
        }
        day = day.succ_opt().unwrap();
    }
    (paid, breach)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_day_by_day_simulation_agrees(plan in plan(), payments in payments(), rule in rule(), as_of_day in 0u64..1_300) {
        let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(as_of_day);
        let s = status(&plan, &Bucket::DEFAULT_ORDER, rule, &payments, as_of).unwrap();
        let cents = |a: accord::domain::money::Amount| -> i64 { (a.value() * Decimal::ONE_HUNDRED).try_into().unwrap() };
        let obligations: Vec<(NaiveDate, i64)> = s.installments.iter().map(|i| (i.due_date, cents(i.amount))).collect();
        let (paid, breach) = simulate(&obligations, &payments, rule, as_of);
        for (installment, (amount, on)) in s.installments.iter().zip(&paid) {
            prop_assert_eq!(cents(installment.paid), *amount, "installment {}", installment.number);
            // A fully paid obligation of zero is "paid on its due date" by the core; none here.
            prop_assert_eq!(installment.paid_on, *on, "installment {}", installment.number);
        }
        prop_assert_eq!(s.breach.map(|b| b.on), breach);
    }
}
