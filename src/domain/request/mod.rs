//! The plan request as people and files give it: every number is text, exactly as typed.
//!
//! One parser, [`PlanRequest::parse`], turns a request into a [`PlanInput`] or into a list of
//! [`FieldError`]s keyed by the field's JSON path (`claim.principal`, `waivers.0.percent`,
//! `plan.count`), so the UI can show each message beside its input and the CLI can name the
//! field. [`evaluate`] parses and computes, mapping computation errors to fields too.
//!
//! The same types are the JSON request of `accord plan` and `accord batch` (schema in
//! `public/plan-request.schema.json`).

mod field;
mod normal;
mod parse;
mod types;

pub use field::{FieldError, FieldId, InputError, WaiverPart};
pub use parse::{field_of, parse_budget};
pub use types::*;

use super::plan::{self, PlanOutcome};

/// Parses and computes `request`, reporting errors by field.
///
/// # Errors
/// Every [`FieldError`] of the request, or the one field a computation error concerns.
pub fn evaluate(request: &PlanRequest) -> Result<PlanOutcome, Vec<FieldError>> {
    let input = request.parse()?;
    plan::compute(&input).map_err(|error| vec![field_of(request, error)])
}

/// The JSON Schema of [`PlanRequest`], generated from the types (shipped as
/// `public/plan-request.schema.json`; a test keeps the two equal).
pub fn plan_request_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(PlanRequest)).unwrap_or_default();
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".into(), "https://accord.invalid/plan-request.schema.json".into());
        object.insert("title".into(), "Accord plan request".into());
    }
    schema
}
