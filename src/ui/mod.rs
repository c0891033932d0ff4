//! Leptos components. They render what the core computed and do no arithmetic on money.

mod field;
mod header;
mod i18n_context;
mod self_service;
pub mod workspace;

pub use i18n_context::{provide_i18n, use_i18n, I18n};

use crate::browser;
use header::Header;
use leptos::prelude::*;
use self_service::{is_self_service_link, SelfServiceView};
use workspace::Workspace;

/// The whole app: header with the language switch, and the agent workspace — or, opened from
/// a self-service link, the debtor's view.
#[component]
pub fn App() -> impl IntoView {
    let initial = browser::stored_locale().unwrap_or_else(browser::preferred_locale);
    let i18n = provide_i18n(initial);
    // The outside world follows the chosen language: <html lang> and storage.
    Effect::new(move |_| browser::apply_locale(i18n.locale.get()));
    let debtor = is_self_service_link(&browser::location_hash());
    view! {
        <div class="app">
            <Header />
            <main class="main" id="main">
                {if debtor { view! { <SelfServiceView /> }.into_any() } else { view! { <Workspace /> }.into_any() }}
            </main>
        </div>
    }
}
