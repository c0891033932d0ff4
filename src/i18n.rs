//! Every visible string, in zh-CN and en, and locale-aware number formatting.
//!
//! Strings live in one [`Texts`] struct per locale, so a string missing in one language is a
//! compile error, not a blank on screen. Amounts are formatted from their exact decimal
//! string (never through a float): grouping by thousands, the currency's symbol, and the
//! fraction digits the amount already carries.
//!
//! Pure: no web crates, so it is tested natively.

use crate::domain::money::{AmountError, Currency};
use crate::domain::request::InputError;

/// A supported language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// 简体中文.
    ZhCn,
}

impl Locale {
    /// Both locales, in switch order.
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
        }
    }

    /// The locale for a BCP 47 tag: any `zh` tag is zh-CN, everything else English.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_") {
            Some(Locale::ZhCn)
        } else if lower == "en" || lower.starts_with("en-") || lower.starts_with("en_") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// The first supported locale among the browser's preferences, else English.
    pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Locale {
        preferences.into_iter().find_map(Locale::from_tag).unwrap_or_default()
    }

    /// The strings of this locale.
    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &EN,
            Locale::ZhCn => &ZH_CN,
        }
    }
}

/// Every visible string of the app.
#[derive(Debug)]
pub struct Texts {
    pub product: &'static str,
    pub tagline: &'static str,
    pub language_label: &'static str,
    pub language_name: &'static str,
    pub crash_title: &'static str,
    pub crash_body: &'static str,
    pub crash_reload: &'static str,
    pub quick_plan_title: &'static str,
    pub quick_plan_hint: &'static str,
    pub amount_label: &'static str,
    pub rate_label: &'static str,
    pub count_label: &'static str,
    pub payment_label: &'static str,
    pub total_interest_label: &'static str,
    pub total_paid_label: &'static str,
    pub nominal_rate_label: &'static str,
    pub effective_rate_label: &'static str,
    pub stale_note: &'static str,
    pub error_empty: &'static str,
    pub error_not_a_number: &'static str,
    pub error_too_many_decimals: &'static str,
    pub error_negative: &'static str,
    pub error_too_large: &'static str,
    pub error_unknown_currency: &'static str,
    pub error_date: &'static str,
    pub error_whole_number: &'static str,
    pub error_amount_or_percent: &'static str,
    pub error_count_or_target: &'static str,
    pub error_exceeds_bucket: &'static str,
    pub error_percent_above_100: &'static str,
    pub error_exceeds_due: &'static str,
    pub error_nothing_to_finance: &'static str,
    pub error_not_after_as_of: &'static str,
    pub error_round_up_step: &'static str,
    pub error_never_covers_interest: &'static str,
    pub error_target_not_reachable: &'static str,
    pub error_target_not_applicable: &'static str,
    pub error_negative_amortization: &'static str,
    pub error_date_out_of_range: &'static str,
    pub error_overflow: &'static str,
    pub error_policy: &'static str,
}

static EN: Texts = Texts {
    product: "Accord",
    tagline: "Repayment plans both sides can keep",
    language_label: "Language",
    language_name: "English",
    crash_title: "Something went wrong",
    crash_body:
        "Accord hit an unexpected error and stopped. Your draft is kept in this browser. Reload the page to continue.",
    crash_reload: "Reload",
    quick_plan_title: "Quick installment plan",
    quick_plan_hint: "Equal monthly installments, first due one month from today.",
    amount_label: "Amount financed",
    rate_label: "Annual rate (%)",
    count_label: "Number of monthly installments",
    payment_label: "Monthly payment",
    total_interest_label: "Total interest",
    total_paid_label: "Total paid",
    nominal_rate_label: "Nominal annual rate",
    effective_rate_label: "Effective annual rate",
    stale_note: "Showing the last valid figures until the input is corrected.",
    error_empty: "Enter a value.",
    error_not_a_number: "Enter a number such as 1,234.56.",
    error_too_many_decimals: "Use at most {max} digits after the decimal point.",
    error_negative: "Enter an amount of zero or more.",
    error_too_large: "Enter at most {max}.",
    error_unknown_currency: "Choose a supported currency.",
    error_date: "Enter a date as YYYY-MM-DD.",
    error_whole_number: "Enter a whole number from {min} to {max}.",
    error_amount_or_percent: "Give either an amount or a percentage.",
    error_count_or_target: "Give either a number of installments or a target payment.",
    error_exceeds_bucket: "More than is owed in this part ({available}).",
    error_percent_above_100: "Enter at most 100 %.",
    error_exceeds_due: "More than is due ({due}).",
    error_nothing_to_finance: "Nothing is left to pay in installments.",
    error_not_after_as_of: "Choose a date after the account date.",
    error_round_up_step: "Round to 1, 10 or 100.",
    error_never_covers_interest: "This payment never covers the interest; it must be more than {minimum}.",
    error_target_not_reachable: "Even {max} installments cannot bring the payment this low.",
    error_target_not_applicable: "An interest-only plan needs a number of installments.",
    error_negative_amortization: "Installment {number} would not cover its interest.",
    error_date_out_of_range: "A due date falls outside the calendar.",
    error_overflow: "These figures are too large to compute.",
    error_policy: "The policy is not valid: {reason}",
};

static ZH_CN: Texts = Texts {
    product: "Accord 协商还款",
    tagline: "双方都能履行的还款计划",
    language_label: "语言",
    language_name: "简体中文",
    crash_title: "出错了",
    crash_body: "Accord 遇到意外错误，已停止运行。您的草稿保存在本浏览器中。请刷新页面继续。",
    crash_reload: "刷新",
    quick_plan_title: "快速分期试算",
    quick_plan_hint: "等额本息按月还款，首期为今天起一个月后。",
    amount_label: "分期金额",
    rate_label: "年化利率（%）",
    count_label: "分期期数（月）",
    payment_label: "每期还款",
    total_interest_label: "利息合计",
    total_paid_label: "还款合计",
    nominal_rate_label: "名义年化利率（单利）",
    effective_rate_label: "实际年化利率（复利）",
    stale_note: "输入有误，暂时显示上一次有效的结果。",
    error_empty: "请输入数值。",
    error_not_a_number: "请输入数字，例如 1,234.56。",
    error_too_many_decimals: "小数点后最多 {max} 位。",
    error_negative: "请输入零或正数。",
    error_too_large: "最多为 {max}。",
    error_unknown_currency: "请选择支持的币种。",
    error_date: "请按 YYYY-MM-DD 输入日期。",
    error_whole_number: "请输入 {min} 到 {max} 之间的整数。",
    error_amount_or_percent: "请填写金额或比例，二选一。",
    error_count_or_target: "请填写期数或目标月供，二选一。",
    error_exceeds_bucket: "超过该项欠款（{available}）。",
    error_percent_above_100: "比例最多为 100%。",
    error_exceeds_due: "超过应还金额（{due}）。",
    error_nothing_to_finance: "已无剩余金额可分期。",
    error_not_after_as_of: "日期须晚于账户日期。",
    error_round_up_step: "只能取整到 1、10 或 100。",
    error_never_covers_interest: "该还款额不足以覆盖利息，须大于 {minimum}。",
    error_target_not_reachable: "即使分 {max} 期，月供也无法降到该金额。",
    error_target_not_applicable: "先息后本方案须填写期数。",
    error_negative_amortization: "第 {number} 期还款不足以覆盖当期利息。",
    error_date_out_of_range: "还款日期超出日历范围。",
    error_overflow: "数值过大，无法计算。",
    error_policy: "政策配置无效：{reason}",
};

/// Fills `{name}` placeholders.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

/// The user-facing message for an input error, in `locale`.
pub fn input_error_message(error: &InputError, locale: Locale) -> String {
    let t = locale.texts();
    match error {
        InputError::Amount(amount) => match amount {
            AmountError::Empty => t.error_empty.into(),
            AmountError::NotANumber => t.error_not_a_number.into(),
            AmountError::TooManyDecimals { max } => fill(t.error_too_many_decimals, &[("max", &max.to_string())]),
            AmountError::Negative => t.error_negative.into(),
            AmountError::TooLarge { max } => fill(t.error_too_large, &[("max", &group_digits(max))]),
            AmountError::UnknownCurrency => t.error_unknown_currency.into(),
        },
        InputError::Date => t.error_date.into(),
        InputError::WholeNumber { min, max } => {
            fill(t.error_whole_number, &[("min", &min.to_string()), ("max", &max.to_string())])
        }
        InputError::AmountOrPercent => t.error_amount_or_percent.into(),
        InputError::CountOrTarget => t.error_count_or_target.into(),
        InputError::ExceedsBucket { available } => {
            fill(t.error_exceeds_bucket, &[("available", &group_digits(available))])
        }
        InputError::PercentAbove100 => t.error_percent_above_100.into(),
        InputError::ExceedsDue { due } => fill(t.error_exceeds_due, &[("due", &group_digits(due))]),
        InputError::NothingToFinance => t.error_nothing_to_finance.into(),
        InputError::NotAfterAsOf => t.error_not_after_as_of.into(),
        InputError::RoundUpStep => t.error_round_up_step.into(),
        InputError::NeverCoversInterest { minimum } => {
            fill(t.error_never_covers_interest, &[("minimum", &group_digits(minimum))])
        }
        InputError::TargetNotReachable { max } => fill(t.error_target_not_reachable, &[("max", &max.to_string())]),
        InputError::TargetNotApplicable => t.error_target_not_applicable.into(),
        InputError::NegativeAmortization { number } => {
            fill(t.error_negative_amortization, &[("number", &number.to_string())])
        }
        InputError::DateOutOfRange => t.error_date_out_of_range.into(),
        InputError::Overflow => t.error_overflow.into(),
        InputError::Policy { reason } => fill(t.error_policy, &[("reason", reason)]),
    }
}

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

/// A percentage as shown ("12.80%").
pub fn format_percent(decimal: &str) -> String {
    format!("{decimal}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_the_browser_language() {
        assert_eq!(Locale::negotiate(["zh-CN", "en"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["zh-TW"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["fr-FR", "en-GB"]), Locale::En);
        assert_eq!(Locale::negotiate(["fr-FR"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
    }

    #[test]
    fn groups_digits_without_touching_them() {
        assert_eq!(group_digits("1234567.50"), "1,234,567.50");
        assert_eq!(group_digits("-1234.5"), "-1,234.5");
        assert_eq!(group_digits("999"), "999");
        assert_eq!(group_digits("123456789012345.678"), "123,456,789,012,345.678");
    }

    #[test]
    fn formats_amounts_per_locale() {
        assert_eq!(format_amount("3226.25", Currency::CNY, Locale::ZhCn), "¥3,226.25");
        assert_eq!(format_amount("3226.25", Currency::CNY, Locale::En), "CN¥3,226.25");
        assert_eq!(format_amount("-5", Currency::JPY, Locale::En), "-¥5");
    }

    #[test]
    fn every_message_fills_its_placeholders() {
        let errors = [
            InputError::Amount(AmountError::TooManyDecimals { max: 2 }),
            InputError::Amount(AmountError::TooLarge { max: "1000000000000".into() }),
            InputError::WholeNumber { min: 1, max: 1200 },
            InputError::ExceedsBucket { available: "150.00".into() },
            InputError::NeverCoversInterest { minimum: "832.50".into() },
            InputError::TargetNotReachable { max: 60 },
            InputError::NegativeAmortization { number: 3 },
            InputError::Policy { reason: "x".into() },
        ];
        for locale in Locale::ALL {
            for error in &errors {
                let message = input_error_message(error, locale);
                assert!(!message.contains('{'), "{message}");
            }
        }
        assert_eq!(
            input_error_message(&InputError::NeverCoversInterest { minimum: "1832.50".into() }, Locale::En),
            "This payment never covers the interest; it must be more than 1,832.50."
        );
    }
}
