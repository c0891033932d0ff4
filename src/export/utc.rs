//! RFC 3339 UTC times as Accord files carry them (`2025-01-15T10:05:00.000Z`): the strict
//! form and their order. Pure: the times come from the browser or the record system.

use std::cmp::Ordering;

/// A checked time `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length, then `Z`.
/// Ordered by the time it names: `10:05:00.5Z` and `10:05:00.500Z` are the same instant.
#[derive(Debug, Clone)]
pub struct UtcTime {
    text: String,
    /// The seconds, then the fraction padded to nine digits: comparing these compares times.
    key: String,
}

impl UtcTime {
    /// The time `text` names, if it has the strict form.
    pub fn parse(text: &str) -> Option<UtcTime> {
        let (date, time) = text.split_once('T')?;
        let time = time.strip_suffix('Z')?;
        let (clock, fraction) = time.split_once('.').unwrap_or((time, "0"));
        let parts: Vec<&str> = clock.split(':').collect();
        let two_digits = |p: &str, max: u32| p.len() == 2 && p.parse::<u32>().is_ok_and(|n| n <= max);
        let valid = crate::domain::calendar::parse_date(date).is_ok()
            && date.len() == 10
            && parts.len() == 3
            && two_digits(parts[0], 23)
            && two_digits(parts[1], 59)
            && two_digits(parts[2], 60)
            && !fraction.is_empty()
            && fraction.bytes().all(|b| b.is_ascii_digit());
        valid.then(|| UtcTime { text: text.to_string(), key: format!("{date}T{clock}.{fraction:0<9}") })
    }

    /// The time as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl PartialEq for UtcTime {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for UtcTime {}

impl PartialOrd for UtcTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for UtcTime {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_are_checked_and_ordered() {
        let t = |text| UtcTime::parse(text).unwrap();
        assert_eq!(t("2025-01-15T10:05:00.123Z").as_str(), "2025-01-15T10:05:00.123Z");
        for bad in [
            "2025-01-15 10:05:00Z",
            "2025-01-15T10:05:00",
            "2025-01-15T24:00:00Z",
            "2025-02-30T10:00:00Z",
            "2025-01-15T10:05:00.Z",
        ] {
            assert!(UtcTime::parse(bad).is_none(), "{bad}");
        }
        assert!(t("2025-01-15T10:05:00Z") < t("2025-01-15T10:05:00.001Z"));
        assert_eq!(t("2025-01-15T10:05:00.5Z"), t("2025-01-15T10:05:00.500Z"));
        assert!(t("2025-01-15T09:59:59.999Z") < t("2025-01-15T10:00:00Z"));
    }
}
