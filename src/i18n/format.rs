//! Amounts and percentages as shown: from their exact decimal strings, never through a
//! float — grouping by thousands, the currency's symbol, the fraction digits the amount
//! already carries.

use super::Locale;
use crate::domain::money::{Amount, Currency};

/// Inserts thousands separators into a plain decimal string ("-1234567.50" →
/// "-1,234,567.50"). The digits are never parsed, so nothing is lost.
pub fn group_digits(decimal: &str) -> String {
    let (sign, unsigned) = match decimal.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", decimal),
    };
    let (int_part, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The symbol shown before an amount of `currency` in `locale`.
pub fn currency_symbol(currency: Currency, locale: Locale) -> &'static str {
    match (currency, locale) {
        (Currency::CNY, Locale::ZhCn) => "¥",
        (Currency::CNY, Locale::En) => "CN¥",
        (Currency::USD, Locale::ZhCn) => "US$",
        (Currency::USD, Locale::En) => "$",
        (Currency::EUR, _) => "€",
        (Currency::GBP, _) => "£",
        (Currency::HKD, _) => "HK$",
        (Currency::JPY, Locale::ZhCn) => "JP¥",
        (Currency::JPY, Locale::En) => "¥",
        (Currency::KRW, _) => "₩",
        (Currency::KWD, _) => "KWD ",
        (Currency::BHD, _) => "BHD ",
    }
}

/// An amount as shown: symbol and grouped digits, from the exact decimal string.
pub fn format_amount(decimal: &str, currency: Currency, locale: Locale) -> String {
    let grouped = group_digits(decimal);
    let symbol = currency_symbol(currency, locale);
    match grouped.strip_prefix('-') {
        Some(rest) => format!("-{symbol}{rest}"),
        None => format!("{symbol}{grouped}"),
    }
}

/// An amount as shown: [`format_amount`] of its exact decimal string.
pub fn format_money(amount: Amount, currency: Currency, locale: Locale) -> String {
    format_amount(&amount.to_string(), currency, locale)
}

/// A percentage as shown, digits grouped like amounts ("12.80%", "7,218.00%").
pub fn format_percent(decimal: &str) -> String {
    format!("{}%", group_digits(decimal))
}
