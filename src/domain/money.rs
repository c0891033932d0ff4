//! Money: currencies, the one named rounding rule, and the strict amount parser.
//!
//! Every amount in the core is a [`Decimal`]. Amounts that are money are rounded to the
//! currency's minor unit by [`Rounding::round`], which also fixes the scale so that an amount
//! prints with exactly the currency's fraction digits ("100.00", not "100").
//!
//! Policy: the default rule is half away from zero (四舍五入), named
//! [`RoundingRule::HalfAwayFromZero`]. `Decimal::round_dp` is banker's rounding and is never
//! used here.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// The largest magnitude any account can have: 10^12 major units.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// An ISO 4217 currency with its minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default, schemars::JsonSchema)]
pub enum Currency {
    #[default]
    CNY,
    USD,
    EUR,
    GBP,
    HKD,
    JPY,
    KRW,
    KWD,
    BHD,
}

crate::by_name!(Currency {
    "CNY" => CNY,
    "USD" => USD,
    "EUR" => EUR,
    "GBP" => GBP,
    "HKD" => HKD,
    "JPY" => JPY,
    "KRW" => KRW,
    "KWD" => KWD,
    "BHD" => BHD,
});

impl Currency {
    /// Every supported currency, in display order.
    pub const ALL: [Currency; 9] = [
        Currency::CNY,
        Currency::USD,
        Currency::EUR,
        Currency::GBP,
        Currency::HKD,
        Currency::JPY,
        Currency::KRW,
        Currency::KWD,
        Currency::BHD,
    ];

    /// Digits after the decimal point of the currency's minor unit (ISO 4217).
    pub fn minor_units(self) -> u32 {
        match self {
            Currency::JPY | Currency::KRW => 0,
            Currency::KWD | Currency::BHD => 3,
            _ => 2,
        }
    }

    /// The ISO 4217 alphabetic code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::CNY => "CNY",
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::GBP => "GBP",
            Currency::HKD => "HKD",
            Currency::JPY => "JPY",
            Currency::KRW => "KRW",
            Currency::KWD => "KWD",
            Currency::BHD => "BHD",
        }
    }

    /// One minor unit (0.01 for CNY, 1 for JPY, 0.001 for KWD).
    pub fn minor_unit(self) -> Decimal {
        Decimal::new(1, self.minor_units())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().to_ascii_uppercase();
        Currency::ALL.into_iter().find(|c| c.code() == code).ok_or(AmountError::UnknownCurrency)
    }
}

/// How an amount is rounded to the minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum RoundingRule {
    /// 四舍五入: 0.5 goes away from zero. The default.
    #[default]
    HalfAwayFromZero,
    /// Banker's rounding: 0.5 goes to the even digit.
    HalfEven,
    /// Always toward zero (truncation).
    Down,
    /// Always away from zero.
    Up,
}

crate::by_name!(RoundingRule {
    "halfAwayFromZero" => HalfAwayFromZero,
    "halfEven" => HalfEven,
    "down" => Down,
    "up" => Up,
});

impl RoundingRule {
    /// The `rust_decimal` strategy of the rule.
    pub(crate) fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingRule::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingRule::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingRule::Down => RoundingStrategy::ToZero,
            RoundingRule::Up => RoundingStrategy::AwayFromZero,
        }
    }
}

/// The rounding of one plan: a rule and the number of fraction digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rounding {
    /// Fraction digits kept (the currency's minor units).
    pub decimals: u32,
    /// The named rule.
    pub rule: RoundingRule,
}

impl Rounding {
    /// The rounding for `currency` under `rule`.
    pub fn new(currency: Currency, rule: RoundingRule) -> Self {
        Rounding { decimals: currency.minor_units(), rule }
    }

    /// Rounds `amount` to the minor unit by the plan's rule and fixes its scale, so that it
    /// displays with exactly `decimals` fraction digits.
    pub fn round(&self, amount: impl Into<Decimal>) -> Decimal {
        let amount: Decimal = amount.into();
        fix_scale(amount.round_dp_with_strategy(self.decimals, self.rule.strategy()), self.decimals)
    }

    /// Rounds `amount` up (away from zero) to a multiple of `step` (for example 1, 10, 100).
    pub fn round_up_to_multiple(&self, amount: Decimal, step: Decimal) -> Decimal {
        if step <= Decimal::ZERO {
            return self.round(amount);
        }
        match amount.checked_div(step) {
            Some(q) => self.round(q.ceil() * step),
            None => self.round(amount),
        }
    }

    /// Rounds `amount` to an [`Amount`] of the minor unit by the plan's rule.
    pub fn amount(&self, amount: impl Into<Decimal>) -> Amount {
        Amount(self.round(amount))
    }

    /// `amount` as a whole number of minor units, rounded by the rule first if it carries more
    /// digits; `None` beyond `i128`. Schedules run in minor units: integer arithmetic is
    /// exact there and several times faster than `Decimal`'s rescaling.
    pub fn to_units(&self, amount: impl Into<Decimal>) -> Option<i128> {
        let rounded = self.round(amount);
        (rounded.scale() == self.decimals).then(|| rounded.mantissa())
    }

    /// The [`Amount`] of `units` minor units; `None` beyond `Decimal`'s range.
    pub fn of_units(&self, units: i128) -> Option<Amount> {
        match i64::try_from(units) {
            Ok(small) => Decimal::try_new(small, self.decimals),
            Err(_) => Decimal::try_from_i128_with_scale(units, self.decimals),
        }
        .ok()
        .map(Amount)
    }

    /// The sum of `amounts`, each at the plan's minor unit (what [`Rounding::amount`] makes):
    /// added as integers, with `Decimal` addition only for an amount at another scale.
    pub fn sum(&self, amounts: impl Iterator<Item = Amount>) -> Amount {
        let (mut units, mut other) = (0i128, Decimal::ZERO);
        for amount in amounts {
            // A mantissa is below 2^96: fewer than 2^31 of them cannot overflow an i128.
            if amount.0.scale() == self.decimals {
                units += amount.0.mantissa();
            } else {
                other += amount.0;
            }
        }
        self.amount(self.of_units(units).map_or(Decimal::ZERO, |a| a.0) + other)
    }

    /// Rounds toward zero to the minor unit (used where exceeding a limit is not allowed).
    pub fn round_down(&self, amount: Decimal) -> Decimal {
        fix_scale(amount.round_dp_with_strategy(self.decimals, RoundingStrategy::ToZero), self.decimals)
    }
}

/// Sets the scale of an already rounded amount to exactly `decimals`.
pub fn fix_scale(mut amount: Decimal, decimals: u32) -> Decimal {
    amount.rescale(decimals);
    amount
}

/// An amount of money at its currency's minor unit: what every money field of a plan holds.
///
/// It is written as a decimal string with the digits it carries ("100.00", "33333",
/// "33.334": [`Rounding::amount`] fixes them to the currency's) and documented as a string
/// in the JSON Schemas — the serde and the schema of every money field, declared once.
/// Amounts of one plan add and subtract exactly (they share the minor unit); everything
/// else goes through [`Rounding`]. It reads as a [`Decimal`] (`Deref`) for comparisons and
/// formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Amount(Decimal);

/// Amounts of one plan share a scale (the currency's minor unit): their order is their
/// mantissas' (exact, and ≈ 10 × quicker than `Decimal`'s general comparison, which was 9 %
/// of a 360-row plan's time in finding its smallest installment). Other scales: `Decimal`'s
/// order. The same order, and the same equality, as `Decimal`'s.
impl Ord for Amount {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if self.0.scale() == other.0.scale() {
            self.0.mantissa().cmp(&other.0.mantissa())
        } else {
            self.0.cmp(&other.0)
        }
    }
}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Amount {
    /// Zero, with no fraction digits.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// The amount as a decimal.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Whether the amount is zero (for `skip_serializing_if`).
    pub fn is_zero_amount(&self) -> bool {
        self.0.is_zero()
    }
}

impl From<Decimal> for Amount {
    /// An amount from a decimal already at its currency's minor unit (a parsed amount, or a
    /// sum of amounts).
    fn from(value: Decimal) -> Self {
        Amount(value)
    }
}

impl From<Amount> for Decimal {
    fn from(amount: Amount) -> Self {
        amount.0
    }
}

impl PartialEq<Decimal> for Amount {
    fn eq(&self, other: &Decimal) -> bool {
        self.0 == *other
    }
}

impl PartialOrd<Decimal> for Amount {
    fn partial_cmp(&self, other: &Decimal) -> Option<std::cmp::Ordering> {
        self.0.partial_cmp(other)
    }
}

impl std::ops::Deref for Amount {
    type Target = Decimal;
    fn deref(&self) -> &Decimal {
        &self.0
    }
}

impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, other: Amount) -> Amount {
        Amount(self.0 + other.0)
    }
}

impl std::ops::Sub for Amount {
    type Output = Amount;
    fn sub(self, other: Amount) -> Amount {
        Amount(self.0 - other.0)
    }
}

impl std::ops::AddAssign for Amount {
    fn add_assign(&mut self, other: Amount) {
        self.0 += other.0;
    }
}

impl std::ops::SubAssign for Amount {
    fn sub_assign(&mut self, other: Amount) {
        self.0 -= other.0;
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(amounts: I) -> Amount {
        Amount(amounts.map(|a| a.0).sum())
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut digits = [0u8; PLAIN_DIGITS];
        match plain_text(self.0, &mut digits) {
            Some(text) => serializer.serialize_str(text),
            None => serializer.collect_str(&self.0),
        }
    }
}

/// Room for the sign, 20 digits of a `u64` mantissa, the point and a leading zero.
const PLAIN_DIGITS: usize = 24;

/// `value` as `Decimal`'s `Display` writes it (`-1234.50`, `0.05`), into `buffer` without a
/// `Formatter`: a batch writes millions of amounts, and the general path was a fifth of its
/// time. `None` (the caller falls back to `Display`) for a mantissa beyond `u64` or a
/// negative zero.
fn plain_text(value: Decimal, buffer: &mut [u8; PLAIN_DIGITS]) -> Option<&str> {
    let mantissa = value.mantissa();
    let negative = mantissa < 0;
    if value.is_sign_negative() != negative {
        return None;
    }
    let mut rest = u64::try_from(mantissa.unsigned_abs()).ok()?;
    let scale = value.scale() as usize;
    let mut start = PLAIN_DIGITS;
    let mut written = 0usize;
    // Digits from the last, the point after `scale` of them, at least one before the point.
    while rest > 0 || written <= scale {
        if written == scale && scale > 0 {
            start -= 1;
            buffer[start] = b'.';
        }
        start -= 1;
        buffer[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        written += 1;
        if start < 2 {
            return None;
        }
    }
    if negative {
        start -= 1;
        buffer[start] = b'-';
    }
    std::str::from_utf8(&buffer[start..]).ok()
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        rust_decimal::serde::str::deserialize(deserializer).map(Amount)
    }
}

impl schemars::JsonSchema for Amount {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

/// Why a typed amount or percentage was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum AmountError {
    #[error("empty")]
    Empty,
    #[error("not a number")]
    NotANumber,
    #[error("more than {max} fraction digits")]
    TooManyDecimals { max: u32 },
    #[error("negative")]
    Negative,
    #[error("larger than {max}")]
    TooLarge { max: String },
    #[error("unknown currency")]
    UnknownCurrency,
}

/// Parses what a person typed as an amount of `currency`.
///
/// Accepts surrounding spaces, grouping commas in groups of three ("1,234.56"), one currency
/// sign or code before or "元" after the number, and full-width digits ("１２３４.５６").
/// Rejects exponents, NaN, underscores, hex, signs other than a leading minus (which is
/// rejected as [`AmountError::Negative`]), more fraction digits than the currency has, and
/// magnitudes over [`MAX_AMOUNT`].
///
/// # Errors
/// The [`AmountError`] that names the reason.
pub fn parse_amount(text: &str, currency: Currency) -> Result<Decimal, AmountError> {
    parse_decimal(text, currency.minor_units(), MAX_AMOUNT)
}

/// Parses a percentage as typed ("9.99", "9.99%", "９.９９％") into percent points.
/// At most 6 fraction digits, at most 1,000 %.
///
/// # Errors
/// The [`AmountError`] that names the reason.
pub fn parse_percent(text: &str) -> Result<Decimal, AmountError> {
    let trimmed = normalise(text);
    let body = trimmed.strip_suffix('%').unwrap_or(&trimmed).trim_end();
    parse_plain(body, 6, Decimal::ONE_THOUSAND)
}

/// Parses a non-negative decimal as typed, with at most `max_decimals` fraction digits and at
/// most `max`, after stripping currency marks (the rules of [`parse_amount`]).
///
/// # Errors
/// The [`AmountError`] that names the reason.
pub fn parse_decimal(text: &str, max_decimals: u32, max: Decimal) -> Result<Decimal, AmountError> {
    let normalised = normalise(text);
    let body = strip_currency_marks(&normalised);
    parse_plain(body, max_decimals, max)
}

fn parse_plain(body: &str, max_decimals: u32, max: Decimal) -> Result<Decimal, AmountError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(AmountError::Empty);
    }
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    let plain = ungroup(digits)?;
    let (int_part, frac_part) = match plain.split_once('.') {
        Some((i, f)) => (i, f),
        None => (&*plain, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty()) || !all_digits(int_part) || !all_digits(frac_part) {
        return Err(AmountError::NotANumber);
    }
    if plain.ends_with('.') && frac_part.is_empty() && int_part.is_empty() {
        return Err(AmountError::NotANumber);
    }
    if frac_part.len() as u32 > max_decimals {
        return Err(AmountError::TooManyDecimals { max: max_decimals });
    }
    // Leading zeros are fine; very long digit strings are rejected before Decimal sees them.
    let significant = int_part.trim_start_matches('0');
    if significant.len() > 15 {
        return Err(AmountError::TooLarge { max: max.normalize().to_string() });
    }
    // At most 15 significant digits before the point and a few after: the digits as one
    // integer and the fraction's length as the scale, exactly.
    let mantissa = int_part
        .bytes()
        .chain(frac_part.bytes())
        .try_fold(0i128, |m, b| m.checked_mul(10)?.checked_add(i128::from(b - b'0')));
    let value = mantissa
        .and_then(|m| Decimal::try_from_i128_with_scale(m, frac_part.len() as u32).ok())
        .ok_or(AmountError::NotANumber)?;
    if value > max {
        return Err(AmountError::TooLarge { max: max.normalize().to_string() });
    }
    if negative && !value.is_zero() {
        return Err(AmountError::Negative);
    }
    Ok(value)
}

/// Serde for a non-negative decimal carried as a JSON string and read by the strict parser of
/// amounts ([`parse_decimal`]: no exponent, no `NaN`, at most 6 fraction digits, at most
/// [`MAX_AMOUNT`]), for figures of files that are not amounts of a known currency (policy
/// limits, LPR values). A JSON number, `"1e5"` or a 28-digit number is refused when read,
/// so no such figure can overflow later.
pub mod decimal_text {
    use super::{parse_decimal, MAX_AMOUNT};
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the decimal as text.
    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    /// Reads a decimal string strictly.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(serde::de::Error::custom)
    }

    /// The same, for the hand-written readers ([`crate::domain::members`]).
    ///
    /// # Errors
    /// Not a string, or not such a decimal.
    pub fn read(value: crate::json::Value) -> Result<Decimal, crate::domain::members::ReadError> {
        let text = crate::domain::members::text(value)?;
        parse(&text).map_err(crate::domain::members::ReadError::custom)
    }

    fn parse(text: &str) -> Result<Decimal, String> {
        parse_decimal(text, 6, MAX_AMOUNT)
            .map_err(|e| format!("`{text}` is not a decimal of at most 6 fraction digits from 0 to 10^12 ({e})"))
    }
}

/// [`decimal_text`] for an optional member (`None` when absent).
pub mod optional_decimal_text {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Writes the decimal as text (members that are `None` are skipped by the caller).
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a decimal string strictly.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
        super::decimal_text::deserialize(deserializer).map(Some)
    }
}

/// Removes grouping commas, requiring groups of exactly three digits after the first.
fn ungroup(digits: &str) -> Result<Cow<'_, str>, AmountError> {
    if !digits.contains(',') {
        return Ok(Cow::Borrowed(digits));
    }
    let (int_part, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let groups: Vec<&str> = int_part.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !first_ok || !rest_ok || frac.is_some_and(|f| f.contains(',')) {
        return Err(AmountError::NotANumber);
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Ok(Cow::Owned(out))
}

/// Parses a whole number from `min` to `max` as typed (digits only, full-width digits too).
pub fn parse_whole(text: &str, min: u32, max: u32) -> Option<u32> {
    let normalised = normalise(text);
    let n = normalised.parse::<u32>().ok().filter(|n| (min..=max).contains(n))?;
    normalised.bytes().all(|b| b.is_ascii_digit()).then_some(n)
}

/// Maps full-width digits and punctuation to ASCII and trims.
fn normalise(text: &str) -> Cow<'_, str> {
    // Every character mapped below is outside ASCII: ASCII text is only trimmed (a batch
    // reads a dozen amounts a line).
    if text.is_ascii() {
        return Cow::Borrowed(text.trim());
    }
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '，' => ',',
            '％' => '%',
            '－' | '−' => '-',
            '＋' => '+',
            '\u{3000}' | '\u{a0}' => ' ',
            _ => c,
        })
        .collect();
    Cow::Owned(mapped.trim().to_string())
}

/// Strips one leading currency sign or code and one trailing "元"/code.
fn strip_currency_marks(text: &str) -> &str {
    const PREFIXES: [&str; 16] =
        ["CNY", "RMB", "USD", "EUR", "GBP", "HKD", "JPY", "KRW", "KWD", "BHD", "HK$", "US$", "¥", "￥", "$", "€"];
    const MORE_PREFIXES: [&str; 2] = ["£", "₩"];
    const SUFFIXES: [&str; 5] = ["元", "圆", "CNY", "RMB", "円"];
    let mut body = text.trim();
    for p in PREFIXES.iter().chain(MORE_PREFIXES.iter()) {
        if let Some(rest) = body.strip_prefix(p) {
            body = rest.trim_start();
            break;
        }
    }
    for s in SUFFIXES {
        if let Some(rest) = body.strip_suffix(s) {
            body = rest.trim_end();
            break;
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Amounts order as their decimals do, at one scale (the mantissas) and across scales,
    /// signs, zeros (−0 too) and the largest mantissas.
    #[test]
    fn amounts_order_as_their_decimals() {
        let mut values: Vec<Decimal> =
            ["0", "-0", "0.00", "-0.00", "1", "1.00", "0.99", "-1.01", "33.334", "33.33", "-33.334"]
                .iter()
                .map(|t| t.parse().unwrap())
                .collect();
        values.extend([
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::new(i64::MAX, 2),
        ]);
        for a in &values {
            for b in &values {
                assert_eq!(Amount(*a).cmp(&Amount(*b)), a.cmp(b), "{a} against {b}");
                assert_eq!(Amount(*a) == Amount(*b), a == b, "{a} against {b}");
            }
        }
    }

    #[test]
    fn plain_text_writes_what_display_writes() {
        let mut seed = 0x5eed_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            seed >> 11
        };
        let mut values = vec![
            Decimal::ZERO,
            Decimal::new(5, 2),
            Decimal::new(-5, 2),
            Decimal::new(100, 2),
            Decimal::new(-123_456, 0),
            Decimal::new(1, 10),
            Decimal::new(i64::MAX, 0),
            Decimal::new(i64::MIN + 1, 4),
        ];
        for _ in 0..20_000 {
            let mantissa = (next() >> (next() % 50)) as i64 * if next() % 2 == 0 { 1 } else { -1 };
            values.push(Decimal::new(mantissa, (next() % 19) as u32));
        }
        for value in values {
            let mut buffer = [0u8; PLAIN_DIGITS];
            assert_eq!(plain_text(value, &mut buffer), Some(value.to_string().as_str()), "{value:?}");
        }
        // A negative zero, whichever way the sign is kept, reads as Display reads it.
        let negative_zero = Decimal::from_parts(0, 0, 0, true, 2);
        let mut buffer = [0u8; PLAIN_DIGITS];
        let shown = plain_text(negative_zero, &mut buffer).map(str::to_string);
        assert_eq!(shown.unwrap_or_else(|| negative_zero.to_string()), negative_zero.to_string());
        // Beyond a u64 mantissa: left to Display.
        assert_eq!(plain_text(Decimal::MAX, &mut buffer), None);
        assert_eq!(serde_json::to_string(&Amount(Decimal::new(-1234, 2))).unwrap(), "\"-12.34\"");
    }
    use rust_decimal_macros::dec;

    #[test]
    fn max_amount_is_ten_to_the_twelfth() {
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000_i64));
    }

    #[test]
    fn accepts_what_people_type() {
        let cny = Currency::CNY;
        for (text, expected) in [
            ("1,234.56", dec!(1234.56)),
            (" 1234 ", dec!(1234)),
            ("¥1,234.56", dec!(1234.56)),
            ("1234.56元", dec!(1234.56)),
            ("１２３４.５６", dec!(1234.56)),
            ("￥ 1，234．5", dec!(1234.5)),
            ("0.5", dec!(0.5)),
            (".5", dec!(0.5)),
            ("12.", dec!(12)),
            ("CNY 100", dec!(100)),
            ("1,000,000", dec!(1000000)),
        ] {
            assert_eq!(parse_amount(text, cny), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn rejects_what_no_account_holds() {
        let cny = Currency::CNY;
        for (text, error) in [
            ("1e5", AmountError::NotANumber),
            ("NaN", AmountError::NotANumber),
            ("1_000", AmountError::NotANumber),
            ("0x10", AmountError::NotANumber),
            ("", AmountError::Empty),
            ("   ", AmountError::Empty),
            ("1.234", AmountError::TooManyDecimals { max: 2 }),
            ("-5", AmountError::Negative),
            ("1000000000000.01", AmountError::TooLarge { max: "1000000000000".into() }),
            ("99999999999999999999999999999999", AmountError::TooLarge { max: "1000000000000".into() }),
            ("1,23", AmountError::NotANumber),
            ("12,3456", AmountError::NotANumber),
            ("1.2.3", AmountError::NotANumber),
            ("inf", AmountError::NotANumber),
            ("--1", AmountError::NotANumber),
            (".", AmountError::NotANumber),
        ] {
            assert_eq!(parse_amount(text, cny), Err(error), "{text:?}");
        }
        assert_eq!(parse_amount("100.5", Currency::JPY), Err(AmountError::TooManyDecimals { max: 0 }));
        assert_eq!(parse_amount("1.234", Currency::KWD), Ok(dec!(1.234)));
    }

    #[test]
    fn whole_numbers_are_digits_only() {
        assert_eq!(parse_whole(" １２ ", 1, 1200), Some(12));
        for bad in ["12.0", "+12", "1,200", "0", "1201", "", "１２．"] {
            assert_eq!(parse_whole(bad, 1, 1200), None, "{bad:?}");
        }
    }

    #[test]
    fn percentages_accept_a_percent_sign() {
        assert_eq!(parse_percent("9.99%"), Ok(dec!(9.99)));
        assert_eq!(parse_percent("９.９９％"), Ok(dec!(9.99)));
        assert_eq!(parse_percent("1001"), Err(AmountError::TooLarge { max: "1000".into() }));
    }

    #[test]
    fn rounding_is_half_away_from_zero_by_default() {
        // Hand computation: 2.345 -> 2.35 (banker's would give 2.34).
        let r = Rounding::new(Currency::CNY, RoundingRule::default());
        assert_eq!(r.round(dec!(2.345)).to_string(), "2.35");
        assert_eq!(r.round(dec!(-2.345)).to_string(), "-2.35");
        assert_eq!(r.round(dec!(100)).to_string(), "100.00");
        let even = Rounding::new(Currency::CNY, RoundingRule::HalfEven);
        assert_eq!(even.round(dec!(2.345)).to_string(), "2.34");
        let yen = Rounding::new(Currency::JPY, RoundingRule::default());
        assert_eq!(yen.round(dec!(1234.5)).to_string(), "1235");
    }

    #[test]
    fn round_up_to_multiple() {
        let r = Rounding::new(Currency::CNY, RoundingRule::default());
        assert_eq!(r.round_up_to_multiple(dec!(3226.25), dec!(10)).to_string(), "3230.00");
        assert_eq!(r.round_up_to_multiple(dec!(3200), dec!(100)).to_string(), "3200.00");
    }
}
