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

use super::calendar::{self, DayCount, Frequency};
use super::claim::{self, Bucket, Buckets, Claim, Relief, ReliefError, Waiver, WaiverSize};
use super::exact::Ratio;
use super::irr::{self, CashFlow};
use super::money::{fix_scale, Rounding, RoundingRule};
use super::policy::{Finding, PlanFacts, Policy};
use super::schedule::{self, InstallmentTerms, Method, ScheduleError, ScheduleRow};
use chrono::{Days, Months, NaiveDate};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
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
    /// Plan annual rate in percent; 0 = 停息挂账.
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
    UpfrontExceedsDue { due: Decimal },
    #[error("nothing is left to pay after the upfront payments")]
    NothingToFinance,
    #[error("the date is not after the as-of date")]
    DateNotAfterAsOf,
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
}

/// The upfront payment on day zero and where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Upfront {
    /// `YYYY-MM-DD`.
    #[serde(with = "super::calendar::iso_date")]
    #[schemars(with = "String")]
    pub date: NaiveDate,
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub partial_payment: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub down_payment: Decimal,
    /// The two together, allocated across buckets.
    pub allocation: Buckets,
}

/// Totals over the whole plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Totals {
    /// Upfront + every installment.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub paid: Decimal,
    /// Sum of the rows' principal = financed.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub principal: Decimal,
    /// Sum of the rows' interest (new interest under the plan).
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub interest: Decimal,
    /// Sum of the rows' fees (plan fees).
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub fees: Decimal,
    /// Sum of every row's payment.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub installments: Decimal,
    /// All waivers.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub waived: Decimal,
    /// The conditional part of `waived`.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub waived_conditional: Decimal,
}

/// What the creditor gets back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Recovery {
    /// Everything paid (= totals.paid).
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub amount: Decimal,
    /// `amount` as a percentage of the claim, 2 decimals.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub percent_of_claim: Decimal,
    /// Present value on day zero at the creditor's discount rate.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub present_value: Decimal,
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
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub disposable_income: Decimal,
    /// The largest monthly payment within the policy's share of disposable income.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub max_monthly_payment: Decimal,
    /// The plan's largest payment as a monthly equivalent.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub monthly_equivalent_payment: Decimal,
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
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub claim_total: Decimal,
    pub waived: Buckets,
    pub waived_conditional: Buckets,
    /// Due after waivers.
    pub due: Buckets,
    pub upfront: Upfront,
    /// Amount the plan's rows repay.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub financed: Decimal,
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

/// `part` as a percentage of `whole`, 2 decimals, half away from zero, computed exactly
/// (part × 100 ÷ whole, rounded once); 0 when `whole` is 0.
pub fn percent_of(part: Decimal, whole: Decimal) -> Decimal {
    const PERCENT: Rounding = Rounding { decimals: 2, rule: RoundingRule::HalfAwayFromZero };
    PERCENT.mul_div(part, Decimal::ONE_HUNDRED, whole).unwrap_or_else(|| fix_scale(Decimal::ZERO, 2))
}

/// Computes `input`.
///
/// # Errors
/// [`PlanError`] when relief, upfront payments, dates or the schedule are impossible.
pub fn compute(input: &PlanInput) -> Result<PlanOutcome, PlanError> {
    let rounding = Rounding::new(input.claim.currency, input.rounding_rule);
    let claim = &input.claim;
    let claim_buckets = fix_buckets(claim.buckets, rounding);
    let relief: Relief = claim::apply_waivers(claim, &input.waivers, rounding)?;
    let due_total = relief.due.total();

    let down_payment = match &input.kind {
        PlanKind::Installments(plan) => rounding.round(plan.down_payment),
        _ => rounding.round(Decimal::ZERO),
    };
    let partial = rounding.round(input.partial_payment);
    let upfront_total = partial + down_payment;
    if upfront_total > due_total {
        return Err(PlanError::UpfrontExceedsDue { due: due_total });
    }
    let allocation = claim::allocate(upfront_total, &relief.due, &input.allocation_order, rounding)?;
    let financed = rounding.round(due_total - upfront_total);

    let (schedule, frequency, extension_days) = match &input.kind {
        PlanKind::Settlement { pay_by } => {
            if *pay_by < claim.as_of {
                return Err(PlanError::DateNotAfterAsOf);
            }
            (single_row(*pay_by, financed, Decimal::ZERO, Decimal::ZERO, rounding), Frequency::Monthly, None)
        }
        PlanKind::Extension { term, fee, interest, day_count } => {
            let due_date = match term {
                ExtensionTerm::Days(days) => claim.as_of.checked_add_days(Days::new(u64::from(*days))),
                ExtensionTerm::Months(months) => claim.as_of.checked_add_months(Months::new(*months)),
            }
            .filter(|d| *d > claim.as_of)
            .ok_or(PlanError::DateNotAfterAsOf)?;
            let annual_percent = match interest {
                ExtensionInterest::Contract => claim.contract_rate_percent,
                ExtensionInterest::Reduced(rate) => *rate,
                ExtensionInterest::Frozen => Decimal::ZERO,
            };
            // Interest runs on the principal still due; months under the periodic convention
            // are twelfths of a year, everything else uses the day count.
            let (years_numerator, years_denominator) = match (term, day_count) {
                (ExtensionTerm::Months(m), DayCount::Periodic) => (u64::from(*m), 12),
                _ => day_count.year_fraction(claim.as_of, due_date),
            };
            let rate = Ratio::of_annual_percent(annual_percent, years_numerator, years_denominator)
                .ok_or(ScheduleError::Overflow)?;
            let principal_left = relief.due.principal - allocation.principal;
            let interest_amount = rounding.times(principal_left, rate).ok_or(ScheduleError::Overflow)?;
            let days = calendar::days_between(claim.as_of, due_date);
            let rows = single_row(due_date, financed, interest_amount, rounding.round(*fee), rounding);
            (rows, Frequency::Monthly, Some(Decimal::from(days)))
        }
        PlanKind::Installments(plan) => {
            if financed.is_zero() {
                return Err(PlanError::NothingToFinance);
            }
            let terms = InstallmentTerms {
                financed,
                start: claim.as_of,
                first_due: plan.first_due,
                frequency: plan.frequency,
                method: plan.method,
                annual_rate_percent: plan.annual_rate_percent,
                day_count: plan.day_count,
                round_up_to: plan.round_up_to,
            };
            let count = match plan.size {
                InstallmentSize::Count(n) => n,
                InstallmentSize::TargetPayment(target) => {
                    schedule::solve_count(&terms, target, schedule::MAX_INSTALLMENTS, rounding)?
                }
            };
            (schedule::build(&terms, count, rounding)?, plan.frequency, None)
        }
    };

    let sum = |f: fn(&ScheduleRow) -> Decimal| schedule.iter().map(f).sum::<Decimal>();
    let installments_total = rounding.round(sum(|r| r.payment));
    let totals = Totals {
        paid: rounding.round(upfront_total + installments_total),
        principal: rounding.round(sum(|r| r.principal)),
        interest: rounding.round(sum(|r| r.interest)),
        fees: rounding.round(sum(|r| r.fees)),
        installments: installments_total,
        waived: rounding.round(relief.waived.total()),
        waived_conditional: rounding.round(relief.conditional.total()),
    };

    let claim_total = rounding.round(claim_buckets.total());
    let flows = dated_flows(claim.as_of, financed, &schedule, frequency);
    let present_value = rounding.round(upfront_total + present_value(&flows, input.discount_rate_percent, frequency));
    let recovery =
        Recovery { amount: totals.paid, percent_of_claim: percent_of(totals.paid, claim_total), present_value };
    let annualized_rate = annualized(&flows, frequency);
    let installment_frequency = matches!(input.kind, PlanKind::Installments(_)).then_some(frequency);
    let affordability =
        input.budget.map(|budget| affordability(&budget, &input.policy, &schedule, installment_frequency, rounding));

    let facts = plan_facts(
        input,
        &relief,
        &claim_buckets,
        &schedule,
        upfront_total,
        due_total,
        &totals,
        &annualized_rate,
        &affordability,
        extension_days,
    );
    let findings = input.policy.check(&facts);

    Ok(PlanOutcome {
        currency: claim.currency,
        rounding: input.rounding_rule,
        claim: claim_buckets,
        claim_total,
        waived: relief.waived,
        waived_conditional: relief.conditional,
        due: fix_buckets(relief.due, rounding),
        upfront: Upfront { date: claim.as_of, partial_payment: partial, down_payment, allocation },
        financed,
        frequency: installment_frequency,
        schedule,
        totals,
        recovery,
        annualized_rate,
        affordability,
        findings,
    })
}

fn fix_buckets(mut buckets: Buckets, rounding: Rounding) -> Buckets {
    for b in Bucket::ALL {
        *buckets.get_mut(b) = rounding.round(buckets.get(b));
    }
    buckets
}

fn single_row(
    date: NaiveDate,
    principal: Decimal,
    interest: Decimal,
    fees: Decimal,
    rounding: Rounding,
) -> Vec<ScheduleRow> {
    if (principal + interest + fees).is_zero() {
        return Vec::new();
    }
    vec![ScheduleRow {
        number: 1,
        date,
        payment: rounding.round(principal + interest + fees),
        principal: rounding.round(principal),
        interest: rounding.round(interest),
        fees: rounding.round(fees),
        balance: rounding.round(Decimal::ZERO),
    }]
}

/// −financed on day zero, then each row's payment, in unit periods of `frequency`.
///
/// Rows are consecutive due dates of `frequency` from the first, so row k lies k − 1 whole
/// periods after row 1: only the first row's time is counted on the calendar.
fn dated_flows(as_of: NaiveDate, financed: Decimal, rows: &[ScheduleRow], frequency: Frequency) -> Vec<CashFlow> {
    let mut flows = Vec::with_capacity(rows.len() + 1);
    flows.push(CashFlow { amount: -financed, whole: 0, fraction: Decimal::ZERO });
    let Some(first) = rows.first() else { return flows };
    let (first_whole, fraction) = calendar::unit_periods_between(as_of, first.date, frequency);
    for (k, row) in rows.iter().enumerate() {
        flows.push(CashFlow { amount: row.payment, whole: first_whole + k as u32, fraction });
    }
    flows
}

/// Σ payments discounted at `annual_percent` / periods a year per unit period (the advance
/// on day zero excluded): each payment × v^whole / (1 + fraction·i) with v = 1/(1 + i).
/// Flows come in time order, so v^whole is kept as a running power (one multiplication per
/// period instead of a division per flow).
fn present_value(flows: &[CashFlow], annual_percent: Decimal, frequency: Frequency) -> Decimal {
    let i = annual_percent / Decimal::ONE_HUNDRED / Decimal::from(frequency.periods_per_year());
    let v = Decimal::ONE.checked_div(Decimal::ONE + i).unwrap_or_default();
    let (mut power, mut power_of) = (Decimal::ONE, 0u32);
    let mut total = Decimal::ZERO;
    for flow in flows.iter().filter(|f| f.amount > Decimal::ZERO) {
        if flow.whole < power_of {
            (power, power_of) = (Decimal::ONE, 0);
        }
        while power_of < flow.whole {
            power *= v;
            power_of += 1;
        }
        let discounted = flow.amount.checked_mul(power).unwrap_or_default();
        total += if flow.fraction.is_zero() {
            discounted
        } else {
            discounted.checked_div(Decimal::ONE + flow.fraction * i).unwrap_or_default()
        };
    }
    total
}

/// The largest effective annualized rate reported, in percent. Above it the term is so short
/// and its cost so large (a one-day extension with a fee of several times the amount) that
/// compounding the period's cost to a year gives a number with no meaning: the effective rate
/// is then left out and the nominal rate stands alone.
pub const MAX_EFFECTIVE_PERCENT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

fn annualized(flows: &[CashFlow], frequency: Frequency) -> Option<AnnualizedRate> {
    if flows.first().is_none_or(|f| f.amount.is_zero()) || flows.len() < 2 {
        return None;
    }
    let rate = Decimal::from_f64(irr::solve(flows)?)?;
    let m = frequency.periods_per_year();
    let pct = |x: Decimal, dp| {
        let percent = x.checked_mul(Decimal::ONE_HUNDRED)?;
        Some(fix_scale(percent.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero), dp))
    };
    // (1+i)^m − 1, given up as soon as it passes the largest rate reported.
    let limit = MAX_EFFECTIVE_PERCENT / Decimal::ONE_HUNDRED + Decimal::ONE;
    let mut grown = Some(Decimal::ONE);
    for _ in 0..m {
        grown = grown.and_then(|g| g.checked_mul(Decimal::ONE + rate)).filter(|g| *g <= limit);
    }
    Some(AnnualizedRate {
        periodic_percent: pct(rate, 6)?,
        periods_per_year: m,
        nominal_percent: pct(rate.checked_mul(Decimal::from(m))?, 2)?,
        effective_percent: grown.and_then(|g| pct(g - Decimal::ONE, 2)),
    })
}

/// The monthly equivalent of a payment made `frequency`-ly: payment × periods a year ÷ 12,
/// rounded once.
pub fn monthly_equivalent(payment: Decimal, frequency: Frequency, rounding: Rounding) -> Decimal {
    let per_year = Decimal::from(frequency.periods_per_year());
    rounding.mul_div(payment, per_year, Decimal::from(12)).unwrap_or(Decimal::MAX)
}

/// Disposable income and the largest monthly payment within the policy's share of it.
pub fn budget_limits(budget: &Budget, policy: &Policy, rounding: Rounding) -> (Decimal, Decimal) {
    let disposable = rounding.round(budget.monthly_income - budget.essential_expenses - budget.other_debt_payments);
    let share = policy.limit(super::policy::RuleKind::MaxPaymentSharePercent).unwrap_or(Decimal::ONE_HUNDRED);
    let down = Rounding { rule: RoundingRule::Down, ..rounding };
    let max_payment = down.mul_div(disposable.max(Decimal::ZERO), share, Decimal::ONE_HUNDRED).unwrap_or_default();
    (disposable, max_payment)
}

/// What the debtor must budget for each month: the largest payment (a balloon included), as
/// a monthly equivalent when it is one of several installments of `frequency`; a single
/// payment counts whole. The affordability check and the "most affordable" mark both use it.
pub fn monthly_burden(rows: &[ScheduleRow], frequency: Option<Frequency>, rounding: Rounding) -> Decimal {
    let largest = rows.iter().map(|r| r.payment).max().unwrap_or_default();
    match frequency {
        Some(frequency) if rows.len() > 1 => monthly_equivalent(largest, frequency, rounding),
        _ => largest,
    }
}

fn affordability(
    budget: &Budget,
    policy: &Policy,
    rows: &[ScheduleRow],
    frequency: Option<Frequency>,
    rounding: Rounding,
) -> Affordability {
    let (disposable, max_payment) = budget_limits(budget, policy, rounding);
    let monthly = monthly_burden(rows, frequency, rounding);
    Affordability {
        disposable_income: disposable,
        max_monthly_payment: max_payment,
        monthly_equivalent_payment: monthly,
        fits: monthly <= max_payment,
    }
}

#[allow(clippy::too_many_arguments)]
fn plan_facts(
    input: &PlanInput,
    relief: &Relief,
    claim_buckets: &Buckets,
    rows: &[ScheduleRow],
    upfront_total: Decimal,
    due_total: Decimal,
    totals: &Totals,
    rate: &Option<AnnualizedRate>,
    affordability: &Option<Affordability>,
    extension_days: Option<Decimal>,
) -> PlanFacts {
    let claim = &input.claim;
    let mut facts = PlanFacts {
        waiver_percent: Bucket::ALL
            .iter()
            .map(|b| (*b, percent_of(relief.waived.get(*b), claim_buckets.get(*b))))
            .collect(),
        contract_date: Some(claim.contract_date),
        extension_days,
        ..PlanFacts::default()
    };
    if let Some(last) = rows.last() {
        let (whole, fraction) = calendar::unit_periods_between(claim.as_of, last.date, Frequency::Monthly);
        let months = Decimal::from(whole) + if fraction.is_zero() { Decimal::ZERO } else { Decimal::ONE };
        facts.term_months = Some(months);
    }
    match &input.kind {
        PlanKind::Settlement { .. } => facts.settlement_percent = Some(percent_of(totals.paid, claim_buckets.total())),
        PlanKind::Extension { .. } => {}
        PlanKind::Installments(_) => {
            facts.installments = Some(Decimal::from(rows.len()));
            let regular = if rows.len() > 1 { &rows[..rows.len() - 1] } else { rows };
            facts.smallest_installment = regular.iter().map(|r| r.payment).min();
            facts.upfront_percent = Some(percent_of(upfront_total, due_total));
        }
    }
    if !matches!(input.kind, PlanKind::Settlement { .. }) {
        facts.nominal_rate_percent = rate.as_ref().map(|r| r.nominal_percent);
    }
    facts.payment_share_percent = affordability
        .as_ref()
        .map(|a| percent_of(a.monthly_equivalent_payment, a.disposable_income.max(Decimal::ZERO)));
    if affordability.as_ref().is_some_and(|a| a.disposable_income <= Decimal::ZERO) {
        facts.payment_share_percent = Some(Decimal::ONE_THOUSAND);
    }
    facts
}

/// The smallest installment count whose payment fits the debtor's budget under `input`'s
/// policy, keeping every other term. Returns the count.
///
/// # Errors
/// [`PlanError`] when the input is not an installment plan with a budget, or no count fits.
pub fn fit_count_to_budget(input: &PlanInput) -> Result<u32, PlanError> {
    let (PlanKind::Installments(plan), Some(budget)) = (&input.kind, &input.budget) else {
        return Err(PlanError::Schedule(ScheduleError::TargetNotApplicable));
    };
    let rounding = Rounding::new(input.claim.currency, input.rounding_rule);
    let (_, max_monthly) = budget_limits(budget, &input.policy, rounding);
    let down = Rounding { rule: RoundingRule::Down, ..rounding };
    let per_year = Decimal::from(plan.frequency.periods_per_year());
    let per_period = down.mul_div(max_monthly, Decimal::from(12), per_year).ok_or(ScheduleError::Overflow)?;
    let mut fitted = input.clone();
    if let PlanKind::Installments(p) = &mut fitted.kind {
        p.size = InstallmentSize::TargetPayment(per_period);
    }
    let policy_max = input
        .policy
        .limit(super::policy::RuleKind::MaxInstallments)
        .and_then(|m| u32::try_from(m.trunc().mantissa()).ok());
    let outcome = compute(&fitted)?;
    let count = outcome.schedule.len() as u32;
    match policy_max {
        Some(max) if count > max => Err(PlanError::Schedule(ScheduleError::TargetNotReachable { max })),
        _ => Ok(count),
    }
}

/// Why no waiver fits the budget.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    #[error("fitting needs a budget")]
    NoBudget,
    #[error("no waiver within the policy's limits makes the payment fit the budget")]
    OutOfReach,
    #[error(transparent)]
    Plan(#[from] PlanError),
}

/// The order in which [`fit_waiver_to_budget`] waives: penalty interest and fees first,
/// principal last.
pub const FIT_WAIVER_ORDER: [Bucket; 4] = [Bucket::Penalty, Bucket::Fees, Bucket::Interest, Bucket::Principal];

/// The smallest waivers, keeping every other term, that bring the plan's monthly burden
/// ([`monthly_burden`]) within the debtor's budget: returns the total waived per bucket
/// (what is already waived plus what is added), in the currency.
///
/// Adds to the buckets in [`FIT_WAIVER_ORDER`], each only up to its policy limit (every
/// `MaxWaiverPercent` rule counts, whatever its severity, so the result raises no waiver
/// finding); a bucket without a rule is not waived further. The added total is found by
/// bisection over minor units, so it is exact: one minor unit less would not fit.
///
/// # Errors
/// [`FitError::NoBudget`], [`FitError::OutOfReach`] when even the most the policy allows
/// does not fit, or the plan's own error.
pub fn fit_waiver_to_budget(input: &PlanInput) -> Result<Buckets, FitError> {
    let budget = input.budget.as_ref().ok_or(FitError::NoBudget)?;
    let rounding = Rounding::new(input.claim.currency, input.rounding_rule);
    let (_, max_monthly) = budget_limits(budget, &input.policy, rounding);
    let current = claim::apply_waivers(&input.claim, &input.waivers, rounding).map_err(PlanError::from)?.waived;
    let claim_buckets = fix_buckets(input.claim.buckets, rounding);
    let headroom = |bucket: Bucket| {
        let limit = input
            .policy
            .rules
            .iter()
            .filter(|r| r.rule == super::policy::RuleKind::MaxWaiverPercent && r.bucket == Some(bucket))
            .map(|r| r.limit.min(Decimal::ONE_HUNDRED))
            .min()
            .unwrap_or(Decimal::ZERO);
        let down = Rounding { rule: RoundingRule::Down, ..rounding };
        let allowed = down.mul_div(claim_buckets.get(bucket), limit, Decimal::ONE_HUNDRED).unwrap_or_default();
        (allowed - current.get(bucket)).max(Decimal::ZERO)
    };
    let with_extra = |extra: Decimal| {
        let mut left = extra;
        let mut total = current;
        for bucket in FIT_WAIVER_ORDER {
            let take = left.min(headroom(bucket));
            *total.get_mut(bucket) += take;
            left -= take;
        }
        total
    };
    let fits = |waived: &Buckets| -> Result<bool, PlanError> {
        let mut trial = input.clone();
        trial.waivers = Bucket::ALL
            .iter()
            .filter(|b| !waived.get(**b).is_zero())
            .map(|b| Waiver {
                bucket: *b,
                size: WaiverSize::Amount(waived.get(*b)),
                conditional: input.waivers.iter().any(|w| w.bucket == *b && w.conditional),
            })
            .collect();
        let outcome = compute(&trial)?;
        Ok(monthly_burden(&outcome.schedule, outcome.frequency, rounding) <= max_monthly)
    };
    if fits(&current)? {
        return Ok(current);
    }
    let unit = input.claim.currency.minor_unit();
    let most = FIT_WAIVER_ORDER.iter().map(|b| headroom(*b)).sum::<Decimal>();
    // Waiving everything may leave nothing to finance, or less than the upfront payments:
    // nothing is owed monthly, so for the search that fits (the result is checked below).
    let fits_or_empty = |extra: Decimal| match fits(&with_extra(extra)) {
        Err(PlanError::NothingToFinance | PlanError::UpfrontExceedsDue { .. })
        | Err(PlanError::Relief(ReliefError::PaymentExceedsDue { .. })) => Ok(true),
        other => other,
    };
    if most.is_zero() || !fits_or_empty(most)? {
        return Err(FitError::OutOfReach);
    }
    // Invariant: `low` minor units do not fit, `high` do.
    let (mut low, mut high) = (Decimal::ZERO, (most / unit).trunc());
    while high - low > Decimal::ONE {
        let middle = ((low + high) / Decimal::TWO).trunc();
        if fits_or_empty(middle * unit)? {
            high = middle;
        } else {
            low = middle;
        }
    }
    let waived = with_extra(rounding.round(high * unit));
    match fits(&waived) {
        Ok(true) => Ok(waived),
        _ => Err(FitError::OutOfReach),
    }
}
