//! Payments received, read from the files payment systems export: JSON (an array of
//! `{date, amount, reference}`, or an object with such a `payments` array) or CSV with a header
//! row. Read strictly, every row checked: the errors name the row and the field.
//!
//! CSV: RFC 4180 quoting (`"1,234.56"`, `""` for a quote), comma-separated, an optional UTF-8
//! byte-order mark, `\n` or `\r\n`. The columns are found by their header, in any order and
//! case, in English or Chinese (`date`/`日期`/`交易日期`, `amount`/`金额`/`交易金额`,
//! `reference`/`参考号`/`流水号`); other columns are ignored. Dates are `YYYY-MM-DD` or
//! `YYYY/MM/DD`; amounts are text with at most the currency's minor digits (the rules of
//! [`parse_amount`]: grouping commas, a currency sign or 元), and more than zero.

use crate::domain::calendar::parse_date;
use crate::domain::money::{parse_amount, AmountError, Currency};
use crate::json::Value;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One payment received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Payment {
    /// The day the money arrived, `YYYY-MM-DD`.
    #[serde(with = "crate::domain::calendar::iso_date")]
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// The amount, more than zero, at most the currency's minor digits, as text.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub amount: Decimal,
    /// The payment system's reference, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// The most payments one file may hold.
pub const MAX_PAYMENTS: usize = 10_000;

/// The longest reference kept, in characters.
pub const MAX_REFERENCE_CHARS: usize = 200;

/// A payment's field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PaymentField {
    Date,
    Amount,
    Reference,
    /// The row (or the file) as a whole.
    Row,
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentInputError {
    #[error("missing")]
    Missing,
    #[error("not a date (YYYY-MM-DD or YYYY/MM/DD)")]
    NotADate,
    #[error("{0}")]
    Amount(AmountError),
    #[error("not more than zero")]
    NotPositive,
    #[error("a JSON number where text is expected (write \"1234.56\")")]
    NotText,
    #[error("longer than {MAX_REFERENCE_CHARS} characters")]
    TooLong,
    #[error("unknown field `{0}` (date, amount, reference)")]
    UnknownField(String),
    #[error("not an object {{date, amount, reference}}")]
    NotAnObject,
    #[error("not valid JSON: {0}")]
    NotJson(String),
    #[error("not a list of payments (an array, or an object with a `payments` array)")]
    NotAList,
    #[error("no header row naming the date and amount columns")]
    NoHeader,
    #[error("a quote is not closed")]
    OpenQuote,
    #[error("{found} columns where the header has {expected}")]
    ColumnCount { found: usize, expected: usize },
    #[error("more than {MAX_PAYMENTS} payments")]
    TooMany,
}

/// An error in a payments file: the row (1-based: the JSON array's index + 1, or the CSV
/// line; 0 for the file as a whole), the field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PaymentError {
    pub row: usize,
    pub field: PaymentField,
    pub error: PaymentInputError,
}

impl std::fmt::Display for PaymentError {
    /// `row 3, amount: negative`, `row 2: unknown field …`, or the file's error alone.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let field = match self.field {
            PaymentField::Date => "date",
            PaymentField::Amount => "amount",
            PaymentField::Reference => "reference",
            PaymentField::Row => {
                return if self.row == 0 {
                    write!(f, "{}", self.error)
                } else {
                    write!(f, "row {}: {}", self.row, self.error)
                }
            }
        };
        write!(f, "row {}, {field}: {}", self.row, self.error)
    }
}

impl PaymentError {
    fn new(row: usize, field: PaymentField, error: PaymentInputError) -> Self {
        PaymentError { row, field, error }
    }
}

/// Reads payments from JSON or CSV text (JSON when it starts with `[` or `{`), amounts in
/// `currency`.
///
/// # Errors
/// Every row's errors, in order; never a panic, for any input.
pub fn read_payments(text: &str, currency: Currency) -> Result<Vec<Payment>, Vec<PaymentError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with(['[', '{']) {
        read_json(text, currency)
    } else {
        read_csv(text, currency)
    }
}

/// Reads the JSON form.
fn read_json(text: &str, currency: Currency) -> Result<Vec<Payment>, Vec<PaymentError>> {
    let file = |error| vec![PaymentError::new(0, PaymentField::Row, error)];
    let value = crate::json::parse(text).map_err(|e| file(PaymentInputError::NotJson(e.to_string())))?;
    let list = match value {
        Value::Array(list) => list,
        Value::Object(mut object) if object.len() == 1 => match object.remove("payments") {
            Some(Value::Array(list)) => list,
            _ => return Err(file(PaymentInputError::NotAList)),
        },
        _ => return Err(file(PaymentInputError::NotAList)),
    };
    if list.len() > MAX_PAYMENTS {
        return Err(file(PaymentInputError::TooMany));
    }
    let mut rows = Rows::default();
    for (index, row) in list.iter().enumerate() {
        let number = index + 1;
        let Value::Object(object) = row else {
            rows.errors.push(PaymentError::new(number, PaymentField::Row, PaymentInputError::NotAnObject));
            continue;
        };
        for key in object.keys().filter(|k| !matches!(k.as_str(), "date" | "amount" | "reference")) {
            let error = PaymentInputError::UnknownField(key.clone());
            rows.errors.push(PaymentError::new(number, PaymentField::Row, error));
        }
        let text_of = |key: &str| match object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.as_str())),
            Some(_) => Err(PaymentInputError::NotText),
        };
        let fields = [text_of("date"), text_of("amount"), text_of("reference")];
        rows.add(payment(number, fields, currency));
    }
    rows.finish()
}

/// The names a column may have in a header, lower-cased (headers are compared with ASCII
/// letters lower-cased: no Unicode case tables, which would cost the browser kilobytes).
const DATE_NAMES: [&str; 6] = ["date", "payment date", "value date", "日期", "交易日期", "还款日期"];
const AMOUNT_NAMES: [&str; 6] = ["amount", "payment amount", "paid", "金额", "交易金额", "还款金额"];
const REFERENCE_NAMES: [&str; 7] = ["reference", "ref", "reference number", "参考号", "流水号", "交易流水号", "备注"];

/// Reads the CSV form.
fn read_csv(text: &str, currency: Currency) -> Result<Vec<Payment>, Vec<PaymentError>> {
    let file = |row, error| vec![PaymentError::new(row, PaymentField::Row, error)];
    let mut records = Records { text, line: 0 };
    let header = loop {
        match records.next() {
            None => return Err(file(0, PaymentInputError::NoHeader)),
            Some(Err(line)) => return Err(file(line, PaymentInputError::OpenQuote)),
            Some(Ok((_, fields))) if fields.iter().all(|f| f.trim().is_empty()) => {}
            Some(Ok((_, fields))) => break fields,
        }
    };
    let column = |names: &[&str]| header.iter().position(|h| names.contains(&h.trim().to_ascii_lowercase().as_str()));
    let (Some(date), Some(amount)) = (column(&DATE_NAMES), column(&AMOUNT_NAMES)) else {
        return Err(file(1, PaymentInputError::NoHeader));
    };
    let reference = column(&REFERENCE_NAMES);
    let mut rows = Rows::default();
    for record in records {
        let (line, fields) = match record {
            Ok(record) => record,
            Err(line) => {
                rows.errors.push(PaymentError::new(line, PaymentField::Row, PaymentInputError::OpenQuote));
                break;
            }
        };
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() != header.len() {
            let error = PaymentInputError::ColumnCount { found: fields.len(), expected: header.len() };
            rows.errors.push(PaymentError::new(line, PaymentField::Row, error));
            continue;
        }
        if rows.payments.len() + rows.errors.len() >= MAX_PAYMENTS {
            return Err(file(line, PaymentInputError::TooMany));
        }
        let field = |column: Option<usize>| Ok(column.map(|c| fields[c].as_str()));
        rows.add(payment(line, [field(Some(date)), field(Some(amount)), field(reference)], currency));
    }
    rows.finish()
}

/// The payments read so far and every row's errors.
#[derive(Default)]
struct Rows {
    payments: Vec<Payment>,
    errors: Vec<PaymentError>,
}

impl Rows {
    fn add(&mut self, row: Result<Payment, Vec<PaymentError>>) {
        match row {
            Ok(payment) => self.payments.push(payment),
            Err(mut errors) => self.errors.append(&mut errors),
        }
    }

    /// The payments when no row had an error, else the errors.
    fn finish(self) -> Result<Vec<Payment>, Vec<PaymentError>> {
        if self.errors.is_empty() {
            Ok(self.payments)
        } else {
            Err(self.errors)
        }
    }
}

/// One payment from its (date, amount, reference) texts, each checked.
fn payment(
    row: usize,
    [date, amount, reference]: [Result<Option<&str>, PaymentInputError>; 3],
    currency: Currency,
) -> Result<Payment, Vec<PaymentError>> {
    let mut errors = Vec::new();
    fn check<T>(
        errors: &mut Vec<PaymentError>,
        row: usize,
        field: PaymentField,
        result: Result<T, PaymentInputError>,
    ) -> Option<T> {
        result.map_err(|error| errors.push(PaymentError::new(row, field, error))).ok()
    }
    fn present(text: Option<&str>) -> Result<&str, PaymentInputError> {
        text.map(str::trim).filter(|t| !t.is_empty()).ok_or(PaymentInputError::Missing)
    }
    let date = check(&mut errors, row, PaymentField::Date, date.and_then(present).and_then(read_date));
    let amount = check(
        &mut errors,
        row,
        PaymentField::Amount,
        amount.and_then(present).and_then(|text| match parse_amount(text, currency) {
            Ok(value) if value > Decimal::ZERO => Ok(value),
            Ok(_) => Err(PaymentInputError::NotPositive),
            Err(e) => Err(PaymentInputError::Amount(e)),
        }),
    );
    let reference = check(
        &mut errors,
        row,
        PaymentField::Reference,
        reference.and_then(|text| match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) if t.chars().count() > MAX_REFERENCE_CHARS => Err(PaymentInputError::TooLong),
            other => Ok(other.map(str::to_string)),
        }),
    );
    match (date, amount, reference) {
        (Some(date), Some(amount), Some(reference)) => Ok(Payment { date, amount, reference }),
        _ => Err(errors),
    }
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`.
fn read_date(text: &str) -> Result<NaiveDate, PaymentInputError> {
    let slashes = text.len() == 10 && text.as_bytes()[4] == b'/' && text.as_bytes()[7] == b'/';
    let iso = if slashes { text.replace('/', "-") } else { text.to_string() };
    parse_date(&iso).map_err(|_| PaymentInputError::NotADate)
}

/// The records of a CSV text: (line where the record starts, fields); `Err(line)` for a quote
/// that is never closed.
struct Records<'a> {
    text: &'a str,
    /// Lines consumed so far.
    line: usize,
}

impl Iterator for Records<'_> {
    type Item = Result<(usize, Vec<String>), usize>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.text.is_empty() {
            return None;
        }
        let start = self.line + 1;
        let (mut fields, mut field) = (Vec::new(), String::new());
        let (mut quoted, mut at_field_start) = (false, true);
        let mut chars = self.text.char_indices().peekable();
        let mut end = self.text.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' if quoted => {
                    if chars.peek().map(|&(_, next)| next) == Some('"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                }
                '"' if at_field_start => quoted = true,
                ',' if !quoted => {
                    fields.push(std::mem::take(&mut field));
                    at_field_start = true;
                    continue;
                }
                '\n' if !quoted => {
                    end = i + 1;
                    break;
                }
                '\r' if !quoted && chars.peek().map(|&(_, next)| next) == Some('\n') => {}
                '\n' => {
                    self.line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            at_field_start = false;
        }
        self.line += 1;
        self.text = &self.text[end..];
        if quoted {
            self.text = "";
            return Some(Err(start));
        }
        fields.push(field);
        Some(Ok((start, fields)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn errors(text: &str) -> Vec<String> {
        read_payments(text, Currency::CNY).unwrap_err().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn json_payments_are_read_in_either_shape() {
        let list = concat!(
            r#"[{"date": "2025-02-15", "amount": "3,226.25", "reference": "TX-1"},"#,
            r#" {"date": "2025-03-14", "amount": "100"}]"#
        );
        let payments = read_payments(list, Currency::CNY).unwrap();
        assert_eq!(
            payments[0],
            Payment { date: day("2025-02-15"), amount: Decimal::new(322_625, 2), reference: Some("TX-1".into()) }
        );
        assert_eq!(payments[1].amount, Decimal::from(100));
        assert_eq!(payments[1].reference, None);
        let object = format!("{{\"payments\": {list}}}");
        assert_eq!(read_payments(&object, Currency::CNY).unwrap(), payments);
    }

    #[test]
    fn json_errors_name_every_row_and_field() {
        let text =
            r#"[{"date": "2025-02-30", "amount": 12.5}, {"date": "2025-02-15", "amount": "-1", "note": "x"}, 3]"#;
        assert_eq!(
            errors(text),
            [
                "row 1, date: not a date (YYYY-MM-DD or YYYY/MM/DD)",
                "row 1, amount: a JSON number where text is expected (write \"1234.56\")",
                "row 2: unknown field `note` (date, amount, reference)",
                "row 2, amount: negative",
                "row 3: not an object {date, amount, reference}",
            ]
        );
        assert_eq!(errors("[{\"date\": \"2025-02-15\", \"amount\": \"0.00\"}]"), ["row 1, amount: not more than zero"]);
        assert_eq!(
            errors("[{\"date\": \"2025-02-15\", \"amount\": \"1.005\"}]"),
            ["row 1, amount: more than 2 fraction digits"]
        );
        assert_eq!(
            errors("{\"rows\": []}"),
            ["not a list of payments (an array, or an object with a `payments` array)"]
        );
        assert!(errors("[{\"date\": ").join("").starts_with("not valid JSON: EOF"));
        // An amount given twice is refused, not read as the last one (as serde_json's tree did).
        let twice = errors(r#"[{"date": "2025-02-15", "amount": "1.00", "amount": "100.00"}]"#).join("");
        assert!(twice.starts_with("not valid JSON: duplicate key `amount`"), "{twice}");
    }

    #[test]
    fn a_bank_export_csv_is_read_by_its_header() {
        // The shape of a Chinese bank's statement export: extra columns, Chinese headers,
        // slashed dates, grouped amounts in quotes, CRLF, a byte-order mark.
        let text = concat!(
            "\u{feff}交易日期,摘要,金额,流水号\r\n",
            "2025/02/15,还款,\"3,226.25\",A001\r\n",
            "2025/03/15,\"还款, 部分\",1000.00,\r\n\r\n"
        );
        let payments = read_payments(text, Currency::CNY).unwrap();
        assert_eq!(payments.len(), 2);
        assert_eq!(
            payments[0],
            Payment { date: day("2025-02-15"), amount: Decimal::new(322_625, 2), reference: Some("A001".into()) }
        );
        assert_eq!(payments[1], Payment { date: day("2025-03-15"), amount: Decimal::new(100_000, 2), reference: None });
        let english = "Reference,Amount,Date\n\"R \"\"1\"\"\",$12.50,2025-01-31\n";
        assert_eq!(read_payments(english, Currency::USD).unwrap()[0].reference.as_deref(), Some("R \"1\""));
    }

    #[test]
    fn csv_errors_name_the_line() {
        assert_eq!(
            errors("date,amount\n2025-13-01,5\n2025-01-01\n2025-01-02,abc\n"),
            [
                "row 2, date: not a date (YYYY-MM-DD or YYYY/MM/DD)",
                "row 3: 1 columns where the header has 2",
                "row 4, amount: not a number",
            ]
        );
        assert_eq!(
            errors("when,how much\n2025-01-01,5\n"),
            ["row 1: no header row naming the date and amount columns"]
        );
        assert_eq!(errors(""), ["no header row naming the date and amount columns"]);
        assert_eq!(errors("date,amount\n2025-01-01,\"5\n"), ["row 2: a quote is not closed"]);
        // A quoted line break belongs to its field; the next record's line counts it.
        assert_eq!(
            errors("date,amount,reference\n2025-01-01,5,\"a\nb\"\n2025-01-02,x,\n"),
            ["row 4, amount: not a number"]
        );
    }

    #[test]
    fn no_input_panics() {
        for text in [
            "\"",
            ",,,\n\"\"\"",
            "date,amount\n\r",
            "[null]",
            "{}",
            "date\n",
            "\u{feff}",
            "[{\"date\":\"2025/1/1\",\"amount\":\"1\"}]",
        ] {
            let _ = read_payments(text, Currency::CNY);
        }
        let many = format!("date,amount\n{}", "2025-01-01,1\n".repeat(MAX_PAYMENTS + 1));
        assert!(errors(&many).iter().any(|e| e.contains("more than 10000 payments")));
    }
}
