//! The language of the UI, provided once and used by every component.

use crate::i18n::{Locale, Texts};
use leptos::prelude::*;

/// The current language. Every visible string is read through [`I18n::t`].
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    /// The chosen locale.
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// The strings of the current locale (tracked: views re-render when it changes).
    pub fn t(&self) -> &'static Texts {
        self.locale.get().texts()
    }
}

/// Provides the language context, starting at `initial`.
pub fn provide_i18n(initial: Locale) -> I18n {
    let i18n = I18n { locale: RwSignal::new(initial) };
    provide_context(i18n);
    i18n
}

/// The language context provided by [`provide_i18n`].
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A text of the current language as a reactive view or attribute: `{tr(|t| t.title)}`.
/// One function for every fixed text, so their view code is built once: a `move ||` closure
/// per label is a type of its own, and each costs its own copy of the render code.
pub fn tr(pick: crate::ui::forms::TextPick) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || pick(i18n.t())
}
