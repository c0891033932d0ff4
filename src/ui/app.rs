//! The app's root: how one mount starts (the page, a frame, a host's element) and the
//! component that shows the header and then the workspace or the debtor's view.

use super::embed::{Host, HostTarget};
use super::header::Header;
use super::provide_i18n;
use super::self_service::SelfServiceView;
use super::workspace::Workspace;
use crate::browser;
use crate::export::embed::{EmbedConfig, Mode};
use leptos::prelude::*;
use std::sync::Arc;

/// What one browser bundle shows: the agent's workspace (`index.html`, accord-web.wasm) or
/// the debtor's view (`pay.html`, accord-pay.wasm). `main` is a plain function so that each
/// bundle links only its own screen (the debtor's phone never downloads the workspace).
pub struct Bundle {
    /// Who the bundle's page is for.
    pub mode: Mode,
    /// The bundle's screen for a route of its own mode.
    pub main: fn(Route) -> AnyView,
}

/// The agent's workspace bundle (index.html).
pub static WORKSPACE: Bundle = Bundle { mode: Mode::Agent, main: workspace_screen };

/// The debtor's bundle (pay.html).
pub static DEBTOR: Bundle = Bundle { mode: Mode::Debtor, main: debtor_screen };

/// What a mount shows.
pub enum Route {
    /// The debtor's view of the signed offer in the link fragment `#offer=PAYLOAD.SIGNATURE`.
    Debtor { fragment: String },
    /// The agent's workspace, seeded by a host's configuration if any.
    Agent { seed: Option<Arc<EmbedConfig>> },
}

// A route of the other mode never reaches a screen: `boot` sends the page, a frame's init
// and `mount` for it to the other bundle (forwarding or refusing), so its arm shows nothing.
fn workspace_screen(route: Route) -> AnyView {
    match route {
        Route::Agent { seed } => view! { <Workspace seed=seed /> }.into_any(),
        Route::Debtor { .. } => ().into_any(),
    }
}

fn debtor_screen(route: Route) -> AnyView {
    match route {
        Route::Debtor { fragment } => view! { <SelfServiceView fragment=fragment /> }.into_any(),
        Route::Agent { .. } => ().into_any(),
    }
}

/// How one mount of the app starts; fixed for its life.
pub struct Start {
    /// The bundle this mount runs in.
    pub bundle: &'static Bundle,
    /// A host's configuration (`init` or `mount`), if any.
    pub config: Option<EmbedConfig>,
    /// Where the app's messages go, if anywhere.
    pub host: Option<HostTarget>,
    /// The element a host mounted the app into (its theme goes there; `None`: `<html>`).
    pub element: Option<web_sys::HtmlElement>,
}

impl Start {
    /// The bundle's page as opened, talking to `host` if any.
    pub fn page(bundle: &'static Bundle, host: Option<HostTarget>) -> Self {
        Start { bundle, config: None, host, element: None }
    }

    /// What the mount shows: as the host configured it, else the bundle's own screen (the
    /// debtor's page reads the offer from the address's fragment).
    fn route(&self) -> Route {
        match &self.config {
            Some(config) if config.mode == Mode::Debtor => {
                Route::Debtor { fragment: config.offer_fragment().unwrap_or_default() }
            }
            Some(config) => Route::Agent { seed: Some(Arc::new(config.clone())) },
            None if self.bundle.mode == Mode::Debtor => Route::Debtor { fragment: browser::location_hash() },
            None => Route::Agent { seed: None },
        }
    }

    /// Who the app is for.
    pub fn mode(&self) -> Mode {
        self.config.as_ref().map_or(self.bundle.mode, |config| config.mode)
    }
}

/// The app: header with the language switch, then the bundle's screen for the route `start`
/// gives.
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
    let route = start.route();
    provide_context(Host::new(start.host));
    let screen = (start.bundle.main)(route);
    let mounted = start.element.is_some();
    view! {
        <div class="app" class:mounted=mounted>
            <Header />
            <main class="main" id="main">
                {screen}
            </main>
        </div>
    }
}
