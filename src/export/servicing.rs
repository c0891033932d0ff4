//! An agreement's status for the record system: `accord status` (one agreement and its
//! payments) and `accord status --batch` (one `{agreement, payments, asOf}` per line). The
//! agreement is verified first (hash, terms, every figure): a status is only stated for a
//! plan the terms give. Native only: the follow-up page (servicing.html) calls the core
//! directly, verifying once when the agreement opens.

use super::agreement::{import_agreement, verify_with_keys, Difference, ImportError};
use super::batch::error_line;
use super::json;
use super::signature::KeySet;
use crate::domain::calendar::parse_date;
use crate::domain::policy::{Policy, ServicingRule};
use crate::domain::servicing::payments::{read_payments, PaymentError};
use crate::domain::servicing::{status, AgreementStatus, ServicingError, Standing};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

/// An agreement's status at a date, with the agreement it is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusReport {
    /// The agreement's id.
    pub agreement_id: String,
    /// The agreement's SHA-256, as recorded (and checked).
    pub sha256: String,
    #[serde(flatten)]
    pub status: AgreementStatus,
}

/// Why no status can be stated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    #[error("the agreement: {0}")]
    Agreement(ImportError),
    #[error("the agreement does not verify: {count} difference(s), first {}", first_difference(.differences))]
    NotVerified { count: usize, differences: Vec<Difference> },
    #[error("the payments: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Payments(Vec<PaymentError>),
    #[error("{0}")]
    Servicing(ServicingError),
}

fn first_difference(differences: &[Difference]) -> String {
    differences
        .first()
        .map_or_else(String::new, |d| format!("{}: recorded {}, recomputed {}", d.path, d.recorded, d.recomputed))
}

/// The status at `as_of` of the agreement in `agreement_text`, from the payments in
/// `payments_text` (JSON or CSV), by `rule` (`None`: the rule of the policy profile the
/// agreement was made under, [`crate::domain::policy::Policy::servicing_rule`]); `keys` check a self-service
/// agreement's offer.
///
/// # Errors
/// [`StatusError`]: the agreement cannot be read or does not verify, a payment is bad, or
/// the rule is out of bounds.
pub fn agreement_status(
    agreement_text: &str,
    payments_text: &str,
    as_of: NaiveDate,
    rule: Option<ServicingRule>,
    keys: Option<&KeySet>,
) -> Result<StatusReport, StatusError> {
    let (agreement, raw) = import_agreement(agreement_text).map_err(StatusError::Agreement)?;
    let verification = verify_with_keys(&agreement, &raw, keys);
    let plan = match verification.recomputed {
        Some(plan) if verification.count == 0 => plan,
        _ => return Err(StatusError::NotVerified { count: verification.count, differences: verification.differences }),
    };
    // The terms computed, so they parse.
    let order = agreement.terms.parse().map(|input| input.allocation_order).unwrap_or_default();
    let payments = read_payments(payments_text, plan.currency).map_err(StatusError::Payments)?;
    let rule = rule.unwrap_or_else(|| Policy::servicing_rule(agreement.terms.policy.as_ref()));
    let status = status(&plan, &order, rule, &payments, as_of).map_err(StatusError::Servicing)?;
    let sha256 = raw.get("sha256").and_then(crate::json::Value::as_str).unwrap_or_default().to_string();
    Ok(StatusReport { agreement_id: agreement.agreement_id, sha256, status })
}

/// What a batch line counts as in the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Failed = 0,
    Kept = 1,
    Late = 2,
    Broken = 3,
}

/// One batch line's result: `{"line", …the status}` or `{"line", "errors": [{field,
/// message}]}`, as one line of JSON (no newline), and what it counts as. A line is
/// `{"agreement": {…}, "payments": [...] or "CSV text", "asOf": "YYYY-MM-DD"}`, `asOf`
/// defaulting to `default_as_of`.
pub fn status_line(
    number: usize,
    line: &[u8],
    default_as_of: NaiveDate,
    rule: Option<ServicingRule>,
    keys: Option<&KeySet>,
) -> (Vec<u8>, LineKind) {
    match line_status(line, default_as_of, rule, keys) {
        Ok(report) => {
            let kind = match report.status.standing {
                Standing::Kept => LineKind::Kept,
                Standing::Late => LineKind::Late,
                Standing::Broken => LineKind::Broken,
            };
            #[derive(Serialize)]
            struct Line<'a> {
                line: usize,
                #[serde(flatten)]
                report: &'a StatusReport,
            }
            (write(&Line { line: number, report: &report }), kind)
        }
        Err((field, message)) => (error_line(number, field, message), LineKind::Failed),
    }
}

/// A batch line as written: the agreement's and the payments' text as they are.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StatusLine<'a> {
    #[serde(borrow)]
    agreement: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    payments: &'a serde_json::value::RawValue,
    #[serde(default)]
    as_of: Option<String>,
}

/// The line's status, or the field that stopped it and why.
fn line_status(
    line: &[u8],
    default_as_of: NaiveDate,
    rule: Option<ServicingRule>,
    keys: Option<&KeySet>,
) -> Result<StatusReport, (&'static str, String)> {
    let line: StatusLine = serde_json::from_slice(line).map_err(|e| {
        let message = e.to_string();
        let field = ["agreement", "payments", "asOf"].into_iter().find(|f| message.contains(&format!("`{f}`")));
        (field.unwrap_or(""), format!("not a line {{agreement, payments, asOf}}: {message}"))
    })?;
    let as_of = match line.as_of {
        None => default_as_of,
        Some(text) => parse_date(&text).map_err(|e| ("asOf", e.to_string()))?,
    };
    // The payments as CSV text in a JSON string, or as JSON.
    let payments = match serde_json::from_str::<String>(line.payments.get()) {
        Ok(text) => std::borrow::Cow::Owned(text),
        Err(_) => std::borrow::Cow::Borrowed(line.payments.get()),
    };
    agreement_status(line.agreement.get(), &payments, as_of, rule, keys).map_err(|e| {
        let field = match e {
            StatusError::Payments(_) => "payments",
            StatusError::Servicing(ServicingError::Rule { .. }) => "",
            _ => "agreement",
        };
        (field, e.to_string())
    })
}

/// The compact JSON of `value` (serde_json's bytes; see [`super::json`]).
fn write<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(4_096);
    if json::write(&mut out, value).is_err() {
        out = serde_json::to_vec(value).unwrap_or_default();
    }
    out
}

/// The JSON Schema of [`StatusReport`] (shipped as `public/status.schema.json`; a test
/// keeps the two equal).
pub fn status_schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(StatusReport)).unwrap_or_default();
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".into(), "https://accord.invalid/status.schema.json".into());
        object.insert("title".into(), "Accord agreement status".into());
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    fn golden() -> String {
        include_str!("../../tests/golden/agreement-installments.json").to_string()
    }

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn a_verified_agreement_gets_its_status() {
        // The golden: 36 monthly rows of 3,226.25 from 2025-02-15. Two paid on time.
        let payments = "date,amount\n2025-02-15,3226.25\n2025-03-15,3226.25\n";
        let report = agreement_status(&golden(), payments, day("2025-04-01"), None, None).unwrap();
        assert_eq!(report.status.standing, Standing::Kept);
        assert_eq!(report.status.next_due.as_ref().map(|n| n.date), Some(day("2025-04-15")));
        assert_eq!(report.sha256.len(), 64);
    }

    #[test]
    fn a_changed_agreement_gets_no_status() {
        let changed = golden().replacen("\"3226.25\"", "\"3226.26\"", 1);
        let error = agreement_status(&changed, "[]", day("2025-04-01"), None, None).unwrap_err();
        assert!(matches!(error, StatusError::NotVerified { count, .. } if count > 0), "{error}");
    }

    #[test]
    fn every_batch_line_gets_a_result() {
        let agreement: Value = serde_json::from_str(&golden()).unwrap();
        let line = |value: Value| {
            let (bytes, kind) = status_line(7, value.to_string().as_bytes(), day("2025-06-01"), None, None);
            (serde_json::from_slice::<Value>(&bytes).unwrap(), kind)
        };
        // Nothing paid by 2025-06-01: the first row (due 02-15) is more than 30 days late.
        let (result, kind) = line(serde_json::json!({"agreement": agreement, "payments": []}));
        assert_eq!(
            (kind, result["line"].clone(), result["standing"].clone()),
            (LineKind::Broken, 7.into(), "broken".into())
        );
        let (result, kind) =
            line(serde_json::json!({"agreement": agreement, "payments": "date,amount\n", "asOf": "2025-02-01"}));
        assert_eq!((kind, result["standing"].clone()), (LineKind::Kept, "kept".into()));
        let (result, kind) =
            line(serde_json::json!({"agreement": agreement, "payments": [{"date": "2025-02-15", "amount": 5}]}));
        assert_eq!((kind, result["errors"][0]["field"].clone()), (LineKind::Failed, "payments".into()));
        let (result, _) = line(serde_json::json!({"agreement": {"schemaVersion": 1}, "payments": []}));
        assert_eq!(result["errors"][0]["field"], "agreement");
        let (bytes, kind) = status_line(1, b"\xff{", day("2025-06-01"), Some(ServicingRule::HOUSE_DEFAULT), None);
        assert_eq!(kind, LineKind::Failed);
        assert!(String::from_utf8(bytes).unwrap().contains("not a line {agreement, payments, asOf}: expected value"));
    }
}
