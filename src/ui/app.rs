//! The app's root: how one mount starts (the page, a frame, a host's element) and the
//! component that shows the header and then the workspace or the debtor's view.

use super::embed::{Host, HostTarget};
use super::header::Header;
use super::provide_i18n;
use super::self_service::{is_self_service_link, SelfServiceView};
use super::workspace::Workspace;
use crate::browser;
use crate::export::embed::{EmbedConfig, Mode};
use leptos::prelude::*;
use std::sync::Arc;

/// How one mount of the app starts; fixed for its life.
pub struct Start {
    /// A host's configuration (`init` or `mount`), if any.
    pub config: Option<EmbedConfig>,
    /// Where the app's messages go, if anywhere.
    pub host: Option<HostTarget>,
    /// The element a host mounted the app into (its theme goes there; `None`: `<html>`).
    pub element: Option<web_sys::HtmlElement>,
}

impl Start {
    /// The page as opened, talking to `host` if any.
    pub fn page(host: Option<HostTarget>) -> Self {
        Start { config: None, host, element: None }
    }

    /// The debtor's link fragment (`#offer=…`) when the app opens the debtor's view.
    fn debtor_link(&self) -> Option<String> {
        match &self.config {
            Some(config) => (config.mode == Mode::Debtor).then(|| config.offer_fragment()).flatten(),
            None => Some(browser::location_hash()).filter(|hash| is_self_service_link(hash)),
        }
    }

    /// Who the app is for.
    pub fn mode(&self) -> Mode {
        if self.debtor_link().is_some() {
            Mode::Debtor
        } else {
            Mode::Agent
        }
    }
}

/// The whole app as the page (index.html): the agent workspace, or, opened from a
/// self-service link, the debtor's view.
#[component]
pub fn App() -> impl IntoView {
    view! { <Accord start=Start::page(None) /> }
}

/// The app: header with the language switch, then the workspace or the debtor's view, as
/// `start` says.
#[component]
pub fn Accord(start: Start) -> impl IntoView {
    let config = start.config.as_ref();
    let initial =
        config.and_then(EmbedConfig::locale).or_else(browser::stored_locale).unwrap_or_else(browser::preferred_locale);
    let i18n = provide_i18n(initial);
    // The outside world follows the chosen language: <html lang> and storage.
    Effect::new(move |_| browser::apply_locale(i18n.locale.get()));
    for (name, value) in config.into_iter().flat_map(EmbedConfig::css_properties) {
        browser::set_css_property(start.element.as_ref(), &name, value);
    }
    let debtor_link = start.debtor_link();
    let seed = config.filter(|c| c.mode == Mode::Agent).cloned().map(Arc::new);
    let host = Host::new(start.host);
    provide_context(host);
    let mounted = start.element.is_some();
    view! {
        <div class="app" class:mounted=mounted>
            <Header />
            <main class="main" id="main">
                {match debtor_link {
                    Some(link) => view! { <SelfServiceView fragment=link /> }.into_any(),
                    None => view! { <Workspace seed=seed /> }.into_any(),
                }}
            </main>
        </div>
    }
}
