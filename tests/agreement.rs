//! The agreement JSON: golden files, verification, tampering, and a strict importer.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use accord::domain::negotiation::{LogEntry, LogEvent};
use accord::domain::request::PlanRequest;
use accord::export::agreement::{
    agreement_json, build_agreement, content_hash, import_agreement, verify, Agreement, AgreementContext, Channel,
    ImportError, References, MAX_AGREEMENT_BYTES,
};
use proptest::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn request(fixture: &str) -> PlanRequest {
    let text = fs::read_to_string(root().join("tests/fixtures").join(fixture)).expect("fixture");
    serde_json::from_str(&text).expect("fixture parses")
}

/// A fixed context, so the golden files do not change between runs.
fn context(terms: &PlanRequest) -> AgreementContext {
    let entry = |at: &str, event| LogEntry { at: at.into(), event, offer: "C".into(), terms: terms.clone() };
    AgreementContext {
        agreement_id: "7d8f0c52-3c1e-4f4b-9a57-0d7c6e2b1a90".into(),
        created_at: "2025-01-15T10:05:00.000Z".into(),
        channel: Channel::Agent,
        references: References { account_reference: "ACC-2025-0001".into(), agent_id: Some("agent-17".into()) },
        offer: "C".into(),
        log: vec![
            entry("2025-01-15T10:01:00.000Z", LogEvent::Shown),
            entry("2025-01-15T10:02:30.000Z", LogEvent::Proposed),
            entry("2025-01-15T10:05:00.000Z", LogEvent::Agreed),
        ],
        signed_offer: None,
        consent: None,
        approvals: Vec::new(),
        supersedes: None,
    }
}

fn agreement(fixture: &str) -> Agreement {
    let terms = request(fixture);
    build_agreement(&terms, context(&terms)).expect("the fixture computes")
}

const GOLDEN: [(&str, &str); 4] = [
    ("installments.json", "agreement-installments.json"),
    ("installments-with-relief.json", "agreement-relief.json"),
    ("settlement-with-relief.json", "agreement-settlement.json"),
    ("extension.json", "agreement-extension.json"),
];

#[test]
fn agreements_match_the_golden_files() {
    // Regenerate after an intended change with: UPDATE_GOLDEN=1 cargo test --test agreement
    for (fixture, golden) in GOLDEN {
        let path = root().join("tests/golden").join(golden);
        let built = agreement(fixture);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            fs::write(&path, agreement_json(&built) + "\n").expect("write golden");
        }
        let expected: Value = serde_json::from_str(&fs::read_to_string(&path).expect(golden)).expect("golden parses");
        assert_eq!(serde_json::to_value(&built).unwrap(), expected, "{golden} differs; see the comment above");
    }
}

#[test]
fn golden_agreements_verify_and_carry_known_figures() {
    for (_, golden) in GOLDEN {
        let text = fs::read_to_string(root().join("tests/golden").join(golden)).unwrap();
        let (agreement, raw) = import_agreement(&text).unwrap();
        let verification = verify(&agreement, &raw);
        assert!(verification.verified(), "{golden}: {:?}", verification.differences);
    }
    // PRODUCT.md: 100,000 at 9.99 % over 36 months: 3,226.25 a month, 16,145.00 interest;
    // the terms in normal form carry amounts with two decimals.
    let a = agreement("installments.json");
    assert_eq!(a.terms.claim.principal, "100000.00");
    assert_eq!(a.outcome.schedule[0].payment.to_string(), "3226.25");
    assert_eq!(a.outcome.totals.interest.to_string(), "16145.00");
    assert_eq!(a.outcome.schedule.len(), 36);
    assert_eq!(a.sha256.len(), 64);
    // The extension's 1,200 of penalty is waived on condition: it comes back if the plan breaks.
    let extension = agreement("extension.json");
    assert_eq!(extension.outcome.reinstated_on_breach.penalty.to_string(), "1200.00");
    assert_eq!(extension.outcome.reinstated_on_breach.total().to_string(), "1200.00");
}

#[test]
fn the_hash_covers_the_canonical_form_not_the_formatting() {
    let a = agreement("installments.json");
    let compact = serde_json::to_string(&a).unwrap();
    let (imported, raw) = import_agreement(&compact).unwrap();
    assert!(verify(&imported, &raw).verified());
    assert_eq!(content_hash(&raw).unwrap(), a.sha256);
}

/// Every amount-like string in the outcome: (JSON pointer, value).
fn amounts(value: &Value, pointer: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(m) => m.iter().for_each(|(k, v)| amounts(v, format!("{pointer}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| amounts(v, format!("{pointer}/{i}"), out)),
        Value::String(s) if s.parse::<rust_decimal::Decimal>().is_ok() && s.contains('.') => {
            out.push((pointer, s.clone()));
        }
        _ => {}
    }
}

/// `text` plus one unit of its last decimal digit.
fn plus_one_unit(text: &str) -> String {
    let d: rust_decimal::Decimal = text.parse().unwrap();
    let unit = rust_decimal::Decimal::new(1, d.scale());
    (d + unit).to_string()
}

#[test]
fn tampering_with_any_figure_by_one_minor_unit_is_detected_even_when_rehashed() {
    let a = agreement("installments.json");
    let original = serde_json::to_value(&a).unwrap();
    let mut figures = Vec::new();
    amounts(&original["outcome"], "/outcome".into(), &mut figures);
    assert!(figures.len() > 36 * 5, "{} figures", figures.len());
    for (pointer, text) in &figures {
        let mut tampered = original.clone();
        *tampered.pointer_mut(pointer).unwrap() = Value::String(plus_one_unit(text));
        // Not rehashed: the hash no longer matches.
        let (imported, raw) = import_agreement(&tampered.to_string()).unwrap();
        let v = verify(&imported, &raw);
        assert!(v.differences.iter().any(|d| d.path == "sha256"), "{pointer}");
        // Rehashed by the forger: recomputing finds the figure.
        tampered["sha256"] = Value::String(content_hash(&tampered.clone().into()).unwrap());
        let (imported, raw) = import_agreement(&tampered.to_string()).unwrap();
        let v = verify(&imported, &raw);
        let path = pointer.trim_start_matches('/').replace('/', ".");
        assert!(v.differences.iter().any(|d| d.path == path), "{pointer}: {:?}", v.differences);
        assert!(v.differences.iter().all(|d| d.path != "sha256"), "{pointer}");
    }
}

#[test]
fn changed_terms_are_recomputed_and_every_affected_figure_listed() {
    let a = agreement("installments.json");
    let mut tampered = serde_json::to_value(&a).unwrap();
    tampered["terms"]["plan"]["annualRatePercent"] = Value::String("9.98".into());
    tampered["sha256"] = Value::String(content_hash(&tampered.clone().into()).unwrap());
    let (imported, raw) = import_agreement(&tampered.to_string()).unwrap();
    let v = verify(&imported, &raw);
    assert!(v.differences.iter().any(|d| d.path == "outcome.schedule.0.payment"), "{:?}", v.differences);
    assert!(v.count > 36);
}

#[test]
fn terms_not_in_normal_form_are_a_difference() {
    let a = agreement("installments.json");
    let mut tampered = serde_json::to_value(&a).unwrap();
    tampered["terms"]["claim"]["principal"] = Value::String("100,000".into());
    tampered["sha256"] = Value::String(content_hash(&tampered.clone().into()).unwrap());
    let (imported, raw) = import_agreement(&tampered.to_string()).unwrap();
    let v = verify(&imported, &raw);
    // The terms are not in normal form, and no longer the terms of the entry that agreed.
    let paths: Vec<&str> = v.differences.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["negotiationLog.2.terms.claim.principal", "terms.claim.principal"], "{:?}", v.differences);
}

#[test]
fn every_edit_of_the_log_is_a_difference() {
    // Issue 13: with the hash recomputed, an edited log printed "verified".
    let a = agreement("installments.json");
    let value = serde_json::to_value(&a).unwrap();
    let last = value["negotiationLog"].as_array().unwrap().len() - 1;
    type Edit = Box<dyn Fn(&mut Value)>;
    let edits: Vec<(&str, Edit)> = vec![
        ("rejected", Box::new(move |v: &mut Value| v["negotiationLog"][last]["event"] = "rejected".into())),
        ("offer Z", Box::new(move |v: &mut Value| v["negotiationLog"][last]["offer"] = "Z".into())),
        ("in 2031", Box::new(move |v: &mut Value| v["negotiationLog"][last]["at"] = "2031-01-15T10:05:00.000Z".into())),
        (
            "principal",
            Box::new(move |v: &mut Value| v["negotiationLog"][last]["terms"]["claim"]["principal"] = "90000.00".into()),
        ),
        ("count", Box::new(move |v: &mut Value| v["negotiationLog"][last]["terms"]["plan"]["count"] = "12".into())),
        (
            "not normal",
            Box::new(|v: &mut Value| v["negotiationLog"][0]["terms"]["claim"]["principal"] = "100,000".into()),
        ),
        ("out of order", Box::new(|v: &mut Value| v["negotiationLog"][1]["at"] = "2024-01-01T00:00:00Z".into())),
        (
            "after",
            Box::new(|v: &mut Value| {
                let mut extra = v["negotiationLog"][0].clone();
                extra["at"] = "2025-01-15T10:06:00Z".into();
                v["negotiationLog"].as_array_mut().unwrap().push(extra);
            }),
        ),
        ("emptied", Box::new(|v: &mut Value| v["negotiationLog"] = Value::Array(Vec::new()))),
        // A member the typed reading drops (null for an optional one) is still in the record.
        (
            "stray null",
            Box::new(|v: &mut Value| v["negotiationLog"][0]["terms"]["plan"]["targetPayment"] = Value::Null),
        ),
    ];
    for (name, edit) in edits {
        let mut tampered = value.clone();
        edit(&mut tampered);
        tampered["sha256"] = Value::String(content_hash(&tampered.clone().into()).unwrap());
        let (imported, raw) = import_agreement(&tampered.to_string()).unwrap();
        let v = verify(&imported, &raw);
        assert!(!v.verified(), "{name}: verified");
        assert!(v.differences.iter().all(|d| d.path.starts_with("negotiationLog")), "{name}: {:?}", v.differences);
    }
}

#[test]
fn bad_files_get_their_own_error() {
    let good = agreement_json(&agreement("installments.json"));
    let value: Value = serde_json::from_str(&good).unwrap();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = value.clone();
        f(&mut v);
        v.to_string()
    };
    assert!(matches!(import_agreement(&good[..good.len() / 2]), Err(ImportError::Truncated)));
    assert!(matches!(import_agreement("PK\u{3}\u{4} not json"), Err(ImportError::NotJson { line: 1, .. })));
    assert!(matches!(import_agreement("[1, 2]"), Err(ImportError::NotAnAgreement)));
    assert!(matches!(
        import_agreement(&with(&|v| v["schemaVersion"] = 2.into())),
        Err(ImportError::UnknownVersion { found }) if found == "2"
    ));
    assert!(matches!(
        import_agreement(&with(&|v| v["terms"]["claim"]["principal"] = 100000.into())),
        Err(ImportError::NumberNotString { .. })
    ));
    assert!(matches!(
        import_agreement(&with(&|v| v["terms"]["plan"]["bonus"] = "1.00".into())),
        Err(ImportError::UnknownField { field, .. }) if field == "bonus"
    ));
    // In the computed part, a number for a string or an unknown field is a difference at
    // its path (and a fraction has no canonical form, so the hash cannot match either).
    let (a, raw) = import_agreement(&with(&|v| {
        v["outcome"]["schedule"][3]["payment"] = 3226.25.into();
        v["outcome"]["totals"]["bonus"] = "1.00".into();
    }))
    .unwrap();
    let paths: Vec<String> = verify(&a, &raw).differences.into_iter().map(|d| d.path).collect();
    assert_eq!(paths, ["sha256", "outcome.schedule.3.payment", "outcome.totals.bonus"]);
    assert!(matches!(import_agreement(&with(&|v| v["channel"] = true.into())), Err(ImportError::Invalid { .. })));
    assert!(matches!(
        import_agreement(&with(&|v| v["createdAt"] = "15/01/2025 10:05".into())),
        Err(ImportError::NotUtcTime { field }) if field == "createdAt"
    ));
    let duplicated = good.replacen("\"offer\": \"C\"", "\"offer\": \"C\", \"offer\": \"D\"", 1);
    assert!(matches!(import_agreement(&duplicated), Err(ImportError::DuplicateKey { key }) if key == "offer"));
    let huge = format!("{{\"pad\": \"{}\"}}", "x".repeat(10 * 1024 * 1024));
    assert!(matches!(import_agreement(&huge), Err(ImportError::TooLarge { max: MAX_AGREEMENT_BYTES, .. })));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_importer_never_panics_on_arbitrary_text(text in any::<String>()) {
        let _ = import_agreement(&text);
    }

    #[test]
    fn the_importer_and_verifier_never_panic_on_a_mangled_agreement(
        cut in 0usize..20_000,
        insert in any::<String>(),
        drop in 0usize..64,
    ) {
        let good = agreement_json(&agreement("settlement-with-relief.json"));
        let cut = cut.min(good.len());
        let cut = (0..=cut).rev().find(|i| good.is_char_boundary(*i)).unwrap_or(0);
        let end = (cut + drop).min(good.len());
        let end = (end..=good.len()).find(|i| good.is_char_boundary(*i)).unwrap_or(good.len());
        let mangled = format!("{}{}{}", &good[..cut], insert, &good[end..]);
        if let Ok((agreement, raw)) = import_agreement(&mangled) {
            let _ = verify(&agreement, &raw);
        }
    }
}

#[test]
fn the_cli_verifies_a_golden_file_and_refuses_a_tampered_one() {
    let cli = Path::new(env!("CARGO_BIN_EXE_accord"));
    let golden = root().join("tests/golden/agreement-installments.json");
    let out = std::process::Command::new(cli).arg("verify").arg(&golden).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("verified"));

    let mut value: Value = serde_json::from_str(&fs::read_to_string(&golden).unwrap()).unwrap();
    value["outcome"]["schedule"][11]["payment"] = Value::String("3226.26".into());
    value["sha256"] = Value::String(content_hash(&value.clone().into()).unwrap());
    let tampered = std::env::temp_dir().join(format!("accord-tampered-{}.json", std::process::id()));
    fs::write(&tampered, value.to_string()).unwrap();
    let out = std::process::Command::new(cli).arg("verify").arg(&tampered).output().unwrap();
    let _ = fs::remove_file(&tampered);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("outcome.schedule.11.payment: recorded \"3226.26\", recomputed \"3226.25\""), "{stdout}");
}

#[test]
fn the_workspace_exports_the_terms_as_agreed_even_if_edited_afterwards() {
    use accord::domain::negotiation::Draft;
    use accord::export::agreement::agreement_for_draft;
    let mut draft = Draft::new("2025-01-15", "2025-02-15", "2025-01-31");
    draft.account.claim.principal = "100,000".into();
    draft.account.reference = "ACC-9".into();
    draft.offers[2].count = "36".into();
    draft.offers[2].annual_rate_percent = "9.99".into();
    assert!(agreement_for_draft(&draft, Channel::Agent).is_none());
    let policy = draft.policy.parse().unwrap();
    draft.record(2, LogEvent::Agreed, "2025-01-15T10:05:00.000Z", &policy);
    draft.agreement_id = Some("id-1".into());
    draft.offers[2].count = "48".into(); // edited after agreeing
    let agreement = agreement_for_draft(&draft, Channel::Agent).unwrap().unwrap();
    assert_eq!(agreement.outcome.schedule.len(), 36);
    assert_eq!(agreement.outcome.schedule[0].payment.to_string(), "3226.25");
    assert_eq!((agreement.offer.as_str(), agreement.created_at.as_str()), ("C", "2025-01-15T10:05:00.000Z"));
    assert_eq!(agreement.references.account_reference, "ACC-9");
    let (imported, raw) = import_agreement(&agreement_json(&agreement)).unwrap();
    assert!(verify(&imported, &raw).verified());
}

#[test]
fn a_negotiation_round_trips_and_bad_ones_are_refused() {
    use accord::domain::negotiation::Draft;
    use accord::export::agreement::import_negotiation;
    let mut draft = Draft::new("2025-01-15", "2025-02-15", "2025-01-31");
    draft.offers[1].extension_fee = "1,2".into(); // half-typed text survives
    let json = serde_json::to_string(&draft).unwrap();
    assert_eq!(import_negotiation(&json).unwrap(), draft);
    let mut value: Value = serde_json::from_str(&json).unwrap();
    value["version"] = 7.into();
    assert!(matches!(import_negotiation(&value.to_string()), Err(ImportError::UnknownVersion { .. })));
    let agreement = agreement_json(&agreement("installments.json"));
    assert!(matches!(import_negotiation(&agreement), Err(ImportError::NotANegotiation)));
    assert!(matches!(import_negotiation(&json[..json.len() - 3]), Err(ImportError::Truncated)));
    value["version"] = 1.into();
    value["offers"] = Value::Array(vec![]);
    assert!(matches!(import_negotiation(&value.to_string()), Err(ImportError::NotANegotiation)));
}

#[test]
fn a_self_service_agreement_is_checked_against_its_signed_offer() {
    use accord::domain::offer::{request_for, Selection};
    use accord::export::agreement::{verify_with_keys, SignedOfferRef};
    use accord::export::signature::KeySet;
    let support::SignedTestOffer { keys, signed, offer } = support::signed_test_offer("2025-02-15T00:00:00Z");
    let selection = Selection { choice: 0, count: 12, down_payment: "1000".into(), date: "2025-02-15".into() };
    let terms = request_for(&offer, &selection).unwrap();
    let made = |terms: &PlanRequest, signed: Option<SignedOfferRef>| {
        let context = AgreementContext {
            agreement_id: "a-1".into(),
            created_at: "2025-01-20T09:00:00Z".into(),
            channel: Channel::SelfService,
            references: References { account_reference: "ACC-1".into(), agent_id: None },
            offer: "OFR-1".into(),
            log: vec![],
            signed_offer: signed,
            consent: None,
            approvals: Vec::new(),
            supersedes: None,
        };
        let agreement = build_agreement(terms, context).unwrap();
        import_agreement(&agreement_json(&agreement)).unwrap()
    };
    let paths = |(a, raw): &(accord::export::agreement::AgreementFile, accord::json::Value), keys: Option<&KeySet>| {
        verify_with_keys(a, raw, keys).differences.into_iter().map(|d| d.path).collect::<Vec<_>>()
    };
    let within = made(&terms, Some(signed.clone()));
    assert!(paths(&within, Some(&keys)).is_empty());
    assert_eq!(paths(&within, None), ["signedOffer"]);
    // 25 installments: the offer allows at most 24.
    let mut greedy = terms.clone();
    if let accord::domain::request::PlanTermsRequest::Installments { count, .. } = &mut greedy.plan {
        *count = Some("25".into());
    }
    assert_eq!(paths(&made(&greedy, Some(signed.clone())), Some(&keys)), ["terms"]);
    // A signed offer altered by one character no longer verifies.
    let mut altered = signed.clone();
    altered.signature = format!("A{}", &signed.signature[1..]);
    assert_eq!(paths(&made(&terms, Some(altered)), Some(&keys)), ["signedOffer"]);
    // Self-service without its offer.
    assert_eq!(paths(&made(&terms, None), Some(&keys)), ["signedOffer"]);
}

/// Issue 14: approvals that bind, and the creditor's signed policy.
mod approvals {
    use super::*;
    use accord::domain::negotiation::PolicyDraft;
    use accord::domain::policy::{Policy, RuleKind};
    use accord::export::agreement::verify_with_keys;
    use accord::export::approval::{approval_code, approve, profile_sha256, sign_policy, Approval};
    use accord::export::signature::{secret_key_file, KeyRole, KeySet, PublicKeyEntry, SecretKeyFile};

    fn keys() -> (SecretKeyFile, SecretKeyFile, KeySet) {
        let creditor = secret_key_file("creditor", [3; 32]);
        let supervisor = secret_key_file("sup-1", [5; 32]);
        let entry = |k: &SecretKeyFile, role| PublicKeyEntry {
            key_id: k.key_id.clone(),
            public_key: k.public_key.clone(),
            role,
        };
        let set = KeySet { keys: vec![entry(&creditor, KeyRole::Offer), entry(&supervisor, KeyRole::Approver)] };
        (creditor, supervisor, set)
    }

    /// 100,000 over `count` months with `waiver` % of the principal waived (a house rule says
    /// any principal waiver needs approval), under `policy`.
    fn terms(count: &str, waiver: &str, policy: Policy) -> PlanRequest {
        let mut request: PlanRequest = serde_json::from_str(&format!(
            r#"{{"claim":{{"currency":"CNY","asOf":"2025-01-15","principal":"100000"}},
            "waivers":[{{"bucket":"principal","percent":"{waiver}"}}],
            "plan":{{"type":"installments","count":"{count}","annualRatePercent":"9.99",
            "firstDueDate":"2025-02-15"}}}}"#
        ))
        .unwrap();
        request.policy = Some(policy);
        request
    }

    fn made(
        terms: &PlanRequest,
        approvals: Vec<Approval>,
    ) -> (accord::export::agreement::AgreementFile, accord::json::Value) {
        let approvals = approvals.iter().map(approval_code).collect();
        let agreement = build_agreement(terms, AgreementContext { approvals, ..context(terms) }).unwrap();
        import_agreement(&agreement_json(&agreement)).unwrap()
    }

    fn paths(
        made: &(accord::export::agreement::AgreementFile, accord::json::Value),
        keys: Option<&KeySet>,
    ) -> Vec<String> {
        verify_with_keys(&made.0, &made.1, keys).differences.into_iter().map(|d| d.path).collect()
    }

    #[test]
    fn a_finding_that_needs_approval_verifies_only_with_a_signed_approval_of_these_terms() {
        let (creditor, supervisor, keys) = keys();
        let policy = sign_policy(&Policy::cn_bank_card(), &creditor).unwrap();
        let request = terms("36", "10", policy.clone());
        let at = "2025-01-15T10:00:00Z";

        // No approval: the record system is told what is missing.
        assert_eq!(paths(&made(&request, vec![]), Some(&keys)), ["approvals"]);
        // A valid approval: verified with the keys; without them, the approval is unchecked.
        let approval = approve(&request, &supervisor, "zhang.wei", "hardship", at).unwrap();
        let approved = made(&request, vec![approval]);
        assert_eq!(paths(&approved, Some(&keys)), Vec::<String>::new());
        assert_eq!(paths(&approved, None), ["approvals.0"]);
        // An approval of other terms (11 % waived) does not carry over.
        let other = approve(&terms("36", "11", policy.clone()), &supervisor, "zhang.wei", "hardship", at).unwrap();
        let stale = paths(&made(&request, vec![other]), Some(&keys));
        assert_eq!(stale, ["approvals.0.statement.termsSha256", "approvals.0"]);
        // An approval by the creditor's offer key, or dated after the agreement, does not bind.
        let by_creditor = approve(&request, &creditor, "x", "y", at).unwrap();
        assert_eq!(paths(&made(&request, vec![by_creditor]), Some(&keys)), ["approvals.0"]);
        let late = approve(&request, &supervisor, "x", "y", "2025-01-16T00:00:00Z").unwrap();
        assert_eq!(paths(&made(&request, vec![late]), Some(&keys)), ["approvals.0.statement.approvedAt"]);
        // An approval where nothing needs one is out of place.
        let plain = terms("36", "0", policy);
        let extra = approve(&request, &supervisor, "x", "y", at).unwrap();
        let extra = paths(&made(&plain, vec![extra]), Some(&keys));
        assert!(extra.starts_with(&["approvals.0".to_string()]), "{extra:?}");
    }

    #[test]
    fn a_block_never_verifies_and_an_unsigned_policy_fails_with_the_keys() {
        let (creditor, _, keys) = keys();
        // 61 installments: Art. 70 blocks (term and count).
        let blocked = made(&terms("61", "0", sign_policy(&Policy::cn_bank_card(), &creditor).unwrap()), vec![]);
        let found = paths(&blocked, Some(&keys));
        assert!(found.iter().all(|p| p.starts_with("outcome.findings.")) && found.len() == 2, "{found:?}");
        // The built-in profile is not the creditor's signed one: with the keys, that is said.
        let unsigned = made(&terms("36", "0", Policy::cn_bank_card()), vec![]);
        assert_eq!(paths(&unsigned, Some(&keys)), ["terms.policy.signed"]);
        assert_eq!(paths(&unsigned, None), Vec::<String>::new());
    }

    #[test]
    fn an_override_is_recorded_and_the_profile_keeps_its_name_hash_and_signature() {
        // 66 monthly installments break Art. 70's 60 months and 60 installments (block). An
        // agent raises both limits to 72 for this account: each finding the override relaxes
        // needs approval, and with one the agreement verifies, signature and all.
        let (creditor, supervisor, keys) = keys();
        let mut draft = PolicyDraft::from(&sign_policy(&Policy::cn_bank_card(), &creditor).unwrap());
        for rule in &mut draft.rules {
            if matches!(rule.rule, RuleKind::MaxInstallments | RuleKind::MaxTermMonths) {
                rule.limit = "72".into();
            }
        }
        let request = terms("66", "0", draft.parse().unwrap());
        let approval = approve(&request, &supervisor, "zhang.wei", "longer term", "2025-01-15T10:00:00Z").unwrap();
        assert_eq!(approval.statement.findings.len(), 2);
        let context = AgreementContext { approvals: vec![approval_code(&approval)], ..context(&request) };
        let agreement = build_agreement(&request, context).unwrap();
        let basis = serde_json::to_value(&agreement.policy_basis).unwrap();
        assert_eq!(basis["name"], "cn-bank-card");
        assert_eq!(basis["sha256"], profile_sha256(&Policy::cn_bank_card()));
        let overrides = serde_json::json!([
            { "rule": "maxTermMonths", "from": "60", "to": "72" },
            { "rule": "maxInstallments", "from": "60", "to": "72" },
        ]);
        assert_eq!(basis["overrides"], overrides);
        let (file, raw) = import_agreement(&agreement_json(&agreement)).unwrap();
        assert!(verify_with_keys(&file, &raw, Some(&keys)).verified());
    }
}
