//! The record-system side of the workspace: print, download and copy the agreed plan's
//! agreement JSON, open an agreement read-only (verified, or every figure that differs), and
//! save or open a whole negotiation. Everything the files hold is checked by
//! [`crate::export::agreement`]; a bad file gets a message and changes nothing.

use super::{file_stem, use_workspace};
use crate::browser;
use crate::export::agreement::{
    agreement_compact_json, agreement_for_draft, import_agreement, import_negotiation, verify_with_keys, AgreementFile,
    ImportError, Verification, MAX_AGREEMENT_BYTES,
};
use crate::i18n::import_error_message;
use crate::ui::follow_up::{AGREEMENT_KEY, PAYMENTS_KEY};
use crate::ui::print::opened_agreement_html;
use crate::ui::{tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// An agreement opened from a file, with its verification.
pub struct OpenedAgreement {
    pub agreement: AgreementFile,
    pub verification: Verification,
}

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
    let open_agreement = move |ev: leptos::ev::Event| {
        spawn_local(async move {
            let Some(text) = chosen_text(&ev).await else { return };
            match text.and_then(|text| import_agreement(&text).map(|opened| (opened, text))) {
                Ok(((agreement, raw), text)) => {
                    let verification = verify_with_keys(&agreement, &raw, state.keys.get_untracked().as_deref());
                    message.set(None);
                    // For Record payments: the follow-up page takes it from the tab's storage.
                    browser::save(browser::Keep::Tab, AGREEMENT_KEY, &text);
                    state.opened.set(Some(Arc::new(OpenedAgreement { agreement, verification })));
                    request_animation_frame(|| browser::focus("opened-title"));
                }
                Err(error) => message.set(Some(failure(&error, i18n.locale.get_untracked()))),
            }
        });
    };
    let save_negotiation = move |_| {
        let (json, stem) = draft.with_untracked(|d| (serde_json::to_string(d), file_stem(&d.account.reference)));
        if let Ok(json) = json {
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

/// An opened agreement, read-only: whether it verifies, what differs, and the plan its terms
/// give (figures and schedule, recomputed).
#[component]
pub fn OpenedAgreementView() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let content = move || {
        let locale = i18n.locale.get();
        let time = |utc: &str| browser::local_time(utc, locale, browser::TimeShown::DateTimeZone);
        state.opened.with(|o| o.as_ref().map(|o| opened_agreement_html(&o.agreement, &o.verification, locale, &time)))
    };
    // The follow-up page (its own bundle) opens the agreement left in the tab's storage when
    // it was opened here, without the payments typed for another one.
    let record_payments = move |_| browser::remove(browser::Keep::Tab, PAYMENTS_KEY);
    view! {
        <Show when=move || state.opened.with(Option::is_some)>
            <section class="card opened-agreement" aria-labelledby="opened-title" data-testid="opened-agreement">
                <div class="card-head">
                    <h2 id="opened-title" tabindex="-1">
                        {tr(|t| t.imported_title)}
                    </h2>
                    <a class="button" href="servicing.html" on:click=record_payments data-testid="record-payments">
                        {tr(|t| t.record_payments)}
                    </a>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| state.opened.set(None)
                        data-testid="close-opened"
                    >
                        {tr(|t| t.close)}
                    </button>
                </div>
                <div inner_html=move || content().unwrap_or_default()></div>
            </section>
        </Show>
    }
}
