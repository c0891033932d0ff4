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
//! - Each period's rate rₖ is an exact fraction ([`Ratio`]: annual % ÷ (100 × periods a
//!   year), or annual % × days ÷ (100 × basis)) and its interest = round(balance · rₖ) is
//!   multiplied first, divided once and rounded once; principal = payment − interest. The
//!   annuity payment and a step-up's grown payments are the exact value rounded by the rule
//!   too (decided in big integers when a `Decimal` approximation is too close to call; see
//!   [`super::exact`]).
//! - Only the interest-bearing amount P accrues interest; the interest-free part C (违约金
//!   and fees under a card policy) is repaid in equal shares with the installments, and the
//!   level payment is round(annuity of P + C / n).
//! - Remainder policy: the last installment clears the balance exactly, so the schedule ends
//!   at exactly zero and the principal parts sum exactly to the financed amount. A payment
//!   rounded up to a multiple (1, 10, 100) can clear the balance early; the schedule then
//!   ends early.

use super::calendar::{DayCount, Frequency};
use super::exact::{BigNat, Ratio};
use super::money::{Amount, Rounding, RoundingRule};
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
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
    /// The interest-bearing amount repaid by the installments (≥ 0), in the minor unit.
    pub financed: Decimal,
    /// The amount repaid by the installments that bears no interest (≥ 0; 违约金 and fees
    /// under `cn-bank-card`): repaid in equal shares, round(C / n) a row, the last row
    /// clearing the rest.
    pub interest_free: Decimal,
    /// Day zero: interest accrues from here.
    pub start: NaiveDate,
    /// The first due date (after `start`).
    pub first_due: NaiveDate,
    /// How often installments fall due.
    pub frequency: Frequency,
    /// How the amount is repaid.
    pub method: Method,
    /// The plan's annual rate in percent; 0 is an interest freeze (停息).
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
    /// Amount due = principal + interest + charges + fees.
    pub payment: Amount,
    /// Repayment of the interest-bearing amount.
    pub principal: Amount,
    /// Plan interest for the period.
    pub interest: Amount,
    /// Repayment of the interest-free part (违约金 and fees under `cn-bank-card`); absent
    /// when zero.
    #[serde(default, skip_serializing_if = "Amount::is_zero_amount")]
    pub charges: Amount,
    /// Plan fees due with this installment.
    pub fees: Amount,
    /// Everything financed still owed after this installment (剩余应还: both parts).
    pub balance: Amount,
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

/// One period of a schedule: its due date and its exact rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Period {
    date: NaiveDate,
    rate: Ratio,
}

/// The due dates and exact rates r₁…rₙ of `count` installments.
fn periods(terms: &InstallmentTerms, count: u32) -> Result<Vec<Period>, ScheduleError> {
    if terms.first_due <= terms.start {
        return Err(ScheduleError::FirstDueNotAfterStart);
    }
    let annual = terms.annual_rate_percent;
    let per_year = u64::from(terms.frequency.periods_per_year());
    let regular = Ratio::of_annual_percent(annual, 1, per_year).ok_or(ScheduleError::Overflow)?;
    // The first period is regular when the first due date is one period after the start,
    // counted either way (Jan 30 → Feb 28 is a month, and so is Jan 31 ← Feb 28).
    let first_is_regular = terms.frequency.due_date(terms.start, 1) == Some(terms.first_due)
        || terms.frequency.due_date_before(terms.first_due, 1) == Some(terms.start);
    let mut out = Vec::with_capacity(count as usize);
    let mut previous = terms.start;
    for (index, date) in (0..count).zip(terms.frequency.due_dates(terms.first_due)) {
        let date = date.ok_or(ScheduleError::DateOutOfRange)?;
        let is_regular = index > 0 || first_is_regular;
        let rate = if is_regular && terms.day_count == DayCount::Periodic {
            regular
        } else {
            let (days, basis) = terms.day_count.year_fraction(previous, date);
            Ratio::of_annual_percent(annual, days, basis).ok_or(ScheduleError::Overflow)?
        };
        out.push(Period { date, rate });
        previous = date;
    }
    Ok(out)
}

/// (1 + r)^n by squaring; `None` when it exceeds Decimal's range.
pub(crate) fn pow(base: Decimal, exponent: u32) -> Option<Decimal> {
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

/// The payment's yearly growth: the factor 1 + step % and the periods in a year.
#[derive(Debug, Clone, Copy)]
struct Growth {
    factor: Ratio,
    per_year: u32,
}

impl Growth {
    /// The year (from 0) of the installment with 0-based `index`.
    fn year(self, index: usize) -> u32 {
        (index / self.per_year as usize) as u32
    }
}

/// The first scheduled payment of `count` installments (before the last one absorbs any
/// residue), or the first payment for equal principal.
pub fn first_payment(terms: &InstallmentTerms, count: u32, rounding: Rounding) -> Result<Decimal, ScheduleError> {
    if count == 0 || count > MAX_INSTALLMENTS {
        return Err(ScheduleError::CountOutOfRange { max: MAX_INSTALLMENTS });
    }
    let periods = periods(terms, count)?;
    scheduled_payment(terms, &periods, rounding)
}

fn growth_of(terms: &InstallmentTerms) -> Result<Option<Growth>, ScheduleError> {
    match terms.method {
        Method::StepUp { annual_step_percent } => {
            let factor = Ratio::one_plus_percent(annual_step_percent).ok_or(ScheduleError::Overflow)?;
            Ok(Some(Growth { factor, per_year: terms.frequency.periods_per_year() }))
        }
        _ => Ok(None),
    }
}

fn scheduled_payment(
    terms: &InstallmentTerms,
    periods: &[Period],
    rounding: Rounding,
) -> Result<Decimal, ScheduleError> {
    let p = terms.financed;
    let count = Decimal::from(periods.len());
    let first_rate = periods.first().map_or(Ratio::ZERO, |r| r.rate);
    let share = rounding.mul_div(terms.interest_free, Decimal::ONE, count).ok_or(ScheduleError::Overflow)?;
    let raw = match terms.method {
        Method::EqualPrincipal => rounding
            .mul_div(p, Decimal::ONE, count)
            .zip(rounding.times(p, first_rate))
            .and_then(|(principal, interest)| principal.checked_add(interest)?.checked_add(share)),
        Method::InterestOnlyBalloon => rounding.times(p, first_rate).and_then(|interest| interest.checked_add(share)),
        Method::EqualInstallment | Method::StepUp { .. } => {
            annuity_payment(p, terms.interest_free, periods, growth_of(terms)?, rounding)
        }
    }
    .ok_or(ScheduleError::Overflow)?;
    Ok(match (terms.round_up_to, terms.method) {
        (Some(step), Method::EqualInstallment | Method::StepUp { .. }) => rounding.round_up_to_multiple(raw, step),
        _ => raw,
    })
}

/// round(P / Σₖ gₖ Πⱼ≤ₖ 1/(1+rⱼ) + C / n), gₖ the growth of installment k (1 without a
/// step-up) and C the interest-free part: the level payment repays the interest-bearing
/// part P as an annuity and the interest-free part in equal shares, rounded once (so a
/// zero-rate plan is round((P + C) / n), as before the split). With every period regular and
/// no growth the annuity is the closed form PRODUCT.md names, P·r / (1 − (1+r)^−n).
/// Computed in `Decimal`, decided exactly near a rounding boundary (see [`super::exact`]).
fn annuity_payment(
    financed: Decimal,
    interest_free: Decimal,
    periods: &[Period],
    growth: Option<Growth>,
    rounding: Rounding,
) -> Option<Decimal> {
    let first = periods.first()?.rate;
    let count = u32::try_from(periods.len()).ok()?;
    let exact = || exact_annuity(financed, interest_free, periods, growth);
    let share = interest_free.checked_div(Decimal::from(count))?;
    if growth.is_none() && periods.iter().all(|p| p.rate == first) {
        if first.is_zero() {
            return rounding.mul_div(financed.checked_add(interest_free)?, Decimal::ONE, Decimal::from(count));
        }
        let rate = first.approx()?;
        // When (1+r)^n leaves Decimal's range, (1+r)^−n is below its resolution: zero.
        let discount = pow(Decimal::ONE + rate, count).map_or(Some(Decimal::ZERO), |g| Decimal::ONE.checked_div(g))?;
        let denominator = Decimal::ONE - discount;
        let approx = financed.checked_mul(rate)?.checked_div(denominator)?.checked_add(share)?;
        // 1 − (1+r)^−n loses digits to cancellation when r·n is small.
        let error = Decimal::new(1, 22).checked_div(denominator)?;
        return rounding.round_close(approx, error, 1, rounding.rule, exact);
    }
    let mut discount = Decimal::ONE;
    let mut factor = Decimal::ZERO;
    let mut grown = Decimal::ONE;
    for (k, period) in periods.iter().enumerate() {
        discount = discount.checked_div(Decimal::ONE + period.rate.approx()?)?;
        if let Some(growth) = growth {
            if k > 0 && growth.year(k) != growth.year(k - 1) {
                grown = grown.checked_mul(growth.factor.approx()?)?;
            }
        }
        factor = factor.checked_add(grown.checked_mul(discount)?)?;
    }
    let approx = financed.checked_div(factor)?.checked_add(share)?;
    let error = Decimal::new(1, 20).checked_mul(Decimal::from(count + 1))?.checked_div(factor.min(Decimal::ONE))?;
    rounding.round_close(approx, error, 1, rounding.rule, exact)
}

/// The exact annuity payment before rounding, as a fraction of big integers.
///
/// With rⱼ = aⱼ/bⱼ, cⱼ = aⱼ + bⱼ and the growth σ = σₙ/σ_d, gₖ = σ^yₖ (yₖ the year of
/// installment k, Y the last one): F·σ_d^Y = U/V by Horner from the last period,
/// U ← bⱼ(g′ⱼ·V + U), V ← cⱼ·V with g′ⱼ = σₙ^yⱼ·σ_d^(Y−yⱼ); the payment is P·σ_d^Y·V / U.
fn exact_annuity(
    financed: Decimal,
    interest_free: Decimal,
    periods: &[Period],
    growth: Option<Growth>,
) -> Option<(BigNat, BigNat)> {
    let (numerator, denominator) = growth.map_or((1, 1), |g| (g.factor.numerator(), g.factor.denominator()));
    let year = |k: usize| growth.map_or(0, |g| g.year(k));
    let last_year = year(periods.len().checked_sub(1)?);
    let mut u = BigNat::from(0);
    let mut v = BigNat::from(1);
    let mut weight: Option<(u32, BigNat)> = None;
    for (k, period) in periods.iter().enumerate().rev() {
        let y = year(k);
        if weight.as_ref().is_none_or(|(cached, _)| *cached != y) {
            weight = Some((y, BigNat::pow(numerator, y).mul(&BigNat::pow(denominator, last_year - y))));
        }
        let g = &weight.as_ref()?.1;
        let (a, b) = (period.rate.numerator(), period.rate.denominator());
        u = BigNat::from(b).mul(&g.mul(&v).add(&u));
        v = BigNat::from(a.checked_add(b)?).mul(&v);
    }
    // P·σ_d^Y·V / (10^t·U) + C / n over one denominator, C = c / 10^s.
    let natural = |d: Decimal| -> Option<(BigNat, BigNat)> {
        let d = d.normalize();
        Some((BigNat::from(u128::try_from(d.mantissa()).ok()?), BigNat::from(10u128.checked_pow(d.scale())?)))
    };
    let (p, p_scale) = natural(financed)?;
    let (c, c_scale) = natural(interest_free)?;
    let n = BigNat::from(u128::try_from(periods.len()).ok()?);
    let annuity_numerator = p.mul(&BigNat::pow(denominator, last_year)).mul(&v);
    let annuity_denominator = p_scale.mul(&u);
    let numerator = annuity_numerator.mul(&n).mul(&c_scale).add(&c.mul(&annuity_denominator));
    Some((numerator, annuity_denominator.mul(&n).mul(&c_scale)))
}

/// round((payment − s) × σ^years + s), or rounded up to a multiple of `round_up_to`: a
/// step-up's payment in a later year, exactly. s = C / n is the exact share of the
/// interest-free part, which does not grow: what grows is the part of the first payment that
/// repays the interest-bearing amount.
fn grown_payment(
    payment: Decimal,
    share: (Decimal, u32),
    growth: Growth,
    years: u32,
    round_up_to: Option<Decimal>,
    rounding: Rounding,
) -> Option<Decimal> {
    let (interest_free, count) = share;
    let s = interest_free.checked_div(Decimal::from(count))?;
    if payment <= s {
        return Some(payment);
    }
    let approx = (payment - s).checked_mul(pow(growth.factor.approx()?, years)?)?.checked_add(s)?;
    let (multiple, rule) = match round_up_to {
        Some(step) => {
            let units = step.checked_mul(Decimal::from(10u64.checked_pow(rounding.decimals)?))?;
            (units.trunc().to_u128()?, RoundingRule::Up)
        }
        None => (1, rounding.rule),
    };
    // ((p·n − c)·σₙ^y + c·σ_d^y) / (10^k·n·σ_d^y), payment = p / 10^k and C = c / 10^k.
    let exact = || {
        let scale = payment.scale().max(interest_free.scale());
        let at_scale = |d: Decimal| -> Option<i128> {
            d.mantissa().checked_mul(10i128.checked_pow(scale.checked_sub(d.scale())?)?)
        };
        let (p, c) = (at_scale(payment)?, at_scale(interest_free)?);
        let grown_part = u128::try_from(p.checked_mul(i128::from(count))?.checked_sub(c)?).ok()?;
        let (sn, sd) = (BigNat::pow(growth.factor.numerator(), years), BigNat::pow(growth.factor.denominator(), years));
        let c = BigNat::from(u128::try_from(c).ok()?);
        let numerator = BigNat::from(grown_part).mul(&sn).add(&c.mul(&sd));
        let denominator = BigNat::from(10u128.checked_pow(scale)?).mul(&BigNat::from(u128::from(count))).mul(&sd);
        Some((numerator, denominator))
    };
    rounding.round_close(approx, Decimal::new(1, 22), multiple, rule, exact)
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
    let periods = periods(terms, count)?;
    let overflow = || ScheduleError::Overflow;
    // Every figure below is a whole number of minor units: exact, and cheap to add.
    let units = |amount: Decimal| rounding.to_units(amount).ok_or_else(overflow);
    let first_payment = scheduled_payment(terms, &periods, rounding)?;
    let payment = units(first_payment)?;
    let equal_principal =
        units(rounding.mul_div(terms.financed, Decimal::ONE, Decimal::from(count)).ok_or_else(overflow)?)?;
    // The interest-free part: an equal share a row, the last row clearing the rest.
    let share = units(rounding.mul_div(terms.interest_free, Decimal::ONE, Decimal::from(count)).ok_or_else(overflow)?)?;
    let growth = growth_of(terms)?;
    let mut this_year = (0u32, payment);
    let mut balance = units(terms.financed)?;
    let mut free_balance = units(terms.interest_free)?;
    let amount = |units: i128| rounding.of_units(units).ok_or_else(overflow);
    let zero = amount(0)?;
    let mut rows = Vec::with_capacity(count as usize);
    for (index, period) in periods.iter().enumerate() {
        let number = index as u32 + 1;
        let interest = rounding.units_times(balance, period.rate).ok_or_else(overflow)?;
        let last = number == count;
        let charges = if last { free_balance } else { share.min(free_balance) };
        let principal = if last {
            balance
        } else {
            match (terms.method, growth) {
                (Method::EqualPrincipal, _) => equal_principal,
                (Method::InterestOnlyBalloon, _) => 0,
                (_, Some(growth)) => {
                    let year = growth.year(index);
                    if year != this_year.0 {
                        let share = (terms.interest_free, count);
                        let grown = grown_payment(first_payment, share, growth, year, terms.round_up_to, rounding);
                        this_year = (year, units(grown.ok_or_else(overflow)?)?);
                    }
                    this_year.1 - interest - charges
                }
                (_, None) => payment - interest - charges,
            }
        };
        if principal < 0 {
            return Err(ScheduleError::NegativeAmortization { number });
        }
        let principal = principal.min(balance);
        balance -= principal;
        free_balance -= charges;
        rows.push(ScheduleRow {
            number,
            date: period.date,
            payment: amount(principal + interest + charges)?,
            principal: amount(principal)?,
            interest: amount(interest)?,
            charges: amount(charges)?,
            fees: zero,
            balance: amount(balance + free_balance)?,
        });
        if balance == 0 && free_balance == 0 {
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
    let first_rate = periods(terms, 1)?.first().map_or(Ratio::ZERO, |p| p.rate);
    let first_interest = rounding.times(terms.financed, first_rate).ok_or(ScheduleError::Overflow)?;
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
