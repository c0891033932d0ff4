//! Prints how fast the core is: one 360-installment equal-installment plan with its IRR
//! (median of many runs), and plans per second for `accord batch` over 100,000 mixed
//! requests. Run with `scripts/bench` (it builds the CLI with the speed profile first).

use accord::domain::calendar::{DayCount, Frequency};
use accord::domain::request::{
    evaluate, ClaimRequest, ExtensionInterestRequest, ExtensionUnit, MethodRequest, PlanRequest, PlanTermsRequest,
};
use std::io::{BufWriter, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 2_000;
const BATCH: usize = 100_000;

fn installments(principal: &str, rate: &str, count: u32, frequency: Frequency, method: MethodRequest) -> PlanRequest {
    PlanRequest {
        claim: ClaimRequest {
            currency: "CNY".into(),
            as_of: "2025-01-15".into(),
            principal: principal.into(),
            interest: "1234.56".into(),
            penalty: "321.00".into(),
            fees: "99.00".into(),
            contract_rate_percent: "18".into(),
            contract_date: Some("2024-06-01".into()),
        },
        plan: PlanTermsRequest::Installments {
            down_payment: String::new(),
            count: Some(count.to_string()),
            target_payment: None,
            frequency,
            method,
            step_up_percent: (method == MethodRequest::StepUp).then(|| "5".into()),
            annual_rate_percent: rate.into(),
            // One regular period after the as-of date 2025-01-15.
            first_due_date: match frequency {
                Frequency::Weekly => "2025-01-22",
                Frequency::Biweekly => "2025-01-29",
                Frequency::Semimonthly => "2025-01-30",
                Frequency::Monthly => "2025-02-15",
            }
            .into(),
            day_count: DayCount::Periodic,
            round_up_to: None,
        },
        discount_rate_percent: Some("8".into()),
        ..PlanRequest::default()
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn single_plan() {
    let request = installments("200000", "6", 360, Frequency::Monthly, MethodRequest::EqualInstallment);
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let outcome = evaluate(std::hint::black_box(&request)).expect("reference plan computes");
        times.push(start.elapsed());
        assert!(outcome.annualized_rate.is_some());
    }
    times.sort();
    println!(
        "one 360-installment equal-installment plan with IRR: median {:.1} µs, p95 {:.1} µs, min {:.1} µs ({RUNS} runs)",
        percentile(&times, 0.5).as_secs_f64() * 1e6,
        percentile(&times, 0.95).as_secs_f64() * 1e6,
        times[0].as_secs_f64() * 1e6,
    );
}

/// A deterministic mix: settlements, extensions and every installment method and frequency,
/// 1 to 360 installments (linear congruential generator, fixed seed).
fn mixed_requests(path: &std::path::Path) -> std::io::Result<()> {
    let mut seed: u64 = 0x5eed;
    let mut next = move |modulus: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % modulus
    };
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    for _ in 0..BATCH {
        let principal = format!("{}.{:02}", 1_000 + next(500_000), next(100));
        let request = match next(10) {
            0 => PlanRequest {
                plan: PlanTermsRequest::Settlement { pay_by: "2025-02-28".into() },
                ..installments(&principal, "0", 1, Frequency::Monthly, MethodRequest::EqualInstallment)
            },
            1 => PlanRequest {
                plan: PlanTermsRequest::Extension {
                    length: (1 + next(180)).to_string(),
                    unit: ExtensionUnit::Days,
                    fee: "50".into(),
                    interest: ExtensionInterestRequest::Contract,
                    reduced_rate_percent: None,
                    day_count: DayCount::Act365F,
                },
                ..installments(&principal, "0", 1, Frequency::Monthly, MethodRequest::EqualInstallment)
            },
            kind => {
                let frequency = [Frequency::Monthly, Frequency::Biweekly, Frequency::Weekly, Frequency::Semimonthly]
                    [next(4) as usize];
                let method = [
                    MethodRequest::EqualInstallment,
                    MethodRequest::EqualPrincipal,
                    MethodRequest::InterestOnlyBalloon,
                    MethodRequest::StepUp,
                ][(kind % 4) as usize];
                let rate = format!("{}.{:02}", next(24), next(100));
                installments(&principal, &rate, 1 + next(360) as u32, frequency, method)
            }
        };
        serde_json::to_writer(&mut out, &request)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn batch_throughput() {
    let accord = std::env::var("ACCORD_BIN").unwrap_or_else(|_| "target/cli/accord".into());
    if !std::path::Path::new(&accord).exists() {
        println!("accord batch: skipped ({accord} not built; run scripts/bench)");
        return;
    }
    let path = std::env::temp_dir().join("accord-bench-batch.jsonl");
    mixed_requests(&path).expect("write the batch input");
    let start = Instant::now();
    let output = Command::new(&accord)
        .arg("batch")
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("accord batch runs");
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!(
        "accord batch over {BATCH} mixed requests: {:.2} s, {:.0} plans/s ({})",
        elapsed.as_secs_f64(),
        BATCH as f64 / elapsed.as_secs_f64(),
        stderr.lines().last().unwrap_or("no summary")
    );
    if std::env::var_os("ACCORD_KEEP_BATCH").is_none() {
        let _ = std::fs::remove_file(path);
    }
}

/// Object members whose keys alternate U+10000.. and U+E000.. (the two orders, UTF-8 and
/// UTF-16, disagree on every pair), until the JSON is about `bytes` long.
fn adversarial_members(bytes: usize) -> serde_json::Map<String, serde_json::Value> {
    let mut members = serde_json::Map::new();
    let (mut i, mut size) = (0u32, 0usize);
    while size < bytes {
        for first in [0x1_0000 + i % 0xF_0000, 0xE000 + i % 0x1000] {
            let key = format!("{}{i}", char::from_u32(first).unwrap_or('x'));
            size += key.len() + 8;
            members.insert(key, serde_json::Value::Null);
        }
        i += 1;
    }
    members
}

/// Issue 13: inputs up to the caps are verified or refused in under a second. A 1.9 MB
/// agreement whose keys defeat an insertion sort (it took 13–15 s), a link at the 64 KB cap
/// made the same way and signed, and a 3 MB link (refused before it is decoded).
fn adversarial_inputs() {
    use accord::export::agreement::{content_hash, import_agreement, verify};
    use accord::export::base64url::encode as base64url;
    use accord::export::signature::{secret_key_file, sign_bytes, verify_link, KeySet, PublicKeyEntry};
    let golden = include_str!("../tests/golden/agreement-installments.json");
    let mut agreement: serde_json::Value = serde_json::from_str(golden).expect("golden");
    let members = adversarial_members(1_900_000);
    let keys = members.len();
    // In the outcome, which is read as JSON and compared figure by figure after the hash is
    // checked over the canonical form: every key goes through the sort.
    agreement["outcome"]["padding"] = serde_json::Value::Object(members);
    agreement["sha256"] = content_hash(&agreement).expect("hash").into();
    let text = agreement.to_string();
    let start = Instant::now();
    let verdict = import_agreement(&text).map(|(a, raw)| verify(&a, &raw).count);
    println!(
        "a {:.1} MB agreement with {keys} keys alternating U+10000.. and U+E000..: {} in {:.0} ms",
        text.len() as f64 / 1e6,
        verdict.map_or_else(|e| format!("refused ({e})"), |n| format!("hash checked, differences listed: {n}")),
        start.elapsed().as_secs_f64() * 1e3
    );
    let seed = [9u8; 32];
    let key = secret_key_file("bench", seed);
    let key_set = KeySet {
        keys: vec![PublicKeyEntry { key_id: "bench".into(), public_key: key.public_key, role: Default::default() }],
    };
    let offer = serde_json::json!({ "version": 1, "offerId": "B", "keyId": "bench", "expiresAt": "2099-01-01T00:00:00Z",
                                    "padding": adversarial_members(45_000) });
    let canonical = accord::export::canonical::canonical_json(&offer).expect("canonical");
    let link =
        format!("#offer={}.{}", base64url(canonical.as_bytes()), base64url(&sign_bytes(seed, canonical.as_bytes())));
    for (name, link) in
        [("a signed link at the cap", link), ("a 3 MB link", format!("#offer={}.x", "A".repeat(3_000_000)))]
    {
        let start = Instant::now();
        let verdict = verify_link(&link, &key_set, "2025-01-01T00:00:00Z");
        println!(
            "{name} ({} KB): {} in {:.1} ms",
            link.len() / 1024,
            verdict.map_or_else(|e| format!("refused ({e})"), |_| "verified".into()),
            start.elapsed().as_secs_f64() * 1e3
        );
    }
}

fn main() {
    single_plan();
    adversarial_inputs();
    batch_throughput();
}
