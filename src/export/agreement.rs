//! The agreement JSON, version 1: what the record system stores, validates and recomputes.
//!
//! An [`Agreement`] holds the exact terms in normal form ([`PlanRequest::normal_form`]: every
//! amount a decimal string with the currency's minor-unit digits), the conventions, the full
//! computed plan (schedule, totals, annualized rates, policy findings), the negotiation log,
//! the channel and references (no names or phone numbers), and `sha256`: the SHA-256 of the
//! agreement's RFC 8785 canonical form with the `sha256` member left out.
//!
//! [`import_agreement`] is strict (size, JSON syntax, duplicate keys, schema version, unknown
//! fields, types: an amount given as a JSON number is refused), and [`verify`] recomputes the
//! plan from the terms and lists every figure that differs. Pure: the caller supplies the id
//! and the time.

use super::approval::{
    check_approval, check_policy_signature, needing_approval, profile_sha256, read_approval_code, terms_sha256,
    Approval,
};
use super::canonical::{canonical_json, json_value, sha256_hex, tree_of, CanonicalError};
use super::signature::{verify_link, KeyRole, KeySet};
use super::utc::UtcTime;
use crate::domain::calendar::DayCount;
use crate::domain::claim::Bucket;
use crate::domain::members::{self, Members, ReadError};
use crate::domain::money::RoundingRule;
use crate::domain::negotiation::{LogEntry, LogEvent, Supersedes};
use crate::domain::offer::{parse_offer, selection_within};
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::Policy;
use crate::domain::request::{evaluate, FieldError, PlanRequest, PlanTermsRequest};
use crate::json::Value;
#[cfg(any(test, not(target_arch = "wasm32")))]
use serde::Deserialize;
use serde::Serialize;

/// The version of the format this code writes and reads.
pub const SCHEMA_VERSION: u32 = 1;
/// The largest agreement file accepted, in bytes (a 1,200-installment plan with a long log is
/// well under 1 MB).
pub const MAX_AGREEMENT_BYTES: usize = 2 * 1024 * 1024;
/// Differences listed before the rest are only counted.
pub const MAX_DIFFERENCES: usize = 200;

/// Where the agreement was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Channel {
    /// An agent on a call, in the workspace.
    Agent,
    /// The debtor, through a signed self-service link.
    SelfService,
    /// A portal that embeds Accord.
    Embedded,
}

crate::by_name!(Channel { "agent" => Agent, "selfService" => SelfService, "embedded" => Embedded });

/// The creditor's references: no names or phone numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct References {
    /// The creditor's account reference.
    pub account_reference: String,
    /// The agent's id in the creditor's systems, when an agent made the agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
}

/// The conventions the figures follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Conventions {
    /// Rounding of every amount to the currency's minor unit.
    pub rounding: RoundingRule,
    /// Digits after the decimal point of every amount.
    pub minor_units: u32,
    /// Day count for interest; absent for a settlement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_count: Option<DayCount>,
    /// Order in which payments settle the buckets.
    pub allocation_order: Vec<Bucket>,
    /// The buckets whose balance bears the plan's interest; the rest is repaid interest-free,
    /// an equal share with each installment (README "Conventions"). Absent: every bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest_bearing: Option<Vec<Bucket>>,
}

/// The creditor's policy profile the findings were checked against, and what an agent
/// changed in it (all derived from `terms.policy`, which carries the profile's signature).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicyBasis {
    /// The profile's name.
    pub name: String,
    /// SHA-256 (hex) of the RFC 8785 JSON of the profile: the policy with every override
    /// undone and without `signed` (what `accord policy sign` signs).
    pub sha256: String,
    /// The limits an agent changed for this account (each finding an override relaxed needed
    /// an approval).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<PolicyOverride>,
}

/// One limit an agent changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicyOverride {
    pub rule: crate::domain::policy::RuleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<Bucket>,
    /// The profile's limit.
    pub from: String,
    /// The limit in force.
    pub to: String,
}

/// The policy basis of `terms` (in normal form, so they hold the policy).
fn policy_basis(terms: &PlanRequest) -> PolicyBasis {
    let policy = terms.policy.clone().unwrap_or_else(|| Policy::default_for(terms.claim.currency_or_default()));
    let overrides = policy
        .rules
        .iter()
        .filter_map(|r| {
            let from = r.overridden_from?;
            Some(PolicyOverride { rule: r.rule, bucket: r.bucket, from: from.to_string(), to: r.limit.to_string() })
        })
        .collect();
    PolicyBasis { sha256: profile_sha256(&policy), name: policy.name, overrides }
}

/// The signed self-service offer an agreement was chosen within: the two base64url parts of
/// its link (see [`crate::export::signature`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignedOfferRef {
    /// base64url of the offer's canonical JSON.
    pub payload: String,
    /// base64url of the Ed25519 signature over those bytes.
    pub signature: String,
}

/// The consent line a debtor ticked before confirming, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Consent {
    /// The line's words.
    pub text: String,
    /// The language they were shown in (BCP 47: `zh-CN`, `en`).
    pub locale: String,
}

/// An agreed plan, version 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Agreement {
    /// Always 1.
    pub schema_version: u32,
    /// "accord" and the version of the calculator that computed it.
    pub calculator_version: String,
    /// Unique id given by the app when the agreement was made.
    pub agreement_id: String,
    /// RFC 3339 UTC, e.g. `2025-01-15T10:05:00.000Z`.
    pub created_at: String,
    pub channel: Channel,
    pub references: References,
    /// The name of the agreed offer in the negotiation (A, B, …).
    pub offer: String,
    /// The exact terms, in normal form: claim, waivers, partial payment, plan, discount rate,
    /// policy, budget.
    pub terms: PlanRequest,
    pub conventions: Conventions,
    /// The policy profile, by name and hash, and the agent's overrides.
    pub policy_basis: PolicyBasis,
    /// The plan computed from `terms`: relief, schedule, totals, recovery, annualized rates,
    /// affordability and policy findings.
    pub outcome: PlanOutcome,
    /// Supervisors' approvals of the findings that need one (none on the self-service
    /// channel, where the creditor's signed offer stands for them), each as its code
    /// `STATEMENT.SIGNATURE`: base64url of the statement's RFC 8785 JSON (approver, time,
    /// reason, the terms' SHA-256, the findings) and of the Ed25519 signature over those
    /// bytes (see `export::approval`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<String>,
    /// What was shown, proposed, changed, rejected and agreed, oldest first.
    pub negotiation_log: Vec<LogEntry>,
    /// For a self-service agreement: the signed offer the debtor chose within.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_offer: Option<SignedOfferRef>,
    /// For a self-service agreement: the consent line the debtor ticked, in the words and
    /// the language shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// For a renegotiation: the agreement this one replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Supersedes>,
    /// SHA-256 (lower-case hex) of the RFC 8785 canonical form of this object without
    /// `sha256`.
    pub sha256: String,
}

/// An agreement as read from a file: what identifies it and its terms typed, the computed
/// parts (`conventions`, `outcome`) as JSON. [`verify`] compares those figure by figure with
/// a recomputation from the terms, which also catches a wrong type or an unknown field in
/// them and names its path (and keeps the typed readers of the whole outcome out of the
/// browser's download). Read by hand ([`AgreementFile::from_json`]); serde's derived reader
/// natively, for the differential test only.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[cfg_attr(any(test, not(target_arch = "wasm32")), serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct AgreementFile {
    pub schema_version: u32,
    pub calculator_version: String,
    pub agreement_id: String,
    pub created_at: String,
    pub channel: Channel,
    pub references: References,
    pub offer: String,
    pub terms: PlanRequest,
    pub conventions: Value,
    pub policy_basis: Value,
    pub outcome: Value,
    #[cfg_attr(any(test, not(target_arch = "wasm32")), serde(default))]
    pub approvals: Vec<String>,
    pub negotiation_log: Vec<LogEntry>,
    #[cfg_attr(any(test, not(target_arch = "wasm32")), serde(default))]
    pub signed_offer: Option<SignedOfferRef>,
    #[cfg_attr(any(test, not(target_arch = "wasm32")), serde(default))]
    pub consent: Option<Consent>,
    #[cfg_attr(any(test, not(target_arch = "wasm32")), serde(default))]
    pub supersedes: Option<Supersedes>,
    pub sha256: String,
}

// The hand-written readers of an agreement (see `domain::members` for why): what the derived
// ones accept, member by member.
impl AgreementFile {
    /// Reads an agreement from its JSON value.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not what it should be.
    pub fn from_json(value: Value) -> Result<AgreementFile, ReadError> {
        const KNOWN: &[&str] = &[
            "schemaVersion",
            "calculatorVersion",
            "agreementId",
            "createdAt",
            "channel",
            "references",
            "offer",
            "terms",
            "conventions",
            "policyBasis",
            "outcome",
            "approvals",
            "negotiationLog",
            "signedOffer",
            "consent",
            "supersedes",
            "sha256",
        ];
        let mut m = Members::of(value, "struct AgreementFile", KNOWN)?;
        let agreement = AgreementFile {
            schema_version: m.required("schemaVersion", members::whole),
            calculator_version: m.required("calculatorVersion", members::text),
            agreement_id: m.required("agreementId", members::text),
            created_at: m.required("createdAt", members::text),
            channel: m.required_name("channel"),
            references: m.required("references", References::from_json),
            offer: m.required("offer", members::text),
            terms: m.required("terms", PlanRequest::from_json),
            conventions: m.required("conventions", members::any),
            policy_basis: m.required("policyBasis", members::any),
            outcome: m.required("outcome", members::any),
            approvals: m.list_or_empty("approvals", members::text),
            negotiation_log: m.required_list("negotiationLog", LogEntry::from_json),
            signed_offer: m.optional("signedOffer", SignedOfferRef::from_json),
            consent: m.optional("consent", Consent::from_json),
            supersedes: m.optional("supersedes", Supersedes::from_json),
            sha256: m.required("sha256", members::text),
        };
        m.finish(agreement)
    }
}

impl References {
    fn from_json(value: Value) -> Result<References, ReadError> {
        let mut m = Members::of(value, "struct References", &["accountReference", "agentId"])?;
        let references = References {
            account_reference: m.required("accountReference", members::text),
            agent_id: m.optional("agentId", members::text),
        };
        m.finish(references)
    }
}

impl SignedOfferRef {
    fn from_json(value: Value) -> Result<SignedOfferRef, ReadError> {
        let mut m = Members::of(value, "struct SignedOfferRef", &["payload", "signature"])?;
        let signed = SignedOfferRef {
            payload: m.required("payload", members::text),
            signature: m.required("signature", members::text),
        };
        m.finish(signed)
    }
}

impl Consent {
    fn from_json(value: Value) -> Result<Consent, ReadError> {
        let mut m = Members::of(value, "struct Consent", &["text", "locale"])?;
        let consent = Consent { text: m.required("text", members::text), locale: m.required("locale", members::text) };
        m.finish(consent)
    }
}

/// What the app or the record system knows about an agreement besides its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementContext {
    pub agreement_id: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub channel: Channel,
    pub references: References,
    pub offer: String,
    pub log: Vec<LogEntry>,
    /// The signed offer of a self-service agreement.
    pub signed_offer: Option<SignedOfferRef>,
    /// The consent line a debtor ticked (self-service).
    pub consent: Option<Consent>,
    /// Supervisors' approval codes for the agreed terms.
    pub approvals: Vec<String>,
    /// The agreement this one replaces.
    pub supersedes: Option<Supersedes>,
}

/// The conventions `terms` (in normal form) use.
fn conventions(terms: &PlanRequest, outcome: &PlanOutcome) -> Conventions {
    let day_count = match &terms.plan {
        PlanTermsRequest::Settlement { .. } => None,
        PlanTermsRequest::Extension { day_count, .. } | PlanTermsRequest::Installments { day_count, .. } => {
            Some(*day_count)
        }
    };
    Conventions {
        rounding: outcome.rounding,
        minor_units: outcome.currency.minor_units(),
        day_count,
        allocation_order: terms.allocation_order.clone().unwrap_or_else(|| Bucket::DEFAULT_ORDER.to_vec()),
        interest_bearing: terms
            .policy
            .as_ref()
            .map(|p| p.interest_bearing.clone())
            .filter(|buckets| buckets.len() < Bucket::ALL.len()),
    }
}

/// A log entry with its terms in normal form when they parse (as typed otherwise).
fn normalized_entry(entry: &LogEntry) -> LogEntry {
    let terms = entry.terms.parse().map_or_else(|_| entry.terms.clone(), |input| PlanRequest::normal_form(&input));
    LogEntry { terms, ..entry.clone() }
}

/// Builds the agreement for `request` and seals it with its hash.
///
/// # Errors
/// The request's field errors, when it does not compute.
pub fn build_agreement(request: &PlanRequest, context: AgreementContext) -> Result<Agreement, Vec<FieldError>> {
    let input = request.parse()?;
    let terms = PlanRequest::normal_form(&input);
    let outcome = evaluate(&terms)?;
    let mut agreement = Agreement {
        schema_version: SCHEMA_VERSION,
        calculator_version: format!("accord {}", env!("CARGO_PKG_VERSION")),
        agreement_id: context.agreement_id,
        created_at: context.created_at,
        channel: context.channel,
        references: context.references,
        offer: context.offer,
        conventions: conventions(&terms, &outcome),
        policy_basis: policy_basis(&terms),
        terms,
        outcome,
        approvals: context.approvals,
        negotiation_log: context.log.iter().map(normalized_entry).collect(),
        signed_offer: context.signed_offer,
        consent: context.consent,
        supersedes: context.supersedes,
        sha256: String::new(),
    };
    agreement.sha256 = tree_of(&agreement).and_then(|tree| unsealed_hash(tree).ok()).unwrap_or_default();
    Ok(agreement)
}

/// The agreement as pretty-printed JSON (the hash covers its canonical form, so any
/// formatting of the same members verifies).
pub fn agreement_json(agreement: &Agreement) -> String {
    serde_json::to_string_pretty(agreement).unwrap_or_default()
}

/// The agreement as compact JSON. The browser writes this (and indents it with the
/// browser's own JSON): a second, pretty-printing copy of every serializer costs the wasm
/// several KB.
pub fn agreement_compact_json(agreement: &Agreement) -> String {
    super::json::to_string(agreement).unwrap_or_default()
}

/// SHA-256 of the canonical form of `agreement` without its `sha256` member.
///
/// # Errors
/// [`CanonicalError`] when the value holds a number with no canonical form here.
pub fn content_hash(agreement: &Value) -> Result<String, CanonicalError> {
    unsealed_hash(agreement.clone())
}

/// [`content_hash`] of a tree the caller no longer needs (no copy).
fn unsealed_hash(mut agreement: Value) -> Result<String, CanonicalError> {
    if let Value::Object(members) = &mut agreement {
        members.remove("sha256");
    }
    Ok(sha256_hex(canonical_json(&agreement)?.as_bytes()))
}

/// Why a file is not an agreement this app can read. The UI words each case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is over the limit of {max} bytes")]
    TooLarge { bytes: usize, max: usize },
    #[error("the file ends too early (truncated?)")]
    Truncated,
    #[error("not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    #[error("the key `{key}` appears twice in one object")]
    DuplicateKey { key: String },
    #[error("not an agreement: the file holds no schemaVersion")]
    NotAnAgreement,
    #[error("not a negotiation saved by Accord")]
    NotANegotiation,
    #[error("schema version {found} is not supported (this app reads version {SCHEMA_VERSION})")]
    UnknownVersion { found: String },
    /// `path`: the member's path, dot-separated (`terms.claim.principal`); empty for the
    /// document itself (so for the next two).
    #[error("an amount or rate is a JSON number; it must be a decimal string{}", at(.path))]
    NumberNotString { path: String },
    #[error("unknown field `{field}`{}", at(.path))]
    UnknownField { field: String, path: String },
    #[error("`{field}` is not an RFC 3339 UTC time such as 2025-01-15T10:05:00Z")]
    NotUtcTime { field: String },
    #[error("does not match the agreement format{}: {detail}", at(.path))]
    Invalid { detail: String, path: String },
}

/// Reads an agreement strictly. Returns the agreement and the JSON value as given (the hash
/// is checked against the value as given).
///
/// # Errors
/// [`ImportError`], never a panic, for any input.
pub fn import_agreement(text: &str) -> Result<(AgreementFile, Value), ImportError> {
    let value = parse_json(text)?;
    match value.get("schemaVersion") {
        None => return Err(ImportError::NotAnAgreement),
        Some(Value::Number(n)) if n.as_u64() == Some(u64::from(SCHEMA_VERSION)) => {}
        Some(other) => return Err(ImportError::UnknownVersion { found: other.to_string() }),
    }
    let agreement = AgreementFile::from_json(value.clone()).map_err(typed_error)?;
    if UtcTime::parse(&agreement.created_at).is_none() {
        return Err(ImportError::NotUtcTime { field: "createdAt".into() });
    }
    if let Some(i) = agreement.negotiation_log.iter().position(|e| UtcTime::parse(&e.at).is_none()) {
        return Err(ImportError::NotUtcTime { field: format!("negotiationLog.{i}.at") });
    }
    Ok((agreement, value))
}

/// The JSON value of `text`, refusing more than [`MAX_AGREEMENT_BYTES`] and duplicate keys.
fn parse_json(text: &str) -> Result<Value, ImportError> {
    if text.len() > MAX_AGREEMENT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len(), max: MAX_AGREEMENT_BYTES });
    }
    crate::json::parse(text).map_err(|e| {
        if e.is_eof() {
            ImportError::Truncated
        } else if let Some(key) = e.to_string().strip_prefix("duplicate key `").and_then(|k| k.split('`').next()) {
            ImportError::DuplicateKey { key: key.to_string() }
        } else {
            ImportError::NotJson { line: e.line(), column: e.column() }
        }
    })
}

/// Classifies a reader's error.
fn typed_error(e: ReadError) -> ImportError {
    let ReadError { path, message } = e;
    if message.starts_with("invalid type: integer") || message.starts_with("invalid type: floating point") {
        ImportError::NumberNotString { path }
    } else if let Some(field) = message.strip_prefix("unknown field `").and_then(|f| f.split('`').next()) {
        ImportError::UnknownField { field: field.to_string(), path }
    } else {
        ImportError::Invalid { detail: message, path }
    }
}

/// " (at `path`)", or nothing for the document itself.
fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" (at `{path}`)")
    }
}

/// One figure that is not what the terms give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// JSON path, e.g. `outcome.schedule.11.payment` or `sha256`.
    pub path: String,
    /// What the file says (JSON), or `(absent)`.
    pub recorded: String,
    /// What recomputing gives (JSON), or `(absent)`.
    pub recomputed: String,
}

/// The result of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The first [`MAX_DIFFERENCES`] differences; empty when verified.
    pub differences: Vec<Difference>,
    /// How many differences there are in all.
    pub count: usize,
    /// The plan recomputed from the terms, when they compute.
    pub recomputed: Option<PlanOutcome>,
}

impl Verification {
    /// Whether every figure and the hash match.
    pub fn verified(&self) -> bool {
        self.count == 0
    }
}

/// [`verify_with_keys`] without public keys: a self-service agreement then lists its signed
/// offer as unchecked.
pub fn verify(agreement: &AgreementFile, raw: &Value) -> Verification {
    verify_with_keys(agreement, raw, None)
}

/// Checks `raw` (as imported): the hash over its canonical form, that the terms are in normal
/// form, and that recomputing the terms gives the same conventions and outcome: every
/// schedule row, total, rate and finding. A self-service agreement must carry a signed offer
/// that verifies with one of `keys`, had not expired when the agreement was made, and whose
/// bounds allow the terms.
pub fn verify_with_keys(agreement: &AgreementFile, raw: &Value, keys: Option<&KeySet>) -> Verification {
    let mut found = Vec::new();
    check_signed_offer(agreement, keys, &mut found);
    check_log(agreement, raw, &mut found);
    let mut recomputed_outcome = None;
    let recorded_hash = raw.get("sha256").cloned().unwrap_or(Value::Null);
    match content_hash(raw) {
        Ok(hash) if Value::String(hash.clone()) == recorded_hash => {}
        Ok(hash) => found.push(difference("sha256", Some(&recorded_hash), Some(&Value::String(hash)))),
        Err(e) => found.push(difference("sha256", Some(&recorded_hash), Some(&Value::String(e.to_string())))),
    }
    let recorded_terms = raw.get("terms").cloned().unwrap_or(Value::Null);
    match agreement.terms.parse() {
        Err(errors) => {
            found.push(difference("terms", Some(&recorded_terms), Some(&reasons(&errors))));
        }
        Ok(input) => {
            let normal = PlanRequest::normal_form(&input);
            compare("terms", &recorded_terms, &json_value(&normal), &mut found);
            match evaluate(&normal) {
                Err(errors) => {
                    let recorded = raw.get("outcome").cloned().unwrap_or(Value::Null);
                    found.push(difference("outcome", Some(&recorded), Some(&reasons(&errors))));
                }
                Ok(outcome) => {
                    let recomputed = json_value(&conventions(&normal, &outcome));
                    compare("conventions", raw.get("conventions").unwrap_or(&Value::Null), &recomputed, &mut found);
                    let recomputed = json_value(&policy_basis(&normal));
                    compare("policyBasis", raw.get("policyBasis").unwrap_or(&Value::Null), &recomputed, &mut found);
                    check_findings(agreement, &normal, &outcome, keys, &mut found);
                    let recomputed = json_value(&outcome);
                    compare("outcome", raw.get("outcome").unwrap_or(&Value::Null), &recomputed, &mut found);
                    recomputed_outcome = Some(outcome);
                }
            }
        }
    }
    let count = found.len();
    found.truncate(MAX_DIFFERENCES);
    Verification { differences: found, count, recomputed: recomputed_outcome }
}

/// The negotiation log's checks of [`verify_with_keys`]: the log is part of the record a
/// dispute reads, so it must tell the story the agreement tells. Each entry's terms are in
/// normal form; entries are in time order and none is after `createdAt`; an agreement made
/// on a call or in a portal ends with the entry that agreed it (the last `agreed` entry),
/// whose offer and terms are the agreement's and whose time is `createdAt`. A self-service
/// agreement may have no log; if it has one, the same rules hold.
fn check_log(agreement: &AgreementFile, raw: &Value, found: &mut Vec<Difference>) {
    let problem = |path: String, recorded: Value, text: String| Difference {
        path,
        recorded: recorded.to_string(),
        recomputed: Value::String(text).to_string(),
    };
    let log = &agreement.negotiation_log;
    // The import checked every time, so none of these is absent.
    let created = UtcTime::parse(&agreement.created_at);
    let mut previous: Option<UtcTime> = None;
    for (index, entry) in log.iter().enumerate() {
        let path = format!("negotiationLog.{index}");
        let at = UtcTime::parse(&entry.at);
        if at > created {
            let after = format!("after createdAt {}", agreement.created_at);
            found.push(problem(format!("{path}.at"), entry.at.clone().into(), after));
        }
        if previous.is_some() && at < previous {
            found.push(problem(format!("{path}.at"), entry.at.clone().into(), "before the entry above it".into()));
        }
        previous = at;
        match entry.terms.parse() {
            Err(errors) => found.push(problem(format!("{path}.terms"), Value::Null, reasons_text(&errors))),
            Ok(input) => {
                // The file's own JSON, which the hash covers, not the terms as read.
                let normal = json_value(&PlanRequest::normal_form(&input));
                let recorded = logged_terms(raw, index);
                compare(&format!("{path}.terms"), recorded, &normal, found);
            }
        }
    }
    if log.is_empty() && agreement.channel == Channel::SelfService {
        return;
    }
    let agreeing = log.iter().rposition(|e| e.event == LogEvent::Agreed);
    let Some(index) = agreeing else {
        let last = log.len().saturating_sub(1);
        found.push(problem(
            format!("negotiationLog.{last}"),
            Value::Null,
            format!("an entry agreeing offer {}", agreement.offer),
        ));
        return;
    };
    let entry = &log[index];
    let path = format!("negotiationLog.{index}");
    if index + 1 != log.len() {
        found.push(problem(
            format!("negotiationLog.{}", index + 1),
            Value::Null,
            "nothing after the agreeing entry".into(),
        ));
    }
    if entry.offer != agreement.offer {
        found.push(difference(
            &format!("{path}.offer"),
            Some(&entry.offer.clone().into()),
            Some(&agreement.offer.clone().into()),
        ));
    }
    if entry.at != agreement.created_at {
        found.push(difference(
            &format!("{path}.at"),
            Some(&entry.at.clone().into()),
            Some(&agreement.created_at.clone().into()),
        ));
    }
    let recorded = logged_terms(raw, index);
    compare(&format!("{path}.terms"), recorded, raw.get("terms").unwrap_or(&Value::Null), found);
}

/// The policy checks of [`verify_with_keys`]: no finding blocks; every finding that needs
/// approval has one (on the agent's and the portal's channels: a self-service offer is the
/// creditor's own signed statement), each approval for exactly these terms and, with `keys`,
/// signed by an approver's key and dated no later than the agreement; and, when `keys` hold
/// a creditor's key, the policy profile signed by the creditor.
fn check_findings(
    agreement: &AgreementFile,
    terms: &PlanRequest,
    outcome: &PlanOutcome,
    keys: Option<&KeySet>,
    found: &mut Vec<Difference>,
) {
    let problem = |path: String, text: String| difference(&path, None, Some(&Value::String(text)));
    for (index, finding) in outcome.findings.iter().enumerate() {
        if finding.outcome == crate::domain::policy::Outcome::Block {
            found.push(problem(
                format!("outcome.findings.{index}"),
                "a blocking finding: the plan cannot be agreed".into(),
            ));
        }
    }
    let self_service = agreement.channel == Channel::SelfService;
    let approvals: Vec<Option<Approval>> =
        agreement.approvals.iter().map(|code| read_approval_code(code).ok()).collect();
    if !self_service {
        let readable: Vec<Approval> = approvals.iter().flatten().cloned().collect();
        if let Err(e) = super::approval::uncovered(&readable, outcome) {
            found.push(problem("approvals".into(), format!("{e} (accord approve)")));
        }
        // A deployment with a creditor's key signs its profiles (`accord policy sign`).
        let creditor_keys = keys.filter(|k| k.keys.iter().any(|e| e.role == KeyRole::Offer));
        if let (Some(keys), Some(policy)) = (creditor_keys, &terms.policy) {
            if let Err(e) = check_policy_signature(policy, keys) {
                found.push(problem("terms.policy.signed".into(), e.to_string()));
            }
        }
    }
    let hash = terms_sha256(terms);
    let created = UtcTime::parse(&agreement.created_at);
    for (index, approval) in approvals.iter().enumerate() {
        let path = format!("approvals.{index}");
        let Some(approval) = approval else {
            found.push(problem(path, "not an approval code (accord approve)".into()));
            continue;
        };
        if needing_approval(outcome).is_empty() || self_service {
            found.push(problem(path.clone(), "no finding of these terms needs approval".into()));
        }
        if approval.statement.terms_sha256 != hash {
            found.push(problem(format!("{path}.statement.termsSha256"), format!("the terms' hash is {hash}")));
        }
        if UtcTime::parse(&approval.statement.approved_at).is_none_or(|at| Some(at) > created) {
            found.push(problem(format!("{path}.statement.approvedAt"), "a UTC time no later than createdAt".into()));
        }
        match keys {
            None => found
                .push(problem(path, "not checked: give the deployment's public keys (accord verify --keys)".into())),
            Some(keys) => {
                if let Err(e) = check_approval(approval, keys, &hash, outcome) {
                    found.push(problem(path, e.to_string()));
                }
            }
        }
    }
}

/// Field errors as one text.
fn reasons_text(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// Field errors as one JSON string, for a [`Difference`]'s recomputed side.
fn reasons(errors: &[FieldError]) -> Value {
    Value::String(reasons_text(errors))
}

/// The self-service checks of [`verify_with_keys`].
fn check_signed_offer(agreement: &AgreementFile, keys: Option<&KeySet>, found: &mut Vec<Difference>) {
    let problem = |path: &str, text: String| difference(path, None, Some(&Value::String(text)));
    let self_service = agreement.channel == Channel::SelfService;
    let Some(signed) = &agreement.signed_offer else {
        if self_service {
            found.push(problem("signedOffer", "a self-service agreement needs its signed offer".into()));
        }
        return;
    };
    if !self_service {
        found.push(problem("channel", "an agreement with a signed offer is made on the self-service channel".into()));
    }
    let Some(keys) = keys else {
        found.push(problem(
            "signedOffer",
            "not checked: give the deployment's public keys (accord verify --keys)".into(),
        ));
        return;
    };
    let link = format!("#offer={}.{}", signed.payload, signed.signature);
    let offer = match verify_link(&link, keys, &agreement.created_at) {
        Ok(offer) => offer,
        Err(e) => return found.push(problem("signedOffer", e.to_string())),
    };
    match parse_offer(&offer) {
        Err(e) => found.push(problem("signedOffer", format!("not a self-service offer: {e}"))),
        Ok(offer) if selection_within(&offer, &agreement.terms).is_none() => {
            found.push(problem("terms", "outside the bounds of the signed offer".into()));
        }
        Ok(_) => {}
    }
}

/// The terms of entry `index` of the file's negotiation log, as the file writes them.
fn logged_terms(raw: &Value, index: usize) -> &Value {
    let entry = raw.get("negotiationLog").and_then(Value::as_array).and_then(|log| log.get(index));
    entry.and_then(|e| e.get("terms")).unwrap_or(&Value::Null)
}

fn difference(path: &str, recorded: Option<&Value>, recomputed: Option<&Value>) -> Difference {
    let show = |v: Option<&Value>| v.map_or_else(|| "(absent)".to_string(), Value::to_string);
    Difference { path: path.to_string(), recorded: show(recorded), recomputed: show(recomputed) }
}

/// Appends a [`Difference`] for every leaf where `recorded` and `recomputed` differ.
fn compare(path: &str, recorded: &Value, recomputed: &Value, found: &mut Vec<Difference>) {
    // Equal trees (the usual case) without a path written for every member.
    if recorded == recomputed {
        return;
    }
    match (recorded, recomputed) {
        (Value::Object(a), Value::Object(b)) => {
            // The recorded members in file order, then the ones only recomputing gives;
            // looked up sorted (a crafted file's object may have 100,000 members).
            let (sorted_a, sorted_b) = (a.sorted(), b.sorted());
            for key in a.keys().chain(b.keys().filter(|k| sorted_a.get(k).is_none())) {
                let child = format!("{path}.{key}");
                match (sorted_a.get(key), sorted_b.get(key)) {
                    (Some(x), Some(y)) => compare(&child, x, y, found),
                    (x, y) => found.push(difference(&child, x, y)),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let child = format!("{path}.{i}");
                match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => compare(&child, x, y, found),
                    (x, y) => found.push(difference(&child, x, y)),
                }
            }
        }
        (a, b) if a == b => {}
        (a, b) => found.push(difference(path, Some(a), Some(b))),
    }
}

/// The JSON Schema of [`Agreement`], generated from the types (shipped as
/// `public/agreement.schema.json`; a test keeps the two equal).
pub fn agreement_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Agreement)).unwrap_or_default();
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".into(), "https://accord.invalid/agreement.schema.json".into());
        object.insert("title".into(), "Accord agreement, version 1".into());
    }
    schema
}

/// The agreement for the agreed offer of `draft`, on its terms as agreed (the log entry's),
/// made on `channel`; `None` when nothing is agreed.
///
/// # Errors
/// The agreed terms' field errors.
pub fn agreement_for_draft(
    draft: &crate::domain::negotiation::Draft,
    channel: Channel,
) -> Option<Result<Agreement, Vec<FieldError>>> {
    let entry = draft.agreed_entry()?;
    // The record's log ends with the entry that agreed: what came after is another story.
    let agreeing = draft.log.iter().rposition(|e| std::ptr::eq(e, entry)).unwrap_or(draft.log.len() - 1);
    let account = &draft.account;
    let context = AgreementContext {
        agreement_id: draft.agreement_id.clone().unwrap_or_default(),
        created_at: entry.at.clone(),
        channel,
        references: References {
            account_reference: account.reference.trim().to_string(),
            agent_id: Some(account.agent_id.trim().to_string()).filter(|id| !id.is_empty()),
        },
        offer: entry.offer.clone(),
        log: draft.log[..=agreeing].to_vec(),
        signed_offer: None,
        consent: None,
        approvals: draft.agreed_approval.iter().map(|code| code.trim().to_string()).collect(),
        supersedes: draft.supersedes.clone(),
    };
    Some(build_agreement(&entry.terms, context))
}

/// Reads a negotiation draft saved by the app (the same checks as an agreement: size, JSON,
/// duplicate keys, version).
///
/// # Errors
/// [`ImportError`], never a panic.
pub fn import_negotiation(text: &str) -> Result<crate::domain::negotiation::Draft, ImportError> {
    use crate::domain::negotiation::{Draft, DRAFT_VERSION, MAX_OFFERS};
    let value = parse_json(text)?;
    match value.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(u64::from(DRAFT_VERSION)) => {}
        Some(other) if value.get("offers").is_some() => {
            return Err(ImportError::UnknownVersion { found: other.to_string() })
        }
        _ => return Err(ImportError::NotANegotiation),
    }
    let draft = Draft::from_json(value).map_err(typed_error)?;
    if draft.offers.is_empty() || draft.offers.len() > MAX_OFFERS {
        return Err(ImportError::NotANegotiation);
    }
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written reader of an agreement (the browser's, and `accord verify`'s) accepts
    /// and refuses what serde's derived one did (kept natively for this test), member by
    /// member, with every optional member given; and `import_agreement` says where.
    #[test]
    fn the_hand_written_reader_agrees_with_serde() {
        let mut document: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/golden/agreement-relief.json")).unwrap();
        // The computed parts are JSON values to both readers (`verify` compares them): one
        // member each is enough.
        for part in ["conventions", "policyBasis", "outcome"] {
            document[part] = serde_json::json!({"kept": [1, "as it is"]});
        }
        document["terms"] = serde_json::json!({"claim": document["terms"]["claim"],
            "plan": {"type": "settlement", "payBy": "2025-01-31"}});
        let terms = document["terms"].clone();
        let log = &mut document["negotiationLog"];
        log.as_array_mut().unwrap().truncate(1);
        log[0]["terms"] = terms;
        document["approvals"] = serde_json::json!(["STATEMENT.SIGNATURE"]);
        document["signedOffer"] = serde_json::json!({"payload": "eyJ9", "signature": "c2ln"});
        document["consent"] = serde_json::json!({"text": "I agree", "locale": "en"});
        document["supersedes"] = serde_json::json!({"agreementId": "AGR-0", "sha256": "ab"});
        document["references"]["agentId"] = "agent-7".into();
        let (accepted, refused) = members::mutations::readers_agree(&document, AgreementFile::from_json);
        assert!(accepted > 60 && refused > 300, "{accepted} accepted, {refused} refused");

        let import = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut changed = document.clone();
            f(&mut changed);
            import_agreement(&changed.to_string()).map(|_| ())
        };
        assert_eq!(
            import(&|d| d["terms"]["claim"]["principal"] = 5.into()),
            Err(ImportError::NumberNotString { path: "terms.claim.principal".into() })
        );
        assert_eq!(
            import(&|d| d["negotiationLog"][0]["terms"]["plan"]["bonus"] = "1".into()),
            Err(ImportError::UnknownField { field: "bonus".into(), path: "negotiationLog.0.terms.plan".into() })
        );
        let Err(ImportError::Invalid { detail, path }) = import(&|d| d["consent"] = true.into()) else {
            panic!("a consent that is not an object")
        };
        assert_eq!(
            (detail.as_str(), path.as_str()),
            ("invalid type: boolean `true`, expected struct Consent", "consent")
        );
        assert_eq!(import(&|d| d["bonus"] = 1.into()).unwrap_err().to_string(), "unknown field `bonus`");
        assert_eq!(
            import(&|d| d["references"]["agentId"] = 7.into()).unwrap_err().to_string(),
            "an amount or rate is a JSON number; it must be a decimal string (at `references.agentId`)"
        );
    }
}
