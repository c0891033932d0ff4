//! `accord`: the native command-line tool built from the same core as the browser app.
//!
//! ```text
//! accord plan FILE|-     one plan request (JSON) in, the computed plan (JSON) out
//! accord batch FILE|- [--jobs N]   one request per line in, one result per line out
//!                        (streaming, in input order; N threads, default the machine's cores)
//! accord verify FILE|- [--keys KEYS.json] [--previous FILE]
//!                        recompute an agreement (JSON) from its terms; check its hash,
//!                        schema version, every schedule row and every total, a
//!                        self-service agreement's signed offer and its bounds, and the
//!                        agreement it supersedes
//! accord status AGREEMENT PAYMENTS [--as-of DATE] [--rule RULE.json] [--keys KEYS.json]
//!                        an agreement's status at a date from the payments received
//! accord status --batch FILE|- [--as-of DATE] [--rule …] [--keys …] [--jobs N]
//!                        one {agreement, payments, asOf} per line in, one status per line out
//! accord schema [NAME]   the JSON Schema of an agreement (default), a plan request, a policy,
//!                        the deployment settings or a status
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
    use std::sync::{Condvar, Mutex};

    const USAGE: &str = "usage:
  accord plan FILE|-     compute one plan request (JSON) and print the plan as JSON
  accord batch FILE|- [--jobs N]
                         compute one request per line (JSON Lines), one result per line, in
                         input order, on N threads (default: the machine's cores)
  accord verify FILE|- [--keys KEYS.json] [--previous FILE]
                         recompute an agreement and list every figure that differs; with the
                         deployment's public keys, check a self-service agreement's offer; with
                         --previous, verify the agreement it supersedes and the link by id and hash
  accord status AGREEMENT.json PAYMENTS [--as-of DATE] [--rule RULE.json] [--keys KEYS.json]
                         verify the agreement, then print its status at DATE (default: today)
                         from the payments received (JSON, or CSV with a header row): each
                         installment paid, late or missed, arrears, kept / late / broken by the
                         rule (--rule, else the agreement's policy profile's `servicing`, else
                         5 days' grace, broken after 30 days late or 2 misses in a row), and
                         when broken the claim with the conditional relief back
  accord status --batch FILE|- [--as-of DATE] [--rule RULE.json] [--keys KEYS.json] [--jobs N]
                         one {\"agreement\", \"payments\", \"asOf\"} per line in, one status per
                         line out, in input order; kept / late / broken counted at the end
  accord schema [agreement|plan-request|policy|deployment|status]
                         print the JSON Schema of an agreement (default), a plan request, a
                         policy profile, the deployment settings or a status
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
            ["status", rest @ ..] => status_command(rest),
            ["batch", path] => batch(path, None),
            ["batch", path, "--jobs", jobs] | ["batch", "--jobs", jobs, path] => match parse_jobs(jobs) {
                Ok(jobs) => batch(path, Some(jobs)),
                Err(status) => status,
            },
            ["verify", rest @ ..] => verify_command(rest),
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
            ["schema", "status"] => print_json(&accord::export::servicing::status_schema()),
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

    fn open(path: &str) -> io::Result<Box<dyn Read + Send>> {
        if path == "-" {
            Ok(Box::new(io::stdin()))
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

    /// A command's positional arguments and its `--flag value` pairs, flags in any order, each
    /// once and only those in `allowed`; `None` for anything else (a usage error).
    fn split_flags<'a>(
        args: &[&'a str],
        allowed: &[&str],
    ) -> Option<(Vec<&'a str>, std::collections::BTreeMap<&'a str, &'a str>)> {
        let (mut positional, mut flags) = (Vec::new(), std::collections::BTreeMap::new());
        let mut rest = args.iter();
        while let Some(&arg) = rest.next() {
            if allowed.contains(&arg) {
                let value = rest.next()?;
                if flags.insert(arg, *value).is_some() {
                    return None;
                }
            } else if arg.starts_with("--") {
                return None;
            } else {
                positional.push(arg);
            }
        }
        Some((positional, flags))
    }

    /// `accord verify FILE [--keys KEYS] [--previous FILE]`, flags in any order.
    fn verify_command(args: &[&str]) -> i32 {
        let usage = || {
            eprintln!("{USAGE}");
            2
        };
        let Some((paths, flags)) = split_flags(args, &["--keys", "--previous"]) else { return usage() };
        match paths.as_slice() {
            [path] => verify(path, flags.get("--keys").copied(), flags.get("--previous").copied()),
            _ => usage(),
        }
    }

    /// Reads an agreement file (`-` for stdin) within the size limit.
    fn read_agreement(
        path: &str,
    ) -> Result<(accord::export::agreement::AgreementFile, accord::json::Value), FileError> {
        use accord::export::agreement::{import_agreement, MAX_AGREEMENT_BYTES};
        let mut bytes = Vec::new();
        // One byte more than the limit is enough to know the file is too large.
        let limit = u64::try_from(MAX_AGREEMENT_BYTES + 1).unwrap_or(u64::MAX);
        open(path)
            .and_then(|r| r.take(limit).read_to_end(&mut bytes))
            .map_err(|e| (2, format!("cannot read {path}: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|_| (1, format!("{path} is not UTF-8 text")))?;
        import_agreement(&text).map_err(|e| (1, format!("{path}: {e}")))
    }

    /// Verifies the agreement at `path`; with `previous`, also the agreement it says it
    /// supersedes, and that the two are linked by id and hash.
    fn verify(path: &str, keys: Option<&str>, previous: Option<&str>) -> i32 {
        use accord::export::agreement::verify_with_keys;
        let checked = keys.map(read_keys).transpose().and_then(|keys| {
            let (agreement, raw) = read_agreement(path)?;
            let before = previous.map(read_agreement).transpose()?;
            Ok((keys, agreement, raw, before))
        });
        let (keys, agreement, raw, before) = match checked {
            Ok(read) => read,
            Err((status, e)) => {
                eprintln!("error: {e}");
                return status;
            }
        };
        let verification = verify_with_keys(&agreement, &raw, keys.as_ref());
        if !verification.verified() {
            println!("NOT verified: {} difference(s)", verification.count);
            for d in &verification.differences {
                println!("  {}: recorded {}, recomputed {}", d.path, d.recorded, d.recomputed);
            }
            if verification.count > verification.differences.len() {
                println!("  … and {} more", verification.count - verification.differences.len());
            }
            return 1;
        }
        println!("verified: agreement {} ({}), sha256 {}", agreement.agreement_id, agreement.offer, agreement.sha256);
        let Some(link) = &agreement.supersedes else {
            if before.is_some() {
                println!("NOT linked: the agreement supersedes none, --previous names one");
                return 1;
            }
            return 0;
        };
        let Some((previous, previous_raw)) = before else {
            println!(
                "supersedes agreement {} (sha256 {}): not checked, give it with --previous",
                link.agreement_id, link.sha256
            );
            return 0;
        };
        if !verify_with_keys(&previous, &previous_raw, keys.as_ref()).verified() {
            println!("NOT linked: the previous agreement {} does not verify", previous.agreement_id);
            return 1;
        }
        if link.agreement_id != previous.agreement_id || link.sha256 != previous.sha256 {
            println!(
                "NOT linked: supersedes {} (sha256 {}), the previous file is {} (sha256 {})",
                link.agreement_id, link.sha256, previous.agreement_id, previous.sha256
            );
            return 1;
        }
        println!("supersedes agreement {} (sha256 {}): verified", previous.agreement_id, previous.sha256);
        0
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
            let offer = accord::json::Value::from(offer);
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
                let id = offer.get("offerId").and_then(accord::json::Value::as_str).unwrap_or_default();
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

    /// `accord status`: one agreement and its payments, or `--batch` lines of them.
    fn status_command(args: &[&str]) -> i32 {
        use accord::export::servicing::{agreement_status, status_line};
        let usage = || {
            eprintln!("{USAGE}");
            2
        };
        let flags = split_flags(args, &["--as-of", "--rule", "--keys", "--jobs", "--batch"]);
        let Some((positional, flags)) = flags else { return usage() };
        let as_of = match flags.get("--as-of") {
            Some(text) => match accord::domain::calendar::parse_date(text) {
                Ok(date) => date,
                Err(e) => {
                    eprintln!("error: --as-of: {e}");
                    return 2;
                }
            },
            None => accord::domain::calendar::parse_date(&now_utc()[..10]).unwrap_or_default(),
        };
        // None: each agreement's own (its policy profile's, else the house default).
        let rule = match flags.get("--rule").map(|path| read_rule(path)).transpose() {
            Ok(rule) => rule,
            Err((status, e)) => {
                eprintln!("error: {e}");
                return status;
            }
        };
        let keys = match flags.get("--keys").map(|path| read_keys(path)).transpose() {
            Ok(keys) => keys,
            Err((status, e)) => {
                eprintln!("error: {e}");
                return status;
            }
        };
        let jobs = match flags.get("--jobs").map(|jobs| parse_jobs(jobs)).transpose() {
            Ok(jobs) => jobs,
            Err(status) => return status,
        };
        match (flags.get("--batch"), positional.as_slice()) {
            (Some(path), []) => {
                let compute = |number: usize, content: &[u8]| {
                    let (result, kind) = status_line(number, content, as_of, rule, keys.as_ref());
                    (result, kind as usize)
                };
                let lines = Lines { name: "accord status", noun: "agreements", compute: &compute };
                match run_lines(path, jobs, &lines) {
                    Ok((done, [failed, kept, late, broken])) => {
                        eprintln!(
                            "accord status: done, {done} agreements: {kept} kept, {late} late, {broken} broken, \
                             {failed} with errors"
                        );
                        i32::from(failed > 0)
                    }
                    Err(status) => status,
                }
            }
            (None, [agreement, payments]) if jobs.is_none() && agreement != payments => {
                let mut texts = [String::new(), String::new()];
                for (text, path) in texts.iter_mut().zip([agreement, payments]) {
                    if let Err(e) = open(path).and_then(|r| r.take(MAX_INPUT_BYTES).read_to_string(text)) {
                        eprintln!("error: cannot read {path}: {e}");
                        return 2;
                    }
                }
                match agreement_status(&texts[0], &texts[1], as_of, rule, keys.as_ref()) {
                    // In the schema's order (a JSON value would sort the members).
                    Ok(report) => match writeln!(
                        io::stdout().lock(),
                        "{}",
                        serde_json::to_string_pretty(&report).unwrap_or_default()
                    ) {
                        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => 1,
                        _ => 0,
                    },
                    Err(e) => {
                        eprintln!("error: {e}");
                        1
                    }
                }
            }
            _ => usage(),
        }
    }

    /// The most bytes read of an agreement or payments file (both have their own limits
    /// below this: an agreement's size, 10,000 payments).
    const MAX_INPUT_BYTES: u64 = 64 << 20;

    /// A servicing rule file: `{"graceDays": "5", "brokenAfterDaysLate": "30",
    /// "brokenAfterMissedInRow": "2"}`.
    fn read_rule(path: &str) -> Result<accord::domain::policy::ServicingRule, FileError> {
        let rule: accord::domain::policy::ServicingRule = read_json(path)?;
        match rule.out_of_bounds() {
            Some(member) => Err((1, format!("{path}: {member} is out of bounds"))),
            None => Ok(rule),
        }
    }

    /// `--jobs N`: a whole number of threads from 1 to 256, or the usage error's exit status.
    fn parse_jobs(text: &str) -> Result<usize, i32> {
        match text.parse::<usize>() {
            Ok(jobs @ 1..=256) => Ok(jobs),
            _ => {
                eprintln!("error: --jobs takes a whole number of threads from 1 to 256, not {text:?}");
                Err(2)
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

    /// Lines a worker reads and computes at a time. Small enough that the workers share the
    /// input evenly, large enough that taking the reader is rare.
    const CHUNK_LINES: usize = 256;

    /// The input as the workers share it: each takes the reader in turn, reads the next chunk
    /// of lines with its index, and computes it while another reads. Memory stays flat: a
    /// worker takes chunk `i` only once chunk `i - window` is written.
    struct Input<R> {
        reader: R,
        /// Lines read so far (blank ones included), for line numbers.
        lines: usize,
        /// The index the next chunk gets.
        next_chunk: usize,
        at_end: bool,
        read_error: bool,
    }

    /// A chunk of the input: its lines' bytes one after another, and each non-blank line's
    /// number and range in them.
    #[derive(Default)]
    struct Chunk {
        bytes: Vec<u8>,
        lines: Vec<(usize, std::ops::Range<usize>)>,
    }

    impl<R: BufRead> Input<R> {
        /// The next chunk's non-blank lines; none at the end.
        fn read_chunk(&mut self) -> Chunk {
            let mut chunk =
                Chunk { bytes: Vec::with_capacity(CHUNK_LINES * 512), lines: Vec::with_capacity(CHUNK_LINES) };
            while chunk.lines.len() < CHUNK_LINES && !self.at_end {
                let start = chunk.bytes.len();
                match self.reader.read_until(b'\n', &mut chunk.bytes) {
                    Ok(0) => self.at_end = true,
                    Ok(_) => {
                        self.lines += 1;
                        let line = &chunk.bytes[start..];
                        let content = line.strip_suffix(b"\n").unwrap_or(line);
                        let content = content.strip_suffix(b"\r").unwrap_or(content);
                        if content.iter().all(u8::is_ascii_whitespace) {
                            chunk.bytes.truncate(start);
                        } else {
                            let end = start + content.len();
                            chunk.lines.push((self.lines, start..end));
                        }
                    }
                    Err(e) => {
                        eprintln!("error: line {}: cannot read: {e}", self.lines + 1);
                        (self.at_end, self.read_error) = (true, true);
                    }
                }
            }
            chunk
        }
    }

    /// A line's result and what it counts as in the summary: 0 is an error, then the
    /// command's own kinds (kept, late, broken for `status`).
    type LineOutcome = (Vec<u8>, usize);

    /// A computed chunk: its index, and each line's outcome.
    type Results = (usize, Vec<LineOutcome>);

    /// Lines per kind of outcome, [`LineOutcome`]'s second member being the index.
    type Counts = [usize; 4];

    /// How far the writer has come: chunks written, and whether it stopped (the output failed).
    #[derive(Default)]
    struct Written {
        chunks: usize,
        stopped: bool,
    }

    /// A line-by-line command: its name and what its lines are, for the progress lines.
    struct Lines<'a> {
        name: &'a str,
        noun: &'a str,
        compute: &'a (dyn Fn(usize, &[u8]) -> LineOutcome + Sync),
    }

    fn batch(path: &str, jobs: Option<usize>) -> i32 {
        let compute = |number: usize, content: &[u8]| {
            let (result, failed) = batch_line(number, content);
            (result, usize::from(!failed))
        };
        let lines = Lines { name: "accord batch", noun: "requests", compute: &compute };
        match run_lines(path, jobs, &lines) {
            Ok((done, counts)) => {
                eprintln!("accord batch: done, {done} requests, {} with errors", counts[0]);
                i32::from(counts[0] > 0)
            }
            Err(status) => status,
        }
    }

    /// Lines in, results out in input order. `jobs` workers each read a chunk in turn and
    /// compute it while the others read or compute; this thread writes the chunks in order.
    /// (lines, counts per kind), or the exit status when the input or output failed.
    fn run_lines(path: &str, jobs: Option<usize>, lines: &Lines) -> Result<(usize, Counts), i32> {
        let reader = match open(path) {
            Ok(r) => BufReader::with_capacity(1 << 16, r),
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return Err(2);
            }
        };
        let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
        // A panic on one line is that line's internal error, never the end of the batch:
        // the hook stays quiet and the line's result says what happened.
        std::panic::set_hook(Box::new(|_| {}));
        let input = Mutex::new(Input { reader, lines: 0, next_chunk: 0, at_end: false, read_error: false });
        let written = (Mutex::new(Written::default()), Condvar::new());
        let window = 2 * jobs;
        let (send, receive) = std::sync::mpsc::sync_channel::<Results>(window);
        let outcome = std::thread::scope(|scope| {
            for _ in 0..jobs {
                let send = send.clone();
                let (input, written) = (&input, &written);
                scope.spawn(move || loop {
                    let (index, chunk) = {
                        let Ok(mut input) = input.lock() else { return };
                        if input.at_end {
                            return;
                        }
                        let index = input.next_chunk;
                        let Ok(progress) = written.0.lock() else { return };
                        let Ok(progress) = written.1.wait_while(progress, |p| !p.stopped && index >= p.chunks + window)
                        else {
                            return;
                        };
                        if progress.stopped {
                            return;
                        }
                        drop(progress);
                        input.next_chunk += 1;
                        (index, input.read_chunk())
                    };
                    let results = chunk
                        .lines
                        .iter()
                        .map(|(number, range)| one_line(lines, *number, &chunk.bytes[range.clone()]))
                        .collect();
                    if send.send((index, results)).is_err() {
                        return;
                    }
                });
            }
            drop(send);
            let outcome = write_results(receive, &written, lines);
            // Wake any worker waiting for room, so the scope can end.
            if let Ok(mut progress) = written.0.lock() {
                progress.stopped = true;
            }
            written.1.notify_all();
            outcome
        });
        let read_error = input.lock().map_or(true, |input| input.read_error);
        match outcome {
            Some(done) if !read_error => Ok(done),
            Some(_) => Err(2),
            None => {
                eprintln!("error: cannot write the output");
                Err(2)
            }
        }
    }

    /// Writes the chunks' results in input order as they come (a chunk that comes early
    /// waits for the ones before it), one line each, with a progress line every
    /// [`PROGRESS_EVERY`]; (lines, counts per kind) at the end, or `None` when the output fails.
    fn write_results(
        chunks: std::sync::mpsc::Receiver<Results>,
        written: &(Mutex<Written>, Condvar),
        lines: &Lines,
    ) -> Option<(usize, Counts)> {
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
        let (mut done, mut counts) = (0usize, Counts::default());
        let mut early = std::collections::BTreeMap::new();
        let mut next = 0usize;
        for (index, results) in chunks {
            early.insert(index, results);
            while let Some(results) = early.remove(&next) {
                for (result, kind) in results {
                    counts[kind.min(counts.len() - 1)] += 1;
                    out.write_all(&result).and_then(|()| out.write_all(b"\n")).ok()?;
                    done += 1;
                    if done % PROGRESS_EVERY == 0 {
                        eprintln!("{}: {done} {}, {} with errors", lines.name, lines.noun, counts[0]);
                    }
                }
                next += 1;
                if let Ok(mut progress) = written.0.lock() {
                    progress.chunks = next;
                }
                written.1.notify_all();
            }
        }
        out.flush().ok()?;
        Some((done, counts))
    }

    /// One line's result; a panic inside it is that line's internal error.
    fn one_line(lines: &Lines, number: usize, content: &[u8]) -> LineOutcome {
        // The computations are pure: a panic leaves nothing half-changed for the next line.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (lines.compute)(number, content))) {
            Ok(result) => result,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                eprintln!("{}: line {number}: internal error: {what}", lines.name);
                (internal_error_line(number, &what), 0)
            }
        }
    }
}
