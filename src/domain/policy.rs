//! The creditor's policy as data: a profile of rules, each with its source — a law or a
//! regulator's rule, cited — or marked as the creditor's own choice (a house rule); and the
//! findings a plan yields against them. Each rule has a kind, a limit and a severity;
//! checking a plan yields one [`Finding`] per applicable rule with the limit, the plan's
//! actual value and the outcome (pass, warn, needs approval, block).
//!
//! Three profiles ship with Accord ([`Policy::profiles`]; `public/policies/<name>.json`,
//! which a test keeps equal to these):
//! - `cn-bank-card`, the default for CNY card debt: a personalized installment agreement
//!   (个性化分期还款协议) lasts at most 5 years, so at most 60 months and 60 installments →
//!   block (《商业银行信用卡业务监督管理办法》 Art. 70, CBRC 2011); an annualized cost above
//!   24 % a year → warn: a court may reduce interest, compound interest, penalty interest,
//!   违约金 and other fees above 24 % a year in total on the debtor's request (最高人民法院
//!   《关于进一步加强金融审判工作的若干意见》 法发〔2017〕22号 Art. 2); 违约金 and fees bear no
//!   interest (银发〔2016〕111号); card overdraft rates are set by contract since 2021
//!   (银发〔2020〕327号), so no LPR cap applies to a bank.
//! - `cn-private-lending`: 4 × the one-year LPR at the contract date → block (法释〔2020〕17号,
//!   the private-lending rules, Art. 25); it does not apply to licensed lenders.
//! - `generic`: house rules only, for any other currency or product.
//!
//! House rules in each (defaults a creditor changes): waiving principal needs approval; an
//! extension over 180 days needs approval; a payment over 50 % of disposable income warns.
//! The citations were checked by reading, not by counsel: a deployment confirms them.

use super::claim::Bucket;
use super::members::{self, Members, ReadError};
use crate::json::Value;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

/// What a violated rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Shown to the agent; the plan may be offered.
    Warn,
    /// The plan may be offered only with a supervisor's approval.
    NeedsApproval,
    /// The plan must not be offered.
    Block,
}

crate::by_name!(Severity { "warn" => Warn, "needsApproval" => NeedsApproval, "block" => Block });

/// The outcome of one rule for one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Pass,
    Warn,
    NeedsApproval,
    Block,
}

crate::by_name!(Outcome { "pass" => Pass, "warn" => Warn, "needsApproval" => NeedsApproval, "block" => Block });

impl From<Severity> for Outcome {
    fn from(severity: Severity) -> Self {
        match severity {
            Severity::Warn => Outcome::Warn,
            Severity::NeedsApproval => Outcome::NeedsApproval,
            Severity::Block => Outcome::Block,
        }
    }
}

/// What a creditor's product is: it decides the words the views use (违约金 on cards, 罚息 on
/// loans) and the agreement printed (Art. 70's six items for cards).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Product {
    /// A bank's credit card (信用卡).
    BankCard,
    /// A loan (贷款).
    Loan,
    /// Anything else.
    #[default]
    Other,
}

crate::by_name!(Product { "bankCard" => BankCard, "loan" => Loan, "other" => Other });

/// Where a rule comes from: the law or regulator's rule it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    /// What the rule says, in a sentence.
    pub text: String,
    /// The citation: instrument, issuer, year, article.
    pub citation: String,
}

/// The kinds of rule. Units of the limit are given on each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum RuleKind {
    /// Months from day zero to the last payment, at most the limit.
    MaxTermMonths,
    /// Number of installments, at most the limit.
    MaxInstallments,
    /// Smallest regular installment (the last, which absorbs the residue, excepted), at least
    /// the limit (an amount).
    MinInstallment,
    /// Paid up front (partial payment + down payment) as a percentage of what is due after
    /// waivers, at least the limit.
    MinDownPaymentPercent,
    /// Waived share of one bucket in percent, at most the limit (`bucket` names it).
    MaxWaiverPercent,
    /// For a settlement: paid as a percentage of the claim, at least the limit.
    MinSettlementPercent,
    /// Nominal annualized rate at most `limit` × the one-year LPR at the contract date.
    RateCapLprMultiple,
    /// Days of an extension, at most the limit.
    MaxExtensionDays,
    /// Monthly-equivalent payment as a percentage of disposable income, at most the limit.
    MaxPaymentSharePercent,
    /// The plan's annualized cost (nominal, by IRR, in percent a year) at most the limit.
    MaxAnnualizedPercent,
}

crate::by_name!(RuleKind {
    "maxTermMonths" => MaxTermMonths,
    "maxInstallments" => MaxInstallments,
    "minInstallment" => MinInstallment,
    "minDownPaymentPercent" => MinDownPaymentPercent,
    "maxWaiverPercent" => MaxWaiverPercent,
    "minSettlementPercent" => MinSettlementPercent,
    "rateCapLprMultiple" => RateCapLprMultiple,
    "maxExtensionDays" => MaxExtensionDays,
    "maxPaymentSharePercent" => MaxPaymentSharePercent,
    "maxAnnualizedPercent" => MaxAnnualizedPercent,
});

impl RuleKind {
    /// The largest limit a rule of this kind may have, in its unit: percentages of a bucket,
    /// of what is due or of income 100; months and installments 1,200 (a hundred years
    /// monthly); extension days 36,600; the LPR multiple 100; an amount 10^12 (the largest
    /// account). Checked by [`Policy::validate`], so no limit can overflow a computation.
    pub fn max_limit(self) -> Decimal {
        match self {
            RuleKind::MaxTermMonths | RuleKind::MaxInstallments => Decimal::from(1200),
            RuleKind::MinInstallment => super::money::MAX_AMOUNT,
            RuleKind::MaxExtensionDays => Decimal::from(36_600),
            RuleKind::MaxAnnualizedPercent => Decimal::ONE_THOUSAND,
            RuleKind::MinDownPaymentPercent
            | RuleKind::MaxWaiverPercent
            | RuleKind::MinSettlementPercent
            | RuleKind::RateCapLprMultiple
            | RuleKind::MaxPaymentSharePercent => Decimal::ONE_HUNDRED,
        }
    }
}

/// One rule of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rule {
    /// What the rule limits.
    pub rule: RuleKind,
    /// The bucket, for [`RuleKind::MaxWaiverPercent`] only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<Bucket>,
    /// The limit, in the unit the kind names, as a decimal string (at most
    /// [`RuleKind::max_limit`]).
    #[serde(with = "super::money::decimal_text")]
    #[schemars(with = "String")]
    pub limit: Decimal,
    /// What a violation does.
    pub severity: Severity,
    /// The law or regulator's rule it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The creditor's own choice, not the law's. A rule without a source is read as one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub house: bool,
    /// The limit the creditor's profile sets, when an agent changed it for this account (a
    /// local override, recorded in the agreement's terms): a finding the change relaxes
    /// needs approval.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::money::optional_decimal_text")]
    #[schemars(with = "Option<String>")]
    pub overridden_from: Option<Decimal>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Rule {
    /// Whether the rule is the creditor's own choice (no source).
    pub fn is_house(&self) -> bool {
        self.source.is_none()
    }
}

/// The one-year Loan Prime Rate (贷款市场报价利率) in force from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LprEntry {
    /// First day the rate applies, `YYYY-MM-DD`.
    #[serde(with = "super::calendar::iso_date")]
    #[schemars(with = "String")]
    pub from: NaiveDate,
    /// The one-year LPR in percent, as a decimal string (0 to 100).
    #[serde(with = "super::money::decimal_text")]
    #[schemars(with = "String")]
    pub one_year_percent: Decimal,
}

/// A creditor's policy: a profile of rules.
// Read by hand (`Policy::from_json`, see `domain::members`): one reader for every file that
// holds a policy, through serde too (the impl below).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// The profile's name: `cn-bank-card`, `cn-private-lending`, `generic`, or a creditor's own.
    pub name: String,
    /// The product the profile is for; `other` when absent.
    #[serde(default, skip_serializing_if = "is_other")]
    pub product: Product,
    /// The buckets whose balance bears the plan's interest; every bucket when absent. Under
    /// `cn-bank-card` principal and interest only: 违约金 and fees bear no interest.
    #[serde(default = "every_bucket", skip_serializing_if = "is_every_bucket_vec")]
    pub interest_bearing: Vec<Bucket>,
    /// The rules.
    pub rules: Vec<Rule>,
    /// The one-year LPR history, in any order.
    #[serde(default)]
    pub lpr: Vec<LprEntry>,
    /// When a plan agreed under this profile is broken: the creditor's house rule (PRODUCT.md
    /// names no rule of law for it), carried into every agreement made under the profile, so
    /// the follow-up page and `accord status` hold the plan to the rule it was agreed under.
    /// Absent: [`ServicingRule::HOUSE_DEFAULT`]. None of the shipped profiles sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub servicing: Option<ServicingRule>,
    /// The creditor's signature over the profile (`accord policy sign`): over the RFC 8785
    /// JSON of the policy without overrides and without this member. Absent: unsigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<PolicySignature>,
}

/// A creditor's Ed25519 signature over a policy profile (made and checked in
/// `export::approval`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicySignature {
    /// The signing key's id in the deployment's `keys.json` (a key of role `offer`).
    pub key_id: String,
    /// base64url (no padding) of the 64-byte signature.
    pub signature: String,
}

fn is_other(product: &Product) -> bool {
    *product == Product::Other
}

fn every_bucket() -> Vec<Bucket> {
    Bucket::ALL.to_vec()
}

// serde passes `&Vec<_>` to `skip_serializing_if`.
#[allow(clippy::ptr_arg)]
fn is_every_bucket_vec(buckets: &Vec<Bucket>) -> bool {
    is_every_bucket(buckets)
}

fn is_every_bucket(buckets: &[Bucket]) -> bool {
    Bucket::ALL.iter().all(|b| buckets.contains(b)) && buckets.len() == Bucket::ALL.len()
}

/// When a plan is broken ([`crate::domain::servicing`]). PRODUCT.md names no rule of law for
/// this: it is the creditor's house rule, the `servicing` member of the policy profile the
/// plan was agreed under ([`Policy::servicing_rule`]), which a file the record system passes
/// (`accord status --rule`) or the figures typed on the follow-up page replace;
/// [`ServicingRule::HOUSE_DEFAULT`] when the profile has none. Each figure is a whole number
/// written as text, like a policy rule's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicingRule {
    /// Days after a due date within which a payment still counts as on time for the rule
    /// (宽限期), 0 to 365.
    #[serde(with = "whole_text")]
    #[schemars(with = "String")]
    pub grace_days: u32,
    /// Broken once an obligation is unpaid more than this many days after its due date
    /// (whether paid later or not), 1 to 3,650; 0: never for lateness alone.
    #[serde(with = "whole_text")]
    #[schemars(with = "String")]
    pub broken_after_days_late: u32,
    /// Broken once this many obligations in a row were not paid within the grace days, 1 to
    /// 1,000; 0: never for misses alone.
    #[serde(with = "whole_text")]
    #[schemars(with = "String")]
    pub broken_after_missed_in_row: u32,
}

impl ServicingRule {
    /// The house default: 5 days' grace; broken more than 30 days past due (the end of the
    /// first 30-day delinquency bucket), or after 2 misses in a row (InDebted's published
    /// rule for its plans). A house rule, not law: a creditor sets its own in the profile.
    pub const HOUSE_DEFAULT: ServicingRule =
        ServicingRule { grace_days: 5, broken_after_days_late: 30, broken_after_missed_in_row: 2 };

    /// The largest value of each member, in their order: grace days, days late, misses in a row.
    pub const MAX: [u32; 3] = [365, 3_650, 1_000];

    /// The member out of the bounds above ([`ServicingRule::MAX`]), if one is.
    pub fn out_of_bounds(&self) -> Option<&'static str> {
        let values = [self.grace_days, self.broken_after_days_late, self.broken_after_missed_in_row];
        let names = ["graceDays", "brokenAfterDaysLate", "brokenAfterMissedInRow"];
        (0..3).find(|&i| values[i] > Self::MAX[i]).map(|i| names[i])
    }
}

/// Serde for a whole number carried as text (`"30"`), read by [`crate::domain::money::parse_whole`].
mod whole_text {
    use crate::domain::members::{self, ReadError};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &u32, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
        let text = String::deserialize(deserializer)?;
        crate::domain::money::parse_whole(&text, 0, u32::MAX)
            .ok_or_else(|| serde::de::Error::custom("expected a whole number as text"))
    }

    /// The same, for the hand-written readers.
    pub fn read(value: crate::json::Value) -> Result<u32, ReadError> {
        let text = members::text(value)?;
        crate::domain::money::parse_whole(&text, 0, u32::MAX)
            .ok_or_else(|| ReadError::custom("expected a whole number as text".into()))
    }
}

// The hand-written readers (see `members` for why): what the derived ones accept, member by
// member.
impl Policy {
    /// Reads a policy from its JSON value.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not what it should be.
    pub fn from_json(value: Value) -> Result<Policy, ReadError> {
        const KNOWN: &[&str] = &["name", "product", "interestBearing", "rules", "lpr", "servicing", "signed"];
        let mut m = Members::of(value, "struct Policy", KNOWN)?;
        let policy = Policy {
            name: m.required("name", members::text),
            product: m.or_default("product", members::named),
            interest_bearing: m.given_list("interestBearing", members::named).unwrap_or_else(every_bucket),
            rules: m.required_list("rules", Rule::from_json),
            lpr: m.list_or_empty("lpr", LprEntry::from_json),
            servicing: m.optional("servicing", ServicingRule::from_json),
            signed: m.optional("signed", PolicySignature::from_json),
        };
        m.finish(policy)
    }
}

/// serde reads a policy (in a plan request, a draft, a profiles file) through the same
/// hand-written reader: the JSON value first, then [`Policy::from_json`].
#[cfg(any(test, not(target_arch = "wasm32")))]
impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Policy::from_json(Value::deserialize(deserializer)?).map_err(ReadError::into_serde)
    }
}

impl Rule {
    fn from_json(value: Value) -> Result<Rule, ReadError> {
        const KNOWN: &[&str] = &["rule", "bucket", "limit", "severity", "source", "house", "overriddenFrom"];
        let mut m = Members::of(value, "struct Rule", KNOWN)?;
        let rule = Rule {
            rule: m.required_name("rule"),
            bucket: m.optional("bucket", members::named),
            limit: m.required("limit", crate::domain::money::decimal_text::read),
            severity: m.required_name("severity"),
            source: m.optional("source", Source::from_json),
            house: m.or_default("house", members::flag),
            overridden_from: m.given("overriddenFrom", crate::domain::money::decimal_text::read),
        };
        m.finish(rule)
    }
}

impl Source {
    pub(crate) fn from_json(value: Value) -> Result<Source, ReadError> {
        let mut m = Members::of(value, "struct Source", &["text", "citation"])?;
        let source =
            Source { text: m.required("text", members::text), citation: m.required("citation", members::text) };
        m.finish(source)
    }
}

impl LprEntry {
    pub(crate) fn from_json(value: Value) -> Result<LprEntry, ReadError> {
        let mut m = Members::of(value, "struct LprEntry", &["from", "oneYearPercent"])?;
        let entry = LprEntry {
            from: m.required("from", crate::domain::calendar::iso_date::read),
            one_year_percent: m.required("oneYearPercent", crate::domain::money::decimal_text::read),
        };
        m.finish(entry)
    }
}

impl ServicingRule {
    pub(crate) fn from_json(value: Value) -> Result<ServicingRule, ReadError> {
        const KNOWN: &[&str] = &["graceDays", "brokenAfterDaysLate", "brokenAfterMissedInRow"];
        let mut m = Members::of(value, "struct ServicingRule", KNOWN)?;
        let rule = ServicingRule {
            grace_days: m.required("graceDays", whole_text::read),
            broken_after_days_late: m.required("brokenAfterDaysLate", whole_text::read),
            broken_after_missed_in_row: m.required("brokenAfterMissedInRow", whole_text::read),
        };
        m.finish(rule)
    }
}

impl PolicySignature {
    pub(crate) fn from_json(value: Value) -> Result<PolicySignature, ReadError> {
        let mut m = Members::of(value, "struct PolicySignature", &["keyId", "signature"])?;
        let signature = PolicySignature {
            key_id: m.required("keyId", members::text),
            signature: m.required("signature", members::text),
        };
        m.finish(signature)
    }
}

/// Why a policy is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("rule {index} ({}) needs a bucket", super::names::name_of(*.rule))]
    MissingBucket { index: usize, rule: RuleKind },
    #[error("rule {index} has a negative limit")]
    NegativeLimit { index: usize },
    #[error("rule {index} ({}) has a limit above {max}", super::names::name_of(*.rule))]
    LimitTooLarge { index: usize, rule: RuleKind, max: Decimal },
    #[error("LPR entry {index} is not from 0 to 100 percent")]
    LprOutOfRange { index: usize },
    #[error("rule {index} has a source and is marked a house rule")]
    SourceAndHouse { index: usize },
    #[error("a bucket is listed twice as interest-bearing")]
    InterestBearingTwice,
    #[error("a rate cap needs at least one LPR entry")]
    NoLpr,
    #[error("servicing.{member} is above its largest value")]
    ServicingOutOfBounds { member: &'static str },
}

/// One rule's verdict on one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Finding {
    /// The rule checked.
    pub rule: RuleKind,
    /// The bucket, for waiver rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<Bucket>,
    /// The limit that applied (for the rate cap: the cap in percent, not the multiple).
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub limit: Decimal,
    /// The plan's value.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub actual: Decimal,
    /// Pass, or what the violation does.
    pub outcome: Outcome,
    /// The limit of the creditor's profile when an agent's override relaxed it so that this
    /// plan passes (or fares better): the finding then needs approval.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::money::optional_decimal_text")]
    #[schemars(with = "Option<String>")]
    pub overridden_from: Option<Decimal>,
}

/// The figures of a plan that rules look at. `None` where a rule does not apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanFacts {
    pub term_months: Option<Decimal>,
    pub installments: Option<Decimal>,
    pub smallest_installment: Option<Decimal>,
    pub upfront_percent: Option<Decimal>,
    /// Waived share per bucket in percent (principal, interest, penalty, fees).
    pub waiver_percent: Vec<(Bucket, Decimal)>,
    pub settlement_percent: Option<Decimal>,
    pub nominal_rate_percent: Option<Decimal>,
    pub extension_days: Option<Decimal>,
    pub payment_share_percent: Option<Decimal>,
    pub contract_date: Option<NaiveDate>,
}

impl Policy {
    /// The profiles that ship with Accord (see the module docs), by name.
    pub fn profiles() -> [Policy; 3] {
        [Policy::cn_bank_card(), Policy::cn_private_lending(), Policy::generic()]
    }

    /// The shipped profile named `name`.
    pub fn profile(name: &str) -> Option<Policy> {
        Policy::profiles().into_iter().find(|p| p.name == name)
    }

    /// The default profile for an account in `currency`: `cn-bank-card` for CNY, `generic`
    /// otherwise.
    pub fn default_for(currency: super::money::Currency) -> Policy {
        if currency == super::money::Currency::CNY {
            Policy::cn_bank_card()
        } else {
            Policy::generic()
        }
    }

    /// The product of `policy`, or of the default profile for `currency` when there is none.
    pub fn product_of(policy: Option<&Policy>, currency: super::money::Currency) -> Product {
        policy.map_or_else(|| Policy::default_for(currency).product, |policy| policy.product)
    }

    /// `cn-bank-card`: Chinese bank credit cards (the default for CNY).
    pub fn cn_bank_card() -> Policy {
        let art_70 = |text: &str| Source {
            text: text.into(),
            citation: "《商业银行信用卡业务监督管理办法》（中国银监会令2011年第2号）第七十条".into(),
        };
        let mut rules = vec![
            Rule {
                source: Some(art_70(
                    "A personalized installment agreement (个性化分期还款协议) lasts at most 5 years.",
                )),
                ..rule(RuleKind::MaxTermMonths, None, dec!(60), Severity::Block)
            },
            Rule {
                source: Some(art_70("At most 5 years of installments: 60 monthly installments.")),
                ..rule(RuleKind::MaxInstallments, None, dec!(60), Severity::Block)
            },
            Rule {
                source: Some(Source {
                    text: "A court may reduce the part of interest, compound interest, penalty interest, 违约金 and \
                           other fees above 24 % a year in total on the debtor's request."
                        .into(),
                    citation: "最高人民法院《关于进一步加强金融审判工作的若干意见》（法发〔2017〕22号）第二条".into(),
                }),
                ..rule(RuleKind::MaxAnnualizedPercent, None, dec!(24), Severity::Warn)
            },
        ];
        rules.extend(house_rules());
        Policy {
            name: "cn-bank-card".into(),
            product: Product::BankCard,
            interest_bearing: vec![Bucket::Principal, Bucket::Interest],
            rules,
            lpr: Vec::new(),
            servicing: None,
            signed: None,
        }
    }

    /// `cn-private-lending`: private loans (民间借贷), not licensed lenders.
    pub fn cn_private_lending() -> Policy {
        let mut rules = vec![Rule {
            source: Some(Source {
                text: "Interest above 4 × the one-year LPR at the contract date is not protected.".into(),
                citation: "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（法释〔2020〕17号）第二十五条"
                    .into(),
            }),
            ..rule(RuleKind::RateCapLprMultiple, None, dec!(4), Severity::Block)
        }];
        rules.extend(house_rules());
        Policy {
            name: "cn-private-lending".into(),
            product: Product::Loan,
            interest_bearing: every_bucket(),
            rules,
            lpr: china_lpr_history(),
            servicing: None,
            signed: None,
        }
    }

    /// `generic`: house rules only.
    pub fn generic() -> Policy {
        Policy {
            name: "generic".into(),
            product: Product::Other,
            interest_bearing: every_bucket(),
            rules: house_rules(),
            lpr: Vec::new(),
            servicing: None,
            signed: None,
        }
    }

    /// The rule a plan agreed under `policy` is held to (an agreement's terms carry the
    /// policy; `None`: the default profile): the profile's own, else the house default.
    pub fn servicing_rule(policy: Option<&Policy>) -> ServicingRule {
        policy.and_then(|p| p.servicing).unwrap_or(ServicingRule::HOUSE_DEFAULT)
    }

    /// Checks the policy itself.
    ///
    /// # Errors
    /// [`PolicyError`] for a waiver rule without a bucket, a limit outside its kind's range
    /// ([`RuleKind::max_limit`]), a rate cap without LPR entries, an LPR outside 0–100 %, a
    /// rule both sourced and marked a house rule, a bucket listed twice as interest-bearing, or
    /// a servicing rule out of its bounds ([`ServicingRule::MAX`]).
    pub fn validate(&self) -> Result<(), PolicyError> {
        if let Some(member) = self.servicing.and_then(|rule| rule.out_of_bounds()) {
            return Err(PolicyError::ServicingOutOfBounds { member });
        }
        for (index, rule) in self.rules.iter().enumerate() {
            if rule.rule == RuleKind::MaxWaiverPercent && rule.bucket.is_none() {
                return Err(PolicyError::MissingBucket { index, rule: rule.rule });
            }
            for limit in std::iter::once(rule.limit).chain(rule.overridden_from) {
                if limit < Decimal::ZERO {
                    return Err(PolicyError::NegativeLimit { index });
                }
                if limit > rule.rule.max_limit() {
                    return Err(PolicyError::LimitTooLarge { index, rule: rule.rule, max: rule.rule.max_limit() });
                }
            }
            if rule.rule == RuleKind::RateCapLprMultiple && self.lpr.is_empty() {
                return Err(PolicyError::NoLpr);
            }
            if rule.source.is_some() && rule.house {
                return Err(PolicyError::SourceAndHouse { index });
            }
        }
        if self.interest_bearing.iter().enumerate().any(|(i, b)| self.interest_bearing[..i].contains(b)) {
            return Err(PolicyError::InterestBearingTwice);
        }
        if let Some(index) =
            self.lpr.iter().position(|e| !(Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&e.one_year_percent))
        {
            return Err(PolicyError::LprOutOfRange { index });
        }
        Ok(())
    }

    /// The creditor's profile this policy was made from: every overridden limit back at the
    /// profile's value (what `accord policy sign` signed and the agreement's hash names).
    pub fn without_overrides(&self) -> Policy {
        let rules = self
            .rules
            .iter()
            .map(|r| Rule { limit: r.overridden_from.unwrap_or(r.limit), overridden_from: None, ..r.clone() })
            .collect();
        Policy { rules, ..self.clone() }
    }

    /// Whether an agent changed any limit of the profile.
    pub fn is_overridden(&self) -> bool {
        self.rules.iter().any(|r| r.overridden_from.is_some())
    }

    /// The one-year LPR in force on `date`: the latest entry from on or before it, else the
    /// earliest entry.
    pub fn lpr_on(&self, date: NaiveDate) -> Option<Decimal> {
        let on_or_before = self.lpr.iter().filter(|e| e.from <= date).max_by_key(|e| e.from);
        on_or_before.or_else(|| self.lpr.iter().min_by_key(|e| e.from)).map(|e| e.one_year_percent)
    }

    /// The limit a rule gives, if the policy has one (the strictest when repeated).
    pub fn limit(&self, kind: RuleKind) -> Option<Decimal> {
        let limits = self.rules.iter().filter(|r| r.rule == kind).map(|r| r.limit);
        match kind {
            RuleKind::MinInstallment | RuleKind::MinDownPaymentPercent | RuleKind::MinSettlementPercent => limits.max(),
            _ => limits.min(),
        }
    }

    /// One finding per rule that applies to `facts`. A rule an agent overrode is checked
    /// against both limits: where the override makes the outcome milder than the profile's
    /// limit would, the finding needs approval (at least) and names the profile's limit.
    pub fn check(&self, facts: &PlanFacts) -> Vec<Finding> {
        let mut findings = Vec::new();
        for rule in &self.rules {
            let Some((limit, actual, passed)) = self.verdict(rule, rule.limit, facts) else { continue };
            let outcome = if passed { Outcome::Pass } else { rule.severity.into() };
            let mut finding =
                Finding { rule: rule.rule, bucket: rule.bucket, limit, actual, outcome, overridden_from: None };
            if let Some((profile_limit, _, profile_passed)) =
                rule.overridden_from.and_then(|from| self.verdict(rule, from, facts))
            {
                let profile_outcome = if profile_passed { Outcome::Pass } else { rule.severity.into() };
                if profile_outcome > outcome {
                    finding.outcome = outcome.max(Outcome::NeedsApproval);
                    finding.overridden_from = Some(profile_limit);
                }
            }
            findings.push(finding);
        }
        findings
    }

    /// (the limit that applied, the plan's value, whether it passed) of `rule` at `limit`;
    /// `None` when the rule does not apply to the plan.
    fn verdict(&self, rule: &Rule, limit: Decimal, facts: &PlanFacts) -> Option<(Decimal, Decimal, bool)> {
        let at_most = |actual: Option<Decimal>| actual.map(|a| (limit, a, a <= limit));
        let at_least = |actual: Option<Decimal>| actual.map(|a| (limit, a, a >= limit));
        match rule.rule {
            RuleKind::MaxTermMonths => at_most(facts.term_months),
            RuleKind::MaxInstallments => at_most(facts.installments),
            RuleKind::MinInstallment => at_least(facts.smallest_installment),
            RuleKind::MinDownPaymentPercent => at_least(facts.upfront_percent),
            RuleKind::MaxWaiverPercent => {
                at_most(facts.waiver_percent.iter().find(|(b, _)| Some(*b) == rule.bucket).map(|(_, p)| *p))
            }
            RuleKind::MinSettlementPercent => at_least(facts.settlement_percent),
            RuleKind::RateCapLprMultiple => {
                let cap = facts.contract_date.and_then(|d| self.lpr_on(d)).and_then(|lpr| lpr.checked_mul(limit))?;
                facts.nominal_rate_percent.map(|rate| (cap, rate, rate <= cap))
            }
            RuleKind::MaxExtensionDays => at_most(facts.extension_days),
            RuleKind::MaxPaymentSharePercent => at_most(facts.payment_share_percent),
            RuleKind::MaxAnnualizedPercent => at_most(facts.nominal_rate_percent),
        }
    }
}

/// The JSON Schema of a policy profile (shipped as `public/policy.schema.json`; a test keeps
/// the two equal).
pub fn policy_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Policy)).unwrap_or_default();
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".into(), "https://accord.invalid/policy.schema.json".into());
        object.insert("title".into(), "Accord policy profile".into());
    }
    schema
}

/// A rule with no source yet (the profiles add one, or mark it a house rule).
fn rule(rule: RuleKind, bucket: Option<Bucket>, limit: Decimal, severity: Severity) -> Rule {
    Rule { rule, bucket, limit, severity, source: None, house: false, overridden_from: None }
}

/// The house rules every shipped profile starts from: the creditor's own choices.
fn house_rules() -> Vec<Rule> {
    let house = |r: Rule| Rule { house: true, ..r };
    vec![
        house(rule(RuleKind::MaxWaiverPercent, Some(Bucket::Principal), dec!(0), Severity::NeedsApproval)),
        house(rule(RuleKind::MaxWaiverPercent, Some(Bucket::Interest), dec!(100), Severity::NeedsApproval)),
        house(rule(RuleKind::MaxWaiverPercent, Some(Bucket::Penalty), dec!(100), Severity::NeedsApproval)),
        house(rule(RuleKind::MaxWaiverPercent, Some(Bucket::Fees), dec!(100), Severity::NeedsApproval)),
        house(rule(RuleKind::MaxExtensionDays, None, dec!(180), Severity::NeedsApproval)),
        house(rule(RuleKind::MaxPaymentSharePercent, None, dec!(50), Severity::Warn)),
    ]
}

/// Published one-year LPR fixings (source: National Interbank Funding Center / PBOC monthly
/// LPR announcements), from the LPR reform of 2019-08-20. A deployment updates this list in
/// its policy file when the rate changes.
pub fn china_lpr_history() -> Vec<LprEntry> {
    let entry =
        |y, m, d, rate| LprEntry { from: NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default(), one_year_percent: rate };
    vec![
        entry(2019, 8, 20, dec!(4.25)),
        entry(2019, 9, 20, dec!(4.20)),
        entry(2019, 11, 20, dec!(4.15)),
        entry(2020, 2, 20, dec!(4.05)),
        entry(2020, 4, 20, dec!(3.85)),
        entry(2021, 12, 20, dec!(3.80)),
        entry(2022, 1, 20, dec!(3.70)),
        entry(2022, 8, 22, dec!(3.65)),
        entry(2023, 6, 20, dec!(3.55)),
        entry(2023, 8, 21, dec!(3.45)),
        entry(2024, 7, 22, dec!(3.35)),
        entry(2024, 10, 21, dec!(3.10)),
        entry(2025, 5, 20, dec!(3.00)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde's derived reader of a policy, kept as the reference the hand-written one is
    /// checked against (a remote derive: `Policy`'s own `Deserialize` is the hand reader).
    #[derive(Deserialize)]
    #[serde(remote = "Policy", rename_all = "camelCase", deny_unknown_fields)]
    struct DerivedPolicy {
        name: String,
        #[serde(default)]
        product: Product,
        #[serde(default = "every_bucket")]
        interest_bearing: Vec<Bucket>,
        rules: Vec<Rule>,
        #[serde(default)]
        lpr: Vec<LprEntry>,
        #[serde(default)]
        servicing: Option<ServicingRule>,
        #[serde(default)]
        signed: Option<PolicySignature>,
    }

    fn derived(text: &str) -> Result<Policy, String> {
        DerivedPolicy::deserialize(&mut serde_json::Deserializer::from_str(text)).map_err(|e| e.to_string())
    }

    /// The hand-written reader accepts and refuses what serde's derived one does, member by
    /// member, over each shipped profile and one that uses every member.
    #[test]
    fn the_hand_written_reader_agrees_with_serde() {
        let mut every_member = serde_json::to_value(Policy::cn_private_lending()).unwrap();
        every_member["product"] = "loan".into();
        every_member["interestBearing"] = serde_json::json!(["principal", "interest"]);
        every_member["servicing"] =
            serde_json::json!({"graceDays": "3", "brokenAfterDaysLate": "60", "brokenAfterMissedInRow": "2"});
        every_member["signed"] = serde_json::json!({"keyId": "creditor-2025", "signature": "c2ln"});
        every_member["rules"][0]["bucket"] = "principal".into();
        every_member["rules"][0]["house"] = true.into();
        every_member["rules"][0]["overriddenFrom"] = "4".into();
        let mut documents: Vec<serde_json::Value> =
            Policy::profiles().iter().map(|p| serde_json::to_value(p).unwrap()).collect();
        documents.push(every_member);
        for document in &documents {
            let (accepted, refused) = members::mutations::readers_agree_with(document, derived, Policy::from_json);
            assert!(accepted > 10 && refused > 100, "{accepted} accepted, {refused} refused");
        }
    }

    #[test]
    fn lpr_is_the_one_in_force_at_the_contract_date() {
        let policy = Policy::cn_private_lending();
        let on = |y, m, d| policy.lpr_on(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(on(2024, 10, 20), Some(dec!(3.35)));
        assert_eq!(on(2024, 10, 21), Some(dec!(3.10)));
        assert_eq!(on(2018, 1, 1), Some(dec!(4.25)));
    }

    #[test]
    fn a_term_over_sixty_months_blocks_a_card_plan() {
        let facts = PlanFacts { term_months: Some(dec!(61)), ..PlanFacts::default() };
        let findings = Policy::cn_bank_card().check(&facts);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].outcome, Outcome::Block);
        let facts = PlanFacts { term_months: Some(dec!(60)), ..PlanFacts::default() };
        assert_eq!(Policy::cn_bank_card().check(&facts)[0].outcome, Outcome::Pass);
    }

    #[test]
    fn the_private_lending_cap_is_four_times_the_lpr() {
        // 4 × 3.10 % (LPR from 2024-10-21) = 12.40 %.
        let facts = PlanFacts {
            nominal_rate_percent: Some(dec!(12.41)),
            contract_date: NaiveDate::from_ymd_opt(2025, 1, 1),
            ..PlanFacts::default()
        };
        let finding = Policy::cn_private_lending().check(&facts).remove(0);
        assert_eq!((finding.limit, finding.outcome), (dec!(12.40), Outcome::Block));
    }

    #[test]
    fn a_bank_card_is_not_capped_by_the_lpr_but_warned_above_24_percent() {
        // Issue 14: the card profile applied the private-lending cap to a bank's contract rate.
        let card = Policy::cn_bank_card();
        assert!(card.rules.iter().all(|r| r.rule != RuleKind::RateCapLprMultiple));
        let check = |rate| {
            let facts = PlanFacts { nominal_rate_percent: Some(rate), ..PlanFacts::default() };
            card.check(&facts).into_iter().find(|f| f.rule == RuleKind::MaxAnnualizedPercent).map(|f| f.outcome)
        };
        assert_eq!(check(dec!(18.00)), Some(Outcome::Pass));
        assert_eq!(check(dec!(30.00)), Some(Outcome::Warn));
    }

    #[test]
    fn every_shipped_rule_cites_its_source_or_is_a_house_rule() {
        for profile in Policy::profiles() {
            assert_eq!(profile.validate(), Ok(()), "{}", profile.name);
            for rule in &profile.rules {
                let sourced = rule.source.as_ref().is_some_and(|s| !s.text.is_empty() && !s.citation.is_empty());
                assert!(sourced != rule.house, "{}: {:?}", profile.name, rule.rule);
            }
        }
        assert_eq!(Policy::cn_bank_card().interest_bearing, [Bucket::Principal, Bucket::Interest]);
    }

    #[test]
    fn a_servicing_rule_in_a_profile_is_read_as_text_and_held_to_its_bounds() {
        let mut json = serde_json::to_value(Policy::generic()).unwrap();
        json["servicing"] =
            serde_json::json!({"graceDays": "3", "brokenAfterDaysLate": "60", "brokenAfterMissedInRow": "0"});
        let policy: Policy = serde_json::from_value(json.clone()).unwrap();
        let rule = ServicingRule { grace_days: 3, broken_after_days_late: 60, broken_after_missed_in_row: 0 };
        assert_eq!((policy.servicing, policy.validate()), (Some(rule), Ok(())));
        assert_eq!(Policy::servicing_rule(Some(&policy)), rule);
        assert_eq!(Policy::servicing_rule(Some(&Policy::generic())), ServicingRule::HOUSE_DEFAULT);
        // One day of grace past the largest (365): refused where the profile is read.
        json["servicing"]["graceDays"] = "366".into();
        let policy: Policy = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(policy.validate(), Err(PolicyError::ServicingOutOfBounds { member: "graceDays" }));
        json["servicing"]["graceDays"] = 3.into();
        assert!(serde_json::from_value::<Policy>(json).is_err(), "a figure is text, not a JSON number");
    }
}
