//! `accord`: the native command-line tool built from the same core as the browser app.
//!
//! ```text
//! accord plan FILE|-     one plan request (JSON) in, the computed plan (JSON) out
//! accord batch FILE|-    one request per line in, one result per line out (streaming)
//! accord schema          the JSON Schema of a plan request
//! ```
//! Exit status: 0 when everything computed, 1 when an input was bad (each message names the
//! field), 2 for a usage error.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use accord::domain::request::{evaluate, FieldError, PlanRequest};
    use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

    const USAGE: &str = "usage:
  accord plan FILE|-     compute one plan request (JSON) and print the plan as JSON
  accord batch FILE|-    compute one request per line (JSON Lines), one result per line
  accord schema          print the JSON Schema of a plan request
  accord --version";

    /// Lines between progress reports on stderr in batch mode.
    const PROGRESS_EVERY: usize = 10_000;

    pub fn run(args: Vec<String>) -> i32 {
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["plan", path] => plan(path),
            ["batch", path] => batch(path),
            ["schema"] | ["schema", "plan-request"] => {
                println!("{:#}", accord::domain::request::plan_request_schema());
                0
            }
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

    fn report(errors: &[FieldError]) {
        for error in errors {
            eprintln!("error: {error}");
        }
    }

    fn plan(path: &str) -> i32 {
        let mut text = String::new();
        if let Err(e) = open(path).and_then(|mut r| r.read_to_string(&mut text)) {
            eprintln!("error: cannot read {path}: {e}");
            return 1;
        }
        let request: PlanRequest = match serde_json::from_str(&text) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: the request is not valid: {e}");
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

    fn batch(path: &str) -> i32 {
        let reader = match open(path) {
            Ok(r) => BufReader::new(r),
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return 1;
            }
        };
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let (mut done, mut failed) = (0usize, 0usize);
        for (index, line) in reader.lines().enumerate() {
            let number = index + 1;
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("error: line {number}: cannot read: {e}");
                    return 1;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let result = match serde_json::from_str::<PlanRequest>(&line) {
                Err(e) => {
                    serde_json::json!({ "line": number, "errors": [{ "field": "", "message": e.to_string() }] })
                }
                Ok(request) => match evaluate(&request) {
                    Ok(outcome) => serde_json::json!({ "line": number, "plan": outcome }),
                    Err(errors) => serde_json::json!({
                        "line": number,
                        "errors": errors.iter().map(|e| serde_json::json!({
                            "field": e.field, "message": e.error.to_string(), "detail": e.error
                        })).collect::<Vec<_>>()
                    }),
                },
            };
            if result.get("errors").is_some() {
                failed += 1;
            }
            if serde_json::to_writer(&mut out, &result).is_err() || out.write_all(b"\n").is_err() {
                eprintln!("error: cannot write the output");
                return 1;
            }
            done += 1;
            if done % PROGRESS_EVERY == 0 {
                eprintln!("accord batch: {done} requests, {failed} with errors");
            }
        }
        if out.flush().is_err() {
            return 1;
        }
        eprintln!("accord batch: done, {done} requests, {failed} with errors");
        i32::from(failed > 0)
    }
}
