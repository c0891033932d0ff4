//! The plan requests the benchmarks time, shared by `benches/plan.rs` (native) and
//! `tests/wasm_bench.rs` (the browser), so both time the same plan.

use accord::domain::calendar::{DayCount, Frequency};
use accord::domain::request::{ClaimRequest, MethodRequest, PlanRequest, PlanTermsRequest};

/// `count` installments of `principal` (plus fixed interest, penalty and fees owed) at
/// `rate` % a year, the first one regular period after the as-of date 2025-01-15.
pub fn installments(
    principal: &str,
    rate: &str,
    count: u32,
    frequency: Frequency,
    method: MethodRequest,
) -> PlanRequest {
    PlanRequest {
        claim: ClaimRequest {
            currency: "CNY".into(),
            as_of: "2025-01-15".into(),
            principal: principal.into(),
            interest: "1234.56".into(),
            penalty: "321.00".into(),
            fees: "99.00".into(),
            contract_rate_percent: "18".into(),
            contract_date: Some("2024-06-01".into()),
        },
        plan: PlanTermsRequest::Installments {
            down_payment: String::new(),
            count: Some(count.to_string()),
            target_payment: None,
            frequency,
            method,
            step_up_percent: (method == MethodRequest::StepUp).then(|| "5".into()),
            annual_rate_percent: rate.into(),
            // One regular period after the as-of date 2025-01-15.
            first_due_date: match frequency {
                Frequency::Weekly => "2025-01-22",
                Frequency::Biweekly => "2025-01-29",
                Frequency::Semimonthly => "2025-01-30",
                Frequency::Monthly => "2025-02-15",
            }
            .into(),
            day_count: DayCount::Periodic,
            round_up_to: None,
        },
        discount_rate_percent: Some("8".into()),
        ..PlanRequest::default()
    }
}
