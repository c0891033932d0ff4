//! The plan request as people and files give it: every number is text, exactly as typed.
//!
//! One parser, [`PlanRequest::parse`], turns a request into a [`PlanInput`] or into a list of
//! [`FieldError`]s keyed by the field's JSON path (`claim.principal`, `waivers.0.percent`,
//! `plan.count`), so the UI can show each message beside its input and the CLI can name the
//! field. [`evaluate`] parses and computes, mapping computation errors to fields too.
//!
//! The same types are the JSON request of `accord plan` and `accord batch` (schema in
//! `public/plan-request.schema.json`).

use super::calendar::{DayCount, Frequency};
use super::claim::{Bucket, Buckets, Claim, ReliefError, Waiver, WaiverSize};
use super::money::{parse_amount, parse_percent, AmountError, Currency, RoundingRule};
use super::plan::{
    self, Budget, ExtensionTerm, InstallmentPlan, InstallmentSize, PlanError, PlanInput, PlanKind, PlanOutcome,
};
use super::policy::Policy;
use super::schedule::{Method, ScheduleError, MAX_INSTALLMENTS};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A plan request with every figure as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanRequest {
    /// The account.
    pub claim: ClaimRequest,
    /// Rounding rule; half away from zero when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingRule>,
    /// Waivers (减免).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<WaiverRequest>,
    /// Allocation order of payments, each bucket at most once (buckets left out come last in
    /// statement order); fees, penalty, interest, principal when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation_order: Option<Vec<Bucket>>,
    /// 部分还款 now, an amount; none when absent or empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_payment: Option<String>,
    /// How the rest is paid.
    pub plan: PlanTermsRequest,
    /// The creditor's annual discount rate in percent; 0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_rate_percent: Option<String>,
    /// The policy; the default China card-debt profile when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    /// The debtor's monthly budget, for affordability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetRequest>,
}

/// The account, as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClaimRequest {
    /// ISO 4217 code.
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub as_of: String,
    pub principal: String,
    #[serde(default)]
    pub interest: String,
    #[serde(default)]
    pub penalty: String,
    #[serde(default)]
    pub fees: String,
    /// Contract annual rate in percent.
    #[serde(default)]
    pub contract_rate_percent: String,
    /// `YYYY-MM-DD`; the as-of date when absent or empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_date: Option<String>,
}

/// A waiver, as text: exactly one of `amount` and `percent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WaiverRequest {
    pub bucket: Bucket,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    /// Reinstated if the plan is broken.
    #[serde(default)]
    pub conditional: bool,
}

/// How the rest is paid, as text.
// Read through `PlanTermsFields` (see there why), not a derived reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum PlanTermsRequest {
    #[serde(rename_all = "camelCase")]
    Settlement {
        /// `YYYY-MM-DD`.
        pay_by: String,
    },
    #[serde(rename_all = "camelCase")]
    Extension {
        /// Days, or months when `unit` is months.
        length: String,
        #[serde(default)]
        unit: ExtensionUnit,
        #[serde(default)]
        fee: String,
        #[serde(default)]
        interest: ExtensionInterestRequest,
        /// The reduced annual rate in percent, for `interest: reduced`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reduced_rate_percent: Option<String>,
        #[serde(default)]
        day_count: DayCount,
    },
    #[serde(rename_all = "camelCase")]
    Installments {
        #[serde(default)]
        down_payment: String,
        /// Installment count; or give `targetPayment`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        count: Option<String>,
        /// The payment to fit; the count is solved.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target_payment: Option<String>,
        #[serde(default)]
        frequency: Frequency,
        #[serde(default)]
        method: MethodRequest,
        /// Annual growth of a step-up payment in percent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        step_up_percent: Option<String>,
        /// Plan annual rate in percent; 0 = 停息挂账.
        annual_rate_percent: String,
        /// `YYYY-MM-DD`.
        first_due_date: String,
        #[serde(default)]
        day_count: DayCount,
        /// "1", "10" or "100".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        round_up_to: Option<String>,
    },
}

impl Default for PlanTermsRequest {
    fn default() -> Self {
        PlanTermsRequest::Settlement { pay_by: String::new() }
    }
}

/// The plan types, the `type` member of [`PlanTermsRequest`].
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
enum PlanType {
    Settlement,
    Extension,
    Installments,
}

/// Every member of every plan type: [`PlanTermsRequest`] is read through this one flat struct
/// and then checked against its type, with the errors the derived reader gives (`unknown
/// field`, `missing field`). The derived reader of an internally tagged enum buffers the
/// whole object and reads each variant again from the buffer: 11.5 KB of the browser's wasm.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PlanTermsFields {
    #[serde(rename = "type")]
    kind: PlanType,
    #[serde(default, deserialize_with = "given")]
    pay_by: Option<String>,
    #[serde(default, deserialize_with = "given")]
    length: Option<String>,
    #[serde(default, deserialize_with = "given")]
    unit: Option<ExtensionUnit>,
    #[serde(default, deserialize_with = "given")]
    fee: Option<String>,
    #[serde(default, deserialize_with = "given")]
    interest: Option<ExtensionInterestRequest>,
    #[serde(default, deserialize_with = "given")]
    reduced_rate_percent: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    day_count: Option<DayCount>,
    #[serde(default, deserialize_with = "given")]
    down_payment: Option<String>,
    #[serde(default, deserialize_with = "given")]
    count: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    target_payment: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    frequency: Option<Frequency>,
    #[serde(default, deserialize_with = "given")]
    method: Option<MethodRequest>,
    #[serde(default, deserialize_with = "given")]
    step_up_percent: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    annual_rate_percent: Option<String>,
    #[serde(default, deserialize_with = "given")]
    first_due_date: Option<String>,
    #[serde(default, deserialize_with = "given")]
    round_up_to: Option<Option<String>>,
}

/// A member that was given (`Some`), read as its own type: `null` is refused where the member
/// is not optional and is `Some(None)` where it is, exactly as the derived reader does; so a
/// member given as `null` still counts as given (and as unknown for another plan type).
pub(crate) fn given<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

impl<'de> Deserialize<'de> for PlanTermsRequest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let f = PlanTermsFields::deserialize(deserializer)?;
        const SETTLEMENT: &[&str] = &["type", "payBy"];
        const EXTENSION: &[&str] = &["type", "length", "unit", "fee", "interest", "reducedRatePercent", "dayCount"];
        const INSTALLMENTS: &[&str] = &[
            "type",
            "downPayment",
            "count",
            "targetPayment",
            "frequency",
            "method",
            "stepUpPercent",
            "annualRatePercent",
            "firstDueDate",
            "dayCount",
            "roundUpTo",
        ];
        let expected = match f.kind {
            PlanType::Settlement => SETTLEMENT,
            PlanType::Extension => EXTENSION,
            PlanType::Installments => INSTALLMENTS,
        };
        let present = [
            ("payBy", f.pay_by.is_some()),
            ("length", f.length.is_some()),
            ("unit", f.unit.is_some()),
            ("fee", f.fee.is_some()),
            ("interest", f.interest.is_some()),
            ("reducedRatePercent", f.reduced_rate_percent.is_some()),
            ("dayCount", f.day_count.is_some()),
            ("downPayment", f.down_payment.is_some()),
            ("count", f.count.is_some()),
            ("targetPayment", f.target_payment.is_some()),
            ("frequency", f.frequency.is_some()),
            ("method", f.method.is_some()),
            ("stepUpPercent", f.step_up_percent.is_some()),
            ("annualRatePercent", f.annual_rate_percent.is_some()),
            ("firstDueDate", f.first_due_date.is_some()),
            ("roundUpTo", f.round_up_to.is_some()),
        ];
        if let Some((name, _)) = present.iter().find(|(name, given)| *given && !expected.contains(name)) {
            return Err(D::Error::unknown_field(name, expected));
        }
        let required = |value: Option<String>, name: &'static str| value.ok_or_else(|| D::Error::missing_field(name));
        Ok(match f.kind {
            PlanType::Settlement => PlanTermsRequest::Settlement { pay_by: required(f.pay_by, "payBy")? },
            PlanType::Extension => PlanTermsRequest::Extension {
                length: required(f.length, "length")?,
                unit: f.unit.unwrap_or_default(),
                fee: f.fee.unwrap_or_default(),
                interest: f.interest.unwrap_or_default(),
                reduced_rate_percent: f.reduced_rate_percent.flatten(),
                day_count: f.day_count.unwrap_or_default(),
            },
            PlanType::Installments => PlanTermsRequest::Installments {
                down_payment: f.down_payment.unwrap_or_default(),
                count: f.count.flatten(),
                target_payment: f.target_payment.flatten(),
                frequency: f.frequency.unwrap_or_default(),
                method: f.method.unwrap_or_default(),
                step_up_percent: f.step_up_percent.flatten(),
                annual_rate_percent: required(f.annual_rate_percent, "annualRatePercent")?,
                first_due_date: required(f.first_due_date, "firstDueDate")?,
                day_count: f.day_count.unwrap_or_default(),
                round_up_to: f.round_up_to.flatten(),
            },
        })
    }
}

/// The unit of an extension's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ExtensionUnit {
    #[default]
    Days,
    Months,
}

/// Interest during an extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ExtensionInterestRequest {
    #[default]
    Contract,
    Reduced,
    Frozen,
}

/// The repayment method, without its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum MethodRequest {
    #[default]
    EqualInstallment,
    EqualPrincipal,
    InterestOnlyBalloon,
    StepUp,
}

/// The debtor's monthly budget, as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetRequest {
    pub monthly_income: String,
    #[serde(default)]
    pub essential_expenses: String,
    #[serde(default)]
    pub other_debt_payments: String,
}

/// What is wrong with one field. The UI words each variant in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum InputError {
    #[error("{0}")]
    Amount(AmountError),
    #[error("not a date (YYYY-MM-DD)")]
    Date,
    #[error("a whole number from {min} to {max} is needed")]
    WholeNumber { min: u32, max: u32 },
    #[error("give exactly one of amount and percent")]
    AmountOrPercent,
    #[error("give exactly one of count and target payment")]
    CountOrTarget,
    #[error("exceeds the bucket ({available})")]
    ExceedsBucket { available: String },
    #[error("more than 100 percent")]
    PercentAbove100,
    #[error("exceeds what is due ({due})")]
    ExceedsDue { due: String },
    #[error("nothing is left to pay in installments")]
    NothingToFinance,
    #[error("must be after the as-of date")]
    NotAfterAsOf,
    #[error("must be one of 1, 10, 100")]
    RoundUpStep,
    #[error("the payment never covers the interest; it must exceed {minimum}")]
    NeverCoversInterest { minimum: String },
    #[error("no count up to {max} brings the payment down to this")]
    TargetNotReachable { max: u32 },
    #[error("an interest-only plan needs a count")]
    TargetNotApplicable,
    #[error("installment {number} would not cover its interest")]
    NegativeAmortization { number: u32 },
    #[error("a due date is outside the calendar")]
    DateOutOfRange,
    #[error("the figures are too large to compute")]
    Overflow,
    #[error("invalid policy: {reason}")]
    Policy { reason: String },
    #[error("name each bucket at most once, and at least one")]
    AllocationOrder,
}

/// An error and the JSON path of the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{field}: {error}")]
pub struct FieldError {
    /// JSON path of the field, e.g. `claim.principal` or `waivers.1.percent`.
    pub field: String,
    /// What is wrong.
    pub error: InputError,
}

impl FieldError {
    fn new(field: impl Into<String>, error: InputError) -> Self {
        FieldError { field: field.into(), error }
    }
}

/// Collects field errors while parsing, so that every bad field is reported at once.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn push(&mut self, field: impl Into<String>, error: InputError) {
        self.0.push(FieldError::new(field, error));
    }

    fn amount(&mut self, field: &str, text: &str, currency: Currency) -> Option<Decimal> {
        parse_amount(text, currency).map_err(|e| self.push(field, InputError::Amount(e))).ok()
    }

    /// An amount that may be left empty (meaning zero).
    fn optional_amount(&mut self, field: &str, text: &str, currency: Currency) -> Option<Decimal> {
        if text.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            self.amount(field, text, currency)
        }
    }

    fn percent(&mut self, field: &str, text: &str) -> Option<Decimal> {
        parse_percent(text).map_err(|e| self.push(field, InputError::Amount(e))).ok()
    }

    fn optional_percent(&mut self, field: &str, text: &str) -> Option<Decimal> {
        if text.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            self.percent(field, text)
        }
    }

    fn date(&mut self, field: &str, text: &str) -> Option<NaiveDate> {
        parse_date(text).map_err(|e| self.push(field, e)).ok()
    }

    fn whole(&mut self, field: &str, text: &str, min: u32, max: u32) -> Option<u32> {
        let normalised: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                _ => c,
            })
            .collect();
        match normalised.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) && normalised.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => {
                self.push(field, InputError::WholeNumber { min, max });
                None
            }
        }
    }
}

fn parse_budget_into(e: &mut Errors, b: &BudgetRequest, cur: Currency) -> Option<Budget> {
    let income = e.amount("budget.monthlyIncome", &b.monthly_income, cur);
    let expenses = e.optional_amount("budget.essentialExpenses", &b.essential_expenses, cur);
    let other = e.optional_amount("budget.otherDebtPayments", &b.other_debt_payments, cur);
    Some(Budget { monthly_income: income?, essential_expenses: expenses?, other_debt_payments: other? })
}

/// Parses a budget in `currency`.
///
/// # Errors
/// Every [`FieldError`] of the budget (fields `budget.*`).
pub fn parse_budget(budget: &BudgetRequest, currency: Currency) -> Result<Budget, Vec<FieldError>> {
    let mut e = Errors::default();
    parse_budget_into(&mut e, budget, currency).filter(|_| e.0.is_empty()).ok_or(e.0)
}

/// Parses `YYYY-MM-DD` strictly.
///
/// # Errors
/// [`InputError::Date`].
pub fn parse_date(text: &str) -> Result<NaiveDate, InputError> {
    // A direct parse: chrono's general format parser costs kilobytes of wasm for one shape.
    let b = text.trim().as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(InputError::Date);
    }
    let number = |range: std::ops::Range<usize>| b[range].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    let year = i32::try_from(number(0..4)).map_err(|_| InputError::Date)?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)).ok_or(InputError::Date)
}

impl PlanRequest {
    /// Parses every field, reporting every bad one.
    ///
    /// # Errors
    /// Every [`FieldError`] found.
    pub fn parse(&self) -> Result<PlanInput, Vec<FieldError>> {
        let mut e = Errors::default();
        let currency = match self.claim.currency.parse::<Currency>() {
            Ok(c) => Some(c),
            Err(err) => {
                e.push("claim.currency", InputError::Amount(err));
                None
            }
        };
        let cur = currency.unwrap_or_default();
        let c = &self.claim;
        let as_of = e.date("claim.asOf", &c.as_of);
        let principal = e.amount("claim.principal", &c.principal, cur);
        let interest = e.optional_amount("claim.interest", &c.interest, cur);
        let penalty = e.optional_amount("claim.penalty", &c.penalty, cur);
        let fees = e.optional_amount("claim.fees", &c.fees, cur);
        let contract_rate = e.optional_percent("claim.contractRatePercent", &c.contract_rate_percent);
        let contract_date = match c.contract_date.as_deref().map(str::trim) {
            None | Some("") => as_of,
            Some(text) => e.date("claim.contractDate", text),
        };

        let mut waivers = Vec::new();
        for (i, w) in self.waivers.iter().enumerate() {
            let size = match (w.amount.as_deref().map(str::trim), w.percent.as_deref().map(str::trim)) {
                (Some(a), None | Some("")) if !a.is_empty() => {
                    e.amount(&format!("waivers.{i}.amount"), a, cur).map(WaiverSize::Amount)
                }
                (None | Some(""), Some(p)) if !p.is_empty() => {
                    e.percent(&format!("waivers.{i}.percent"), p).map(WaiverSize::Percent)
                }
                _ => {
                    e.push(format!("waivers.{i}"), InputError::AmountOrPercent);
                    None
                }
            };
            if let Some(size) = size {
                waivers.push(Waiver { bucket: w.bucket, size, conditional: w.conditional });
            }
        }

        let partial = match self.partial_payment.as_deref() {
            None => Some(Decimal::ZERO),
            Some(text) => e.optional_amount("partialPayment", text, cur),
        };
        let discount = match self.discount_rate_percent.as_deref() {
            None => Some(Decimal::ZERO),
            Some(text) => e.optional_percent("discountRatePercent", text),
        };
        let kind = self.parse_plan(&mut e, cur, as_of);
        let budget = self.budget.as_ref().and_then(|b| parse_budget_into(&mut e, b, cur));
        let policy = self.policy.clone().unwrap_or_else(Policy::china_card_default);
        if let Err(err) = policy.validate() {
            e.push("policy", InputError::Policy { reason: err.to_string() });
        }
        let budget_ok = self.budget.is_none() || budget.is_some();
        // An empty order or a repeated bucket would leave part of a payment unallocated.
        if let Some(order) = &self.allocation_order {
            let repeated = order.iter().enumerate().any(|(i, b)| order[..i].contains(b));
            if order.is_empty() || repeated {
                e.push("allocationOrder", InputError::AllocationOrder);
            }
        }

        match (
            currency,
            as_of,
            principal,
            interest,
            penalty,
            fees,
            contract_rate,
            contract_date,
            partial,
            discount,
            kind,
        ) {
            (
                Some(currency),
                Some(as_of),
                Some(principal),
                Some(interest),
                Some(penalty),
                Some(fees),
                Some(contract_rate_percent),
                Some(contract_date),
                Some(partial_payment),
                Some(discount_rate_percent),
                Some(kind),
            ) if e.0.is_empty() && budget_ok => Ok(PlanInput {
                claim: Claim {
                    currency,
                    as_of,
                    buckets: Buckets { principal, interest, penalty, fees },
                    contract_rate_percent,
                    contract_date,
                },
                rounding_rule: self.rounding.unwrap_or_default(),
                waivers,
                allocation_order: self.allocation_order.clone().unwrap_or_else(|| Bucket::DEFAULT_ORDER.to_vec()),
                partial_payment,
                kind,
                discount_rate_percent,
                policy,
                budget,
            }),
            _ => Err(e.0),
        }
    }

    fn parse_plan(&self, e: &mut Errors, cur: Currency, as_of: Option<NaiveDate>) -> Option<PlanKind> {
        match &self.plan {
            PlanTermsRequest::Settlement { pay_by } => {
                let pay_by = e.date("plan.payBy", pay_by)?;
                if as_of.is_some_and(|a| pay_by < a) {
                    e.push("plan.payBy", InputError::NotAfterAsOf);
                    return None;
                }
                Some(PlanKind::Settlement { pay_by })
            }
            PlanTermsRequest::Extension { length, unit, fee, interest, reduced_rate_percent, day_count } => {
                let length = e.whole("plan.length", length, 1, if *unit == ExtensionUnit::Days { 3660 } else { 120 });
                let fee = e.optional_amount("plan.fee", fee, cur);
                let interest = match interest {
                    ExtensionInterestRequest::Contract => Some(plan::ExtensionInterest::Contract),
                    ExtensionInterestRequest::Frozen => Some(plan::ExtensionInterest::Frozen),
                    ExtensionInterestRequest::Reduced => e
                        .percent("plan.reducedRatePercent", reduced_rate_percent.as_deref().unwrap_or(""))
                        .map(plan::ExtensionInterest::Reduced),
                };
                let term = match unit {
                    ExtensionUnit::Days => ExtensionTerm::Days(length?),
                    ExtensionUnit::Months => ExtensionTerm::Months(length?),
                };
                Some(PlanKind::Extension { term, fee: fee?, interest: interest?, day_count: *day_count })
            }
            PlanTermsRequest::Installments {
                down_payment,
                count,
                target_payment,
                frequency,
                method,
                step_up_percent,
                annual_rate_percent,
                first_due_date,
                day_count,
                round_up_to,
            } => {
                let down_payment = e.optional_amount("plan.downPayment", down_payment, cur);
                let size = match (count.as_deref().map(str::trim), target_payment.as_deref().map(str::trim)) {
                    (Some(n), None | Some("")) if !n.is_empty() => {
                        e.whole("plan.count", n, 1, MAX_INSTALLMENTS).map(InstallmentSize::Count)
                    }
                    (None | Some(""), Some(t)) if !t.is_empty() => {
                        e.amount("plan.targetPayment", t, cur).map(InstallmentSize::TargetPayment)
                    }
                    _ => {
                        e.push("plan.count", InputError::CountOrTarget);
                        None
                    }
                };
                let method = match method {
                    MethodRequest::EqualInstallment => Some(Method::EqualInstallment),
                    MethodRequest::EqualPrincipal => Some(Method::EqualPrincipal),
                    MethodRequest::InterestOnlyBalloon => Some(Method::InterestOnlyBalloon),
                    MethodRequest::StepUp => e
                        .percent("plan.stepUpPercent", step_up_percent.as_deref().unwrap_or(""))
                        .map(|annual_step_percent| Method::StepUp { annual_step_percent }),
                };
                let rate = e.percent("plan.annualRatePercent", annual_rate_percent);
                let first_due = e.date("plan.firstDueDate", first_due_date);
                if let (Some(first), Some(start)) = (first_due, as_of) {
                    if first <= start {
                        e.push("plan.firstDueDate", InputError::NotAfterAsOf);
                    }
                }
                let round_up_to = match round_up_to.as_deref().map(str::trim) {
                    None | Some("") => Some(None),
                    Some(step @ ("1" | "10" | "100")) => Decimal::from_str_exact(step).ok().map(Some),
                    Some(_) => {
                        e.push("plan.roundUpTo", InputError::RoundUpStep);
                        None
                    }
                };
                Some(PlanKind::Installments(InstallmentPlan {
                    down_payment: down_payment?,
                    size: size?,
                    frequency: *frequency,
                    method: method?,
                    annual_rate_percent: rate?,
                    first_due: first_due?,
                    day_count: *day_count,
                    round_up_to: round_up_to?,
                }))
            }
        }
    }
}

impl PlanRequest {
    /// The request in normal form, rebuilt from its parsed `input`: every amount with exactly
    /// the currency's minor-unit digits ("100000.00"), percents without trailing zeros
    /// ("9.99", "18"), every default written out (rounding, allocation order, policy). Two
    /// requests that parse to the same input have the same normal form, and the normal form
    /// parses back to that input. The agreement JSON carries its terms in this form.
    pub fn normal_form(input: &PlanInput) -> PlanRequest {
        let currency = input.claim.currency;
        let amount = |d: Decimal| super::money::fix_scale(d, currency.minor_units()).to_string();
        let percent = |d: Decimal| d.normalize().to_string();
        let claim = &input.claim;
        let plan = match &input.kind {
            PlanKind::Settlement { pay_by } => PlanTermsRequest::Settlement { pay_by: pay_by.to_string() },
            PlanKind::Extension { term, fee, interest, day_count } => {
                let (length, unit) = match term {
                    ExtensionTerm::Days(n) => (n, ExtensionUnit::Days),
                    ExtensionTerm::Months(n) => (n, ExtensionUnit::Months),
                };
                let (interest, reduced_rate_percent) = match interest {
                    plan::ExtensionInterest::Contract => (ExtensionInterestRequest::Contract, None),
                    plan::ExtensionInterest::Frozen => (ExtensionInterestRequest::Frozen, None),
                    plan::ExtensionInterest::Reduced(rate) => (ExtensionInterestRequest::Reduced, Some(percent(*rate))),
                };
                PlanTermsRequest::Extension {
                    length: length.to_string(),
                    unit,
                    fee: amount(*fee),
                    interest,
                    reduced_rate_percent,
                    day_count: *day_count,
                }
            }
            PlanKind::Installments(p) => {
                let (count, target_payment) = match p.size {
                    InstallmentSize::Count(n) => (Some(n.to_string()), None),
                    InstallmentSize::TargetPayment(t) => (None, Some(amount(t))),
                };
                let (method, step_up_percent) = match p.method {
                    Method::EqualInstallment => (MethodRequest::EqualInstallment, None),
                    Method::EqualPrincipal => (MethodRequest::EqualPrincipal, None),
                    Method::InterestOnlyBalloon => (MethodRequest::InterestOnlyBalloon, None),
                    Method::StepUp { annual_step_percent } => {
                        (MethodRequest::StepUp, Some(percent(annual_step_percent)))
                    }
                };
                PlanTermsRequest::Installments {
                    down_payment: amount(p.down_payment),
                    count,
                    target_payment,
                    frequency: p.frequency,
                    method,
                    step_up_percent,
                    annual_rate_percent: percent(p.annual_rate_percent),
                    first_due_date: p.first_due.to_string(),
                    day_count: p.day_count,
                    round_up_to: p.round_up_to.map(|step| step.normalize().to_string()),
                }
            }
        };
        PlanRequest {
            claim: ClaimRequest {
                currency: currency.code().into(),
                as_of: claim.as_of.to_string(),
                principal: amount(claim.buckets.principal),
                interest: amount(claim.buckets.interest),
                penalty: amount(claim.buckets.penalty),
                fees: amount(claim.buckets.fees),
                contract_rate_percent: percent(claim.contract_rate_percent),
                contract_date: Some(claim.contract_date.to_string()),
            },
            rounding: Some(input.rounding_rule),
            waivers: input
                .waivers
                .iter()
                .map(|w| WaiverRequest {
                    bucket: w.bucket,
                    amount: match w.size {
                        WaiverSize::Amount(a) => Some(amount(a)),
                        WaiverSize::Percent(_) => None,
                    },
                    percent: match w.size {
                        WaiverSize::Percent(p) => Some(percent(p)),
                        WaiverSize::Amount(_) => None,
                    },
                    conditional: w.conditional,
                })
                .collect(),
            allocation_order: Some(input.allocation_order.clone()),
            partial_payment: Some(amount(input.partial_payment)),
            plan,
            discount_rate_percent: Some(percent(input.discount_rate_percent)),
            policy: Some(input.policy.clone()),
            budget: input.budget.map(|b| BudgetRequest {
                monthly_income: amount(b.monthly_income),
                essential_expenses: amount(b.essential_expenses),
                other_debt_payments: amount(b.other_debt_payments),
            }),
        }
    }
}

/// Parses and computes `request`, reporting errors by field.
///
/// # Errors
/// Every [`FieldError`] of the request, or the one field a computation error concerns.
pub fn evaluate(request: &PlanRequest) -> Result<PlanOutcome, Vec<FieldError>> {
    let input = request.parse()?;
    plan::compute(&input).map_err(|error| vec![field_of(request, error)])
}

/// The field a computation error concerns.
pub fn field_of(request: &PlanRequest, error: PlanError) -> FieldError {
    let target_field = match &request.plan {
        PlanTermsRequest::Installments { target_payment: Some(t), .. } if !t.trim().is_empty() => "plan.targetPayment",
        _ => "plan.count",
    };
    match error {
        PlanError::Relief(ReliefError::WaiverExceedsBucket { bucket, available }) => {
            let index = request.waivers.iter().rposition(|w| w.bucket == bucket).unwrap_or(0);
            FieldError::new(format!("waivers.{index}"), InputError::ExceedsBucket { available: available.to_string() })
        }
        PlanError::Relief(ReliefError::PercentAbove100 { bucket }) => {
            let index = request.waivers.iter().position(|w| w.bucket == bucket).unwrap_or(0);
            FieldError::new(format!("waivers.{index}.percent"), InputError::PercentAbove100)
        }
        PlanError::Relief(ReliefError::PaymentExceedsDue { due, .. }) | PlanError::UpfrontExceedsDue { due } => {
            let field = match &request.plan {
                PlanTermsRequest::Installments { down_payment, .. } if !down_payment.trim().is_empty() => {
                    "plan.downPayment"
                }
                _ => "partialPayment",
            };
            FieldError::new(field, InputError::ExceedsDue { due: due.to_string() })
        }
        PlanError::NothingToFinance => FieldError::new("plan.downPayment", InputError::NothingToFinance),
        PlanError::DateNotAfterAsOf => FieldError::new("plan", InputError::NotAfterAsOf),
        PlanError::Schedule(s) => match s {
            ScheduleError::CountOutOfRange { max } => {
                FieldError::new("plan.count", InputError::WholeNumber { min: 1, max })
            }
            ScheduleError::FirstDueNotAfterStart => FieldError::new("plan.firstDueDate", InputError::NotAfterAsOf),
            ScheduleError::DateOutOfRange => FieldError::new("plan.firstDueDate", InputError::DateOutOfRange),
            ScheduleError::PaymentNeverCoversInterest { minimum } => {
                FieldError::new(target_field, InputError::NeverCoversInterest { minimum: minimum.to_string() })
            }
            ScheduleError::TargetNotReachable { max } => {
                FieldError::new(target_field, InputError::TargetNotReachable { max })
            }
            ScheduleError::TargetNotApplicable => FieldError::new(target_field, InputError::TargetNotApplicable),
            ScheduleError::NegativeAmortization { number } => {
                FieldError::new("plan.method", InputError::NegativeAmortization { number })
            }
            ScheduleError::Overflow => FieldError::new("plan", InputError::Overflow),
        },
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_terms_are_read_by_their_type_with_the_derived_readers_errors() {
        let read = |text: &str| serde_json::from_str::<PlanTermsRequest>(text).map_err(|e| e.to_string());
        assert_eq!(
            read(r#"{"type":"settlement","payBy":"2025-02-01"}"#),
            Ok(PlanTermsRequest::Settlement { pay_by: "2025-02-01".into() })
        );
        let installments =
            read(r#"{"type":"installments","count":"12","annualRatePercent":"0","firstDueDate":"2025-02-01"}"#)
                .unwrap();
        assert!(
            matches!(installments, PlanTermsRequest::Installments { ref count, frequency: Frequency::Monthly, .. } if count.as_deref() == Some("12"))
        );
        let foreign = read(r#"{"type":"settlement","payBy":"2025-02-01","fee":"1"}"#).unwrap_err();
        assert!(foreign.starts_with("unknown field `fee`, expected"), "{foreign}");
        assert!(read(r#"{"type":"settlement","payBy":"2025-02-01","feee":"1"}"#)
            .unwrap_err()
            .starts_with("unknown field `feee`"));
        assert!(read(r#"{"type":"extension"}"#).unwrap_err().starts_with("missing field `length`"));
        assert!(read(r#"{"type":"loan"}"#).unwrap_err().starts_with("unknown variant `loan`"));
        assert!(read(r#"{"payBy":"2025-02-01"}"#).unwrap_err().starts_with("missing field `type`"));
        assert!(read(r#"{"type":"settlement","payBy":5}"#).unwrap_err().starts_with("invalid type: integer `5`"));
        // null: refused for a member that is not optional, none for one that is, and a member
        // of another type even as null, as the derived reader did.
        assert!(read(r#"{"type":"settlement","payBy":null}"#).unwrap_err().starts_with("invalid type: null"));
        assert!(read(r#"{"type":"settlement","payBy":"2025-02-01","fee":null}"#).is_err());
        assert!(read(r#"{"type":"settlement","payBy":"2025-02-01","count":null}"#)
            .unwrap_err()
            .starts_with("unknown field `count`"));
        let nulls = read(
            r#"{"type":"installments","count":null,"targetPayment":"100","annualRatePercent":"0","firstDueDate":"2025-02-01"}"#,
        );
        assert!(matches!(nulls, Ok(PlanTermsRequest::Installments { count: None, .. })), "{nulls:?}");
    }

    #[test]
    fn dates_are_strictly_yyyy_mm_dd() {
        assert_eq!(parse_date(" 2024-02-29 "), Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()));
        for bad in ["2025-02-29", "2025-2-03", "2025/02/03", "20250203", "2025-13-01", "+025-01-01", "", "2025-01-0a"] {
            assert_eq!(parse_date(bad), Err(InputError::Date), "{bad:?}");
        }
    }
}
