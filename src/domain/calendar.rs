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

use chrono::{Datelike, Days, NaiveDate};
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

    /// The fewest and the most days one period can span (a month: 28 to 31 days; half a
    /// month: 13 to 16).
    fn period_days_range(self) -> (i64, i64) {
        match self {
            Frequency::Weekly => (7, 7),
            Frequency::Biweekly => (14, 14),
            Frequency::Semimonthly => (13, 16),
            Frequency::Monthly => (28, 31),
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

    /// The due dates of installments 0, 1, 2, … from `anchor`: [`Frequency::due_date`] of
    /// each index, with the anchor's month read once (a schedule asks for every date).
    pub fn due_dates(self, anchor: NaiveDate) -> impl Iterator<Item = Option<NaiveDate>> {
        let monthly = (self == Frequency::Monthly).then(|| MonthlyAnchor::of(anchor));
        (0u32..).map(move |index| match monthly {
            Some(anchor) => anchor.date(i64::from(index)),
            None => self.due_date(anchor, index),
        })
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
    date.day() == days_in_month(date.year(), date.month())
}

/// The days in `month` (1–12) of `year`, by the Gregorian leap-year rule.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date read once for monthly arithmetic: its month counted from year 0, its day, and
/// whether it is a month end. Months are moved on (year, month) directly: a schedule asks
/// for every due date, and chrono's month arithmetic was a tenth of a long plan's time.
#[derive(Debug, Clone, Copy)]
struct MonthlyAnchor {
    month_index: i64,
    day: u32,
    keeps_end: bool,
}

impl MonthlyAnchor {
    fn of(date: NaiveDate) -> Self {
        let month_index = i64::from(date.year()) * 12 + i64::from(date.month0());
        MonthlyAnchor { month_index, day: date.day(), keeps_end: is_month_end(date) }
    }

    /// The anchor moved by `months` (negative goes back), clamped to the month's end, and
    /// kept at the month end when the anchor is one.
    fn date(self, months: i64) -> Option<NaiveDate> {
        let month_index = self.month_index.checked_add(months)?;
        let year = i32::try_from(month_index.div_euclid(12)).ok()?;
        let month = u32::try_from(month_index.rem_euclid(12)).ok()? + 1;
        let last = days_in_month(year, month);
        NaiveDate::from_ymd_opt(year, month, if self.keeps_end { last } else { self.day.min(last) })
    }
}

/// `date` plus `months`, clamped to the month's end, and kept at the month end when `date`
/// is a month end.
pub fn add_months_keeping_end(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    MonthlyAnchor::of(date).date(i64::from(months))
}

/// `date` minus `months`, with the same month-end rule as [`add_months_keeping_end`].
pub fn sub_months_keeping_end(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    MonthlyAnchor::of(date).date(-i64::from(months))
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
    let month_end = days_in_month(year, month);
    let target_day = if is_late {
        if keeps_end {
            month_end
        } else {
            (early_day + 15).min(month_end)
        }
    } else {
        early_day.min(month_end)
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
    // Dates counted back from `end` fall as the count grows, so the last count still on or
    // after `start` is found by bisection: at least days ÷ (the longest period) of them fit,
    // and fewer than days ÷ (the shortest period) + 1.
    let days = days_between(start, end);
    let (shortest, longest) = frequency.period_days_range();
    let fits = |whole: u32| frequency.due_date_before(end, whole).is_some_and(|date| date >= start);
    let mut whole = u32::try_from(days / longest).unwrap_or(u32::MAX);
    let mut too_many = u32::try_from(days / shortest + 1).unwrap_or(u32::MAX);
    while too_many - whole > 1 {
        let middle = whole + (too_many - whole) / 2;
        if fits(middle) {
            whole = middle;
        } else {
            too_many = middle;
        }
    }
    let cursor = frequency.due_date_before(end, whole).unwrap_or(start);
    let odd_days = days_between(start, cursor);
    (whole, Decimal::from(odd_days) / Decimal::from(frequency.unit_days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Months;

    /// The bisection counts the whole periods the plain way does: back from the end one
    /// period at a time while the date stays on or after the start (every frequency, ends a
    /// day to 40 months after starts across a leap year).
    #[test]
    fn whole_periods_by_bisection_match_counting_one_by_one() {
        let frequencies = [Frequency::Weekly, Frequency::Biweekly, Frequency::Semimonthly, Frequency::Monthly];
        for frequency in frequencies {
            for start_offset in (0..400).step_by(7) {
                let start = d(2023, 11, 1) + Days::new(start_offset);
                for length in (1..1_220u64).step_by(13) {
                    let end = start + Days::new(length);
                    let mut whole = 0;
                    while frequency.due_date_before(end, whole + 1).is_some_and(|date| date >= start) {
                        whole += 1;
                    }
                    let (found, _) = unit_periods_between(start, end, frequency);
                    assert_eq!(found, whole, "{frequency:?} {start} → {end}");
                }
            }
        }
    }

    /// The month arithmetic against chrono's (which clamps to the month's end) and the
    /// month-end rule stated on its own: every day of 1999–2001 and every shift to ±30 months.
    #[test]
    fn month_shifts_agree_with_chrono_and_keep_month_ends() {
        let mut date = d(1999, 1, 1);
        while date < d(2002, 1, 1) {
            for months in 0..=30u32 {
                let forward = date.checked_add_months(Months::new(months)).unwrap();
                let back = date.checked_sub_months(Months::new(months)).unwrap();
                let end_of = |moved: NaiveDate| {
                    NaiveDate::from_ymd_opt(moved.year(), moved.month(), days_in_month(moved.year(), moved.month()))
                };
                let (forward, back) =
                    if is_month_end(date) { (end_of(forward), end_of(back)) } else { (Some(forward), Some(back)) };
                assert_eq!(add_months_keeping_end(date, months), forward, "{date} + {months}");
                assert_eq!(sub_months_keeping_end(date, months), back, "{date} - {months}");
            }
            assert_eq!(is_month_end(date), date.succ_opt().unwrap().month() != date.month(), "{date}");
            date = date.succ_opt().unwrap();
        }
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
    }

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

    /// The same, for the hand-written readers ([`crate::domain::members`]).
    ///
    /// # Errors
    /// Not a string, or not such a date.
    pub fn read(value: crate::json::Value) -> Result<NaiveDate, crate::domain::members::ReadError> {
        let text = crate::domain::members::text(value)?;
        super::parse_date(&text)
            .map_err(|_| crate::domain::members::ReadError::custom("expected a date YYYY-MM-DD".into()))
    }
}
