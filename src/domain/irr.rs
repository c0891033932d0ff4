//! The internal rate of return of dated cash flows, per unit period.
//!
//! Each flow is discounted as in US Reg Z Appendix J: an amount due after `whole` unit
//! periods and a fraction `f` of one is divided by (1 + f·i)(1 + i)^whole.
//!
//! This is the one place in the core that iterates in `f64`, as PRODUCT.md allows: the solver
//! uses only + − × ÷ (no `powf`, `ln`, `exp`), which IEEE 754 defines exactly, so the browser
//! (wasm32) and the native verifier get the same bits. What it reports is turned into a
//! `Decimal` by the caller and rounded to the digits shown.
//!
//! Invariants: the solver brackets a root before it iterates and never leaves the bracket,
//! so it cannot diverge; a zero rate is found exactly when the flows sum to zero.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// One cash flow: `amount` (negative = advanced to the debtor, positive = paid by the
/// debtor) due after `whole` unit periods and `fraction` (0 ≤ fraction < 1) of one more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CashFlow {
    /// The amount, in the currency's major unit.
    pub amount: Decimal,
    /// Whole unit periods from day zero.
    pub whole: u32,
    /// Odd-day fraction of a unit period.
    pub fraction: Decimal,
}

/// A flow converted once for iteration: (amount, whole periods, fraction).
type Point = (f64, u32, f64);

fn points(flows: &[CashFlow]) -> Vec<Point> {
    flows.iter().map(|f| (f.amount.to_f64().unwrap_or(0.0), f.whole, f.fraction.to_f64().unwrap_or(0.0))).collect()
}

/// The net present value of `flows` at periodic rate `rate` (f64 arithmetic, + − × ÷ only).
pub fn npv(flows: &[CashFlow], rate: f64) -> f64 {
    npv_of(&points(flows), rate)
}

fn npv_of(points: &[Point], rate: f64) -> f64 {
    npv_and_slope(points, rate).0
}

/// NPV and d NPV / d rate in one pass. Points come in time order, so v^whole (v = 1/(1+i))
/// is a running power; a point earlier than the last restarts it.
fn npv_and_slope(points: &[Point], rate: f64) -> (f64, f64) {
    let base = 1.0 + rate;
    let v = 1.0 / base;
    let (mut power, mut power_of) = (1.0, 0u32);
    let (mut npv, mut slope) = (0.0, 0.0);
    for &(amount, whole, fraction) in points {
        if whole < power_of {
            (power, power_of) = (1.0, 0);
        }
        while power_of < whole {
            power *= v;
            power_of += 1;
        }
        let simple = 1.0 + fraction * rate;
        let present = amount * power / simple;
        npv += present;
        // d/di [a v^w / (1+f i)] = −a v^w/(1+f i) · (f/(1+f i) + w/(1+i))
        slope -= present * (fraction / simple + f64::from(whole) / base);
    }
    (npv, slope)
}

/// Solves NPV(i) = 0 for the periodic rate i, or `None` when the flows have no rate
/// (no sign change between −99.9999 % and 10^6 % a period).
///
/// The flows are expected to be one advance followed by payments (NPV falls as the rate
/// rises). The solver brackets the root starting from zero, then runs Newton steps that fall
/// back to bisection whenever a step would leave the bracket.
pub fn solve(flows: &[CashFlow]) -> Option<f64> {
    if flows.is_empty() {
        return None;
    }
    let exact_sum: Option<Decimal> = flows.iter().try_fold(Decimal::ZERO, |acc, f| acc.checked_add(f.amount));
    if exact_sum == Some(Decimal::ZERO) {
        return Some(0.0);
    }
    let points = points(flows);
    let npv = |rate: f64| npv_of(&points, rate);
    // Bracket from zero, where NPV is the plain sum: a positive sum puts the root above zero
    // (search upwards, doubling), a negative one below (halve the distance to −100 % each
    // step, so that (1+i)^n never underflows to an infinite NPV).
    let at_zero = npv(0.0);
    let (mut lo, mut hi, mut f_lo, mut f_hi);
    if at_zero > 0.0 {
        (lo, f_lo, hi) = (0.0, at_zero, 0.125);
        f_hi = npv(hi);
        while f_hi.is_finite() && f_hi > 0.0 && hi < 1.0e4 {
            (lo, f_lo) = (hi, f_hi);
            hi *= 2.0;
            f_hi = npv(hi);
        }
    } else {
        (hi, f_hi, lo) = (0.0, at_zero, -0.125);
        f_lo = npv(lo);
        while f_lo.is_finite() && f_lo < 0.0 && lo > -0.999_999 {
            (hi, f_hi) = (lo, f_lo);
            lo = -1.0 + (1.0 + lo) * 0.5;
            f_lo = npv(lo);
        }
    }
    if !(f_lo.is_finite() && f_hi.is_finite()) || f_lo * f_hi > 0.0 {
        return None;
    }
    if f_lo == 0.0 {
        return Some(lo);
    }
    if f_hi == 0.0 {
        return Some(hi);
    }
    let mut rate = 0.5 * (lo + hi);
    for _ in 0..200 {
        let (value, slope) = npv_and_slope(&points, rate);
        if value == 0.0 {
            return Some(rate);
        }
        if (value < 0.0) == (f_lo < 0.0) {
            lo = rate;
            f_lo = value;
        } else {
            hi = rate;
        }
        let newton = rate - value / slope;
        // Converged: the Newton step no longer moves the rate.
        if slope != 0.0 && newton.is_finite() && (newton - rate).abs() <= 1.0e-15 * (1.0 + rate.abs()) {
            return Some(newton);
        }
        let next = if slope != 0.0 && newton > lo && newton < hi { newton } else { 0.5 * (lo + hi) };
        if hi - lo <= 1.0e-16 * (1.0 + lo.abs()) {
            return Some(next);
        }
        rate = next;
    }
    Some(rate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn annuity(advance: Decimal, payment: Decimal, count: u32) -> Vec<CashFlow> {
        let mut flows = vec![CashFlow { amount: -advance, whole: 0, fraction: Decimal::ZERO }];
        flows.extend((1..=count).map(|k| CashFlow { amount: payment, whole: k, fraction: Decimal::ZERO }));
        flows
    }

    #[test]
    fn pboc_2021_no_3_example_monthly_irr() {
        // Source: PBOC announcement 2021 No. 3 (annualized rate disclosure), example: a loan
        // of 100,000 with a 1,000 fee up front, repaid by 12 monthly payments of 8,833.30;
        // IRR 1.066983 % a month.
        let rate = solve(&annuity(dec!(99000), dec!(8833.30), 12)).unwrap();
        assert!((rate * 100.0 - 1.066983).abs() < 5.0e-7, "{rate}");
    }

    #[test]
    fn reg_z_style_apr() {
        // Source: US Reg Z (12 CFR 1026) Appendix J style example: 5,000 financed, 36
        // monthly payments of 166.07 → APR 12.00 % (within 1/8 point).
        let rate = solve(&annuity(dec!(5000), dec!(166.07), 36)).unwrap();
        assert!((rate * 12.0 * 100.0 - 12.0).abs() < 0.125);
    }

    #[test]
    fn zero_rate_is_exact() {
        assert_eq!(solve(&annuity(dec!(700), dec!(100), 7)), Some(0.0));
    }

    #[test]
    fn no_sign_change_has_no_rate() {
        let flows = [CashFlow { amount: dec!(5), whole: 1, fraction: Decimal::ZERO }];
        assert_eq!(solve(&flows), None);
    }
}
