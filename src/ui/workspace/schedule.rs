//! The selected offer's schedule: the full table, a CSV download and the balance chart.

use super::use_workspace;
use crate::browser;
use crate::export::chart::balance_path;
use crate::export::csv::schedule_csv;
use crate::i18n::{fill, format_amount, Texts};
use crate::ui::use_i18n;
use leptos::prelude::*;

const CHART_WIDTH: u32 = 600;
const CHART_HEIGHT: u32 = 160;

/// The schedule table, chart and CSV download of the selected offer.
#[component]
pub fn ScheduleView() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let draft = state.draft;
    let selected = move || draft.with(|d| d.selected.min(d.offers.len().saturating_sub(1)));
    let outcome = Memo::new(move |_| state.shown.get(selected()).and_then(|m| m.get()));
    let name = move || draft.with(|d| d.offers.get(selected()).map(|o| o.name.clone()).unwrap_or_default());
    let headers = |t: &'static Texts| {
        [t.col_number, t.col_date, t.col_payment, t.col_principal, t.col_interest, t.col_fees, t.col_balance]
    };
    // Rows hold only dates and decimal strings (no user text), so one HTML string is safe and
    // renders 360 rows in a single DOM update.
    let body_html = move || {
        let locale = i18n.locale.get();
        outcome.with(|o| {
            let Some(o) = o else { return String::new() };
            let mut html = String::with_capacity(o.schedule.len() * 200);
            for r in &o.schedule {
                let m = |d: rust_decimal::Decimal| format_amount(&d.to_string(), o.currency, locale);
                html.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    r.number,
                    r.date,
                    m(r.payment),
                    m(r.principal),
                    m(r.interest),
                    m(r.fees),
                    m(r.balance)
                ));
            }
            html
        })
    };
    let path = move || {
        outcome.with(|o| {
            o.as_ref().map(|o| balance_path(&o.schedule, o.financed, CHART_WIDTH, CHART_HEIGHT)).unwrap_or_default()
        })
    };
    let description = move || {
        let t = i18n.t();
        outcome.with(|o| {
            let Some(o) = o else { return String::new() };
            let last = o.schedule.last();
            fill(
                t.chart_desc,
                &[
                    ("start", &format_amount(&o.financed.to_string(), o.currency, i18n.locale.get())),
                    ("first", &o.upfront.date.to_string()),
                    ("last", &last.map(|r| r.date.to_string()).unwrap_or_default()),
                    ("count", &o.schedule.len().to_string()),
                ],
            )
        })
    };
    let download = move |_| {
        outcome.with_untracked(|o| {
            if let Some(o) = o {
                let csv = schedule_csv(&o.schedule, headers(i18n.locale.get_untracked().texts()));
                browser::download(&format!("accord-offer-{}.csv", name()), "text/csv;charset=utf-8", &csv);
            }
        });
    };
    view! {
        <section class="card schedule" aria-labelledby="schedule-title" data-testid="schedule">
            <div class="card-head">
                <h2 id="schedule-title">{move || i18n.t().schedule_title} " · " {move || i18n.t().offer_label} " " {name}</h2>
                <button type="button" class="secondary" on:click=download disabled=move || outcome.with(Option::is_none) data-testid="download-csv">
                    {move || i18n.t().download_csv}
                </button>
            </div>
            <Show when=move || outcome.with(Option::is_some) fallback=move || view! { <p class="hint">{move || i18n.t().no_schedule}</p> }>
                <svg
                    class="chart"
                    viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}")
                    preserveAspectRatio="none"
                    role="img"
                    aria-labelledby="chart-title chart-desc"
                    data-testid="balance-chart"
                >
                    <title id="chart-title">{move || i18n.t().chart_title}</title>
                    <desc id="chart-desc">{description}</desc>
                    <path d=path class="balance-line" fill="none" vector-effect="non-scaling-stroke" />
                </svg>
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.t().schedule_table_label>
                    <table class="schedule-table" data-testid="schedule-table">
                        <thead>
                            <tr>
                                {move || headers(i18n.t()).into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody inner_html=body_html></tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
