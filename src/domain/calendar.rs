//! Dates of a schedule: payment frequencies, due dates that keep the month end, day counts,
//! and the time between dates in unit periods (for the annualized rate).
//!
//! Policy:
//! - Due dates are computed from the first due date (the anchor), never chained, so that
//!   Jan 31 → Feb 28 (29) → Mar 31 and no date drifts. An anchor on the last day of its
//!   month keeps every date on the last day of its month.
//! - Semimonthly dates are two days of each month fifteen days apart: (d, d+15) when the
//!   anchor day d ≤ 15, otherwise (d−15, d); the later day is capped at the month end. A
//!   month-end anchor pairs the 15th with the month end.
//! - Time in unit periods follows US Reg Z Appendix J: whole periods counted back from the
//!   later date, plus the odd days over the days of a unit period (30 a month, 15 a half
//!   month, 7 or 14 days a week or two).

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// How often installments fall due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Frequency {
    Weekly,
    Biweekly,
    Semimonthly,
    #[default]
    Monthly,
}

crate::by_name!(Frequency {
    "weekly" => Weekly,
    "biweekly" => Biweekly,
    "semimonthly" => Semimonthly,
    "monthly" => Monthly,
});

impl Frequency {
    /// Periods a year: 52, 26, 24 or 12.
    pub fn periods_per_year(self) -> u32 {
        match self {
            Frequency::Weekly => 52,
            Frequency::Biweekly => 26,
            Frequency::Semimonthly => 24,
            Frequency::Monthly => 12,
        }
    }

    /// Days of one unit period for odd-day fractions (Reg Z Appendix J).
    fn unit_days(self) -> i64 {
        match self {
            Frequency::Weekly => 7,
            Frequency::Biweekly => 14,
            Frequency::Semimonthly => 15,
            Frequency::Monthly => 30,
        }
    }

    /// The due date `index` periods after `anchor` (index 0 is the anchor itself).
    /// `None` only past the end of the calendar.
    pub fn due_date(self, anchor: NaiveDate, index: u32) -> Option<NaiveDate> {
        match self {
            Frequency::Weekly => anchor.checked_add_days(Days::new(7 * u64::from(index))),
            Frequency::Biweekly => anchor.checked_add_days(Days::new(14 * u64::from(index))),
            Frequency::Monthly => add_months_keeping_end(anchor, index),
            Frequency::Semimonthly => semimonthly_date(anchor, i64::from(index)),
        }
    }

    /// The due date `index` periods before `anchor`.
    pub fn due_date_before(self, anchor: NaiveDate, index: u32) -> Option<NaiveDate> {
        match self {
            Frequency::Weekly => anchor.checked_sub_days(Days::new(7 * u64::from(index))),
            Frequency::Biweekly => anchor.checked_sub_days(Days::new(14 * u64::from(index))),
            Frequency::Monthly => sub_months_keeping_end(anchor, index),
            Frequency::Semimonthly => semimonthly_date(anchor, -i64::from(index)),
        }
    }
}

/// The day count used for interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum DayCount {
    /// Annual rate ÷ periods a year for every regular period; an irregular period uses
    /// Act/365F.
    #[default]
    Periodic,
    /// Actual days ÷ 365.
    #[serde(rename = "act365F")]
    Act365F,
    /// Actual days ÷ 360.
    Act360,
    /// 30/360 (US bond basis).
    #[serde(rename = "thirty360")]
    Thirty360,
}

crate::by_name!(DayCount {
    "periodic" => Periodic,
    "act365F" => Act365F,
    "act360" => Act360,
    "thirty360" => Thirty360,
});

impl DayCount {
    /// The fraction of a year from `start` to `end` as exact integers (days, days a year):
    /// actual days over 365 or 360, or 30/360 days over 360; (0, 1) when `end` is not after
    /// `start`. For [`DayCount::Periodic`] this is the Act/365F fraction (used for irregular
    /// periods). Kept as a pair so that interest is multiplied before it is divided.
    pub fn year_fraction(self, start: NaiveDate, end: NaiveDate) -> (u64, u64) {
        if end <= start {
            return (0, 1);
        }
        let (days, basis) = match self {
            DayCount::Periodic | DayCount::Act365F => (days_between(start, end), 365),
            DayCount::Act360 => (days_between(start, end), 360),
            DayCount::Thirty360 => (days_30_360(start, end), 360),
        };
        (u64::try_from(days).unwrap_or(0), basis)
    }
}

/// A text that is not a date `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a date (YYYY-MM-DD)")]
pub struct NotADate;

/// Parses `YYYY-MM-DD` strictly (surrounding spaces allowed).
///
/// # Errors
/// [`NotADate`].
pub fn parse_date(text: &str) -> Result<NaiveDate, NotADate> {
    // A direct parse: chrono's general format parser costs kilobytes of wasm for one shape.
    let b = text.trim().as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(NotADate);
    }
    let number = |range: std::ops::Range<usize>| b[range].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    let year = i32::try_from(number(0..4)).map_err(|_| NotADate)?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)).ok_or(NotADate)
}

/// Whole days from `start` to `end` (negative when `end` is earlier).
pub fn days_between(start: NaiveDate, end: NaiveDate) -> i64 {
    (end - start).num_days()
}

fn days_30_360(start: NaiveDate, end: NaiveDate) -> i64 {
    let (y1, m1, mut d1) = (i64::from(start.year()), i64::from(start.month()), i64::from(start.day()));
    let (y2, m2, mut d2) = (i64::from(end.year()), i64::from(end.month()), i64::from(end.day()));
    if d1 == 31 {
        d1 = 30;
    }
    if d2 == 31 && d1 == 30 {
        d2 = 30;
    }
    360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1)
}

/// Whether `date` is the last day of its month.
pub fn is_month_end(date: NaiveDate) -> bool {
    date.checked_add_days(Days::new(1)).is_some_and(|next| next.month() != date.month())
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    first_next.pred_opt()
}

/// `date` plus `months`, clamped to the month's end, and kept at the month end when `date`
/// is a month end.
pub fn add_months_keeping_end(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    let moved = date.checked_add_months(Months::new(months))?;
    if is_month_end(date) {
        last_day_of_month(moved.year(), moved.month())
    } else {
        Some(moved)
    }
}

/// `date` minus `months`, with the same month-end rule as [`add_months_keeping_end`].
pub fn sub_months_keeping_end(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    let moved = date.checked_sub_months(Months::new(months))?;
    if is_month_end(date) {
        last_day_of_month(moved.year(), moved.month())
    } else {
        Some(moved)
    }
}

/// The semimonthly date `offset` half-months from `anchor` (negative goes back).
fn semimonthly_date(anchor: NaiveDate, offset: i64) -> Option<NaiveDate> {
    let day = anchor.day();
    let anchor_is_late = day > 15;
    let keeps_end = is_month_end(anchor);
    // A month-end anchor pairs with the 15th; otherwise the pair is fifteen days apart.
    let early_day = if keeps_end {
        15
    } else if anchor_is_late {
        day - 15
    } else {
        day
    };
    // Position of the anchor within the month: 0 = early date, 1 = late date.
    let position = i64::from(anchor_is_late);
    let total = position + offset;
    let month_shift = total.div_euclid(2);
    let is_late = total.rem_euclid(2) == 1;
    let month_index = i64::from(anchor.year()) * 12 + i64::from(anchor.month0()) + month_shift;
    let year = i32::try_from(month_index.div_euclid(12)).ok()?;
    let month = u32::try_from(month_index.rem_euclid(12)).ok()? + 1;
    let month_end = last_day_of_month(year, month)?;
    let target_day = if is_late {
        if keeps_end {
            month_end.day()
        } else {
            (early_day + 15).min(month_end.day())
        }
    } else {
        early_day.min(month_end.day())
    };
    NaiveDate::from_ymd_opt(year, month, target_day)
}

/// Time from `start` to `end` in unit periods of `frequency`, as (whole periods, odd-day
/// fraction) per Reg Z Appendix J: whole periods are counted back from `end` while they stay
/// on or after `start`; the odd days left over are divided by the unit period's days.
pub fn unit_periods_between(start: NaiveDate, end: NaiveDate, frequency: Frequency) -> (u32, Decimal) {
    if end <= start {
        return (0, Decimal::ZERO);
    }
    let mut whole = 0u32;
    let mut cursor = end;
    while let Some(previous) = frequency.due_date_before(end, whole + 1) {
        if previous < start {
            break;
        }
        whole += 1;
        cursor = previous;
        if whole > 100_000 {
            break;
        }
    }
    let odd_days = days_between(start, cursor);
    (whole, Decimal::from(odd_days) / Decimal::from(frequency.unit_days()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_end_dates_stay_at_month_end() {
        let anchor = d(2024, 1, 31);
        let dates: Vec<_> = (0..4).map(|i| Frequency::Monthly.due_date(anchor, i).unwrap()).collect();
        assert_eq!(dates, [d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31), d(2024, 4, 30)]);
        let feb = d(2025, 2, 28);
        assert_eq!(Frequency::Monthly.due_date(feb, 1), Some(d(2025, 3, 31)));
    }

    #[test]
    fn mid_month_dates_clamp_without_drift() {
        let anchor = d(2025, 1, 30);
        let dates: Vec<_> = (0..3).map(|i| Frequency::Monthly.due_date(anchor, i).unwrap()).collect();
        assert_eq!(dates, [d(2025, 1, 30), d(2025, 2, 28), d(2025, 3, 30)]);
    }

    #[test]
    fn semimonthly_pairs() {
        let s = |a, n| Frequency::Semimonthly.due_date(a, n).unwrap();
        assert_eq!([s(d(2025, 1, 1), 1), s(d(2025, 1, 1), 2)], [d(2025, 1, 16), d(2025, 2, 1)]);
        assert_eq!([s(d(2025, 1, 15), 1), s(d(2025, 1, 15), 3)], [d(2025, 1, 30), d(2025, 2, 28)]);
        assert_eq!([s(d(2025, 1, 31), 1), s(d(2025, 1, 31), 2)], [d(2025, 2, 15), d(2025, 2, 28)]);
        assert_eq!(Frequency::Semimonthly.due_date_before(d(2025, 2, 15), 1), Some(d(2025, 1, 30)));
        assert_eq!(Frequency::Semimonthly.due_date_before(d(2025, 2, 28), 1), Some(d(2025, 2, 15)));
    }

    #[test]
    fn dates_are_strictly_yyyy_mm_dd() {
        assert_eq!(parse_date(" 2024-02-29 "), Ok(d(2024, 2, 29)));
        for bad in ["2025-02-29", "2025-2-03", "2025/02/03", "20250203", "2025-13-01", "+025-01-01", "", "2025-01-0a"] {
            assert_eq!(parse_date(bad), Err(NotADate), "{bad:?}");
        }
    }

    #[test]
    fn day_counts() {
        // Hand computation: 2025-01-31 to 2025-03-01 is 29 actual days; 30/360 counts Jan 31 as
        // Jan 30, so 30 days to "Feb 30" and 1 more: 31.
        let (a, b) = (d(2025, 1, 31), d(2025, 3, 1));
        assert_eq!(DayCount::Act365F.year_fraction(a, b), (29, 365));
        assert_eq!(DayCount::Thirty360.year_fraction(a, b), (31, 360));
        assert_eq!(DayCount::Act360.year_fraction(a, b), (29, 360));
        assert_eq!(DayCount::Act360.year_fraction(b, a), (0, 1));
    }

    #[test]
    fn unit_periods_count_back_from_the_later_date() {
        // Reg Z Appendix J style: Jan 10 to Mar 25 = 2 months (Jan 25 .. Mar 25) + 15 odd days.
        let (whole, odd) = unit_periods_between(d(2025, 1, 10), d(2025, 3, 25), Frequency::Monthly);
        assert_eq!(whole, 2);
        assert_eq!(odd, Decimal::new(5, 1));
        assert_eq!(unit_periods_between(d(2025, 1, 31), d(2025, 2, 28), Frequency::Monthly), (1, Decimal::ZERO));
    }
}

/// Serde for a `YYYY-MM-DD` date through the strict parser of the request module (chrono's
/// general format parser would add kilobytes to the browser build).
pub mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(date)
    }

    /// Reads `YYYY-MM-DD` strictly.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::parse_date(&text).map_err(|_| serde::de::Error::custom("expected a date YYYY-MM-DD"))
    }
}
