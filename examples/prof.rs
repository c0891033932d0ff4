use accord::domain::calendar::{DayCount, Frequency};
use accord::domain::request::{evaluate, ClaimRequest, MethodRequest, PlanRequest, PlanTermsRequest};
fn main() {
    let request = PlanRequest {
        claim: ClaimRequest {
            currency: "CNY".into(),
            as_of: "2025-01-15".into(),
            principal: "200000".into(),
            interest: "1234.56".into(),
            penalty: "321.00".into(),
            fees: "99.00".into(),
            contract_rate_percent: "18".into(),
            contract_date: Some("2024-06-01".into()),
        },
        plan: PlanTermsRequest::Installments {
            down_payment: String::new(),
            count: Some("360".into()),
            target_payment: None,
            frequency: Frequency::Monthly,
            method: MethodRequest::EqualInstallment,
            step_up_percent: None,
            annual_rate_percent: "6".into(),
            first_due_date: "2025-02-15".into(),
            day_count: DayCount::Periodic,
            round_up_to: None,
        },
        discount_rate_percent: Some("8".into()),
        ..PlanRequest::default()
    };
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20000);
    let start = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(evaluate(std::hint::black_box(&request)).unwrap());
    }
    println!("{:.1} µs/plan", start.elapsed().as_secs_f64() * 1e6 / n as f64);
}
