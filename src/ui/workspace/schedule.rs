//! The selected offer's schedule: the full table, a CSV download and the balance chart.

use super::use_workspace;
use crate::browser;
use crate::domain::plan::PlanOutcome;
use crate::export::chart::balance_path;
use crate::export::csv::schedule_csv;
use crate::i18n::{fill, format_money, Locale};
use crate::ui::print::{fees_header, row_cells, schedule_headers};
use crate::ui::{tr, use_i18n};
use leptos::prelude::*;
use std::sync::Arc;

const CHART_WIDTH: u32 = 600;
const CHART_HEIGHT: u32 = 160;
/// Height of one body row in CSS pixels (fixed by `.schedule-table.virtual .rows tr` in style.css).
const ROW_HEIGHT: usize = 28;
/// Rows visible in the scroll box (420 px high) and rows rendered beyond them on each side.
const VISIBLE_ROWS: usize = 15;
const OVERSCAN: usize = 3;

/// The schedule table, chart and CSV download of the selected offer.
#[component]
pub fn ScheduleView() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let selected = move || state.layout.with(|l| l.selected);
    let selected_outcome = Memo::new(move |_| state.shown.get(selected()).and_then(|m| m.get()));
    // While the section is far from view its rendering is skipped (`content-visibility: auto`);
    // then the table and chart catch up after the frame that paints the figures the agent is
    // looking at, not inside it (~1.5 ms a keystroke, scripts/latency). In view, or where the
    // browser does not say, they follow in the same frame.
    let skipped = RwSignal::new(false);
    let outcome = RwSignal::new(selected_outcome.get_untracked());
    // Deferred calls may come after the view is gone (a host remounting the app): the `try_`
    // accessors then do nothing.
    let show = move |next: Option<Arc<PlanOutcome>>| {
        let same = outcome.try_with_untracked(|current| match (current, &next) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        });
        if same == Some(false) {
            outcome.try_set(next);
        }
    };
    Effect::new(move |_| {
        let next = selected_outcome.get();
        if skipped.get() {
            browser::after_next_paint(move || {
                if let Some(next) = selected_outcome.try_get_untracked() {
                    show(next);
                }
            });
        } else {
            show(next);
        }
    });
    let name = move || state.selected_offer().map(|(_, name)| name).unwrap_or_default();
    // Only the rows in view (and some overscan) are in the DOM: re-laying out 360 rows cost
    // ~80 ms a keystroke. Spacer rows keep the scroll height; aria-rowcount/rowindex give
    // assistive technology the full size.
    let scroll_top = RwSignal::new(0_usize);
    let row_count = move || outcome.with(|o| o.as_ref().map_or(0, |o| o.schedule.len()));
    let window = move || {
        let n = row_count();
        let first = (scroll_top.get() / ROW_HEIGHT).saturating_sub(OVERSCAN).min(n);
        (first, (first + VISIBLE_ROWS + 2 * OVERSCAN).min(n))
    };
    // A language memo of the table's own: every row re-subscribes on each re-run, and the
    // app-wide language has hundreds of subscribers.
    let locale = Memo::new(move |_| i18n.locale.get());
    let first_row = Memo::new(move |_| window().0);
    let slots = move || {
        let (first, last) = window();
        0..last - first
    };
    // Integer pixels: formatting floats would link kilobytes of float printing into the wasm.
    let top_space = move || format!("{}px", window().0 * ROW_HEIGHT);
    let bottom_space = move || format!("{}px", (row_count() - window().1) * ROW_HEIGHT);
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
                    ("start", &format_money(o.financed, o.currency, i18n.locale.get())),
                    ("first", &o.upfront.date.to_string()),
                    ("last", &last.map(|r| r.date.to_string()).unwrap_or_default()),
                    ("count", &o.schedule.len().to_string()),
                ],
            )
        })
    };
    let download = move |_| {
        selected_outcome.with_untracked(|o| {
            if let Some(o) = o {
                let locale = i18n.locale.get_untracked();
                let fees = fees_header(&o.schedule, state.policy.with_untracked(|p| p.product), locale);
                let csv = schedule_csv(&o.schedule, schedule_headers(locale.texts(), &fees));
                browser::download(&format!("accord-offer-{}.csv", name()), "text/csv;charset=utf-8", &csv);
            }
        });
    };
    view! {
        <section
            class="card schedule"
            aria-labelledby="schedule-title"
            data-testid="schedule"
            on:contentvisibilityautostatechange=move |ev: web_sys::Event| skipped.set(browser::rendering_skipped(&ev))
        >
            <div class="card-head">
                <h2 id="schedule-title">
                    {tr(|t| t.schedule_title)} " · " {tr(|t| t.offer_label)} " " {name}
                </h2>
                <button
                    type="button"
                    class="secondary"
                    on:click=download
                    disabled=move || selected_outcome.with(Option::is_none)
                    data-testid="download-csv"
                >
                    {tr(|t| t.download_csv)}
                </button>
            </div>
            <Show
                when=move || outcome.with(Option::is_some)
                fallback=move || view! { <p class="hint">{tr(|t| t.no_schedule)}</p> }
            >
                <svg
                    class="chart"
                    viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}")
                    preserveAspectRatio="none"
                    role="img"
                    aria-labelledby="chart-title chart-desc"
                    data-testid="balance-chart"
                >
                    <title id="chart-title">{tr(|t| t.chart_title)}</title>
                    <desc id="chart-desc">{description}</desc>
                    <path d=path class="balance-line" fill="none" vector-effect="non-scaling-stroke" />
                </svg>
                <div
                    class="table-scroll"
                    tabindex="0"
                    role="region"
                    aria-label=tr(|t| t.schedule_table_label)
                    on:scroll=move |ev| {
                        let top = event_target::<web_sys::Element>(&ev).scroll_top();
                        scroll_top.set(usize::try_from(top).unwrap_or(0));
                    }
                >
                    <table
                        class="schedule-table virtual"
                        data-testid="schedule-table"
                        aria-rowcount=move || row_count() + 1
                    >
                        <thead>
                            <tr aria-rowindex="1">
                                {move || {
                                    let locale = i18n.locale.get();
                                    let fees = outcome
                                        .with(|o| o.as_ref().map(|o| fees_header(&o.schedule, state.product(), locale)))
                                        .unwrap_or_default();
                                    schedule_headers(locale.texts(), &fees)
                                        .map(|h| view! { <th scope="col">{h.to_string()}</th> })
                                        .into_iter()
                                        .collect_view()
                                }}
                            </tr>
                        </thead>
                        <tbody aria-hidden="true">
                            <tr class="spacer" style:height=top_space></tr>
                        </tbody>
                        <tbody class="rows">
                            <For each=slots key=|slot| *slot let:slot>
                                <ScheduleRow
                                    outcome=outcome
                                    index=Signal::derive(move || first_row.get() + slot)
                                    locale=locale
                                />
                            </For>
                        </tbody>
                        <tbody aria-hidden="true">
                            <tr class="spacer" style:height=bottom_space></tr>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// One rendered row of the schedule table: row `index` of `outcome`. The row element stays in
/// place while the agent types or scrolls and only its text changes (replacing the rows' HTML
/// cost ~4 ms more a keystroke in style and layout); its cells read one memo of this row, so
/// a change re-runs seven cells per row, not every cell of the table per row.
#[component]
fn ScheduleRow(
    /// The schedule's offer outcome.
    outcome: RwSignal<Option<Arc<PlanOutcome>>>,
    /// Position of the row in the schedule (0-based).
    index: Signal<usize>,
    /// The language the amounts are formatted in.
    locale: Memo<Locale>,
) -> impl IntoView {
    let cells = Memo::new(move |_| {
        let index = index.get();
        outcome.with(|o| o.as_ref().and_then(|o| o.schedule.get(index).map(|r| row_cells(r, o.currency, locale.get()))))
    });
    view! {
        <tr aria-rowindex=move || {
            index.get() + 2
        }>
            {(0..7)
                .map(|column| {
                    let text = move || cells.with(|c| c.as_ref().map(|c| c[column].clone()).unwrap_or_default());
                    view! { <td>{text}</td> }
                })
                .collect_view()}
        </tr>
    }
}
