//! The account panel: claim buckets, currency, rates and dates, a reference; no names or
//! phone numbers.

use super::use_workspace;
use crate::browser;
use crate::domain::money::Currency;
use crate::domain::negotiation::PolicyDraft;
use crate::i18n::{fill, format_money, profile_name};
use crate::ui::field::TextField;
use crate::ui::forms::{ACCOUNT_FIELDS, CURRENCY_FIELD, DISCOUNT_RATE_FIELD};
use crate::ui::{tr, use_i18n};
use leptos::prelude::*;

/// The shipped policy profiles, in the select's order.
const PROFILES: [&str; 3] = ["cn-bank-card", "cn-private-lending", "generic"];

/// Shows the account's figures and the total owed.
#[component]
pub fn AccountPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let draft = state.draft;
    // Account errors are the same for every offer: read them from the first.
    let currency_error = state.message(0, Some(CURRENCY_FIELD), &[]);
    let account = state.draft.account;
    let currency = Memo::new(move |_| account.with(|a| a.claim.currency_or_default()));
    let total =
        move || state.shown[0].with(|o| o.as_ref().map(|o| format_money(o.claim_total, o.currency, i18n.locale.get())));
    let on_currency = move |ev| draft.update(|d| d.account.claim.currency = event_target_value(&ev));
    let profile = Memo::new(move |_| draft.policy.with(|p| p.name.clone()));
    let on_profile = move |ev| {
        if let Some(policy) = state.profile(&event_target_value(&ev)) {
            draft.update(|d| d.policy = PolicyDraft::from(&policy));
        }
    };
    // After an agreement the account is done: a new one starts without asking.
    let new_account = move |_| {
        let agreed = state.layout.with_untracked(|l| l.agreed.is_some());
        if agreed || browser::confirm(i18n.t().new_account_confirm) {
            state.start_new_account();
        }
    };
    let clear = move |_| {
        crate::ui::keeping::forget_draft();
        state.start_new_account();
    };
    // A renegotiation names the agreement it replaces.
    let supersedes = move || {
        state.layout.with(|l| l.supersedes.as_ref().map(|s| fill(i18n.t().renegotiates, &[("id", &s.agreement_id)])))
    };
    // The shipped profiles and the deployment's own signed ones, each once.
    let names = move || {
        let mut names: Vec<String> = PROFILES.iter().map(|n| n.to_string()).collect();
        state
            .profiles
            .with(|p| names.extend(p.iter().map(|p| p.name.clone()).filter(|n| !PROFILES.contains(&n.as_str()))));
        names
    };
    view! {
        <section class="card account" aria-labelledby="account-title" data-testid="account">
            <div class="card-head">
                <h2 id="account-title">{tr(|t| t.account_title)}</h2>
                <p class="claim-total">
                    {tr(|t| t.claim_total_label)} ": " <strong data-testid="claim-total">{total}</strong>
                </p>
                <button type="button" class="secondary" on:click=new_account data-testid="new-account">
                    {tr(|t| t.new_account)}
                </button>
                <button type="button" class="secondary danger" on:click=clear data-testid="clear-account">
                    {tr(|t| t.clear_account)}
                </button>
            </div>
            <p class="hint" data-testid="supersedes" hidden=move || supersedes().is_none()>
                {supersedes}
            </p>
            <div class="fields">
                <div class="field">
                    <label for="account-currency">{tr(|t| t.currency_label)}</label>
                    <select id="account-currency" on:change=on_currency aria-describedby="account-currency-error">
                        {Currency::ALL
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <option value=c.code() selected=move || currency.get() == c>
                                        {c.code()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p
                        class="field-error"
                        id="account-currency-error"
                        hidden=move || currency_error.with(Option::is_none)
                    >
                        {move || currency_error.get()}
                    </p>
                </div>
                <div class="field wide">
                    <label for="account-profile">{tr(|t| t.policy_profile_label)}</label>
                    <select id="account-profile" on:change=on_profile data-testid="account-profile">
                        {move || {
                            names()
                                .into_iter()
                                .map(|name| {
                                    let shown = name.clone();
                                    view! {
                                        <option value=name.clone() selected=move || profile.with(|p| *p == name)>
                                            {move || profile_name(&shown, i18n.locale.get())}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                        // A creditor's own profile, loaded from a file.
                        <Show when=move || profile.with(|p| !names().contains(p))>
                            <option value="" selected=true>
                                {move || profile.get()}
                            </option>
                        </Show>
                    </select>
                </div>
                {ACCOUNT_FIELDS
                    .iter()
                    .map(|spec| {
                        let (value, set) = state.account_text(spec);
                        let error = state.message(0, spec.field, spec.also);
                        view! {
                            <TextField
                                id=spec.key
                                label=state.label(spec.label)
                                value=value
                                set=set
                                error=error
                                inputmode=spec.kind.inputmode()
                            />
                        }
                    })
                    .collect_view()}
                {
                    let spec = &DISCOUNT_RATE_FIELD;
                    let (value, set) = state.discount_text(spec);
                    let error = state.message(0, spec.field, spec.also);
                    view! {
                        <TextField
                            id=spec.key
                            label=state.label(spec.label)
                            value=value
                            set=set
                            error=error
                            inputmode=spec.kind.inputmode()
                        />
                    }
                }
            </div>
        </section>
    }
}
