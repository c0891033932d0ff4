//! Every visible string, in zh-CN and en, and locale-aware number formatting.
//!
//! The strings are in four tables per language ([`en`], [`zh_cn`]), so that each bundle
//! links only its own words: [`Shared`] (every bundle), [`Texts`] (the workspace's, with the
//! shared ones through `Deref`: [`Locale::texts`]), [`DebtorTexts`] (the debtor's page's,
//! likewise: [`Locale::debtor`]) and [`ServicingTexts`] (the follow-up page's:
//! [`Locale::servicing`]). A string moves to `Shared` when two bundles show it. The
//! messages built from the core's data are in [`messages`], amounts and percentages in
//! [`format`]. Pure: no web crates, so it is tested natively.

mod en;
pub mod format;
pub mod messages;
mod texts;
mod zh_cn;

pub use crate::locale::Locale;
pub use format::{currency_symbol, format_amount, format_money, format_percent, group_digits};
pub use messages::*;
pub use texts::{DebtorTexts, ImportTexts, ServicingTexts, Shared, Texts};

impl Locale {
    /// The strings of this locale.
    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &en::EN,
            Locale::ZhCn => &zh_cn::ZH_CN,
        }
    }

    /// The debtor's page's strings of this locale (with the shared ones).
    pub fn debtor(self) -> &'static DebtorTexts {
        match self {
            Locale::En => &en::EN_DEBTOR,
            Locale::ZhCn => &zh_cn::ZH_CN_DEBTOR,
        }
    }

    /// The follow-up page's strings of this locale (with the shared ones).
    pub fn servicing(self) -> &'static ServicingTexts {
        match self {
            Locale::En => &en::EN_SERVICING,
            Locale::ZhCn => &zh_cn::ZH_CN_SERVICING,
        }
    }

    /// The strings of this locale every bundle uses.
    /// Why a file cannot be opened (the workspace's and the follow-up page's).
    pub fn import(self) -> &'static ImportTexts {
        match self {
            Locale::En => &en::EN_IMPORT,
            Locale::ZhCn => &zh_cn::ZH_CN_IMPORT,
        }
    }

    pub fn shared(self) -> &'static Shared {
        match self {
            Locale::En => &en::EN_SHARED,
            Locale::ZhCn => &zh_cn::ZH_CN_SHARED,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::Bucket;
    use crate::domain::money::{AmountError, Currency};
    use crate::domain::policy::{Finding, Outcome, Product, RuleKind};
    use crate::domain::request::InputError;
    use crate::export::agreement::ImportError;

    /// Each text of a locale's tables (the workspace's, the debtor's, the shared ones) by
    /// field name, read from their `Debug` form (`name: "text"`).
    fn texts_by_field(locale: Locale) -> std::collections::BTreeMap<String, String> {
        let debug =
            format!("{:?} {:?} {:?} {:?}", locale.texts(), locale.debtor(), locale.servicing(), locale.import());
        let body = debug.trim_start_matches("Texts {").trim_end_matches('}');
        let mut fields = std::collections::BTreeMap::new();
        let mut rest = body;
        while let Some((name, after)) = rest.split_once(": \"") {
            // The value runs to the next unescaped quote.
            let mut end = 0;
            let bytes = after.as_bytes();
            while end < bytes.len() && !(bytes[end] == b'"' && (end == 0 || bytes[end - 1] != b'\\')) {
                end += 1;
            }
            // The field's name: the last word before the colon (a nested table's opening,
            // `shared: Shared {`, comes before its first field's name).
            let name = name.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or(name);
            fields.insert(name.to_string(), after[..end].to_string());
            rest = &after[(end + 1).min(after.len())..];
        }
        fields
    }

    fn placeholders(text: &str) -> std::collections::BTreeSet<String> {
        text.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(name, _)| name.to_string()).collect()
    }

    /// `fill` replaces each known placeholder, every time it stands, in one pass: a value's
    /// own braces are not filled again, an unknown name and a lone brace stay as written.
    #[test]
    fn fill_replaces_known_placeholders_once() {
        let values = [("a", "{b}"), ("b", "2")];
        assert_eq!(fill("{a} and {b}, {a}; {c} {", &values), "{b} and 2, {b}; {c} {");
        assert_eq!(fill("no placeholders", &values), "no placeholders");
        assert_eq!(fill("{b}{b}中{b}", &values), "22中2");
    }

    /// The crash message is written as HTML without escaping (`browser::render_crash_message`).
    #[test]
    fn the_crash_message_holds_no_markup_characters() {
        for locale in Locale::ALL {
            let t = locale.shared();
            for text in [t.crash_title, t.crash_body, t.crash_reload] {
                assert!(!text.contains(['<', '>', '&', '"', '\'']), "{text}");
            }
        }
    }

    #[test]
    fn every_text_has_the_same_placeholders_in_both_languages() {
        let (en, zh) = (texts_by_field(Locale::En), texts_by_field(Locale::ZhCn));
        assert_eq!(en.len(), 442, "every text of the four tables read");
        assert_eq!(en.keys().collect::<Vec<_>>(), zh.keys().collect::<Vec<_>>());
        for (field, english) in &en {
            assert_eq!(placeholders(english), placeholders(&zh[field]), "{field}: {english:?} / {:?}", zh[field]);
            assert!(!english.trim().is_empty() && !zh[field].trim().is_empty(), "{field} is empty");
        }
    }

    #[test]
    fn negotiates_the_browser_language() {
        assert_eq!(Locale::negotiate(["zh-CN", "en"]), Locale::ZhCn);
        // Traditional Chinese: English with the switch, or the next preference that is supported.
        for traditional in ["zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-TW", "zh_TW"] {
            assert_eq!(Locale::negotiate([traditional]), Locale::En, "{traditional}");
            assert_eq!(Locale::negotiate([traditional, "zh-CN"]), Locale::ZhCn, "{traditional}");
        }
        assert_eq!(Locale::negotiate(["zh-Hans-HK"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["zh-SG"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["fr-FR", "en-GB"]), Locale::En);
        assert_eq!(Locale::negotiate(["fr-FR"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
    }

    #[test]
    fn groups_digits_without_touching_them() {
        assert_eq!(format_percent("7218.00"), "7,218.00%");
        assert_eq!(format_percent("12.80"), "12.80%");
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
    fn findings_read_as_sentences() {
        use rust_decimal_macros::dec;
        let finding = Finding {
            rule: RuleKind::MaxTermMonths,
            bucket: None,
            limit: dec!(60),
            actual: dec!(61),
            outcome: Outcome::Block,
            overridden_from: None,
        };
        assert_eq!(
            finding_message(&finding, Currency::CNY, Product::BankCard, Locale::En),
            "Term 61 months; at most 60"
        );
        let waiver = Finding {
            rule: RuleKind::MaxWaiverPercent,
            bucket: Some(Bucket::Principal),
            limit: dec!(0),
            actual: dec!(12.50),
            outcome: Outcome::NeedsApproval,
            overridden_from: None,
        };
        assert_eq!(finding_message(&waiver, Currency::CNY, Product::BankCard, Locale::ZhCn), "本金减免 12.5%；上限 0%");
        // The penalty is named by the product: 违约金 on a card, 罚息 on a loan.
        let penalty = Finding { bucket: Some(Bucket::Penalty), ..waiver };
        assert_eq!(
            finding_message(&penalty, Currency::CNY, Product::BankCard, Locale::ZhCn),
            "违约金减免 12.5%；上限 0%"
        );
        assert_eq!(finding_message(&penalty, Currency::CNY, Product::Loan, Locale::ZhCn), "罚息减免 12.5%；上限 0%");
        assert_eq!(fees_column(true, Product::BankCard, Locale::ZhCn), "违约金及费用");
        assert_eq!(fees_column(false, Product::BankCard, Locale::ZhCn), "费用");
        let order = bucket_list(&Bucket::DEFAULT_ORDER, Product::BankCard, Locale::ZhCn);
        assert_eq!(order, "费用、违约金、利息、本金");
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

    #[test]
    fn every_file_error_is_worded_in_both_languages() {
        let errors = [
            ImportError::TooLarge { bytes: 10_485_760, max: 2_097_152 },
            ImportError::Truncated,
            ImportError::NotJson { line: 1, column: 2 },
            ImportError::DuplicateKey { key: "offer".into() },
            ImportError::NotAnAgreement,
            ImportError::NotANegotiation,
            ImportError::UnknownVersion { found: "2".into() },
            ImportError::NumberNotString { path: "terms.claim.principal".into() },
            ImportError::UnknownField { field: "bonus".into(), path: "terms.plan".into() },
            ImportError::NotUtcTime { field: "createdAt".into() },
            ImportError::Invalid { detail: "invalid type".into(), path: String::new() },
        ];
        for locale in Locale::ALL {
            for error in &errors {
                let message = import_error_message(error, locale);
                assert!(!message.contains('{') && message.len() > 10, "{message}");
            }
        }
        assert_eq!(
            import_error_message(&errors[0], Locale::En),
            "The file is 10,485,760 bytes; at most 2,097,152 are read."
        );
        assert_eq!(import_error_message(&errors[8], Locale::ZhCn), "未知字段“bonus”（位置：terms.plan）。");
        assert_eq!(
            import_error_message(&errors[7], Locale::En),
            "An amount is a JSON number; amounts must be decimal strings such as \"1234.50\" \
             (at terms.claim.principal)."
        );
        // The document itself: no place.
        assert_eq!(import_error_message(&errors[10], Locale::En), "The file does not match the format: invalid type.");
    }
}
