//! Plan requests as the record system sends them to the native tool: `accord plan` (one
//! request) and `accord batch` (one request per line, one result per line, in order).
//!
//! A text that is not a request names the field it stumbled on (`claim.principal: invalid
//! type: integer …`) with its line and column; a request that is one is parsed and computed
//! by [`evaluate`], which names fields too. A batch line gets its own result whatever it
//! holds: bytes that are not UTF-8, JSON that is not a request, a request that does not
//! compute — and, should the core ever panic on a line, an internal error for that line
//! (the caller catches it; see `src/bin/accord/main.rs`). Native only (the browser has no batch).

use super::json;
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::Policy;
use crate::domain::request::{evaluate, PlanRequest};
use crate::domain::schedule::ScheduleRow;
use serde::Serialize;

/// Why a text is not a plan request, at a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestError {
    /// JSON path of the field (`claim.principal`, `waivers.0.amount`), empty for the whole text.
    pub field: String,
    /// What is wrong, with the line and column.
    pub message: String,
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "the request: {}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// Reads a plan request from JSON text.
///
/// # Errors
/// A [`RequestError`] naming the field where the text stops being a request.
pub fn read_request(text: &str) -> Result<PlanRequest, RequestError> {
    // Read plainly first; only a text that is not a request is read again with its path
    // tracked, to name the field (tracking costs a tenth of a batch line's time).
    if let Ok(request) = serde_json::from_str(text) {
        return Ok(request);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let request = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let mut field = json_path(e.path());
        let inner = e.into_inner();
        let mut message = inner.to_string();
        // The policy is read by hand (`Policy::from_json`): its own error names the member.
        if field == "policy" {
            let value = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|mut v| v.get_mut("policy").map(std::mem::take));
            if let Some(Err(e)) = value.map(|v| Policy::from_json(v.into())) {
                field = if e.path.is_empty() { field } else { format!("policy.{}", e.path) };
                message = e.message;
            }
        }
        let message = if inner.is_syntax() || inner.is_eof() {
            format!("not valid JSON: {message}")
        } else if message.starts_with("invalid type: integer") || message.starts_with("invalid type: floating") {
            format!("a JSON number where a decimal string is expected ({message})")
        } else {
            message
        };
        RequestError { field, message }
    })?;
    deserializer.end().map_err(|e| RequestError { field: String::new(), message: format!("not valid JSON: {e}") })?;
    Ok(request)
}

/// The field path the way the rest of Accord writes it: `waivers.0.amount`.
fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let parts: Vec<String> = path
        .iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect();
    parts.join(".")
}

/// One batch line's error: the field's JSON path (empty for the whole line), the message and,
/// for a request that does not compute, the error as data.
#[derive(Serialize)]
struct LineError<'a> {
    field: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a crate::domain::request::InputError>,
}

/// A batch line's result, written straight to its text (no JSON tree in between: building one
/// per plan cost more than computing the plan): the line number first, then the plan or the
/// errors.
#[derive(Serialize)]
struct LineResult<'a> {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<&'a crate::domain::plan::PlanOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<LineError<'a>>>,
}

/// The text of a result, written by [`super::json`] (the same bytes as serde_json, faster),
/// with room reserved for a plan's rows up front. serde_json writes it should the writer
/// refuse a value (no output of Accord holds a float or an odd map key; should one ever,
/// the line still gets its result); that cannot fail either: no maps with non-string keys,
/// no floats.
fn line_text(result: &LineResult) -> Vec<u8> {
    let rows = result.plan.map_or(0, |plan| plan.schedule.len());
    let mut out = Vec::with_capacity(1_536 + 176 * rows);
    let written = match result.plan {
        Some(plan) if result.errors.is_none() => {
            let mut line = json::Object::open(&mut out);
            line.field("line", &result.line)
                .and_then(|()| line.field_with("plan", |out| write_plan(out, plan)))
                .map(|()| line.close())
        }
        _ => json::write(&mut out, result),
    };
    match written {
        Ok(()) => out,
        Err(_) => serde_json::to_vec(result).unwrap_or_else(|e| {
            format!(r#"{{"line":{},"errors":[{{"field":"","message":"{e}"}}]}}"#, result.line).into_bytes()
        }),
    }
}

/// `plan` as its serde derive writes it, with the rows — most of a line's bytes — written
/// by [`write_rows`] rather than through serde. `tests/json_writer.rs` holds the two to the
/// same bytes over plans of every kind, so a field added to [`PlanOutcome`] and not here
/// fails there.
fn write_plan(out: &mut Vec<u8>, plan: &PlanOutcome) -> Result<(), json::Unsupported> {
    let mut object = json::Object::open(out);
    object.field("currency", &plan.currency)?;
    object.field("rounding", &plan.rounding)?;
    object.field("claim", &plan.claim)?;
    object.field("claimTotal", &plan.claim_total)?;
    object.field("waived", &plan.waived)?;
    object.field("waivedConditional", &plan.waived_conditional)?;
    object.field("reinstatedOnBreach", &plan.reinstated_on_breach)?;
    object.field("due", &plan.due)?;
    object.field("upfront", &plan.upfront)?;
    object.field("financed", &plan.financed)?;
    if !plan.interest_free.is_zero_amount() {
        object.field("interestFree", &plan.interest_free)?;
    }
    object.field("frequency", &plan.frequency)?;
    object.field_with("schedule", |out| {
        write_rows(out, &plan.schedule);
        Ok(())
    })?;
    object.field("totals", &plan.totals)?;
    object.field("recovery", &plan.recovery)?;
    object.field("annualizedRate", &plan.annualized_rate)?;
    object.field("affordability", &plan.affordability)?;
    object.field("findings", &plan.findings)?;
    object.close();
    Ok(())
}

/// The rows as `ScheduleRow`'s serde derive writes them (`charges` left out when zero),
/// figures straight from their digits.
fn write_rows(out: &mut Vec<u8>, rows: &[ScheduleRow]) {
    out.push(b'[');
    for (index, row) in rows.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"number\":");
        json::write_unsigned(out, u128::from(row.number));
        out.extend_from_slice(b",\"date\":");
        json::write_date(out, row.date);
        let charges = (!row.charges.is_zero_amount()).then_some((&b",\"charges\":"[..], row.charges));
        let figures = [
            Some((&b",\"payment\":"[..], row.payment)),
            Some((b",\"principal\":", row.principal)),
            Some((b",\"interest\":", row.interest)),
            charges,
            Some((b",\"fees\":", row.fees)),
            Some((b",\"balance\":", row.balance)),
        ];
        for (key, amount) in figures.into_iter().flatten() {
            out.extend_from_slice(key);
            json::write_decimal(out, amount.value());
        }
        out.push(b'}');
    }
    out.push(b']');
}

/// An error of the whole line, or of one field that stopped the reading.
fn read_failure(number: usize, field: String, message: String) -> LineResult<'static> {
    LineResult { line: number, plan: None, errors: Some(vec![LineError { field, message, detail: None }]) }
}

/// The result of batch line `number` (1-based) holding `line`: `{"line", "plan"}` or
/// `{"line", "errors"}` as one line of JSON (no newline), and whether it failed.
pub fn batch_line(number: usize, line: &[u8]) -> (Vec<u8>, bool) {
    let text = match std::str::from_utf8(line) {
        Ok(text) => text,
        Err(e) => {
            let message = format!("the line is not UTF-8 text (invalid byte at {})", e.valid_up_to() + 1);
            return (line_text(&read_failure(number, String::new(), message)), true);
        }
    };
    let request = match read_request(text) {
        Ok(request) => request,
        Err(e) => return (line_text(&read_failure(number, e.field, e.message)), true),
    };
    match evaluate(&request) {
        Ok(outcome) => (line_text(&LineResult { line: number, plan: Some(&outcome), errors: None }), false),
        Err(errors) => {
            let errors = errors
                .iter()
                .map(|e| LineError { field: e.field.to_string(), message: e.error.to_string(), detail: Some(&e.error) })
                .collect();
            (line_text(&LineResult { line: number, plan: None, errors: Some(errors) }), true)
        }
    }
}

/// A line's result that is one error, `{"line", "errors": [{"field", "message"}]}`: of a
/// batch line, or of a `status --batch` line (`export::servicing`).
pub fn error_line(number: usize, field: &str, message: String) -> Vec<u8> {
    line_text(&read_failure(number, field.to_string(), message))
}

/// The result of a batch line on which the core failed unexpectedly (a panic caught by the
/// caller): the line still gets its own result.
pub fn internal_error_line(number: usize, what: &str) -> Vec<u8> {
    error_line(number, "", format!("internal error: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_number_is_refused_by_its_field() {
        let text = r#"{"claim": {"currency": "CNY", "asOf": "2025-01-01", "principal": 100},
                       "plan": {"type": "settlement", "payBy": "2025-02-01"}}"#;
        let error = read_request(text).unwrap_err();
        assert_eq!(error.field, "claim.principal");
        assert!(error.message.starts_with("a JSON number where a decimal string is expected"), "{error}");
        assert!(error.message.contains("line 1"), "{error}");
        let text = r#"{"claim": {"currency": "CNY", "asOf": "2025-01-01", "principal": "1"},
                       "waivers": [{"bucket": "fees", "amount": 5}],
                       "plan": {"type": "settlement", "payBy": "2025-02-01"}}"#;
        assert_eq!(read_request(text).unwrap_err().field, "waivers.0.amount");
    }

    #[test]
    fn every_line_gets_its_own_result() {
        let (result, failed) = batch_line(7, b"\xff\xfe{}");
        let result = String::from_utf8(result).unwrap();
        assert!(failed);
        assert!(
            result.starts_with(r#"{"line":7,"errors":[{"field":"","message":"the line is not UTF-8 text"#),
            "{result}"
        );
        let (result, failed) = batch_line(8, b"[1, 2");
        let result = String::from_utf8(result).unwrap();
        assert!(failed && result.contains(r#""line":8"#), "{result}");
    }
}
