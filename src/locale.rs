//! The languages of the app, and how one is chosen from a browser's or a host's tag. Pure;
//! its strings are in [`crate::i18n`].

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

    /// The locale for a BCP 47 tag: Simplified Chinese (`zh`, `zh-CN`, `zh-SG`, `zh-Hans…`) is
    /// zh-CN, English (`en…`) English; anything else, Traditional Chinese included
    /// (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant…`), is not supported.
    ///
    /// Traditional readers get English with the language switch at the top of every page
    /// rather than converted texts: the wording is legal (违约金, the Art. 70 agreement, a
    /// court's 24 %) and mainland; Taiwan and Hong Kong use other terms, and unreviewed
    /// conversion would put wording nobody checked in front of a debtor. Simplified is one
    /// tap away for those who read it.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        if lower == "en" || lower.starts_with("en-") {
            return Some(Locale::En);
        }
        let region = match lower.strip_prefix("zh-") {
            Some(region) => region,
            None if lower == "zh" => "",
            None => return None,
        };
        let traditional = ["tw", "hk", "mo", "hant"]
            .iter()
            .any(|t| region.strip_prefix(t).is_some_and(|rest| rest.is_empty() || rest.starts_with('-')));
        (!traditional).then_some(Locale::ZhCn)
    }

    /// The first supported locale among the browser's preferences, else English.
    pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Locale {
        preferences.into_iter().find_map(Locale::from_tag).unwrap_or_default()
    }
}
