//! The core's speed in the browser (issue 17): the same 360-installment plan with its
//! annualized rate that `scripts/bench` times natively, evaluated by the release wasm in
//! headless Chromium. Not a test of behaviour: it prints (with `--nocapture`); `scripts/bench`
//! runs it. Each sample is the mean of a few plans, as the browser's clock is coarse.
#![cfg(target_arch = "wasm32")]

#[path = "../benches/support/requests.rs"]
mod requests;

use accord::domain::calendar::Frequency;
use accord::domain::request::{evaluate, MethodRequest};
use requests::installments;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLES: usize = 60;
const PLANS_PER_SAMPLE: usize = 20;

/// `performance.now()` in milliseconds, read through `js_sys` (the app's `web-sys` features
/// leave `Performance` out).
fn clock() -> impl Fn() -> f64 {
    let global = js_sys::global();
    let performance = js_sys::Reflect::get(&global, &"performance".into()).expect("performance");
    let now: js_sys::Function = js_sys::Reflect::get(&performance, &"now".into()).expect("now").into();
    move || now.call0(&performance).ok().and_then(|t| t.as_f64()).unwrap_or_default()
}

#[wasm_bindgen_test]
fn one_360_installment_plan_with_its_annualized_rate() {
    // The request of benches/plan.rs::single_plan.
    let request = installments("200000", "6", 360, Frequency::Monthly, MethodRequest::EqualInstallment);
    let now = clock();
    let mut per_plan = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let start = now();
        for _ in 0..PLANS_PER_SAMPLE {
            let outcome = evaluate(std::hint::black_box(&request)).expect("the reference plan computes");
            assert!(outcome.annualized_rate.is_some());
        }
        per_plan.push((now() - start) * 1000.0 / PLANS_PER_SAMPLE as f64);
    }
    per_plan.sort_by(f64::total_cmp);
    console_log!(
        "in the browser (release wasm, headless Chromium): one 360-installment equal-installment plan with IRR: \
         median {:.0} µs, p90 {:.0} µs ({SAMPLES} samples of {PLANS_PER_SAMPLE} plans)",
        per_plan[SAMPLES / 2],
        per_plan[SAMPLES * 9 / 10]
    );
}
