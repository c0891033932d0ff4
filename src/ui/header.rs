//! The page header: product name, tagline and the language switch.

use super::{tr, use_i18n};
use crate::i18n::Locale;
use leptos::prelude::*;

/// The header bar.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="header">
            <div class="brand">
                <h1 class="product" data-testid="product-name">
                    {tr(|t| t.product)}
                </h1>
                <p class="tagline">{tr(|t| t.tagline)}</p>
            </div>
            <LanguageSwitch />
        </header>
    }
}

/// A labelled select between zh-CN and en; each language is named in itself.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
            i18n.locale.set(locale);
        }
    };
    view! {
        <div class="language-switch">
            <label for="language">{tr(|t| t.language_label)}</label>
            <select id="language" data-testid="language-switch" on:change=on_change>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        view! {
                            <option value=locale.tag() lang=locale.tag() selected=move || i18n.locale.get() == locale>
                                {locale.texts().language_name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
