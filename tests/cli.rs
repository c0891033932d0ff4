//! The `accord` command-line tool, run as the record system runs it.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn accord(args: &[&str], stdin: &str) -> Output {
    accord_bytes(args, stdin.as_bytes())
}

fn accord_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("accord runs");
    // Written from a thread of its own: a large input and its output would otherwise fill
    // both pipes and wait on each other.
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let output = child.wait_with_output().expect("accord finishes");
    writer.join().expect("writer thread").expect("write stdin");
    output
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
    assert!(text(&out.stderr).contains("not valid JSON: EOF while parsing"), "{}", text(&out.stderr));

    let out = accord(&["plan", "-"], "{\"claim\": {\"currency\": \"CNY\", \"asOf\": \"2025-01-01\", \"principal\": 100}, \"plan\": {\"type\": \"settlement\", \"payBy\": \"2025-02-01\"}}");
    assert_eq!(out.status.code(), Some(1), "amounts as JSON numbers are refused");
    assert!(
        text(&out.stderr).contains("error: claim.principal: a JSON number where a decimal string is expected"),
        "{}",
        text(&out.stderr)
    );

    // One rule for every command: a file that cannot be read is exit 2, like a usage error.
    for args in [&["plan", "no/such/file.json"][..], &["batch", "no/such/file.json"], &["verify", "no/such/file.json"]]
    {
        let out = accord(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = accord(&["keygen", "--help"], "");
    assert_eq!(out.status.code(), Some(2), "a flag is not a key id");
    assert!(out.stdout.is_empty());
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
fn batch_on_several_threads_writes_what_one_thread_writes_in_input_order() {
    // Many chunks of 256 lines (some computed out of order), good, bad and blank mixed, each line's principal its
    // own, so a result out of place shows in its figures as well as in its line number.
    let fixture = std::fs::read_to_string("tests/fixtures/installments.json").expect("fixture");
    let template: serde_json::Value = serde_json::from_str(&fixture).expect("JSON");
    let mut input = String::new();
    for i in 0..5_000 {
        match i % 7 {
            3 => input.push_str("not json\n"),
            5 => input.push('\n'),
            _ => {
                let mut request = template.clone();
                request["claim"]["principal"] = format!("{}.00", 1_000 + i).into();
                request["plan"]["count"] = (1 + i % 60).to_string().into();
                input.push_str(&request.to_string());
                input.push('\n');
            }
        }
    }
    let one = accord(&["batch", "-", "--jobs", "1"], &input);
    let two = accord(&["batch", "-", "--jobs", "2"], &input);
    let three = accord(&["batch", "--jobs", "3", "-"], &input);
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(text(&one.stdout).lines().count(), 5_000 - 5_000 / 7 - usize::from(5_000 % 7 > 5));
    assert!(text(&one.stdout) == text(&two.stdout), "--jobs 2 differs from --jobs 1");
    assert!(text(&one.stdout) == text(&three.stdout), "--jobs 3 differs from --jobs 1");
    let last: serde_json::Value = serde_json::from_str(text(&two.stdout).lines().last().unwrap()).unwrap();
    assert_eq!(last["line"], 5_000);
    assert!(text(&two.stderr).contains("done, 4286 requests, 714 with errors"), "{}", text(&two.stderr));
    for bad in ["0", "x", "257"] {
        let out = accord(&["batch", "-", "--jobs", bad], "");
        assert_eq!(out.status.code(), Some(2), "--jobs {bad}");
        assert!(text(&out.stderr).contains("--jobs takes a whole number"), "{}", text(&out.stderr));
    }
}

#[test]
fn batch_gives_every_line_its_own_result_whatever_it_holds() {
    // Issue 13: a line that made the core panic ended the batch, and so did a line that is
    // not UTF-8. These lines panicked before: a one-day extension whose fee dwarfs the
    // amount, a policy limit of 1e5, an LPR of 2^96 − 1.
    let extension = r#"{"claim":{"currency":"CNY","asOf":"2025-01-01","principal":"100"},"plan":{"type":"extension","length":"1","fee":"600","interest":"frozen"}}"#;
    let policy = |limit: &str, lpr: &str| {
        format!(
            r#"{{"claim":{{"currency":"CNY","asOf":"2025-01-01","principal":"10000","contractRatePercent":"18","contractDate":"2024-06-01"}},"plan":{{"type":"installments","count":"12","annualRatePercent":"18","firstDueDate":"2025-02-01"}},"policy":{{"name":"p","rules":[{{"rule":"rateCapLprMultiple","limit":"{limit}","severity":"block"}}],"lpr":[{{"from":"2020-01-01","oneYearPercent":"{lpr}"}}]}}}}"#
        )
    };
    let mut input = Vec::new();
    for line in
        [extension.to_string(), policy("1e5", "3.1"), policy("4", "79228162514264337593543950335"), policy("4", "3.1")]
    {
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    input.extend_from_slice(b"{\"claim\": \xff\xfe}\n");
    input.extend_from_slice(extension.as_bytes());
    let out = accord_bytes(&["batch", "-"], &input);
    let lines: Vec<serde_json::Value> =
        text(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.iter().map(|l| l["line"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6]);
    // The extension computes: 100 + 600 in one day; its nominal rate stands, the effective
    // rate (compounding one day's 600 % a year) is not meaningful and is left out.
    assert_eq!(lines[0]["plan"]["schedule"][0]["payment"], "700.00");
    assert!(lines[0]["plan"]["annualizedRate"]["effectivePercent"].is_null(), "{}", lines[0]);
    assert!(lines[0]["plan"]["annualizedRate"]["nominalPercent"].is_string());
    assert_eq!(lines[1]["errors"][0]["field"], "policy.rules.0.limit", "{}", lines[1]);
    assert_eq!(lines[2]["errors"][0]["field"], "policy.lpr.0.oneYearPercent", "{}", lines[2]);
    assert!(lines[3]["plan"].is_object(), "{}", lines[3]);
    assert!(lines[4]["errors"][0]["message"].as_str().unwrap().contains("not UTF-8"));
    assert!(lines[5]["plan"].is_object());
    assert!(!text(&out.stderr).contains("internal error"), "{}", text(&out.stderr));
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
        "accountReference": "ACC-7",
        "claim": { "currency": "CNY", "asOf": "2025-01-15", "principal": "8000.00" },
        "choices": [{ "type": "installments", "minCount": 3, "maxCount": 24, "frequency": "monthly",
            "method": "equalInstallment", "annualRatePercent": "0", "minDownPaymentPercent": "10",
            "firstDueFrom": "2025-02-01", "firstDueTo": "2025-02-28" }]
    });
    // Issue 13: offers the debtor's page cannot use are refused, naming what is wrong.
    let sign = |offer: &serde_json::Value| {
        accord(&["offer", "sign", "--key", key_path.to_str().unwrap(), "-"], &offer.to_string())
    };
    let mut bad = offer.clone();
    bad["choices"][0]["minCount"] = 24.into();
    bad["choices"][0]["maxCount"] = 3.into();
    let mut abc = offer.clone();
    abc["claim"]["principal"] = "abc".into();
    let mut unknown = offer.clone();
    unknown["surprise"] = true.into();
    let mut none = offer.clone();
    none["choices"] = serde_json::json!([]);
    for (bad, expected) in [
        (bad, "choices.0.maxCount"),
        (abc, "claim.principal"),
        (unknown, "unknown field `surprise`"),
        (none, "choices: at least one"),
    ] {
        let out = sign(&bad);
        assert_eq!(out.status.code(), Some(1), "{expected}");
        assert!(text(&out.stderr).contains(expected), "{expected}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty());
    }
    let out = accord(
        &["offer", "sign", "--key", key_path.to_str().unwrap(), "-", "--base", "https://pay.example/"],
        &offer.to_string(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout).trim().to_string();
    assert!(link.starts_with("https://pay.example/pay.html#offer="));

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

#[test]
fn policy_sign_and_approve_make_what_the_workspace_and_verify_check() {
    use accord::export::approval::{read_approval_code, signed_profiles};
    use accord::export::signature::KeySet;
    let dir = std::env::temp_dir().join(format!("accord-cli-approve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let mut public = Vec::new();
    for (id, role) in [("creditor", "offer"), ("sup-1", "approver")] {
        let out = accord(&["keygen", id], "");
        std::fs::write(path(&format!("{id}.json")), &out.stdout).unwrap();
        let key: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        public.push(serde_json::json!({ "keyId": id, "publicKey": key["publicKey"], "role": role }));
    }
    let keys = KeySet::from_json(serde_json::json!({ "keys": public }).into()).unwrap();
    let profile = accord(&["policy", "profile", "cn-bank-card"], "");
    std::fs::write(path("card.json"), &profile.stdout).unwrap();
    let out = accord(&["policy", "sign", "--key", &path("creditor.json"), &path("card.json")], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (kept, refused) = signed_profiles(&text(&out.stdout), &keys).unwrap();
    assert_eq!((kept.len(), refused.len()), (1, 0));
    // A supervisor's key cannot sign the creditor's policy.
    let out = accord(&["policy", "sign", "--key", &path("sup-1.json"), &path("card.json")], "");
    let (kept, _) = signed_profiles(&text(&out.stdout), &keys).unwrap();
    assert!(kept.is_empty());

    let request = r#"{"claim":{"currency":"CNY","asOf":"2025-01-15","principal":"100000"},
        "waivers":[{"bucket":"principal","percent":"10"}],
        "plan":{"type":"installments","count":"36","annualRatePercent":"9.99","firstDueDate":"2025-02-15"}}"#;
    let approve = |extra: &[&str]| {
        let key = path("sup-1.json");
        let mut args = vec!["approve", "--key", key.as_str(), "-", "--approver", "zhang.wei", "--reason", "hardship"];
        args.extend_from_slice(extra);
        accord(&args, request)
    };
    let out = approve(&["--at", "2025-01-15T10:00:00Z"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("MaxWaiverPercent (Principal)"));
    let approval = read_approval_code(&text(&out.stdout)).unwrap();
    assert_eq!((approval.statement.approver.as_str(), approval.statement.reason.as_str()), ("zhang.wei", "hardship"));
    assert_eq!(approve(&["--at", "yesterday"]).status.code(), Some(1));
    // Without --reason: a usage error.
    let out = accord(&["approve", "--key", &path("sup-1.json"), "-", "--approver", "x"], "");
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn status_verifies_the_agreement_and_states_where_the_plan_stands() {
    // The golden: 36 rows of 3,226.25 from 2025-02-15 (PRODUCT.md's reference plan). Two paid,
    // the second 5 days late (within the 5 days' grace); on 2025-04-10 the plan is kept.
    let payments = "交易日期,金额,流水号\n2025/02/15,\"3,226.25\",A1\n2025/03/20,3226.25,A2\n";
    let args = ["status", "tests/golden/agreement-installments.json", "-", "--as-of", "2025-04-10"];
    let out = accord(&args, payments);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON out");
    assert_eq!((status["standing"].as_str(), status["houseDefault"].as_bool()), (Some("kept"), Some(true)));
    assert_eq!(status["installments"][1]["state"], "paidLate");
    assert_eq!(status["installments"][1]["daysLate"], 5);
    assert_eq!(status["nextDue"]["date"], "2025-04-15");
    // A stricter rule (no grace, broken at the first miss) breaks it on 03-16.
    let rule = std::env::temp_dir().join(format!("accord-rule-{}.json", std::process::id()));
    std::fs::write(&rule, r#"{"graceDays": "0", "brokenAfterDaysLate": "0", "brokenAfterMissedInRow": "1"}"#).unwrap();
    let strict = [&args[..], &["--rule", rule.to_str().unwrap()]].concat();
    let out = accord(&strict, payments);
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON out");
    assert_eq!((status["standing"].as_str(), status["breach"]["on"].as_str()), (Some("broken"), Some("2025-03-16")));
    std::fs::remove_file(rule).ok();
    // A bad payments row is named; a changed agreement gets no status.
    let out = accord(&args, "date,amount\n2025-02-15,-3\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("row 2, amount: negative"), "{}", text(&out.stderr));
    let golden = std::fs::read_to_string("tests/golden/agreement-installments.json").unwrap();
    let changed = golden.replacen("\"3226.25\"", "\"3226.20\"", 1);
    let out = accord(&["status", "-", "tests/golden/agreement-installments.json"], &changed);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("does not verify"), "{}", text(&out.stderr));
    assert_eq!(accord(&["status", "a.json"], "").status.code(), Some(2));
    assert_eq!(accord(&["status", "a.json", "b.csv", "--as-of", "2025-02-30"], "").status.code(), Some(2));
}

#[test]
fn status_batch_counts_kept_late_and_broken() {
    let golden: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("tests/golden/agreement-installments.json").unwrap()).unwrap();
    let paid = |date: &str| serde_json::json!({"date": date, "amount": "3226.25"});
    let lines = [
        serde_json::json!({"agreement": golden, "payments": [paid("2025-02-15")], "asOf": "2025-03-01"}),
        serde_json::json!({"agreement": golden, "payments": [paid("2025-02-15")], "asOf": "2025-03-18"}),
        serde_json::json!({"agreement": golden, "payments": "date,amount\n"}),
        serde_json::json!({"agreement": golden}),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let out = accord(&["status", "--batch", "-", "--as-of", "2025-06-01", "--jobs", "2"], &input);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let results: Vec<serde_json::Value> =
        text(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("one JSON per line")).collect();
    let standings: Vec<_> = results.iter().map(|r| r["standing"].as_str().unwrap_or("error")).collect();
    assert_eq!(standings, ["kept", "late", "broken", "error"]);
    assert_eq!(results[3]["errors"][0]["field"], "payments");
    assert_eq!(results.iter().map(|r| r["line"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2, 3, 4]);
    let summary = text(&out.stderr);
    assert!(summary.contains("done, 4 agreements: 1 kept, 1 late, 1 broken, 1 with errors"), "{summary}");
}
