//! One offer card: its terms, its figures, its policy findings and the agent's actions.

use super::use_workspace;
use crate::browser;
use crate::domain::calendar::{DayCount, Frequency};
use crate::domain::claim::Bucket;
use crate::domain::negotiation::{Draft, LogEvent, OfferDraft, OfferKind, WaiverUnit, MAX_OFFERS};
use crate::domain::plan::{
    fit_count_to_budget, fit_waiver_to_budget, AnnualizedRate, PlanInput, PlanOutcome, MAX_EFFECTIVE_PERCENT,
};
use crate::domain::policy::{Finding, Outcome};
use crate::domain::request::{ExtensionInterestRequest, ExtensionUnit, MethodRequest};
use crate::export::agreement::{agreement_compact_json, agreement_for_draft};
use crate::export::embed::AppMessage;
use crate::i18n::{
    bucket_name, field_message, fill, finding_message, format_amount, format_percent, group_digits, outcome_label,
    Locale, Texts,
};
use crate::ui::embed::use_host;
use crate::ui::field::{DraftCheck, DraftField, DraftSelect, TextPick};
use crate::ui::use_i18n;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// Reads a text field of offer `index`.
fn text(index: usize, field: fn(&OfferDraft) -> &String) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let offer = use_workspace().draft.offers[index];
    move || offer.with(|o| o.as_ref().map(|o| field(o).clone()).unwrap_or_default())
}

/// Writes a text field of offer `index`.
fn set_text(
    index: usize,
    field: fn(&mut OfferDraft) -> &mut String,
) -> impl Fn(&mut Draft, String) + Send + Sync + 'static {
    move |d, value| {
        if let Some(offer) = d.offers.get_mut(index) {
            *field(offer) = value;
        }
    }
}

/// Reads a choice of offer `index`.
fn choice<T: Copy + Default + 'static>(
    index: usize,
    field: fn(&OfferDraft) -> T,
) -> impl Fn() -> T + Copy + Send + Sync + 'static {
    let offer = use_workspace().draft.offers[index];
    move || offer.with(|o| o.as_ref().map(field).unwrap_or_default())
}

/// Writes a choice of offer `index`.
fn set_choice<T: 'static>(
    index: usize,
    field: fn(&mut OfferDraft, T),
) -> impl Fn(&mut Draft, T) + Send + Sync + 'static {
    move |d, value| {
        if let Some(offer) = d.offers.get_mut(index) {
            field(offer, value);
        }
    }
}

/// The card of offer `index`.
#[component]
pub fn OfferCard(
    /// Position of the offer in the draft.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let draft = state.draft;
    let name =
        Memo::new(move |_| state.draft.offers[index].with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default()));
    let kind = Memo::new({
        let kind = choice(index, |o| o.kind);
        move |_| kind()
    });
    let id = move |field: &str| format!("offer-{index}-{field}");
    let error = move |field: &'static str| state.field_error(index, field);
    let stale =
        move || matches!(state.evaluations[index].get(), Some(Err(_))) && state.shown[index].with(Option::is_some);
    let is_best = move || state.marks.get().0 == Some(index);
    let is_affordable = move || state.marks.get().1 == Some(index);
    let is_agreed = Memo::new(move |_| {
        let name = name.get();
        state.layout.with(|l| l.agreed.as_deref() == Some(name.as_str()))
    });
    let is_selected = Memo::new(move |_| state.layout.with(|l| l.selected == index));
    let offer_count = Memo::new(move |_| state.layout.with(|l| l.offer_count));
    // Comparisons stay out of `view!`: an unbraced `>` there ends the attribute.
    let at_most_offers = move || offer_count.get() >= MAX_OFFERS;
    let last_offer = move || offer_count.get() <= 1;
    let fit_message = RwSignal::new(None::<String>);
    let host = use_host();

    let record = move |event: LogEvent| {
        let policy = state.policy.get_untracked();
        let at = browser::now_rfc3339();
        draft.update(|d| {
            d.record(index, event, &at, &policy);
            if event == LogEvent::Agreed {
                d.agreement_id = Some(browser::random_uuid());
            }
        });
        // An embedding host receives the agreement as the record system would.
        if event == LogEvent::Agreed {
            let agreement = draft.with_untracked(|d| agreement_for_draft(d, host.agent_channel()));
            if let Some(Ok(agreement)) = agreement {
                host.send(&AppMessage::Agreed { agreement_json: agreement_compact_json(&agreement) });
            }
        }
    };
    // The offer's input for a fit, or the message to show: `failed` when it does not parse.
    let fit_input = move |failed: &'static str| -> Result<PlanInput, &'static str> {
        let policy = state.policy.get_untracked();
        draft.with_untracked(|d| {
            if d.budget.monthly_income.trim().is_empty() {
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
        <article
            class="card offer"
            class:selected=is_selected
            class:agreed=is_agreed
            aria-labelledby=id("title")
            data-testid=move || format!("offer-{}", name.get())
        >
            <div class="card-head">
                <h3 id=id("title")>{move || i18n.t().offer_label} " " {name}</h3>
                <div class="badges">
                    <span class="badge best" hidden=move || !is_best() data-testid="best-for-creditor">
                        {move || i18n.t().best_for_creditor}
                    </span>
                    <span class="badge affordable" hidden=move || !is_affordable() data-testid="most-affordable">
                        {move || i18n.t().most_affordable}
                    </span>
                    <span class="badge agreed" hidden=move || !is_agreed.get() data-testid="agreed">
                        {move || i18n.t().agreed_badge}
                    </span>
                </div>
            </div>
            // The figures first: they stay in view beside the account while the agent types.
            <div class="results" class:stale=stale>
                <p class="stale-note" hidden=move || !stale()>{move || i18n.t().stale_note}</p>
                <Show when=move || state.shown[index].with(Option::is_some)>
                    <OfferFigures index=index />
                </Show>
            </div>
            <DraftSelect
                id=id("kind")
                label=|t| t.kind_label
                options=vec![
                    (OfferKind::Settlement, (|t: &Texts| t.kind_settlement) as fn(&Texts) -> &'static str),
                    (OfferKind::Extension, |t: &Texts| t.kind_extension),
                    (OfferKind::Installments, |t: &Texts| t.kind_installments),
                ]
                get=choice(index, |o| o.kind)
                set=set_choice(index, |o, v| o.kind = v)
            />
            <div class="fields compact">
                <DraftField id=id("partial") label=|t| t.partial_payment_label get=text(index, |o| &o.partial_payment) set=set_text(index, |o| &mut o.partial_payment) error=error("partialPayment") />
                {move || match kind.get() {
                    OfferKind::Settlement => view! {
                        <DraftField id=id("pay-by") label=|t| t.pay_by_label get=text(index, |o| &o.pay_by) set=set_text(index, |o| &mut o.pay_by) error=Signal::derive(move || error("plan.payBy").get().or_else(|| error("plan").get())) inputmode="text" />
                    }.into_any(),
                    OfferKind::Extension => view! {
                        <ExtensionFields index=index error=error />
                    }.into_any(),
                    OfferKind::Installments => view! {
                        <InstallmentFields index=index error=error />
                    }.into_any(),
                }}
            </div>
            <WaiverFields index=index />
            <p class="field-error" hidden=move || fit_message.with(Option::is_none) data-testid="fit-message">{move || fit_message.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| draft.update(|d| d.selected = index) aria-pressed=move || is_selected.get().to_string()>
                    {move || i18n.t().show_schedule}
                </button>
                <button type="button" class="secondary" on:click=fit data-testid="fit">{move || i18n.t().fit_payment}</button>
                <button type="button" class="secondary" on:click=fit_waiver data-testid="fit-waiver">{move || i18n.t().fit_waiver}</button>
                <button type="button" class="secondary" on:click=move |_| record(LogEvent::Shown) data-testid="mark-shown">{move || i18n.t().mark_shown}</button>
                <button type="button" class="secondary" on:click=move |_| record(LogEvent::Proposed) data-testid="propose">{move || i18n.t().propose}</button>
                <button type="button" class="secondary" on:click=move |_| record(LogEvent::Rejected) data-testid="reject">{move || i18n.t().reject}</button>
                <button type="button" on:click=move |_| record(LogEvent::Agreed) data-testid="agree">{move || i18n.t().agree}</button>
                <button
                    type="button"
                    class="secondary"
                    disabled=at_most_offers
                    on:click=move |_| draft.update(|d| {
                        if let Some(copy) = d.duplicate(index) {
                            d.selected = copy;
                        }
                    })
                    data-testid="duplicate"
                >
                    {move || i18n.t().duplicate}
                </button>
                <button
                    type="button"
                    class="secondary danger"
                    disabled=last_offer
                    on:click=move |_| draft.update(|d| d.remove(index))
                    data-testid="remove"
                >
                    {move || i18n.t().remove}
                </button>
            </div>
        </article>
    }
}

/// The fields of an extension.
#[component]
fn ExtensionFields(
    /// Position of the offer.
    index: usize,
    /// The error of a field.
    error: impl Fn(&'static str) -> Signal<Option<String>> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = move |field: &str| format!("offer-{index}-{field}");
    let reduced = choice(index, |o| o.extension_interest == ExtensionInterestRequest::Reduced);
    view! {
        <DraftField id=id("length") label=|t| t.extension_length_label get=text(index, |o| &o.extension_length) set=set_text(index, |o| &mut o.extension_length) error=error("plan.length") inputmode="numeric" />
        <DraftSelect
            id=id("unit")
            label=|t| t.extension_unit_label
            options=vec![(ExtensionUnit::Days, (|t: &Texts| t.unit_days) as fn(&Texts) -> &'static str), (ExtensionUnit::Months, |t: &Texts| t.unit_months)]
            get=choice(index, |o| o.extension_unit)
            set=set_choice(index, |o, v| o.extension_unit = v)
        />
        <DraftField id=id("fee") label=|t| t.extension_fee_label get=text(index, |o| &o.extension_fee) set=set_text(index, |o| &mut o.extension_fee) error=error("plan.fee") />
        <DraftSelect
            id=id("interest")
            label=|t| t.extension_interest_label
            options=vec![
                (ExtensionInterestRequest::Contract, (|t: &Texts| t.interest_contract) as fn(&Texts) -> &'static str),
                (ExtensionInterestRequest::Reduced, |t: &Texts| t.interest_reduced),
                (ExtensionInterestRequest::Frozen, |t: &Texts| t.interest_frozen),
            ]
            get=choice(index, |o| o.extension_interest)
            set=set_choice(index, |o, v| o.extension_interest = v)
        />
        <Show when=reduced>
            <DraftField id=id("reduced-rate") label=|t| t.reduced_rate_label get=text(index, |o| &o.extension_reduced_rate) set=set_text(index, |o| &mut o.extension_reduced_rate) error=error("plan.reducedRatePercent") />
        </Show>
    }
}

/// The fields of an installment plan.
#[component]
fn InstallmentFields(
    /// Position of the offer.
    index: usize,
    /// The error of a field.
    error: impl Fn(&'static str) -> Signal<Option<String>> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = move |field: &str| format!("offer-{index}-{field}");
    let use_target = choice(index, |o| o.use_target);
    let step_up = choice(index, |o| o.method == MethodRequest::StepUp);
    view! {
        <DraftField id=id("down-payment") label=|t| t.down_payment_label get=text(index, |o| &o.down_payment) set=set_text(index, |o| &mut o.down_payment) error=error("plan.downPayment") />
        <DraftCheck id=id("use-target") label=|t| t.use_target_label get=use_target set=set_choice(index, |o, v| o.use_target = v) />
        <Show
            when=use_target
            fallback=move || view! {
                <DraftField id=id("count") label=|t| t.installment_count_label get=text(index, |o| &o.count) set=set_text(index, |o| &mut o.count) error=error("plan.count") inputmode="numeric" />
            }
        >
            <DraftField id=id("target") label=|t| t.target_payment_label get=text(index, |o| &o.target_payment) set=set_text(index, |o| &mut o.target_payment) error=error("plan.targetPayment") />
        </Show>
        <DraftSelect
            id=id("frequency")
            label=|t| t.frequency_label
            options=vec![
                (Frequency::Monthly, (|t: &Texts| t.monthly) as fn(&Texts) -> &'static str),
                (Frequency::Semimonthly, |t: &Texts| t.semimonthly),
                (Frequency::Biweekly, |t: &Texts| t.biweekly),
                (Frequency::Weekly, |t: &Texts| t.weekly),
            ]
            get=choice(index, |o| o.frequency)
            set=set_choice(index, |o, v| o.frequency = v)
        />
        <DraftSelect
            id=id("method")
            label=|t| t.method_label
            options=vec![
                (MethodRequest::EqualInstallment, (|t: &Texts| t.equal_installment) as fn(&Texts) -> &'static str),
                (MethodRequest::EqualPrincipal, |t: &Texts| t.equal_principal),
                (MethodRequest::InterestOnlyBalloon, |t: &Texts| t.interest_only),
                (MethodRequest::StepUp, |t: &Texts| t.step_up),
            ]
            get=choice(index, |o| o.method)
            set=set_choice(index, |o, v| o.method = v)
        />
        <Show when=step_up>
            <DraftField id=id("step-up") label=|t| t.step_up_label get=text(index, |o| &o.step_up_percent) set=set_text(index, |o| &mut o.step_up_percent) error=error("plan.stepUpPercent") />
        </Show>
        <DraftField id=id("rate") label=|t| t.plan_rate_label get=text(index, |o| &o.annual_rate_percent) set=set_text(index, |o| &mut o.annual_rate_percent) error=error("plan.annualRatePercent") />
        <DraftField id=id("first-due") label=|t| t.first_due_label get=text(index, |o| &o.first_due_date) set=set_text(index, |o| &mut o.first_due_date) error=error("plan.firstDueDate") inputmode="text" />
        <DraftSelect
            id=id("day-count")
            label=|t| t.day_count_label
            options=vec![
                (DayCount::Periodic, (|t: &Texts| t.periodic) as fn(&Texts) -> &'static str),
                (DayCount::Act365F, |t: &Texts| t.act365),
                (DayCount::Act360, |t: &Texts| t.act360),
                (DayCount::Thirty360, |t: &Texts| t.thirty360),
            ]
            get=choice(index, |o| o.day_count)
            set=set_choice(index, |o, v| o.day_count = v)
        />
        <DraftSelect
            id=id("round-up")
            label=|t| t.round_up_label
            options=vec![
                (0u8, (|t: &Texts| t.round_none) as fn(&Texts) -> &'static str),
                (1, |_: &Texts| "1"),
                (10, |_: &Texts| "10"),
                (100, |_: &Texts| "100"),
            ]
            get=choice(index, |o| o.round_up_to.parse::<u8>().unwrap_or(0))
            set=set_choice(index, |o, v: u8| o.round_up_to = if v == 0 { String::new() } else { v.to_string() })
        />
        <p class="field-error" data-testid=id("plan-error")>{move || error("plan.method").get().or_else(|| error("plan").get())}</p>
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
    let draft = state.draft;
    let offer = state.draft.offers[index];
    view! {
        <fieldset class="waivers">
            <legend>{move || i18n.t().waivers_label}</legend>
            {Bucket::ALL
                .into_iter()
                .enumerate()
                .map(|(slot, bucket)| {
                    let id = format!("offer-{index}-waiver-{}", bucket.key());
                    let unit = Memo::new(move |_| offer.with(|o| o.as_ref().map(|o| o.waivers[slot].unit).unwrap_or_default()));
                    // The request lists only the waivers given, in bucket order.
                    let error = Signal::derive(move || {
                        let position = offer.with(|o| {
                            o.as_ref().map(|o| o.waivers[..slot].iter().filter(|w| !w.value.trim().is_empty()).count())
                        })?;
                        let prefix = format!("waivers.{position}");
                        let child = format!("{prefix}.");
                        field_message(&state.errors[index].get(), |f| f == prefix || f.starts_with(&child), i18n.locale.get())
                    });
                    view! {
                        <div class="waiver-row">
                            <div class="field" class:invalid=move || error.get().is_some()>
                                <label for=id.clone()>{move || bucket_name(bucket, i18n.locale.get())}</label>
                                <input
                                    id=id.clone()
                                    type="text"
                                    inputmode="decimal"
                                    autocomplete="off"
                                    prop:value=Memo::new(move |_| offer.with(|o| o.as_ref().map(|o| o.waivers[slot].value.clone()).unwrap_or_default()))
                                    on:input=move |ev| {
                                        let text = event_target_value(&ev);
                                        draft.update(|d| if let Some(o) = d.offers.get_mut(index) { o.waivers[slot].value = text; });
                                    }
                                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                                    aria-describedby=format!("{id}-error")
                                />
                                <p class="field-error" id=format!("{id}-error") data-testid=format!("{id}-error")>{move || error.get()}</p>
                            </div>
                            <div class="field narrow">
                                <label for=format!("{id}-unit")>{move || i18n.t().waiver_unit_label}</label>
                                <select
                                    id=format!("{id}-unit")
                                    on:change=move |ev| {
                                        let unit = if event_target_value(&ev) == "amount" { WaiverUnit::Amount } else { WaiverUnit::Percent };
                                        draft.update(|d| if let Some(o) = d.offers.get_mut(index) { o.waivers[slot].unit = unit; });
                                    }
                                >
                                    <option value="percent" selected=move || unit.get() == WaiverUnit::Percent>{move || i18n.t().waiver_unit_percent}</option>
                                    <option value="amount" selected=move || unit.get() == WaiverUnit::Amount>{move || i18n.t().waiver_unit_amount}</option>
                                </select>
                            </div>
                            <DraftCheck
                                id=format!("{id}-conditional")
                                label=|t| t.waiver_conditional
                                get=move || offer.with(|o| o.as_ref().is_some_and(|o| o.waivers[slot].conditional))
                                set=move |d: &mut Draft, v| if let Some(o) = d.offers.get_mut(index) { o.waivers[slot].conditional = v; }
                            />
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// An amount of the offer's currency, formatted for `locale`.
fn money(outcome: &PlanOutcome, amount: Decimal, locale: Locale) -> String {
    format_amount(&amount.to_string(), outcome.currency, locale)
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

/// The figures of a computed offer. Each figure is a text node bound to the offer's last
/// valid outcome, so a keystroke changes text, not DOM structure; the findings re-render only
/// when they change.
#[component]
fn OfferFigures(
    /// Position of the offer.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = use_workspace().shown[index];
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
                    (class, outcome_label(f.outcome, locale), finding_message(f, o.currency, locale))
                })
                .collect::<Vec<_>>();
            let passed = passed.into_iter().map(|f| finding_message(f, o.currency, locale)).collect::<Vec<_>>();
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
            {figure(|t| t.payment_per_period_label, "figure-payment", Box::new(text(|o, l| money(o, o.schedule.first().map(|r| r.payment).unwrap_or_default(), l))))}
            {figure(|t| t.count_figure_label, "figure-count", Box::new(text(|o, _| group_digits(&o.schedule.len().to_string()))))}
            {figure(|t| t.first_date_label, "figure-first-date", Box::new(text(|o, _| o.schedule.first().map(|r| r.date.to_string()).unwrap_or_default())))}
            {figure(|t| t.last_date_label, "figure-last-date", Box::new(text(|o, _| o.schedule.last().map(|r| r.date.to_string()).unwrap_or_default())))}
            {figure(|t| t.total_paid_label, "figure-total-paid", Box::new(text(|o, l| money(o, o.totals.paid, l))))}
            {figure(|t| t.total_waived_label, "figure-total-waived", Box::new(text(|o, l| money(o, o.totals.waived, l))))}
            {figure(|t| t.recovery_label, "figure-recovery", Box::new(text(|o, _| format_percent(&o.recovery.percent_of_claim.to_string()))))}
            {figure(|t| t.present_value_label, "figure-present-value", Box::new(text(|o, l| money(o, o.recovery.present_value, l))))}
            {figure(|t| t.nominal_rate_label, "figure-nominal", Box::new(text(|o, _| rate(o, |r| Some(r.nominal_percent)))))}
            {figure(|t| t.effective_rate_label, "figure-effective", Box::new(text(|o, _| rate(o, |r| r.effective_percent))))}
        </dl>
        <ul class="findings" aria-label=move || i18n.t().findings_label data-testid="findings">
            <For each=move || 0..findings.with(|(problems, _)| problems.len()) key=|i| *i let:i>
                <li class=problem(i, |p| p.0.to_string())>
                    <span class="outcome">{problem(i, |p| p.1.to_string())}</span>
                    " "
                    <span>{problem(i, |p| p.2.clone())}</span>
                </li>
            </For>
        </ul>
        <details class="passed-checks">
            <summary>{move || fill(i18n.t().checks_passed, &[("count", &findings.with(|(_, passed)| passed.len()).to_string())])}</summary>
            <ul class="findings">
                <For each=move || 0..findings.with(|(_, passed)| passed.len()) key=|i| *i let:i>
                    <li class="finding pass">{move || findings.with(|(_, passed)| passed.get(i).cloned().unwrap_or_default())}</li>
                </For>
            </ul>
        </details>
    }
}
