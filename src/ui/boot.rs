//! Starting the app: as the page, inside a host's iframe (the frame session that accepts an
//! `init` only from the deployment's allowed origins), or inside a same-origin host's element
//! (`mount`, exported by the browser bundle in `src/main.rs`).
//!
//! Each accepted `init` mounts the app afresh with that configuration: the route (workspace
//! or debtor view), the seed and the host are fixed for the life of a mount, so nothing in
//! the views has to follow them reactively.

use super::embed::HostTarget;
use crate::browser;
use crate::export::embed::{parse_config, parse_host_message, AppMessage, EmbedConfig, EmbedError, HostMessage, Mode};
use crate::i18n::Locale;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// What one browser bundle shows: the agent's workspace (`index.html`, accord-web.wasm,
/// [`super::app::WORKSPACE`]) or the debtor's view (`pay.html`, accord-pay.wasm,
/// [`super::debtor_page::DEBTOR`]). `mount` is a plain function so that each bundle links
/// only its own screen: the debtor's phone never downloads the workspace, nor Leptos.
pub struct Bundle {
    /// Who the bundle's page is for.
    pub mode: Mode,
    /// Mounts the bundle's app into the element, as `Start` says; dropping what it returns
    /// removes the app.
    pub mount: fn(Start, &web_sys::HtmlElement) -> Box<dyn std::any::Any>,
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

    /// Who the app is for.
    pub fn mode(&self) -> Mode {
        self.config.as_ref().map_or(self.bundle.mode, |config| config.mode)
    }

    /// The language to start in: the host's, else the one chosen before in this browser,
    /// else the browser's preference.
    pub fn locale(&self) -> Locale {
        let configured = self.config.as_ref().and_then(EmbedConfig::locale);
        configured.or_else(browser::stored_locale).unwrap_or_else(browser::preferred_locale)
    }

    /// Puts the host's theme (CSS custom properties) on the element the app is mounted in,
    /// or on `<html>`.
    pub fn apply_theme(&self) {
        for (name, value) in self.config.iter().flat_map(EmbedConfig::css_properties) {
            browser::set_css_property(self.element.as_ref(), &name, value);
        }
    }
}

thread_local! {
    /// The app mounted in this frame; replaced by each accepted `init`.
    static FRAME_APP: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
    /// The origin of the framing page the mounted app talks to.
    static FRAME_HOST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Mounts the app into `<body>` with `start`, in place of the one mounted before.
fn mount_in_frame(start: Start) {
    let Some(body) = browser::body() else { return };
    FRAME_APP.with(|app| app.borrow_mut().take());
    let origin = match &start.host {
        Some(HostTarget::Parent { origin }) => Some(origin.clone()),
        _ => None,
    };
    FRAME_HOST.with(|host| *host.borrow_mut() = origin);
    let mounted = (start.bundle.mount)(start, &body);
    FRAME_APP.with(|app| *app.borrow_mut() = Some(mounted));
}

/// Tells the framing page the content's height (CSS pixels).
fn post_resize(height: u32) {
    FRAME_HOST.with(|host| {
        if let Some(origin) = host.borrow().as_deref() {
            browser::post_to_parent(&AppMessage::Resize { height }.to_json(), origin);
        }
    });
}

/// Tells the framing page the content's height now (a new mount may be as tall as the last,
/// which the resize observer does not report).
fn post_height() {
    if let Some(body) = browser::body() {
        post_resize(browser::element_height(&body));
    }
}

/// The app inside a host's iframe. Reads the deployment's allow-list (`deployment.json`), mounts
/// the app, says `ready` to the framing page, and mounts it afresh for each `init` from an
/// allowed origin, answering only that origin. Anything else is logged and ignored.
pub async fn run_in_frame(bundle: &'static Bundle) {
    browser::mark_embedded();
    let allowed = browser::deployment_settings().await.allowed_origins;
    // Chromium and Safari say who frames the page; a framing page that is not allowed gets
    // nothing, not even `ready`.
    let framing = browser::parent_origin();
    let parent = framing.clone().filter(|origin| allowed.contains(origin));
    let start = Start::page(bundle, parent.clone().map(|origin| HostTarget::Parent { origin }));
    let mode = start.mode();
    mount_in_frame(start);
    // The framing page learns the content's height, so that its iframe can follow it.
    if let Some(body) = browser::body() {
        browser::observe_height(&body, post_resize);
    }
    if allowed.is_empty() {
        browser::warn("Accord: no allowed origins in deployment.json, so the embedding protocol is off");
        return;
    }
    let listening = allowed.clone();
    browser::listen_for_messages(move |origin, text| {
        if !listening.contains(&origin) {
            browser::warn(&format!("Accord: ignored a message from {origin}, which deployment.json does not allow"));
            return;
        }
        match text.as_deref().map(parse_host_message) {
            // An init for the other mode: the frame goes on to that mode's page, with the
            // offer's fragment, and says `ready` from there.
            Some(Ok(HostMessage::Init(config))) if config.mode != bundle.mode => {
                let fragment = config.offer_fragment().unwrap_or_default();
                browser::replace_location(&format!("{}{fragment}", config.mode.page()));
            }
            Some(Ok(HostMessage::Init(config))) => {
                mount_in_frame(Start {
                    bundle,
                    config: Some(*config),
                    host: Some(HostTarget::Parent { origin }),
                    element: None,
                });
                post_height();
            }
            Some(Err(error)) => browser::warn(&format!("Accord: ignored a message from {origin}: {error}")),
            None => browser::warn(&format!("Accord: ignored a message from {origin}: not JSON")),
        }
    });
    let ready = AppMessage::Ready { mode }.to_json();
    match (framing, parent) {
        (_, Some(origin)) => browser::post_to_parent(&ready, &origin),
        (Some(origin), None) => {
            browser::warn(&format!("Accord: framed by {origin}, which deployment.json does not allow"));
        }
        // The browser does not say who frames the page: each allowed origin is tried, and
        // the browser delivers to the one that matches.
        (None, None) => allowed.iter().for_each(|origin| browser::post_to_parent(&ready, origin)),
    }
}

/// Starts `bundle`'s app as the page: on its own, or inside a host's iframe. A debtor's link
/// opened on the workspace's page (links signed before the debtor's page had its own bundle)
/// goes on to the debtor's page with its fragment.
pub fn start_page(bundle: &'static Bundle) {
    browser::install_panic_hook();
    let hash = browser::location_hash();
    if bundle.mode == Mode::Agent && is_debtor_link(&hash) {
        browser::replace_location(&format!("{}{hash}", Mode::Debtor.page()));
    } else if browser::in_frame() {
        wasm_bindgen_futures::spawn_local(run_in_frame(bundle));
    } else if let Some(body) = browser::body() {
        // The page's app lives as long as the page.
        std::mem::forget((bundle.mount)(Start::page(bundle, None), &body));
    }
}

/// Whether an address fragment is a debtor's link (`#offer=…`, or a short link's `#id=…`).
pub fn is_debtor_link(hash: &str) -> bool {
    hash.starts_with("#offer=") || crate::export::signature::short_link_id(hash).is_some()
}

/// Mounts `bundle`'s app into a host's `element` with the configuration in `config_text`
/// (the JSON of `mount`'s config; empty for none); the host's messages go to `on_message`.
/// Returns what keeps the app alive (drop it to unmount).
///
/// # Errors
/// The [`EmbedError`] of a configuration it cannot use (including a mode this bundle does
/// not carry); nothing is mounted.
pub fn mount_into(
    bundle: &'static Bundle,
    element: web_sys::HtmlElement,
    config_text: &str,
    on_message: Option<js_sys::Function>,
) -> Result<Box<dyn std::any::Any>, EmbedError> {
    let config = parse_config(config_text)?;
    if config.mode != bundle.mode {
        return Err(EmbedError::OtherBundle { mode: config.mode });
    }
    browser::add_mount_point(&element);
    let mode = config.mode;
    let host = on_message.map(HostTarget::Callback);
    let start = Start { bundle, config: Some(config), host: host.clone(), element: Some(element.clone()) };
    let mounted = (bundle.mount)(start, &element);
    if let Some(HostTarget::Callback(on_message)) = &host {
        browser::call_host(on_message, &AppMessage::Ready { mode }.to_json());
    }
    Ok(mounted)
}

/// An app a host mounted into its element (`mount` in either bundle's JS).
#[wasm_bindgen]
pub struct MountHandle {
    element: web_sys::HtmlElement,
    mounted: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the app from the host's element; calling it again does nothing.
    pub fn unmount(&mut self) {
        if self.mounted.take().is_some() {
            browser::remove_mount_point(&self.element);
        }
    }
}

/// `mount(element, config)` of `bundle`'s JS: mounts the app into `element` with `config`
/// (the members of an `init` message: mode, locale, theme, account, policy, offer; README
/// "Embedding"). The host receives the app's messages through `config.onMessage(message)`.
///
/// # Errors
/// A JS `Error` saying what is wrong with `config`; nothing is mounted.
pub fn mount_for_host(bundle: &'static Bundle, element: JsValue, config: JsValue) -> Result<MountHandle, JsError> {
    browser::install_panic_hook();
    let element: web_sys::HtmlElement =
        element.dyn_into().map_err(|_| JsError::new("Accord: mount needs an HTML element to mount into"))?;
    let on_message =
        js_sys::Reflect::get(&config, &"onMessage".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    // JSON leaves the function out; the rest is read like an init message.
    let text = if config.is_undefined() || config.is_null() {
        String::new()
    } else {
        js_sys::JSON::stringify(&config).ok().and_then(|t| t.as_string()).unwrap_or_default()
    };
    let mounted =
        mount_into(bundle, element.clone(), &text, on_message).map_err(|e| JsError::new(&format!("Accord: {e}")))?;
    Ok(MountHandle { element, mounted: Some(mounted) })
}
