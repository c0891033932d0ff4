//! Smoke tests in headless Chromium (wasm-bindgen-test): the app mounts, the crash page speaks
//! the document's language, and the core gives the same bits in the browser as natively.
#![cfg(target_arch = "wasm32")]

use accord::domain::irr::{solve, CashFlow};
use accord::ui::app::WORKSPACE;
use accord::ui::{Accord, Start};
use leptos::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

#[wasm_bindgen_test]
fn the_app_mounts_restores_a_saved_draft_and_computes_it() {
    // A saved draft: 100,000 owed; offer D is 36 installments at 0 % → 2,777.78 a month.
    let mut draft = accord::domain::negotiation::Draft::new("2025-01-15", "2025-02-15", "2025-01-31");
    draft.account.claim.principal = "100000".into();
    let storage = web_sys::window().and_then(|w| w.session_storage().ok().flatten()).expect("session storage");
    storage.set_item("accord.draft", &serde_json::to_string(&draft).expect("draft JSON")).expect("store draft");

    leptos::mount::mount_to_body(|| view! { <Accord start=Start::page(&WORKSPACE, None) /> });
    let name = document().query_selector("[data-testid=product-name]").ok().flatten().expect("product name");
    assert!(name.text_content().unwrap_or_default().starts_with("Accord"));
    let payment = document()
        .query_selector("[data-testid=offer-D] [data-testid=figure-payment]")
        .ok()
        .flatten()
        .expect("offer D's payment");
    assert!(payment.text_content().unwrap_or_default().ends_with("2,777.78"));
    let offer = |name: &str| document().query_selector(&format!("article[data-testid=offer-{name}]")).ok().flatten();
    assert!(["A", "B", "C", "D"].iter().all(|n| offer(n).is_some()) && offer("E").is_none());
}

#[wasm_bindgen_test]
fn the_crash_page_speaks_the_documents_language() {
    // Rendered into a container of its own: the test runner's output lives in <body>.
    let root = document().document_element().expect("html element");
    let container = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&container).expect("append");
    root.set_attribute("lang", "zh-CN").expect("set lang");
    accord::browser::render_crash_message(&container);
    assert!(container.text_content().unwrap_or_default().contains("出错了"));
    root.set_attribute("lang", "en").expect("set lang");
    accord::browser::render_crash_message(&container);
    let text = container.text_content().unwrap_or_default();
    assert!(text.contains("Something went wrong") && !text.contains("出错了"));
}

#[wasm_bindgen_test]
fn the_irr_has_the_same_bits_as_natively() {
    // The same vector and bits as tests/reference_figures.rs::irr_bits_are_pinned.
    let mut flows = vec![CashFlow { amount: dec!(-99000), whole: 0, fraction: Decimal::ZERO }];
    flows.extend((1..=12).map(|k| CashFlow { amount: dec!(8833.30), whole: k, fraction: Decimal::ZERO }));
    assert_eq!(solve(&flows).map(f64::to_bits), Some(0x3f85_da10_fec3_b015));
}
