//! `export::json` and the batch line written by hand hold to serde_json's bytes: the batch
//! writes its lines without serde_json (faster), and nothing downstream may see a difference.
#![cfg(not(target_arch = "wasm32"))]

use accord::domain::calendar::{DayCount, Frequency};
use accord::domain::plan::PlanOutcome;
use accord::domain::policy::Policy;
use accord::domain::request::{
    evaluate, BudgetRequest, ExtensionInterestRequest, ExtensionUnit, MethodRequest, PlanRequest, PlanTermsRequest,
    WaiverRequest,
};
use accord::export::batch::batch_line;
use accord::export::json;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

#[path = "../benches/support/requests.rs"]
mod requests;

/// What the batch wrote for a plan before it wrote lines by hand: serde_json over this.
#[derive(Serialize)]
struct Line<'a> {
    line: usize,
    plan: &'a PlanOutcome,
}

/// Requests of every kind: each method and frequency, three currencies' minor units, a
/// settlement, an extension, waivers, a budget (affordability), the card profile (charges
/// apart, findings) and an irregular first period.
fn requests() -> Vec<PlanRequest> {
    use requests::installments;
    let methods = [
        MethodRequest::EqualInstallment,
        MethodRequest::EqualPrincipal,
        MethodRequest::InterestOnlyBalloon,
        MethodRequest::StepUp,
    ];
    let frequencies = [Frequency::Monthly, Frequency::Biweekly, Frequency::Weekly, Frequency::Semimonthly];
    let mut all = Vec::new();
    for (k, method) in methods.into_iter().enumerate() {
        for (j, frequency) in frequencies.into_iter().enumerate() {
            let mut request = installments("123456.78", "9.99", 12 + 7 * (k + j) as u32, frequency, method);
            request.claim.currency = ["CNY", "JPY", "KWD", "USD"][(k + j) % 4].into();
            if request.claim.currency == "JPY" {
                request.claim.principal = "123456".into();
                request.claim.interest = "1234".into();
                request.claim.penalty = "321".into();
                request.claim.fees = "99".into();
            }
            all.push(request);
        }
    }
    let mut card = installments("50000", "12", 24, Frequency::Monthly, MethodRequest::EqualInstallment);
    card.policy = Some(Policy::cn_bank_card());
    card.waivers = vec![WaiverRequest {
        bucket: accord::domain::claim::Bucket::Penalty,
        amount: Some("100".into()),
        percent: None,
        conditional: true,
    }];
    card.budget =
        Some(BudgetRequest { monthly_income: "8000".into(), essential_expenses: "3000".into(), ..Default::default() });
    all.push(card);
    let mut irregular = installments("9999.99", "18.25", 36, Frequency::Monthly, MethodRequest::EqualInstallment);
    if let PlanTermsRequest::Installments { first_due_date, day_count, .. } = &mut irregular.plan {
        *first_due_date = "2025-03-03".into();
        *day_count = DayCount::Act365F;
    }
    all.push(irregular);
    all.push(PlanRequest {
        plan: PlanTermsRequest::Settlement { pay_by: "2025-02-28".into() },
        ..installments("8000", "0", 1, Frequency::Monthly, MethodRequest::EqualInstallment)
    });
    all.push(PlanRequest {
        plan: PlanTermsRequest::Extension {
            length: "45".into(),
            unit: ExtensionUnit::Days,
            fee: "50".into(),
            interest: ExtensionInterestRequest::Contract,
            reduced_rate_percent: None,
            day_count: DayCount::Act365F,
        },
        ..installments("8000", "0", 1, Frequency::Monthly, MethodRequest::EqualInstallment)
    });
    all
}

#[test]
fn a_batch_line_is_the_bytes_serde_json_writes() {
    let requests = requests();
    let mut with_charges = 0;
    for (index, request) in requests.iter().enumerate() {
        let plan = evaluate(request).expect("each request computes");
        with_charges += usize::from(plan.schedule.iter().any(|r| !r.charges.is_zero_amount()));
        let expected = serde_json::to_string(&Line { line: index + 1, plan: &plan }).unwrap();
        let (written, failed) = batch_line(index + 1, serde_json::to_string(request).unwrap().as_bytes());
        assert!(!failed);
        assert_eq!(String::from_utf8(written).unwrap(), expected, "request {index}");
    }
    // The generator is not vacuous: some rows carry charges, some plans findings.
    assert!(with_charges > 0);
}

#[test]
fn values_of_every_shape_are_the_bytes_serde_json_writes() {
    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, String),
        Struct { a: Option<u32>, b: Vec<bool> },
    }
    #[derive(Serialize)]
    struct Everything {
        text: &'static str,
        escapes: String,
        unicode: &'static str,
        numbers: (i8, i64, u64, i128, u128),
        character: char,
        nothing: Option<u8>,
        unit: (),
        shapes: Vec<Shape>,
        by_number: BTreeMap<i32, &'static str>,
        by_name: BTreeMap<&'static str, Vec<u8>>,
    }
    let value = Everything {
        text: "plain",
        escapes: (0u8..0x20).map(char::from).chain("\"\\/\u{7f}".chars()).collect(),
        unicode: "逾期 展期 — ☃ 𝄞",
        numbers: (i8::MIN, i64::MIN, u64::MAX, i128::MIN, u128::MAX),
        character: '"',
        nothing: None,
        unit: (),
        shapes: vec![
            Shape::Unit,
            Shape::Newtype(7),
            Shape::Tuple(-3, "x".into()),
            Shape::Struct { a: Some(1), b: vec![true, false] },
        ],
        by_number: BTreeMap::from([(-1, "minus one"), (2, "two")]),
        by_name: BTreeMap::from([("a\"b", vec![1, 2])]),
    };
    let mut written = Vec::new();
    json::write(&mut written, &value).unwrap();
    assert_eq!(String::from_utf8(written).unwrap(), serde_json::to_string(&value).unwrap());
}

#[test]
fn floats_and_odd_map_keys_are_refused() {
    assert!(json::write(&mut Vec::new(), &1.5f64).is_err());
    assert!(json::write(&mut Vec::new(), &BTreeMap::from([(true, 1)])).is_err());
}

#[test]
fn decimals_and_dates_are_written_as_display_writes_them() {
    let decimals = [
        "0",
        "0.00",
        "-0.05",
        "1234.50",
        "-1234.50",
        "33333",
        "0.001",
        "79228162514264337593543950335",
        "-7.9228162514264337593543950335",
        "0.0000000000000000000000000001",
        "18446744073709551616.00",
    ];
    for text in decimals {
        let value: Decimal = text.parse().unwrap();
        let mut written = Vec::new();
        json::write_decimal(&mut written, value);
        assert_eq!(String::from_utf8(written).unwrap(), format!("\"{value}\""), "{text}");
    }
    // A negative zero (what −0.00 × 1 can leave) reads as Display writes it too.
    let negative_zero = Decimal::from_parts(0, 0, 0, true, 2);
    let mut written = Vec::new();
    json::write_decimal(&mut written, negative_zero);
    assert_eq!(String::from_utf8(written).unwrap(), format!("\"{negative_zero}\""));
    for (y, m, d) in [(2025, 1, 5), (0, 1, 1), (9999, 12, 31), (-1, 6, 15), (10000, 2, 29), (999, 10, 10)] {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut written = Vec::new();
        json::write_date(&mut written, date);
        assert_eq!(String::from_utf8(written).unwrap(), format!("\"{date}\""), "{date}");
    }
}
