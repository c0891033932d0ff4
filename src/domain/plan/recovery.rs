//! What the creditor gets back and what the credit costs: the dated cash flows, the present
//! value of recovery at the creditor's discount rate, and the annualized rates by IRR.

use super::AnnualizedRate;
use crate::domain::calendar::{self, Frequency};
use crate::domain::exact::Ratio;
use crate::domain::irr::{self, CashFlow};
use crate::domain::money::{fix_scale, Amount};
use crate::domain::schedule::ScheduleRow;
use chrono::NaiveDate;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// −financed on day zero, then each row's payment, in unit periods of `frequency`.
///
/// Rows are due dates of `frequency` on one calendar: without `grid`, consecutive from the
/// first row, so row k lies k − 1 whole periods after row 1; with `grid` (a re-aged plan:
/// the calendar's first date and each row's period on it), where the grid puts them. Only
/// the calendar's first date is counted in days.
pub(super) fn dated_flows(
    as_of: NaiveDate,
    financed: Amount,
    rows: &[ScheduleRow],
    frequency: Frequency,
    grid: Option<(NaiveDate, &[u32])>,
) -> Vec<CashFlow> {
    let mut flows = Vec::with_capacity(rows.len() + 1);
    flows.push(CashFlow { amount: -financed.value(), whole: 0, fraction: Decimal::ZERO });
    let Some(first) = rows.first() else { return flows };
    let anchor = grid.map_or(first.date, |(first_due, _)| first_due);
    let (first_whole, fraction) = calendar::unit_periods_between(as_of, anchor, frequency);
    for (k, row) in rows.iter().enumerate() {
        let period = grid.and_then(|(_, periods)| periods.get(k).copied()).unwrap_or(k as u32);
        flows.push(CashFlow { amount: row.payment.value(), whole: first_whole + period, fraction });
    }
    flows
}

/// Σ payments discounted at `annual_percent` / periods a year per unit period (the advance
/// on day zero excluded): each payment × v^whole / (1 + fraction·i) with v = 1/(1 + i).
///
/// The flows are a schedule's, as [`dated_flows`] makes them: in time order, every payment
/// at the first payment's odd-day fraction. They are summed by Horner's rule from the last:
/// one multiplication by v a period and one division by (1 + fraction·i) in all — in 64.64
/// fixed point ([`present_value_fixed`]), or in 28-digit `Decimal` when the fixed-point sum
/// is too close to a rounding boundary to trust ([`present_value_decimal`]). A test against
/// big rationals checks the rounded result.
pub(super) fn present_value(flows: &[CashFlow], annual_percent: Decimal, frequency: Frequency) -> Decimal {
    let Some(first) = flows.iter().find(|f| is_positive(f.amount)) else { return Decimal::ZERO };
    let rate = || annual_percent / Decimal::ONE_HUNDRED / Decimal::from(frequency.periods_per_year());
    let odd_day_rate = if first.fraction.is_zero() { Decimal::ZERO } else { first.fraction * rate() };
    present_value_fixed(flows, annual_percent, frequency, odd_day_rate)
        .unwrap_or_else(|| present_value_decimal(flows, rate()))
}

/// [`present_value`]'s sum in 28-digit `Decimal` at periodic rate `i`.
fn present_value_decimal(flows: &[CashFlow], i: Decimal) -> Decimal {
    let positive = || flows.iter().filter(|f| is_positive(f.amount));
    let Some(first) = positive().next() else { return Decimal::ZERO };
    let v = Decimal::ONE.checked_div(Decimal::ONE + i).unwrap_or_default();
    // Σ amount × v^(whole − whole of the later flow), from the last flow back to the first.
    let mut total = Decimal::ZERO;
    let mut at = None::<u32>;
    for flow in positive().rev() {
        if let Some(later) = at {
            for _ in flow.whole..later {
                total = total.checked_mul(v).unwrap_or_default();
            }
        }
        total += flow.amount;
        at = Some(flow.whole);
    }
    for _ in 0..first.whole {
        total = total.checked_mul(v).unwrap_or_default();
    }
    if first.fraction.is_zero() {
        total
    } else {
        total.checked_div(Decimal::ONE + first.fraction * i).unwrap_or_default()
    }
}

/// Whether `amount` > 0, read from its sign bit and digits (a `Decimal` comparison rescales).
fn is_positive(amount: Decimal) -> bool {
    amount.is_sign_positive() && !amount.is_zero()
}

/// One unit of 64.64 fixed point: `2^64`.
const FIXED_ONE: u128 = 1 << 64;

/// `x × v` in 64.64 fixed point (`v` < 1 a fraction of 2^64), truncated: two integer
/// multiplications, and it cannot overflow (the product is below `x`).
fn times_fraction(x: u128, v: u64) -> u128 {
    let v = u128::from(v);
    (x >> 64) * v + (((x & (FIXED_ONE - 1)) * v) >> 64)
}

/// [`present_value`]'s Horner sum in 64.64 fixed point, in units of the amounts' last digit:
/// two integer multiplications a period instead of a 28-digit `Decimal` product (which was
/// a third of a 360-row plan's time). v = 1/(1 + i) is cut to 64 bits, each product loses
/// under one bit, so the sum is off by less than (periods + last period × Σ units) / 2^64
/// of a unit, bounded twice over here. `None` — the caller then sums in `Decimal` — for a
/// zero rate (v = 1 is not a fraction), amounts of different scales or past 2^64 units, or
/// a result within that bound of a whole or a half unit, where a rounding rule could turn
/// on the lost bits. `odd_day_rate` is the first flow's fraction × i.
fn present_value_fixed(
    flows: &[CashFlow],
    annual_percent: Decimal,
    frequency: Frequency,
    odd_day_rate: Decimal,
) -> Option<Decimal> {
    let rate = Ratio::of_annual_percent(annual_percent, 1, u64::from(frequency.periods_per_year()))?;
    if rate.is_zero() || rate.denominator() >= FIXED_ONE {
        return None;
    }
    let v = u64::try_from((rate.denominator() << 64) / rate.numerator().checked_add(rate.denominator())?).ok()?;
    let positive = || flows.iter().filter(|f| is_positive(f.amount));
    let scale = positive().next()?.amount.scale();
    let (mut total, mut at, mut units_sum, mut steps) = (0u128, None::<u32>, 0u128, 0u128);
    let mut last_whole = None::<u32>;
    for flow in positive().rev() {
        last_whole = last_whole.or(Some(flow.whole));
        if let Some(later) = at {
            for _ in flow.whole..later {
                total = times_fraction(total, v);
            }
            steps += u128::from(later - flow.whole);
        }
        let units = u64::try_from(flow.amount.mantissa()).ok().filter(|_| flow.amount.scale() == scale)?;
        units_sum = units_sum.checked_add(u128::from(units))?;
        total = total.checked_add(u128::from(units) << 64)?;
        at = Some(flow.whole);
    }
    let first_whole = at?;
    for _ in 0..first_whole {
        total = times_fraction(total, v);
    }
    let last_whole = u128::from(last_whole?);
    let error_bits =
        steps.checked_add(u128::from(first_whole))?.checked_add(last_whole.checked_mul(units_sum)?)?.checked_mul(2)?;
    // 9 fraction digits of a unit, and an error bound in billionths rounded up.
    const DIGITS: u128 = 1_000_000_000;
    let mantissa = (total >> 64).checked_mul(DIGITS)? + (((total & (FIXED_ONE - 1)) * DIGITS) >> 64);
    let error =
        Decimal::try_from_i128_with_scale(i128::try_from(error_bits.checked_mul(DIGITS)? >> 64).ok()? + 2, 9).ok()?;
    let sum = Decimal::try_from_i128_with_scale(i128::try_from(mantissa).ok()?, 9).ok()?;
    let value_in_units = if odd_day_rate.is_zero() { sum } else { sum.checked_div(Decimal::ONE + odd_day_rate)? };
    let fraction = value_in_units.fract();
    let half = Decimal::new(5, 1);
    let near = fraction <= error || Decimal::ONE - fraction <= error || (fraction - half).abs() <= error;
    if near {
        return None;
    }
    value_in_units.checked_div(Decimal::from(10u64.checked_pow(scale)?))
}

/// The largest effective annualized rate reported, in percent. Above it the term is so short
/// and its cost so large (a one-day extension with a fee of several times the amount) that
/// compounding the period's cost to a year gives a number with no meaning: the effective rate
/// is then left out and the nominal rate stands alone.
pub const MAX_EFFECTIVE_PERCENT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The annualized rate of `flows` in unit periods of `frequency`; `annual_percent` is the
/// plan's own rate, where the solver starts.
pub(super) fn annualized(flows: &[CashFlow], frequency: Frequency, annual_percent: Decimal) -> Option<AnnualizedRate> {
    if flows.first().is_none_or(|f| f.amount.is_zero()) || flows.len() < 2 {
        return None;
    }
    let m = frequency.periods_per_year();
    let rate = Decimal::from_f64(irr::solve_near(flows, annual_percent, m)?)?;
    let pct = |x: Decimal, dp| {
        let percent = x.checked_mul(Decimal::ONE_HUNDRED)?;
        Some(fix_scale(percent.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero), dp))
    };
    // (1+i)^m − 1 by squaring, left out past the largest rate reported.
    let limit = MAX_EFFECTIVE_PERCENT / Decimal::ONE_HUNDRED + Decimal::ONE;
    let grown = crate::domain::schedule::pow(Decimal::ONE + rate, m).filter(|g| *g <= limit);
    Some(AnnualizedRate {
        periodic_percent: pct(rate, 6)?,
        periods_per_year: m,
        nominal_percent: pct(rate.checked_mul(Decimal::from(m))?, 2)?,
        effective_percent: grown.and_then(|g| pct(g - Decimal::ONE, 2)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    use crate::domain::irr::annuity as monthly;

    #[test]
    fn the_fixed_point_sum_agrees_with_the_decimal_one() {
        // 360 × 1,199.10 at 8 % a year (the benchmark's plan), then with 11/30 of a month
        // of odd days: the 64.64 sum and the 28-digit one agree to 10⁻⁸ of a cent.
        let mut flows = monthly(dec!(200000), dec!(1199.10), 360);
        for fraction in [Decimal::ZERO, dec!(11) / dec!(30)] {
            flows.iter_mut().skip(1).for_each(|f| f.fraction = fraction);
            let i = dec!(8) / dec!(1200);
            let fixed = present_value_fixed(&flows, dec!(8), Frequency::Monthly, fraction * i).unwrap();
            let decimal = present_value_decimal(&flows, i);
            assert!((fixed - decimal).abs() < dec!(0.0000000001), "{fixed} vs {decimal}");
            assert_eq!(present_value(&flows, dec!(8), Frequency::Monthly), fixed);
        }
    }

    #[test]
    fn a_sum_on_a_whole_cent_is_left_to_decimal() {
        // 300 % a year monthly is 25 % a month, v = 0.8 exactly in decimal but not in binary:
        // 5.00 a month later is worth 4.00, on a boundary the cut bits could cross.
        let flows = monthly(dec!(4), dec!(5.00), 1);
        assert_eq!(present_value_fixed(&flows, dec!(300), Frequency::Monthly, Decimal::ZERO), None);
        assert_eq!(present_value(&flows, dec!(300), Frequency::Monthly), dec!(4.00));
    }
}
