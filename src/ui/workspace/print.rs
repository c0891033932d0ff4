//! The agreed offer as a printable agreement.
//!
//! It carries the six items Article 70 of the Measures for the Supervision and Administration
//! of the Credit Card Business of Commercial Banks (CBRC Order 2011 No. 2) requires of a
//! personalized installment agreement: (1) the balance owed, its make-up and currency; (2) the
//! repayment period, method, currency, dates and amount of each payment; (3) whether an annual
//! fee, interest and other charges accrue during repayment; (4) the cardholder's undertaking
//! not to apply to any bank for a credit card until the agreement is paid; (5) both sides'
//! rights, obligations and liability for breach; (6) other matters of repayment. The same
//! layout serves settlements and extensions.
//!
//! Rendered only while the agent has the print view open (the full schedule is hundreds of
//! rows); print CSS then hides everything else.

use super::schedule::{rows_html, schedule_headers};
use super::use_workspace;
use crate::browser;
use crate::domain::claim::Bucket;
use crate::domain::negotiation::{Draft, LogEvent, OfferKind};
use crate::domain::plan::PlanOutcome;
use crate::i18n::{bucket_name, fill, format_amount, frequency_name, method_name, Locale};
use crate::ui::use_i18n;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The print view of the agreed offer, with its Print and Close buttons.
#[component]
pub fn AgreementPrint() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let draft = state.draft;
    let agreed_index = Memo::new(move |_| {
        draft.with(|d| d.agreed.as_ref().and_then(|name| d.offers.iter().position(|o| &o.name == name)))
    });
    let outcome = Memo::new(move |_| agreed_index.get().and_then(|i| state.shown[i].get()));
    let document = move || {
        let (index, outcome) = (agreed_index.get()?, outcome.get()?);
        let locale = i18n.locale.get();
        Some(draft.with(|d| agreement_document(d, index, &outcome, locale)))
    };
    view! {
        <Show when=move || state.printing.get()>
            <section class="card agreement-print" aria-labelledby="agreement-title" data-testid="agreement-print">
                <div class="actions">
                    <button type="button" on:click=move |_| browser::print() data-testid="print-now">{move || i18n.t().print_now}</button>
                    <button type="button" class="secondary" on:click=move |_| state.printing.set(false) data-testid="close-print">
                        {move || i18n.t().close}
                    </button>
                </div>
                {document}
            </section>
        </Show>
    }
}

/// The agreement for offer `index` of `draft`, computed as `outcome`.
fn agreement_document(draft: &Draft, index: usize, outcome: &Arc<PlanOutcome>, locale: Locale) -> impl IntoView {
    let t = locale.texts();
    let o = outcome.as_ref();
    let money = |d: Decimal| format_amount(&d.to_string(), o.currency, locale);
    let offer = &draft.offers[index];
    let title =
        if offer.kind == OfferKind::Installments { t.agreement_title_installments } else { t.agreement_title_other };
    let buckets = Bucket::ALL
        .iter()
        .map(|b| {
            let cells = [o.claim.get(*b), o.waived.get(*b), o.waived_conditional.get(*b), o.due.get(*b)].map(money);
            view! {
                <tr>
                    <th scope="row">{bucket_name(*b, locale)}</th>
                    {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let totals = [o.claim.total(), o.waived.total(), o.waived_conditional.total(), o.due.total()].map(money);
    let upfront = o.upfront.partial_payment + o.upfront.down_payment;
    let upfront_line = (!upfront.is_zero()).then(|| {
        fill(
            t.upfront_line,
            &[
                ("date", &o.upfront.date.to_string()),
                ("amount", &money(upfront)),
                ("partial", &money(o.upfront.partial_payment)),
                ("down", &money(o.upfront.down_payment)),
            ],
        )
    });
    let terms = match (offer.kind, o.frequency) {
        (OfferKind::Installments, Some(frequency)) => format!(
            "{} · {} · {} · {} {}",
            frequency_name(frequency, locale),
            method_name(offer.method, locale),
            o.currency.code(),
            t.count_figure_label,
            o.schedule.len()
        ),
        _ => o
            .schedule
            .first()
            .map(|r| fill(t.settlement_line, &[("amount", &money(r.payment)), ("date", &r.date.to_string())]))
            .unwrap_or_default(),
    };
    let rate = o.annualized_rate.as_ref().map_or_else(|| "0.00".to_string(), |r| r.nominal_percent.to_string());
    let charges = fill(
        t.charges_text,
        &[("interest", &money(o.totals.interest)), ("fees", &money(o.totals.fees)), ("rate", &rate)],
    );
    let obligations = fill(t.obligations_text, &[("conditional", &money(o.waived_conditional.total()))]);
    let agreed_at = draft
        .log
        .iter()
        .rev()
        .find(|e| e.offer == offer.name && e.event == LogEvent::Agreed)
        .map(|e| e.at.clone())
        .unwrap_or_default();
    let claim = &draft.account.claim;
    let other = [
        (t.reference_label, draft.account.reference.clone()),
        (t.as_of_label, claim.as_of.clone()),
        (t.days_past_due_label, draft.account.days_past_due.clone()),
        (t.agreed_at_label, agreed_at),
    ];
    let rounding = fill(t.rounding_text, &[("currency", o.currency.code())]);
    let rows = rows_html(&o.schedule, o.currency, locale);
    view! {
        <h2 id="agreement-title" tabindex="-1">{title} " · " {t.offer_label} " " {offer.name.clone()}</h2>
        <p class="hint">{t.agreement_basis}</p>
        <h3>{t.art70_balance}</h3>
        <table class="agreement-table" data-testid="agreement-balance">
            <thead>
                <tr>
                    <td></td>
                    {[t.col_owed, t.col_waived, t.col_conditional, t.col_due].map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {buckets}
                <tr class="total">
                    <th scope="row">{t.total_row}</th>
                    {totals.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                </tr>
            </tbody>
        </table>
        <h3>{t.art70_repayment}</h3>
        <p data-testid="agreement-terms">{terms}</p>
        <p hidden=upfront_line.is_none()>{upfront_line.clone()}</p>
        <table class="schedule-table agreement-schedule" data-testid="agreement-schedule">
            <thead>
                <tr>{schedule_headers(t).map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
            </thead>
            <tbody inner_html=rows></tbody>
        </table>
        <h3>{t.art70_charges}</h3>
        <p data-testid="agreement-charges">{charges}</p>
        <h3>{t.art70_undertaking}</h3>
        <p>{t.undertaking_text}</p>
        <h3>{t.art70_obligations}</h3>
        <p data-testid="agreement-obligations">{obligations}</p>
        <h3>{t.art70_other}</h3>
        <dl class="agreement-other" data-testid="agreement-other">
            {other.into_iter().map(|(label, value)| view! { <dt>{label}</dt> <dd>{value}</dd> }).collect_view()}
        </dl>
        <p>{rounding}</p>
        <div class="signatures">
            <p>{t.signature_cardholder}</p>
            <p>{t.signature_issuer}</p>
        </div>
    }
}
