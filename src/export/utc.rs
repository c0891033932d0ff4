//! RFC 3339 UTC times as Accord files carry them (`2025-01-15T10:05:00.000Z`): the strict
//! check and an order. Pure: the times come from the browser or the record system.

/// Whether `text` is `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z`.
pub fn is_utc_time(text: &str) -> bool {
    let Some((date, time)) = text.split_once('T') else { return false };
    let Some(time) = time.strip_suffix('Z') else { return false };
    let (clock, fraction) = time.split_once('.').unwrap_or((time, "0"));
    let parts: Vec<&str> = clock.split(':').collect();
    let two_digits = |p: &str, max: u32| p.len() == 2 && p.parse::<u32>().is_ok_and(|n| n <= max);
    crate::domain::request::parse_date(date).is_ok()
        && date.len() == 10
        && parts.len() == 3
        && two_digits(parts[0], 23)
        && two_digits(parts[1], 59)
        && two_digits(parts[2], 60)
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A sortable form of a time checked by [`is_utc_time`]: the seconds, then the fraction
/// padded to nine digits, so that comparing the texts compares the times.
pub fn sortable(time: &str) -> String {
    let time = time.trim_end_matches('Z');
    let (whole, fraction) = time.split_once('.').unwrap_or((time, ""));
    format!("{whole}.{fraction:0<9}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_are_checked_and_ordered() {
        assert!(is_utc_time("2025-01-15T10:05:00Z") && is_utc_time("2025-01-15T10:05:00.123Z"));
        for bad in ["2025-01-15 10:05:00Z", "2025-01-15T10:05:00", "2025-01-15T24:00:00Z", "2025-02-30T10:00:00Z"] {
            assert!(!is_utc_time(bad), "{bad}");
        }
        assert!(sortable("2025-01-15T10:05:00Z") < sortable("2025-01-15T10:05:00.001Z"));
        assert_eq!(sortable("2025-01-15T10:05:00.5Z"), sortable("2025-01-15T10:05:00.500Z"));
    }
}
