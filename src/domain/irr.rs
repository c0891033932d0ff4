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
    // The last amount and fraction converted: a schedule's flows repeat them (the equal
    // payments, one fraction), and converting a `Decimal` costs more than comparing its bits
    // (one 128-bit compare; an equal value written otherwise is only converted again).
    let bits = |value: Decimal| u128::from_le_bytes(value.serialize());
    let (mut amount_of, mut fraction_of) = ((bits(Decimal::ZERO), 0.0), (bits(Decimal::ZERO), 0.0));
    let convert = |last: &mut (u128, f64), value: Decimal| {
        let value_bits = bits(value);
        if value_bits != last.0 {
            *last = (value_bits, value.to_f64().unwrap_or(0.0));
        }
        last.1
    };
    let mut points = Vec::with_capacity(flows.len());
    for flow in flows {
        let amount = convert(&mut amount_of, flow.amount);
        points.push((amount, flow.whole, convert(&mut fraction_of, flow.fraction)));
    }
    points
}

/// Whether the amounts sum to exactly zero: added as integers when they share one scale (the
/// flows of a plan do), in `Decimal` otherwise.
fn sums_to_zero(flows: &[CashFlow]) -> bool {
    let scale = flows.first().map_or(0, |f| f.amount.scale());
    let integers = flows
        .iter()
        .try_fold(0i128, |sum, f| sum.checked_add(f.amount.mantissa()).filter(|_| f.amount.scale() == scale));
    match integers {
        Some(sum) => sum == 0,
        None => flows.iter().try_fold(Decimal::ZERO, |sum, f| sum.checked_add(f.amount)) == Some(Decimal::ZERO),
    }
}

/// The net present value of `flows` at periodic rate `rate` (f64 arithmetic, + − × ÷ only).
pub fn npv(flows: &[CashFlow], rate: f64) -> f64 {
    npv_of(&points(flows), rate)
}

fn npv_of(points: &[Point], rate: f64) -> f64 {
    npv_with_derivatives(points, rate).value
}

/// NPV at one rate with its first and second derivatives in the rate.
#[derive(Debug, Clone, Copy)]
struct Evaluation {
    value: f64,
    slope: f64,
    curvature: f64,
}

/// NPV and its first two derivatives in one pass. Points come in time order, so v^whole
/// (v = 1/(1+i)) is a running power; a point earlier than the last restarts it. A point's
/// present value g = a·v^w/(1+f·i) has g′ = g·L and g″ = g·(L² + L′) with
/// L = −(w·v + f/(1+f·i)) and L′ = w·v² + (f/(1+f·i))²: over a run of points sharing one
/// fraction f (a schedule's payments all do) that is a few sums of a·v^w, a·v^w·w and
/// a·v^w·w², with the fraction's factors applied once a run ([`Evaluation::add_run`]).
fn npv_with_derivatives(points: &[Point], rate: f64) -> Evaluation {
    let v = 1.0 / (1.0 + rate);
    let (mut power, mut power_of) = (1.0, 0u32);
    let mut total = Evaluation { value: 0.0, slope: 0.0, curvature: 0.0 };
    let (mut sums, mut fraction_of) = ([0.0f64; 3], 0.0f64);
    for &(amount, whole, fraction) in points {
        if fraction != fraction_of {
            total.add_run(sums, fraction_of, rate, v);
            (sums, fraction_of) = ([0.0; 3], fraction);
        }
        if whole == power_of + 1 {
            // A schedule's next period: the common case, one step.
            power *= v;
            power_of = whole;
        } else {
            if whole < power_of {
                (power, power_of) = (1.0, 0);
            }
            while power_of < whole {
                power *= v;
                power_of += 1;
            }
        }
        let present = amount * power;
        let w = f64::from(whole);
        sums[0] += present;
        sums[1] += present * w;
        sums[2] += present * w * w;
    }
    total.add_run(sums, fraction_of, rate, v);
    total
}

impl Evaluation {
    /// Adds a run's sums S0 = Σ a·v^w, S1 = Σ a·v^w·w, S2 = Σ a·v^w·w² at fraction f: with
    /// s = 1/(1+f·i) and d = f·s, the run's NPV is s·S0, its slope −s·(v·S1 + d·S0) and its
    /// curvature s·(v²·(S2 + S1) + 2·v·d·S1 + 2·d²·S0).
    fn add_run(&mut self, [s0, s1, s2]: [f64; 3], fraction: f64, rate: f64, v: f64) {
        let simple = 1.0 / (1.0 + fraction * rate);
        let odd = fraction * simple;
        self.value += simple * s0;
        self.slope -= simple * (v * s1 + odd * s0);
        self.curvature += simple * (v * v * (s2 + s1) + 2.0 * v * odd * s1 + 2.0 * odd * odd * s0);
    }
}

/// Solves NPV(i) = 0 for the periodic rate i, or `None` when the flows have no rate
/// (no sign change between −99.9999 % and 10^6 % a period).
///
/// The flows are expected to be one advance followed by payments (NPV falls as the rate
/// rises). Halley steps (Newton's with the curvature: the digits triple each step, where
/// Newton's double) run from zero, where NPV is the plain sum. Each evaluation narrows a
/// bracket: `below` is the highest rate seen where NPV > 0, `above` the lowest where
/// NPV < 0. A step that would leave the bracket is replaced by bisection once both ends
/// are known, and before that by a search outwards (doubling upwards from 0.125, or
/// halving the distance to −100 % downwards, so that (1+i)^n never underflows to an
/// infinite NPV), so the iteration cannot diverge. For the usual flows NPV is convex
/// and falling: the steps approach the root from below and the search never runs.
pub fn solve(flows: &[CashFlow]) -> Option<f64> {
    solve_from(flows, 0.0)
}

/// [`solve`], the steps starting at the periodic rate of a plan's own `annual_percent` with
/// `periods_per_year` unit periods, where the root is expected near: a 360-row plan's IRR
/// took four evaluations from zero, three from its rate. (The guess is made here, so that
/// `f64` stays inside this module.)
pub fn solve_near(flows: &[CashFlow], annual_percent: Decimal, periods_per_year: u32) -> Option<f64> {
    let guess = annual_percent.to_f64().unwrap_or(0.0) / 100.0 / f64::from(periods_per_year);
    solve_from(flows, guess)
}

/// [`solve`], the steps starting at `guess` instead of zero. The root is the same to the
/// convergence test's 10⁻¹⁵ (absolute; rates are shown to 10⁻⁸); a guess outside [0, 1)
/// starts from zero.
fn solve_from(flows: &[CashFlow], guess: f64) -> Option<f64> {
    if flows.is_empty() {
        return None;
    }
    if sums_to_zero(flows) {
        return Some(0.0);
    }
    let points = points(flows);
    let (mut below, mut above) = (None::<f64>, None::<f64>);
    let mut rate = if (0.0..1.0).contains(&guess) { guess } else { 0.0 };
    for _ in 0..200 {
        let Evaluation { value, slope, curvature } = npv_with_derivatives(&points, rate);
        if !value.is_finite() {
            return None;
        }
        if value == 0.0 {
            return Some(rate);
        }
        if value > 0.0 {
            below = Some(below.map_or(rate, |b| b.max(rate)));
        } else {
            above = Some(above.map_or(rate, |a| a.min(rate)));
        }
        // Halley: i − 2·f·f′ / (2·f′² − f·f″).
        let halley = rate - 2.0 * value * slope / (2.0 * slope * slope - value * curvature);
        // Converged: the step no longer moves the rate.
        if halley.is_finite() && (halley - rate).abs() <= 1.0e-15 * (1.0 + rate.abs()) {
            return Some(halley);
        }
        rate = match (below, above) {
            (Some(low), Some(high)) => {
                let (low, high) = (low.min(high), low.max(high));
                let middle = 0.5 * (low + high);
                if high - low <= 1.0e-16 * (1.0 + low.abs()) {
                    return Some(middle);
                }
                if halley > low && halley < high {
                    halley
                } else {
                    middle
                }
            }
            (Some(low), None) if low >= 1.0e4 => return None,
            (Some(low), None) if halley > low && halley < 2.0e4 => halley,
            (Some(low), None) => (2.0 * low).max(0.125),
            (None, Some(high)) if high <= -0.999_999 => return None,
            (None, Some(high)) if halley < high && halley > -0.999_999 => halley,
            (None, Some(high)) if high > -0.125 => -0.125,
            (None, Some(high)) => -1.0 + (1.0 + high) * 0.5,
            (None, None) => return None,
        };
    }
    below.zip(above).map(|_| rate)
}

/// −`advance` on day zero, then `count` payments of `payment`, one a period from period 1.
#[cfg(test)]
pub(crate) fn annuity(advance: Decimal, payment: Decimal, count: u32) -> Vec<CashFlow> {
    let mut flows = vec![CashFlow { amount: -advance, whole: 0, fraction: Decimal::ZERO }];
    flows.extend((1..=count).map(|k| CashFlow { amount: payment, whole: k, fraction: Decimal::ZERO }));
    flows
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// Wherever the steps start in [0, 1) — at the plan's rate, far above the root, at
    /// zero — they find the same root, to the convergence test's 10⁻¹⁵ (a periodic rate is
    /// shown to 10⁻⁸); a guess outside starts from zero.
    #[test]
    fn the_root_does_not_depend_on_where_the_steps_start() {
        for (advance, payment, count) in [(dec!(200000), dec!(1199.10), 360), (dec!(10000), dec!(860.75), 12)] {
            let flows = annuity(advance, payment, count);
            let root = solve(&flows).unwrap();
            for guess in [root, 0.005, 0.0005, 0.5, 0.999, -0.3, 7.0, f64::NAN] {
                let found = solve_from(&flows, guess).unwrap();
                assert!((found - root).abs() <= 1e-15, "from {guess}: {found} against {root}");
            }
        }
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
    fn a_loss_has_a_negative_rate() {
        // 1,000 advanced, 12 × 80 repaid: NPV(i) = 80·(1 − (1+i)^−12)/i − 1,000 = 0 at
        // i ≈ −0.62251 % a period (bisection in Python floats, 100 halvings).
        let flows = annuity(dec!(1000), dec!(80), 12);
        let rate = solve(&flows).unwrap();
        assert!((rate * 100.0 + 0.622_51).abs() < 1.0e-5, "{rate}");
        assert!(npv(&flows, rate).abs() < 1.0e-9);
    }

    #[test]
    fn a_rate_far_above_the_first_steps_is_found() {
        // 100 advanced, 1,000 back one period later: i = 9 exactly (900 % a period).
        let rate = solve(&annuity(dec!(100), dec!(1000), 1)).unwrap();
        assert!((rate - 9.0).abs() < 1.0e-12, "{rate}");
    }

    #[test]
    fn nothing_repaid_has_no_rate() {
        assert_eq!(solve(&annuity(dec!(100), dec!(0), 12)), None);
    }

    #[test]
    fn no_sign_change_has_no_rate() {
        let flows = [CashFlow { amount: dec!(5), whole: 1, fraction: Decimal::ZERO }];
        assert_eq!(solve(&flows), None);
    }
}
