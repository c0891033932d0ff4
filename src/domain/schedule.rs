//! Installment schedules (分期): equal installment (等额本息), equal principal (等额本金),
//! interest-only with a balloon, and step-up; any frequency; an irregular first period.
//!
//! Conventions (PRODUCT.md):
//! - Periodic rate = annual rate ÷ periods a year for a regular period under
//!   [`DayCount::Periodic`]; otherwise the period's year fraction under the day count. The
//!   first period is irregular when the first due date is not one period after the start
//!   (counted forward from the start or back from the due date); it then uses the day count
//!   (Act/365F when the plan's day count is periodic).
//! - Equal installment: payment = round(P·r / (1 − (1+r)^−n)) when every period is regular;
//!   with an irregular first period, payment = round(P / Σₖ Πⱼ≤ₖ 1/(1+rⱼ)), which is the same
//!   formula generalised. Step-up payments grow by a fixed percentage each year
//!   (every `periods_per_year` installments).
//! - Each period's interest = round(balance · rₖ); principal = payment − interest.
//! - Remainder policy: the last installment clears the balance exactly, so the schedule ends
//!   at exactly zero and the principal parts sum exactly to the financed amount. A payment
//!   rounded up to a multiple (1, 10, 100) can clear the balance early; the schedule then
//!   ends early.

use super::calendar::{DayCount, Frequency};
use super::money::Rounding;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The most installments a plan may have (100 years monthly, 23 years weekly).
pub const MAX_INSTALLMENTS: u32 = 1200;

/// How the financed amount is repaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Method {
    /// 等额本息: the same payment every period (annuity).
    #[default]
    EqualInstallment,
    /// 等额本金: the same principal every period, interest on top.
    EqualPrincipal,
    /// Interest every period, the whole principal with the last.
    InterestOnlyBalloon,
    /// An annuity whose payment grows by `annual_step_percent` every year.
    StepUp {
        #[serde(rename = "annualStepPercent", with = "rust_decimal::serde::str")]
        annual_step_percent: Decimal,
    },
}

/// The terms of an installment schedule, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallmentTerms {
    /// The amount repaid by the installments (> 0), in the minor unit.
    pub financed: Decimal,
    /// Day zero: interest accrues from here.
    pub start: NaiveDate,
    /// The first due date (after `start`).
    pub first_due: NaiveDate,
    /// How often installments fall due.
    pub frequency: Frequency,
    /// How the amount is repaid.
    pub method: Method,
    /// The plan's annual rate in percent; 0 is an interest freeze (停息挂账).
    pub annual_rate_percent: Decimal,
    /// Day count for interest.
    pub day_count: DayCount,
    /// Round each scheduled payment up to a multiple of this (1, 10, 100), if set.
    pub round_up_to: Option<Decimal>,
}

/// One installment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduleRow {
    /// 1-based installment number.
    pub number: u32,
    /// Due date, `YYYY-MM-DD`.
    #[serde(with = "super::calendar::iso_date")]
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// Amount due = principal + interest + fees.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub payment: Decimal,
    /// Repayment of the financed amount.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub principal: Decimal,
    /// Plan interest for the period.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub interest: Decimal,
    /// Plan fees due with this installment.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub fees: Decimal,
    /// Financed amount still owed after this installment.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub balance: Decimal,
}

/// Why a schedule cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("installment count must be 1 to {max}")]
    CountOutOfRange { max: u32 },
    #[error("the first due date must be after the start date")]
    FirstDueNotAfterStart,
    #[error("a due date falls outside the calendar")]
    DateOutOfRange,
    #[error("the payment never covers the interest; it must exceed {minimum}")]
    PaymentNeverCoversInterest { minimum: Decimal },
    #[error("no count up to {max} brings the payment down to the target")]
    TargetNotReachable { max: u32 },
    #[error("a target payment cannot set the count of an interest-only plan")]
    TargetNotApplicable,
    #[error("installment {number} does not cover its interest")]
    NegativeAmortization { number: u32 },
    #[error("the figures are too large to compute")]
    Overflow,
}

/// The periodic rates r₁…rₙ and due dates of `count` installments.
fn periods(terms: &InstallmentTerms, count: u32) -> Result<Vec<(NaiveDate, Decimal)>, ScheduleError> {
    if terms.first_due <= terms.start {
        return Err(ScheduleError::FirstDueNotAfterStart);
    }
    let annual = terms.annual_rate_percent / Decimal::ONE_HUNDRED;
    let regular = annual / Decimal::from(terms.frequency.periods_per_year());
    // The first period is regular when the first due date is one period after the start,
    // counted either way (Jan 30 → Feb 28 is a month, and so is Jan 31 ← Feb 28).
    let first_is_regular = terms.frequency.due_date(terms.start, 1) == Some(terms.first_due)
        || terms.frequency.due_date_before(terms.first_due, 1) == Some(terms.start);
    let mut out = Vec::with_capacity(count as usize);
    let mut previous = terms.start;
    for index in 0..count {
        let date = terms.frequency.due_date(terms.first_due, index).ok_or(ScheduleError::DateOutOfRange)?;
        let is_regular = index > 0 || first_is_regular;
        let rate = if is_regular && terms.day_count == DayCount::Periodic {
            regular
        } else {
            annual.checked_mul(terms.day_count.year_fraction(previous, date)).ok_or(ScheduleError::Overflow)?
        };
        out.push((date, rate));
        previous = date;
    }
    Ok(out)
}

/// (1 + r)^n by squaring; `None` when it exceeds Decimal's range (then (1+r)^−n is below
/// Decimal's resolution and counts as zero).
fn pow(base: Decimal, exponent: u32) -> Option<Decimal> {
    let (mut result, mut b, mut e) = (Decimal::ONE, base, exponent);
    while e > 0 {
        if e & 1 == 1 {
            result = result.checked_mul(b)?;
        }
        e >>= 1;
        if e > 0 {
            b = b.checked_mul(b)?;
        }
    }
    Some(result)
}

/// Σₖ gₖ · Πⱼ≤ₖ 1/(1+rⱼ): the present value of a payment stream with growth factors gₖ.
fn annuity_factor(rates: &[(NaiveDate, Decimal)], growth: impl Fn(usize) -> Decimal) -> Option<Decimal> {
    let mut discount = Decimal::ONE;
    let mut sum = Decimal::ZERO;
    for (k, (_, rate)) in rates.iter().enumerate() {
        discount = discount.checked_div(Decimal::ONE + rate)?;
        sum = sum.checked_add(growth(k).checked_mul(discount)?)?;
    }
    Some(sum)
}

/// The first scheduled payment of `count` installments (before the last one absorbs any
/// residue), or the first payment for equal principal.
pub fn first_payment(terms: &InstallmentTerms, count: u32, rounding: Rounding) -> Result<Decimal, ScheduleError> {
    if count == 0 || count > MAX_INSTALLMENTS {
        return Err(ScheduleError::CountOutOfRange { max: MAX_INSTALLMENTS });
    }
    let rates = periods(terms, count)?;
    scheduled_payment(terms, &rates, rounding)
}

fn scheduled_payment(
    terms: &InstallmentTerms,
    rates: &[(NaiveDate, Decimal)],
    rounding: Rounding,
) -> Result<Decimal, ScheduleError> {
    let p = terms.financed;
    let n = rates.len() as u32;
    let first_rate = rates.first().map_or(Decimal::ZERO, |r| r.1);
    let all_regular = rates.iter().all(|r| r.1 == first_rate);
    let raw = match terms.method {
        Method::EqualPrincipal => rounding.round(p / Decimal::from(n)) + rounding.round(p * first_rate),
        Method::InterestOnlyBalloon => rounding.round(p * first_rate),
        Method::EqualInstallment if first_rate.is_zero() && all_regular => rounding.round(p / Decimal::from(n)),
        Method::EqualInstallment if all_regular => {
            // The closed form PRODUCT.md names: P·r / (1 − (1+r)^−n).
            let v_n = match pow(Decimal::ONE + first_rate, n) {
                Some(grown) => Decimal::ONE.checked_div(grown).ok_or(ScheduleError::Overflow)?,
                None => Decimal::ZERO,
            };
            let payment = (p * first_rate).checked_div(Decimal::ONE - v_n).ok_or(ScheduleError::Overflow)?;
            rounding.round(payment)
        }
        Method::EqualInstallment => {
            let factor = annuity_factor(rates, |_| Decimal::ONE).ok_or(ScheduleError::Overflow)?;
            rounding.round(p.checked_div(factor).ok_or(ScheduleError::Overflow)?)
        }
        Method::StepUp { annual_step_percent } => {
            let step = Decimal::ONE + annual_step_percent / Decimal::ONE_HUNDRED;
            let per_year = terms.frequency.periods_per_year() as usize;
            let factor = annuity_factor(rates, |k| pow(step, (k / per_year) as u32).unwrap_or(Decimal::MAX))
                .ok_or(ScheduleError::Overflow)?;
            rounding.round(p.checked_div(factor).ok_or(ScheduleError::Overflow)?)
        }
    };
    Ok(match (terms.round_up_to, terms.method) {
        (Some(step), Method::EqualInstallment | Method::StepUp { .. }) => rounding.round_up_to_multiple(raw, step),
        _ => raw,
    })
}

/// Builds the schedule of `count` installments.
///
/// # Errors
/// [`ScheduleError`] when the count or dates are out of range, a payment does not cover its
/// interest, or the figures overflow.
pub fn build(terms: &InstallmentTerms, count: u32, rounding: Rounding) -> Result<Vec<ScheduleRow>, ScheduleError> {
    if count == 0 || count > MAX_INSTALLMENTS {
        return Err(ScheduleError::CountOutOfRange { max: MAX_INSTALLMENTS });
    }
    let rates = periods(terms, count)?;
    let payment = scheduled_payment(terms, &rates, rounding)?;
    let equal_principal = rounding.round(terms.financed / Decimal::from(count));
    let per_year = terms.frequency.periods_per_year();
    let mut balance = terms.financed;
    let mut rows = Vec::with_capacity(count as usize);
    for (index, (date, rate)) in rates.iter().enumerate() {
        let number = index as u32 + 1;
        let interest = rounding.round(balance.checked_mul(*rate).ok_or(ScheduleError::Overflow)?);
        let last = number == count;
        let principal = if last {
            balance
        } else {
            match terms.method {
                Method::EqualInstallment => payment - interest,
                Method::EqualPrincipal => equal_principal,
                Method::InterestOnlyBalloon => Decimal::ZERO,
                Method::StepUp { annual_step_percent } => {
                    let step = Decimal::ONE + annual_step_percent / Decimal::ONE_HUNDRED;
                    let grown = pow(step, (index as u32) / per_year).ok_or(ScheduleError::Overflow)?;
                    let this_payment = match terms.round_up_to {
                        Some(multiple) => rounding.round_up_to_multiple(payment * grown, multiple),
                        None => rounding.round(payment.checked_mul(grown).ok_or(ScheduleError::Overflow)?),
                    };
                    this_payment - interest
                }
            }
        };
        if principal < Decimal::ZERO {
            return Err(ScheduleError::NegativeAmortization { number });
        }
        let principal = principal.min(balance);
        balance -= principal;
        rows.push(ScheduleRow {
            number,
            date: *date,
            payment: rounding.round(principal + interest),
            principal: rounding.round(principal),
            interest,
            fees: rounding.round(Decimal::ZERO),
            balance: rounding.round(balance),
        });
        if balance.is_zero() {
            break;
        }
    }
    Ok(rows)
}

/// The smallest count whose first payment is at most `target`.
///
/// # Errors
/// [`ScheduleError::PaymentNeverCoversInterest`] when `target` does not exceed the first
/// period's interest; [`ScheduleError::TargetNotReachable`] when even `max_count`
/// installments need more; [`ScheduleError::TargetNotApplicable`] for interest-only plans.
pub fn solve_count(
    terms: &InstallmentTerms,
    target: Decimal,
    max_count: u32,
    rounding: Rounding,
) -> Result<u32, ScheduleError> {
    if terms.method == Method::InterestOnlyBalloon {
        return Err(ScheduleError::TargetNotApplicable);
    }
    let max_count = max_count.clamp(1, MAX_INSTALLMENTS);
    let first_interest = rounding.round(terms.financed * periods(terms, 1)?[0].1);
    if target <= first_interest {
        return Err(ScheduleError::PaymentNeverCoversInterest { minimum: first_interest });
    }
    if first_payment(terms, max_count, rounding)? > target {
        return Err(ScheduleError::TargetNotReachable { max: max_count });
    }
    // The first payment falls as the count grows: binary search for the smallest count.
    let (mut lo, mut hi) = (1u32, max_count);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if first_payment(terms, mid, rounding)? <= target {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}
