//! The one place that touches the browser: today's date, the preferred language, local
//! storage, files, the clipboard, random ids, printing, the document's language, messages to
//! and from an embedding page, element sizes, and the panic hook.
//!
//! Every function degrades quietly when an API is missing (storage disabled, no window in a
//! worker): the app keeps working with defaults.

use crate::export::deployment::{parse_deployment, Deployment};
use crate::export::signature::{KeySet, PublicKeyEntry};
use crate::i18n::Locale;
use chrono::NaiveDate;
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

const LOCALE_KEY: &str = "accord.locale";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Today in the browser's local time zone.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    let (year, month, day) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    i32::try_from(year).ok().and_then(|y| NaiveDate::from_ymd_opt(y, month, day)).unwrap_or_default()
}

/// Now, as RFC 3339 UTC ("2025-01-15T10:00:00.000Z").
pub fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// How much of a time [`local_time`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TimeShown {
    /// `18:05`.
    TimeOfDay,
    /// `Jan 15, 2025, 6:05 PM`.
    DateTime,
    /// `Jan 15, 2025, 6:05:00 PM GMT+8`: for a document that others read elsewhere.
    DateTimeZone,
}

/// A UTC time (RFC 3339) as the person reading it keeps time: in the browser's time zone,
/// in `locale`'s words (`2025年1月15日 18:05`, `Jan 15, 2025, 6:05 PM`), as much as `shown`
/// says. Text that is not a time is shown as it is.
pub fn local_time(utc: &str, locale: Locale, shown: TimeShown) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(utc));
    if date.get_time().is_nan() {
        return utc.to_string();
    }
    let options = js_sys::Object::new();
    if shown != TimeShown::TimeOfDay {
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    }
    let time_style = if shown == TimeShown::DateTimeZone { "long" } else { "short" };
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &time_style.into());
    date.to_locale_string(locale.tag(), &options).into()
}

/// Asks the user to confirm; `false` when no dialog can be shown.
pub fn confirm(message: &str) -> bool {
    window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Moves keyboard focus to the element with `id`, if there is one.
pub fn focus(id: &str) {
    if let Some(element) = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

/// Offers `content` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, content: &str) {
    let save = || -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = window()?.document()?;
        let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        anchor.set_href(&url);
        anchor.set_download(filename);
        anchor.click();
        web_sys::Url::revoke_object_url(&url).ok()
    };
    let _ = save();
}

/// POSTs the JSON `body` to `url` with `Idempotency-Key: key`, giving up after
/// `timeout_ms`: the answer's status and text, or `None` when none came (offline, refused by
/// CORS or the CSP, timed out).
pub async fn post_json(url: &str, key: &str, body: &str, timeout_ms: u32) -> Option<(u16, String)> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let headers = js_sys::Object::new();
    js_sys::Reflect::set(&headers, &"content-type".into(), &"application/json".into()).ok()?;
    js_sys::Reflect::set(&headers, &"idempotency-key".into(), &key.into()).ok()?;
    init.set_headers(&headers);
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(timeout_ms)));
    let response = wasm_bindgen_futures::JsFuture::from(window()?.fetch_with_str_and_init(url, &init)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?).await.ok()?;
    Some((response.status(), text.as_string().unwrap_or_default()))
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The page's `<body>`.
pub fn body() -> Option<web_sys::HtmlElement> {
    window()?.document()?.body()
}

/// The URL fragment, with its `#` (empty when there is none).
pub fn location_hash() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Goes on to `url` (relative to the page) in place of this page in the history.
pub fn replace_location(url: &str) {
    if let Some(window) = window() {
        if window.location().replace(url).is_err() {
            warn(&format!("Accord: could not open {url}"));
        }
    }
}

/// Goes on to `url` (relative to the page), as a link does.
pub fn go_to(url: &str) {
    if let Some(window) = window() {
        if window.location().assign(url).is_err() {
            warn(&format!("Accord: could not open {url}"));
        }
    }
}

/// Opens `url` in a new tab (which starts with a copy of this tab's session storage).
pub fn open_tab(url: &str) {
    if window().and_then(|w| w.open_with_url_and_target(url, "_blank").ok().flatten()).is_none() {
        warn(&format!("Accord: could not open {url}"));
    }
}

/// The text at `url` (same origin), or `None` when it cannot be fetched.
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = wasm_bindgen_futures::JsFuture::from(window()?.fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?).await.ok()?;
    text.as_string()
}

/// The deployment's settings (`deployment.json`, relative to the page): what is valid in it,
/// each part left out, or a file that is not the settings object, said in a console warning;
/// the defaults when there is no file.
pub async fn deployment_settings() -> Deployment {
    match fetch_text("deployment.json").await.as_deref().map(parse_deployment) {
        None => Deployment::default(),
        Some(Err(error)) => {
            warn(&format!("Accord: {error}"));
            Deployment::default()
        }
        Some(Ok((settings, refused))) => {
            for error in refused {
                warn(&format!("Accord: deployment.json: {error}"));
            }
            settings
        }
    }
}

/// The deployment's public keys: those its settings list, else `keys.json` (the layout from
/// before they joined deployment.json); `None` when neither gives a key set.
pub async fn deployment_keys(listed: Option<Vec<PublicKeyEntry>>) -> Option<KeySet> {
    match listed {
        Some(keys) => Some(KeySet { keys }),
        None => fetch_text("keys.json")
            .await
            .and_then(|text| crate::domain::members::parse(&text).and_then(KeySet::from_json).ok()),
    }
}

/// Writes a warning to the console (for integrators: refused messages, bad settings).
pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// Whether this page runs inside a frame of another page.
pub fn in_frame() -> bool {
    window().is_some_and(|w| w.parent().ok().flatten().is_some_and(|parent| JsValue::from(parent) != JsValue::from(w)))
}

/// The origin of the page that frames this one, when the browser says
/// (`location.ancestorOrigins`, Chromium and Safari).
pub fn parent_origin() -> Option<String> {
    let location = window()?.location();
    let origins = js_sys::Reflect::get(&location, &"ancestorOrigins".into()).ok()?;
    js_sys::Reflect::get(&origins, &0.into()).ok()?.as_string()
}

/// Marks the document as embedded in a frame (`<html data-embedded>`): the app is then as
/// tall as its content.
pub fn mark_embedded() {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-embedded", "");
    }
}

/// Calls `on_message(origin, data)` for every message posted to this window, for as long as
/// the page lives. `data` is the message as JSON text (a string message as it is), or
/// `None` when it cannot be written as JSON.
pub fn listen_for_messages(on_message: impl Fn(String, Option<String>) + 'static) {
    let Some(w) = window() else { return };
    let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let data = event.data();
        let text = data.as_string().or_else(|| js_sys::JSON::stringify(&data).ok().and_then(|t| t.as_string()));
        on_message(event.origin(), text);
    });
    let _ = w.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Posts the JSON message `text` to the parent page; the browser delivers it only if the
/// parent's origin is exactly `origin`.
pub fn post_to_parent(text: &str, origin: &str) {
    let Some(parent) = window().and_then(|w| w.parent().ok().flatten()) else { return };
    if let Ok(message) = js_sys::JSON::parse(text) {
        let _ = parent.post_message(&message, origin);
    }
}

/// Calls the host's `function` with the JSON message `text` as an object; an exception the
/// host throws is logged, not passed on.
pub fn call_host(function: &js_sys::Function, text: &str) {
    if let Ok(message) = js_sys::JSON::parse(text) {
        if let Err(error) = function.call1(&JsValue::NULL, &message) {
            web_sys::console::warn_2(&"Accord: the host's onMessage threw".into(), &error);
        }
    }
}

/// Sets the CSS custom property `name` on `element` (a theme), or on `<html>` when
/// `element` is `None`. A value the browser refuses is ignored.
pub fn set_css_property(element: Option<&web_sys::HtmlElement>, name: &str, value: &str) {
    let root = || window()?.document()?.document_element()?.dyn_into::<web_sys::HtmlElement>().ok();
    if let Some(target) = element.cloned().or_else(root) {
        let _ = target.style().set_property(name, value);
    }
}

/// `element`'s height in whole CSS pixels, rounded up.
pub fn element_height(element: &web_sys::Element) -> u32 {
    // Heights are small non-negative numbers of pixels: the cast saturates, never wraps.
    element.get_bounding_client_rect().height().ceil() as u32
}

/// Calls `on_height(px)` with `element`'s height in whole CSS pixels (rounded up) now and
/// whenever it changes, for as long as the page lives.
pub fn observe_height(element: &web_sys::Element, on_height: impl Fn(u32) + 'static) {
    let measure = {
        let element = element.clone();
        move || on_height(element_height(&element))
    };
    let callback = Closure::<dyn Fn()>::new(measure);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(element);
        std::mem::forget(observer);
    }
    callback.forget();
}

/// Whether a `contentvisibilityautostatechange` event says its element's rendering is now
/// skipped (`content-visibility: auto` and far from view); `false` if the event has no
/// `skipped`.
pub fn rendering_skipped(event: &web_sys::Event) -> bool {
    js_sys::Reflect::get(event, &JsValue::from_str("skipped")).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

#[cfg(feature = "workspace")]
/// Runs `f` in a task after the next frame has been painted (an animation frame, then a
/// timeout), so that work on what is off screen does not delay what is on it.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    });
}

/// Compact JSON `json` indented by two spaces, as people read files (by the browser's own
/// JSON, which keeps the members' order); `json` as it is when it does not parse.
pub fn pretty_json(json: &str) -> String {
    js_sys::JSON::parse(json)
        .ok()
        .and_then(|value| js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &2.into()).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| json.to_string())
}

/// A chosen file larger than the caller accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub bytes: usize,
}

/// The text of the file chosen in `input`, if any, or [`TooLarge`] when it has more than
/// `max_bytes` (not read). The input is cleared, so the same file can be chosen again.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement, max_bytes: usize) -> Option<Result<String, TooLarge>> {
    let file = input.files()?.get(0)?;
    input.set_value("");
    // File sizes are whole numbers of bytes; as f64 they are exact up to 2^53.
    let size = file.size();
    if size > max_bytes as f64 {
        return Some(Err(TooLarge { bytes: size as usize }));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?;
    text.as_string().map(Ok)
}

/// A random (version 4) UUID from the browser's cryptographic generator; empty if there is
/// none.
pub fn random_uuid() -> String {
    window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_default()
}

/// Puts `text` on the clipboard; `false` when the browser refuses (no permission, not a
/// secure context).
pub async fn copy_text(text: &str) -> bool {
    let Some(clipboard) = window().map(|w| w.navigator().clipboard()) else { return false };
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// The first supported language among the browser's preferences.
pub fn preferred_locale() -> Locale {
    let languages: Vec<String> =
        window().map(|w| w.navigator().languages().iter().filter_map(|v| v.as_string()).collect()).unwrap_or_default();
    Locale::negotiate(languages.iter().map(String::as_str))
}

/// Where a value is kept: for the tab (`sessionStorage`: gone when the tab closes) or in the
/// browser (`localStorage`: until removed). README "Personal data" lists every key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Tab,
    Browser,
}

fn storage(keep: Keep) -> Option<web_sys::Storage> {
    let window = window()?;
    match keep {
        Keep::Tab => window.session_storage().ok().flatten(),
        Keep::Browser => window.local_storage().ok().flatten(),
    }
}

/// Reads a stored value.
pub fn load(keep: Keep, key: &str) -> Option<String> {
    storage(keep).and_then(|s| s.get_item(key).ok().flatten())
}

/// Stores a value; whether it was stored (a full or disabled storage keeps nothing).
pub fn save(keep: Keep, key: &str, value: &str) -> bool {
    storage(keep).is_some_and(|s| s.set_item(key, value).is_ok())
}

/// The stored keys that start with `prefix`.
pub fn stored_keys(keep: Keep, prefix: &str) -> Vec<String> {
    let Some(storage) = storage(keep) else { return Vec::new() };
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|key| key.starts_with(prefix)).collect()
}

/// Removes a stored value.
pub fn remove(keep: Keep, key: &str) {
    if let Some(s) = storage(keep) {
        let _ = s.remove_item(key);
    }
}

/// Milliseconds since 1970 by the browser's clock (for expiries, never for agreements).
pub fn now_millis() -> u64 {
    // Date.now() is a whole number of milliseconds, far below 2^53.
    js_sys::Date::now() as u64
}

/// The language chosen earlier in this browser, if any.
pub fn stored_locale() -> Option<Locale> {
    load(Keep::Browser, LOCALE_KEY).and_then(|tag| Locale::from_tag(&tag))
}

/// Remembers the chosen language and sets `<html lang>` for screen readers and for the
/// panic page.
pub fn apply_locale(locale: Locale) {
    save(Keep::Browser, LOCALE_KEY, locale.tag());
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", locale.tag());
    }
}

thread_local! {
    /// Where the app is mounted: the crash message replaces these, not a host page's body.
    static MOUNT_POINTS: RefCell<Vec<web_sys::Element>> = const { RefCell::new(Vec::new()) };
}

/// Records that the app lives in `element` (the crash message goes there).
pub fn add_mount_point(element: &web_sys::Element) {
    MOUNT_POINTS.with(|points| points.borrow_mut().push(element.clone()));
}

/// Forgets a mount point (after `unmount()`).
pub fn remove_mount_point(element: &web_sys::Element) {
    MOUNT_POINTS.with(|points| points.borrow_mut().retain(|e| e != element));
}

/// Replaces a dead app with a friendly message in the user's language, read from
/// `<html lang>`. Logs the panic to the console for support.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Accord stopped: {info}").into());
        show_crash_page();
    }));
}

/// Replaces every mounted app (or the whole page, when none is recorded) with the crash
/// message.
pub fn show_crash_page() {
    let points = MOUNT_POINTS.with(|points| points.borrow().clone());
    if points.is_empty() {
        if let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) {
            render_crash_message(&body);
        }
    }
    for point in &points {
        render_crash_message(point);
    }
}

/// Renders the crash message into `container`, replacing its content, in the language of
/// `<html lang>`: HTML with no inline script or style (the strict CSP holds).
pub fn render_crash_message(container: &web_sys::Element) {
    let Some(document) = window().and_then(|w| w.document()) else { return };
    let locale = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default();
    let texts = locale.shared();
    // One HTML string (the texts hold no markup characters: `i18n`'s tests say so): a
    // dozen DOM calls cost every bundle half a kilobyte.
    let (title, body, reload) = (texts.crash_title, texts.crash_body, texts.crash_reload);
    container.set_inner_html(&format!(
        concat!(
            r#"<section role="alert" class="app crash" data-testid="crash"><h1>{title}</h1><p>{body}</p>"#,
            r#"<a href="" class="button">{reload}</a></section>"#
        ),
        title = title,
        body = body,
        reload = reload
    ));
}
