//! A whole plan: relief on the claim, an optional partial payment now, and one way to pay
//! the rest (settlement, extension or installments); then what it costs and recovers.
//!
//! Invariants of every [`PlanOutcome`]:
//! - the schedule ends at exactly zero and its principal parts sum exactly to `financed`;
//! - `financed` = due after waivers − paid up front;
//! - totals equal the sums of the rows; no row is negative.
//!
//! Policy: upfront payments (partial payment and down payment) are made on the as-of date
//! and allocated across buckets in the allocation order; what is left of every bucket is
//! financed by the plan as one amount. The annualized rate is the IRR of −financed on day
//! zero and the plan's payments, in unit periods of the plan's frequency (monthly for
//! single-payment plans); nominal = i × periods a year (PBOC 单利, Reg Z APR), effective =
//! (1+i)^m − 1 (PBOC 复利, EU/UK APRC).
//!
//! The computation is in steps, one file each: [`compute`] (relief, the upfront payments,
//! the rows of a settlement, an extension or installments, the totals, and the policy's
//! facts), `recovery` (dated flows, present value, annualized rates), `affordability` (the
//! debtor's budget and the plan's monthly burden) and `fit` (the term or the waiver that
//! makes a plan fit the budget).

mod affordability;
mod compute;
mod fit;
mod recovery;

pub use affordability::{budget_limits, monthly_burden, monthly_equivalent};
pub use compute::{compute, percent_of};
pub use fit::{fit_count_to_budget, fit_waiver_to_budget, FitError, FIT_WAIVER_ORDER};
pub use recovery::MAX_EFFECTIVE_PERCENT;

use super::calendar::{DayCount, Frequency};
use super::claim::{Bucket, Buckets, Claim, ReliefError, Waiver};
use super::money::{Amount, RoundingRule};
use super::policy::{Finding, Policy};
use super::schedule::{Method, ScheduleError, ScheduleRow};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How long an extension (展期) moves the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExtensionTerm {
    Days(u32),
    Months(u32),
}

/// Interest during an extension, on the principal still due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExtensionInterest {
    /// At the contract rate.
    Contract,
    /// At a reduced annual rate in percent.
    Reduced(#[serde(with = "rust_decimal::serde::str")] Decimal),
    /// None (停息).
    Frozen,
}

/// How the installment count is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallmentSize {
    /// A fixed number of installments.
    Count(u32),
    /// The smallest count whose payment is at most this amount.
    TargetPayment(Decimal),
}

/// The terms of an installment plan (分期 / 个性化分期).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallmentPlan {
    /// 首付, paid on the as-of date.
    pub down_payment: Decimal,
    pub size: InstallmentSize,
    pub frequency: Frequency,
    pub method: Method,
    /// Plan annual rate in percent; 0 freezes interest (停息).
    pub annual_rate_percent: Decimal,
    pub first_due: NaiveDate,
    pub day_count: DayCount,
    /// Round each payment up to a multiple of this (1, 10 or 100).
    pub round_up_to: Option<Decimal>,
}

/// How the rest is paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanKind {
    /// 一次性结清: everything due after waivers, paid by a date.
    Settlement { pay_by: NaiveDate },
    /// 展期: one payment at a later date, with interest and a fee.
    Extension { term: ExtensionTerm, fee: Decimal, interest: ExtensionInterest, day_count: DayCount },
    /// 分期.
    Installments(InstallmentPlan),
}

/// The debtor's monthly budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub monthly_income: Decimal,
    pub essential_expenses: Decimal,
    pub other_debt_payments: Decimal,
}

/// A validated plan, ready to compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInput {
    pub claim: Claim,
    pub rounding_rule: RoundingRule,
    pub waivers: Vec<Waiver>,
    pub allocation_order: Vec<Bucket>,
    /// 部分还款 now (on the as-of date); zero for none.
    pub partial_payment: Decimal,
    pub kind: PlanKind,
    /// Installments moved to the end (re-aging): each number and its new due date, see
    /// `PlanRequest::moves`.
    pub moves: Vec<(u32, NaiveDate)>,
    /// The creditor's annual discount rate in percent, for the present value of recovery.
    pub discount_rate_percent: Decimal,
    pub policy: Policy,
    pub budget: Option<Budget>,
}

/// Why a plan cannot be computed. Each variant maps to the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    Relief(#[from] ReliefError),
    #[error("partial payment and down payment exceed what is due ({due})")]
    UpfrontExceedsDue { due: Amount },
    #[error("nothing is left to pay after the upfront payments")]
    NothingToFinance,
    #[error("the date is not after the as-of date")]
    DateNotAfterAsOf,
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    /// A re-aging names an installment the plan does not have (`rows` is how many it has;
    /// 0 for a settlement or an extension, whose payment does not move).
    #[error("the plan has no installment {number} to move (it has {rows})")]
    NoSuchInstallment { number: u32, rows: u32 },
    /// A re-aging moves installment `number` to a date that is not a due date of the plan's
    /// calendar after its last row and the move before, or moves it a second time.
    #[error("installment {number} cannot move to that date")]
    NotADueDate { number: u32 },
}

/// The upfront payment on day zero and where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Upfront {
    /// `YYYY-MM-DD`.
    #[serde(with = "super::calendar::iso_date")]
    #[schemars(with = "String")]
    pub date: NaiveDate,
    pub partial_payment: Amount,
    pub down_payment: Amount,
    /// The two together, allocated across buckets.
    pub allocation: Buckets,
}

/// Totals over the whole plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Totals {
    /// Upfront + every installment.
    pub paid: Amount,
    /// Sum of the rows' principal = financed.
    pub principal: Amount,
    /// Sum of the rows' interest (new interest under the plan).
    pub interest: Amount,
    /// Sum of the rows' charges (the interest-free part); absent when zero.
    #[serde(default, skip_serializing_if = "Amount::is_zero_amount")]
    pub charges: Amount,
    /// Sum of the rows' fees (plan fees).
    pub fees: Amount,
    /// Sum of every row's payment.
    pub installments: Amount,
    /// All waivers.
    pub waived: Amount,
    /// The conditional part of `waived`.
    pub waived_conditional: Amount,
}

/// What the creditor gets back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Recovery {
    /// Everything paid (= totals.paid).
    pub amount: Amount,
    /// `amount` as a percentage of the claim, 2 decimals.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub percent_of_claim: Decimal,
    /// Present value on day zero at the creditor's discount rate.
    pub present_value: Amount,
}

/// The annualized cost of the plan's credit, by IRR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnnualizedRate {
    /// IRR per unit period in percent, 6 decimals.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub periodic_percent: Decimal,
    /// Unit periods a year.
    pub periods_per_year: u32,
    /// i × m in percent, 2 decimals (单利 / APR).
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub nominal_percent: Decimal,
    /// (1+i)^m − 1 in percent, 2 decimals (复利 / APRC); absent when above
    /// [`MAX_EFFECTIVE_PERCENT`] (not meaningful for so short and costly a term).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rust_decimal::serde::str_option")]
    #[schemars(with = "Option<String>")]
    pub effective_percent: Option<Decimal>,
}

/// Affordability of the plan for the debtor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Affordability {
    /// Income − essential expenses − other debt payments, a month (may be negative).
    pub disposable_income: Amount,
    /// The largest monthly payment within the policy's share of disposable income.
    pub max_monthly_payment: Amount,
    /// The plan's largest payment as a monthly equivalent.
    pub monthly_equivalent_payment: Amount,
    /// Whether that fits within `max_monthly_payment`.
    pub fits: bool,
}

/// A computed plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanOutcome {
    pub currency: super::money::Currency,
    pub rounding: RoundingRule,
    /// The claim per bucket and in total.
    pub claim: Buckets,
    pub claim_total: Amount,
    pub waived: Buckets,
    pub waived_conditional: Buckets,
    /// What comes back, per bucket, if the plan breaks: each conditional waiver, whole (no
    /// proration for what was paid before the breach).
    pub reinstated_on_breach: Buckets,
    /// Due after waivers.
    pub due: Buckets,
    pub upfront: Upfront,
    /// Amount the plan's rows repay.
    pub financed: Amount,
    /// The part of `financed` that bears no interest (违约金 and fees under `cn-bank-card`),
    /// repaid in equal shares; absent when zero.
    #[serde(default, skip_serializing_if = "Amount::is_zero_amount")]
    pub interest_free: Amount,
    /// The installment frequency; `None` for single-payment plans.
    pub frequency: Option<Frequency>,
    pub schedule: Vec<ScheduleRow>,
    pub totals: Totals,
    pub recovery: Recovery,
    /// `None` when nothing is financed or the flows have no rate.
    pub annualized_rate: Option<AnnualizedRate>,
    pub affordability: Option<Affordability>,
    pub findings: Vec<Finding>,
}
