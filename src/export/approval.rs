//! Approvals that bind and policies the creditor signs, both Ed25519 over RFC 8785 JSON.
//!
//! - **A signed policy.** `accord policy sign` adds `signed` (key id, signature) to a profile:
//!   the signature covers the canonical JSON of the profile without overrides and without
//!   `signed` ([`profile_bytes`]); the agreement names the profile by that JSON's SHA-256. An
//!   agent's edit of a limit keeps the signature valid (the override is undone before
//!   checking) and shows in the terms as `overriddenFrom`.
//! - **An approval.** A supervisor approves the findings of one set of terms that need
//!   approval: the statement names the terms by the SHA-256 of their canonical JSON in normal
//!   form ([`terms_sha256`]), so any change of a figure leaves the approval behind. It travels
//!   as a code `STATEMENT.SIGNATURE` (base64url of the statement's canonical JSON and of the
//!   signature over those bytes), signed by a key of role `approver`.

use super::base64url::{decode, encode};
use super::canonical::{canonical_of, sha256_hex};
use super::signature::{key_pair, sign_bytes, verify_bytes, KeyRole, KeySet, SecretKeyFile};
use super::utc::UtcTime;
use crate::domain::claim::Bucket;
use crate::domain::members::{self, Members, ReadError, Value};
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::{Finding, Outcome, Policy, PolicySignature, RuleKind};
use crate::domain::request::{evaluate, FieldError, PlanRequest};
#[cfg(any(test, not(target_arch = "wasm32")))]
use serde::Deserialize;
use serde::Serialize;

/// The approval format version.
pub const APPROVAL_VERSION: u32 = 1;
/// The longest approval code read, in bytes (a statement is a few hundred).
pub const MAX_CODE_BYTES: usize = 8 * 1024;

/// One finding an approval covers: its rule and, for a waiver rule, its bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApprovedFinding {
    pub rule: RuleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<Bucket>,
}

/// What a supervisor approves: these findings of these terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApprovalStatement {
    /// Always 1.
    pub version: u32,
    /// The approver's key in the deployment's `keys.json` (role `approver`).
    pub key_id: String,
    /// The approver's id in the creditor's systems.
    pub approver: String,
    /// RFC 3339 UTC.
    pub approved_at: String,
    /// Why, in the approver's words.
    pub reason: String,
    /// SHA-256 (hex) of the RFC 8785 JSON of the terms in normal form.
    pub terms_sha256: String,
    /// The findings that needed approval, each approved.
    pub findings: Vec<ApprovedFinding>,
}

/// A signed approval, as the agreement carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Approval {
    pub statement: ApprovalStatement,
    /// base64url of the Ed25519 signature over the statement's RFC 8785 JSON.
    pub signature: String,
}

/// Why an approval does not apply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApprovalError {
    #[error("this is not an approval code")]
    Malformed,
    #[error("approval version {found} is not supported")]
    UnknownVersion { found: u32 },
    #[error("the approval is signed with key `{key_id}`, which is not an approver's key here")]
    UnknownKey { key_id: String },
    #[error("the signature does not match: the approval was changed or signed with another key")]
    BadSignature,
    #[error("the approval is for other terms: any change of a figure needs a new approval")]
    OtherTerms,
    #[error("the approval does not cover the finding on {rule:?}")]
    Uncovered { rule: RuleKind, bucket: Option<Bucket> },
    #[error("the approval is dated after the agreement")]
    AfterAgreement,
    #[error("the deployment's public keys could not be loaded, so no approval can be checked")]
    NoKeys,
}

/// Why an approval or a signed policy cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SigningError {
    #[error("the key file is not a key made by accord keygen")]
    BadKey,
    #[error("the request does not compute: {0}")]
    Request(String),
    #[error("no finding of this plan needs approval")]
    NothingToApprove,
    #[error("a blocking finding cannot be approved: {0:?}")]
    Blocked(RuleKind),
    #[error("the time must be RFC 3339 UTC, e.g. 2025-01-15T10:05:00Z")]
    BadTime,
    #[error("the policy is not valid: {0}")]
    BadPolicy(String),
}

/// The bytes a policy's signature covers: the RFC 8785 JSON of the profile it was made from
/// (overrides undone), without `signed`.
pub fn profile_bytes(policy: &Policy) -> String {
    let profile = Policy { signed: None, ..policy.without_overrides() };
    canonical_of(&profile).unwrap_or_default()
}

/// The SHA-256 (hex) that names a policy's profile in an agreement.
pub fn profile_sha256(policy: &Policy) -> String {
    sha256_hex(profile_bytes(policy).as_bytes())
}

/// The seed of a key file made by `accord keygen`, checked against its public key.
fn seed_of(key: &SecretKeyFile) -> Result<[u8; 32], SigningError> {
    let seed: [u8; 32] = decode(&key.secret_key).and_then(|s| s.try_into().ok()).ok_or(SigningError::BadKey)?;
    if encode(&key_pair(seed).1) != key.public_key {
        return Err(SigningError::BadKey);
    }
    Ok(seed)
}

/// `policy` signed by the creditor's `key` (`accord policy sign`).
///
/// # Errors
/// [`SigningError`] for a bad key file or a policy that does not validate.
pub fn sign_policy(policy: &Policy, key: &SecretKeyFile) -> Result<Policy, SigningError> {
    let seed = seed_of(key)?;
    policy.validate().map_err(|e| SigningError::BadPolicy(e.to_string()))?;
    let profile = Policy { signed: None, ..policy.without_overrides() };
    let signature = sign_bytes(seed, profile_bytes(&profile).as_bytes());
    Ok(Policy {
        signed: Some(PolicySignature { key_id: key.key_id.clone(), signature: encode(&signature) }),
        ..profile
    })
}

/// Why a policy's signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicySignatureError {
    #[error("the policy is not signed by the creditor (accord policy sign)")]
    Unsigned,
    #[error("the policy is signed with key `{key_id}`, which is not the creditor's key here")]
    UnknownKey { key_id: String },
    #[error("the policy's signature does not match: it was changed after it was signed")]
    BadSignature,
}

/// Checks `policy`'s signature with the creditor's keys (role `offer`); returns the key id.
///
/// # Errors
/// [`PolicySignatureError`] when it is unsigned, signed with a key not in `keys`, or changed.
pub fn check_policy_signature(policy: &Policy, keys: &KeySet) -> Result<String, PolicySignatureError> {
    let signed = policy.signed.as_ref().ok_or(PolicySignatureError::Unsigned)?;
    let public = keys
        .public_key(&signed.key_id, KeyRole::Offer)
        .ok_or_else(|| PolicySignatureError::UnknownKey { key_id: signed.key_id.clone() })?;
    let signature = decode(&signed.signature).ok_or(PolicySignatureError::BadSignature)?;
    if !verify_bytes(&public, profile_bytes(policy).as_bytes(), &signature) {
        return Err(PolicySignatureError::BadSignature);
    }
    Ok(signed.key_id.clone())
}

/// SHA-256 (hex) of the RFC 8785 JSON of `terms`, which must be in normal form (as an
/// agreement holds them; see [`normal_terms`]).
pub fn terms_sha256(terms: &PlanRequest) -> String {
    sha256_hex(canonical_of(terms).unwrap_or_default().as_bytes())
}

/// `request` in normal form with its computed plan.
///
/// # Errors
/// The request's field errors.
pub fn normal_terms(request: &PlanRequest) -> Result<(PlanRequest, PlanOutcome), Vec<FieldError>> {
    let terms = PlanRequest::normal_form(&request.parse()?);
    let outcome = evaluate(&terms)?;
    Ok((terms, outcome))
}

/// The findings of `outcome` that need approval.
pub fn needing_approval(outcome: &PlanOutcome) -> Vec<&Finding> {
    outcome.findings.iter().filter(|f| f.outcome == Outcome::NeedsApproval).collect()
}

/// An approval of every finding of `request` that needs one, by the supervisor's `key`
/// (`accord approve`).
///
/// # Errors
/// [`SigningError`] for a bad key, a request that does not compute, a plan with nothing to
/// approve or with a blocking finding (which no approval lifts), or a time not in UTC.
pub fn approve(
    request: &PlanRequest,
    key: &SecretKeyFile,
    approver: &str,
    reason: &str,
    approved_at: &str,
) -> Result<Approval, SigningError> {
    let seed = seed_of(key)?;
    if UtcTime::parse(approved_at).is_none() {
        return Err(SigningError::BadTime);
    }
    let (terms, outcome) = normal_terms(request).map_err(|errors| {
        SigningError::Request(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
    })?;
    if let Some(block) = outcome.findings.iter().find(|f| f.outcome == Outcome::Block) {
        return Err(SigningError::Blocked(block.rule));
    }
    let findings: Vec<ApprovedFinding> =
        needing_approval(&outcome).iter().map(|f| ApprovedFinding { rule: f.rule, bucket: f.bucket }).collect();
    if findings.is_empty() {
        return Err(SigningError::NothingToApprove);
    }
    let statement = ApprovalStatement {
        version: APPROVAL_VERSION,
        key_id: key.key_id.clone(),
        approver: approver.into(),
        approved_at: approved_at.into(),
        reason: reason.into(),
        terms_sha256: terms_sha256(&terms),
        findings,
    };
    let signature = sign_bytes(seed, statement_bytes(&statement).as_bytes());
    Ok(Approval { statement, signature: encode(&signature) })
}

/// The statement's RFC 8785 JSON: the bytes its signature covers.
fn statement_bytes(statement: &ApprovalStatement) -> String {
    canonical_of(statement).unwrap_or_default()
}

/// The code an agent pastes: `STATEMENT.SIGNATURE`, both base64url.
pub fn approval_code(approval: &Approval) -> String {
    format!("{}.{}", encode(statement_bytes(&approval.statement).as_bytes()), approval.signature)
}

/// Reads an approval code (surrounding white space ignored). The signature is checked by
/// [`check_approval`].
///
/// # Errors
/// [`ApprovalError::Malformed`] for anything that is not a code made by [`approval_code`].
pub fn read_approval_code(code: &str) -> Result<Approval, ApprovalError> {
    let code = code.trim();
    if code.len() > MAX_CODE_BYTES {
        return Err(ApprovalError::Malformed);
    }
    let (payload, signature) = code.split_once('.').ok_or(ApprovalError::Malformed)?;
    let bytes = decode(payload).ok_or(ApprovalError::Malformed)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| ApprovalError::Malformed)?;
    let statement =
        members::parse(text).and_then(ApprovalStatement::from_json).map_err(|_| ApprovalError::Malformed)?;
    if statement.version != APPROVAL_VERSION {
        return Err(ApprovalError::UnknownVersion { found: statement.version });
    }
    // The signature covers the canonical form: a payload in any other form was not made here.
    if statement_bytes(&statement) != text {
        return Err(ApprovalError::Malformed);
    }
    Ok(Approval { statement, signature: signature.to_string() })
}

/// Checks that `approval` is signed by an approver's key of `keys` and covers every finding
/// of `outcome` that needs approval, for the terms whose hash is `terms_sha256`.
///
/// # Errors
/// The first [`ApprovalError`] found.
pub fn check_approval(
    approval: &Approval,
    keys: &KeySet,
    terms_sha256: &str,
    outcome: &PlanOutcome,
) -> Result<(), ApprovalError> {
    let statement = &approval.statement;
    if statement.version != APPROVAL_VERSION {
        return Err(ApprovalError::UnknownVersion { found: statement.version });
    }
    let public = keys
        .public_key(&statement.key_id, KeyRole::Approver)
        .ok_or_else(|| ApprovalError::UnknownKey { key_id: statement.key_id.clone() })?;
    let signature = decode(&approval.signature).ok_or(ApprovalError::BadSignature)?;
    if !verify_bytes(&public, statement_bytes(statement).as_bytes(), &signature) {
        return Err(ApprovalError::BadSignature);
    }
    if statement.terms_sha256 != terms_sha256 {
        return Err(ApprovalError::OtherTerms);
    }
    uncovered(std::slice::from_ref(approval), outcome)
}

/// `Ok` when the approvals together list every finding of `outcome` that needs approval.
///
/// # Errors
/// [`ApprovalError::Uncovered`] naming the first finding none lists.
pub fn uncovered(approvals: &[Approval], outcome: &PlanOutcome) -> Result<(), ApprovalError> {
    for finding in needing_approval(outcome) {
        let listed = approvals
            .iter()
            .any(|a| a.statement.findings.iter().any(|f| f.rule == finding.rule && f.bucket == finding.bucket));
        if !listed {
            return Err(ApprovalError::Uncovered { rule: finding.rule, bucket: finding.bucket });
        }
    }
    Ok(())
}

/// Whether an offer may be agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Nothing stands in the way; the approval the findings needed, if any.
    Open(Option<Approval>),
    /// A finding blocks the plan: no approval lifts it.
    Blocked(Finding),
    /// Findings need approval and `code` gives none that holds (`None`: no code yet).
    NeedsApproval(Option<ApprovalError>),
}

impl Gate {
    pub fn is_open(&self) -> bool {
        matches!(self, Gate::Open(_))
    }
}

/// Whether the plan `outcome` of `request` may be agreed, with the approval `code` as pasted
/// and the deployment's `keys` (`None` while they are not loaded).
pub fn agree_gate(outcome: &PlanOutcome, request: &PlanRequest, code: &str, keys: Option<&KeySet>) -> Gate {
    if let Some(block) = outcome.findings.iter().find(|f| f.outcome == Outcome::Block) {
        return Gate::Blocked(block.clone());
    }
    if needing_approval(outcome).is_empty() {
        return Gate::Open(None);
    }
    if code.trim().is_empty() {
        return Gate::NeedsApproval(None);
    }
    let checked = read_approval_code(code).and_then(|approval| {
        let keys = keys.ok_or(ApprovalError::NoKeys)?;
        let terms =
            request.parse().map(|input| PlanRequest::normal_form(&input)).map_err(|_| ApprovalError::OtherTerms)?;
        check_approval(&approval, keys, &terms_sha256(&terms), outcome).map(|()| approval)
    });
    match checked {
        Ok(approval) => Gate::Open(Some(approval)),
        Err(e) => Gate::NeedsApproval(Some(e)),
    }
}

/// The deployment's signed profiles (`policies.json`, as `accord policy sign` prints it).
#[derive(Debug, Clone)]
pub struct ProfilesFile {
    pub profiles: Vec<Policy>,
}

// The hand-written readers (see `domain::members` for why): what the derived ones accept,
// member by member.
impl ProfilesFile {
    /// Reads a profiles file from its JSON value.
    ///
    /// # Errors
    /// Not an object with `profiles` only, or the first profile's error.
    pub fn from_json(value: Value) -> Result<ProfilesFile, ReadError> {
        let mut m = Members::of(value, "struct ProfilesFile", &["profiles"])?;
        let file = ProfilesFile { profiles: m.required_list("profiles", Policy::from_json) };
        m.finish(file)
    }
}

impl ApprovalStatement {
    /// Reads an approval statement from its JSON value.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not what it should be.
    pub fn from_json(value: Value) -> Result<ApprovalStatement, ReadError> {
        const KNOWN: &[&str] = &["version", "keyId", "approver", "approvedAt", "reason", "termsSha256", "findings"];
        let mut m = Members::of(value, "struct ApprovalStatement", KNOWN)?;
        let statement = ApprovalStatement {
            version: m.required("version", members::whole),
            key_id: m.required("keyId", members::text),
            approver: m.required("approver", members::text),
            approved_at: m.required("approvedAt", members::text),
            reason: m.required("reason", members::text),
            terms_sha256: m.required("termsSha256", members::text),
            findings: m.required_list("findings", ApprovedFinding::from_json),
        };
        m.finish(statement)
    }
}

impl ApprovedFinding {
    fn from_json(value: Value) -> Result<ApprovedFinding, ReadError> {
        let mut m = Members::of(value, "struct ApprovedFinding", &["rule", "bucket"])?;
        let finding = ApprovedFinding { rule: m.required_name("rule"), bucket: m.optional("bucket", members::named) };
        m.finish(finding)
    }
}

/// A profile left out of `policies.json`: its name and why.
pub type RefusedProfile = (String, String);

/// The profiles of a `policies.json` whose signature holds with `keys` and that validate,
/// and the others, refused.
///
/// # Errors
/// The reader's message when `text` is not a profiles file.
pub fn signed_profiles(text: &str, keys: &KeySet) -> Result<(Vec<Policy>, Vec<RefusedProfile>), String> {
    let file = members::parse(text).and_then(ProfilesFile::from_json).map_err(|e| e.to_string())?;
    let mut kept = Vec::new();
    let mut refused = Vec::new();
    for policy in file.profiles {
        match policy
            .validate()
            .map_err(|e| e.to_string())
            .and_then(|()| check_policy_signature(&policy, keys).map_err(|e| e.to_string()))
        {
            Ok(_) => kept.push(policy),
            Err(reason) => refused.push((policy.name.clone(), reason)),
        }
    }
    Ok((kept, refused))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::negotiation::PolicyDraft;
    use crate::export::signature::{secret_key_file, PublicKeyEntry};

    fn key(id: &str, byte: u8) -> SecretKeyFile {
        secret_key_file(id, [byte; 32])
    }

    fn keys(entries: &[(&SecretKeyFile, KeyRole)]) -> KeySet {
        KeySet {
            keys: entries
                .iter()
                .map(|(k, role)| PublicKeyEntry {
                    key_id: k.key_id.clone(),
                    public_key: k.public_key.clone(),
                    role: *role,
                })
                .collect(),
        }
    }

    /// 100,000 over `count` months with a principal waiver of `waiver` % (a house rule: any
    /// principal waiver needs approval).
    fn request(count: &str, waiver: &str) -> PlanRequest {
        let text = format!(
            r#"{{"claim":{{"currency":"CNY","asOf":"2025-01-15","principal":"100000"}},
            "waivers":[{{"bucket":"principal","percent":"{waiver}"}}],
            "plan":{{"type":"installments","count":"{count}","annualRatePercent":"9.99",
            "firstDueDate":"2025-02-15"}}}}"#
        );
        serde_json::from_str(&text).unwrap()
    }

    /// The hand-written readers of an approval's statement and of `policies.json` accept
    /// and refuse what serde's derived ones did (kept natively for this test).
    #[test]
    fn the_hand_written_readers_agree_with_serde() {
        use crate::domain::members::mutations::readers_agree;
        let statement = serde_json::json!({"version": 1, "keyId": "sup-1", "approver": "sup", "approvedAt":
            "2025-01-15T10:05:00Z", "reason": "hardship", "termsSha256": "ab",
            "findings": [{"rule": "maxWaiverPercent", "bucket": "principal"}, {"rule": "maxTermMonths"}]});
        let (accepted, refused) = readers_agree(&statement, ApprovalStatement::from_json);
        assert!(accepted > 3 && refused > 80, "{accepted} accepted, {refused} refused");
        let profiles = serde_json::json!({"profiles": [serde_json::to_value(Policy::generic()).unwrap()]});
        let derived = |text: &str| {
            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Derived {
                profiles: Vec<Policy>,
            }
            serde_json::from_str::<Derived>(text).map(|d| d.profiles).map_err(|e| e.to_string())
        };
        let (accepted, refused) = crate::domain::members::mutations::readers_agree_with(&profiles, derived, |v| {
            ProfilesFile::from_json(v).map(|f| f.profiles)
        });
        assert!(accepted > 3 && refused > 40, "{accepted} accepted, {refused} refused");
    }

    #[test]
    fn an_approval_covers_exactly_the_terms_it_was_made_for() {
        let supervisor = key("sup-1", 7);
        let creditor = key("creditor", 9);
        let deployment = keys(&[(&supervisor, KeyRole::Approver), (&creditor, KeyRole::Offer)]);
        let terms = request("36", "10");
        let approval = approve(&terms, &supervisor, "zhang.wei", "hardship, verified", "2025-01-15T10:00:00Z").unwrap();
        assert_eq!(
            approval.statement.findings,
            [ApprovedFinding { rule: RuleKind::MaxWaiverPercent, bucket: Some(Bucket::Principal) }]
        );
        let code = approval_code(&approval);
        let read = read_approval_code(&format!("  {code}\n")).unwrap();
        assert_eq!(read, approval);
        let (normal, outcome) = normal_terms(&terms).unwrap();
        assert_eq!(check_approval(&read, &deployment, &terms_sha256(&normal), &outcome), Ok(()));

        // One figure changed: the approval stays with the old terms.
        let (changed, changed_outcome) = normal_terms(&request("36", "11")).unwrap();
        assert_eq!(
            check_approval(&read, &deployment, &terms_sha256(&changed), &changed_outcome),
            Err(ApprovalError::OtherTerms)
        );
        // The creditor's offer key is not an approver's; an unknown key neither.
        let by_creditor = approve(&terms, &creditor, "x", "y", "2025-01-15T10:00:00Z").unwrap();
        assert!(matches!(
            check_approval(&by_creditor, &deployment, &terms_sha256(&normal), &outcome),
            Err(ApprovalError::UnknownKey { .. })
        ));
        let stranger = approve(&terms, &key("sup-1", 8), "x", "y", "2025-01-15T10:00:00Z").unwrap();
        assert_eq!(
            check_approval(&stranger, &deployment, &terms_sha256(&normal), &outcome),
            Err(ApprovalError::BadSignature)
        );
        // An edited statement, re-encoded: the signature no longer matches.
        let mut edited = read.clone();
        edited.statement.reason = "other".into();
        let edited = read_approval_code(&approval_code(&edited)).unwrap();
        assert_eq!(
            check_approval(&edited, &deployment, &terms_sha256(&normal), &outcome),
            Err(ApprovalError::BadSignature)
        );
        // Garbage is refused as a code, never a panic.
        for bad in ["", ".", "abc", "a.b", &"A".repeat(MAX_CODE_BYTES + 1), &code.replace('.', "")] {
            assert!(read_approval_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_gate_opens_for_no_finding_or_a_valid_approval_and_never_on_a_block() {
        let supervisor = key("sup-1", 7);
        let deployment = keys(&[(&supervisor, KeyRole::Approver)]);
        let plain = request("36", "0");
        let (_, outcome) = normal_terms(&plain).unwrap();
        assert_eq!(agree_gate(&outcome, &plain, "", Some(&deployment)), Gate::Open(None));
        let waived = request("36", "10");
        let (_, outcome) = normal_terms(&waived).unwrap();
        assert_eq!(agree_gate(&outcome, &waived, " ", Some(&deployment)), Gate::NeedsApproval(None));
        let junk = agree_gate(&outcome, &waived, "junk", Some(&deployment));
        assert_eq!(junk, Gate::NeedsApproval(Some(ApprovalError::Malformed)));
        let code = approval_code(&approve(&waived, &supervisor, "a", "b", "2025-01-15T10:00:00Z").unwrap());
        assert!(agree_gate(&outcome, &waived, &code, Some(&deployment)).is_open());
        assert_eq!(agree_gate(&outcome, &waived, &code, None), Gate::NeedsApproval(Some(ApprovalError::NoKeys)));
        let blocked = request("61", "10");
        let (_, outcome) = normal_terms(&blocked).unwrap();
        assert!(matches!(agree_gate(&outcome, &blocked, &code, Some(&deployment)), Gate::Blocked(_)));
    }

    #[test]
    fn a_profiles_file_keeps_the_signed_profiles_and_names_the_rest() {
        let creditor = key("creditor", 9);
        let deployment = keys(&[(&creditor, KeyRole::Offer)]);
        let signed = sign_policy(&Policy::generic(), &creditor).unwrap();
        let mut tampered = sign_policy(&Policy::cn_bank_card(), &creditor).unwrap();
        tampered.rules[0].limit = rust_decimal::Decimal::from(120);
        let file = serde_json::json!({ "profiles": [signed, tampered, Policy::cn_private_lending()] }).to_string();
        let (kept, refused) = signed_profiles(&file, &deployment).unwrap();
        assert_eq!(kept.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["generic"]);
        assert_eq!(refused.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["cn-bank-card", "cn-private-lending"]);
        assert!(signed_profiles("[]", &deployment).is_err());
    }

    #[test]
    fn nothing_to_approve_and_blocks_are_refused() {
        let supervisor = key("sup-1", 7);
        assert_eq!(
            approve(&request("36", "0"), &supervisor, "a", "b", "2025-01-15T10:00:00Z"),
            Err(SigningError::NothingToApprove)
        );
        // 61 installments: Art. 70 blocks it, and no approval lifts a block.
        assert_eq!(
            approve(&request("61", "10"), &supervisor, "a", "b", "2025-01-15T10:00:00Z"),
            Err(SigningError::Blocked(RuleKind::MaxTermMonths))
        );
        assert_eq!(approve(&request("36", "10"), &supervisor, "a", "b", "yesterday"), Err(SigningError::BadTime));
    }

    #[test]
    fn a_signed_policy_survives_an_override_and_not_an_edit() {
        let creditor = key("creditor", 9);
        let deployment = keys(&[(&creditor, KeyRole::Offer)]);
        let signed = sign_policy(&Policy::cn_bank_card(), &creditor).unwrap();
        assert_eq!(check_policy_signature(&signed, &deployment), Ok("creditor".to_string()));
        assert_eq!(profile_sha256(&signed), profile_sha256(&Policy::cn_bank_card()));
        // An agent's override of a limit: still the creditor's profile underneath.
        let mut draft = PolicyDraft::from(&signed);
        draft.rules[0].limit = "72".into();
        let overridden = draft.parse().unwrap();
        assert!(overridden.is_overridden());
        assert_eq!(check_policy_signature(&overridden, &deployment), Ok("creditor".to_string()));
        // A limit changed in the file itself: the signature no longer matches.
        let mut edited = signed.clone();
        edited.rules[0].limit = rust_decimal::Decimal::from(72);
        assert_eq!(check_policy_signature(&edited, &deployment), Err(PolicySignatureError::BadSignature));
        assert_eq!(check_policy_signature(&Policy::cn_bank_card(), &deployment), Err(PolicySignatureError::Unsigned));
        let approver_only = keys(&[(&creditor, KeyRole::Approver)]);
        assert!(matches!(
            check_policy_signature(&signed, &approver_only),
            Err(PolicySignatureError::UnknownKey { .. })
        ));
    }
}
