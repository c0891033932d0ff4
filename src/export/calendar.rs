//! A payment schedule as an iCalendar file (RFC 5545) the debtor adds to a phone's calendar:
//! one all-day event per due date with its amount, a reminder the day before, and UIDs made
//! from the agreement's id and the installment's number, so importing the file again updates
//! the events instead of adding copies. Pure: the words come from the caller (`i18n`).

use chrono::{Datelike, Days, NaiveDate};
use std::fmt::Write as _;

/// One due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueEvent {
    /// The installment's 1-based number (part of the event's UID).
    pub number: u32,
    /// The due date.
    pub date: NaiveDate,
    /// The event's title, e.g. "Payment 3 of 12: CN¥750.00".
    pub summary: String,
    /// Its notes, e.g. the agreement's id.
    pub description: String,
}

/// The `.ics` text of `events` for the agreement `agreement_id`, stamped with `stamp` (RFC
/// 3339 UTC, the agreement's creation time: the same agreement gives the same file). Lines
/// end in CRLF and are folded at 75 octets, as RFC 5545 §3.1 asks.
pub fn payment_calendar(agreement_id: &str, stamp: &str, events: &[DueEvent]) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Accord//Repayment plan//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    let stamp = basic_utc(stamp);
    for event in events {
        let next = event.date.checked_add_days(Days::new(1)).unwrap_or(event.date);
        line("BEGIN:VEVENT");
        line(&format!("UID:{}-{}@accord", text_value(agreement_id), event.number));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", basic_date(event.date)));
        line(&format!("DTEND;VALUE=DATE:{}", basic_date(next)));
        line(&format!("SUMMARY:{}", text_value(&event.summary)));
        line(&format!("DESCRIPTION:{}", text_value(&event.description)));
        line("TRANSP:TRANSPARENT");
        line("BEGIN:VALARM");
        line("ACTION:DISPLAY");
        line(&format!("DESCRIPTION:{}", text_value(&event.summary)));
        line("TRIGGER:-P1D");
        line("END:VALARM");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// A date as `YYYYMMDD` (by hand: chrono's formatter costs the debtor's download 8 KB).
fn basic_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// `2025-01-15T10:05:00.000Z` as `20250115T100500Z`; a time that is not RFC 3339 UTC gives
/// the start of the epoch rather than an invalid file.
fn basic_utc(rfc3339: &str) -> String {
    let digits: String = rfc3339.chars().filter(char::is_ascii_digit).take(14).collect();
    if digits.len() == 14 && rfc3339.ends_with('Z') {
        format!("{}T{}Z", &digits[..8], &digits[8..])
    } else {
        "19700101T000000Z".to_string()
    }
}

/// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
fn text_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (never inside a UTF-8 character), with CRLF.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(number: u32, date: &str, summary: &str) -> DueEvent {
        DueEvent {
            number,
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            summary: summary.into(),
            description: "Agreement A-1".into(),
        }
    }

    #[test]
    fn one_all_day_event_per_due_date_with_a_reminder_the_day_before() {
        let ics = payment_calendar(
            "A-1",
            "2025-01-15T10:05:00.000Z",
            &[event(1, "2025-02-01", "Payment 1 of 2: CN¥750.00"), event(2, "2025-12-31", "Payment 2 of 2")],
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(ics.matches("TRIGGER:-P1D").count(), 2);
        let first = "UID:A-1-1@accord\r\nDTSTAMP:20250115T100500Z\r\n\
                     DTSTART;VALUE=DATE:20250201\r\nDTEND;VALUE=DATE:20250202\r\n";
        assert!(ics.contains(first));
        // The year turns over for an event on the 31st of December.
        assert!(ics.contains("DTSTART;VALUE=DATE:20251231\r\nDTEND;VALUE=DATE:20260101\r\n"));
        assert!(ics.contains("SUMMARY:Payment 1 of 2: CN¥750.00\r\n"));
        // No bare LF: every line ends in CRLF.
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
    }

    #[test]
    fn the_same_agreement_gives_the_same_file_so_a_reimport_updates() {
        let events = [event(1, "2025-02-01", "x")];
        assert_eq!(
            payment_calendar("A-1", "2025-01-15T10:05:00Z", &events),
            payment_calendar("A-1", "2025-01-15T10:05:00Z", &events)
        );
    }

    #[test]
    fn text_is_escaped_and_long_lines_fold_between_characters() {
        let long = "第 12/24 期还款：¥1,234.56，请按时还款；".repeat(4);
        let ics = payment_calendar("A;1", "not a time", &[event(1, "2025-02-01", &long)]);
        assert!(ics.contains("UID:A\\;1-1@accord"));
        assert!(ics.contains("DTSTAMP:19700101T000000Z"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", long.replace(',', "\\,").replace(';', "\\;"))));
    }
}
