//! Leptos components. They render what the core computed and do no arithmetic on money.

mod field;
mod header;
mod i18n_context;
pub mod workspace;

pub use i18n_context::{provide_i18n, use_i18n, I18n};

use crate::browser;
use header::Header;
use leptos::prelude::*;
use workspace::Workspace;

/// The whole app: header with the language switch, and the main workspace.
#[component]
pub fn App() -> impl IntoView {
    let initial = browser::stored_locale().unwrap_or_else(browser::preferred_locale);
    let i18n = provide_i18n(initial);
    // The outside world follows the chosen language: <html lang> and storage.
    Effect::new(move |_| browser::apply_locale(i18n.locale.get()));
    view! {
        <div class="app">
            <Header />
            <main class="main" id="main">
                <Workspace />
            </main>
        </div>
    }
}
