//! Renegotiation from the record (issue 16): a broken agreement's status gives the draft of a
//! new negotiation — the claim with the conditional relief back, the log continued, the old
//! agreement linked — and the agreement made from it verifies with its `supersedes` chain,
//! in the core and with `accord verify --previous`.
#![cfg(not(target_arch = "wasm32"))]

use accord::domain::negotiation::LogEvent;
use accord::domain::plan::PlanOutcome;
use accord::domain::policy::ServicingRule;
use accord::domain::servicing::payments::read_payments;
use accord::domain::servicing::{claim_owed, status, Standing};
use accord::export::agreement::{agreement_for_draft, agreement_json, import_agreement, verify, Channel};
use accord::export::renegotiation::{check_reage, reaged_agreement, renegotiation_draft, ReageRefusal};
use accord::export::servicing::agreement_status;
use accord::i18n::Locale;
use accord::ui::follow_up::FollowUp;
use accord::ui::page::Part;
use accord::ui::print::as_recorded;
use chrono::NaiveDate;
use std::process::Command;

/// The golden plan with relief: 10,000.00 principal in 12 monthly installments at 0 % from
/// 2025-02-15 (833.33 × 11, then 833.37), the interest 1,200.00 and the penalty 300.00 waived
/// on condition.
const GOLDEN: &str = "tests/golden/agreement-relief.json";

fn golden() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/agreement-relief.json")).unwrap()
}

/// The first installment paid on time, nothing after: by the house rule the plan breaks on
/// 2025-04-15, the day installment 2 (due 2025-03-15) is more than 30 days late.
fn broken_draft() -> (accord::export::agreement::AgreementFile, accord::domain::negotiation::Draft) {
    let (agreement, raw) = import_agreement(&golden()).unwrap();
    let plan = verify(&agreement, &raw).recomputed.expect("the golden verifies");
    let payments = read_payments("date,amount\n2025-02-15,833.33\n", plan.currency).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
    let order = agreement.terms.allocation_order.clone().unwrap_or_default();
    let status = status(&plan, &order, ServicingRule::HOUSE_DEFAULT, &payments, as_of).unwrap();
    assert_eq!(status.standing, Standing::Broken);
    assert_eq!(status.breach.unwrap().on, NaiveDate::from_ymd_opt(2025, 4, 15).unwrap());
    // By hand: 10,000.00 − 833.33 repaid of the principal; the waived 1,200.00 and 300.00 back.
    let owed = claim_owed(&plan, &status);
    assert_eq!(
        [owed.principal, owed.interest, owed.penalty, owed.fees].map(|a| a.to_string()),
        ["9166.67", "1200.00", "300.00", "0.00"]
    );
    let draft = renegotiation_draft(&agreement, &plan, &status);
    (agreement, draft)
}

#[test]
fn a_broken_plan_is_renegotiated_from_the_new_claim_with_the_log_continued() {
    let (old, draft) = broken_draft();
    let claim = &draft.account.claim;
    assert_eq!(
        [&claim.as_of, &claim.principal, &claim.interest, &claim.penalty, &claim.fees],
        ["2025-05-01", "9166.67", "1200.00", "300.00", "0.00"]
    );
    assert_eq!(claim.contract_date.as_deref(), Some("2024-03-01"), "the contract's date stays");
    assert_eq!(claim.contract_rate_percent, "18");
    assert_eq!(draft.account.reference, "ACC-2025-0001");
    assert_eq!(draft.account.days_past_due, "47", "installment 2 unpaid since 2025-03-15");
    assert_eq!(draft.log, old.negotiation_log, "the log continues the old one");
    let link = draft.supersedes.clone().unwrap();
    assert_eq!((link.agreement_id.as_str(), link.sha256.as_str()), (old.agreement_id.as_str(), old.sha256.as_str()));
    assert_eq!(draft.offers[2].first_due_date, "2025-06-01");
    assert!(draft.agreed.is_none() && draft.agreement_id.is_none());
}

/// Runs the `accord` CLI from the crate's folder: its exit code and standard output.
fn accord(args: &[&str]) -> (Option<i32>, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_accord")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The new agreement: offer C (12 monthly installments) of the renegotiation, agreed.
fn new_agreement() -> String {
    let (_, mut draft) = broken_draft();
    let policy = draft.policy.parse().unwrap();
    draft.agreement_id = Some("5b0e7a51-0f6e-4c47-9d43-2f3d8c1e6a02".into());
    draft.record(2, LogEvent::Agreed, "2025-05-01T09:30:00.000Z", &policy);
    agreement_json(&agreement_for_draft(&draft, Channel::Agent).unwrap().unwrap())
}

#[test]
fn the_new_agreement_carries_the_chain_and_verifies() {
    let text = new_agreement();
    let (agreement, raw) = import_agreement(&text).unwrap();
    assert!(verify(&agreement, &raw).verified());
    let (old, _) = import_agreement(&golden()).unwrap();
    let link = agreement.supersedes.clone().unwrap();
    assert_eq!((link.agreement_id, link.sha256), (old.agreement_id, old.sha256));
    assert_eq!(agreement.terms.claim.principal, "9166.67");
    // The old log, then what the renegotiation logged.
    assert_eq!(agreement.negotiation_log[..old.negotiation_log.len()], old.negotiation_log[..]);
    assert_eq!(agreement.negotiation_log.last().unwrap().event, LogEvent::Agreed);
    // The link is inside the hash: changing it is caught.
    let changed = text.replacen(&agreement.supersedes.unwrap().sha256, &"0".repeat(64), 1);
    let (changed, raw) = import_agreement(&changed).unwrap();
    assert!(!verify(&changed, &raw).verified());
}

#[test]
fn accord_verify_checks_the_chain_with_the_previous_agreement() {
    let dir = std::env::temp_dir().join(format!("accord-renegotiation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let new = dir.join("new.json");
    std::fs::write(&new, new_agreement()).unwrap();
    let run = accord;
    let new = new.to_str().unwrap();
    let (code, out) = run(&["verify", new, "--previous", GOLDEN]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("supersedes agreement 7d8f0c52-3c1e-4f4b-9a57-0d7c6e2b1a90") && out.ends_with("verified\n"),
        "{out}"
    );
    let (code, out) = run(&["verify", new]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("not checked, give it with --previous"), "{out}");
    // Another agreement given as the previous one, or an agreement that supersedes none.
    let (code, out) = run(&["verify", "--previous", "tests/golden/agreement-installments.json", new]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("NOT linked: supersedes 7d8f0c52"), "{out}");
    let (code, out) = run(&["verify", GOLDEN, "--previous", GOLDEN]);
    assert_eq!((code, out.contains("supersedes none")), (Some(1), true), "{out}");
    let (code, _) = run(&["verify", new, "--previous"]);
    assert_eq!(code, Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

/// The creditor's own rule in the policy profile travels with every agreement made under it:
/// `accord status` and the follow-up page hold the plan to that rule unless another is given.
#[test]
fn the_profile_rule_travels_with_the_agreement() {
    let (_, mut draft) = broken_draft();
    let strict = ServicingRule { grace_days: 0, broken_after_days_late: 10, broken_after_missed_in_row: 2 };
    draft.policy.servicing = Some(strict);
    let policy = draft.policy.parse().unwrap();
    draft.agreement_id = Some("0c8e2f6a-6a53-4d0e-8f3b-7e1d2c9a4b15".into());
    draft.record(2, LogEvent::Agreed, "2025-05-01T09:30:00.000Z", &policy);
    let text = agreement_json(&agreement_for_draft(&draft, Channel::Agent).unwrap().unwrap());
    let (agreement, raw) = import_agreement(&text).unwrap();
    assert!(verify(&agreement, &raw).verified());
    assert_eq!(agreement.terms.policy.as_ref().and_then(|p| p.servicing), Some(strict));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json["terms"]["policy"]["servicing"],
        serde_json::json!({"graceDays": "0", "brokenAfterDaysLate": "10", "brokenAfterMissedInRow": "2"})
    );

    // Nothing paid by 2025-06-20: installment 1 (due 2025-06-01) is 19 days late. By the
    // profile's rule, more than 10 days late breaks it on 2025-06-12; by the house default
    // (more than 30) it is only late.
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 20).unwrap();
    let by_profile = agreement_status(&text, "[]", as_of, None, None).unwrap().status;
    assert_eq!((by_profile.standing, by_profile.rule), (Standing::Broken, strict));
    assert_eq!(by_profile.breach.unwrap().on, NaiveDate::from_ymd_opt(2025, 6, 12).unwrap());
    let by_house = agreement_status(&text, "[]", as_of, Some(ServicingRule::HOUSE_DEFAULT), None).unwrap().status;
    assert_eq!((by_house.standing, by_house.days_past_due), (Standing::Late, 19));

    // The follow-up page: the rule's fields hold the profile's figures and say whose they are.
    let mut page = FollowUp::new(Locale::En, as_of);
    assert!(page.open(&text, None));
    let html = page.page_html(&as_recorded);
    assert!(html.contains(r#"id="sv-days-late" type="text" value="10""#), "{html}");
    assert!(html.contains("The rule of the policy profile “cn-bank-card” the agreement was made under"), "{html}");
    let parts = page.parts();
    assert!(parts.iter().any(|p| matches!(p, Part::Html("sv-status", html)
        if html.contains("Broken on 2025-06-12: installment 1 more than 10 days late."))));
    // The golden, made under a profile without a rule: the house default, said so.
    page.open(&golden(), None);
    assert!(page.page_html(&as_recorded).contains("The default (5 days&#39; grace;"));
}

/// A plan renegotiated while it stands: its conditional relief still stands on its condition,
/// so the new negotiation keeps it conditional — breaking the new plan brings the interest
/// and penalty back, as breaking the old one would have.
#[test]
fn a_standing_plan_keeps_its_conditional_relief_in_the_renegotiation() {
    let (agreement, raw) = import_agreement(&golden()).unwrap();
    let plan = verify(&agreement, &raw).recomputed.unwrap();
    let payments = read_payments("date,amount\n2025-02-15,833.33\n2025-03-15,833.33\n", plan.currency).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    let order = agreement.terms.allocation_order.clone().unwrap_or_default();
    let status = status(&plan, &order, ServicingRule::HOUSE_DEFAULT, &payments, as_of).unwrap();
    assert_eq!(status.standing, Standing::Kept);
    let draft = renegotiation_draft(&agreement, &plan, &status);
    // By hand: 10,000.00 − 2 × 833.33 of the principal; the 1,200.00 and 300.00 kept in the claim.
    let claim = &draft.account.claim;
    assert_eq!(
        [&claim.principal, &claim.interest, &claim.penalty, &claim.fees],
        ["8333.34", "1200.00", "300.00", "0.00"]
    );
    for offer in &draft.offers {
        let waived: Vec<_> = offer.waivers.iter().map(|w| (w.value.as_str(), w.conditional)).collect();
        assert_eq!(waived, [("", false), ("1200.00", true), ("300.00", true), ("", false)], "offer {}", offer.name);
    }
    // Offer C's plan: 8,333.34 due, the relief back on a breach.
    let policy = draft.policy.parse().unwrap();
    let outcome = accord::domain::request::evaluate(&draft.request(2, &policy).unwrap()).unwrap();
    assert_eq!(outcome.due.total().to_string(), "8333.34");
    assert_eq!(outcome.reinstated_on_breach.total().to_string(), "1500.00");
}

/// Re-aging by hand on the golden: installment 1 paid, 2 (2025-03-15) and 3 (2025-04-15)
/// missed; on 2025-04-20 a lenient rule (5 days' grace, broken after 60 days late or 3 missed
/// in a row) has not broken it. The re-aged agreement's terms are the old ones with `moves`
/// 2 → 2026-02-15 and 3 → 2026-03-15: installments 4 to 12 keep their dates, 2 and 3 follow
/// 12 (2026-01-15) a month apart at 833.33 each; the balance runs
/// 9,166.67 after 1 … 1,666.66 after 12 (833.37), 833.33 after 2, 0.00 after 3.
#[test]
fn re_aging_moves_the_missed_installments_to_the_end_at_the_same_payment() {
    let (agreement, raw) = import_agreement(&golden()).unwrap();
    let plan = verify(&agreement, &raw).recomputed.unwrap();
    let payments = read_payments("date,amount\n2025-02-15,833.33\n", plan.currency).unwrap();
    let lenient = ServicingRule { grace_days: 5, broken_after_days_late: 60, broken_after_missed_in_row: 3 };
    let order = agreement.terms.allocation_order.clone().unwrap_or_default();
    let as_of = NaiveDate::from_ymd_opt(2025, 4, 20).unwrap();
    let status = status(&plan, &order, lenient, &payments, as_of).unwrap();
    assert_eq!(status.standing, Standing::Late);
    assert_eq!(check_reage(&plan, &status), Ok(vec![2, 3]));
    let reaged =
        reaged_agreement(&agreement, &plan, &status, REAGED_ID.into(), "2025-04-20T08:00:00.000Z".into()).unwrap();
    let moves: Vec<(u32, &str)> = reaged.terms.moves.iter().map(|m| (m.number, m.due_date.as_str())).collect();
    assert_eq!(moves, [(2, "2026-02-15"), (3, "2026-03-15")]);
    assert_eq!(reaged.terms.plan, agreement.terms.plan, "the rest of the terms stay");
    let rows: Vec<(u32, String, String, String)> = reaged
        .outcome
        .schedule
        .iter()
        .map(|r| (r.number, r.date.to_string(), r.payment.to_string(), r.balance.to_string()))
        .collect();
    let row = |n: u32, date: &str, payment: &str, balance: &str| (n, date.into(), payment.into(), balance.into());
    assert_eq!(rows[0], row(1, "2025-02-15", "833.33", "9166.67"));
    assert_eq!(rows[1], row(4, "2025-05-15", "833.33", "8333.34"));
    assert_eq!(rows[9], row(12, "2026-01-15", "833.37", "1666.66"));
    assert_eq!(rows[10], row(2, "2026-02-15", "833.33", "833.33"));
    assert_eq!(rows[11], row(3, "2026-03-15", "833.33", "0.00"));
    // The same plan in total, the relief still conditional.
    assert_eq!(reaged.outcome.totals, plan.totals);
    assert_eq!(reaged.outcome.reinstated_on_breach, plan.reinstated_on_breach);
    // Made on the agent's channel, the log continued by the entry that agreed it, the chain.
    assert_eq!(reaged.channel, Channel::Agent);
    assert_eq!(reaged.negotiation_log[..agreement.negotiation_log.len()], agreement.negotiation_log[..]);
    let last = reaged.negotiation_log.last().unwrap();
    assert_eq!((last.event, &last.terms), (LogEvent::Agreed, &reaged.terms));
    assert_eq!(reaged.supersedes.as_ref().unwrap().sha256, agreement.sha256);
    let (opened, raw) = import_agreement(&agreement_json(&reaged)).unwrap();
    assert!(verify(&opened, &raw).verified(), "{:?}", verify(&opened, &raw).differences);
    // The same payments on the same day: kept, what was paid stays paid, 4 due next.
    let again = accord::domain::servicing::status(&plan_of(&opened, &raw), &order, lenient, &payments, as_of).unwrap();
    assert_eq!(
        (again.standing, again.applied, again.arrears.to_string()),
        (Standing::Kept, status.applied, "0.00".into())
    );
    assert_eq!(again.next_due.map(|n| (n.number, n.date.to_string())), Some((4, "2025-05-15".into())));

    // Not for a broken plan, nor with nothing past due.
    let broken =
        accord::domain::servicing::status(&plan, &order, ServicingRule::HOUSE_DEFAULT, &payments, as_of).unwrap();
    assert_eq!(check_reage(&plan, &broken).unwrap_err(), ReageRefusal::Broken);
    let on_time = accord::domain::servicing::status(
        &plan,
        &order,
        lenient,
        &payments,
        NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
    )
    .unwrap();
    assert_eq!(check_reage(&plan, &on_time).unwrap_err(), ReageRefusal::NothingMissed);
}

const REAGED_ID: &str = "3f2a9c41-8b7d-4e6f-a1c2-5d4e3f2a1b0c";

fn plan_of(agreement: &accord::export::agreement::AgreementFile, raw: &accord::json::Value) -> PlanOutcome {
    verify(agreement, raw).recomputed.unwrap()
}

/// An interest-bearing plan re-ages the same way: the golden 100,000.00 at 9.99 % in 36
/// monthly installments of 3,226.25 from 2025-02-15, installments 1 to 3 paid, 4 and 5
/// missed. Installments 4 and 5 move to 2028-02-15 and 2028-03-15 (after 36 on 2028-01-15)
/// with the principal and interest the agreement gave them (2,433.61 + 792.64 and
/// 2,453.87 + 772.38, read from the golden): the plan's interest stays 16,145.00 in all, its
/// annualized rate falls below 9.99 % (the same payments, later).
#[test]
fn an_interest_bearing_plan_re_ages_with_its_rows_as_agreed() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/agreement-installments.json"))
            .unwrap();
    let (agreement, raw) = import_agreement(&text).unwrap();
    let plan = plan_of(&agreement, &raw);
    let payments =
        read_payments("date,amount\n2025-02-15,3226.25\n2025-03-15,3226.25\n2025-04-15,3226.25\n", plan.currency)
            .unwrap();
    let lenient = ServicingRule { grace_days: 5, broken_after_days_late: 60, broken_after_missed_in_row: 3 };
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 20).unwrap();
    let status = status(&plan, &[], lenient, &payments, as_of).unwrap();
    let reaged =
        reaged_agreement(&agreement, &plan, &status, REAGED_ID.into(), "2025-06-20T08:00:00.000Z".into()).unwrap();
    let outcome = &reaged.outcome;
    let moved: Vec<_> = outcome.schedule[34..]
        .iter()
        .map(|r| (r.number, r.date.to_string(), r.principal.to_string(), r.interest.to_string()))
        .collect();
    assert_eq!(
        moved,
        [
            (4, "2028-02-15".into(), plan.schedule[3].principal.to_string(), plan.schedule[3].interest.to_string()),
            (5, "2028-03-15".into(), plan.schedule[4].principal.to_string(), plan.schedule[4].interest.to_string()),
        ]
    );
    assert_eq!(outcome.schedule[33].date.to_string(), "2028-01-15");
    assert_eq!(outcome.totals, plan.totals);
    let nominal = |o: &PlanOutcome| o.annualized_rate.as_ref().unwrap().nominal_percent;
    assert_eq!(nominal(&plan).to_string(), "9.99");
    assert!(
        nominal(outcome) < nominal(&plan) && nominal(outcome) > rust_decimal::Decimal::from(9),
        "{}",
        nominal(outcome)
    );
    let (opened, raw) = import_agreement(&agreement_json(&reaged)).unwrap();
    assert!(verify(&opened, &raw).verified());
}

/// `accord verify --previous` accepts the re-aged agreement with its chain, and `accord
/// status` takes the whole payment history for it.
#[test]
fn accord_verify_and_status_take_the_re_aged_agreement() {
    let (agreement, raw) = import_agreement(&golden()).unwrap();
    let plan = plan_of(&agreement, &raw);
    let payments = read_payments("date,amount\n2025-02-15,833.33\n", plan.currency).unwrap();
    let lenient = ServicingRule { grace_days: 5, broken_after_days_late: 60, broken_after_missed_in_row: 3 };
    let status = status(&plan, &[], lenient, &payments, NaiveDate::from_ymd_opt(2025, 4, 20).unwrap()).unwrap();
    let reaged =
        reaged_agreement(&agreement, &plan, &status, REAGED_ID.into(), "2025-04-20T08:00:00.000Z".into()).unwrap();
    let dir = std::env::temp_dir().join(format!("accord-reage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let new = dir.join("reaged.json");
    std::fs::write(&new, agreement_json(&reaged)).unwrap();
    let paid = dir.join("payments.csv");
    std::fs::write(&paid, "date,amount\n2025-02-15,833.33\n2025-05-15,833.33\n").unwrap();
    let run = accord;
    let (new, paid) = (new.to_str().unwrap(), paid.to_str().unwrap());
    let (code, out) = run(&["verify", new, "--previous", GOLDEN]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.ends_with("verified\n"), "{out}");
    // By the house rule, on 2025-05-20: 1 and 4 paid on their dates, 2 and 3 not yet due.
    let (code, out) = run(&["status", new, paid, "--as-of", "2025-05-20"]);
    assert_eq!(code, Some(0), "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["standing"], "kept", "{out}");
    assert_eq!(json["nextDue"]["number"], 5, "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

    /// Re-aging keeps the total: over plans agreed in the workspace's way (1.00 to
    /// 1,000,000.00 at 0 to 24 % in 2 to 36 monthly installments, part of the interest waived
    /// on condition) and payments on time, partial or missed, the re-aged plan has the same
    /// rows (numbers, amounts and splits) and totals, the rows not moved keep their dates and
    /// the moved ones come after the last; with the same payments on the same day nothing is
    /// past due and what was paid stays paid.
    #[test]
    fn re_aging_keeps_the_total(
        principal in 100u64..100_000_000,
        interest in 0u64..1_000_000,
        rate in 0u32..2400,
        count in 2u32..=36,
        paid in proptest::collection::vec(0u8..4, 36),
        partial_share in 1u32..100,
        as_of_row in 0usize..36,
        days_after in 0u64..40,
    ) {
        let mut draft = accord::domain::negotiation::Draft::new("2025-01-15", "2025-02-15", "2025-01-31");
        draft.account.reference = "ACC-P".into();
        draft.account.claim.principal = format!("{}.{:02}", principal / 100, principal % 100);
        draft.account.claim.interest = format!("{}.{:02}", interest / 100, interest % 100);
        draft.offers[2].count = count.to_string();
        draft.offers[2].annual_rate_percent = format!("{}.{:02}", rate / 100, rate % 100);
        draft.offers[2].waivers[1] =
            accord::domain::negotiation::WaiverDraft { value: "50".into(), conditional: true, ..Default::default() };
        let policy = draft.policy.parse().unwrap();
        draft.agreement_id = Some("9a1c4e2b-5d6f-4a7b-8c9d-0e1f2a3b4c5d".into());
        draft.record(2, LogEvent::Agreed, "2025-01-15T10:00:00.000Z", &policy);
        let text = agreement_json(&agreement_for_draft(&draft, Channel::Agent).unwrap().unwrap());
        let (agreement, raw) = import_agreement(&text).unwrap();
        let plan = verify(&agreement, &raw).recomputed.unwrap();
        // Each row: 0 or 1 paid on its date, 2 partly paid, 3 missed.
        let mut csv = String::from("date,amount\n");
        for (row, how) in plan.schedule.iter().zip(&paid) {
            let amount = match how {
                0 | 1 => row.payment.value(),
                2 => (row.payment.value() * rust_decimal::Decimal::from(partial_share) / rust_decimal::Decimal::from(100))
                    .round_dp(2),
                _ => continue,
            };
            if amount > rust_decimal::Decimal::ZERO {
                csv.push_str(&format!("{},{}\n", row.date, amount));
            }
        }
        let payments = read_payments(&csv, plan.currency).unwrap();
        let row = as_of_row.min(plan.schedule.len() - 1);
        let as_of = plan.schedule[row].date + chrono::Days::new(days_after);
        let never = ServicingRule { grace_days: 0, broken_after_days_late: 0, broken_after_missed_in_row: 0 };
        let status = status(&plan, &[], never, &payments, as_of).unwrap();
        let moved = match check_reage(&plan, &status) {
            Ok(moved) => moved,
            Err(ReageRefusal::NothingMissed | ReageRefusal::Completed) => return Ok(()),
            Err(other) => return Err(proptest::test_runner::TestCaseError::fail(format!("{other:?}"))),
        };
        let reaged = reaged_agreement(&agreement, &plan, &status, REAGED_ID.into(), "2025-01-16T10:00:00.000Z".into())
            .unwrap();
        let outcome = &reaged.outcome;
        proptest::prop_assert_eq!(&outcome.totals, &plan.totals);
        proptest::prop_assert_eq!(outcome.reinstated_on_breach, plan.reinstated_on_breach);
        let mut rows: Vec<_> = outcome.schedule.iter().map(|r| (r.number, r.payment, r.principal, r.interest)).collect();
        rows.sort_by_key(|r| r.0);
        let old: Vec<_> = plan.schedule.iter().map(|r| (r.number, r.payment, r.principal, r.interest)).collect();
        proptest::prop_assert_eq!(&rows, &old);
        let last = plan.schedule.last().unwrap().date;
        for row in &outcome.schedule {
            if moved.contains(&row.number) {
                proptest::prop_assert!(row.date > last);
            } else {
                proptest::prop_assert_eq!(row.date, plan.schedule[row.number as usize - 1].date);
            }
        }
        proptest::prop_assert_eq!(outcome.schedule.last().unwrap().balance.to_string(), "0.00");
        let again = accord::domain::servicing::status(outcome, &[], never, &payments, as_of).unwrap();
        proptest::prop_assert_eq!(again.applied, status.applied);
        proptest::prop_assert_eq!(again.arrears.to_string(), "0.00");
        // Seventy days later, nothing more paid: re-aged again, the rows missed since (moved
        // ones too) move again; the same rows and totals, and the agreement verifies.
        let later = as_of + chrono::Days::new(70);
        let (opened, _) = import_agreement(&agreement_json(&reaged)).unwrap();
        let status = accord::domain::servicing::status(outcome, &[], never, &payments, later).unwrap();
        if let Ok(twice) = reaged_agreement(&opened, outcome, &status, REAGED_ID.into(), "2025-01-17T10:00:00.000Z".into()) {
            proptest::prop_assert_eq!(&twice.outcome.totals, &plan.totals);
            let mut rows: Vec<_> = twice.outcome.schedule.iter().map(|r| (r.number, r.payment, r.principal, r.interest)).collect();
            rows.sort_by_key(|r| r.0);
            proptest::prop_assert_eq!(&rows, &old);
            let again = accord::domain::servicing::status(&twice.outcome, &[], never, &payments, later).unwrap();
            proptest::prop_assert_eq!(again.arrears.to_string(), "0.00");
            let (file, raw) = import_agreement(&agreement_json(&twice)).unwrap();
            proptest::prop_assert!(verify(&file, &raw).verified());
        }
    }
}

/// Moves a file could carry that no re-aging makes are refused with the field and why, never
/// computed: an installment the plan lacks, a date off the plan's calendar or inside the
/// plan, two installments on one date, a settlement's payment, a date that is not one.
#[test]
fn crafted_moves_are_refused_with_their_field() {
    use accord::domain::request::{evaluate, MoveRequest, PlanTermsRequest};
    let (agreement, _) = import_agreement(&golden()).unwrap();
    let refused = |moves: &[(u32, &str)]| {
        let mut terms = agreement.terms.clone();
        terms.moves =
            moves.iter().map(|(number, date)| MoveRequest { number: *number, due_date: date.to_string() }).collect();
        let errors = evaluate(&terms).map(|_| ()).unwrap_err();
        errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
    };
    assert_eq!(refused(&[(13, "2026-02-15")]), "moves: the plan has no installment 13 (it has 12)");
    assert_eq!(refused(&[(0, "2026-02-15")]), "moves: the plan has no installment 0 (it has 12)");
    let not_a_due_date =
        "moves: installment 2 moves once, to a due date of the plan after its last and the move before";
    assert_eq!(refused(&[(2, "2026-02-16")]), not_a_due_date, "off the calendar");
    assert_eq!(refused(&[(2, "2025-06-15")]), not_a_due_date, "inside the plan");
    assert_eq!(refused(&[(3, "2026-03-15"), (2, "2026-02-15")]), not_a_due_date, "before the move before");
    assert_eq!(refused(&[(3, "2026-02-15"), (2, "2026-02-15")]), not_a_due_date, "on the move before's date");
    assert_eq!(refused(&[(2, "2026-02-15"), (2, "2026-03-15")]), not_a_due_date, "moved twice");
    assert_eq!(refused(&[(2, "2026-02-30")]), "moves: not a date (YYYY-MM-DD)");
    // Later than the next period is allowed: 3 in April, 2 in June (May left empty).
    let mut terms = agreement.terms.clone();
    terms.moves = vec![
        MoveRequest { number: 3, due_date: "2026-04-15".into() },
        MoveRequest { number: 2, due_date: "2026-06-15".into() },
    ];
    let rows = evaluate(&terms).unwrap().schedule;
    let tail: Vec<_> = rows[10..].iter().map(|r| (r.number, r.date.to_string(), r.balance.to_string())).collect();
    assert_eq!(tail, [(3, "2026-04-15".into(), "833.33".into()), (2, "2026-06-15".into(), "0.00".into())]);
    terms.plan = PlanTermsRequest::Settlement { pay_by: "2025-02-15".into() };
    let errors = evaluate(&terms).unwrap_err();
    assert_eq!(errors[0].to_string(), "moves: only an installment plan's installments move");
}
