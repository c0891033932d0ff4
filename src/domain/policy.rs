//! The creditor's policy as data, and the findings a plan yields against it.
//!
//! Each rule has a kind, a limit and a severity; checking a plan yields one [`Finding`] per
//! applicable rule with the limit, the plan's actual value and the outcome (pass, warn, needs
//! approval, block).
//!
//! The default profile is for Chinese credit-card debt:
//! - Art. 70 of the credit-card rules (《商业银行信用卡业务监督管理办法》, CBRC Order 2011
//!   No. 2): a personalized installment agreement (个性化分期还款协议) lasts at most 5 years,
//!   so at most 60 months → block.
//! - The judicial protection limit on rates (最高人民法院关于审理民间借贷案件适用法律若干问题的
//!   规定, 2020 revision, Art. 25): 4 × the one-year LPR at the contract date → block.
//! - Waiving principal needs approval; interest, penalty interest and fees may be waived.
//! - A payment above 50 % of disposable income warns.

use super::claim::Bucket;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

/// What a violated rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Shown to the agent; the plan may be offered.
    Warn,
    /// The plan may be offered only with a supervisor's approval.
    NeedsApproval,
    /// The plan must not be offered.
    Block,
}

/// The outcome of one rule for one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Pass,
    Warn,
    NeedsApproval,
    Block,
}

impl From<Severity> for Outcome {
    fn from(severity: Severity) -> Self {
        match severity {
            Severity::Warn => Outcome::Warn,
            Severity::NeedsApproval => Outcome::NeedsApproval,
            Severity::Block => Outcome::Block,
        }
    }
}

/// The kinds of rule. Units of the limit are given on each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
}

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
            RuleKind::MinDownPaymentPercent
            | RuleKind::MaxWaiverPercent
            | RuleKind::MinSettlementPercent
            | RuleKind::RateCapLprMultiple
            | RuleKind::MaxPaymentSharePercent => Decimal::ONE_HUNDRED,
        }
    }
}

/// One rule of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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

/// A creditor's policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// A name shown to the agent.
    pub name: String,
    /// The rules.
    pub rules: Vec<Rule>,
    /// The one-year LPR history, in any order.
    #[serde(default)]
    pub lpr: Vec<LprEntry>,
}

/// Why a policy is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("rule {index} ({rule:?}) needs a bucket")]
    MissingBucket { index: usize, rule: RuleKind },
    #[error("rule {index} has a negative limit")]
    NegativeLimit { index: usize },
    #[error("rule {index} ({rule:?}) has a limit above {max}")]
    LimitTooLarge { index: usize, rule: RuleKind, max: Decimal },
    #[error("LPR entry {index} is not from 0 to 100 percent")]
    LprOutOfRange { index: usize },
    #[error("a rate cap needs at least one LPR entry")]
    NoLpr,
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
    /// The default profile for Chinese credit-card debt (see the module docs for sources).
    pub fn china_card_default() -> Self {
        let rule = |rule, bucket, limit, severity| Rule { rule, bucket, limit, severity };
        Policy {
            name: "China card debt (default)".into(),
            rules: vec![
                rule(RuleKind::MaxTermMonths, None, dec!(60), Severity::Block),
                rule(RuleKind::MaxInstallments, None, dec!(60), Severity::Block),
                rule(RuleKind::MaxWaiverPercent, Some(Bucket::Principal), dec!(0), Severity::NeedsApproval),
                rule(RuleKind::MaxWaiverPercent, Some(Bucket::Interest), dec!(100), Severity::NeedsApproval),
                rule(RuleKind::MaxWaiverPercent, Some(Bucket::Penalty), dec!(100), Severity::NeedsApproval),
                rule(RuleKind::MaxWaiverPercent, Some(Bucket::Fees), dec!(100), Severity::NeedsApproval),
                rule(RuleKind::RateCapLprMultiple, None, dec!(4), Severity::Block),
                rule(RuleKind::MaxExtensionDays, None, dec!(180), Severity::NeedsApproval),
                rule(RuleKind::MaxPaymentSharePercent, None, dec!(50), Severity::Warn),
            ],
            lpr: china_lpr_history(),
        }
    }

    /// Checks the policy itself.
    ///
    /// # Errors
    /// [`PolicyError`] for a waiver rule without a bucket, a limit outside its kind's range
    /// ([`RuleKind::max_limit`]), a rate cap without LPR entries, or an LPR outside 0–100 %.
    pub fn validate(&self) -> Result<(), PolicyError> {
        for (index, rule) in self.rules.iter().enumerate() {
            if rule.rule == RuleKind::MaxWaiverPercent && rule.bucket.is_none() {
                return Err(PolicyError::MissingBucket { index, rule: rule.rule });
            }
            if rule.limit < Decimal::ZERO {
                return Err(PolicyError::NegativeLimit { index });
            }
            if rule.limit > rule.rule.max_limit() {
                return Err(PolicyError::LimitTooLarge { index, rule: rule.rule, max: rule.rule.max_limit() });
            }
            if rule.rule == RuleKind::RateCapLprMultiple && self.lpr.is_empty() {
                return Err(PolicyError::NoLpr);
            }
        }
        if let Some(index) =
            self.lpr.iter().position(|e| !(Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&e.one_year_percent))
        {
            return Err(PolicyError::LprOutOfRange { index });
        }
        Ok(())
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

    /// One finding per rule that applies to `facts`.
    pub fn check(&self, facts: &PlanFacts) -> Vec<Finding> {
        let mut findings = Vec::new();
        for rule in &self.rules {
            let at_most = |actual: Option<Decimal>, limit: Decimal| actual.map(|a| (limit, a, a <= limit));
            let at_least = |actual: Option<Decimal>, limit: Decimal| actual.map(|a| (limit, a, a >= limit));
            let verdict = match rule.rule {
                RuleKind::MaxTermMonths => at_most(facts.term_months, rule.limit),
                RuleKind::MaxInstallments => at_most(facts.installments, rule.limit),
                RuleKind::MinInstallment => at_least(facts.smallest_installment, rule.limit),
                RuleKind::MinDownPaymentPercent => at_least(facts.upfront_percent, rule.limit),
                RuleKind::MaxWaiverPercent => {
                    let actual = facts.waiver_percent.iter().find(|(b, _)| Some(*b) == rule.bucket).map(|(_, p)| *p);
                    at_most(actual, rule.limit)
                }
                RuleKind::MinSettlementPercent => at_least(facts.settlement_percent, rule.limit),
                RuleKind::RateCapLprMultiple => {
                    let cap =
                        facts.contract_date.and_then(|d| self.lpr_on(d)).and_then(|lpr| lpr.checked_mul(rule.limit));
                    match (cap, facts.nominal_rate_percent) {
                        (Some(cap), Some(rate)) => Some((cap, rate, rate <= cap)),
                        _ => None,
                    }
                }
                RuleKind::MaxExtensionDays => at_most(facts.extension_days, rule.limit),
                RuleKind::MaxPaymentSharePercent => at_most(facts.payment_share_percent, rule.limit),
            };
            if let Some((limit, actual, passed)) = verdict {
                findings.push(Finding {
                    rule: rule.rule,
                    bucket: rule.bucket,
                    limit,
                    actual,
                    outcome: if passed { Outcome::Pass } else { rule.severity.into() },
                });
            }
        }
        findings
    }
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

    #[test]
    fn lpr_is_the_one_in_force_at_the_contract_date() {
        let policy = Policy::china_card_default();
        let on = |y, m, d| policy.lpr_on(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(on(2024, 10, 20), Some(dec!(3.35)));
        assert_eq!(on(2024, 10, 21), Some(dec!(3.10)));
        assert_eq!(on(2018, 1, 1), Some(dec!(4.25)));
    }

    #[test]
    fn a_term_over_sixty_months_blocks() {
        let facts = PlanFacts { term_months: Some(dec!(61)), ..PlanFacts::default() };
        let findings = Policy::china_card_default().check(&facts);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].outcome, Outcome::Block);
        let facts = PlanFacts { term_months: Some(dec!(60)), ..PlanFacts::default() };
        assert_eq!(Policy::china_card_default().check(&facts)[0].outcome, Outcome::Pass);
    }

    #[test]
    fn the_rate_cap_is_four_times_the_lpr() {
        // 4 × 3.10 % (LPR from 2024-10-21) = 12.40 %.
        let facts = PlanFacts {
            nominal_rate_percent: Some(dec!(12.41)),
            contract_date: NaiveDate::from_ymd_opt(2025, 1, 1),
            ..PlanFacts::default()
        };
        let finding = Policy::china_card_default().check(&facts).remove(0);
        assert_eq!((finding.limit, finding.outcome), (dec!(12.40), Outcome::Block));
    }
}
