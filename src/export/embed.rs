//! The embedding protocol, version 1: what a host page may send the app and what the app
//! sends back, for an iframe (`postMessage`) and for a direct mount (`mount(element,
//! config)`). Pure: parsing, validation and the JSON of every message; the browser module
//! moves the text.
//!
//! Every message is a JSON object with `"accord": 1` and a `type`:
//!
//! - host → app `init`: [`EmbedConfig`] — mode (`agent` or `debtor`), locale, theme, account,
//!   policy, and for the debtor the signed offer;
//! - app → host `ready`, `plan-changed`, `agreed` (the agreement JSON), `resize` (content
//!   height in CSS pixels), see [`AppMessage`].
//!
//! A message that is not exactly this is refused whole, with an [`EmbedError`] the app logs
//! as a console warning; nothing of it is applied. The origins an iframe talks to are the
//! exact list in the deployment's settings ([`super::deployment::Deployment`]).

use crate::domain::members::{self, Members, ReadError};
use crate::domain::names::name_of;
use crate::domain::negotiation::AccountDraft;
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::Policy;
use crate::domain::request::ClaimRequest;
use crate::json::{Map, Value};
use crate::locale::Locale;
use serde::Serialize;

/// The protocol version carried in every message's `accord` member.
pub const PROTOCOL_VERSION: u64 = 1;
/// The largest message accepted, in bytes of JSON.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;

/// The theme properties a host may set, without their `--accord-` prefix (see README,
/// "Theming"; defaults in `public/style.css`).
pub const THEME_PROPERTIES: [&str; 15] = [
    "color-bg",
    "color-surface",
    "color-text",
    "color-muted",
    "color-accent",
    "color-accent-text",
    "color-danger",
    "color-warn",
    "color-ok",
    "color-border",
    "font",
    "font-size",
    "radius",
    "space",
    "focus-ring",
];

/// Why a message or setting was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmbedError {
    #[error("the message has more than {max} bytes")]
    TooLarge { max: usize },
    #[error("the message is not a JSON object")]
    NotAnObject,
    #[error("the message has no \"accord\" protocol version")]
    NotAccord,
    #[error("protocol version {0} is not supported (this app speaks version 1)")]
    UnknownVersion(String),
    #[error("unknown message type \"{0}\"")]
    UnknownType(String),
    #[error("invalid init: {0}")]
    Invalid(String),
    #[error("unknown theme property \"{0}\"")]
    UnknownThemeProperty(String),
    #[error("theme property \"{0}\" has a value that is not a plain CSS value")]
    BadThemeValue(String),
    #[error("unsupported locale \"{0}\" (zh-CN or en)")]
    UnknownLocale(String),
    #[error("the policy is invalid: {0}")]
    BadPolicy(String),
    #[error("debtor mode needs the signed offer (\"offer\")")]
    MissingOffer,
    #[error("\"offer\" belongs to debtor mode")]
    OfferInAgentMode,
    #[error("this bundle does not show {} mode: mount it from {}", name_of(*.mode), .mode.script())]
    OtherBundle { mode: Mode },
}

/// Who uses the embedded app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    /// The agent workspace.
    #[default]
    Agent,
    /// The debtor's self-service view of a signed offer.
    Debtor,
}

crate::by_name!(Mode { "agent" => Agent, "debtor" => Debtor });

impl Mode {
    /// The page of the deployment that shows this mode: each mode is its own browser bundle
    /// (the debtor's phone never downloads the agent's workspace).
    pub fn page(self) -> &'static str {
        match self {
            Mode::Agent => "index.html",
            Mode::Debtor => super::signature::DEBTOR_PAGE,
        }
    }

    /// The bundle's JS module, which exports `mount`.
    pub fn script(self) -> &'static str {
        match self {
            Mode::Agent => "accord-web.js",
            Mode::Debtor => "accord-pay.js",
        }
    }
}

/// The account a host passes in: amounts as decimal strings, like every Accord file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitAccount {
    pub claim: ClaimRequest,
    /// `reference`, `daysPastDue`, `agentId`: empty when absent.
    pub reference: String,
    pub days_past_due: String,
    pub agent_id: String,
}

impl InitAccount {
    fn from_json(value: Value) -> Result<InitAccount, ReadError> {
        let mut m = Members::of(value, "struct InitAccount", &["claim", "reference", "daysPastDue", "agentId"])?;
        let account = InitAccount {
            claim: m.required("claim", ClaimRequest::from_json),
            reference: m.text_or_empty("reference"),
            days_past_due: m.text_or_empty("daysPastDue"),
            agent_id: m.text_or_empty("agentId"),
        };
        m.finish(account)
    }
}

impl From<InitAccount> for AccountDraft {
    fn from(account: InitAccount) -> Self {
        AccountDraft {
            claim: account.claim,
            reference: account.reference,
            days_past_due: account.days_past_due,
            agent_id: account.agent_id,
        }
    }
}

/// What a host sets: the `init` message without `accord` and `type`, or the `config` of
/// `mount(element, config)`. Every member is optional except the offer in debtor mode.
/// Members: `accord` and `type` (the `init` message's, checked by [`parse_host_message`]
/// before, any value here), then the fields below, each optional (`null` is absent for the
/// optional ones). Read by hand ([`crate::domain::members`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmbedConfig {
    /// `mode`: agent when absent.
    pub mode: Mode,
    /// A BCP 47 tag: zh-CN or en (any zh-… or en-… tag is accepted).
    pub locale: Option<String>,
    /// Theme properties by name without `--accord-` (see [`THEME_PROPERTIES`]), each a
    /// string (checked by [`parse_config`]).
    pub theme: Map,
    /// The account to negotiate (agent mode); the figures are checked like typed ones.
    pub account: Option<InitAccount>,
    /// The creditor's policy, in the same JSON as a policy file.
    pub policy: Option<Policy>,
    /// Debtor mode: the signed offer, as the link's fragment `#offer=PAYLOAD.SIGNATURE`, the
    /// whole link, or `PAYLOAD.SIGNATURE`.
    pub offer: Option<String>,
}

impl EmbedConfig {
    fn from_json(value: Value) -> Result<EmbedConfig, ReadError> {
        const KNOWN: &[&str] = &["accord", "type", "mode", "locale", "theme", "account", "policy", "offer"];
        let mut m = Members::of(value, "struct EmbedConfig", KNOWN)?;
        let config = EmbedConfig {
            mode: m.or_default("mode", members::named),
            locale: m.optional("locale", members::text),
            theme: m.or_default("theme", |value| match value {
                Value::Object(theme) => Ok(theme),
                other => Err(members::invalid_type(&other, "a map")),
            }),
            account: m.optional("account", InitAccount::from_json),
            policy: m.optional("policy", Policy::from_json),
            offer: m.optional("offer", members::text),
        };
        m.finish(config)
    }

    /// The locale asked for, if any (checked by [`parse_config`]).
    pub fn locale(&self) -> Option<Locale> {
        self.locale.as_deref().and_then(Locale::from_tag)
    }

    /// The offer as a URL fragment (`#offer=…`), as the debtor view reads it.
    pub fn offer_fragment(&self) -> Option<String> {
        let offer = self.offer.as_deref()?.trim();
        const MARK: &[u8] = b"#offer=";
        let token =
            offer.as_bytes().windows(MARK.len()).rposition(|w| w == MARK).map_or(offer, |i| &offer[i + MARK.len()..]);
        Some(format!("#offer={token}"))
    }

    /// The theme as CSS custom properties (`--accord-…`, value).
    pub fn css_properties(&self) -> impl Iterator<Item = (String, &str)> {
        self.theme.iter().filter_map(|(name, value)| Some((format!("--accord-{name}"), value.as_str()?.trim())))
    }
}

/// A message from the host.
#[derive(Debug, Clone, PartialEq)]
pub enum HostMessage {
    Init(Box<EmbedConfig>),
}

/// Reads one message from the host page.
///
/// # Errors
/// [`EmbedError`]: not an object, not this protocol or version, an unknown type, or an
/// `init` that [`parse_config`] refuses.
pub fn parse_host_message(text: &str) -> Result<HostMessage, EmbedError> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(EmbedError::TooLarge { max: MAX_MESSAGE_BYTES });
    }
    let Ok(Value::Object(members)) = crate::json::parse(text) else {
        return Err(EmbedError::NotAnObject);
    };
    match members.get("accord") {
        None => return Err(EmbedError::NotAccord),
        Some(Value::Number(n)) if n.as_u64() == Some(PROTOCOL_VERSION) => {}
        Some(other) => return Err(EmbedError::UnknownVersion(other.to_string())),
    }
    match members.get("type") {
        Some(Value::String(kind)) if kind == "init" => {}
        Some(Value::String(kind)) => return Err(EmbedError::UnknownType(kind.clone())),
        other => return Err(EmbedError::UnknownType(other.map(Value::to_string).unwrap_or_default())),
    }
    checked_config(Value::Object(members)).map(|c| HostMessage::Init(Box::new(c)))
}

/// Reads a mount configuration (the JSON of the `config` object; empty text is the default
/// configuration).
///
/// # Errors
/// [`EmbedError`] for unknown members, wrong types, a bad theme, locale or policy, or a
/// debtor without an offer.
pub fn parse_config(text: &str) -> Result<EmbedConfig, EmbedError> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(EmbedError::TooLarge { max: MAX_MESSAGE_BYTES });
    }
    if text.trim().is_empty() {
        return Ok(EmbedConfig::default());
    }
    if !text.trim_start().starts_with('{') {
        return Err(EmbedError::NotAnObject);
    }
    checked_config(members::parse(text).map_err(|e| EmbedError::Invalid(e.to_string()))?)
}

/// The configuration in `value` (a JSON object), checked member by member.
fn checked_config(value: Value) -> Result<EmbedConfig, EmbedError> {
    let config = EmbedConfig::from_json(value).map_err(|e| EmbedError::Invalid(e.to_string()))?;
    for (name, value) in &config.theme {
        if !THEME_PROPERTIES.contains(&name.as_str()) {
            return Err(EmbedError::UnknownThemeProperty(name.clone()));
        }
        if !value.as_str().is_some_and(is_plain_css_value) {
            return Err(EmbedError::BadThemeValue(name.clone()));
        }
    }
    if let Some(tag) = &config.locale {
        if Locale::from_tag(tag).is_none() {
            return Err(EmbedError::UnknownLocale(tag.clone()));
        }
    }
    if let Some(policy) = &config.policy {
        policy.validate().map_err(|e| EmbedError::BadPolicy(e.to_string()))?;
    }
    match (config.mode, &config.offer) {
        (Mode::Debtor, None) => Err(EmbedError::MissingOffer),
        (Mode::Agent, Some(_)) => Err(EmbedError::OfferInAgentMode),
        _ => Ok(config),
    }
}

/// A colour, length or font list: letters, digits, spaces and `# % . , ( ) - _ ' " /`, at
/// most 200 characters. No `;`, braces, colons, backslashes or `url(`: a value cannot end its
/// declaration or fetch anything.
pub fn is_plain_css_value(value: &str) -> bool {
    let value = value.trim();
    !value.is_empty()
        && value.len() <= 200
        && !value.to_ascii_lowercase().as_bytes().windows(4).any(|w| w == b"url(")
        && value.chars().all(|c| c.is_alphanumeric() || " #%.,()-_'\"/".contains(c))
}

/// A message to the host.
#[derive(Debug, Clone, PartialEq)]
pub enum AppMessage {
    /// The app is listening; send `init`.
    Ready { mode: Mode },
    /// The plan on screen changed: the selected offer (agent) or the debtor's choice.
    PlanChanged { offer: String, outcome: std::sync::Arc<PlanOutcome> },
    /// A plan was agreed: the agreement JSON text, as a file holds it (sent as an object).
    Agreed { agreement_json: String },
    /// The content's height changed, in whole CSS pixels (rounded up).
    Resize { height: u32 },
}

/// The JSON of a message other than `agreed`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Outgoing<'a> {
    Ready { accord: u64, mode: Mode },
    PlanChanged { accord: u64, offer: &'a str, plan: Box<PlanSummary> },
    Resize { accord: u64, height: u32 },
}

/// The figures a host shows beside its own record: amounts as decimal strings, dates as
/// `YYYY-MM-DD`; `payment`, dates and rates are `null` when the plan has none.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanSummary {
    currency: &'static str,
    claim_total: String,
    total_waived: String,
    upfront: String,
    payment: Option<String>,
    count: usize,
    first_date: Option<String>,
    last_date: Option<String>,
    total_paid: String,
    recovery_percent: String,
    present_value: String,
    nominal_rate_percent: Option<String>,
    effective_rate_percent: Option<String>,
}

impl PlanSummary {
    fn of(outcome: &PlanOutcome) -> Self {
        let rows = &outcome.schedule;
        let rate = outcome.annualized_rate.as_ref();
        PlanSummary {
            currency: outcome.currency.code(),
            claim_total: outcome.claim_total.to_string(),
            total_waived: outcome.waived.total().to_string(),
            upfront: (outcome.upfront.partial_payment + outcome.upfront.down_payment).to_string(),
            payment: rows.first().map(|r| r.payment.to_string()),
            count: rows.len(),
            first_date: rows.first().map(|r| r.date.to_string()),
            last_date: rows.last().map(|r| r.date.to_string()),
            total_paid: outcome.totals.paid.to_string(),
            recovery_percent: outcome.recovery.percent_of_claim.to_string(),
            present_value: outcome.recovery.present_value.to_string(),
            nominal_rate_percent: rate.map(|r| r.nominal_percent.to_string()),
            effective_rate_percent: rate.and_then(|r| r.effective_percent).map(|p| p.to_string()),
        }
    }
}

impl AppMessage {
    /// The message as JSON text.
    pub fn to_json(&self) -> String {
        let accord = PROTOCOL_VERSION;
        let message = match self {
            AppMessage::Ready { mode } => Outgoing::Ready { accord, mode: *mode },
            AppMessage::PlanChanged { offer, outcome } => {
                Outgoing::PlanChanged { accord, offer, plan: Box::new(PlanSummary::of(outcome)) }
            }
            // The agreement's own JSON text goes in as it is.
            AppMessage::Agreed { agreement_json } => {
                return format!(r#"{{"accord":1,"type":"agreed","agreement":{agreement_json}}}"#)
            }
            AppMessage::Resize { height } => Outgoing::Resize { accord, height: *height },
        };
        super::json::to_string(&message).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_init_message_is_read_whole() {
        let text = r##"{"accord":1,"type":"init","mode":"agent","locale":"zh-CN",
            "theme":{"color-accent":"#7a1fa2","radius":"4px","font":"\"Noto Sans\", sans-serif"},
            "account":{"claim":{"currency":"CNY","asOf":"2025-01-15","principal":"100000"},"reference":"ACC-1"}}"##;
        let HostMessage::Init(config) = parse_host_message(text).expect("valid init");
        assert_eq!(config.locale(), Some(Locale::ZhCn));
        assert_eq!(config.account.as_ref().map(|a| a.claim.principal.as_str()), Some("100000"));
        let css: Vec<(String, &str)> = config.css_properties().collect();
        // In the order the host gave them.
        assert_eq!(css[2], ("--accord-font".to_string(), "\"Noto Sans\", sans-serif"));
    }

    #[test]
    fn malformed_messages_are_refused_with_their_reason() {
        let refused = |text: &str| parse_host_message(text).expect_err(text);
        assert_eq!(refused("[1]"), EmbedError::NotAnObject);
        assert_eq!(refused("not json"), EmbedError::NotAnObject);
        assert_eq!(refused(r#"{"type":"init"}"#), EmbedError::NotAccord);
        assert_eq!(refused(r#"{"accord":2,"type":"init"}"#), EmbedError::UnknownVersion("2".into()));
        assert_eq!(refused(r#"{"accord":"1","type":"init"}"#), EmbedError::UnknownVersion("\"1\"".into()));
        assert_eq!(refused(r#"{"accord":1,"type":"reset"}"#), EmbedError::UnknownType("reset".into()));
        assert_eq!(refused(r#"{"accord":1}"#), EmbedError::UnknownType(String::new()));
        assert!(matches!(refused(r#"{"accord":1,"type":"init","colour":"red"}"#), EmbedError::Invalid(_)));
        // Amounts are strings, as in every Accord file.
        let number =
            r#"{"accord":1,"type":"init","account":{"claim":{"currency":"CNY","asOf":"2025-01-15","principal":100}}}"#;
        assert!(matches!(refused(number), EmbedError::Invalid(_)));
        assert_eq!(
            refused(r#"{"accord":1,"type":"init","theme":{"background":"red"}}"#),
            EmbedError::UnknownThemeProperty("background".into())
        );
        for value in [
            json!("red; color: blue"),
            json!("url(https://x.example/a.png)"),
            json!("url(a.png)"),
            json!("}"),
            json!(""),
            json!("a\\b"),
            json!(3),
        ] {
            let text = json!({"accord": 1, "type": "init", "theme": {"color-text": value}}).to_string();
            assert_eq!(refused(&text), EmbedError::BadThemeValue("color-text".into()), "{value}");
        }
        assert_eq!(refused(r#"{"accord":1,"type":"init","locale":"fr"}"#), EmbedError::UnknownLocale("fr".into()));
        assert_eq!(refused(r#"{"accord":1,"type":"init","mode":"debtor"}"#), EmbedError::MissingOffer);
        assert_eq!(refused(r#"{"accord":1,"type":"init","offer":"a.b"}"#), EmbedError::OfferInAgentMode);
        let huge = format!(r#"{{"accord":1,"type":"init","locale":"{}"}}"#, "x".repeat(MAX_MESSAGE_BYTES));
        assert_eq!(refused(&huge), EmbedError::TooLarge { max: MAX_MESSAGE_BYTES });
    }

    #[test]
    fn a_policy_is_validated_like_a_policy_file() {
        let mut policy = serde_json::to_value(Policy::cn_bank_card()).expect("policy JSON");
        let text = json!({"accord": 1, "type": "init", "policy": policy}).to_string();
        assert!(parse_host_message(&text).is_ok(), "{:?}", parse_host_message(&text));
        // Months above 1,200 parse but are out of the rule's range; "-1" and "1e5" do not parse.
        policy["rules"][0]["limit"] = json!("1201");
        let text = json!({"accord": 1, "type": "init", "policy": policy}).to_string();
        assert!(matches!(parse_host_message(&text), Err(EmbedError::BadPolicy(_))));
        for bad in ["-1", "1e5", "79228162514264337593543950335"] {
            policy["rules"][0]["limit"] = json!(bad);
            let text = json!({"accord": 1, "type": "init", "policy": policy}).to_string();
            assert!(matches!(parse_host_message(&text), Err(EmbedError::Invalid(_))), "{bad}");
        }
    }

    #[test]
    fn a_debtor_offer_becomes_the_links_fragment_however_it_is_given() {
        for offer in ["P.S", "#offer=P.S", "https://pay.example.com/#offer=P.S"] {
            let config = parse_config(&json!({"mode": "debtor", "offer": offer}).to_string()).expect("debtor config");
            assert_eq!(config.offer_fragment().as_deref(), Some("#offer=P.S"));
        }
        assert_eq!(parse_config("").expect("empty config"), EmbedConfig::default());
    }

    #[test]
    fn plan_changed_carries_the_plans_figures_as_decimal_strings() {
        // PRODUCT.md's reference: 100,000 at 9.99 % over 36 months → 3,226.25 a month.
        let text = include_str!("../../tests/fixtures/installments.json");
        let request: crate::domain::request::PlanRequest = serde_json::from_str(text).expect("fixture");
        let outcome = crate::domain::request::evaluate(&request).expect("computes");
        let message = AppMessage::PlanChanged { offer: "C \"36\"".into(), outcome: std::sync::Arc::new(outcome) };
        let message: serde_json::Value = serde_json::from_str(&message.to_json()).expect("JSON");
        assert_eq!(message["accord"], json!(1));
        assert_eq!(message["type"], json!("plan-changed"));
        assert_eq!(message["offer"], json!("C \"36\""));
        let plan = &message["plan"];
        assert_eq!(plan["currency"], json!("CNY"));
        assert_eq!(plan["payment"], json!("3226.25"));
        assert_eq!(plan["count"], json!(36));
        assert_eq!(plan["firstDate"], json!("2025-02-15"));
        assert_eq!(plan["lastDate"], json!("2028-01-15"));
        assert_eq!(plan["claimTotal"], json!("100000.00"));
    }

    #[test]
    fn outgoing_messages_carry_the_protocol_version() {
        let ready: serde_json::Value =
            serde_json::from_str(&AppMessage::Ready { mode: Mode::Debtor }.to_json()).expect("JSON");
        assert_eq!(ready, json!({"accord": 1, "type": "ready", "mode": "debtor"}));
        let resize: serde_json::Value =
            serde_json::from_str(&AppMessage::Resize { height: 812 }.to_json()).expect("JSON");
        assert_eq!(resize, json!({"accord": 1, "type": "resize", "height": 812}));
        let agreed = AppMessage::Agreed { agreement_json: r#"{"schemaVersion":1,"sha256":"ab"}"#.into() }.to_json();
        let agreed: serde_json::Value = serde_json::from_str(&agreed).expect("JSON");
        assert_eq!(agreed, json!({"accord": 1, "type": "agreed", "agreement": {"schemaVersion": 1, "sha256": "ab"}}));
    }
}
