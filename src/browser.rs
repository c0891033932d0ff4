//! The one place that touches the browser: today's date, the preferred language, local
//! storage, files, the clipboard, random ids, printing, the document's language, and the
//! panic hook.
//!
//! Every function degrades quietly when an API is missing (storage disabled, no window in a
//! worker): the app keeps working with defaults.

use crate::i18n::Locale;
use chrono::NaiveDate;
use wasm_bindgen::JsCast;

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

/// The URL fragment, with its `#` (empty when there is none).
pub fn location_hash() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
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

fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

/// Reads a value from local storage.
pub fn load(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Writes a value to local storage; a full or disabled storage is ignored.
pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The language chosen earlier in this browser, if any.
pub fn stored_locale() -> Option<Locale> {
    load(LOCALE_KEY).and_then(|tag| Locale::from_tag(&tag))
}

/// Remembers the chosen language and sets `<html lang>` for screen readers and for the
/// panic page.
pub fn apply_locale(locale: Locale) {
    save(LOCALE_KEY, locale.tag());
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", locale.tag());
    }
}

/// Replaces a dead page with a friendly message in the user's language, read from
/// `<html lang>`. Logs the panic to the console for support.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Accord stopped: {info}").into());
        show_crash_page();
    }));
}

/// Replaces the whole page with the crash message.
pub fn show_crash_page() {
    if let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) {
        render_crash_message(&body);
    }
}

/// Renders the crash message into `container`, replacing its content, in the language of
/// `<html lang>`. Built with DOM calls only: no inline HTML or script (strict CSP).
pub fn render_crash_message(container: &web_sys::Element) {
    let Some(document) = window().and_then(|w| w.document()) else { return };
    let locale = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default();
    let texts = locale.texts();
    container.set_text_content(None);
    let build = || -> Option<()> {
        let section = document.create_element("section").ok()?;
        section.set_attribute("role", "alert").ok()?;
        section.set_attribute("class", "crash").ok()?;
        section.set_attribute("data-testid", "crash").ok()?;
        let title = document.create_element("h1").ok()?;
        title.set_text_content(Some(texts.crash_title));
        let text = document.create_element("p").ok()?;
        text.set_text_content(Some(texts.crash_body));
        let reload = document.create_element("a").ok()?;
        reload.set_attribute("href", "").ok()?;
        reload.set_attribute("class", "button").ok()?;
        reload.set_text_content(Some(texts.crash_reload));
        section.append_child(&title).ok()?;
        section.append_child(&text).ok()?;
        section.append_child(&reload).ok()?;
        container.append_child(&section).ok()?;
        Some(())
    };
    let _ = build();
}
