//! The schedule as CSV (RFC 4180), amounts as exact decimal strings.
//!
//! The file starts with a UTF-8 byte-order mark so that spreadsheet programs read Chinese
//! headers correctly; every header is quoted.

use crate::domain::schedule::ScheduleRow;

/// Column headers: number, date, payment, principal, interest, fees, balance.
pub type Headers<'a> = [&'a str; 7];

/// The rows as CSV with `headers`, lines ending in CRLF.
pub fn schedule_csv(rows: &[ScheduleRow], headers: Headers<'_>) -> String {
    let mut out = String::with_capacity(64 * (rows.len() + 1));
    out.push('\u{feff}');
    let quoted: Vec<String> = headers.iter().map(|h| format!("\"{}\"", h.replace('"', "\"\""))).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\r\n",
            row.number,
            row.date,
            row.payment,
            row.principal,
            row.interest,
            row.charges + row.fees,
            row.balance
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    #[test]
    fn writes_exact_amounts_and_quoted_headers() {
        let row = ScheduleRow {
            number: 1,
            date: NaiveDate::from_ymd_opt(2025, 2, 15).unwrap(),
            payment: dec!(3226.25).into(),
            principal: dec!(2393.75).into(),
            interest: dec!(832.50).into(),
            charges: Default::default(),
            fees: dec!(0.00).into(),
            balance: dec!(97606.25).into(),
        };
        let csv = schedule_csv(&[row], ["期数", "date", "pay \"it\"", "p", "i", "f", "b"]);
        assert_eq!(
            csv,
            concat!(
                "\u{feff}\"期数\",\"date\",\"pay \"\"it\"\"\",\"p\",\"i\",\"f\",\"b\"\r\n",
                "1,2025-02-15,3226.25,2393.75,832.50,0.00,97606.25\r\n"
            )
        );
    }
}
