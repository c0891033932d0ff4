//! The record-system side of the workspace: print, download and copy the agreed plan's
//! agreement JSON, hand an agreement file to the follow-up page (servicing.html, its own
//! bundle, which verifies it and records its payments), and save or open a whole
//! negotiation. Everything the files hold is checked by [`crate::export::agreement`]; a bad
//! file gets a message and changes nothing.

use super::{file_stem, use_workspace};
use crate::browser;
use crate::export::agreement::{
    agreement_compact_json, agreement_for_draft, import_negotiation, ImportError, MAX_AGREEMENT_BYTES,
};
use crate::i18n::import_error_message;
use crate::ui::follow_up::{AGREEMENT_KEY, PAYMENTS_KEY};
use crate::ui::{tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What a file holds, or why it cannot be read.
async fn chosen_text(ev: &leptos::ev::Event) -> Option<Result<String, ImportError>> {
    let input = event_target::<web_sys::HtmlInputElement>(ev);
    let read = browser::read_chosen_file(&input, MAX_AGREEMENT_BYTES).await?;
    Some(read.map_err(|too_large| ImportError::TooLarge { bytes: too_large.bytes, max: MAX_AGREEMENT_BYTES }))
}

/// Print, export and open agreements; save and open negotiations.
#[component]
pub fn RecordsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let draft = state.draft;
    let message = RwSignal::new(None::<String>);
    let host = crate::ui::embed::use_host();
    let nothing_agreed = move || state.layout.with(|l| l.agreed.is_none());
    let agreement = move || draft.with_untracked(|d| agreement_for_draft(d, host.agent_channel())).and_then(Result::ok);
    let open_print = move |_| state.open_print();
    let download = move |_| state.download_agreement(host.agent_channel());
    let copy = move |_| {
        let Some(a) = agreement() else { return };
        spawn_local(async move {
            let copied = browser::copy_text(&browser::pretty_json(&agreement_compact_json(&a))).await;
            message.set(Some(if copied { i18n.t().copied } else { i18n.t().copy_failed }.to_string()));
            if copied {
                state.exported.set(true);
            }
        });
    };
    // The follow-up page opens, verifies and follows up the agreement: its text is handed over
    // in the tab's storage, without the payments typed for another one. The draft stays kept.
    let open_agreement = move |ev: leptos::ev::Event| {
        spawn_local(async move {
            let Some(text) = chosen_text(&ev).await else { return };
            match text {
                Ok(text) if browser::save(browser::Keep::Tab, AGREEMENT_KEY, &text) => {
                    browser::remove(browser::Keep::Tab, PAYMENTS_KEY);
                    // Mounted into a portal's page, the workspace keeps that page.
                    if host.mounted() {
                        browser::open_tab("servicing.html");
                    } else {
                        browser::go_to("servicing.html");
                    }
                }
                Ok(_) => message.set(Some(i18n.t().agreement_not_kept.to_string())),
                Err(error) => message.set(Some(failure(&error, i18n.locale.get_untracked()))),
            }
        });
    };
    let save_negotiation = move |_| {
        let (json, stem) =
            draft.with_untracked(|d| (crate::export::json::to_string(d), file_stem(&d.account.reference)));
        if let Some(json) = json {
            browser::download(
                &format!("accord-negotiation-{stem}.json"),
                "application/json",
                &browser::pretty_json(&json),
            );
        }
    };
    let open_negotiation = move |ev: leptos::ev::Event| {
        spawn_local(async move {
            let Some(text) = chosen_text(&ev).await else { return };
            match text.and_then(|text| import_negotiation(&text)) {
                Ok(opened) => {
                    if browser::confirm(i18n.t().open_negotiation_confirm) {
                        draft.set(opened);
                        message.set(Some(i18n.t().negotiation_opened.to_string()));
                    }
                }
                Err(error) => message.set(Some(failure(&error, i18n.locale.get_untracked()))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="records-title" data-testid="records">
            <h2 id="records-title">{tr(|t| t.records_title)}</h2>
            <div class="actions">
                <button
                    type="button"
                    on:click=open_print
                    disabled=nothing_agreed
                    aria-describedby="agreed-hint"
                    data-testid="open-print"
                >
                    {tr(|t| t.print)}
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=download
                    disabled=nothing_agreed
                    data-testid="download-agreement"
                >
                    {tr(|t| t.download_agreement)}
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=copy
                    disabled=nothing_agreed
                    data-testid="copy-agreement"
                >
                    {tr(|t| t.copy_agreement)}
                </button>
            </div>
            <p class="hint" id="agreed-hint" hidden=move || !nothing_agreed()>
                {tr(|t| t.agreement_needs_agreed)}
            </p>
            <div class="actions">
                <label class="button secondary file-button" for="agreement-file">
                    {tr(|t| t.open_agreement)}
                </label>
                <input
                    id="agreement-file"
                    class="visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    on:change=open_agreement
                    data-testid="agreement-file"
                />
                <button type="button" class="secondary" on:click=save_negotiation data-testid="save-negotiation">
                    {tr(|t| t.save_negotiation)}
                </button>
                <label class="button secondary file-button" for="negotiation-file">
                    {tr(|t| t.open_negotiation)}
                </label>
                <input
                    id="negotiation-file"
                    class="visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    on:change=open_negotiation
                    data-testid="negotiation-file"
                />
            </div>
            <p class="status" role="status" data-testid="records-message">
                {move || message.get()}
            </p>
        </section>
    }
}

/// The message for a file that could not be opened.
fn failure(error: &ImportError, locale: crate::i18n::Locale) -> String {
    format!("{} {}", import_error_message(error, locale), locale.texts().import_failed_prefix)
}
