//! The follow-up page in the browser (servicing.html, the `accord-servicing` bundle): puts
//! the pure [`FollowUp`] view into the page without a reactive runtime, like the debtor's
//! page. The agreement comes from a file or from the workspace (which leaves it in the tab's
//! storage under [`AGREEMENT_KEY`]); the payments typed are kept for the tab, so a reload
//! loses nothing; Renegotiate writes the new negotiation as the workspace's draft for the tab
//! and opens the workspace; Re-age makes the new agreement here and opens it.

use super::follow_up::{FollowUp, Input, AGREEMENT_KEY, MAX_PAYMENTS_FILE_BYTES, PAYMENTS_KEY};
use super::keeping::TAB_KEY;
use super::page::{replace_keeping_focus, write_changed, Change, Part};
use crate::browser::{self, Keep};
use crate::export::agreement::{ImportError, MAX_AGREEMENT_BYTES};
use crate::export::signature::KeySet;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

struct Page {
    view: FollowUp,
    root: web_sys::Element,
    /// The parts as last written; empty after a new page.
    written: Vec<Part>,
    /// The deployment's public keys, which check a self-service agreement's offer.
    keys: Option<KeySet>,
}

/// Runs the follow-up page in `<body>` for the life of the page.
pub fn start() {
    browser::install_panic_hook();
    let Some(body) = browser::body() else { return };
    let locale = browser::stored_locale().unwrap_or_else(browser::preferred_locale);
    browser::apply_locale(locale);
    let Some(root) = body.owner_document().and_then(|d| d.create_element("div").ok()) else { return };
    root.set_class_name("app");
    let _ = body.append_child(&root);
    browser::add_mount_point(&root);
    let mut view = FollowUp::new(locale, browser::today());
    if let Some(text) = browser::load(Keep::Tab, PAYMENTS_KEY) {
        view.apply(Input::Payments(text));
    }
    let page = Rc::new(RefCell::new(Page { view, root: root.clone(), written: Vec::new(), keys: None }));
    show_page(&page);
    for kind in ["input", "change", "click"] {
        let page = page.clone();
        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| on_event(&page, &event));
        let _ = root.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        // The page's listeners live as long as the page.
        listener.forget();
    }
    wasm_bindgen_futures::spawn_local(async move {
        let settings = browser::deployment_settings().await;
        let keys = browser::deployment_keys(settings.keys).await;
        let handed = browser::load(Keep::Tab, AGREEMENT_KEY);
        let mut opened = page.borrow_mut();
        opened.keys = keys;
        if let Some(text) = handed {
            let Page { view, keys, .. } = &mut *opened;
            view.open(&text, keys.as_ref());
            drop(opened);
            show_page(&page);
        }
    });
}

fn on_event(page: &Rc<RefCell<Page>>, event: &web_sys::Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let value = || js_sys::Reflect::get(&target, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let input = match (event.type_().as_str(), target.id().as_str()) {
        ("change", "language") => Input::Language(value()),
        ("input", "sv-payments") => {
            let text = value();
            browser::save(Keep::Tab, PAYMENTS_KEY, &text);
            Input::Payments(text)
        }
        ("input" | "change", "sv-as-of") => Input::AsOf(value()),
        ("input", "sv-grace") => Input::Rule(0, value()),
        ("input", "sv-days-late") => Input::Rule(1, value()),
        ("input", "sv-missed") => Input::Rule(2, value()),
        ("change", "sv-agreement-file") => return choose_agreement(page, target),
        ("change", "sv-payments-file") => return choose_payments(page, target),
        ("click", "sv-renegotiate") => return hand_over(&page.borrow().view),
        ("click", "sv-reage") => return reage(page),
        _ => return,
    };
    let language = matches!(input, Input::Language(_));
    let change = page.borrow_mut().view.apply(input);
    if language && change == Change::Page {
        browser::apply_locale(page.borrow().view.locale());
    }
    apply_change(page, change);
}

fn apply_change(page: &Rc<RefCell<Page>>, change: Change) {
    match change {
        Change::None => {}
        Change::Parts => write_parts(&mut page.borrow_mut()),
        Change::Page => show_page(page),
    }
}

/// Reads the agreement file chosen and opens it (kept for the tab when it opens, so a reload
/// keeps it).
fn choose_agreement(page: &Rc<RefCell<Page>>, target: web_sys::Element) {
    let Ok(input) = target.dyn_into::<web_sys::HtmlInputElement>() else { return };
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let Some(read) = browser::read_chosen_file(&input, MAX_AGREEMENT_BYTES).await else { return };
        let opened = {
            let mut page = page.borrow_mut();
            let Page { view, keys, .. } = &mut *page;
            match read {
                // Only an agreement that opened replaces the one kept for a reload.
                Ok(text) => {
                    let opened = view.open(&text, keys.as_ref());
                    if opened {
                        browser::save(Keep::Tab, AGREEMENT_KEY, &text);
                    }
                    opened
                }
                Err(too_large) => {
                    view.open_failed(ImportError::TooLarge { bytes: too_large.bytes, max: MAX_AGREEMENT_BYTES });
                    false
                }
            }
        };
        show_page(&page);
        // The verdict is read first (a screen reader announces the focused paragraph).
        if opened {
            browser::focus("sv-verdict");
        }
    });
}

/// Reads the payments file chosen into the payments box.
fn choose_payments(page: &Rc<RefCell<Page>>, target: web_sys::Element) {
    let Ok(input) = target.dyn_into::<web_sys::HtmlInputElement>() else { return };
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let Some(read) = browser::read_chosen_file(&input, MAX_PAYMENTS_FILE_BYTES).await else { return };
        let input = match read {
            Ok(text) => {
                browser::save(Keep::Tab, PAYMENTS_KEY, &text);
                Input::Payments(text)
            }
            Err(too_large) => Input::PaymentsFileTooLarge(too_large.bytes),
        };
        page.borrow_mut().view.apply(input);
        // The box shows the file's text: the page is drawn again from the view.
        show_page(&page);
    });
}

/// Re-ages the agreement open, once the agent says yes to what moves: the new agreement is
/// downloaded, kept for the tab and opened here in the old one's place, with the payments.
fn reage(page: &Rc<RefCell<Page>>) {
    let Some(reaging) = page.borrow().view.reaging(browser::random_uuid(), browser::now_rfc3339()) else { return };
    if !browser::confirm(&reaging.question) {
        return;
    }
    browser::download(&reaging.file_name, "application/json", &browser::pretty_json(&reaging.json));
    browser::save(Keep::Tab, AGREEMENT_KEY, &reaging.json);
    {
        let mut page = page.borrow_mut();
        let Page { view, keys, .. } = &mut *page;
        view.open(&reaging.json, keys.as_ref());
        view.reaged(reaging.notice);
    }
    show_page(page);
    browser::focus("sv-verdict");
}

/// Writes the renegotiation as the workspace's draft for the tab (asking first when a
/// negotiation is in progress there) and opens the workspace.
fn hand_over(view: &FollowUp) {
    let Some(draft) = view.renegotiation() else { return };
    let Some(json) = crate::export::json::to_string(&draft) else { return };
    if browser::load(Keep::Tab, TAB_KEY).is_some() && !browser::confirm(view.locale().servicing().sv_replace_confirm) {
        return;
    }
    browser::save(Keep::Tab, TAB_KEY, &json);
    browser::go_to("./");
}

fn show_page(page: &Rc<RefCell<Page>>) {
    let mut page = page.borrow_mut();
    let locale = page.view.locale();
    let time = |utc: &str| browser::local_time(utc, locale, browser::TimeShown::DateTimeZone);
    let html = page.view.page_html(&time);
    replace_keeping_focus(&page.root, &html);
    page.written.clear();
    write_parts(&mut page);
}

fn write_parts(page: &mut Page) {
    let parts = page.view.parts();
    write_changed(&page.root, &page.written, &parts);
    page.written = parts;
}
