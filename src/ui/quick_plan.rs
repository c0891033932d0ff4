//! A quick equal-installment plan: the first screen, proving the core end to end in the
//! browser. The agent workspace builds on the same pattern: raw text in signals, one memo
//! that evaluates the request, one memo that keeps the last valid figures.

use super::field::TextField;
use super::use_i18n;
use crate::browser;
use crate::domain::calendar::{add_months_keeping_end, DayCount, Frequency};
use crate::domain::money::Currency;
use crate::domain::plan::PlanOutcome;
use crate::domain::request::{evaluate, ClaimRequest, FieldError, MethodRequest, PlanRequest, PlanTermsRequest};
use crate::i18n::{format_amount, format_percent, input_error_message, Texts};
use leptos::prelude::*;

/// The figures the quick plan shows, as exact decimal strings.
#[derive(Debug, Clone, PartialEq)]
struct Figures {
    payment: String,
    total_interest: String,
    total_paid: String,
    nominal: Option<String>,
    effective: Option<String>,
}

impl Figures {
    fn of(outcome: &PlanOutcome) -> Self {
        let rate = outcome.annualized_rate.as_ref();
        Figures {
            payment: outcome.schedule.first().map(|r| r.payment.to_string()).unwrap_or_default(),
            total_interest: outcome.totals.interest.to_string(),
            total_paid: outcome.totals.paid.to_string(),
            nominal: rate.map(|r| r.nominal_percent.to_string()),
            effective: rate.map(|r| r.effective_percent.to_string()),
        }
    }
}

/// Amount, rate and count in; payment, totals and annualized rates out.
#[component]
pub fn QuickPlan() -> impl IntoView {
    let i18n = use_i18n();
    let amount = RwSignal::new(String::from("100,000"));
    let rate = RwSignal::new(String::from("9.99"));
    let count = RwSignal::new(String::from("36"));
    let today = browser::today();
    let currency = Currency::CNY;

    let result = Memo::new(move |_| {
        let first_due = add_months_keeping_end(today, 1).unwrap_or(today);
        let request = PlanRequest {
            claim: ClaimRequest {
                currency: currency.code().into(),
                as_of: today.to_string(),
                principal: amount.get(),
                ..ClaimRequest::default()
            },
            plan: PlanTermsRequest::Installments {
                down_payment: String::new(),
                count: Some(count.get()),
                target_payment: None,
                frequency: Frequency::Monthly,
                method: MethodRequest::EqualInstallment,
                step_up_percent: None,
                annual_rate_percent: rate.get(),
                first_due_date: first_due.to_string(),
                day_count: DayCount::Periodic,
                round_up_to: None,
            },
            ..PlanRequest::default()
        };
        evaluate(&request).map(|outcome| Figures::of(&outcome))
    });
    // The last valid figures stay on screen, marked stale, while an input is invalid.
    let shown = Memo::new(move |previous: Option<&Option<Figures>>| match result.get() {
        Ok(figures) => Some(figures),
        Err(_) => previous.cloned().flatten(),
    });
    let stale = move || result.with(Result::is_err) && shown.with(Option::is_some);
    let errors = move || result.with(|r| r.as_ref().err().cloned().unwrap_or_default());
    let error_for = move |fields: &'static [&'static str]| {
        Signal::derive(move || {
            errors()
                .iter()
                .find(|e: &&FieldError| fields.contains(&e.field.as_str()))
                .map(|e| input_error_message(&e.error, i18n.locale.get()))
        })
    };
    let money = move |value: String| format_amount(&value, currency, i18n.locale.get());
    let figure = move |label: fn(&Texts) -> &'static str, testid: &'static str, value: Signal<String>| {
        view! {
            <div class="figure">
                <dt>{move || label(i18n.t())}</dt>
                <dd data-testid=testid>{move || value.get()}</dd>
            </div>
        }
    };
    let amount_of = move |field: fn(&Figures) -> &String| {
        Signal::derive(move || shown.with(|s| s.as_ref().map(|f| money(field(f).clone())).unwrap_or_default()))
    };
    let percent_of = move |field: fn(&Figures) -> &Option<String>| {
        Signal::derive(move || {
            shown.with(|s| s.as_ref().and_then(|f| field(f).as_deref().map(format_percent)).unwrap_or_default())
        })
    };

    view! {
        <section class="card quick-plan" aria-labelledby="quick-plan-title">
            <h2 id="quick-plan-title">{move || i18n.t().quick_plan_title}</h2>
            <p class="hint">{move || i18n.t().quick_plan_hint}</p>
            <div class="fields">
                <TextField id="amount" label=|t| t.amount_label value=amount error=error_for(&["claim.principal"]) />
                <TextField
                    id="rate"
                    label=|t| t.rate_label
                    value=rate
                    error=error_for(&["plan.annualRatePercent"])
                />
                <TextField
                    id="count"
                    label=|t| t.count_label
                    value=count
                    error=error_for(&["plan.count"])
                    inputmode="numeric"
                />
            </div>
            <div class="results" class:stale=stale aria-live="polite" data-testid="results">
                <p class="stale-note" hidden=move || !stale()>{move || i18n.t().stale_note}</p>
                <dl class="figures">
                    {figure(|t| t.payment_label, "payment", amount_of(|f| &f.payment))}
                    {figure(|t| t.total_interest_label, "total-interest", amount_of(|f| &f.total_interest))}
                    {figure(|t| t.total_paid_label, "total-paid", amount_of(|f| &f.total_paid))}
                    {figure(|t| t.nominal_rate_label, "nominal-rate", percent_of(|f| &f.nominal))}
                    {figure(|t| t.effective_rate_label, "effective-rate", percent_of(|f| &f.effective))}
                </dl>
            </div>
        </section>
    }
}
