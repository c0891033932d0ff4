//! `accord intake`, run as a creditor runs it: a real server on a free port, a real SQLite
//! file, requests over TCP as a browser or a portal sends them (issue 15).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use accord::domain::offer::{request_for, Selection, SelfServiceOffer};
use accord::export::agreement::{
    agreement_compact_json, build_agreement, AgreementContext, Channel, References, SignedOfferRef,
};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::intake_process::{start_intake, IntakeProcess as Intake};

fn start(dir: &Path, extra: &[&str]) -> Intake {
    start_intake(env!("CARGO_BIN_EXE_accord"), &dir.join("keys.json"), &dir.join("agreements.sqlite"), extra)
}

/// One HTTP/1.1 request to /agreements; (status, headers in lower case, body).
fn request(intake: &Intake, method: &str, headers: &[(&str, &str)], body: &str) -> (u16, String, String) {
    request_to(intake, method, "/agreements", headers, body)
}

fn request_to(
    intake: &Intake,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(&intake.address).expect("connects");
    let mut text = format!("{method} {path} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\n", intake.address);
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("content-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len()));
    stream.write_all(text.as_bytes()).expect("writes the head");
    stream.write_all(body.as_bytes()).expect("writes the body");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("reads the response");
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

fn post(intake: &Intake, body: &str, key: &str) -> (u16, Value) {
    let (status, _, body) = request(intake, "POST", &[("idempotency-key", key)], body);
    (status, serde_json::from_str(&body).unwrap_or(Value::String(body)))
}

/// A creditor's keys in `dir`/keys.json, a signed offer, and self-service agreements made
/// within it: the test's own deployment.
struct Deployment {
    dir: PathBuf,
    offer: SelfServiceOffer,
    signed: SignedOfferRef,
}

impl Deployment {
    fn new(name: &str) -> Deployment {
        let dir = std::env::temp_dir().join(format!("accord-intake-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let support::SignedTestOffer { keys, signed, offer } = support::signed_test_offer("2099-02-15T00:00:00Z");
        std::fs::write(dir.join("keys.json"), serde_json::to_string(&keys).unwrap()).unwrap();
        Deployment { dir, offer, signed }
    }

    /// The debtor's agreement `id` for `count` installments.
    fn agreement(&self, id: &str, count: u32) -> String {
        let selection = Selection { choice: 0, count, down_payment: "1000".into(), date: "2025-02-15".into() };
        let terms = request_for(&self.offer, &selection).unwrap();
        let context = AgreementContext {
            agreement_id: id.into(),
            created_at: "2025-01-20T09:00:00Z".into(),
            channel: Channel::SelfService,
            references: References { account_reference: "ACC-1".into(), agent_id: None },
            offer: "OFR-1".into(),
            log: vec![],
            signed_offer: Some(self.signed.clone()),
            consent: None,
            approvals: Vec::new(),
            supersedes: None,
        };
        agreement_compact_json(&build_agreement(&terms, context).unwrap())
    }
}

impl Drop for Deployment {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn an_agreement_is_verified_stored_once_and_receipted() {
    let deployment = Deployment::new("once");
    let intake = start(&deployment.dir, &["--allow-origin", "https://pay.example"]);
    let agreement = deployment.agreement("a-1", 12);

    // Stored: 201 with a receipt.
    let (status, receipt) = post(&intake, &agreement, "a-1");
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["agreementId"], "a-1");
    assert!(receipt["receiptId"].as_str().unwrap().starts_with("R-"));
    assert!(receipt["receivedAt"].as_str().unwrap().ends_with('Z'));
    // The same body again (a client's retry): 200, the same receipt.
    assert_eq!(post(&intake, &agreement, "a-1"), (200, receipt.clone()));
    // Where the 201 pointed: the receipt, to ask for instead of sending again.
    let (status, _, body) = request_to(&intake, "GET", "/agreements/a-1", &[], "");
    assert_eq!((status, serde_json::from_str::<Value>(&body).unwrap()), (200, receipt.clone()));
    let (status, _, body) = request_to(&intake, "GET", "/agreements/a-404", &[], "");
    assert_eq!((status, serde_json::from_str::<Value>(&body).unwrap()["error"].clone()), (404, "notFound".into()));
    // Another body under the same id: 409.
    let (status, refusal) = post(&intake, &deployment.agreement("a-1", 6), "a-1");
    assert_eq!((status, refusal["error"].as_str()), (409, Some("agreementIdTaken")));
    // A second agreement for the same signed offer: 409, with when it was accepted.
    let (status, refusal) = post(&intake, &deployment.agreement("a-2", 6), "a-2");
    assert_eq!((status, refusal["error"].as_str()), (409, Some("offerAlreadyAccepted")));
    assert_eq!(refusal["acceptedAt"], receipt["receivedAt"]);

    // A figure changed after signing: 422 with the differences.
    let tampered = deployment.agreement("a-3", 12).replacen("\"payment\":\"750.00\"", "\"payment\":\"700.00\"", 1);
    let (status, refusal) = post(&intake, &tampered, "a-3");
    assert_eq!((status, refusal["error"].as_str()), (422, Some("notVerified")), "{refusal}");
    assert!(refusal["differences"].as_array().unwrap().iter().any(|d| d["path"].as_str().unwrap().contains("payment")));
    // Not an agreement, a key that is not its id, a body over the cap.
    assert_eq!(post(&intake, "not json", "x").1["error"], "notAnAgreement");
    assert_eq!(post(&intake, &deployment.agreement("a-4", 12), "a-5").1["error"], "idempotencyKeyMismatch");
    let (status, _, _) = request(&intake, "POST", &[], &"x".repeat(3 * 1024 * 1024));
    assert_eq!(status, 413);

    // CORS: the listed origin only.
    let preflight = [("origin", "https://pay.example"), ("access-control-request-method", "POST")];
    let (status, head, _) = request(&intake, "OPTIONS", &preflight, "");
    assert_eq!(status, 204);
    assert!(head.contains("access-control-allow-origin: https://pay.example"), "{head}");
    assert!(head.contains("access-control-allow-headers: content-type, idempotency-key"), "{head}");
    assert!(head.contains("access-control-allow-methods: post, get"), "{head}");
    let (_, head, _) = request(&intake, "OPTIONS", &[("origin", "https://evil.example")], "");
    assert!(!head.contains("access-control-allow-origin"), "{head}");

    // The record system's export: what was stored, one line each.
    let export = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["intake", "export", "--db"])
        .arg(deployment.dir.join("agreements.sqlite"))
        .output()
        .expect("export runs");
    assert_eq!(export.status.code(), Some(0));
    let lines: Vec<Value> =
        String::from_utf8_lossy(&export.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["receiptId"], receipt["receiptId"]);
    assert_eq!(lines[0]["agreement"]["agreementId"], "a-1");
    let later = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["intake", "export", "--since", "2999-01-01T00:00:00Z", "--db"])
        .arg(deployment.dir.join("agreements.sqlite"))
        .output()
        .expect("export runs");
    assert!(later.stdout.is_empty());
}

#[test]
fn an_acknowledged_agreement_survives_a_kill_and_a_restart() {
    let deployment = Deployment::new("restart");
    let agreement = deployment.agreement("a-1", 12);
    let receipt = {
        let mut intake = start(&deployment.dir, &[]);
        let (status, receipt) = post(&intake, &agreement, "a-1");
        assert_eq!(status, 201);
        // SIGKILL: no shutdown, no flush beyond what the commit did.
        intake.child.kill().expect("killed");
        receipt
    };
    let intake = start(&deployment.dir, &[]);
    assert_eq!(post(&intake, &agreement, "a-1"), (200, receipt));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["intake"][..],
        &["intake", "--keys", "k.json"],
        &["intake", "--db", "x", "--bogus", "y"],
        &["intake", "export"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_accord")).args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
