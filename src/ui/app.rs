//! The agent's app: the Leptos root that shows the header and the workspace, and how the
//! workspace's bundle mounts it. (The debtor's bundle has no Leptos: [`super::debtor_page`].)

use super::boot::{Bundle, Start};
use super::embed::Host;
use super::header::Header;
use super::provide_i18n;
use super::workspace::Workspace;
use crate::browser;
use crate::export::embed::Mode;
use leptos::prelude::*;
use std::sync::Arc;

/// The agent's workspace bundle (index.html).
pub static WORKSPACE: Bundle = Bundle { mode: Mode::Agent, mount: mount_workspace };

fn mount_workspace(start: Start, parent: &web_sys::HtmlElement) -> Box<dyn std::any::Any> {
    Box::new(leptos::mount::mount_to(parent.clone(), move || view! { <Accord start=start /> }))
}

/// The app: header with the language switch, then the workspace, seeded by a host's
/// configuration if any.
#[component]
pub fn Accord(start: Start) -> impl IntoView {
    let i18n = provide_i18n(start.locale());
    // The outside world follows the chosen language: <html lang> and storage.
    Effect::new(move |_| browser::apply_locale(i18n.locale.get()));
    start.apply_theme();
    let seed = start.config.clone().map(Arc::new);
    provide_context(Host::new(start.host));
    let mounted = start.element.is_some();
    view! {
        <div class="app" class:mounted=mounted>
            <Header />
            <main class="main" id="main">
                <Workspace seed=seed />
            </main>
        </div>
    }
}
