//! What the creditor gets back and what the credit costs: the dated cash flows, the present
//! value of recovery at the creditor's discount rate, and the annualized rates by IRR.

use super::AnnualizedRate;
use crate::domain::calendar::{self, Frequency};
use crate::domain::irr::{self, CashFlow};
use crate::domain::money::{fix_scale, Amount};
use crate::domain::schedule::ScheduleRow;
use chrono::NaiveDate;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// −financed on day zero, then each row's payment, in unit periods of `frequency`.
///
/// Rows are consecutive due dates of `frequency` from the first, so row k lies k − 1 whole
/// periods after row 1: only the first row's time is counted on the calendar.
pub(super) fn dated_flows(
    as_of: NaiveDate,
    financed: Amount,
    rows: &[ScheduleRow],
    frequency: Frequency,
) -> Vec<CashFlow> {
    let mut flows = Vec::with_capacity(rows.len() + 1);
    flows.push(CashFlow { amount: -financed.value(), whole: 0, fraction: Decimal::ZERO });
    let Some(first) = rows.first() else { return flows };
    let (first_whole, fraction) = calendar::unit_periods_between(as_of, first.date, frequency);
    for (k, row) in rows.iter().enumerate() {
        flows.push(CashFlow { amount: row.payment.value(), whole: first_whole + k as u32, fraction });
    }
    flows
}

/// Σ payments discounted at `annual_percent` / periods a year per unit period (the advance
/// on day zero excluded): each payment × v^whole / (1 + fraction·i) with v = 1/(1 + i).
///
/// The schedule's flows (consecutive whole periods, one odd-day fraction: [`dated_flows`])
/// are summed by Horner's rule from the last: one multiplication by v a period and one
/// division by (1 + fraction·i) in all, instead of a power, a product and a division per flow
/// (two thirds of a 360-row plan's time). Any other flows take the direct sum. Both carry 28
/// significant digits; a test against big rationals checks the rounded result.
pub(super) fn present_value(flows: &[CashFlow], annual_percent: Decimal, frequency: Frequency) -> Decimal {
    let i = annual_percent / Decimal::ONE_HUNDRED / Decimal::from(frequency.periods_per_year());
    let v = Decimal::ONE.checked_div(Decimal::ONE + i).unwrap_or_default();
    let positive = || flows.iter().filter(|f| f.amount > Decimal::ZERO);
    let Some(first) = positive().next() else { return Decimal::ZERO };
    let one_fraction = positive().all(|f| f.fraction == first.fraction);
    let in_order = positive().zip(positive().skip(1)).all(|(a, b)| a.whole <= b.whole);
    if !(one_fraction && in_order) {
        return present_value_direct(flows, i, v);
    }
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

/// [`present_value`] flow by flow, for flows out of order or with fractions of their own.
fn present_value_direct(flows: &[CashFlow], i: Decimal, v: Decimal) -> Decimal {
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

pub(super) fn annualized(flows: &[CashFlow], frequency: Frequency) -> Option<AnnualizedRate> {
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
