//! `accord`: the native command-line tool built from the same core as the browser app.
//!
//! ```text
//! accord plan FILE|-     one plan request (JSON) in, the computed plan (JSON) out
//! accord batch FILE|- [--jobs N]   one request per line in, one result per line out
//!                        (streaming, in input order; N threads, default the machine's cores)
//! accord verify FILE|- [--keys KEYS.json]
//!                        recompute an agreement (JSON) from its terms; check its hash,
//!                        schema version, every schedule row and every total, and a
//!                        self-service agreement's signed offer and its bounds
//! accord schema [NAME]   the JSON Schema of an agreement (default), a plan request, a policy
//!                        or the deployment settings
//! accord policy profile NAME   a shipped policy profile
//! accord policy sign --key KEY.json POLICY.json…   the deployment's policies.json, signed
//! accord approve --key KEY.json REQUEST.json --approver ID --reason TEXT [--at TIME]
//!                        a supervisor's approval code for the request's findings
//! accord keygen KEY_ID   a new Ed25519 key pair for signing offers, policies or approvals
//! accord offer sign --key KEY.json OFFER.json [--base URL [--store DIR]]   the signed link of
//!                        an offer; with --store, a short link and the offer in DIR/offers/
//! accord offer verify --keys KEYS.json LINK [--now TIME]     the offer a link carries
//! accord intake --keys KEYS.json --db FILE [--listen ADDR] [--allow-origin ORIGIN]…
//!                        the reference receiving end: agreements over HTTP into SQLite
//! accord intake export --db FILE [--since TIME]   what it stored, as JSON Lines
//! ```
//! Exit status: 0 when everything computed or verified; 1 when an input was read and is bad,
//! or an agreement does not verify (each message names the field); 2 when the tool could not
//! run as asked: a usage error, or a file that cannot be read.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod intake;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use accord::domain::offer::read_offer;
    use accord::domain::request::{evaluate, FieldError};
    use accord::export::batch::{batch_line, internal_error_line, read_request};
    use accord::export::canonical::canonical_json;
    use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

    const USAGE: &str = "usage:
  accord plan FILE|-     compute one plan request (JSON) and print the plan as JSON
  accord batch FILE|- [--jobs N]
                         compute one request per line (JSON Lines), one result per line, in
                         input order, on N threads (default: the machine's cores)
  accord verify FILE|- [--keys KEYS.json]
                         recompute an agreement and list every figure that differs; with the
                         deployment's public keys, check a self-service agreement's offer
  accord schema [agreement|plan-request|policy|deployment]
                         print the JSON Schema of an agreement (default), a plan request or a
                         policy profile
  accord policy profile NAME
                         print a shipped policy profile (cn-bank-card, cn-private-lending, generic)
  accord policy sign --key KEY.json POLICY.json [POLICY.json …]
                         sign policy profiles with the creditor's key; print the deployment's
                         policies.json ({\"profiles\": [...]}), which the workspace loads at start
  accord approve --key KEY.json REQUEST.json --approver ID --reason TEXT [--at RFC3339]
                         a supervisor's approval of every finding of the request (a plan
                         request, JSON) that needs one: print the code the agent pastes
  accord keygen KEY_ID   make an Ed25519 key pair (JSON, keep it secret) for signing offers,
                         policies (the creditor's key) or approvals (a supervisor's: give it
                         \"role\": \"approver\" in keys.json)
  accord offer sign --key KEY.json OFFER.json [--base URL [--store DIR]]
                         print the self-service link carrying the signed offer
  accord offer verify --keys KEYS.json LINK [--now RFC3339]
                         check a link's signature, key and expiry; print its offer
  accord intake --keys KEYS.json --db FILE [--listen ADDR] [--allow-origin ORIGIN]…
                         receive agreements over HTTP (POST /agreements): verify each as verify
                         --keys does, store the valid ones in SQLite, answer with a receipt
  accord intake export --db FILE [--since RFC3339]
                         the stored agreements as JSON Lines, in the order received
  accord --version";

    /// The flags some commands take; any other argument starting with `--` is a usage error.
    const KNOWN_FLAGS: [&str; 9] =
        ["--keys", "--key", "--base", "--now", "--approver", "--reason", "--at", "--store", "--jobs"];

    /// Lines between progress reports on stderr in batch mode.
    const PROGRESS_EVERY: usize = 10_000;

    pub fn run(args: Vec<String>) -> i32 {
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["plan", path] => plan(path),
            ["intake", rest @ ..] => super::intake::run(rest),
            ["batch", path] => batch(path, None),
            ["batch", path, "--jobs", jobs] | ["batch", "--jobs", jobs, path] => match jobs.parse::<usize>() {
                Ok(jobs @ 1..=256) => batch(path, Some(jobs)),
                _ => {
                    eprintln!("error: --jobs takes a whole number of threads from 1 to 256, not {jobs:?}");
                    2
                }
            },
            ["verify", path] => verify(path, None),
            ["verify", path, "--keys", keys] => verify(path, Some(keys)),
            // A flag is never a key id, a path or a link: `accord keygen --help` is a usage error.
            args if args.iter().skip(1).any(|a| a.starts_with("--") && !KNOWN_FLAGS.contains(a)) => {
                eprintln!("{USAGE}");
                2
            }
            ["keygen", key_id] if !key_id.starts_with('-') => keygen(key_id),
            ["offer", "sign", "--key", key, offer] => offer_sign(key, offer, "https://accord.invalid/", None),
            ["offer", "sign", "--key", key, offer, "--base", base] => offer_sign(key, offer, base, None),
            ["offer", "sign", "--key", key, offer, "--base", base, "--store", dir] => {
                offer_sign(key, offer, base, Some(dir))
            }
            ["offer", "verify", "--keys", keys, link] => offer_verify(keys, link, &now_utc()),
            ["offer", "verify", "--keys", keys, link, "--now", now] => offer_verify(keys, link, now),
            ["schema"] | ["schema", "agreement"] => print_json(&accord::export::agreement::agreement_schema()),
            ["schema", "plan-request"] => print_json(&accord::domain::request::plan_request_schema()),
            ["schema", "policy"] => print_json(&accord::domain::policy::policy_schema()),
            ["schema", "deployment"] => print_json(&accord::export::deployment::deployment_schema()),
            ["policy", "sign", "--key", key, policies @ ..] if !policies.is_empty() => policy_sign(key, policies),
            ["approve", "--key", key, request, "--approver", approver, "--reason", reason] => {
                approve(key, request, approver, reason, &now_utc())
            }
            ["approve", "--key", key, request, "--approver", approver, "--reason", reason, "--at", at] => {
                approve(key, request, approver, reason, at)
            }
            ["policy", "profile", name] => match accord::domain::policy::Policy::profile(name) {
                Some(profile) => print_json(&serde_json::to_value(profile).unwrap_or_default()),
                None => {
                    eprintln!("error: no profile named {name} (cn-bank-card, cn-private-lending, generic)");
                    2
                }
            },
            ["--version" | "-V"] => {
                println!("accord {}", env!("CARGO_PKG_VERSION"));
                0
            }
            ["--help" | "-h" | "help"] => {
                println!("{USAGE}");
                0
            }
            _ => {
                eprintln!("{USAGE}");
                2
            }
        }
    }

    fn open(path: &str) -> io::Result<Box<dyn Read>> {
        if path == "-" {
            Ok(Box::new(io::stdin().lock()))
        } else {
            Ok(Box::new(std::fs::File::open(path)?))
        }
    }

    /// Prints `value` pretty; a closed pipe (`accord schema | head`) is not an error.
    fn print_json(value: &serde_json::Value) -> i32 {
        match writeln!(io::stdout().lock(), "{value:#}") {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => 1,
            _ => 0,
        }
    }

    fn report(errors: &[FieldError]) {
        for error in errors {
            eprintln!("error: {error}");
        }
    }

    fn plan(path: &str) -> i32 {
        let mut text = String::new();
        if let Err(e) = open(path).and_then(|mut r| r.read_to_string(&mut text)) {
            eprintln!("error: cannot read {path}: {e}");
            return 2;
        }
        let request = match read_request(&text) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return 1;
            }
        };
        match evaluate(&request) {
            Ok(outcome) => match serde_json::to_string_pretty(&outcome) {
                Ok(json) => {
                    println!("{json}");
                    0
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    1
                }
            },
            Err(errors) => {
                report(&errors);
                1
            }
        }
    }

    fn verify(path: &str, keys: Option<&str>) -> i32 {
        use accord::export::agreement::{import_agreement, verify_with_keys, MAX_AGREEMENT_BYTES};
        let keys = match keys.map(read_keys).transpose() {
            Ok(keys) => keys,
            Err((status, e)) => {
                eprintln!("error: {e}");
                return status;
            }
        };
        let mut bytes = Vec::new();
        // One byte more than the limit is enough to know the file is too large.
        let limit = u64::try_from(MAX_AGREEMENT_BYTES + 1).unwrap_or(u64::MAX);
        if let Err(e) = open(path).and_then(|r| r.take(limit).read_to_end(&mut bytes)) {
            eprintln!("error: cannot read {path}: {e}");
            return 2;
        }
        let Ok(text) = String::from_utf8(bytes) else {
            eprintln!("error: {path} is not UTF-8 text");
            return 1;
        };
        let (agreement, raw) = match import_agreement(&text) {
            Ok(imported) => imported,
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return 1;
            }
        };
        let verification = verify_with_keys(&agreement, &raw, keys.as_ref());
        if verification.verified() {
            println!(
                "verified: agreement {} ({}), sha256 {}",
                agreement.agreement_id, agreement.offer, agreement.sha256
            );
            return 0;
        }
        println!("NOT verified: {} difference(s)", verification.count);
        for d in &verification.differences {
            println!("  {}: recorded {}, recomputed {}", d.path, d.recorded, d.recomputed);
        }
        if verification.count > verification.differences.len() {
            println!("  … and {} more", verification.count - verification.differences.len());
        }
        1
    }

    /// Why a JSON file could not be used: the exit status (2: it cannot be read; 1: it is not
    /// what was expected) and the message.
    type FileError = (i32, String);

    /// Reads and parses a JSON file (`-` for stdin).
    /// The public keys of a `keys.json` or of a `deployment.json` that lists them.
    fn read_keys(path: &str) -> Result<accord::export::signature::KeySet, FileError> {
        let mut text = String::new();
        open(path)
            .and_then(|mut r| r.read_to_string(&mut text))
            .map_err(|e| (2, format!("cannot read {path}: {e}")))?;
        accord::export::deployment::read_key_file(&text).map_err(|e| (1, format!("{path}: {e}")))
    }

    fn read_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, FileError> {
        let mut text = String::new();
        open(path)
            .and_then(|mut r| r.read_to_string(&mut text))
            .map_err(|e| (2, format!("cannot read {path}: {e}")))?;
        serde_json::from_str(&text).map_err(|e| (1, format!("{path}: {e}")))
    }

    fn keygen(key_id: &str) -> i32 {
        use accord::export::signature::secret_key_file;
        let mut seed = [0u8; 32];
        if let Err(e) = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut seed)) {
            eprintln!("error: no random source: {e}");
            return 1;
        }
        let key = secret_key_file(key_id, seed);
        eprintln!(
            "keep this file secret; publish {{\"keyId\": \"{}\", \"publicKey\": \"{}\"}} in keys.json",
            key.key_id, key.public_key
        );
        print_json(&serde_json::to_value(&key).unwrap_or_default())
    }

    fn offer_sign(key: &str, offer: &str, base: &str, store: Option<&str>) -> i32 {
        use accord::export::signature::{short_link, sign_offer, stored_offer_path, SecretKeyFile};
        // The offer is checked exactly as the debtor's page will read it: its canonical JSON
        // as a self-service offer, every choice priced at the corners of its bounds.
        let checked = |offer: serde_json::Value| {
            let canonical = canonical_json(&offer).map_err(|e| (1, e.to_string()))?;
            read_offer(&canonical).map_err(|problems| (1, offer_problems(&problems)))?;
            Ok(offer)
        };
        let signed = read_json::<SecretKeyFile>(key)
            .and_then(|key| read_json::<serde_json::Value>(offer).and_then(checked).map(|offer| (key, offer)))
            .and_then(|(key, offer)| {
                let link = sign_offer(&offer, &key, base).map_err(|e| (1, e.to_string()))?;
                let Some(dir) = store else { return Ok(link) };
                // The short link: the signed offer stored as DIR/offers/ID.txt, served beside pay.html.
                let id = offer.get("offerId").and_then(serde_json::Value::as_str).unwrap_or_default();
                let (short, token) = short_link(&link, id, base).map_err(|e| (1, e.to_string()))?;
                let path = std::path::Path::new(dir).join(stored_offer_path(id));
                std::fs::create_dir_all(path.parent().unwrap_or(std::path::Path::new(dir)))
                    .and_then(|()| std::fs::write(&path, token))
                    .map_err(|e| (2, format!("cannot write {}: {e}", path.display())))?;
                Ok(short)
            });
        match signed {
            Ok(link) => {
                println!("{link}");
                0
            }
            Err((status, e)) => {
                eprintln!("error: {e}");
                status
            }
        }
    }

    fn policy_sign(key: &str, policies: &[&str]) -> i32 {
        use accord::domain::policy::Policy;
        use accord::export::approval::sign_policy;
        use accord::export::signature::SecretKeyFile;
        let signed = read_json::<SecretKeyFile>(key).and_then(|key| {
            policies
                .iter()
                .map(|path| {
                    let policy = read_json::<Policy>(path)?;
                    sign_policy(&policy, &key).map_err(|e| (1, format!("{path}: {e}")))
                })
                .collect::<Result<Vec<_>, _>>()
        });
        match signed {
            Ok(profiles) => print_json(&serde_json::json!({ "profiles": profiles })),
            Err((status, e)) => {
                eprintln!("error: {e}");
                status
            }
        }
    }

    fn approve(key: &str, request: &str, approver: &str, reason: &str, at: &str) -> i32 {
        use accord::export::approval::{approval_code, approve};
        use accord::export::signature::SecretKeyFile;
        let approved = read_json::<SecretKeyFile>(key).and_then(|key| {
            let mut text = String::new();
            open(request)
                .and_then(|mut r| r.read_to_string(&mut text))
                .map_err(|e| (2, format!("cannot read {request}: {e}")))?;
            let request = read_request(&text).map_err(|e| (1, e.to_string()))?;
            approve(&request, &key, approver, reason, at).map_err(|e| (1, e.to_string()))
        });
        match approved {
            Ok(approval) => {
                let findings: Vec<String> = approval
                    .statement
                    .findings
                    .iter()
                    .map(|f| format!("{:?}{}", f.rule, f.bucket.map(|b| format!(" ({b:?})")).unwrap_or_default()))
                    .collect();
                eprintln!("approves {} for terms {}", findings.join(", "), approval.statement.terms_sha256);
                println!("{}", approval_code(&approval));
                0
            }
            Err((status, e)) => {
                eprintln!("error: {e}");
                status
            }
        }
    }

    /// Offer problems, one per line.
    fn offer_problems(problems: &[accord::domain::offer::OfferProblem]) -> String {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        format!("the debtor's page cannot use this offer:\n  {}", lines.join("\n  "))
    }

    fn offer_verify(keys: &str, link: &str, now: &str) -> i32 {
        use accord::export::signature::verify_link;
        let verified = read_keys(keys)
            .and_then(|keys| verify_link(link, &keys, now).map_err(|e| (1, e.to_string())))
            .and_then(|text| read_offer(&text).map(|_| text).map_err(|problems| (1, offer_problems(&problems))));
        match verified {
            Ok(offer) => print_json(&serde_json::from_str(&offer).unwrap_or_default()),
            Err((status, e)) => {
                eprintln!("error: {e}");
                status
            }
        }
    }

    /// Now, RFC 3339 UTC, from the system clock (the core never reads it).
    fn now_utc() -> String {
        let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        let date = epoch.checked_add_days(chrono::Days::new(seconds / 86_400)).unwrap_or(epoch);
        let second = seconds % 86_400;
        format!("{date}T{:02}:{:02}:{:02}Z", second / 3600, second / 60 % 60, second % 60)
    }

    /// Lines read, computed and written together: the threads share a chunk's lines, and the
    /// chunk is written in input order before the next is read, so memory stays flat whatever
    /// the input's size.
    const CHUNK_LINES: usize = 2_048;

    fn batch(path: &str, jobs: Option<usize>) -> i32 {
        let mut reader = match open(path) {
            Ok(r) => BufReader::new(r),
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return 2;
            }
        };
        let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        // A panic on one line is that line's internal error, never the end of the batch:
        // the hook stays quiet and the line's result says what happened.
        std::panic::set_hook(Box::new(|_| {}));
        // The results go out on a thread of their own, a chunk behind: writing one chunk
        // overlaps computing the next.
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(Vec<u8>, bool)>>(1);
        let writer = std::thread::spawn(move || write_results(receive));
        // (line number, content) of the chunk's non-blank lines.
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(CHUNK_LINES);
        let mut number = 0usize;
        let mut at_end = false;
        let mut read_error = false;
        while !at_end {
            chunk.clear();
            while chunk.len() < CHUNK_LINES {
                let mut line = Vec::new();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) => {
                        at_end = true;
                        break;
                    }
                    Ok(_) => number += 1,
                    Err(e) => {
                        eprintln!("error: line {}: cannot read: {e}", number + 1);
                        (at_end, read_error) = (true, true);
                        break;
                    }
                }
                let content = line.strip_suffix(b"\n").unwrap_or(&line);
                let content = content.strip_suffix(b"\r").unwrap_or(content);
                if !content.iter().all(u8::is_ascii_whitespace) {
                    let length = content.len();
                    line.truncate(length);
                    chunk.push((number, line));
                }
            }
            // The writer only hangs up when it cannot write: stop reading.
            if send.send(compute_chunk(&chunk, jobs)).is_err() {
                break;
            }
        }
        drop(send);
        match writer.join() {
            Ok(Some((done, failed))) if !read_error => {
                eprintln!("accord batch: done, {done} requests, {failed} with errors");
                i32::from(failed > 0)
            }
            Ok(Some(_)) => 2,
            Ok(None) | Err(_) => {
                eprintln!("error: cannot write the output");
                2
            }
        }
    }

    /// Writes each chunk's results as they come, one line each, with a progress line every
    /// [`PROGRESS_EVERY`]; (requests, failed) at the end, or `None` when the output fails.
    fn write_results(chunks: std::sync::mpsc::Receiver<Vec<(Vec<u8>, bool)>>) -> Option<(usize, usize)> {
        // Standard output's own descriptor behind a large buffer: `Stdout` is line-buffered,
        // and scanning each 8 KB for its last newline took a tenth of this thread's time.
        let stdout = io::stdout();
        #[cfg(unix)]
        let raw: Box<dyn Write> = match std::os::fd::AsFd::as_fd(&stdout).try_clone_to_owned() {
            Ok(descriptor) => Box::new(std::fs::File::from(descriptor)),
            Err(_) => Box::new(stdout.lock()),
        };
        #[cfg(not(unix))]
        let raw: Box<dyn Write> = Box::new(stdout.lock());
        let mut out = BufWriter::with_capacity(1 << 20, raw);
        let (mut done, mut failed) = (0usize, 0usize);
        for results in chunks {
            for (result, line_failed) in results {
                failed += usize::from(line_failed);
                out.write_all(&result).and_then(|()| out.write_all(b"\n")).ok()?;
                done += 1;
                if done % PROGRESS_EVERY == 0 {
                    eprintln!("accord batch: {done} requests, {failed} with errors");
                }
            }
        }
        out.flush().ok()?;
        Some((done, failed))
    }

    /// Each line's result and whether it failed, in the chunk's order, computed on `jobs`
    /// threads over consecutive slices (the lines share nothing).
    fn compute_chunk(chunk: &[(usize, Vec<u8>)], jobs: usize) -> Vec<(Vec<u8>, bool)> {
        let per_thread = chunk.len().div_ceil(jobs.max(1)).max(1);
        if jobs <= 1 || chunk.len() <= per_thread {
            return chunk.iter().map(|(number, content)| one_line(*number, content)).collect();
        }
        std::thread::scope(|scope| {
            let workers: Vec<_> = chunk
                .chunks(per_thread)
                .map(|slice| {
                    scope.spawn(move || {
                        slice.iter().map(|(number, content)| one_line(*number, content)).collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .zip(chunk.chunks(per_thread))
                .flat_map(|(worker, slice)| {
                    // A worker only ends early on a panic outside a line (none is known): its
                    // lines are then internal errors, still one result per line.
                    worker.join().unwrap_or_else(|_| {
                        slice.iter().map(|(n, _)| (internal_error_line(*n, "worker thread failed"), true)).collect()
                    })
                })
                .collect()
        })
    }

    /// One line's result; a panic inside it is that line's internal error.
    fn one_line(number: usize, content: &[u8]) -> (Vec<u8>, bool) {
        match std::panic::catch_unwind(|| batch_line(number, content)) {
            Ok(result) => result,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                eprintln!("accord batch: line {number}: internal error: {what}");
                (internal_error_line(number, &what), true)
            }
        }
    }
}
