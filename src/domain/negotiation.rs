//! A negotiation on one account: the account, the offers (A, B, C, …) as raw text, the
//! debtor's budget, the policy, and the log of what was proposed, changed, rejected and
//! agreed.
//!
//! Everything here is the text people typed, so a draft can be saved, restored and exported
//! without losing a half-typed figure. [`Draft::request`] turns one offer into the
//! [`PlanRequest`] the core evaluates. Comparison ([`best_for_creditor`],
//! [`most_affordable`]) only reads computed outcomes.

use super::calendar::{add_months_keeping_end, DayCount, Frequency};
use super::claim::Bucket;
use super::members::{self, Members, ReadError, Value};
use super::money::{Amount, Rounding};
use super::plan::{self, PlanOutcome};
use super::policy::{
    LprEntry, Outcome, Policy, PolicySignature, Product, Rule, RuleKind, ServicingRule, Severity, Source,
};
use super::request::{
    BudgetRequest, ClaimRequest, ExtensionInterestRequest, ExtensionUnit, InputError, MethodRequest, PlanRequest,
    PlanTermsRequest, WaiverRequest,
};
use chrono::NaiveDate;
#[cfg(any(test, not(target_arch = "wasm32")))]
use serde::Deserialize;
use serde::Serialize;

/// The draft format version (bumped when the shape changes; older drafts are dropped).
pub const DRAFT_VERSION: u32 = 1;
/// Offers a workspace starts with.
pub const INITIAL_OFFERS: usize = 4;
/// Most offers side by side.
pub const MAX_OFFERS: usize = 6;

/// What kind of plan an offer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OfferKind {
    Settlement,
    Extension,
    #[default]
    Installments,
}

crate::by_name!(OfferKind { "settlement" => Settlement, "extension" => Extension, "installments" => Installments });

/// How a waiver is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum WaiverUnit {
    #[default]
    Percent,
    Amount,
}

crate::by_name!(WaiverUnit { "percent" => Percent, "amount" => Amount });

/// A waiver on one bucket, as typed; empty text means none.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", default)]
pub struct WaiverDraft {
    pub value: String,
    pub unit: WaiverUnit,
    pub conditional: bool,
}

/// One offer, every figure as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", default)]
pub struct OfferDraft {
    /// "A", "B", …
    pub name: String,
    pub kind: OfferKind,
    pub partial_payment: String,
    /// Waivers in bucket order: principal, interest, penalty, fees.
    pub waivers: [WaiverDraft; 4],
    pub pay_by: String,
    pub extension_length: String,
    pub extension_unit: ExtensionUnit,
    pub extension_fee: String,
    pub extension_interest: ExtensionInterestRequest,
    pub extension_reduced_rate: String,
    pub down_payment: String,
    /// Solve the count from `target_payment` instead of using `count`.
    pub use_target: bool,
    pub count: String,
    pub target_payment: String,
    pub frequency: Frequency,
    pub method: MethodRequest,
    pub step_up_percent: String,
    pub annual_rate_percent: String,
    pub first_due_date: String,
    pub day_count: DayCount,
    pub round_up_to: String,
    /// A supervisor's approval code, as pasted (`accord approve`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub approval: String,
}

impl Default for OfferDraft {
    fn default() -> Self {
        OfferDraft {
            name: "A".into(),
            kind: OfferKind::Installments,
            partial_payment: String::new(),
            waivers: Default::default(),
            pay_by: String::new(),
            extension_length: "3".into(),
            extension_unit: ExtensionUnit::Months,
            extension_fee: String::new(),
            extension_interest: ExtensionInterestRequest::Contract,
            extension_reduced_rate: String::new(),
            down_payment: String::new(),
            use_target: false,
            count: "12".into(),
            target_payment: String::new(),
            frequency: Frequency::Monthly,
            method: MethodRequest::EqualInstallment,
            step_up_percent: "10".into(),
            annual_rate_percent: "0".into(),
            first_due_date: String::new(),
            day_count: DayCount::Periodic,
            round_up_to: String::new(),
            approval: String::new(),
        }
    }
}

impl OfferDraft {
    /// How many of the terms an agent seldom changes differ from a fresh offer's: waivers
    /// with a value other than zero, and for installments a method, day count or rounding
    /// other than the default. The workspace keeps these behind a disclosure and says how
    /// many are set on it, so nothing that changes the plan is out of sight unannounced.
    pub fn more_terms_set(&self) -> usize {
        let waivers = self
            .waivers
            .iter()
            .filter(|w| !w.value.chars().all(|c| matches!(c, '0' | '.' | ',' | '%') || c.is_whitespace()))
            .count();
        let fresh = OfferDraft::default();
        let terms = if self.kind == OfferKind::Installments {
            [self.method != fresh.method, self.day_count != fresh.day_count, !self.round_up_to.trim().is_empty()]
                .into_iter()
                .filter(|changed| *changed)
                .count()
        } else {
            0
        };
        waivers + terms
    }
}

/// The account, as typed. No names or phone numbers: a reference only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", default)]
pub struct AccountDraft {
    pub claim: ClaimRequest,
    /// The creditor's account reference.
    pub reference: String,
    pub days_past_due: String,
    /// The agent's id in the creditor's systems.
    pub agent_id: String,
}

/// One editable rule of the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct RuleDraft {
    pub rule: RuleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<Bucket>,
    /// The limit as typed.
    pub limit: String,
    pub severity: Severity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default)]
    pub house: bool,
    /// The limit of the creditor's profile as loaded; `limit` differing from it is a local
    /// override. `None` for a rule the profile did not have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_limit: Option<String>,
}

/// The policy with editable limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub struct PolicyDraft {
    pub name: String,
    #[serde(default)]
    pub product: Product,
    /// Every bucket when absent (a negotiation saved before profiles had it).
    #[serde(default = "every_bucket")]
    pub interest_bearing: Vec<Bucket>,
    pub rules: Vec<RuleDraft>,
    pub lpr: Vec<LprEntry>,
    /// The profile's servicing rule, carried as loaded (not edited in the workspace).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub servicing: Option<ServicingRule>,
    /// The creditor's signature over the profile, when it was loaded signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<PolicySignature>,
}

fn every_bucket() -> Vec<Bucket> {
    Bucket::ALL.to_vec()
}

impl From<&Policy> for PolicyDraft {
    fn from(policy: &Policy) -> Self {
        PolicyDraft {
            name: policy.name.clone(),
            product: policy.product,
            interest_bearing: policy.interest_bearing.clone(),
            rules: policy
                .rules
                .iter()
                .map(|r| RuleDraft {
                    rule: r.rule,
                    bucket: r.bucket,
                    limit: r.limit.normalize().to_string(),
                    severity: r.severity,
                    source: r.source.clone(),
                    house: r.house,
                    profile_limit: Some(r.overridden_from.unwrap_or(r.limit).normalize().to_string()),
                })
                .collect(),
            lpr: policy.lpr.clone(),
            servicing: policy.servicing,
            signed: policy.signed.clone(),
        }
    }
}

impl Default for PolicyDraft {
    fn default() -> Self {
        PolicyDraft::from(&Policy::cn_bank_card())
    }
}

impl PolicyDraft {
    /// The policy, or the index and error of every limit that is not a number in its rule's
    /// range ([`RuleKind::max_limit`]).
    ///
    /// # Errors
    /// `(rule index, error)` for each bad limit.
    pub fn parse(&self) -> Result<Policy, Vec<(usize, InputError)>> {
        let mut errors = Vec::new();
        let mut rules = Vec::with_capacity(self.rules.len());
        for (index, rule) in self.rules.iter().enumerate() {
            let text = rule.limit.trim().trim_end_matches(['%', '％']);
            // The rule's own range, so that a limit out of it is worded beside its input.
            let max = rule.rule.max_limit();
            let profile_limit = rule.profile_limit.as_deref().and_then(|p| super::money::parse_decimal(p, 6, max).ok());
            match super::money::parse_decimal(text, 6, max) {
                Ok(limit) => rules.push(Rule {
                    rule: rule.rule,
                    bucket: rule.bucket,
                    limit,
                    severity: rule.severity,
                    source: rule.source.clone(),
                    house: rule.house,
                    overridden_from: profile_limit.filter(|p| *p != limit),
                }),
                Err(e) => errors.push((index, InputError::Amount(e))),
            }
        }
        if errors.is_empty() {
            Ok(Policy {
                name: self.name.clone(),
                product: self.product,
                interest_bearing: self.interest_bearing.clone(),
                rules,
                lpr: self.lpr.clone(),
                servicing: self.servicing,
                signed: self.signed.clone(),
            })
        } else {
            Err(errors)
        }
    }
}

/// What happened in the negotiation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum LogEvent {
    /// The agent went through the offer with the debtor.
    Shown,
    /// The offer was put to the debtor.
    Proposed,
    /// The offer changed since it was last logged.
    Changed,
    /// The debtor declined it.
    Rejected,
    /// Both sides agreed to it.
    Agreed,
}

crate::by_name!(LogEvent {
    "shown" => Shown,
    "proposed" => Proposed,
    "changed" => Changed,
    "rejected" => Rejected,
    "agreed" => Agreed,
});

/// One entry of the negotiation log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogEntry {
    /// RFC 3339 UTC time, from the browser.
    pub at: String,
    pub event: LogEvent,
    /// The offer's name.
    pub offer: String,
    /// The offer's terms at that moment.
    pub terms: PlanRequest,
}

/// A whole negotiation draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", default)]
pub struct Draft {
    pub version: u32,
    pub account: AccountDraft,
    pub offers: Vec<OfferDraft>,
    pub budget: BudgetRequest,
    pub policy: PolicyDraft,
    /// The creditor's annual discount rate in percent, for present values.
    pub discount_rate_percent: String,
    /// Index of the offer whose schedule is shown.
    pub selected: usize,
    /// The name of the agreed offer, if any.
    pub agreed: Option<String>,
    /// The id given to the agreement when the offer was agreed.
    pub agreement_id: Option<String>,
    /// The supervisor's approval code the offer was agreed with, as pasted (the agreement
    /// carries it when its findings needed one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreed_approval: Option<String>,
    pub log: Vec<LogEntry>,
    /// The agreement this negotiation replaces (a renegotiation after a broken or late plan);
    /// the agreement made from it records the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Supersedes>,
}

/// The agreement a new one replaces, by its id and hash, so that the record shows the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Supersedes {
    /// The previous agreement's `agreementId`.
    pub agreement_id: String,
    /// The previous agreement's `sha256`, as recorded in it.
    pub sha256: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            version: DRAFT_VERSION,
            account: AccountDraft::default(),
            offers: Vec::new(),
            budget: BudgetRequest::default(),
            policy: PolicyDraft::default(),
            discount_rate_percent: "8".into(),
            selected: 0,
            agreed: None,
            agreement_id: None,
            agreed_approval: None,
            log: Vec::new(),
            supersedes: None,
        }
    }
}

// The hand-written readers of a draft (see `members` for why): what the derived ones accept,
// member by member. A draft, an account, an offer, a waiver and the policy's rules ignore a
// member they do not know (a draft saved by a later version still opens) and take the
// default's value for one left out (`#[serde(default)]`).
impl Draft {
    /// Reads a draft from its JSON value.
    ///
    /// # Errors
    /// The first member that is not what it should be.
    pub fn from_json(value: Value) -> Result<Draft, ReadError> {
        let mut m = Members::lenient(value, "struct Draft")?;
        let fresh = Draft::default();
        let draft = Draft {
            version: m.or("version", members::whole, fresh.version),
            account: m.or("account", AccountDraft::from_json, fresh.account),
            offers: m.or("offers", |v| members::list(v, OfferDraft::from_json), fresh.offers),
            budget: m.or("budget", BudgetRequest::from_json, fresh.budget),
            policy: m.or("policy", PolicyDraft::from_json, fresh.policy),
            discount_rate_percent: m.or("discountRatePercent", members::text, fresh.discount_rate_percent),
            selected: m.or("selected", members::index, fresh.selected),
            agreed: m.optional("agreed", members::text),
            agreement_id: m.optional("agreementId", members::text),
            agreed_approval: m.optional("agreedApproval", members::text),
            log: m.or("log", |v| members::list(v, LogEntry::from_json), fresh.log),
            supersedes: m.optional("supersedes", Supersedes::from_json),
        };
        m.finish(draft)
    }
}

impl AccountDraft {
    fn from_json(value: Value) -> Result<AccountDraft, ReadError> {
        let mut m = Members::lenient(value, "struct AccountDraft")?;
        let account = AccountDraft {
            claim: m.or_default("claim", ClaimRequest::from_json),
            reference: m.text_or_empty("reference"),
            days_past_due: m.text_or_empty("daysPastDue"),
            agent_id: m.text_or_empty("agentId"),
        };
        m.finish(account)
    }
}

impl OfferDraft {
    fn from_json(value: Value) -> Result<OfferDraft, ReadError> {
        let mut m = Members::lenient(value, "struct OfferDraft")?;
        let fresh = OfferDraft::default();
        let offer = OfferDraft {
            name: m.or("name", members::text, fresh.name),
            kind: m.or("kind", members::named, fresh.kind),
            partial_payment: m.or("partialPayment", members::text, fresh.partial_payment),
            waivers: m.or("waivers", |v| members::array(v, WaiverDraft::from_json), fresh.waivers),
            pay_by: m.or("payBy", members::text, fresh.pay_by),
            extension_length: m.or("extensionLength", members::text, fresh.extension_length),
            extension_unit: m.or("extensionUnit", members::named, fresh.extension_unit),
            extension_fee: m.or("extensionFee", members::text, fresh.extension_fee),
            extension_interest: m.or("extensionInterest", members::named, fresh.extension_interest),
            extension_reduced_rate: m.or("extensionReducedRate", members::text, fresh.extension_reduced_rate),
            down_payment: m.or("downPayment", members::text, fresh.down_payment),
            use_target: m.or("useTarget", members::flag, fresh.use_target),
            count: m.or("count", members::text, fresh.count),
            target_payment: m.or("targetPayment", members::text, fresh.target_payment),
            frequency: m.or("frequency", members::named, fresh.frequency),
            method: m.or("method", members::named, fresh.method),
            step_up_percent: m.or("stepUpPercent", members::text, fresh.step_up_percent),
            annual_rate_percent: m.or("annualRatePercent", members::text, fresh.annual_rate_percent),
            first_due_date: m.or("firstDueDate", members::text, fresh.first_due_date),
            day_count: m.or("dayCount", members::named, fresh.day_count),
            round_up_to: m.or("roundUpTo", members::text, fresh.round_up_to),
            approval: m.or("approval", members::text, fresh.approval),
        };
        m.finish(offer)
    }
}

impl WaiverDraft {
    fn from_json(value: Value) -> Result<WaiverDraft, ReadError> {
        let mut m = Members::lenient(value, "struct WaiverDraft")?;
        let waiver = WaiverDraft {
            value: m.text_or_empty("value"),
            unit: m.or_default("unit", members::named),
            conditional: m.or_default("conditional", members::flag),
        };
        m.finish(waiver)
    }
}

impl PolicyDraft {
    fn from_json(value: Value) -> Result<PolicyDraft, ReadError> {
        let mut m = Members::lenient(value, "struct PolicyDraft")?;
        let policy = PolicyDraft {
            name: m.required("name", members::text),
            product: m.or_default("product", members::named),
            interest_bearing: m.given_list("interestBearing", members::named).unwrap_or_else(every_bucket),
            rules: m.required_list("rules", RuleDraft::from_json),
            lpr: m.required_list("lpr", LprEntry::from_json),
            servicing: m.optional("servicing", ServicingRule::from_json),
            signed: m.optional("signed", PolicySignature::from_json),
        };
        m.finish(policy)
    }
}

impl RuleDraft {
    fn from_json(value: Value) -> Result<RuleDraft, ReadError> {
        let mut m = Members::lenient(value, "struct RuleDraft")?;
        let rule = RuleDraft {
            rule: m.required_name("rule"),
            bucket: m.optional("bucket", members::named),
            limit: m.required("limit", members::text),
            severity: m.required_name("severity"),
            source: m.optional("source", Source::from_json),
            house: m.or_default("house", members::flag),
            profile_limit: m.optional("profileLimit", members::text),
        };
        m.finish(rule)
    }
}

impl LogEntry {
    /// Reads a log entry from its JSON value.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not what it should be.
    pub fn from_json(value: Value) -> Result<LogEntry, ReadError> {
        let mut m = Members::of(value, "struct LogEntry", &["at", "event", "offer", "terms"])?;
        let entry = LogEntry {
            at: m.required("at", members::text),
            event: m.required_name("event"),
            offer: m.required("offer", members::text),
            terms: m.required("terms", PlanRequest::from_json),
        };
        m.finish(entry)
    }
}

impl Supersedes {
    /// Reads the agreement replaced from its JSON value.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not a string.
    pub fn from_json(value: Value) -> Result<Supersedes, ReadError> {
        let mut m = Members::of(value, "struct Supersedes", &["agreementId", "sha256"])?;
        let supersedes = Supersedes {
            agreement_id: m.required("agreementId", members::text),
            sha256: m.required("sha256", members::text),
        };
        m.finish(supersedes)
    }
}

/// The plan request of one offer as typed: the account's claim, the offer's terms and
/// waivers, the budget (when an income is given), the creditor's discount rate in percent and
/// the policy the caller parsed. The parts are passed apart so that the workspace can hold
/// each in a signal of its own.
pub fn offer_request(
    account: &AccountDraft,
    offer: &OfferDraft,
    budget: &BudgetRequest,
    discount_rate_percent: &str,
    policy: &Policy,
) -> PlanRequest {
    let waivers = Bucket::ALL
        .iter()
        .zip(&offer.waivers)
        .filter(|(_, w)| !w.value.trim().is_empty())
        .map(|(bucket, w)| WaiverRequest {
            bucket: *bucket,
            amount: (w.unit == WaiverUnit::Amount).then(|| w.value.clone()),
            percent: (w.unit == WaiverUnit::Percent).then(|| w.value.clone()),
            conditional: w.conditional,
        })
        .collect();
    let plan = match offer.kind {
        OfferKind::Settlement => PlanTermsRequest::Settlement { pay_by: offer.pay_by.clone() },
        OfferKind::Extension => PlanTermsRequest::Extension {
            length: offer.extension_length.clone(),
            unit: offer.extension_unit,
            fee: offer.extension_fee.clone(),
            interest: offer.extension_interest,
            reduced_rate_percent: Some(offer.extension_reduced_rate.clone()),
            day_count: DayCount::Periodic,
        },
        OfferKind::Installments => PlanTermsRequest::Installments {
            down_payment: offer.down_payment.clone(),
            count: (!offer.use_target).then(|| offer.count.clone()),
            target_payment: offer.use_target.then(|| offer.target_payment.clone()),
            frequency: offer.frequency,
            method: offer.method,
            step_up_percent: Some(offer.step_up_percent.clone()),
            annual_rate_percent: offer.annual_rate_percent.clone(),
            first_due_date: offer.first_due_date.clone(),
            day_count: offer.day_count,
            round_up_to: Some(offer.round_up_to.clone()),
        },
    };
    PlanRequest {
        claim: account.claim.clone(),
        rounding: None,
        waivers,
        allocation_order: None,
        partial_payment: Some(offer.partial_payment.clone()),
        plan,
        moves: Vec::new(),
        discount_rate_percent: Some(discount_rate_percent.to_string()),
        policy: Some(policy.clone()),
        budget: budget.is_given().then(|| budget.clone()),
    }
}

/// The name of the offer at `index`: A, B, C, …
pub fn offer_name(index: usize) -> String {
    char::from(b'A' + (index % 26) as u8).to_string()
}

impl Draft {
    /// A new workspace for an account as of `as_of` (`YYYY-MM-DD`) whose first due date is
    /// `first_due` and settlement date `pay_by`: four sensible starting offers — settlement,
    /// a 3-month extension, 12 and 36 monthly installments.
    pub fn new(as_of: &str, first_due: &str, pay_by: &str) -> Self {
        let base = OfferDraft { first_due_date: first_due.into(), pay_by: pay_by.into(), ..OfferDraft::default() };
        let offers = vec![
            OfferDraft { name: offer_name(0), kind: OfferKind::Settlement, ..base.clone() },
            OfferDraft { name: offer_name(1), kind: OfferKind::Extension, ..base.clone() },
            OfferDraft { name: offer_name(2), count: "12".into(), ..base.clone() },
            OfferDraft { name: offer_name(3), count: "36".into(), ..base },
        ];
        Draft {
            account: AccountDraft {
                claim: ClaimRequest {
                    currency: "CNY".into(),
                    as_of: as_of.into(),
                    contract_rate_percent: "18".into(),
                    ..ClaimRequest::default()
                },
                ..AccountDraft::default()
            },
            offers,
            ..Draft::default()
        }
    }

    /// A new workspace for an account as of `as_of`: [`Draft::new`]'s offers, the first
    /// installment due a month later (the month's end kept), a settlement within 14 days.
    pub fn starting(as_of: NaiveDate) -> Self {
        let first_due = add_months_keeping_end(as_of, 1).unwrap_or(as_of);
        let pay_by = as_of.checked_add_days(chrono::Days::new(14)).unwrap_or(as_of);
        Draft::new(&as_of.to_string(), &first_due.to_string(), &pay_by.to_string())
    }

    /// The plan request of offer `index` (with the policy the caller parsed), or `None` when
    /// there is no such offer.
    pub fn request(&self, index: usize, policy: &Policy) -> Option<PlanRequest> {
        let offer = self.offers.get(index)?;
        Some(offer_request(&self.account, offer, &self.budget, &self.discount_rate_percent, policy))
    }

    /// Adds a copy of offer `index` under the next free name; returns its index.
    pub fn duplicate(&mut self, index: usize) -> Option<usize> {
        if self.offers.len() >= MAX_OFFERS {
            return None;
        }
        let mut copy = self.offers.get(index)?.clone();
        let used: Vec<String> = self.offers.iter().map(|o| o.name.clone()).collect();
        copy.name = (0..26).map(offer_name).find(|n| !used.contains(n))?;
        self.offers.push(copy);
        Some(self.offers.len() - 1)
    }

    /// Removes offer `index` (never the last one).
    pub fn remove(&mut self, index: usize) {
        if self.offers.len() > 1 && index < self.offers.len() {
            let removed = self.offers.remove(index);
            if self.agreed.as_deref() == Some(removed.name.as_str()) {
                self.agreed = None;
                self.agreement_id = None;
            }
            self.selected = self.selected.min(self.offers.len() - 1);
        }
    }

    /// Logs `event` for offer `index` at `at`, first logging `Changed` when its terms differ
    /// from the last entry for that offer. Agreeing marks the offer agreed.
    pub fn record(&mut self, index: usize, event: LogEvent, at: &str, policy: &Policy) {
        let Some(terms) = self.request(index, policy) else { return };
        let name = self.offers[index].name.clone();
        let last = self.log.iter().rev().find(|e| e.offer == name);
        if last.is_some_and(|e| e.terms != terms) {
            self.log.push(LogEntry {
                at: at.into(),
                event: LogEvent::Changed,
                offer: name.clone(),
                terms: terms.clone(),
            });
        }
        if event == LogEvent::Agreed {
            self.agreed = Some(name.clone());
        }
        self.log.push(LogEntry { at: at.into(), event, offer: name, terms });
    }
}

impl Draft {
    /// The agreed offer's name and the log entry that agreed it (its terms are the terms
    /// agreed, even if the offer was edited afterwards).
    pub fn agreed_entry(&self) -> Option<&LogEntry> {
        let name = self.agreed.as_deref()?;
        self.log.iter().rev().find(|e| e.offer == name && e.event == LogEvent::Agreed)
    }
}

/// Whether an outcome can be offered without a block.
fn offerable(outcome: &PlanOutcome) -> bool {
    outcome.findings.iter().all(|f| f.outcome != Outcome::Block)
}

/// Whether an outcome may be marked: no rule blocks it, and the debtor's budget, when one is
/// given, can carry it (a settlement the debtor cannot pay is nobody's best offer).
fn markable(outcome: &PlanOutcome) -> bool {
    offerable(outcome) && outcome.affordability.as_ref().is_none_or(|a| a.fits)
}

/// The offer with the highest present value of recovery among those no rule blocks and the
/// budget, if given, can carry.
pub fn best_for_creditor(outcomes: &[Option<&PlanOutcome>]) -> Option<usize> {
    outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.filter(|o| markable(o)).map(|o| (i, o.recovery.present_value)))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}

/// The offer with the smallest largest payment as a monthly equivalent, among those no rule
/// blocks and the budget, if given, can carry.
pub fn most_affordable(outcomes: &[Option<&PlanOutcome>]) -> Option<usize> {
    outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.filter(|o| markable(o)).map(|o| (i, monthly_burden(o))))
        .min_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(i, _)| i)
}

/// The plan's monthly burden ([`plan::monthly_burden`]).
pub fn monthly_burden(outcome: &PlanOutcome) -> Amount {
    plan::monthly_burden(&outcome.schedule, outcome.frequency, Rounding::new(outcome.currency, outcome.rounding))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::request::evaluate;

    fn draft() -> Draft {
        let mut d = Draft::new("2025-01-15", "2025-02-15", "2025-01-31");
        d.account.claim.principal = "100000".into();
        d.account.claim.interest = "5000".into();
        d.account.claim.penalty = "1200".into();
        d.account.claim.fees = "300".into();
        d
    }

    /// The hand-written reader of a draft (the browser's: a saved tab, a kept copy, an
    /// imported negotiation) accepts and refuses what serde's derived one did (kept natively
    /// for this test), member by member: every member of every kind of offer, the account,
    /// the budget, the policy with a rule's source, servicing and signature, the log with
    /// its terms, the agreement replaced.
    #[test]
    fn the_hand_written_reader_agrees_with_serde() {
        let mut d = draft();
        d.account.reference = "CARD-1".into();
        d.account.days_past_due = "95".into();
        d.account.agent_id = "agent-7".into();
        d.offers[2].waivers[2] = WaiverDraft { value: "50".into(), unit: WaiverUnit::Amount, conditional: true };
        d.offers[2].approval = "STATEMENT.SIGNATURE".into();
        d.offers[3].use_target = true;
        d.budget.monthly_income = "9000".into();
        let mut policy = Policy::cn_private_lending();
        policy.signed = Some(PolicySignature { key_id: "creditor-2025".into(), signature: "c2ln".into() });
        policy.servicing = Some(ServicingRule::HOUSE_DEFAULT);
        d.policy = PolicyDraft::from(&policy);
        d.policy.rules.truncate(2);
        d.policy.rules[0].bucket = Some(Bucket::Penalty);
        d.policy.rules[0].source = Some(Source { text: "Rule".into(), citation: "Art. 1".into() });
        let terms = d.request(2, &policy).expect("the offer's request");
        d.log.push(LogEntry { at: "2025-01-15T10:05:00Z".into(), event: LogEvent::Agreed, offer: "C".into(), terms });
        d.selected = 2;
        d.agreed = Some("C".into());
        d.agreement_id = Some("AGR-1".into());
        d.agreed_approval = Some("STATEMENT.SIGNATURE".into());
        d.supersedes = Some(Supersedes { agreement_id: "AGR-0".into(), sha256: "ab".repeat(32) });
        let mut document = serde_json::to_value(&d).unwrap();
        assert!(document["policy"]["servicing"].is_object() && document["log"][0]["terms"]["policy"].is_object());
        // The log's terms are a plan request, whose reader has its own test: one member kept.
        document["log"][0]["terms"] = serde_json::json!({"claim": document["log"][0]["terms"]["claim"],
            "plan": {"type": "settlement", "payBy": "2025-01-31"}});
        let (accepted, refused) = members::mutations::readers_agree(&document, Draft::from_json);
        assert!(accepted > 400 && refused > 1_000, "{accepted} accepted, {refused} refused");
    }

    #[test]
    fn more_terms_set_counts_what_a_closed_disclosure_hides() {
        let mut offer = OfferDraft::default();
        assert_eq!(offer.more_terms_set(), 0);
        offer.waivers[1].value = "0.00".into();
        offer.waivers[2].value = " ".into();
        assert_eq!(offer.more_terms_set(), 0, "a zero or blank waiver waives nothing");
        offer.waivers[1].value = "100".into();
        offer.waivers[3].value = "0.5".into();
        offer.day_count = DayCount::Act365F;
        offer.round_up_to = "10".into();
        assert_eq!(offer.more_terms_set(), 4);
        // A settlement has no method, day count or rounding: only its waivers count.
        offer.kind = OfferKind::Settlement;
        assert_eq!(offer.more_terms_set(), 2);
    }

    fn outcomes(d: &Draft) -> Vec<Option<PlanOutcome>> {
        let policy = d.policy.parse().unwrap();
        (0..d.offers.len()).map(|i| evaluate(&d.request(i, &policy).unwrap()).ok()).collect()
    }

    #[test]
    fn a_new_workspace_has_four_computable_offers() {
        let d = draft();
        assert_eq!(d.offers.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), ["A", "B", "C", "D"]);
        let computed = outcomes(&d);
        assert!(computed.iter().all(Option::is_some), "{computed:?}");
    }

    #[test]
    fn the_banks_own_rate_is_not_blocked_and_the_best_offer_is_marked() {
        let mut d = draft();
        d.offers[0].waivers[2] = WaiverDraft { value: "100".into(), unit: WaiverUnit::Percent, conditional: false };
        let computed = outcomes(&d);
        let refs: Vec<Option<&PlanOutcome>> = computed.iter().map(Option::as_ref).collect();
        // Issue 14: under cn-bank-card the extension at the card's own 18 % contract rate is
        // not blocked (card rates are set by contract; the LPR cap is private lending's).
        let extension = computed[1].as_ref().unwrap();
        assert!(extension.findings.iter().all(|f| f.outcome != Outcome::Block), "{:?}", extension.findings);
        // Hand computation: 106,500 due + 100,000 × 18 % × 3/12 = 111,000 in 3 months, worth
        // 111,000 / (1 + 8 %/12)^3 ≈ 108,809 today: more than the settlement's 105,300 (the
        // 违约金 waived) in 16 days, ≈ 104,927: best for the creditor.
        assert_eq!(best_for_creditor(&refs), Some(1));
        assert_eq!(most_affordable(&refs), Some(3));

        // Under cn-private-lending the same extension costs 16.7 % nominal, over 4 × 3.10 %
        // LPR = 12.40 %: blocked, so the settlement is best.
        d.policy = PolicyDraft::from(&Policy::cn_private_lending());
        d.account.claim.contract_date = Some("2025-01-15".into());
        let computed = outcomes(&d);
        let refs: Vec<Option<&PlanOutcome>> = computed.iter().map(Option::as_ref).collect();
        let cap = computed[1].as_ref().unwrap().findings.iter().find(|f| f.rule == RuleKind::RateCapLprMultiple);
        assert_eq!(cap.map(|f| f.outcome), Some(Outcome::Block));
        assert_eq!(best_for_creditor(&refs), Some(0));
    }

    #[test]
    fn only_offers_the_budget_can_carry_are_marked() {
        let mut d = draft();
        // 12,000 income − 4,000 expenses = 8,000 disposable; the card profile's house share
        // (50 %) makes 4,000 a month the most the budget carries.
        d.budget = BudgetRequest {
            monthly_income: "12000".into(),
            essential_expenses: "4000".into(),
            other_debt_payments: String::new(),
        };
        let computed = outcomes(&d);
        let refs: Vec<Option<&PlanOutcome>> = computed.iter().map(Option::as_ref).collect();
        let fits = |i: usize| computed[i].as_ref().and_then(|o| o.affordability.as_ref()).is_some_and(|a| a.fits);
        // Without a budget the 111,000 extension is best for the creditor (test above); no
        // debtor pays it from 4,000 a month.
        assert!(!fits(1));
        let best = best_for_creditor(&refs).expect("an affordable offer");
        assert!(best != 1 && fits(best), "best {best}");
        assert!(most_affordable(&refs).is_some_and(fits));
        // A budget that carries nothing: no marks at all.
        d.budget.monthly_income = "4000".into();
        let computed = outcomes(&d);
        let refs: Vec<Option<&PlanOutcome>> = computed.iter().map(Option::as_ref).collect();
        assert_eq!((best_for_creditor(&refs), most_affordable(&refs)), (None, None));
    }

    #[test]
    fn blocked_offers_are_never_marked() {
        let mut d = draft();
        d.offers[3].count = "72".into();
        let computed = outcomes(&d);
        let refs: Vec<Option<&PlanOutcome>> = computed.iter().map(Option::as_ref).collect();
        assert_eq!(most_affordable(&refs), Some(2));
    }

    #[test]
    fn duplicating_takes_the_next_free_name_up_to_six() {
        let mut d = draft();
        assert_eq!(d.duplicate(2), Some(4));
        assert_eq!(d.offers[4].name, "E");
        assert_eq!(d.offers[4].count, d.offers[2].count);
        d.remove(1);
        assert_eq!(d.duplicate(0), Some(4));
        assert_eq!(d.offers[4].name, "B");
        assert!(d.duplicate(0).is_some());
        assert_eq!(d.duplicate(0), None);
    }

    #[test]
    fn the_log_records_changes_between_proposals() {
        let mut d = draft();
        let policy = d.policy.parse().unwrap();
        d.record(2, LogEvent::Proposed, "2025-01-15T10:00:00Z", &policy);
        d.offers[2].count = "24".into();
        d.record(2, LogEvent::Agreed, "2025-01-15T10:05:00Z", &policy);
        let events: Vec<LogEvent> = d.log.iter().map(|e| e.event).collect();
        assert_eq!(events, [LogEvent::Proposed, LogEvent::Changed, LogEvent::Agreed]);
        assert_eq!(d.agreed.as_deref(), Some("C"));
    }

    #[test]
    fn a_draft_survives_a_json_round_trip() {
        let mut d = draft();
        d.offers[1].extension_fee = "1,2".into(); // half-typed text is kept as is
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), d);
    }

    #[test]
    fn policy_limits_are_edited_as_text() {
        let mut policy = PolicyDraft::default();
        policy.rules[0].limit = "48".into();
        assert_eq!(policy.parse().unwrap().rules[0].limit, rust_decimal::Decimal::from(48));
        policy.rules[1].limit = "abc".into();
        assert_eq!(policy.parse().unwrap_err()[0].0, 1);
        // Installments above 1,200 are out of the rule's range, beside the limit.
        policy.rules[1].limit = "1201".into();
        assert_eq!(
            policy.parse().unwrap_err()[0],
            (1, InputError::Amount(super::super::money::AmountError::TooLarge { max: "1200".into() }))
        );
    }
}
