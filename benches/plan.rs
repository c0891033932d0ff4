//! Prints how fast the core is: one 360-installment equal-installment plan with its IRR
//! (median of many runs), and plans per second for `accord batch` over 100,000 mixed
//! requests of 12 to 60 installments, on one thread and on every core, beside a baseline
//! measured in the same run over the same lines (a naive `f64` schedule in Rust: read the
//! line, compute, write a JSON line), so the ratio holds on a noisy machine. Run with
//! `scripts/bench` (it builds the CLI with the speed profile first).

use accord::domain::calendar::{DayCount, Frequency};
use accord::domain::request::{
    evaluate, ExtensionInterestRequest, ExtensionUnit, MethodRequest, PlanRequest, PlanTermsRequest,
};
use std::io::{BufWriter, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/requests.rs"]
mod requests;
use requests::installments;

const RUNS: usize = 2_000;
const BATCH: usize = 100_000;

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
/// 12 to 60 installments (linear congruential generator, fixed seed).
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
                installments(&principal, &rate, 12 + next(49) as u32, frequency, method)
            }
        };
        serde_json::to_writer(&mut out, &request)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// `accord batch --jobs JOBS` over `path`: plans per second and its summary line.
fn run_batch(accord: &str, path: &std::path::Path, jobs: usize) -> (f64, String) {
    let start = Instant::now();
    let output = Command::new(accord)
        .args(["batch", "--jobs", &jobs.to_string()])
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("accord batch runs");
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    (BATCH as f64 / elapsed.as_secs_f64(), stderr.lines().last().unwrap_or("no summary").to_string())
}

/// The baseline: each line read as a plan request, its schedule computed naively in `f64`
/// (an annuity for installments, one payment otherwise; no waivers, no findings, no exact
/// rounding) and written as a JSON line. Plans per second on one thread.
fn float_baseline(path: &std::path::Path) -> f64 {
    #[derive(serde::Serialize)]
    struct Row {
        number: u32,
        payment: f64,
        principal: f64,
        interest: f64,
        balance: f64,
    }
    let text = std::fs::read_to_string(path).expect("batch input");
    let mut out = BufWriter::new(std::io::sink());
    let start = Instant::now();
    for line in text.lines() {
        let request: PlanRequest = serde_json::from_str(line).expect("request");
        let principal: f64 = request.claim.principal.parse().unwrap_or(0.0);
        let (count, rate) = match &request.plan {
            PlanTermsRequest::Installments { count, annual_rate_percent, frequency, .. } => (
                count.as_deref().and_then(|c| c.parse().ok()).unwrap_or(1u32),
                annual_rate_percent.parse::<f64>().unwrap_or(0.0) / 100.0 / f64::from(frequency.periods_per_year()),
            ),
            _ => (1, 0.0),
        };
        let payment = if rate == 0.0 {
            principal / f64::from(count)
        } else {
            principal * rate / (1.0 - (1.0 + rate).powi(-(count as i32)))
        };
        let mut balance = principal;
        let rows: Vec<Row> = (1..=count)
            .map(|number| {
                let interest = (balance * rate * 100.0).round() / 100.0;
                let payment = if number == count { balance + interest } else { (payment * 100.0).round() / 100.0 };
                balance -= payment - interest;
                Row { number, payment, principal: payment - interest, interest, balance }
            })
            .collect();
        serde_json::to_writer(&mut out, &rows).expect("write");
        out.write_all(b"\n").expect("write");
    }
    out.flush().expect("flush");
    BATCH as f64 / start.elapsed().as_secs_f64()
}

fn batch_throughput() {
    let accord = std::env::var("ACCORD_BIN").unwrap_or_else(|_| "target/cli/accord".into());
    if !std::path::Path::new(&accord).exists() {
        println!("accord batch: skipped ({accord} not built; run scripts/bench)");
        return;
    }
    let path = std::env::temp_dir().join("accord-bench-batch.jsonl");
    mixed_requests(&path).expect("write the batch input");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let baseline = float_baseline(&path);
    let (one, summary) = run_batch(&accord, &path, 1);
    let (all, _) = run_batch(&accord, &path, cores);
    println!("accord batch over {BATCH} mixed requests of 12–60 installments, full JSON out ({summary}):");
    println!("  1 thread:   {one:>9.0} plans/s ({:.2} × the f64 baseline)", one / baseline);
    println!(
        "  {cores} threads: {all:>9.0} plans/s ({:.2} × one thread, {:.2} × the baseline)",
        all / one,
        all / baseline
    );
    println!("  baseline, naive f64 schedule in Rust, 1 thread, same lines: {baseline:.0} plans/s");
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
    agreement["sha256"] = content_hash(&agreement.clone().into()).expect("hash").into();
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
    let canonical = accord::export::canonical::canonical_json(&offer.into()).expect("canonical");
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

/// 1,000 agreements of 12–36 monthly installments, each with a conditional waiver, and 100
/// payment histories each (paid on time, a few days late, missed or in part, at one of
/// several as-of dates): `{agreement, payments, asOf}` lines for `accord status --batch`.
fn status_lines(path: &std::path::Path) -> std::io::Result<()> {
    use accord::domain::negotiation::{LogEntry, LogEvent};
    use accord::export::agreement::{agreement_compact_json, build_agreement, AgreementContext, Channel, References};
    let mut seed: u64 = 0xa9ee;
    let mut next = move |modulus: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % modulus
    };
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    for index in 0..BATCH / 100 {
        let principal = format!("{}.{:02}", 1_000 + next(200_000), next(100));
        let count = 12 + next(25) as u32;
        let mut terms = installments(&principal, "9.99", count, Frequency::Monthly, MethodRequest::EqualInstallment);
        terms.waivers = vec![accord::domain::request::WaiverRequest {
            bucket: accord::domain::claim::Bucket::Penalty,
            amount: None,
            percent: Some("100".into()),
            conditional: true,
        }];
        let at = "2025-01-15T10:05:00.000Z";
        let context = AgreementContext {
            agreement_id: format!("bench-{index:05}"),
            created_at: at.into(),
            channel: Channel::Agent,
            references: References { account_reference: format!("ACC-{index:05}"), agent_id: None },
            offer: "A".into(),
            log: vec![LogEntry { at: at.into(), event: LogEvent::Agreed, offer: "A".into(), terms: terms.clone() }],
            signed_offer: None,
            consent: None,
            approvals: Vec::new(),
            supersedes: None,
        };
        let agreement = build_agreement(&terms, context).expect("the agreement builds");
        let agreement_json = agreement_compact_json(&agreement);
        for _ in 0..100 {
            let months = 1 + next(u64::from(count) + 3);
            let mut payments = Vec::new();
            for row in agreement.outcome.schedule.iter().take(months as usize) {
                let (late, share) = match next(20) {
                    0..=13 => (0, 100),
                    14..=16 => (1 + next(12), 100),
                    17 => (next(5), 50),
                    _ => continue,
                };
                let amount =
                    row.payment.value() * rust_decimal::Decimal::from(share) / rust_decimal::Decimal::ONE_HUNDRED;
                let date = row.date + chrono::Days::new(late);
                payments.push(serde_json::json!({"date": date.to_string(), "amount": amount.round_dp(2).to_string()}));
            }
            let as_of =
                agreement.outcome.schedule.get(months as usize - 1).map_or(agreement.outcome.upfront.date, |r| r.date)
                    + chrono::Days::new(next(40));
            writeln!(
                out,
                r#"{{"agreement":{agreement_json},"payments":{},"asOf":"{as_of}"}}"#,
                serde_json::Value::from(payments)
            )?;
        }
    }
    out.flush()
}

/// `accord status --batch` over 100,000 lines on one thread and on every core.
fn status_throughput() {
    let accord = std::env::var("ACCORD_BIN").unwrap_or_else(|_| "target/cli/accord".into());
    if !std::path::Path::new(&accord).exists() {
        println!("accord status --batch: skipped ({accord} not built; run scripts/bench)");
        return;
    }
    let path = std::env::temp_dir().join("accord-bench-status.jsonl");
    status_lines(&path).expect("write the status input");
    let megabytes = std::fs::metadata(&path).map_or(0, |m| m.len()) >> 20;
    let run = |jobs: usize| {
        let start = Instant::now();
        let output = Command::new(&accord)
            .args(["status", "--batch"])
            .arg(&path)
            .args(["--jobs", &jobs.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .expect("accord status runs");
        let stderr = String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or("no summary").to_string();
        (BATCH as f64 / start.elapsed().as_secs_f64(), stderr)
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (one, summary) = run(1);
    let (all, _) = run(cores);
    println!("accord status --batch over {BATCH} agreements of 12–36 installments with their payments ({megabytes} MB in; {summary}):");
    println!("  1 thread:   {one:>9.0} agreements/s (each verified: hash, terms, every figure)");
    println!("  {cores} threads: {all:>9.0} agreements/s ({:.2} × one thread)", all / one);
    if std::env::var_os("ACCORD_KEEP_BATCH").is_none() {
        let _ = std::fs::remove_file(path);
    }
}

fn main() {
    single_plan();
    adversarial_inputs();
    batch_throughput();
    status_throughput();
}
