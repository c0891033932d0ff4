//! `accord intake`: the reference receiving end of agreements (issue 15). An HTTP server that
//! verifies each posted agreement exactly as `accord verify --keys` does and stores the valid
//! ones in SQLite, one transaction each, answering with a receipt; `accord intake export`
//! writes what it stored as JSON Lines for the record system. README "The intake" has the
//! HTTP contract; `public/intake.openapi.json` the same in OpenAPI.
//!
//! One agreement id is one agreement: the same body again gets the same receipt (a client's
//! retry), another body under that id is refused; one signed offer is accepted once.

use accord::export::agreement::{import_agreement, verify_with_keys, Difference, MAX_AGREEMENT_BYTES};
use accord::export::signature::KeySet;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long one request may take, body included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// `accord intake …`: the exit status.
pub fn run(args: &[&str]) -> i32 {
    match args {
        ["export", rest @ ..] => export(rest),
        rest => serve(rest),
    }
}

/// `--flag value` pairs; a flag may repeat. `Err` names what is wrong.
fn flags<'a>(args: &[&'a str], known: &[&str]) -> Result<Vec<(&'a str, &'a str)>, String> {
    let mut pairs = Vec::new();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        if !known.contains(flag) {
            return Err(format!("unknown argument {flag:?}"));
        }
        let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
        pairs.push((*flag, *value));
    }
    Ok(pairs)
}

fn one<'a>(pairs: &[(&str, &'a str)], flag: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(f, _)| *f == flag).map(|(_, v)| *v)
}

/// What the server holds: the deployment's keys, the store and the origins allowed to post.
struct Intake {
    keys: KeySet,
    store: Store,
    allowed_origins: Vec<String>,
}

fn serve(args: &[&str]) -> i32 {
    let pairs = match flags(args, &["--keys", "--db", "--listen", "--allow-origin"]) {
        Ok(pairs) => pairs,
        Err(e) => {
            eprintln!(
                "error: {e}\nusage: accord intake --keys KEYS.json --db FILE [--listen ADDR] [--allow-origin ORIGIN]…"
            );
            return 2;
        }
    };
    let (Some(keys), Some(db)) = (one(&pairs, "--keys"), one(&pairs, "--db")) else {
        eprintln!("error: accord intake needs --keys KEYS.json and --db FILE");
        return 2;
    };
    let keys = match std::fs::read_to_string(keys)
        .map_err(|e| e.to_string())
        .and_then(|t| accord::export::deployment::read_key_file(&t).map_err(|e| format!("{keys}: {e}")))
    {
        Ok(keys) => keys,
        Err(e) => {
            eprintln!("error: cannot read the keys: {e}");
            return 2;
        }
    };
    let listen = one(&pairs, "--listen").unwrap_or("127.0.0.1:8090");
    let Ok(address) = listen.parse::<SocketAddr>() else {
        eprintln!("error: --listen takes an address and port, e.g. 127.0.0.1:8090, not {listen:?}");
        return 2;
    };
    let store = match Store::open(db) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("error: cannot open the database {db}: {e}");
            return 2;
        }
    };
    let allowed_origins = pairs
        .iter()
        .filter(|(f, _)| *f == "--allow-origin")
        .map(|(_, o)| o.trim_end_matches('/').to_string())
        .collect();
    let intake = Arc::new(Intake { keys, store, allowed_origins });
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return 2;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("error: cannot listen on {address}: {e}");
                return 2;
            }
        };
        let bound = listener.local_addr().map_or_else(|_| address.to_string(), |a| a.to_string());
        // The first line says where: a test or a supervisor reads the port from it.
        println!("accord intake: listening on http://{bound}");
        let router = Router::new()
            .route("/agreements", post(receive).options(preflight))
            .route("/agreements/{id}", get(receipt_of))
            .route("/health", get(|| async { "ok" }))
            .layer(DefaultBodyLimit::max(MAX_AGREEMENT_BYTES))
            .layer(middleware::from_fn_with_state(intake.clone(), around))
            .with_state(intake);
        let served = axum::serve(listener, router).with_graceful_shutdown(shutdown()).await;
        match served {
            Ok(()) => {
                eprintln!("accord intake: stopped");
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                2
            }
        }
    })
}

/// Ctrl-C or SIGTERM: stop accepting, let the requests under way finish.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// Every request: the time limit, CORS for the allowed origins only, one line of log.
async fn around(State(intake): State<Arc<Intake>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    let origin = request.headers().get(header::ORIGIN).cloned();
    let mut response = match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => problem(StatusCode::REQUEST_TIMEOUT, "timeout", "the request took too long"),
    };
    let allowed = origin.filter(|o| o.to_str().is_ok_and(|o| intake.allowed_origins.iter().any(|a| a == o)));
    if let Some(origin) = allowed {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::VARY, HeaderValue::from_static("origin"));
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("location"));
    }
    eprintln!(
        "{} {method} {path} {} {:.1} ms",
        now_rfc3339(),
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1e3
    );
    response
}

/// A browser's preflight: what a post may carry (the allowed origin is added by [`around`]).
async fn preflight() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, GET"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type, idempotency-key"));
    headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    response
}

/// What the intake answers for a stored agreement.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Receipt {
    receipt_id: String,
    agreement_id: String,
    received_at: String,
}

/// A refusal's body: a code a client can act on, and words for a person.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Problem<'a> {
    error: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<usize>,
    #[serde(skip_serializing_if = "<[Difference]>::is_empty")]
    differences: &'a [Difference],
}

fn problem(status: StatusCode, error: &str, message: &str) -> Response {
    let body = Problem { error, message, accepted_at: None, count: None, differences: &[] };
    (status, Json(body)).into_response()
}

/// GET /agreements/{id}: the receipt of a stored agreement (where a 201's `Location` points),
/// so a client unsure whether its post arrived can ask instead of sending again; 404 if none.
async fn receipt_of(State(intake): State<Arc<Intake>>, Path(id): Path<String>) -> Response {
    let found = tokio::task::spawn_blocking(move || intake.store.receipt(&id)).await;
    match found {
        Ok(Ok(Some(receipt))) => (StatusCode::OK, Json(receipt)).into_response(),
        Ok(Ok(None)) => problem(StatusCode::NOT_FOUND, "notFound", "no agreement was received under this id"),
        Ok(Err(e)) => {
            eprintln!("accord intake: database: {e}");
            problem(StatusCode::SERVICE_UNAVAILABLE, "storage", "the database could not be read; ask again")
        }
        Err(_) => problem(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the intake failed on this request"),
    }
}

/// POST /agreements: verify, then store once.
async fn receive(State(intake): State<Arc<Intake>>, headers: HeaderMap, body: Bytes) -> Response {
    let key = headers.get("idempotency-key").map(|k| k.to_str().unwrap_or("").to_string());
    // Verification recomputes the plan and the store writes to disk: off the async threads.
    let answer = tokio::task::spawn_blocking(move || accept(&intake, key.as_deref(), &body)).await;
    answer
        .unwrap_or_else(|_| problem(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the intake failed on this request"))
}

fn accept(intake: &Intake, key: Option<&str>, body: &[u8]) -> Response {
    let Ok(text) = std::str::from_utf8(body) else {
        return problem(StatusCode::UNPROCESSABLE_ENTITY, "notAnAgreement", "the body is not UTF-8 text");
    };
    let (agreement, raw) = match import_agreement(text) {
        Ok(imported) => imported,
        Err(e) => return problem(StatusCode::UNPROCESSABLE_ENTITY, "notAnAgreement", &e.to_string()),
    };
    if key.is_some_and(|k| k != agreement.agreement_id) {
        let message = "the Idempotency-Key header is not the agreement's agreementId";
        return problem(StatusCode::UNPROCESSABLE_ENTITY, "idempotencyKeyMismatch", message);
    }
    let verification = verify_with_keys(&agreement, &raw, Some(&intake.keys));
    if !verification.verified() {
        let message = format!("the agreement does not verify: {} difference(s)", verification.count);
        let body = Problem {
            error: "notVerified",
            message: &message,
            accepted_at: None,
            count: Some(verification.count),
            differences: &verification.differences,
        };
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
    }
    let offer = agreement.signed_offer.as_ref().map(|s| s.signature.as_str());
    let stored = intake.store.put(&agreement.agreement_id, &agreement.sha256, offer, &raw.to_string());
    match stored {
        Ok(Stored::New(receipt)) => {
            let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
            let location = format!("/agreements/{}", agreement.agreement_id);
            if let Ok(location) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        Ok(Stored::Again(receipt)) => (StatusCode::OK, Json(receipt)).into_response(),
        Ok(Stored::IdTaken) => problem(
            StatusCode::CONFLICT,
            "agreementIdTaken",
            "another agreement was already received under this agreementId",
        ),
        Ok(Stored::OfferTaken { accepted_at }) => {
            let body = Problem {
                error: "offerAlreadyAccepted",
                message: "this offer was already accepted",
                accepted_at: Some(&accepted_at),
                count: None,
                differences: &[],
            };
            (StatusCode::CONFLICT, Json(body)).into_response()
        }
        Err(e) => {
            eprintln!("accord intake: database: {e}");
            problem(StatusCode::SERVICE_UNAVAILABLE, "storage", "the agreement could not be stored; send it again")
        }
    }
}

/// The agreements received, in SQLite: WAL, a synchronous write per agreement.
struct Store {
    connection: Mutex<Connection>,
}

/// What storing an agreement did.
enum Stored {
    /// Stored now.
    New(Receipt),
    /// Stored before, with this same content: its receipt.
    Again(Receipt),
    /// Another agreement holds this id.
    IdTaken,
    /// Another agreement accepted this signed offer, at this time.
    OfferTaken { accepted_at: String },
}

impl Store {
    fn open(path: &str) -> rusqlite::Result<Store> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.busy_timeout(Duration::from_secs(10))?;
        connection.execute_batch(
            "CREATE TABLE IF NOT EXISTS agreements (
                 agreement_id TEXT PRIMARY KEY,
                 sha256 TEXT NOT NULL,
                 offer_signature TEXT UNIQUE,
                 receipt_id TEXT NOT NULL UNIQUE,
                 received_at TEXT NOT NULL,
                 body TEXT NOT NULL
             )",
        )?;
        Ok(Store { connection: Mutex::new(connection) })
    }

    /// The receipt of agreement `id`, if it was stored.
    fn receipt(&self, id: &str) -> rusqlite::Result<Option<Receipt>> {
        let connection = self.connection.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        connection
            .query_row("SELECT receipt_id, received_at FROM agreements WHERE agreement_id = ?1", params![id], |row| {
                Ok(Receipt { receipt_id: row.get(0)?, agreement_id: id.into(), received_at: row.get(1)? })
            })
            .optional()
    }

    /// Stores agreement `id` (content hash `sha256`, of the signed offer with `offer`'s
    /// signature if any, `body` its JSON) in one transaction, unless the id or the offer is
    /// taken.
    fn put(&self, id: &str, sha256: &str, offer: Option<&str>, body: &str) -> rusqlite::Result<Stored> {
        let mut connection = self.connection.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing = transaction
            .query_row(
                "SELECT sha256, receipt_id, received_at FROM agreements WHERE agreement_id = ?1",
                params![id],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?)),
            )
            .optional()?;
        if let Some((stored_sha, receipt_id, received_at)) = existing {
            return Ok(if stored_sha == sha256 {
                Stored::Again(Receipt { receipt_id, agreement_id: id.into(), received_at })
            } else {
                Stored::IdTaken
            });
        }
        if let Some(offer) = offer {
            let accepted = transaction
                .query_row("SELECT received_at FROM agreements WHERE offer_signature = ?1", params![offer], |row| {
                    row.get::<_, String>(0)
                })
                .optional()?;
            if let Some(accepted_at) = accepted {
                return Ok(Stored::OfferTaken { accepted_at });
            }
        }
        let received_at = now_rfc3339();
        let receipt_id = receipt_id(sha256, &received_at);
        transaction.execute(
            "INSERT INTO agreements (agreement_id, sha256, offer_signature, receipt_id, received_at, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, sha256, offer, receipt_id, received_at, body],
        )?;
        transaction.commit()?;
        Ok(Stored::New(Receipt { receipt_id, agreement_id: id.into(), received_at }))
    }
}

/// A receipt id: `R-` and 20 hex digits of SHA-256 over the content hash and the time, so it
/// says nothing about how many agreements came before.
fn receipt_id(sha256: &str, received_at: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{sha256}|{received_at}").as_bytes());
    let hex: String = digest.iter().take(10).map(|b| format!("{b:02x}")).collect();
    format!("R-{hex}")
}

/// Now, RFC 3339 UTC with milliseconds.
fn now_rfc3339() -> String {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let date = epoch.checked_add_days(chrono::Days::new(since.as_secs() / 86_400)).unwrap_or(epoch);
    let second = since.as_secs() % 86_400;
    format!("{date}T{:02}:{:02}:{:02}.{:03}Z", second / 3600, second / 60 % 60, second % 60, since.subsec_millis())
}

/// `accord intake export --db FILE [--since TIME]`: the stored agreements as JSON Lines, in the
/// order received: `{"receiptId", "agreementId", "receivedAt", "agreement"}`.
fn export(args: &[&str]) -> i32 {
    use std::io::Write;
    let pairs = match flags(args, &["--db", "--since"]) {
        Ok(pairs) => pairs,
        Err(e) => {
            eprintln!("error: {e}\nusage: accord intake export --db FILE [--since RFC3339]");
            return 2;
        }
    };
    let Some(db) = one(&pairs, "--db") else {
        eprintln!("error: accord intake export needs --db FILE");
        return 2;
    };
    let since = one(&pairs, "--since").unwrap_or("");
    let connection = match Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cannot open the database {db}: {e}");
            return 2;
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = (|| -> Result<usize, Box<dyn std::error::Error>> {
        let mut statement = connection.prepare(
            "SELECT receipt_id, agreement_id, received_at, body FROM agreements WHERE received_at >= ?1 ORDER BY rowid",
        )?;
        let mut rows = statement.query(params![since])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let receipt = Receipt { receipt_id: row.get(0)?, agreement_id: row.get(1)?, received_at: row.get(2)? };
            let body: String = row.get(3)?;
            let head = serde_json::to_string(&receipt)?;
            // The stored body is compact JSON (checked when it came in): one line.
            writeln!(out, "{},\"agreement\":{body}}}", &head[..head.len() - 1])?;
            count += 1;
        }
        out.flush()?;
        Ok(count)
    })();
    match written {
        Ok(count) => {
            eprintln!("accord intake export: {count} agreement(s)");
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_pair_up_and_refuse_what_they_do_not_know() {
        let pairs = flags(
            &["--db", "a.sqlite", "--allow-origin", "https://a", "--allow-origin", "https://b"],
            &["--db", "--allow-origin"],
        )
        .unwrap();
        assert_eq!(one(&pairs, "--db"), Some("a.sqlite"));
        assert_eq!(pairs.iter().filter(|(f, _)| *f == "--allow-origin").count(), 2);
        assert!(flags(&["--db"], &["--db"]).unwrap_err().contains("needs a value"));
        assert!(flags(&["--dv", "x"], &["--db"]).unwrap_err().contains("unknown argument"));
    }

    #[test]
    fn the_store_keeps_one_agreement_per_id_and_per_offer() {
        let dir = std::env::temp_dir().join(format!("accord-intake-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.sqlite");
        let _ = std::fs::remove_file(&path);
        let store = Store::open(path.to_str().unwrap()).unwrap();
        let Stored::New(first) = store.put("a-1", "h1", Some("sig-1"), "{}").unwrap() else { panic!("new") };
        assert!(first.receipt_id.starts_with("R-") && first.receipt_id.len() == 22);
        let Stored::Again(again) = store.put("a-1", "h1", Some("sig-1"), "{}").unwrap() else { panic!("again") };
        assert_eq!((again.receipt_id, again.received_at), (first.receipt_id, first.received_at.clone()));
        assert!(matches!(store.put("a-1", "h2", None, "{}").unwrap(), Stored::IdTaken));
        let Stored::OfferTaken { accepted_at } = store.put("a-2", "h3", Some("sig-1"), "{}").unwrap() else {
            panic!("offer taken")
        };
        assert_eq!(accepted_at, first.received_at);
        assert!(matches!(store.put("a-3", "h4", None, "{}").unwrap(), Stored::New(_)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
