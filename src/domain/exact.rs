//! Exact rounding: every rounded figure is its exact value, rounded once by the plan's rule.
//!
//! A rate for one period is a [`Ratio`] of integers — annual % × days ÷ (100 × 365), or
//! annual % ÷ (100 × periods a year) — never a decimal cut to 28 digits. Interest is then
//! balance × numerator ÷ denominator in integers: multiply first, divide once, round once, so a
//! value that lands exactly on half a minor unit rounds by the rule (10,008.00 at 18.25 % a
//! year for one month is 152.205 → 152.21; with the monthly rate cut to 28 digits first it was
//! 152.2049999… → 152.20).
//!
//! Figures with no short exact form — the annuity payment P / Σₖ gₖ Πⱼ≤ₖ 1/(1+rⱼ) and a
//! step-up's grown payment — are computed in `Decimal` first. When that approximation lies
//! within its error bound of a rounding boundary (a half for the half rules, a whole unit for
//! `down` and `up`), the exact fraction is built in big integers and decides instead, so the
//! result is the exact value rounded by the rule whatever the inputs.
//!
//! Every operation is checked: `None` means the integers would overflow (inputs far beyond
//! the parser's bounds), never a panic.

use super::money::{Rounding, RoundingRule};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A non-negative exact fraction `numerator / denominator` (the denominator is never 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    numerator: u128,
    denominator: u128,
}

impl Ratio {
    /// Zero.
    pub const ZERO: Ratio = Ratio { numerator: 0, denominator: 1 };

    /// `numerator / denominator`; `None` when the denominator is 0.
    pub fn new(numerator: u128, denominator: u128) -> Option<Ratio> {
        (denominator != 0).then_some(Ratio { numerator, denominator })
    }

    /// The rate of `years_numerator / years_denominator` of a year at `annual_percent` % a
    /// year: annual % × years_numerator ÷ (100 × years_denominator), exactly. `None` for a
    /// negative percent, a zero denominator or integers that overflow.
    pub fn of_annual_percent(annual_percent: Decimal, years_numerator: u64, years_denominator: u64) -> Option<Ratio> {
        let percent = annual_percent.normalize();
        let mantissa = u128::try_from(percent.mantissa()).ok()?;
        let scale = 10u128.checked_pow(percent.scale())?;
        let denominator = scale.checked_mul(100)?.checked_mul(u128::from(years_denominator))?;
        Ratio::new(mantissa.checked_mul(u128::from(years_numerator))?, denominator)
    }

    /// 1 + `percent` % (a growth factor), exactly.
    pub fn one_plus_percent(percent: Decimal) -> Option<Ratio> {
        let rate = Ratio::of_annual_percent(percent, 1, 1)?;
        Ratio::new(rate.numerator.checked_add(rate.denominator)?, rate.denominator)
    }

    /// The numerator.
    pub fn numerator(self) -> u128 {
        self.numerator
    }

    /// The denominator (never 0).
    pub fn denominator(self) -> u128 {
        self.denominator
    }

    /// Whether the ratio is 0.
    pub fn is_zero(self) -> bool {
        self.numerator == 0
    }

    /// The nearest `Decimal` (28 significant digits at most): for approximations only.
    pub fn approx(self) -> Option<Decimal> {
        let numerator = Decimal::try_from_i128_with_scale(i128::try_from(self.numerator).ok()?, 0).ok()?;
        let denominator = Decimal::try_from_i128_with_scale(i128::try_from(self.denominator).ok()?, 0).ok()?;
        numerator.checked_div(denominator)
    }
}

impl Rounding {
    /// `amount × rate`, rounded once by the plan's rule: multiply, divide once, round once.
    /// `None` when the integers would overflow.
    pub fn times(&self, amount: impl Into<Decimal>, rate: Ratio) -> Option<Decimal> {
        let amount: Decimal = amount.into();
        let numerator = amount.mantissa().checked_mul(i128::try_from(rate.numerator).ok()?)?;
        let denominator = i128::try_from(rate.denominator).ok()?;
        self.quotient(numerator, denominator, -(amount.scale() as i32))
    }

    /// `units × rate` in minor units, rounded once by the plan's rule: [`Rounding::times`] for
    /// an amount already in minor units. `None` when the integers would overflow.
    pub fn units_times(&self, units: i128, rate: Ratio) -> Option<i128> {
        let numerator = units.checked_mul(i128::try_from(rate.numerator).ok()?)?;
        divide_rounding(numerator, i128::try_from(rate.denominator).ok()?, self.rule)
    }

    /// `a × b ÷ c`, rounded once by the plan's rule. `None` when `c` is 0 or the integers
    /// would overflow.
    pub fn mul_div(&self, a: impl Into<Decimal>, b: Decimal, c: Decimal) -> Option<Decimal> {
        let (a, b, c) = (a.into().normalize(), b.normalize(), c.normalize());
        let numerator = a.mantissa().checked_mul(b.mantissa())?;
        let exponent = c.scale() as i32 - a.scale() as i32 - b.scale() as i32;
        self.quotient(numerator, c.mantissa(), exponent)
    }

    /// `numerator × 10^exponent ÷ denominator`, rounded to the plan's digits by its rule.
    fn quotient(&self, numerator: i128, denominator: i128, exponent: i32) -> Option<Decimal> {
        if denominator == 0 {
            return None;
        }
        let (mut numerator, mut denominator) = if denominator < 0 {
            (numerator.checked_neg()?, denominator.checked_neg()?)
        } else {
            (numerator, denominator)
        };
        let shift = exponent + self.decimals as i32;
        if shift >= 0 {
            numerator = numerator.checked_mul(10i128.checked_pow(shift as u32)?)?;
        } else {
            denominator = denominator.checked_mul(10i128.checked_pow(shift.unsigned_abs())?)?;
        }
        let units = divide_rounding(numerator, denominator, self.rule)?;
        Decimal::try_from_i128_with_scale(units, self.decimals).ok()
    }

    /// Rounds x ≥ 0 to a whole number of `multiple` minor units by `rule`, where `approx` is x
    /// computed in `Decimal` with a relative error of at most `relative_error`, and `exact`
    /// gives x as a fraction of big integers. The exact fraction is only built when the
    /// approximation is too close to a rounding boundary to decide.
    pub(crate) fn round_close(
        &self,
        approx: Decimal,
        relative_error: Decimal,
        multiple: u128,
        rule: RoundingRule,
        exact: impl FnOnce() -> Option<(BigNat, BigNat)>,
    ) -> Option<Decimal> {
        if approx.is_sign_negative() || multiple == 0 {
            return None;
        }
        let unit = Decimal::try_from_i128_with_scale(i128::try_from(multiple).ok()?, self.decimals).ok()?;
        let units = approx.checked_div(unit)?;
        let fraction = units - units.trunc();
        let tolerance = units.checked_mul(relative_error)?.checked_add(Decimal::new(1, 20))?;
        let near = match rule {
            RoundingRule::HalfAwayFromZero | RoundingRule::HalfEven => {
                (fraction - Decimal::new(5, 1)).abs() <= tolerance
            }
            RoundingRule::Down | RoundingRule::Up => fraction <= tolerance || Decimal::ONE - fraction <= tolerance,
        };
        let whole_units = if near {
            let (numerator, denominator) = exact()?;
            let estimate = units.trunc().to_i128()?;
            round_big(&numerator, &denominator.mul(&BigNat::from(multiple)), self.decimals, estimate, rule)?
        } else {
            units.round_dp_with_strategy(0, rule.strategy()).to_i128()?
        };
        let minor_units = whole_units.checked_mul(i128::try_from(multiple).ok()?)?;
        Decimal::try_from_i128_with_scale(minor_units, self.decimals).ok()
    }
}

/// `numerator ÷ denominator` (denominator > 0) rounded to a whole number by `rule`.
fn divide_rounding(numerator: i128, denominator: i128, rule: RoundingRule) -> Option<i128> {
    // A schedule's interest fits 64 bits, where division is a machine instruction.
    let (quotient, remainder) = match (i64::try_from(numerator), i64::try_from(denominator)) {
        (Ok(n), Ok(d)) if d != -1 => (i128::from(n / d), u128::from((n % d).unsigned_abs())),
        _ => (numerator / denominator, (numerator % denominator).unsigned_abs()),
    };
    if remainder == 0 {
        return Some(quotient);
    }
    let rest = denominator.unsigned_abs() - remainder;
    let away = match rule {
        RoundingRule::Down => false,
        RoundingRule::Up => true,
        RoundingRule::HalfAwayFromZero => remainder >= rest,
        RoundingRule::HalfEven => remainder > rest || (remainder == rest && quotient % 2 != 0),
    };
    if away {
        quotient.checked_add(numerator.signum())
    } else {
        Some(quotient)
    }
}

/// `numerator × 10^decimals ÷ denominator` rounded to a whole number by `rule`, exactly, given
/// an `estimate` within a few units of the true quotient.
fn round_big(
    numerator: &BigNat,
    denominator: &BigNat,
    decimals: u32,
    estimate: i128,
    rule: RoundingRule,
) -> Option<i128> {
    if denominator.is_zero() {
        return None;
    }
    let scaled = numerator.mul(&BigNat::from(10u128.checked_pow(decimals)?));
    let times = |q: i128| u128::try_from(q).ok().map(|q| denominator.mul(&BigNat::from(q)));
    // The floor q: q × denominator ≤ scaled < (q + 1) × denominator.
    let mut q = estimate.max(0);
    while q > 0 && times(q)? > scaled {
        q -= 1;
    }
    while times(q.checked_add(1)?)? <= scaled {
        q += 1;
    }
    let floor = times(q)?;
    if floor == scaled {
        return Some(q);
    }
    // Compare the remainder with half the denominator: 2 × scaled against (2q + 1) × denominator.
    let twice = scaled.mul(&BigNat::from(2));
    let middle = denominator.mul(&BigNat::from(u128::try_from(q.checked_mul(2)?.checked_add(1)?).ok()?));
    let up = match rule {
        RoundingRule::Down => false,
        RoundingRule::Up => true,
        RoundingRule::HalfAwayFromZero => twice >= middle,
        RoundingRule::HalfEven => twice > middle || (twice == middle && q % 2 != 0),
    };
    Some(if up { q + 1 } else { q })
}

/// A natural number of any size (little-endian 32-bit limbs, no leading zero limb): just what
/// the exact fallback needs — products, sums and comparisons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BigNat(Vec<u32>);

impl From<u128> for BigNat {
    fn from(mut value: u128) -> Self {
        let mut limbs = Vec::new();
        while value > 0 {
            limbs.push(value as u32);
            value >>= 32;
        }
        BigNat(limbs)
    }
}

impl BigNat {
    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn trimmed(mut limbs: Vec<u32>) -> BigNat {
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        BigNat(limbs)
    }

    /// `self × other`.
    pub(crate) fn mul(&self, other: &BigNat) -> BigNat {
        if self.is_zero() || other.is_zero() {
            return BigNat(Vec::new());
        }
        let mut out = vec![0u32; self.0.len() + other.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.0.iter().enumerate() {
                let t = u64::from(a) * u64::from(b) + u64::from(out[i + j]) + carry;
                out[i + j] = t as u32;
                carry = t >> 32;
            }
            out[i + other.0.len()] = carry as u32;
        }
        BigNat::trimmed(out)
    }

    /// `self + other`.
    pub(crate) fn add(&self, other: &BigNat) -> BigNat {
        let (long, short) = if self.0.len() >= other.0.len() { (self, other) } else { (other, self) };
        let mut out = Vec::with_capacity(long.0.len() + 1);
        let mut carry = 0u64;
        for (i, &a) in long.0.iter().enumerate() {
            let t = u64::from(a) + u64::from(short.0.get(i).copied().unwrap_or(0)) + carry;
            out.push(t as u32);
            carry = t >> 32;
        }
        out.push(carry as u32);
        BigNat::trimmed(out)
    }

    /// `base^exponent`.
    pub(crate) fn pow(base: u128, mut exponent: u32) -> BigNat {
        let (mut result, mut square) = (BigNat::from(1), BigNat::from(base));
        while exponent > 0 {
            if exponent & 1 == 1 {
                result = result.mul(&square);
            }
            exponent >>= 1;
            if exponent > 0 {
                square = square.mul(&square);
            }
        }
        result
    }
}

impl PartialOrd for BigNat {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BigNat {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use rust_decimal_macros::dec;

    fn cny(rule: RoundingRule) -> Rounding {
        Rounding::new(Currency::CNY, rule)
    }

    #[test]
    fn a_monthly_rate_is_not_cut_before_it_multiplies() {
        // Issue 13, hand computation: 10,008.00 × 18.25 % ÷ 12 = 152.205 exactly → 152.21.
        let monthly = Ratio::of_annual_percent(dec!(18.25), 1, 12).unwrap();
        assert_eq!(cny(RoundingRule::HalfAwayFromZero).times(dec!(10008.00), monthly), Some(dec!(152.21)));
        assert_eq!(cny(RoundingRule::HalfEven).times(dec!(10008.00), monthly), Some(dec!(152.20)));
        assert_eq!(cny(RoundingRule::Down).times(dec!(10008.00), monthly), Some(dec!(152.20)));
        assert_eq!(cny(RoundingRule::Up).times(dec!(10008.00), monthly), Some(dec!(152.21)));
    }

    #[test]
    fn mul_div_rounds_signed_values_by_the_rule() {
        let half = cny(RoundingRule::HalfAwayFromZero);
        assert_eq!(half.mul_div(dec!(-0.05), dec!(1), dec!(2)), Some(dec!(-0.03)));
        assert_eq!(cny(RoundingRule::HalfEven).mul_div(dec!(0.05), dec!(1), dec!(2)), Some(dec!(0.02)));
        assert_eq!(cny(RoundingRule::HalfEven).mul_div(dec!(0.07), dec!(1), dec!(2)), Some(dec!(0.04)));
        assert_eq!(half.mul_div(dec!(1), dec!(1), dec!(0)), None);
        assert_eq!(half.mul_div(dec!(10), dec!(1), dec!(-3)), Some(dec!(-3.33)));
    }

    #[test]
    fn big_naturals_multiply_add_and_compare() {
        let big = BigNat::pow(10, 40);
        assert!(big.mul(&BigNat::from(3)).add(&BigNat::from(7)) > big.mul(&BigNat::from(3)));
        assert_eq!(BigNat::pow(2, 64), BigNat::from(1u128 << 64));
        assert_eq!(BigNat::pow(u128::from(u64::MAX), 2), BigNat::from(u128::from(u64::MAX) * u128::from(u64::MAX)));
    }

    #[test]
    fn a_close_approximation_is_decided_exactly() {
        // x = 1.005 exactly, approximated just below: the exact fraction rounds it up.
        let half = cny(RoundingRule::HalfAwayFromZero);
        let exact = || Some((BigNat::from(201), BigNat::from(200)));
        assert_eq!(
            half.round_close(dec!(1.00499999999999999999999), dec!(1e-20), 1, half.rule, exact),
            Some(dec!(1.01))
        );
        // Far from the boundary the approximation decides alone.
        assert_eq!(half.round_close(dec!(1.0031), dec!(1e-20), 1, half.rule, || None), Some(dec!(1.00)));
        // Up to a multiple of 10.00: 30.00 exactly stays, just above goes to 40.00.
        let exact = || Some((BigNat::from(30), BigNat::from(1)));
        assert_eq!(
            half.round_close(dec!(30.0000000000000000001), dec!(1e-20), 1000, RoundingRule::Up, exact),
            Some(dec!(30.00))
        );
        let exact = || Some((BigNat::from(3001), BigNat::from(100)));
        assert_eq!(half.round_close(dec!(30.01), dec!(1e-20), 1000, RoundingRule::Up, exact), Some(dec!(40.00)));
    }
}
