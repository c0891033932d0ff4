//! The account panel: claim buckets, currency, rates and dates, a reference; no names or
//! phone numbers.

use super::use_workspace;
use crate::browser;
use crate::domain::money::Currency;
use crate::domain::negotiation::Draft;
use crate::i18n::format_amount;
use crate::ui::field::DraftField;
use crate::ui::use_i18n;
use leptos::prelude::*;

/// Shows the account's figures and the total owed.
#[component]
pub fn AccountPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let draft = state.draft;
    // Account errors are the same for every offer: read them from the first.
    let error = move |field: &'static str| state.field_error(0, field);
    let account = state.draft.account;
    let currency = Memo::new(move |_| account.with(|a| a.claim.currency.parse::<Currency>().unwrap_or_default()));
    let total = move || {
        state.shown[0]
            .with(|o| o.as_ref().map(|o| format_amount(&o.claim_total.to_string(), o.currency, i18n.locale.get())))
    };
    let on_currency = move |ev| draft.update(|d| d.account.claim.currency = event_target_value(&ev));
    let new_account = move |_| {
        if browser::confirm(i18n.t().new_account_confirm) {
            draft.set(super::new_draft());
        }
    };
    view! {
        <section class="card account" aria-labelledby="account-title" data-testid="account">
            <div class="card-head">
                <h2 id="account-title">{move || i18n.t().account_title}</h2>
                <button type="button" class="secondary" on:click=new_account data-testid="new-account">
                    {move || i18n.t().new_account}
                </button>
            </div>
            <div class="fields">
                <div class="field">
                    <label for="account-currency">{move || i18n.t().currency_label}</label>
                    <select id="account-currency" on:change=on_currency>
                        {Currency::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.code() selected=move || currency.get() == c>{c.code()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <DraftField id="account-principal" label=|t| t.principal_label get=move || account.with(|a| a.claim.principal.clone()) set=|d: &mut Draft, v: String| d.account.claim.principal = v error=error("claim.principal") />
                <DraftField id="account-interest" label=|t| t.interest_label get=move || account.with(|a| a.claim.interest.clone()) set=|d: &mut Draft, v: String| d.account.claim.interest = v error=error("claim.interest") />
                <DraftField id="account-penalty" label=|t| t.penalty_label get=move || account.with(|a| a.claim.penalty.clone()) set=|d: &mut Draft, v: String| d.account.claim.penalty = v error=error("claim.penalty") />
                <DraftField id="account-fees" label=|t| t.fees_label get=move || account.with(|a| a.claim.fees.clone()) set=|d: &mut Draft, v: String| d.account.claim.fees = v error=error("claim.fees") />
                <DraftField id="account-contract-rate" label=|t| t.contract_rate_label get=move || account.with(|a| a.claim.contract_rate_percent.clone()) set=|d: &mut Draft, v: String| d.account.claim.contract_rate_percent = v error=error("claim.contractRatePercent") />
                <DraftField id="account-as-of" label=|t| t.as_of_label get=move || account.with(|a| a.claim.as_of.clone()) set=|d: &mut Draft, v: String| d.account.claim.as_of = v error=error("claim.asOf") inputmode="text" />
                <DraftField id="account-contract-date" label=|t| t.contract_date_label get=move || account.with(|a| a.claim.contract_date.clone().unwrap_or_default()) set=|d: &mut Draft, v: String| d.account.claim.contract_date = Some(v) error=error("claim.contractDate") inputmode="text" />
                <DraftField id="account-days-past-due" label=|t| t.days_past_due_label get=move || account.with(|a| a.days_past_due.clone()) set=|d: &mut Draft, v: String| d.account.days_past_due = v error=Signal::derive(|| None::<String>) inputmode="numeric" />
                <DraftField id="account-reference" label=|t| t.reference_label get=move || account.with(|a| a.reference.clone()) set=|d: &mut Draft, v: String| d.account.reference = v error=Signal::derive(|| None::<String>) inputmode="text" />
                <DraftField id="account-agent-id" label=|t| t.agent_id_label get=move || account.with(|a| a.agent_id.clone()) set=|d: &mut Draft, v: String| d.account.agent_id = v error=Signal::derive(|| None::<String>) inputmode="text" />
                <DraftField id="account-discount-rate" label=|t| t.discount_rate_label get=move || draft.discount_rate.get() set=|d: &mut Draft, v: String| d.discount_rate_percent = v error=error("discountRatePercent") />
            </div>
            <p class="claim-total">
                {move || i18n.t().claim_total_label} ": "
                <strong data-testid="claim-total">{total}</strong>
            </p>
        </section>
    }
}
