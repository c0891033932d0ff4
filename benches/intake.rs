//! Prints how `accord intake` holds up (issue 15): 10,000 distinct agreements posted by 200
//! concurrent clients → rows stored, lost, duplicated, and the latency of each post (p50,
//! p95); then the same with the intake killed (SIGKILL) after 3,000 acknowledgements and
//! restarted, every client redelivering what was not acknowledged, as the app's outbox does →
//! every acknowledged agreement still stored, each agreement stored exactly once.
//! Run with `scripts/bench` (it builds the CLI with the speed profile first).

use accord::domain::negotiation::{LogEntry, LogEvent};
use accord::domain::request::PlanRequest;
use accord::export::agreement::{agreement_compact_json, build_agreement, AgreementContext, Channel, References};
use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const AGREEMENTS: usize = 10_000;
const CLIENTS: usize = 200;
const KILL_AFTER: usize = 3_000;

/// Posts sent again because the intake did not answer (or could not store).
static RETRIES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn accord() -> String {
    std::env::var("ACCORD_BIN").unwrap_or_else(|_| "target/cli/accord".into())
}

/// 10,000 agent agreements, each its own account and amount.
fn agreements() -> Vec<(String, String)> {
    let fixture = std::fs::read_to_string("tests/fixtures/installments.json").expect("fixture");
    let template: PlanRequest = serde_json::from_str(&fixture).expect("fixture parses");
    (0..AGREEMENTS)
        .map(|i| {
            let mut terms = template.clone();
            terms.claim.principal = format!("{}.00", 10_000 + i);
            let entry = |event| LogEntry {
                at: "2026-12-01T10:00:00.000Z".into(),
                event,
                offer: "C".into(),
                terms: terms.clone(),
            };
            let id = format!("bench-{i:05}");
            let context = AgreementContext {
                agreement_id: id.clone(),
                created_at: "2026-12-01T10:00:00.000Z".into(),
                channel: Channel::Agent,
                references: References { account_reference: format!("ACC-{i:05}"), agent_id: Some("agent-1".into()) },
                offer: "C".into(),
                log: vec![entry(LogEvent::Proposed), entry(LogEvent::Agreed)],
                signed_offer: None,
                consent: None,
                approvals: Vec::new(),
                supersedes: None,
            };
            (id, agreement_compact_json(&build_agreement(&terms, context).expect("the fixture computes")))
        })
        .collect()
}

#[path = "../tests/support/intake_process.rs"]
mod intake_process;
use intake_process::{start_intake, IntakeProcess as Server};

fn start(dir: &Path) -> Server {
    start_intake(&accord(), Path::new("public/deployment.json"), &dir.join("agreements.sqlite"), &[])
}

/// POSTs one agreement; the status, or `None` when the intake did not answer.
fn post(address: &str, id: &str, body: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).ok()?;
    let head = format!(
        "POST /agreements HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\ncontent-type: application/json\r\n\
         idempotency-key: {id}\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.split(' ').nth(1)?.parse().ok()
}

/// The agreement ids the database holds, from `accord intake export`.
fn stored(dir: &Path) -> Vec<String> {
    let out = Command::new(accord())
        .args(["intake", "export", "--db"])
        .arg(dir.join("agreements.sqlite"))
        .output()
        .expect("export runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["agreementId"].as_str().map(String::from))
        .collect()
}

/// Clients deliver every agreement in `queue` (each keeps retrying one until it is
/// acknowledged, as the app's outbox does) to the address in `address`; latencies of the
/// acknowledged posts, in ms.
fn deliver(
    queue: &Arc<Mutex<Vec<usize>>>,
    agreements: &Arc<Vec<(String, String)>>,
    address: &Arc<Mutex<String>>,
    acknowledged: &Arc<Mutex<Vec<usize>>>,
) -> Vec<f64> {
    let threads: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (queue, agreements, address, acknowledged) =
                (queue.clone(), agreements.clone(), address.clone(), acknowledged.clone());
            std::thread::spawn(move || {
                let mut latencies = Vec::new();
                loop {
                    // The lock is let go before the post (in `while let` it would be held).
                    let next = queue.lock().unwrap().pop();
                    let Some(i) = next else { break };
                    let (id, body) = &agreements[i];
                    // From the first attempt: a retry is part of what the client waits.
                    let start = Instant::now();
                    loop {
                        let at = address.lock().unwrap().clone();
                        match post(&at, id, body) {
                            Some(201 | 200) => {
                                latencies.push(start.elapsed().as_secs_f64() * 1e3);
                                acknowledged.lock().unwrap().push(i);
                                break;
                            }
                            // Unreachable (killed, restarting) or not stored: wait, send again.
                            None | Some(503) => {
                                RETRIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                std::thread::sleep(Duration::from_millis(50));
                            }
                            Some(status) => panic!("{id}: the intake answered {status}"),
                        }
                    }
                }
                latencies
            })
        })
        .collect();
    threads.into_iter().flat_map(|t| t.join().expect("a client")).collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(name: &str, dir: &Path, mut latencies: Vec<f64>, seconds: f64) {
    latencies.sort_by(f64::total_cmp);
    let ids = stored(dir);
    let distinct: HashSet<&String> = ids.iter().collect();
    let lost = AGREEMENTS - distinct.len();
    let duplicated = ids.len() - distinct.len();
    println!(
        "accord intake, {name}: {AGREEMENTS} agreements from {CLIENTS} concurrent clients in {seconds:.1} s \
         ({:.0}/s, {} posts sent again) → {} rows, {lost} lost, {duplicated} duplicated; \
         delivery latency p50 {:.1} ms, p95 {:.1} ms",
        AGREEMENTS as f64 / seconds,
        RETRIES.swap(0, std::sync::atomic::Ordering::Relaxed),
        ids.len(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95)
    );
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-intake-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

fn main() {
    if !Path::new(&accord()).exists() {
        println!("accord intake: skipped ({} not built; run scripts/bench)", accord());
        return;
    }
    let agreements = Arc::new(agreements());

    // Steady: all delivered, once each.
    let dir = fresh_dir("steady");
    let mut server = start(&dir);
    let queue = Arc::new(Mutex::new((0..AGREEMENTS).rev().collect::<Vec<_>>()));
    let address = Arc::new(Mutex::new(server.address.clone()));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let latencies = deliver(&queue, &agreements, &address, &acknowledged);
    report("steady", &dir, latencies, started.elapsed().as_secs_f64());
    let _ = server.child.kill();
    let _ = server.child.wait();

    // Killed mid-run and restarted: the clients' outboxes redeliver.
    let dir = fresh_dir("killed");
    let mut server = start(&dir);
    let queue = Arc::new(Mutex::new((0..AGREEMENTS).rev().collect::<Vec<_>>()));
    let address = Arc::new(Mutex::new(server.address.clone()));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let clients = {
        let (queue, agreements, address, acknowledged) =
            (queue.clone(), agreements.clone(), address.clone(), acknowledged.clone());
        std::thread::spawn(move || deliver(&queue, &agreements, &address, &acknowledged))
    };
    while acknowledged.lock().unwrap().len() < KILL_AFTER {
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = server.child.kill();
    let _ = server.child.wait();
    // A client that read its answer before the kill records it at once.
    std::thread::sleep(Duration::from_millis(200));
    let before_kill: Vec<usize> = acknowledged.lock().unwrap().clone();
    let on_disk: HashSet<String> = stored(&dir).into_iter().collect();
    let missing = before_kill.iter().filter(|i| !on_disk.contains(&agreements[**i].0)).count();
    server = start(&dir);
    *address.lock().unwrap() = server.address.clone();
    let latencies = clients.join().expect("the clients");
    println!(
        "  killed (SIGKILL) after {} acknowledgements: {} rows on disk, {missing} acknowledged agreement(s) \
         missing; restarted, the clients redelivered what was not acknowledged",
        before_kill.len(),
        on_disk.len()
    );
    report("killed and restarted", &dir, latencies, started.elapsed().as_secs_f64());
    let _ = server.child.kill();
    let _ = server.child.wait();
}
