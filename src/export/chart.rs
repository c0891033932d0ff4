//! Geometry of the balance-over-time chart, computed in exact decimals and rounded to a
//! tenth of a pixel, so the UI only prints an SVG path.

use crate::domain::money::Amount;
use crate::domain::schedule::ScheduleRow;
use rust_decimal::{Decimal, RoundingStrategy};

/// An SVG path (`d` attribute) of the balance after each installment, starting at
/// `financed` at x = 0 and ending at zero at x = `width`; y grows downwards, so a zero
/// balance sits at y = `height`. Empty when there are no rows or nothing was financed.
pub fn balance_path(rows: &[ScheduleRow], financed: Amount, width: u32, height: u32) -> String {
    let financed = financed.value();
    if rows.is_empty() || financed <= Decimal::ZERO {
        return String::new();
    }
    let (w, h, n) = (Decimal::from(width), Decimal::from(height), Decimal::from(rows.len()));
    let px = |v: Decimal| v.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero).normalize();
    let y_of = |balance: Decimal| px(h - (balance / financed).min(Decimal::ONE) * h);
    let mut path = format!("M0,{}", y_of(financed));
    for (i, row) in rows.iter().enumerate() {
        let x = px(Decimal::from(i + 1) * w / n);
        path.push_str(&format!(" L{x},{}", y_of(row.balance.value())));
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn row(balance: Decimal) -> ScheduleRow {
        ScheduleRow {
            number: 1,
            date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            payment: dec!(0).into(),
            principal: dec!(0).into(),
            interest: dec!(0).into(),
            charges: Default::default(),
            fees: dec!(0).into(),
            balance: balance.into(),
        }
    }

    #[test]
    fn starts_full_and_ends_at_zero() {
        let rows = [row(dec!(750)), row(dec!(500)), row(dec!(0))];
        assert_eq!(balance_path(&rows, dec!(1000).into(), 300, 100), "M0,0 L100,25 L200,50 L300,100");
        assert_eq!(balance_path(&[], dec!(1000).into(), 300, 100), "");
    }
}
