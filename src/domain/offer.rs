//! A self-service offer: what the creditor lets a debtor choose, within bounds.
//!
//! The creditor's back office writes a [`SelfServiceOffer`] (the claim, the relief and the
//! plans the debtor may pick with their bounds: term range, least down payment, first-date
//! range), signs it (`accord offer sign`, [`crate::export::signature`]) and sends the link.
//! [`request_for`] turns the debtor's [`Selection`] into the plan request the core computes,
//! refusing anything outside the bounds; [`selection_within`] finds the selection behind
//! agreed terms, so `accord verify` can refuse terms no selection gives.

use super::calendar::parse_date;
use super::calendar::Frequency;
use super::members::{self, Members, ReadError};
use super::policy::Policy;
#[cfg(test)]
use super::request::given;
use super::request::{ClaimRequest, FieldId, InputError, MethodRequest, PlanRequest, PlanTermsRequest, WaiverRequest};
use crate::json::Value;
use chrono::NaiveDate;
use rust_decimal::Decimal;
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

/// The offer format version.
pub const SELF_SERVICE_VERSION: u32 = 1;

/// An offer as the creditor signs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SelfServiceOffer {
    /// Always 1.
    pub version: u32,
    pub offer_id: String,
    /// The id of the key that signs it (in the deployment's `keys.json`).
    pub key_id: String,
    /// RFC 3339 UTC; the link shows no plan from then on.
    pub expires_at: String,
    /// The creditor's account reference (no names or phone numbers). The debtor's page shows
    /// only its last four characters.
    pub account_reference: String,
    /// Who is asking and how to reach them, shown first on the debtor's page (a page that
    /// does not say who sends it looks like phishing).
    #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
    pub creditor: Option<Creditor>,
    /// What is owed, per bucket, as of a date.
    pub claim: ClaimRequest,
    /// The policy the plans are checked against; the default profile when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    /// The plans the debtor may choose from.
    pub choices: Vec<Choice>,
}

impl SelfServiceOffer {
    /// The product of the offer's policy (its words: 违约金 or 罚息).
    pub fn product(&self) -> super::policy::Product {
        Policy::product_of(self.policy.as_ref(), self.claim.currency_or_default())
    }
}

/// The creditor as the debtor knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Creditor {
    /// The name the debtor knows (e.g. "招商银行信用卡中心").
    pub name: String,
    /// A phone number to call.
    #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// When the phone is answered (free text, e.g. "9:00–21:00 daily").
    #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// The creditor's own web address.
    #[serde(default, deserialize_with = "given", skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
}

/// The last four characters of an account reference, as a bank writes "ending 0042": enough
/// for the debtor to recognize the account, not enough to name it to anyone else.
pub fn reference_ending(reference: &str) -> String {
    let chars: Vec<char> = reference.trim().chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

/// One plan the debtor may choose, with its bounds and the relief that comes with it.
// Read through one flat struct, `ChoiceFields`, like `PlanTermsRequest` (the derived reader of
// an internally tagged enum is several KB of the browser's wasm).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Choice {
    /// Pay everything due after the waivers at once, on a date in the range.
    #[serde(rename_all = "camelCase")]
    Settlement {
        #[serde(default)]
        waivers: Vec<WaiverRequest>,
        /// `YYYY-MM-DD`, earliest and latest payment date.
        pay_by_from: String,
        pay_by_to: String,
    },
    /// Installments: a count in the range, at least the down payment, a first date in range.
    #[serde(rename_all = "camelCase")]
    Installments {
        #[serde(default)]
        waivers: Vec<WaiverRequest>,
        min_count: u32,
        max_count: u32,
        frequency: Frequency,
        method: MethodRequest,
        /// Plan annual rate in percent; 0 freezes interest (停息).
        annual_rate_percent: String,
        /// Least down payment, in percent of what is due after the waivers.
        min_down_payment_percent: String,
        /// `YYYY-MM-DD`, earliest and latest first due date.
        first_due_from: String,
        first_due_to: String,
    },
}

/// The members of a settlement choice.
const SETTLEMENT: &[&str] = &["type", "waivers", "payByFrom", "payByTo"];
/// The members of an installments choice.
const INSTALLMENTS: &[&str] = &[
    "type",
    "waivers",
    "minCount",
    "maxCount",
    "frequency",
    "method",
    "annualRatePercent",
    "minDownPaymentPercent",
    "firstDueFrom",
    "firstDueTo",
];

/// The choice types, the `type` member of [`Choice`].
#[derive(Clone, Copy)]
enum ChoiceType {
    Settlement,
    Installments,
}

crate::by_name!(ChoiceType { "settlement" => Settlement, "installments" => Installments });

/// Every member of every choice type: serde's reader of a choice, kept as the reference the
/// differential test compares the hand-written one with.
#[cfg(test)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ChoiceFields {
    #[serde(rename = "type")]
    kind: ChoiceType,
    #[serde(default)]
    waivers: Vec<WaiverRequest>,
    #[serde(default, deserialize_with = "given")]
    pay_by_from: Option<String>,
    #[serde(default, deserialize_with = "given")]
    pay_by_to: Option<String>,
    #[serde(default, deserialize_with = "given")]
    min_count: Option<u32>,
    #[serde(default, deserialize_with = "given")]
    max_count: Option<u32>,
    #[serde(default, deserialize_with = "given")]
    frequency: Option<Frequency>,
    #[serde(default, deserialize_with = "given")]
    method: Option<MethodRequest>,
    #[serde(default, deserialize_with = "given")]
    annual_rate_percent: Option<String>,
    #[serde(default, deserialize_with = "given")]
    min_down_payment_percent: Option<String>,
    #[serde(default, deserialize_with = "given")]
    first_due_from: Option<String>,
    #[serde(default, deserialize_with = "given")]
    first_due_to: Option<String>,
}

#[cfg(test)]
impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let f = ChoiceFields::deserialize(deserializer)?;
        let (expected, foreign) = match f.kind {
            ChoiceType::Settlement => (
                SETTLEMENT,
                [
                    ("minCount", f.min_count.is_some()),
                    ("maxCount", f.max_count.is_some()),
                    ("frequency", f.frequency.is_some()),
                    ("method", f.method.is_some()),
                    ("annualRatePercent", f.annual_rate_percent.is_some()),
                    ("minDownPaymentPercent", f.min_down_payment_percent.is_some()),
                    ("firstDueFrom", f.first_due_from.is_some()),
                    ("firstDueTo", f.first_due_to.is_some()),
                ]
                .to_vec(),
            ),
            ChoiceType::Installments => {
                (INSTALLMENTS, vec![("payByFrom", f.pay_by_from.is_some()), ("payByTo", f.pay_by_to.is_some())])
            }
        };
        if let Some((name, _)) = foreign.iter().find(|(_, given)| *given) {
            return Err(D::Error::unknown_field(name, expected));
        }
        fn required<T, E: Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
            value.ok_or_else(|| E::missing_field(name))
        }
        Ok(match f.kind {
            ChoiceType::Settlement => Choice::Settlement {
                waivers: f.waivers,
                pay_by_from: required(f.pay_by_from, "payByFrom")?,
                pay_by_to: required(f.pay_by_to, "payByTo")?,
            },
            ChoiceType::Installments => Choice::Installments {
                waivers: f.waivers,
                min_count: required(f.min_count, "minCount")?,
                max_count: required(f.max_count, "maxCount")?,
                frequency: required(f.frequency, "frequency")?,
                method: required(f.method, "method")?,
                annual_rate_percent: required(f.annual_rate_percent, "annualRatePercent")?,
                min_down_payment_percent: required(f.min_down_payment_percent, "minDownPaymentPercent")?,
                first_due_from: required(f.first_due_from, "firstDueFrom")?,
                first_due_to: required(f.first_due_to, "firstDueTo")?,
            },
        })
    }
}

/// What the debtor picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Index into the offer's choices.
    pub choice: usize,
    /// Installment count (ignored for a settlement).
    pub count: u32,
    /// Down payment, an amount as text (ignored for a settlement).
    pub down_payment: String,
    /// The payment date of a settlement or the first due date, `YYYY-MM-DD`.
    pub date: String,
}

/// Why a selection is outside the offer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BoundError {
    #[error("the offer has no choice {0}")]
    NoSuchChoice(usize),
    #[error("the count must be from {min} to {max}")]
    Count { min: u32, max: u32 },
    #[error("the date must be from {from} to {to}")]
    Date { from: String, to: String },
    #[error("the down payment must be at least {minimum}")]
    DownPayment { minimum: String },
    /// The debtor's own text for the down payment does not read (a typo, not the offer's fault).
    #[error("the down payment: {0}")]
    DownPaymentText(InputError),
    #[error("the offer itself is not valid: {0}")]
    Offer(String),
}

fn date_within(date: &str, from: &str, to: &str) -> Result<NaiveDate, BoundError> {
    let bad = || BoundError::Date { from: from.into(), to: to.into() };
    let (date, from_date, to_date) = (parse_date(date), parse_date(from), parse_date(to));
    match (date, from_date, to_date) {
        (Ok(d), Ok(f), Ok(t)) if f <= d && d <= t => Ok(d),
        (_, Ok(_), Ok(_)) => Err(bad()),
        _ => Err(BoundError::Offer("a date bound is not YYYY-MM-DD".into())),
    }
}

/// The offer's claim and policy with a choice's `waivers` (the plan left at its default).
fn base_request(offer: &SelfServiceOffer, waivers: &[WaiverRequest]) -> PlanRequest {
    PlanRequest {
        claim: offer.claim.clone(),
        waivers: waivers.to_vec(),
        policy: offer.policy.clone(),
        ..PlanRequest::default()
    }
}

/// The plan request for `selection`, or why it is outside the offer. The down payment's
/// minimum is the choice's percent of what is due after the waivers, rounded up to the minor
/// unit.
///
/// # Errors
/// Every [`BoundError`].
pub fn request_for(offer: &SelfServiceOffer, selection: &Selection) -> Result<PlanRequest, BoundError> {
    let choice = offer.choices.get(selection.choice).ok_or(BoundError::NoSuchChoice(selection.choice))?;
    let base = |waivers: &[WaiverRequest], plan| PlanRequest { plan, ..base_request(offer, waivers) };
    match choice {
        Choice::Settlement { waivers, pay_by_from, pay_by_to } => {
            let date = date_within(&selection.date, pay_by_from, pay_by_to)?;
            Ok(base(waivers, PlanTermsRequest::Settlement { pay_by: date.to_string() }))
        }
        Choice::Installments {
            waivers,
            min_count,
            max_count,
            frequency,
            method,
            annual_rate_percent,
            min_down_payment_percent,
            first_due_from,
            first_due_to,
        } => {
            if !(*min_count..=*max_count).contains(&selection.count) {
                return Err(BoundError::Count { min: *min_count, max: *max_count });
            }
            let date = date_within(&selection.date, first_due_from, first_due_to)?;
            let request = base(
                waivers,
                PlanTermsRequest::Installments {
                    down_payment: selection.down_payment.clone(),
                    count: Some(selection.count.to_string()),
                    target_payment: None,
                    frequency: *frequency,
                    method: *method,
                    step_up_percent: None,
                    annual_rate_percent: annual_rate_percent.clone(),
                    first_due_date: date.to_string(),
                    day_count: Default::default(),
                    round_up_to: None,
                },
            );
            let minimum = minimum_down_payment(&request, min_down_payment_percent)?;
            let input = request.parse().map_err(|mut errors| {
                match errors.iter().position(|e| e.field == FieldId::DownPayment) {
                    Some(typo) => BoundError::DownPaymentText(errors.swap_remove(typo).error),
                    None => BoundError::Offer(field_errors_text(&errors)),
                }
            })?;
            let down = match &input.kind {
                super::plan::PlanKind::Installments(plan) => plan.down_payment,
                _ => Decimal::ZERO,
            };
            if down < minimum {
                return Err(BoundError::DownPayment { minimum: minimum.to_string() });
            }
            Ok(request)
        }
    }
}

/// Field errors as one line (`claim.principal: …; plan.count: …`).
fn field_errors_text(errors: &[super::request::FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// The least down payment of an installment choice: `percent` of what is due after the
/// waivers, rounded up to the minor unit.
fn minimum_down_payment(request: &PlanRequest, percent: &str) -> Result<Decimal, BoundError> {
    let percent = super::money::parse_percent(percent).map_err(|e| BoundError::Offer(e.to_string()))?;
    let mut probe = request.clone();
    probe.plan = PlanTermsRequest::Settlement { pay_by: request.claim.as_of.clone() };
    let due = super::request::evaluate(&probe).map_err(|e| BoundError::Offer(field_errors_text(&e)))?.due.total();
    let currency = probe.parse().map_err(|e| BoundError::Offer(field_errors_text(&e)))?.claim.currency;
    let up = super::money::Rounding::new(currency, super::money::RoundingRule::Up);
    up.mul_div(due, percent, Decimal::ONE_HUNDRED)
        .ok_or_else(|| BoundError::Offer("the down payment is too large".into()))
}

/// The least down payment of choice `choice` (zero for a settlement), or `None` when the
/// offer cannot be computed.
pub fn least_down_payment(offer: &SelfServiceOffer, choice: usize) -> Option<Decimal> {
    match offer.choices.get(choice)? {
        Choice::Settlement { .. } => Some(Decimal::ZERO),
        Choice::Installments { waivers, min_down_payment_percent, .. } => {
            minimum_down_payment(&base_request(offer, waivers), min_down_payment_percent).ok()
        }
    }
}

/// The debtor's starting selection for choice `choice`: the earliest first due date, the least
/// down payment and 12 payments (or the nearest count the offer allows); a settlement on the
/// latest date the offer allows (the debtor's most time to gather the money, not today).
pub fn default_selection(offer: &SelfServiceOffer, choice: usize) -> Selection {
    let (count, date) = match offer.choices.get(choice) {
        Some(Choice::Installments { min_count, max_count, first_due_from, .. }) => {
            (12.clamp(*min_count, (*max_count).max(*min_count)), first_due_from.clone())
        }
        Some(Choice::Settlement { pay_by_to, .. }) => (0, pay_by_to.clone()),
        None => (0, String::new()),
    };
    let down_payment =
        least_down_payment(offer, choice).filter(|d| !d.is_zero()).map(|d| d.to_string()).unwrap_or_default();
    Selection { choice, count, down_payment, date }
}

/// The selection that gives `terms` (compared in normal form), if any: how `accord verify`
/// checks a self-service agreement against its signed offer.
pub fn selection_within(offer: &SelfServiceOffer, terms: &PlanRequest) -> Option<Selection> {
    let wanted = PlanRequest::normal_form(&terms.parse().ok()?);
    let (count, down_payment, date) = match &wanted.plan {
        PlanTermsRequest::Settlement { pay_by } => (0, String::new(), pay_by.clone()),
        PlanTermsRequest::Installments { count, down_payment, first_due_date, .. } => {
            (count.as_deref()?.parse().ok()?, down_payment.clone(), first_due_date.clone())
        }
        PlanTermsRequest::Extension { .. } => return None,
    };
    (0..offer.choices.len()).find_map(|choice| {
        let selection = Selection { choice, count, down_payment: down_payment.clone(), date: date.clone() };
        let request = request_for(offer, &selection).ok()?;
        let normal = PlanRequest::normal_form(&request.parse().ok()?);
        // The discount rate is the creditor's view, not a term the debtor agrees to.
        (PlanRequest { discount_rate_percent: wanted.discount_rate_percent.clone(), ..normal } == wanted)
            .then_some(selection)
    })
}

/// Why an offer cannot be used by the debtor's page: the field and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct OfferProblem {
    /// JSON path in the offer, e.g. `choices.1.maxCount` or `claim.principal`; empty for
    /// the offer itself (a member missing from it).
    pub field: String,
    /// What is wrong.
    pub reason: String,
}

/// "field: reason", or the reason alone for the offer itself.
impl std::fmt::Display for OfferProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.reason)
    }
}

/// Reads an offer's JSON text (a verified link's payload) as the debtor's page does and checks
/// it with [`check_offer`].
///
/// # Errors
/// The [`OfferProblem`]s: the text is not an offer of this version (an unknown member, a
/// missing one, a wrong type), or the offer cannot be used.
pub fn read_offer(text: &str) -> Result<SelfServiceOffer, Vec<OfferProblem>> {
    let offer = parse_offer(text).map_err(|e| vec![OfferProblem { field: e.path, reason: e.message }])?;
    check_offer(&offer)?;
    Ok(offer)
}

/// Reads an offer's JSON text, unchecked: the one reader of offers (the debtor's page, `accord
/// offer`, `accord verify`), written by hand (see [`super::members`]).
///
/// # Errors
/// The first member that is missing, unknown or not what it should be.
pub fn parse_offer(text: &str) -> Result<SelfServiceOffer, ReadError> {
    SelfServiceOffer::from_json(members::parse(text)?)
}

impl SelfServiceOffer {
    fn from_json(value: Value) -> Result<SelfServiceOffer, ReadError> {
        const KNOWN: &[&str] =
            &["version", "offerId", "keyId", "expiresAt", "accountReference", "creditor", "claim", "policy", "choices"];
        let mut m = Members::of(value, "struct SelfServiceOffer", KNOWN)?;
        let offer = SelfServiceOffer {
            version: m.required("version", members::whole),
            offer_id: m.required("offerId", members::text),
            key_id: m.required("keyId", members::text),
            expires_at: m.required("expiresAt", members::text),
            account_reference: m.required("accountReference", members::text),
            creditor: m.given("creditor", Creditor::from_json),
            claim: m.required("claim", ClaimRequest::from_json),
            policy: m.optional("policy", Policy::from_json),
            choices: m.required_list("choices", Choice::from_json),
        };
        m.finish(offer)
    }
}

impl Creditor {
    fn from_json(value: Value) -> Result<Creditor, ReadError> {
        let mut m = Members::of(value, "struct Creditor", &["name", "phone", "hours", "web"])?;
        let creditor = Creditor {
            name: m.required("name", members::text),
            phone: m.given("phone", members::text),
            hours: m.given("hours", members::text),
            web: m.given("web", members::text),
        };
        m.finish(creditor)
    }
}

impl Choice {
    fn from_json(value: Value) -> Result<Choice, ReadError> {
        let mut m = Members::lenient(value, "struct ChoiceFields")?;
        let kind: ChoiceType = m.required_name("type");
        let expected = match kind {
            ChoiceType::Settlement => SETTLEMENT,
            ChoiceType::Installments => INSTALLMENTS,
        };
        // Any other member, one of the other type's too, is unknown to this one.
        if let Err(unknown) = m.only(expected) {
            m.fail(unknown);
        }
        let waivers = m.list_or_empty("waivers", WaiverRequest::from_json);
        let choice = match kind {
            ChoiceType::Settlement => Choice::Settlement {
                waivers,
                pay_by_from: m.required("payByFrom", members::text),
                pay_by_to: m.required("payByTo", members::text),
            },
            ChoiceType::Installments => Choice::Installments {
                waivers,
                min_count: m.required("minCount", members::whole),
                max_count: m.required("maxCount", members::whole),
                frequency: m.required_name("frequency"),
                method: m.required_name("method"),
                annual_rate_percent: m.required("annualRatePercent", members::text),
                min_down_payment_percent: m.required("minDownPaymentPercent", members::text),
                first_due_from: m.required("firstDueFrom", members::text),
                first_due_to: m.required("firstDueTo", members::text),
            },
        };
        m.finish(choice)
    }
}

/// Checks an offer as the debtor's page will use it: version 1, at least one choice; each
/// installment choice's count range within 1–1,200 and not reversed; each date range made of
/// dates and not reversed; and a plan that computes at every corner of each choice's bounds
/// (fewest and most installments, earliest and latest date, the least down payment). `accord
/// offer sign` refuses to sign an offer with a problem, `accord offer verify` reports it, and
/// the page shows such a link as unusable instead of a choice that cannot be priced.
///
/// # Errors
/// Every [`OfferProblem`] found.
pub fn check_offer(offer: &SelfServiceOffer) -> Result<(), Vec<OfferProblem>> {
    let mut problems = Vec::new();
    let mut problem = |field: String, reason: String| problems.push(OfferProblem { field, reason });
    if offer.version != SELF_SERVICE_VERSION {
        problem("version".into(), format!("must be {SELF_SERVICE_VERSION}"));
    }
    if offer.choices.is_empty() {
        problem("choices".into(), "at least one choice is needed".into());
    }
    // The claim and the policy first: every choice is priced on them.
    let probe = PlanRequest {
        plan: PlanTermsRequest::Settlement { pay_by: offer.claim.as_of.clone() },
        ..base_request(offer, &[])
    };
    if let Err(errors) = probe.parse() {
        for error in errors {
            problem(error.field.to_string(), error.error.to_string());
        }
        return Err(problems);
    }
    for (index, choice) in offer.choices.iter().enumerate() {
        let at = |name: &str| format!("choices.{index}.{name}");
        let (counts, from, to, from_name) = match choice {
            Choice::Settlement { pay_by_from, pay_by_to, .. } => (vec![0], pay_by_from, pay_by_to, "payByFrom"),
            Choice::Installments { min_count, max_count, first_due_from, first_due_to, .. } => {
                if !(1..=super::schedule::MAX_INSTALLMENTS).contains(min_count) {
                    problem(at("minCount"), format!("must be from 1 to {}", super::schedule::MAX_INSTALLMENTS));
                }
                if max_count < min_count || *max_count > super::schedule::MAX_INSTALLMENTS {
                    problem(
                        at("maxCount"),
                        format!("must be from minCount ({min_count}) to {}", super::schedule::MAX_INSTALLMENTS),
                    );
                }
                (vec![*min_count, *max_count], first_due_from, first_due_to, "firstDueFrom")
            }
        };
        match (parse_date(from), parse_date(to)) {
            (Ok(first), Ok(last)) if first <= last => {}
            (Ok(_), Ok(_)) => problem(at(from_name), "is after the end of its range".into()),
            _ => problem(at(from_name), "the range must be two dates YYYY-MM-DD".into()),
        }
        let Some(least) = least_down_payment(offer, index) else {
            problem(at("minDownPaymentPercent"), "the least down payment cannot be computed".into());
            continue;
        };
        let down_payment = if least.is_zero() { String::new() } else { least.to_string() };
        for count in counts {
            for date in [from, to] {
                let selection =
                    Selection { choice: index, count, down_payment: down_payment.clone(), date: date.clone() };
                let computed = request_for(offer, &selection).map_err(|e| e.to_string()).and_then(|request| {
                    super::request::evaluate(&request)
                        .map(|_| ())
                        .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
                });
                if let Err(reason) = computed {
                    let corner =
                        if count > 0 { format!("{count} installments from {date}") } else { format!("paid on {date}") };
                    problem(format!("choices.{index}"), format!("no plan for {corner}: {reason}"));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn offer() -> SelfServiceOffer {
        serde_json::from_value(serde_json::json!({
            "version": 1, "offerId": "OFR-1", "keyId": "k1", "expiresAt": "2025-02-15T00:00:00Z",
            "accountReference": "ACC-1",
            "claim": { "currency": "CNY", "asOf": "2025-01-15", "principal": "10000.00", "interest": "500.00",
                       "penalty": "300.00", "fees": "200.00", "contractRatePercent": "18" },
            "choices": [
                { "type": "settlement",
                  "waivers": [{ "bucket": "penalty", "percent": "100" }, { "bucket": "fees", "percent": "100" }],
                  "payByFrom": "2025-01-15", "payByTo": "2025-01-31" },
                { "type": "installments", "waivers": [{ "bucket": "penalty", "percent": "100", "conditional": true }],
                  "minCount": 3, "maxCount": 24, "frequency": "monthly", "method": "equalInstallment",
                  "annualRatePercent": "0", "minDownPaymentPercent": "10",
                  "firstDueFrom": "2025-02-01", "firstDueTo": "2025-02-28" }
            ]
        }))
        .unwrap()
    }

    fn pick(choice: usize, count: u32, down: &str, date: &str) -> Selection {
        Selection { choice, count, down_payment: down.into(), date: date.into() }
    }

    /// The one reader of offers, written by hand, accepts and refuses what serde's derived
    /// reader did (kept for this test only), member by member, over an offer that uses every
    /// member: a creditor, a policy, both kinds of choice, waivers.
    #[test]
    fn the_hand_written_reader_agrees_with_serde() {
        let mut document = serde_json::to_value(offer()).unwrap();
        document["creditor"] = serde_json::json!({
            "name": "Example Bank", "phone": "400-000-0000", "hours": "9–21", "web": "https://e.example"
        });
        document["policy"] = serde_json::to_value(super::super::policy::Policy::cn_bank_card()).unwrap();
        document["claim"]["contractDate"] = "2024-01-15".into();
        document["choices"][0]["waivers"][0]["amount"] = "1".into();
        let (accepted, refused) =
            super::super::members::mutations::readers_agree(&document, SelfServiceOffer::from_json);
        assert!(accepted > 50 && refused > 500, "{accepted} accepted, {refused} refused");
        // Where the hand reader says what is wrong: the member's path.
        let mut missing = document.clone();
        missing["choices"][1].as_object_mut().unwrap().remove("maxCount");
        let problems = read_offer(&missing.to_string()).unwrap_err();
        assert_eq!(
            (problems[0].field.as_str(), problems[0].reason.as_str()),
            ("choices.1", "missing field `maxCount`")
        );
    }

    #[test]
    fn a_selection_within_bounds_gives_a_plan() {
        // Hand computation: 11,000 owed, the penalty (300) waived: 10,700 due; at least 10 %
        // (1,070.00) down, the rest (9,630.00) over 12 months at 0 %: 802.50 a month.
        let request = request_for(&offer(), &pick(1, 12, "1070", "2025-02-15")).unwrap();
        let outcome = super::super::request::evaluate(&request).unwrap();
        assert_eq!(outcome.schedule.len(), 12);
        assert_eq!(outcome.schedule[0].payment.to_string(), "802.50");
        // The settlement: 10,500 after penalty and fees are waived.
        let request = request_for(&offer(), &pick(0, 0, "", "2025-01-20")).unwrap();
        assert_eq!(super::super::request::evaluate(&request).unwrap().totals.paid.to_string(), "10500.00");
    }

    #[test]
    fn anything_outside_the_bounds_is_refused() {
        let o = offer();
        assert_eq!(request_for(&o, &pick(2, 12, "", "2025-02-15")), Err(BoundError::NoSuchChoice(2)));
        assert_eq!(request_for(&o, &pick(1, 25, "1070", "2025-02-15")), Err(BoundError::Count { min: 3, max: 24 }));
        assert!(matches!(request_for(&o, &pick(1, 12, "1070", "2025-03-01")), Err(BoundError::Date { .. })));
        assert_eq!(
            request_for(&o, &pick(1, 12, "1069.99", "2025-02-15")),
            Err(BoundError::DownPayment { minimum: "1070.00".into() })
        );
        assert!(matches!(request_for(&o, &pick(0, 0, "", "2025-02-01")), Err(BoundError::Date { .. })));
        // A typo in the debtor's own figure is the debtor's, not the offer's (issue 19).
        assert!(matches!(request_for(&o, &pick(1, 12, "abc", "2025-02-15")), Err(BoundError::DownPaymentText(_))));
    }

    #[test]
    fn the_debtor_sees_the_last_four_of_the_reference_and_the_settlement_starts_on_its_last_day() {
        assert_eq!(reference_ending("ACC-2025-0042"), "0042");
        assert_eq!(reference_ending(" 42 "), "42");
        assert_eq!(reference_ending("账户尾号一二三四五"), "二三四五");
        assert_eq!(default_selection(&offer(), 0).date, "2025-01-31");
        let with_creditor: SelfServiceOffer = serde_json::from_value(serde_json::json!({
            "version": 1, "offerId": "OFR-1", "keyId": "k1", "expiresAt": "2025-02-15T00:00:00Z",
            "accountReference": "ACC-1", "creditor": { "name": "Example Bank", "phone": "400-000-0000" },
            "claim": { "currency": "CNY", "asOf": "2025-01-15", "principal": "10000.00" }, "choices": []
        }))
        .unwrap();
        let creditor = with_creditor.creditor.unwrap();
        assert_eq!(
            (creditor.name.as_str(), creditor.phone.as_deref(), creditor.web),
            ("Example Bank", Some("400-000-0000"), None)
        );
    }

    #[test]
    fn the_starting_selection_is_within_the_bounds() {
        let o = offer();
        let start = default_selection(&o, 1);
        assert_eq!((start.count, start.down_payment.as_str(), start.date.as_str()), (12, "1070.00", "2025-02-01"));
        assert!(request_for(&o, &start).is_ok());
        assert!(request_for(&o, &default_selection(&o, 0)).is_ok());
    }

    #[test]
    fn an_offer_the_page_cannot_use_has_its_problems_named() {
        assert_eq!(check_offer(&offer()), Ok(()));
        // Issue 13: signed and passed, then shown as "24 to 3 monthly payments".
        let mut reversed = offer();
        if let Choice::Installments { min_count, max_count, .. } = &mut reversed.choices[1] {
            (*min_count, *max_count) = (24, 3);
        }
        let problems = check_offer(&reversed).unwrap_err();
        assert_eq!(problems[0].field, "choices.1.maxCount", "{problems:?}");
        let mut bad_claim = offer();
        bad_claim.claim.principal = "abc".into();
        let problems = check_offer(&bad_claim).unwrap_err();
        assert_eq!(problems, [OfferProblem { field: "claim.principal".into(), reason: "not a number".into() }]);
        let read = |choice: serde_json::Value| Choice::from_json(choice.into()).map_err(|e| e.to_string());
        let foreign = read(serde_json::json!({
            "type": "settlement", "payByFrom": "2025-01-15", "payByTo": "2025-01-31", "minCount": 3
        }));
        assert!(foreign.unwrap_err().starts_with("unknown field `minCount`"));
        assert!(read(serde_json::json!({"type": "installments", "minCount": 3}))
            .unwrap_err()
            .starts_with("missing field `maxCount`"));
        let mut none = offer();
        none.choices.clear();
        assert_eq!(check_offer(&none).unwrap_err()[0].field, "choices");
        // A problem of a member inside says where; one of the offer itself says only what.
        assert_eq!(problems[0].to_string(), "claim.principal: not a number");
        let mut document = serde_json::to_value(offer()).unwrap();
        document.as_object_mut().unwrap().remove("accountReference");
        let missing = read_offer(&document.to_string()).unwrap_err();
        assert_eq!(missing[0].to_string(), "missing field `accountReference`");
    }

    #[test]
    fn agreed_terms_are_traced_back_to_their_selection() {
        let o = offer();
        let request = request_for(&o, &pick(1, 12, "1,500", "2025-02-15")).unwrap();
        let found = selection_within(&o, &request).unwrap();
        assert_eq!((found.choice, found.count, found.down_payment.as_str()), (1, 12, "1500.00"));
        // Terms with one more waiver than the offer gives are not within it.
        let mut greedy = request;
        greedy.waivers.push(WaiverRequest {
            bucket: super::super::claim::Bucket::Fees,
            amount: None,
            percent: Some("100".into()),
            conditional: false,
        });
        assert_eq!(selection_within(&o, &greedy), None);
    }
}
