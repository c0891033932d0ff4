//! The debtor's view without a browser: what each input does to the page's figures and
//! messages, and that the creditor's words are escaped. Expected figures by hand computation
//! (the same offer as tests/e2e/self-service.test.mjs): 10,000 principal + 300 penalty, the
//! penalty waived → 10,000 due; at least 10 % (1,000.00) now, 9,000.00 at 0 % over 12 months
//! = 750.00 a month.
#![cfg(not(target_arch = "wasm32"))]

use accord::domain::offer::read_offer;
use accord::export::signature::LinkError;
use accord::i18n::Locale;
use accord::ui::self_service::{Change, Delivery, Input, LinkState, Part, SelfService};
use serde_json::json;
use std::sync::Arc;

fn offer_json(creditor: &str) -> String {
    json!({
        "version": 1, "offerId": "OFR-2025-0042", "keyId": "creditor-2025", "expiresAt": "2099-12-31T00:00:00Z",
        "accountReference": "ACC-2025-0042",
        "creditor": { "name": creditor, "phone": "400-820-5555" },
        "claim": { "currency": "CNY", "asOf": "2025-01-15", "principal": "10000.00", "penalty": "300.00",
                   "contractRatePercent": "18" },
        "choices": [
            { "type": "installments", "waivers": [{ "bucket": "penalty", "percent": "100", "conditional": true }],
              "minCount": 3, "maxCount": 24, "frequency": "monthly", "method": "equalInstallment",
              "annualRatePercent": "0", "minDownPaymentPercent": "10",
              "firstDueFrom": "2025-02-01", "firstDueTo": "2025-02-28" },
            { "type": "settlement", "waivers": [{ "bucket": "penalty", "percent": "100" }],
              "payByFrom": "2025-01-15", "payByTo": "2025-01-31" }
        ]
    })
    .to_string()
}

fn ready(locale: Locale) -> SelfService {
    let mut view = SelfService::new(locale);
    let offer = read_offer(&offer_json("Example Bank")).expect("a valid offer");
    view.set_link(LinkState::Ready(Arc::new(offer)));
    view
}

fn text(view: &SelfService, id: &str) -> String {
    view.parts()
        .into_iter()
        .find_map(|part| match part {
            Part::Text(i, text) | Part::Html(i, text) if i == id => Some(text),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no part {id}"))
}

fn flag(view: &SelfService, id: &str) -> bool {
    view.parts()
        .into_iter()
        .find_map(|part| match part {
            Part::Disabled(i, on) | Part::Hidden(i, on) if i == id => Some(on),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no flag {id}"))
}

fn no_time(utc: &str, _: Locale) -> String {
    utc.to_string()
}

#[test]
fn a_verified_offer_shows_its_default_plan_and_the_count_stays_in_bounds() {
    let mut view = ready(Locale::En);
    assert!(
        text(&view, "ss-cost").contains("then CN¥750.00 12 times, from 2025-02-01 to 2026-01-01: CN¥10,000.00 in all")
    );
    assert!(flag(&view, "ss-confirm"), "confirm waits for the consent line");
    view.apply(Input::Consent(true));
    assert!(!flag(&view, "ss-confirm"), "confirm is enabled");
    assert!(text(&view, "ss-owed").contains("10,300.00"));
    assert_eq!(view.apply(Input::Count("24".into())), Change::Parts);
    assert!(flag(&view, "ss-more"), "at the most, + is disabled");
    assert_eq!(text(&view, "ss-count-value"), "24");
    // Beyond the bound it stays at the bound.
    view.apply(Input::More);
    assert_eq!(text(&view, "ss-count-value"), "24");
    view.apply(Input::Count("1".into()));
    assert_eq!(text(&view, "ss-count-value"), "3");
    assert!(flag(&view, "ss-fewer"));
}

#[test]
fn a_figure_outside_the_offer_is_answered_beside_its_field_and_the_last_plan_stays() {
    let mut view = ready(Locale::En);
    view.apply(Input::Count("23".into()));
    let tables = text(&view, "ss-tables");
    // A fresh, empty field says nothing until it is left.
    view.apply(Input::DownPayment(String::new()));
    assert_eq!(text(&view, "ss-down-error"), "");
    view.apply(Input::LeftDownPayment);
    assert_ne!(text(&view, "ss-down-error"), "");
    view.apply(Input::DownPayment("999.99".into()));
    assert_eq!(text(&view, "ss-down-error"), "Pay at least CN¥1,000.00 now.");
    assert!(flag(&view, "ss-confirm"), "no plan, no confirm");
    view.apply(Input::DownPayment("abc".into()));
    assert_eq!(text(&view, "ss-down-error"), "Enter a number such as 1,234.56.");
    assert_eq!(text(&view, "ss-error"), "");
    assert_eq!(text(&view, "ss-tables"), tables, "the last plan that computed stays");
    assert!(view.parts().contains(&Part::Class("ss-down-field", "invalid", true)));
    view.apply(Input::DownPayment("2,000".into()));
    view.apply(Input::Count("8".into()));
    // 8,000 over 8 months: 1,000.00 a month.
    assert!(text(&view, "ss-cost").contains("CN¥1,000.00 8 times"));
    assert!(view.parts().contains(&Part::Class("ss-down-field", "invalid", false)));
}

#[test]
fn another_choice_or_language_is_a_new_page_and_the_same_choice_is_nothing() {
    let mut view = ready(Locale::En);
    assert_eq!(view.apply(Input::Choice(0)), Change::None);
    assert_eq!(view.apply(Input::Choice(7)), Change::None);
    assert_eq!(view.apply(Input::Choice(1)), Change::Page);
    let page = view.page_html(&no_time);
    assert!(!page.contains("ss-count"), "a settlement has no count");
    assert!(page.contains("value=\"2025-01-31\""), "the settlement's default date is its latest");
    assert!(text(&view, "ss-cost").contains("CN¥10,000.00"));
    assert_eq!(view.apply(Input::Language("zh-CN".into())), Change::Page);
    assert_eq!(view.apply(Input::Language("zh-CN".into())), Change::None);
    assert_eq!(view.apply(Input::Language("fr".into())), Change::None);
    assert!(view.page_html(&no_time).contains("<option value=\"zh-CN\" lang=\"zh-CN\" selected>"));
}

#[test]
fn the_creditors_words_are_text_not_markup() {
    let mut view = SelfService::new(Locale::En);
    let offer = read_offer(&offer_json("<img src=x onerror=alert(1)> & Co")).expect("a valid offer");
    view.set_link(LinkState::Ready(Arc::new(offer)));
    let page = view.page_html(&no_time);
    assert!(!page.contains("<img"), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; Co"));
}

#[test]
fn a_bad_link_shows_its_message_and_no_plan() {
    let mut view = SelfService::new(Locale::En);
    view.set_link(LinkState::Invalid(LinkError::NotServed));
    let page = view.page_html(&no_time);
    assert!(!page.contains("ss-cost") && !page.contains("ss-confirm"));
    assert!(view.parts().is_empty());
    assert!(page.contains("data-testid=\"link-message\">"));
    assert!(!page.contains("data-testid=\"link-message\" hidden"));
}

#[test]
fn confirming_records_the_signed_offer_and_a_blocked_or_broken_plan_is_not_confirmed() {
    let mut view = ready(Locale::En);
    assert!(view.take_new_plan().is_some(), "the host hears of the first plan");
    assert!(view.take_new_plan().is_none(), "once");
    view.apply(Input::DownPayment("abc".into()));
    assert!(view.confirm("PAYLOAD.SIGNATURE", "A-1".into(), "2025-01-15T08:00:00Z".into()).is_none());
    assert!(view.take_new_plan().is_none(), "no plan, nothing to tell");
    view.apply(Input::DownPayment("1000".into()));
    // Not without the consent line ticked.
    assert!(flag(&view, "ss-confirm"));
    assert!(view.confirm("PAYLOAD.SIGNATURE", "A-2".into(), "2025-01-15T08:00:00Z".into()).is_none());
    assert_eq!(view.apply(Input::Consent(true)), Change::Parts);
    assert!(!flag(&view, "ss-confirm"));
    assert!(view.confirm("no-signature", "A-2".into(), "2025-01-15T08:00:00Z".into()).is_none());
    let agreement = view.confirm("PAYLOAD.SIGNATURE", "A-3".into(), "2025-01-15T08:00:00Z".into()).expect("agreed");
    assert_eq!(agreement.agreement_id, "A-3");
    assert_eq!(agreement.references.account_reference, "ACC-2025-0042");
    let json = accord::export::agreement::agreement_compact_json(&agreement);
    assert!(json.contains("\"channel\":\"selfService\""), "{json}");
    assert!(json.contains("\"signature\":\"SIGNATURE\""), "{json}");
    // The consent line as shown, in the language shown; covered by the hash.
    assert!(
        json.contains("\"consent\":{\"text\":\"I agree to this plan and will pay each amount by its due date.\",\"locale\":\"en\"}"),
        "{json}"
    );
    // Once confirmed: no second agreement, and the controls are locked.
    assert!(view.confirm("PAYLOAD.SIGNATURE", "A-4".into(), "2025-01-15T08:00:00Z".into()).is_none());
    assert_eq!(view.apply(Input::Count("5".into())), Change::None);
    assert!(view.page_html(&no_time).contains("data-testid=\"ss-count\" disabled"));
    assert!(flag(&view, "ss-more") && flag(&view, "ss-fewer"));
    view.set_delivery(Delivery::Downloaded);
    assert!(text(&view, "ss-confirmed").starts_with("Agreed. Your agreement A-3 has been downloaded"));
    assert!(!flag(&view, "ss-actions"), "calendar, print and download are offered");
}

#[test]
fn each_delivery_says_where_the_agreement_is_and_the_calendar_has_every_due_date() {
    let mut view = ready(Locale::En);
    view.apply(Input::Consent(true));
    view.confirm("P.S", "A-9".into(), "2025-01-15T08:00:00.000Z".into()).expect("agreed");
    view.set_delivery(Delivery::Sending);
    assert!(text(&view, "ss-confirmed").contains("Sending your agreement A-9"));
    assert!(flag(&view, "ss-actions"), "nothing to offer while sending");
    view.set_delivery(Delivery::Queued);
    assert!(text(&view, "ss-confirmed").contains("not sent yet"));
    view.set_delivery(Delivery::Received {
        receipt_id: "R-0123456789abcdef0123".into(),
        at: "15/01/2025 16:05".into(),
    });
    assert_eq!(
        text(&view, "ss-confirmed"),
        "Agreed and received by your creditor: receipt R-0123456789abcdef0123, 15/01/2025 16:05. Your agreement is A-9."
    );
    view.set_delivery(Delivery::AlreadyAccepted { at: "10/01/2025".into() });
    assert!(text(&view, "ss-confirmed").starts_with("This offer was already accepted on 10/01/2025."));
    view.set_delivery(Delivery::Refused { reason: "2 figures differ".into() });
    assert!(text(&view, "ss-confirmed").contains("did not accept the agreement: 2 figures differ."));
    // 12 payments of 750.00 from 2025-02-01: one event each, with stable UIDs.
    let (name, ics) = view.calendar_file().expect("a calendar");
    assert_eq!(name, "accord-payments-A-9.ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 12);
    assert!(ics.contains("UID:A-9-1@accord\r\nDTSTAMP:20250115T080000Z\r\nDTSTART;VALUE=DATE:20250201\r\n"));
    assert!(ics.contains("SUMMARY:Payment 12 of 12: CN¥750.00\r\n"));
    let (file, json) = view.agreement_file().expect("the file");
    assert_eq!(file, "accord-agreement-A-9.json");
    assert!(json.starts_with('{'));
    // An agreement from an earlier visit, sent from the outbox.
    assert!(flag(&view, "ss-earlier"));
    view.set_earlier("A-1".into(), Delivery::Received { receipt_id: "R-1".into(), at: "now".into() });
    assert!(!flag(&view, "ss-earlier"));
    assert!(text(&view, "ss-earlier").contains("receipt R-1"));
}
