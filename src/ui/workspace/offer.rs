//! One offer card: its terms, its figures, its policy findings and the agent's actions.

use super::use_workspace;
use crate::browser;
use crate::domain::claim::Bucket;
use crate::domain::money::Amount;
use crate::domain::negotiation::{LogEvent, OfferDraft, WaiverUnit, MAX_OFFERS};
use crate::domain::plan::{
    fit_count_to_budget, fit_waiver_to_budget, AnnualizedRate, PlanInput, PlanOutcome, MAX_EFFECTIVE_PERCENT,
};
use crate::domain::policy::{Finding, Outcome};
use crate::export::agreement::{agreement_compact_json, agreement_for_draft};
use crate::export::approval::Gate;
use crate::export::delivery::Reply;
use crate::export::embed::AppMessage;
use crate::i18n::{
    approval_error_message, bucket_name, fill, finding_message, format_money, format_percent, group_digits,
    outcome_label, reinstated_items, Locale,
};
use crate::ui::embed::use_host;
use crate::ui::field::{CheckField, SelectField, TextField};
use crate::ui::forms::{is_more_field, Control, Placed, TextPick, OFFER_CONTROLS, OFFER_KIND, WAIVER_BUCKETS};
use crate::ui::{tr, use_i18n};
use leptos::prelude::*;
use rust_decimal::Decimal;

/// The card of offer `index`.
#[component]
pub fn OfferCard(
    /// Position of the offer in the draft.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let name =
        Memo::new(move |_| state.draft.offers[index].with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default()));
    let id = move |field: &str| format!("offer-{index}-{field}");
    let stale =
        move || matches!(state.evaluations[index].get(), Some(Err(_))) && state.shown[index].with(Option::is_some);
    let is_best = move || state.marks.get().0 == Some(index);
    let is_affordable = move || state.marks.get().1 == Some(index);
    let is_agreed = Memo::new(move |_| {
        let name = name.get();
        state.layout.with(|l| l.agreed.as_deref() == Some(name.as_str()))
    });
    let is_selected = Memo::new(move |_| state.layout.with(|l| l.selected == index));
    let host = use_host();
    // An embedded workspace is compact: only the selected offer's editor is open, the others
    // show their figures and findings (the comparison table holds them all side by side).
    let compact = host.connected();
    let folded = move || compact && !is_selected.get();
    // Why Agree is off (or which approval opened it), beside the card whether its editor is
    // open or not.
    let gate = state.gates[index];
    let has_reference = Memo::new(move |_| state.draft.account.with(|a| !a.reference.trim().is_empty()));
    // Where the agreement sent to records is (README "The debtor's Confirm": the same
    // delivery and outbox).
    let sent_text = move || {
        let locale = i18n.locale.get();
        let t = locale.texts();
        let shown = |utc: &str| browser::local_time(utc, locale, browser::TimeShown::DateTime);
        Some(match state.sent.get()? {
            None => t.sent_sending.to_string(),
            Some(Reply::Retry) => t.sent_queued.to_string(),
            Some(Reply::Received { receipt_id, received_at }) => {
                fill(t.sent_received, &[("receipt", &receipt_id), ("at", &shown(&received_at))])
            }
            Some(Reply::AlreadyAccepted { accepted_at }) => {
                fill(t.ss_already_accepted, &[("at", &shown(&accepted_at))])
            }
            Some(Reply::Refused { message }) => fill(t.sent_refused, &[("reason", &message)]),
        })
    };
    let gate_text = move || {
        let locale = i18n.locale.get();
        let t = locale.texts();
        let currency = state.shown[index].with(|o| o.as_ref().map(|o| o.currency)).unwrap_or_default();
        gate.with(|g| match g.as_ref() {
            None => Some(t.agree_needs_plan.to_string()),
            Some(Gate::Open(_)) if !has_reference.get() => Some(t.agree_needs_reference.to_string()),
            Some(g) => match g {
                Gate::Blocked(f) => {
                    let reason = finding_message(f, currency, state.product(), locale);
                    Some(fill(t.agree_blocked, &[("reason", &reason)]))
                }
                Gate::NeedsApproval(_) => Some(t.approval_needed.to_string()),
                Gate::Open(Some(a)) => {
                    let s = &a.statement;
                    let at = browser::local_time(&s.approved_at, locale, browser::TimeShown::DateTime);
                    Some(fill(t.approval_valid, &[("approver", &s.approver), ("at", &at), ("reason", &s.reason)]))
                }
                Gate::Open(None) => None,
            },
        })
    };
    view! {
        <article
            class="card offer"
            class:selected=is_selected
            class:agreed=is_agreed
            aria-labelledby=id("title")
            data-testid=move || format!("offer-{}", name.get())
        >
            <div class="card-head">
                <h3 id=id("title")>{tr(|t| t.offer_label)} " " {name}</h3>
                <div class="badges">
                    <span class="badge best" hidden=move || !is_best() data-testid="best-for-creditor">
                        {tr(|t| t.best_for_creditor)}
                    </span>
                    <span class="badge affordable" hidden=move || !is_affordable() data-testid="most-affordable">
                        {tr(|t| t.most_affordable)}
                    </span>
                    <span class="badge agreed" hidden=move || !is_agreed.get() data-testid="agreed">
                        {tr(|t| t.agreed_badge)}
                    </span>
                </div>
            </div>
            // The figures first: they stay in view beside the account while the agent types.
            <div class="results" class:stale=stale>
                <p class="stale-note" hidden=move || !stale()>
                    {tr(|t| t.stale_note)}
                </p>
                <Show when=move || state.shown[index].with(Option::is_some)>
                    <OfferFigures index=index />
                </Show>
            </div>
            // Folded: hidden, not removed, so a keystroke's figures never rebuild an editor.
            <div class="editor" hidden=folded>
                <OfferEditor index=index />
            </div>
            <button
                type="button"
                class="secondary"
                hidden=move || !folded()
                on:click=move |_| state.draft.update(|d| d.selected = index)
                data-testid="edit-offer"
            >
                {move || fill(i18n.t().edit_offer, &[("name", &name.get())])}
            </button>
            <div class="actions agreed-actions" hidden=move || !is_agreed.get() data-testid="agreed-actions">
                <button type="button" on:click=move |_| state.open_print() data-testid="agreed-print">
                    {tr(|t| t.print)}
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| state.download_agreement(host.agent_channel())
                    data-testid="agreed-download"
                >
                    {tr(|t| t.download_agreement)}
                </button>
                <button
                    type="button"
                    class="secondary"
                    hidden=move || state.intake.with(Option::is_none)
                    disabled=move || matches!(state.sent.get(), Some(None | Some(Reply::Received { .. })))
                    on:click=move |_| state.send_agreement(host.agent_channel())
                    data-testid="agreed-send"
                >
                    {tr(|t| t.send_records)}
                </button>
            </div>
            <p class="status" role="status" data-testid="agreed-sent" hidden=move || !is_agreed.get()>
                {move || sent_text()}
            </p>
            <p
                class="agree-reason"
                id=id("agree-reason")
                data-testid="agree-reason"
                hidden=move || gate_text().is_none()
            >
                {gate_text}
            </p>
        </article>
    }
}

/// The editor of offer `index`: its plan kind, its terms (waivers and seldom-changed terms
/// folded), an approval when one is needed, and the agent's actions.
#[component]
fn OfferEditor(
    /// Position of the offer in the draft.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let draft = state.draft;
    let name =
        Memo::new(move |_| state.draft.offers[index].with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default()));
    let kind = state.offer_value(index, |o| o.kind);
    let id = move |field: &str| format!("offer-{index}-{field}");
    let is_selected = Memo::new(move |_| state.layout.with(|l| l.selected == index));
    let offer_count = Memo::new(move |_| state.layout.with(|l| l.offer_count));
    // Comparisons stay out of `view!`: an unbraced `>` there ends the attribute.
    let at_most_offers = move || offer_count.get() >= MAX_OFFERS;
    let last_offer = move || offer_count.get() <= 1;
    let fit_message = RwSignal::new(None::<String>);
    let host = use_host();
    let more_open = RwSignal::new(false);
    let more_error =
        Memo::new(move |_| state.errors[index].with(|errors| errors.iter().any(|e| is_more_field(e.field))));
    let more_set = state.offer_value(index, OfferDraft::more_terms_set);

    // Agree binds: off while a finding blocks, or needs an approval the code does not give;
    // an agreement names its account: no reference, no agreement.
    let gate = state.gates[index];
    let has_reference = Memo::new(move |_| state.draft.account.with(|a| !a.reference.trim().is_empty()));
    let agreeable = move || has_reference.get() && gate.with(|g| g.as_ref().is_some_and(Gate::is_open));
    let asks_approval = move || gate.with(|g| matches!(g, Some(Gate::NeedsApproval(_) | Gate::Open(Some(_)))));
    let approval_error = Signal::derive(move || {
        gate.with(|g| match g {
            Some(Gate::NeedsApproval(Some(e))) => Some(approval_error_message(e, state.product(), i18n.locale.get())),
            _ => None,
        })
    });
    let approval_value = Signal::derive(move || {
        state.draft.offers[index].with(|o| o.as_ref().map(|o| o.approval.clone()).unwrap_or_default())
    });
    let set_approval = Callback::new(move |code: String| state.edit_offer(index, |o| o.approval = code));
    // The supervisor approves this request (`accord approve`): the terms exactly as they are.
    let download_request = move |_| {
        let json = state.requests[index].with_untracked(|r| r.as_ref().and_then(crate::export::json::to_string));
        if let Some(json) = json {
            let file = format!("accord-approval-request-{}.json", name.get_untracked());
            browser::download(&file, "application/json", &browser::pretty_json(&json));
        }
    };

    let record = move |event: LogEvent| {
        if event == LogEvent::Agreed && !agreeable() {
            return;
        }
        let policy = state.policy.get_untracked();
        let at = browser::now_rfc3339();
        let approved = gate.with_untracked(|g| matches!(g, Some(Gate::Open(Some(_)))));
        draft.update(|d| {
            let code = d.offers.get(index).map(|o| o.approval.trim().to_string());
            d.record(index, event, &at, &policy);
            if event == LogEvent::Agreed {
                d.agreement_id = Some(browser::random_uuid());
                d.agreed_approval = code.filter(|_| approved);
                // The agreed offer is the one the schedule, the CSV and the print view show.
                d.selected = index;
            }
        });
        // An embedding host receives the agreement as the record system would.
        if event == LogEvent::Agreed {
            let agreement = draft.with_untracked(|d| agreement_for_draft(d, host.agent_channel()));
            if let Some(Ok(agreement)) = agreement {
                host.send(&AppMessage::Agreed { agreement_json: agreement_compact_json(&agreement) });
                // Sent to the host's record system: the agreement has left the workspace.
                if host.connected() {
                    state.exported.set(true);
                }
            }
        }
    };
    // The offer's input for a fit, or the message to show: `failed` when it does not parse.
    let fit_input = move |failed: &'static str| -> Result<PlanInput, &'static str> {
        let policy = state.policy.get_untracked();
        draft.with_untracked(|d| {
            if !d.budget.is_given() {
                return Err(i18n.t().fit_needs_budget);
            }
            d.request(index, &policy).and_then(|r| r.parse().ok()).ok_or(failed)
        })
    };
    let fit = move |_| {
        let failed = i18n.t().fit_failed;
        match fit_input(failed).and_then(|input| fit_count_to_budget(&input).map_err(|_| failed)) {
            Ok(count) => {
                fit_message.set(None);
                draft.update(|d| {
                    if let Some(o) = d.offers.get_mut(index) {
                        o.use_target = false;
                        o.count = count.to_string();
                    }
                });
            }
            Err(message) => fit_message.set(Some(message.into())),
        }
    };
    let fit_waiver = move |_| {
        let failed = i18n.t().fit_waiver_failed;
        match fit_input(failed).and_then(|input| fit_waiver_to_budget(&input).map_err(|_| failed)) {
            Ok(waived) => {
                fit_message.set(None);
                draft.update(|d| {
                    let Some(o) = d.offers.get_mut(index) else { return };
                    for (slot, bucket) in Bucket::ALL.iter().enumerate() {
                        let amount = waived.get(*bucket);
                        if !amount.is_zero() {
                            o.waivers[slot].value = amount.to_string();
                            o.waivers[slot].unit = WaiverUnit::Amount;
                        }
                    }
                });
            }
            Err(message) => fit_message.set(Some(message.into())),
        }
    };

    view! {
            {
                let (selected, set) = state.offer_select(index, &OFFER_KIND);
                view! {
                    <SelectField
                        id=id(OFFER_KIND.key)
                        label=OFFER_KIND.label
                        options=OFFER_KIND.options
                        selected=selected
                        set=set
                    />
                }
            }
            <div class="fields compact">
                {OFFER_CONTROLS
                    .iter()
                    .filter(|p| p.kind.is_none() && !p.more)
                    .map(|p| control(index, p))
                    .collect_view()}
                // The plan's own fields, made again when the kind changes.
                {move || controls_of(index, kind.get(), false)}
            </div>
            // Waivers and seldom-changed terms: folded, saying how many are set; open
            // while one of them has a message.
            <details
                class="more-terms"
                prop:open=move || more_open.get() || more_error.get()
                on:toggle=move |ev| more_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
                data-testid="more-terms"
            >
                <summary>
                    {tr(|t| t.more_terms)}
                    <span class="more-set" hidden=move || more_set.get() == 0>
                        " · "
                        {move || fill(i18n.t().more_terms_set, &[("count", &more_set.get().to_string())])}
                    </span>
                </summary>
                <div class="fields compact">{move || controls_of(index, kind.get(), true)}</div>
                <WaiverFields index=index />
            </details>
            <Show when=asks_approval>
                <TextField
                    id=id("approval")
                    label=Signal::derive(move || i18n.t().approval_label.to_string())
                    value=approval_value
                    set=set_approval
                    error=approval_error
                    inputmode="text"
                />
                <button type="button" class="secondary" on:click=download_request data-testid="approval-request">
                    {tr(|t| t.approval_request)}
                </button>
            </Show>
            <p class="field-error" hidden=move || fit_message.with(Option::is_none) data-testid="fit-message">
                {move || fit_message.get()}
            </p>
            <div class="actions">
                <button
                    type="button"
                    on:click=move |_| draft.update(|d| d.selected = index)
                    aria-pressed=move || is_selected.get().to_string()
                >
                    {tr(|t| t.show_schedule)}
                </button>
                <button
                    type="button"
                    on:click=move |_| record(LogEvent::Agreed)
                    disabled=move || !agreeable()
                    aria-describedby=id("agree-reason")
                    data-testid="agree"
                >
                    {tr(|t| t.agree)}
                </button>
                <button type="button" class="secondary" on:click=fit data-testid="fit">
                    {tr(|t| t.fit_payment)}
                </button>
                <button type="button" class="secondary" on:click=fit_waiver data-testid="fit-waiver">
                    {tr(|t| t.fit_waiver)}
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| record(LogEvent::Shown)
                    data-testid="mark-shown"
                >
                    {tr(|t| t.mark_shown)}
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| record(LogEvent::Proposed)
                    data-testid="propose"
                >
                    {tr(|t| t.propose)}
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| record(LogEvent::Rejected)
                    data-testid="reject"
                >
                    {tr(|t| t.reject)}
                </button>
                <button
                    type="button"
                    class="secondary"
                    disabled=at_most_offers
                    on:click=move |_| {
                        draft
                            .update(|d| {
                                if let Some(copy) = d.duplicate(index) {
                                    d.selected = copy;
                                }
                            })
                    }
                    data-testid="duplicate"
                >
                    {tr(|t| t.duplicate)}
                </button>
                <button
                    type="button"
                    class="secondary danger"
                    disabled=last_offer
                    on:click=move |_| draft.update(|d| d.remove(index))
                    data-testid="remove"
                >
                    {tr(|t| t.remove)}
                </button>
            </div>
    }
}

/// The controls of offer `index` that belong to plans of `kind`, behind the "more terms"
/// disclosure (`more`) or in sight.
fn controls_of(index: usize, kind: crate::domain::negotiation::OfferKind, more: bool) -> impl IntoView {
    OFFER_CONTROLS.iter().filter(|p| p.kind == Some(kind) && p.more == more).map(|p| control(index, p)).collect_view()
}

/// One control of offer `index`'s terms, shown while its condition holds.
fn control(index: usize, placed: &'static Placed<OfferDraft>) -> AnyView {
    let state = use_workspace();
    let build = move || -> AnyView {
        let id = |key: &str| format!("offer-{index}-{key}");
        match &placed.control {
            Control::Text(spec) => {
                let (value, set) = state.offer_text(index, spec);
                let error = state.message(index, spec.field, spec.also);
                let inputmode = spec.kind.inputmode();
                let label = state.label(spec.label);
                view! { <TextField id=id(spec.key) label value set error inputmode /> }.into_any()
            }
            Control::Select(spec) => {
                let (selected, set) = state.offer_select(index, spec);
                let error = state.message(index, spec.field, &[]);
                let (label, options) = (spec.label, spec.options);
                view! { <SelectField id=id(spec.key) label options selected set error /> }.into_any()
            }
            Control::Check(spec) => {
                let (checked, set) = state.offer_check(index, spec);
                view! { <CheckField id=id(spec.key) label=spec.label checked=checked set=set /> }.into_any()
            }
            Control::Errors { key, fields } => {
                let error = state.message(index, None, fields);
                view! {
                    <p class="field-error" data-testid=id(key)>
                        {move || error.get()}
                    </p>
                }
                .into_any()
            }
        }
    };
    match placed.when {
        None => build(),
        Some(when) => {
            let shown = state.offer_value(index, when);
            view! { <Show when=move || shown.get()>{build()}</Show> }.into_any()
        }
    }
}

/// Waivers per bucket: value, unit, conditional.
#[component]
fn WaiverFields(
    /// Position of the offer.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    view! {
        <fieldset class="waivers">
            <legend>{tr(|t| t.waivers_label)}</legend>
            {WAIVER_BUCKETS
                .into_iter()
                .enumerate()
                .map(|(slot, bucket)| {
                    let id = format!("offer-{index}-waiver-{}", bucket.key());
                    let offer = state.draft.offers[index];
                    let value = Memo::new(move |_| {
                        offer.with(|o| o.as_ref().map(|o| o.waivers[slot].value.clone()).unwrap_or_default())
                    });
                    let set_value = Callback::new(move |text| {
                        state.edit_offer(index, |o| o.waivers[slot].value = text)
                    });
                    let unit = Memo::new(move |_| {
                        offer
                            .with(|o| usize::from(
                                o.as_ref().is_some_and(|o| o.waivers[slot].unit == WaiverUnit::Amount),
                            ))
                    });
                    let set_unit = Callback::new(move |choice: usize| {
                        let unit = if choice == 1 { WaiverUnit::Amount } else { WaiverUnit::Percent };
                        state.edit_offer(index, |o| o.waivers[slot].unit = unit);
                    });
                    let conditional = Memo::new(move |_| {
                        offer.with(|o| o.as_ref().is_some_and(|o| o.waivers[slot].conditional))
                    });
                    let set_conditional = Callback::new(move |on| {
                        state.edit_offer(index, |o| o.waivers[slot].conditional = on)
                    });
                    let label =
                        Signal::derive(move || bucket_name(bucket, state.product(), i18n.locale.get()).to_string());
                    view! {
                        <div class="waiver-row">
                            <TextField
                                id=id.clone()
                                label=label
                                value=value
                                set=set_value
                                error=state.waiver_message(index, bucket)
                            />
                            <div class="narrow">
                                <SelectField
                                    id=format!("{id}-unit")
                                    label=|t| t.waiver_unit_label
                                    options=&[|t| t.waiver_unit_percent, |t| t.waiver_unit_amount]
                                    selected=unit
                                    set=set_unit
                                />
                            </div>
                            <CheckField
                                id=format!("{id}-conditional")
                                label=|t| t.waiver_conditional
                                checked=conditional
                                set=set_conditional
                            />
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// An amount of the offer's currency, formatted for `locale`.
fn money(outcome: &PlanOutcome, amount: Amount, locale: Locale) -> String {
    format_money(amount, outcome.currency, locale)
}

/// An annualized rate as shown, or a dash when the plan has none; an effective rate too large
/// to mean anything shows as over the largest one reported.
fn rate(outcome: &PlanOutcome, pick: fn(&AnnualizedRate) -> Option<Decimal>) -> String {
    match outcome.annualized_rate.as_ref() {
        None => "—".to_string(),
        Some(r) => pick(r).map_or_else(
            || format!("> {}", format_percent(&MAX_EFFECTIVE_PERCENT.to_string())),
            |value| format_percent(&value.to_string()),
        ),
    }
}

/// The figures of a computed offer that the comparison table does not show beside the
/// others' (payment, count and total paid, to read while typing; the effective rate; what a
/// breach reinstates), and its findings. Each figure is a text node bound to the offer's last
/// valid outcome, so a keystroke changes text, not DOM structure; the findings re-render only
/// when they change.
#[component]
fn OfferFigures(
    /// Position of the offer.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let shown = state.shown[index];
    // The language, through a memo of this card's own: the figures re-run on every
    // keystroke, and each re-run re-subscribes to what it reads, which costs in proportion
    // to that signal's subscribers (the app-wide language has hundreds).
    let locale = Memo::new(move |_| i18n.locale.get());
    let text = move |f: fn(&PlanOutcome, Locale) -> String| {
        move || shown.with(|o| o.as_deref().map(|o| f(o, locale.get())).unwrap_or_default())
    };
    // The findings as shown — problems (class, outcome, reason) first, then the checks
    // passed — in rows that stay in place while their text follows the figures.
    let findings = Memo::new(move |_| {
        let locale = locale.get();
        let product = state.product();
        shown.with(|o| {
            let Some(o) = o else { return (Vec::new(), Vec::new()) };
            let mut list: Vec<&Finding> = o.findings.iter().collect();
            list.sort_by_key(|f| std::cmp::Reverse(f.outcome));
            let (passed, problems): (Vec<&Finding>, Vec<&Finding>) =
                list.into_iter().partition(|f| f.outcome == Outcome::Pass);
            let problems = problems
                .into_iter()
                .map(|f| {
                    let class = match f.outcome {
                        Outcome::Pass | Outcome::Warn => "finding warn",
                        Outcome::NeedsApproval => "finding approval",
                        Outcome::Block => "finding block",
                    };
                    (class, outcome_label(f.outcome, locale), finding_message(f, o.currency, product, locale))
                })
                .collect::<Vec<_>>();
            let passed =
                passed.into_iter().map(|f| finding_message(f, o.currency, product, locale)).collect::<Vec<_>>();
            (problems, passed)
        })
    });
    let problem = move |i: usize, pick: fn(&(&'static str, &'static str, String)) -> String| {
        move || findings.with(|(problems, _)| problems.get(i).map(pick).unwrap_or_default())
    };
    let figure = move |label: TextPick, testid: &'static str, value: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <div class="figure">
                <dt>{move || label(i18n.t())}</dt>
                <dd data-testid=testid>{value}</dd>
            </div>
        }
    };
    view! {
        <dl class="figures">
            {figure(
                |t| t.payment_per_period_label,
                "figure-payment",
                Box::new(text(|o, l| money(o, o.schedule.first().map(|r| r.payment).unwrap_or_default(), l))),
            )}
            {figure(
                |t| t.count_figure_label,
                "figure-count",
                Box::new(text(|o, _| group_digits(&o.schedule.len().to_string()))),
            )}

             {figure(|t| t.total_paid_label, "figure-total-paid", Box::new(text(|o, l| money(o, o.totals.paid, l))))}




            {figure(
                |t| t.effective_rate_label,
                "figure-effective",
                Box::new(text(|o, _| rate(o, |r| r.effective_percent))),
            )}
            {figure(
                |t| t.reinstated_label,
                "figure-reinstated",
                Box::new(move || {
                    shown
                        .with(|o| {
                            o.as_deref()
                                .map(|o| {
                                    let items = reinstated_items(
                                        &o.reinstated_on_breach,
                                        o.currency,
                                        state.product(),
                                        locale.get(),
                                    );
                                    if items.is_empty() { "—".to_string() } else { items }
                                })
                        })
                        .unwrap_or_default()
                }),
            )}
        </dl>
        <ul class="findings" aria-label=tr(|t| t.findings_label) data-testid="findings">
            <For each=move || 0..findings.with(|(problems, _)| problems.len()) key=|i| *i let:i>
                <li class=problem(i, |p| p.0.to_string())>
                    <span class="outcome">{problem(i, |p| p.1.to_string())}</span>
                    " "
                    <span>{problem(i, |p| p.2.clone())}</span>
                </li>
            </For>
        </ul>
        <details class="passed-checks">
            <summary>
                {move || fill(
                    i18n.t().checks_passed,
                    &[("count", &findings.with(|(_, passed)| passed.len()).to_string())],
                )}
            </summary>
            <ul class="findings">
                <For each=move || 0..findings.with(|(_, passed)| passed.len()) key=|i| *i let:i>
                    <li class="finding pass">
                        {move || findings.with(|(_, passed)| passed.get(i).cloned().unwrap_or_default())}
                    </li>
                </For>
            </ul>
        </details>
    }
}
