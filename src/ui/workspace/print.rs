//! The print view of the agreed offer: the agreement from [`crate::ui::print`], with
//! Print and Close buttons. Rendered only while the agent has it open (the full schedule is
//! hundreds of rows); print CSS then hides everything else.

use super::use_workspace;
use crate::browser;
use crate::ui::print::agreement_html;
use crate::ui::{tr, use_i18n};
use leptos::prelude::*;

/// The print view of the agreed offer.
#[component]
pub fn AgreementPrint() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let draft = state.draft;
    let agreed_index = Memo::new(move |_| {
        let agreed = state.layout.with(|l| l.agreed.clone())?;
        state.draft.offers.iter().position(|o| o.with(|o| o.as_ref().is_some_and(|o| o.name == agreed)))
    });
    let document = move || {
        let index = agreed_index.get()?;
        let outcome = state.shown[index].get()?;
        let locale = i18n.locale.get();
        let time = |utc: &str| crate::browser::local_time(utc, locale, crate::browser::TimeShown::DateTimeZone);
        agreement_html(&draft.get(), index, &outcome, locale, &time)
    };
    view! {
        <Show when=move || state.printing.get()>
            <section class="card agreement-print" aria-labelledby="agreement-title" data-testid="agreement-print">
                <div class="actions">
                    <button type="button" on:click=move |_| browser::print() data-testid="print-now">
                        {tr(|t| t.print_now)}
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| state.printing.set(false)
                        data-testid="close-print"
                    >
                        {tr(|t| t.close)}
                    </button>
                </div>
                <div inner_html=move || document().unwrap_or_default()></div>
            </section>
        </Show>
    }
}
