//! Known answers, computed by hand from the plans below (each figure is argued in its test).

use super::*;
use crate::domain::request::{evaluate, PlanRequest};
use rust_decimal::Decimal;

fn day(text: &str) -> NaiveDate {
    crate::domain::calendar::parse_date(text).unwrap()
}

fn money(text: &str) -> Amount {
    Amount::from(text.parse::<Decimal>().unwrap())
}

fn paid(date: &str, amount: &str) -> Payment {
    Payment { date: day(date), amount: amount.parse().unwrap(), reference: None }
}

/// 6,000.00 principal and 600.00 interest; the interest waived in full on condition; six
/// monthly installments at 0 % from 2025-02-01: six rows of 1,000.00 principal, due on the
/// first of February to July 2025. Reinstated on breach: the 600.00 interest.
fn six_months() -> PlanOutcome {
    let request: PlanRequest = serde_json::from_str(
        r#"{
            "claim": {"currency": "CNY", "asOf": "2025-01-01", "principal": "6000", "interest": "600",
                      "penalty": "0", "fees": "0", "contractRatePercent": "18"},
            "waivers": [{"bucket": "interest", "percent": "100", "conditional": true}],
            "plan": {"type": "installments", "count": "6", "frequency": "monthly",
                     "method": "equalInstallment", "annualRatePercent": "0", "firstDueDate": "2025-02-01"}
        }"#,
    )
    .unwrap();
    let plan = evaluate(&request).unwrap();
    assert!(plan.schedule.iter().all(|row| row.payment == money("1000.00") && row.principal == row.payment));
    assert_eq!(plan.reinstated_on_breach.interest, money("600.00"));
    plan
}

const MONTHS: [&str; 6] = ["2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01", "2025-07-01"];

fn status_of(plan: &PlanOutcome, payments: &[Payment], as_of: &str) -> AgreementStatus {
    status(plan, &Bucket::DEFAULT_ORDER, ServicingRule::HOUSE_DEFAULT, payments, day(as_of)).unwrap()
}

fn states(status: &AgreementStatus) -> Vec<(InstallmentState, u32)> {
    status.installments.iter().map(|i| (i.state, i.days_late)).collect()
}

use InstallmentState::{Missed, NotYetDue, Paid, PaidLate, PartlyPaid};

#[test]
fn all_on_time_is_kept_and_completed() {
    let plan = six_months();
    let payments: Vec<_> = MONTHS.iter().map(|d| paid(d, "1000.00")).collect();
    let s = status_of(&plan, &payments, "2025-07-01");
    assert_eq!((s.standing, s.completed, s.breach), (Standing::Kept, true, None));
    assert_eq!(states(&s), vec![(Paid, 0); 6]);
    assert_eq!(
        (s.received, s.applied, s.outstanding, s.arrears, s.overpaid),
        (money("6000.00"), money("6000.00"), money("0.00"), money("0.00"), money("0.00"))
    );
    assert_eq!(s.claim_repaid.principal, money("6000.00"));
    assert_eq!((s.next_due, s.new_claim, s.reinstated.interest), (None, None, money("0.00")));
    // Halfway, the same payments so far: kept, the next one due 2025-04-01.
    let s = status_of(&plan, &payments, "2025-03-15");
    assert_eq!((s.standing, s.payments_after_as_of), (Standing::Kept, 4));
    assert_eq!(s.next_due, Some(NextDue { number: 3, date: day("2025-04-01"), amount: money("1000.00") }));
    assert_eq!(states(&s)[..3], [(Paid, 0), (Paid, 0), (NotYetDue, 0)]);
    // On its due date an unpaid installment is due, not yet late.
    let s = status_of(&plan, &[], "2025-02-01");
    assert_eq!((states(&s)[0], s.standing, s.arrears), ((NotYetDue, 0), Standing::Kept, money("0.00")));
    assert_eq!(s.next_due.map(|n| n.number), Some(1));
}

#[test]
fn three_days_late_within_grace_is_kept() {
    let plan = six_months();
    let payments = [paid("2025-02-01", "1000"), paid("2025-03-04", "1000")];
    // Before the late payment: row 2 past due by 3 days, within grace: late, not broken.
    let s = status_of(&plan, &payments[..1], "2025-03-04");
    assert_eq!((s.standing, s.arrears, s.days_past_due), (Standing::Late, money("1000.00"), 3));
    assert_eq!(states(&s)[1], (Missed, 3));
    // After it: paid 3 days late (2025-03-01 → 03-04), kept; the grace is 5 days.
    let s = status_of(&plan, &payments, "2025-03-10");
    assert_eq!((s.standing, s.breach, s.arrears), (Standing::Kept, None, money("0.00")));
    assert_eq!(states(&s)[..3], [(Paid, 0), (PaidLate, 3), (NotYetDue, 0)]);
    assert_eq!(s.installments[1].paid_on, Some(day("2025-03-04")));
}

#[test]
fn two_missed_in_a_row_break_the_plan_and_bring_the_waived_interest_back() {
    let plan = six_months();
    let payments = [paid("2025-02-01", "1000")];
    // Rows 2 and 3 unpaid on 2025-04-07. Row 2 (due 03-01) is more than 30 days late from
    // 03-31 + 1 = 04-01: broken on 2025-04-01 by lateness, before the second miss (row 3,
    // due 04-01, missed once its 5 days' grace end: 04-07).
    let s = status_of(&plan, &payments, "2025-04-07");
    assert_eq!(s.standing, Standing::Broken);
    assert_eq!(s.breach, Some(Breach { rule: BreachRule::DaysLate, installment: 2, on: day("2025-04-01") }));
    assert_eq!(states(&s)[..4], [(Paid, 0), (Missed, 37), (Missed, 6), (NotYetDue, 0)]);
    assert_eq!((s.arrears, s.days_past_due, s.next_due), (money("2000.00"), 37, None));
    // The new claim: 6,000 principal less the 1,000 repaid, and the 600 interest back.
    let new_claim = s.new_claim.unwrap();
    assert_eq!(
        (new_claim.principal, new_claim.interest, new_claim.total()),
        (money("5000.00"), money("600.00"), money("5600.00"))
    );
    assert_eq!(s.reinstated.interest, money("600.00"));
    // With a rule of misses alone (2 in a row, 5 days' grace): not yet broken on 04-06 …
    let misses = ServicingRule { grace_days: 5, broken_after_days_late: 0, broken_after_missed_in_row: 2 };
    let at = |date| status(&plan, &Bucket::DEFAULT_ORDER, misses, &payments, day(date)).unwrap();
    assert_eq!((at("2025-04-06").standing, at("2025-04-06").new_claim), (Standing::Late, None));
    // … broken on 04-07, the first day row 3 is past its grace.
    let s = at("2025-04-07");
    assert_eq!(s.breach, Some(Breach { rule: BreachRule::MissedInRow, installment: 3, on: day("2025-04-07") }));
    assert!(!s.house_default);
    // Paying the arrears later does not mend a broken plan: the breach is history.
    let mended = [paid("2025-02-01", "1000"), paid("2025-04-20", "2000")];
    let s = status(&plan, &Bucket::DEFAULT_ORDER, misses, &mended, day("2025-04-25")).unwrap();
    assert_eq!((s.standing, s.arrears), (Standing::Broken, money("0.00")));
    assert_eq!(s.new_claim.unwrap().principal, money("3000.00"));
}

#[test]
fn an_overpayment_is_carried_forward_then_counted_beyond_the_plan() {
    let plan = six_months();
    // 1,500.00 on the first due date: row 1 paid, 500.00 of row 2 paid ahead.
    let s = status_of(&plan, &[paid("2025-02-01", "1500.00")], "2025-02-10");
    assert_eq!((s.standing, s.paid_ahead, s.overpaid), (Standing::Kept, money("500.00"), money("0.00")));
    assert_eq!(s.next_due, Some(NextDue { number: 2, date: day("2025-03-01"), amount: money("500.00") }));
    assert_eq!(states(&s)[..2], [(Paid, 0), (NotYetDue, 0)]);
    assert_eq!(s.installments[1].paid, money("500.00"));
    // Everything and 50.00 more: completed, 50.00 overpaid.
    let mut payments: Vec<_> = MONTHS.iter().map(|d| paid(d, "1000.00")).collect();
    payments.push(paid("2025-07-01", "50.00"));
    let s = status_of(&plan, &payments, "2025-08-01");
    assert_eq!((s.completed, s.overpaid, s.received), (true, money("50.00"), money("6050.00")));
}

#[test]
fn a_payment_before_its_due_date_pays_it_on_time() {
    let plan = six_months();
    let s = status_of(&plan, &[paid("2025-01-25", "1000.00")], "2025-02-05");
    assert_eq!(states(&s)[0], (Paid, 0));
    assert_eq!(s.installments[0].paid_on, Some(day("2025-01-25")));
    assert_eq!((s.standing, s.paid_ahead), (Standing::Kept, money("0.00")));
    // Before its due date it is still not yet due, but covered.
    let s = status_of(&plan, &[paid("2025-01-25", "1000.00")], "2025-01-28");
    assert_eq!((states(&s)[0], s.paid_ahead), ((Paid, 0), money("1000.00")));
}

#[test]
fn a_payment_split_over_two_installments() {
    let plan = six_months();
    // 700.00 on 02-01, 800.00 on 02-20: row 1 covered when the sum reached 1,000.00 on 02-20
    // (19 days late: a miss for the rule, one only), 500.00 of row 2 paid ahead.
    let payments = [paid("2025-02-20", "800.00"), paid("2025-02-01", "700.00")];
    let s = status_of(&plan, &payments, "2025-02-25");
    assert_eq!(states(&s)[..2], [(PaidLate, 19), (NotYetDue, 0)]);
    assert_eq!((s.installments[1].paid, s.standing), (money("500.00"), Standing::Kept));
    // On 02-10 row 1 is partly paid, 9 days past due.
    let s = status_of(&plan, &payments, "2025-02-10");
    assert_eq!((states(&s)[0], s.arrears, s.installments[0].paid), ((PartlyPaid, 9), money("300.00"), money("700.00")));
}

#[test]
fn inside_an_installment_the_allocation_order_splits_plan_costs_from_the_claim() {
    // The extension golden: one row of 108,000.00 = principal 105,000 + interest 2,500 +
    // charges 300 (the fees bucket, interest-free) + fees 200 (the extension fee), due
    // 2025-04-15; the 1,200.00 penalty waived on condition.
    let golden: serde_json::Value =
        serde_json::from_str(include_str!("../../../tests/golden/agreement-extension.json")).unwrap();
    let request: PlanRequest = serde_json::from_value(golden["terms"].clone()).unwrap();
    let plan = evaluate(&request).unwrap();
    // 1,000.00 paid: the plan fee 200, the charges 300, then 500 of the plan's interest.
    let s = status_of(&plan, &[paid("2025-04-15", "1000.00")], "2025-05-20");
    assert_eq!((s.plan_fees_paid, s.plan_interest_paid), (money("200.00"), money("500.00")));
    assert_eq!(s.claim_repaid.fees, money("300.00"));
    assert_eq!(s.claim_repaid.total(), money("300.00"));
    // Broken (35 days past due): the claim is what was due less the 300 repaid, the penalty back.
    assert_eq!(s.breach.map(|b| b.on), Some(day("2025-05-16")));
    let new_claim = s.new_claim.unwrap();
    assert_eq!(
        (new_claim.principal, new_claim.interest, new_claim.penalty, new_claim.fees),
        (money("100000.00"), money("5000.00"), money("1200.00"), money("0.00"))
    );
}

#[test]
fn the_upfront_payment_is_obligation_zero() {
    // The settlement golden: 1,000.00 partial payment on 2025-03-01, 9,800.00 by 2025-03-31.
    let golden: serde_json::Value =
        serde_json::from_str(include_str!("../../../tests/golden/agreement-settlement.json")).unwrap();
    let request: PlanRequest = serde_json::from_value(golden["terms"].clone()).unwrap();
    let plan = evaluate(&request).unwrap();
    let s = status_of(&plan, &[paid("2025-03-01", "1000.00")], "2025-03-10");
    assert_eq!(s.installments.iter().map(|i| (i.number, i.state)).collect::<Vec<_>>(), [(0, Paid), (1, NotYetDue)]);
    // The upfront payment repaid interest 800 and principal 200, as the agreement allocated it.
    assert_eq!(s.claim_repaid, plan.upfront.allocation);
}

#[test]
fn bad_rules_and_payments_are_refused() {
    let plan = six_months();
    let rule = ServicingRule { grace_days: 400, ..ServicingRule::HOUSE_DEFAULT };
    assert_eq!(status(&plan, &[], rule, &[], day("2025-03-01")), Err(ServicingError::Rule { member: "graceDays" }));
    let rule = ServicingRule { broken_after_missed_in_row: 1_001, ..ServicingRule::HOUSE_DEFAULT };
    assert!(status(&plan, &[], rule, &[], day("2025-03-01")).is_err());
    for amount in ["0", "-5", "1.001"] {
        let payment = Payment { date: day("2025-02-01"), amount: amount.parse().unwrap(), reference: None };
        assert_eq!(status_of_result(&plan, &[payment]), Err(ServicingError::Payment { index: 0 }));
    }
}

fn status_of_result(plan: &PlanOutcome, payments: &[Payment]) -> Result<AgreementStatus, ServicingError> {
    status(plan, &[], ServicingRule::HOUSE_DEFAULT, payments, day("2025-03-01"))
}

#[test]
fn a_rule_is_refused_past_each_members_bound_and_accepted_at_it() {
    let at_bounds = ServicingRule { grace_days: 365, broken_after_days_late: 3_650, broken_after_missed_in_row: 1_000 };
    assert_eq!(at_bounds.out_of_bounds(), None);
    assert_eq!(ServicingRule { grace_days: 366, ..at_bounds }.out_of_bounds(), Some("graceDays"));
    assert_eq!(
        ServicingRule { broken_after_days_late: 3_651, ..at_bounds }.out_of_bounds(),
        Some("brokenAfterDaysLate")
    );
    assert_eq!(
        ServicingRule { broken_after_missed_in_row: 1_001, ..at_bounds }.out_of_bounds(),
        Some("brokenAfterMissedInRow")
    );
}
