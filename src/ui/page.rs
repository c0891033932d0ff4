//! What the pages without Leptos share (the debtor's page and the follow-up page): the
//! header with the language switch as escaped HTML, and [`Part`]s — the updates of one
//! element each that a view lists after an input, so that the page writes only what changed
//! and never rebuilds the field being typed in. The header and the parts are pure; writing
//! them into the DOM ([`write_changed`]) is the wasm32 build's.

use crate::i18n::Locale;
use crate::ui::print::escape;
use std::fmt::Write as _;

/// How much of the page an input changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Nothing to show.
    None,
    /// The figures and messages (the view's parts).
    Parts,
    /// The whole page (the view's page HTML): the language, or the controls themselves.
    Page,
}

/// One update of an element of the page, addressed by its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Its text.
    Text(&'static str, String),
    /// Its content, as escaped HTML.
    Html(&'static str, String),
    /// Whether it is hidden.
    Hidden(&'static str, bool),
    /// Whether it (a button) is disabled.
    Disabled(&'static str, bool),
    /// Its value (an input's property, not the attribute typed text would leave alone).
    Value(&'static str, String),
    /// An attribute's value.
    Attribute(&'static str, &'static str, String),
    /// Whether it has a class.
    Class(&'static str, &'static str, bool),
}

/// The page's header: the product, its tagline and the language switch (`#language`).
pub fn header_html(html: &mut String, current: Locale) {
    let t = current.shared();
    let _ = write!(
        html,
        "<header class=\"header\"><div class=\"brand\"><h1 class=\"product\" data-testid=\"product-name\">{}</h1>\
         <p class=\"tagline\">{}</p></div><div class=\"language-switch\"><label for=\"language\">{}</label>\
         <select id=\"language\" data-testid=\"language-switch\">",
        escape(t.product),
        escape(t.tagline),
        escape(t.language_label),
    );
    for locale in Locale::ALL {
        let selected = if locale == current { " selected" } else { "" };
        let _ = write!(
            html,
            "<option value=\"{tag}\" lang=\"{tag}\"{selected}>{}</option>",
            escape(locale.shared().language_name),
            tag = locale.tag(),
        );
    }
    html.push_str("</select></div></header>");
}

/// Writes into `root` the parts of `parts` that differ from `written` (the parts as last
/// written, in the same order; empty after the page's HTML was set afresh).
#[cfg(target_arch = "wasm32")]
pub fn write_changed(root: &web_sys::Element, written: &[Part], parts: &[Part]) {
    for (index, part) in parts.iter().enumerate() {
        if written.get(index) != Some(part) {
            write_part(root, part);
        }
    }
}

/// The element of `root` with this id.
#[cfg(target_arch = "wasm32")]
pub fn element(root: &web_sys::Element, id: &str) -> Option<web_sys::Element> {
    root.query_selector(&format!("#{id}")).ok().flatten()
}

#[cfg(target_arch = "wasm32")]
fn write_part(root: &web_sys::Element, part: &Part) {
    let flag = |element: &web_sys::Element, name: &str, on: bool| {
        let _ = if on { element.set_attribute(name, "") } else { element.remove_attribute(name) };
    };
    let id = match part {
        Part::Text(id, _)
        | Part::Html(id, _)
        | Part::Hidden(id, _)
        | Part::Disabled(id, _)
        | Part::Value(id, _)
        | Part::Attribute(id, ..)
        | Part::Class(id, ..) => id,
    };
    let Some(element) = element(root, id) else { return };
    match part {
        Part::Text(_, text) => element.set_text_content(Some(text)),
        Part::Html(_, html) => element.set_inner_html(html),
        Part::Hidden(_, hidden) => flag(&element, "hidden", *hidden),
        Part::Disabled(_, disabled) => flag(&element, "disabled", *disabled),
        Part::Value(_, value) => {
            let _ = js_sys::Reflect::set(&element, &"value".into(), &wasm_bindgen::JsValue::from_str(value));
        }
        Part::Attribute(_, name, value) => {
            let _ = element.set_attribute(name, value);
        }
        Part::Class(_, class, on) => {
            let _ = element.class_list().toggle_with_force(class, *on);
        }
    }
}

/// Sets `root`'s HTML afresh; the element focused before (by id) keeps the focus.
#[cfg(target_arch = "wasm32")]
pub fn replace_keeping_focus(root: &web_sys::Element, html: &str) {
    use wasm_bindgen::JsCast;
    let focused = root
        .owner_document()
        .and_then(|d| d.active_element())
        .filter(|e| root.contains(Some(e)))
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    root.set_inner_html(html);
    if let Some(element) = focused.and_then(|id| element(root, &id)) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}
