//! The `accord` command-line tool, run as the record system runs it.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn accord(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("accord runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("accord finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn plan_reads_a_file_and_prints_the_computed_plan() {
    let out = accord(&["plan", "tests/fixtures/installments.json"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON out");
    // PRODUCT.md reference: 3,226.25 a month, 16,145.00 interest.
    assert_eq!(plan["schedule"][0]["payment"], "3226.25");
    assert_eq!(plan["schedule"].as_array().map(Vec::len), Some(36));
    assert_eq!(plan["totals"]["interest"], "16145.00");
    assert_eq!(plan["annualizedRate"]["nominalPercent"], "9.99");
    assert!(plan["findings"].as_array().is_some_and(|f| !f.is_empty()));
}

#[test]
fn plan_reads_standard_input() {
    let request = std::fs::read_to_string("tests/fixtures/settlement-with-relief.json").expect("fixture");
    let out = accord(&["plan", "-"], &request);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON out");
    assert_eq!(plan["schedule"][0]["payment"], "9800.00");
    assert_eq!(plan["recovery"]["percentOfClaim"], "96.00");
}

#[test]
fn bad_input_exits_non_zero_naming_the_field() {
    let request =
        std::fs::read_to_string("tests/fixtures/installments.json").expect("fixture").replace("100,000.00", "1e5");
    let out = accord(&["plan", "-"], &request);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("claim.principal: not a number"), "{}", text(&out.stderr));

    let out = accord(&["plan", "-"], "{\"claim\": ");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("the request is not valid"));

    let out = accord(&["plan", "-"], "{\"claim\": {\"currency\": \"CNY\", \"asOf\": \"2025-01-01\", \"principal\": 100}, \"plan\": {\"type\": \"settlement\", \"payBy\": \"2025-02-01\"}}");
    assert_eq!(out.status.code(), Some(1), "amounts as JSON numbers are refused");

    let out = accord(&["plan", "no/such/file.json"], "");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn batch_writes_one_result_per_line_in_order() {
    let good = serde_json::to_string(
        &serde_json::from_str::<serde_json::Value>(
            &std::fs::read_to_string("tests/fixtures/installments.json").expect("fixture"),
        )
        .expect("JSON"),
    )
    .expect("compact");
    let bad = good.replace("100,000.00", "-5");
    let input = format!("{good}\n{bad}\nnot json\n\n{good}\n");
    let out = accord(&["batch", "-"], &input);
    assert_eq!(out.status.code(), Some(1), "a bad line makes the exit status 1");
    let lines: Vec<serde_json::Value> =
        text(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["plan"]["schedule"][0]["payment"], "3226.25");
    assert_eq!(lines[1]["errors"][0]["field"], "claim.principal");
    assert_eq!(lines[2]["line"], 3);
    assert!(lines[2]["errors"].is_array());
    assert_eq!(lines[3]["line"], 5);
    assert!(text(&out.stderr).contains("4 requests, 2 with errors"));
}

#[test]
fn usage_errors_exit_2_and_schema_prints_json() {
    assert_eq!(accord(&["frobnicate"], "").status.code(), Some(2));
    let out = accord(&["schema"], "");
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    assert_eq!(schema["title"], "Accord agreement, version 1");
    let out = accord(&["schema", "plan-request"], "");
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    assert_eq!(schema["title"], "Accord plan request");
}

#[test]
fn keygen_sign_and_verify_an_offer_link() {
    let dir = std::env::temp_dir().join(format!("accord-cli-offer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = accord(&["keygen", "creditor-2025"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let key: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(key["keyId"], "creditor-2025");
    let key_path = dir.join("key.json");
    std::fs::write(&key_path, &out.stdout).unwrap();
    let keys = serde_json::json!({ "keys": [{ "keyId": "creditor-2025", "publicKey": key["publicKey"] }] });
    let keys_path = dir.join("keys.json");
    std::fs::write(&keys_path, keys.to_string()).unwrap();
    let offer = serde_json::json!({
        "version": 1, "offerId": "OFR-7", "keyId": "creditor-2025", "expiresAt": "2025-03-01T00:00:00Z",
        "claim": { "currency": "CNY", "principal": "8000.00" }
    });
    let out = accord(
        &["offer", "sign", "--key", key_path.to_str().unwrap(), "-", "--base", "https://pay.example/"],
        &offer.to_string(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout).trim().to_string();
    assert!(link.starts_with("https://pay.example/#offer="));

    let verify = |link: &str, now: &str| {
        accord(&["offer", "verify", "--keys", keys_path.to_str().unwrap(), link, "--now", now], "")
    };
    let out = verify(&link, "2025-02-01T12:00:00Z");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(), offer);
    let out = verify(&link, "2025-03-01T00:00:01Z");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("expired"));
    let out = verify(&link[..link.len() - 5], "2025-02-01T12:00:00Z");
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}
