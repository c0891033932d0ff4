//! Renegotiation from the record (issue 16): a broken agreement's status gives the draft of a
//! new negotiation — the claim with the conditional relief back, the log continued, the old
//! agreement linked — and the agreement made from it verifies with its `supersedes` chain,
//! in the core and with `accord verify --previous`.
#![cfg(not(target_arch = "wasm32"))]

use accord::domain::negotiation::LogEvent;
use accord::domain::servicing::payments::read_payments;
use accord::domain::servicing::{claim_owed, status, ServicingRule, Standing};
use accord::export::agreement::{agreement_for_draft, agreement_json, import_agreement, verify, Channel};
use accord::export::renegotiation::renegotiation_draft;
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
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
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
