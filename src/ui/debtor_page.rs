//! The debtor's page in the browser (the `accord-pay` bundle): puts the pure
//! [`SelfService`] view into the DOM, with no reactive runtime. The page's HTML is set once per
//! language or choice; after each input only the figures and messages that changed are
//! written ([`Part`]s), so the field being typed in is never rebuilt. One listener per kind of
//! event on the app's element (input, change, click, focusout) routes by the target's id.

use super::boot::{Bundle, Start};
use super::delivery::{deliver, Outgoing};
use super::embed::HostTarget;
use super::page::{replace_keeping_focus, write_changed, Change, Part};
use super::self_service::{Delivery, Input, LinkState, SelfService};
use crate::browser;
use crate::domain::offer::read_offer;
use crate::export::delivery::Reply;
use crate::export::embed::{AppMessage, Mode};
use crate::export::signature::{short_link_id, stored_offer_path, verify_link, LinkError};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The debtor's bundle (pay.html).
pub static DEBTOR: Bundle = Bundle { mode: Mode::Debtor, mount: mount_debtor };

/// The view in the page.
struct Page {
    view: SelfService,
    /// The app's element (`div.app`), whose content this page owns.
    root: web_sys::Element,
    host: Option<HostTarget>,
    /// The verified link's `PAYLOAD.SIGNATURE`, recorded in the agreement.
    signed_offer: String,
    /// The parts as last written, in [`SelfService::parts`]'s order; empty after a new page.
    written: Vec<Part>,
    /// Where confirmed agreements go (`deployment.json`'s `intakeUrl`); `None`: downloaded.
    intake: Option<String>,
}

type Listener = Closure<dyn FnMut(web_sys::Event)>;

/// A mounted debtor's view; dropping it removes it from the page.
struct Mounted {
    root: web_sys::Element,
    listeners: Vec<(&'static str, Listener)>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        for (kind, listener) in &self.listeners {
            let _ = self.root.remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
        self.root.remove();
    }
}

/// Mounts the debtor's view into `parent` as `start` says: the offer of the host's
/// configuration or of the address's fragment, in the configured, stored or preferred language.
fn mount_debtor(start: Start, parent: &web_sys::HtmlElement) -> Box<dyn std::any::Any> {
    let locale = start.locale();
    browser::apply_locale(locale);
    start.apply_theme();
    let fragment = match &start.config {
        Some(config) => config.offer_fragment().unwrap_or_default(),
        None => browser::location_hash(),
    };
    let root = parent.owner_document().and_then(|d| d.create_element("div").ok()).expect("a document makes a div");
    root.set_class_name(if start.element.is_some() { "app mounted" } else { "app" });
    let _ = parent.append_child(&root);
    let page = Rc::new(RefCell::new(Page {
        view: SelfService::new(locale),
        root: root.clone(),
        host: start.host,
        signed_offer: String::new(),
        written: Vec::new(),
        intake: None,
    }));
    show_page(&page);
    let listeners = ["input", "change", "click", "focusout"]
        .into_iter()
        .map(|kind| {
            let page = page.clone();
            let listener: Listener = Closure::new(move |event: web_sys::Event| on_event(&page, &event));
            let _ = root.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
            (kind, listener)
        })
        .collect();
    wasm_bindgen_futures::spawn_local(check_link(Rc::downgrade(&page), fragment));
    Box::new(Mounted { root, listeners })
}

/// Fetches what the link needs (a short link's stored offer, the deployment's keys),
/// verifies the offer and shows it, or why not.
async fn check_link(page: Weak<RefCell<Page>>, fragment: String) {
    let hash = match short_link_id(&fragment) {
        Some(id) => browser::fetch_text(&stored_offer_path(id)).await.map(|token| format!("#offer={}", token.trim())),
        None => Some(fragment),
    };
    // The deployment's settings: where a confirmed agreement goes, and its keys.
    let settings = browser::deployment_settings().await;
    let keys = browser::deployment_keys(settings.keys).await;
    let Some(page) = page.upgrade() else { return };
    page.borrow_mut().intake = settings.intake_url;
    let link = match (hash, keys) {
        (None, _) => LinkState::Invalid(LinkError::NotServed),
        (Some(_), None) => LinkState::NoKeys,
        (Some(hash), Some(keys)) => match verify_link(&hash, &keys, &browser::now_rfc3339()) {
            Err(error) => LinkState::Invalid(error),
            Ok(text) => match read_offer(&text) {
                Ok(offer) => {
                    page.borrow_mut().signed_offer = hash.strip_prefix("#offer=").unwrap_or(&hash).to_string();
                    LinkState::Ready(std::sync::Arc::new(offer))
                }
                Err(problems) => LinkState::Invalid(LinkError::Unusable {
                    reason: problems.first().map(ToString::to_string).unwrap_or_default(),
                }),
            },
        },
    };
    page.borrow_mut().view.set_link(link);
    show_page(&page);
    // Those confirmed earlier that never arrived go now.
    let waiting: Vec<_> = Outgoing::waiting()
        .into_iter()
        .map(|outgoing| {
            let show = on_reply(Rc::downgrade(&page), outgoing.id.clone(), false);
            (outgoing, show)
        })
        .collect();
    drop(page);
    for (outgoing, show) in waiting {
        wasm_bindgen_futures::spawn_local(deliver(outgoing, show));
    }
}

/// What shows the intake's answers for the agreement `id` on `page`: the agreement just
/// confirmed (`current`), or one from an earlier visit. Stops the delivery when the page
/// is gone.
fn on_reply(page: Weak<RefCell<Page>>, id: String, current: bool) -> impl FnMut(Reply) -> bool {
    move |reply| {
        let Some(page) = page.upgrade() else { return false };
        let mut page = page.borrow_mut();
        let locale = page.view.locale();
        let shown = |utc: &str| browser::local_time(utc, locale, browser::TimeShown::DateTime);
        let delivery = match reply {
            Reply::Retry => Delivery::Queued,
            Reply::Received { receipt_id, received_at } => Delivery::Received { receipt_id, at: shown(&received_at) },
            Reply::AlreadyAccepted { accepted_at } => Delivery::AlreadyAccepted { at: shown(&accepted_at) },
            Reply::Refused { message } => Delivery::Refused { reason: message },
        };
        if current {
            page.view.set_delivery(delivery);
        } else {
            page.view.set_earlier(id.clone(), delivery);
        }
        write_parts(&mut page);
        true
    }
}

/// What an event on the app's element means for the view, if anything.
fn input_of(event: &web_sys::Event) -> Option<Input> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let value = || js_sys::Reflect::get(&target, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let id = target.id();
    Some(match (event.type_().as_str(), id.as_str()) {
        ("change", "language") => Input::Language(value()),
        ("input", "ss-count") => Input::Count(value()),
        ("input", "ss-down") => Input::DownPayment(value()),
        ("input", "ss-date") => Input::Date(value()),
        ("change", "ss-consent") => Input::Consent(js_sys::Reflect::get(&target, &"checked".into()).ok()?.as_bool()?),
        ("change", _) => Input::Choice(target.get_attribute("data-choice")?.parse().ok()?),
        ("focusout", "ss-down") => Input::LeftDownPayment,
        ("click", "ss-fewer") => Input::Fewer,
        ("click", "ss-more") => Input::More,
        _ => return None,
    })
}

fn on_event(page: &Rc<RefCell<Page>>, event: &web_sys::Event) {
    if event.type_() == "click" {
        let id = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|t| t.id()).unwrap_or_default();
        let file = match id.as_str() {
            "ss-confirm" => return confirm(page),
            "ss-print" => return browser::print(),
            "ss-download" => {
                page.borrow().view.agreement_file().map(|(name, json)| (name, browser::pretty_json(&json)))
            }
            "ss-calendar" => page.borrow().view.calendar_file(),
            _ => None,
        };
        if let Some((name, text)) = file {
            let mime = if name.ends_with(".ics") { "text/calendar" } else { "application/json" };
            browser::download(&name, mime, &text);
            return;
        }
    }
    let Some(input) = input_of(event) else { return };
    let language = matches!(input, Input::Language(_));
    let change = page.borrow_mut().view.apply(input);
    if language && change == Change::Page {
        browser::apply_locale(page.borrow().view.locale());
    }
    match change {
        Change::None => {}
        Change::Parts => write_parts(&mut page.borrow_mut()),
        Change::Page => show_page(page),
    }
}

/// The page afresh; the focused control (by id) keeps the focus.
fn show_page(page: &Rc<RefCell<Page>>) {
    let mut page = page.borrow_mut();
    let html = page.view.page_html(&|utc, locale| browser::local_time(utc, locale, browser::TimeShown::DateTime));
    replace_keeping_focus(&page.root, &html);
    page.written.clear();
    write_parts(&mut page);
}

/// Writes the parts that changed since last written, and tells an embedding host about a
/// new plan.
fn write_parts(page: &mut Page) {
    let parts = page.view.parts();
    write_changed(&page.root, &page.written, &parts);
    page.written = parts;
    if let (Some(host), Some((offer, outcome))) = (&page.host, page.view.take_new_plan()) {
        host.send(&AppMessage::PlanChanged { offer, outcome });
    }
}

/// The debtor confirms: the agreement goes to the deployment's intake (kept in the outbox
/// until it is acknowledged), or is downloaded when there is none; an embedding host
/// receives it too.
fn confirm(page: &Rc<RefCell<Page>>) {
    let (id, intake) = {
        let mut page = page.borrow_mut();
        let signed = page.signed_offer.clone();
        let Some(agreement) = page.view.confirm(&signed, browser::random_uuid(), browser::now_rfc3339()) else {
            return;
        };
        (agreement.agreement_id, page.intake.clone())
    };
    let Some((name, json)) = page.borrow().view.agreement_file() else { return };
    match intake {
        Some(url) => {
            let outgoing = Outgoing { url, id: id.clone(), json: json.clone() };
            outgoing.keep();
            page.borrow_mut().view.set_delivery(Delivery::Sending);
            wasm_bindgen_futures::spawn_local(deliver(outgoing, on_reply(Rc::downgrade(page), id, true)));
        }
        None => {
            browser::download(&name, "application/json", &browser::pretty_json(&json));
            page.borrow_mut().view.set_delivery(Delivery::Downloaded);
        }
    }
    if let Some(host) = &page.borrow().host {
        host.send(&AppMessage::Agreed { agreement_json: json });
    }
    show_page(page);
}
