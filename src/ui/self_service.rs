//! The debtor's view, opened from a signed self-service link: what is owed and why, the plans
//! offered and only choices within their bounds, the full schedule, the cost in plain words,
//! and a confirmation that produces the agreement JSON (channel self-service, the signed offer
//! inside). The browser only verifies the link, with the deployment's public keys; it never
//! holds a signing key. Any bad link shows its message and no plan.

use crate::browser;
use crate::domain::money::Amount;
use crate::domain::offer::{
    default_selection, least_down_payment, read_offer, reference_ending, request_for, BoundError, Choice, Selection,
    SelfServiceOffer,
};
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::{Outcome, Product};
use crate::domain::request::evaluate;
use crate::export::agreement::{
    agreement_compact_json, build_agreement, AgreementContext, Channel, References, SignedOfferRef,
};
use crate::export::embed::AppMessage;
use crate::export::signature::{short_link_id, stored_offer_path, verify_link, KeySet, LinkError};
use crate::i18n::{
    bound_error_message, bucket_name, currency_symbol, fill, finding_message, format_money, frequency_name,
    group_digits, link_error_message, reinstated_items, Locale, Texts,
};
use crate::ui::embed::use_host;
use crate::ui::field::TextField;
use crate::ui::print::{escape, nominal_rate_text, payments_table_html, schedule_table_html};
use crate::ui::{tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// What the link gives.
#[derive(Clone)]
enum LinkState {
    Checking,
    NoKeys,
    Invalid(LinkError),
    Ready(Arc<SelfServiceOffer>),
}

/// The plan of the current selection, or why there is none: the selection is outside the
/// offer (a bound, or the debtor's own typo), or the offer gives no plan.
type Priced = Result<Arc<PlanOutcome>, Option<BoundError>>;

/// Whether a bound error belongs beside the down payment field (the debtor's figure).
fn is_down_payment(error: &BoundError) -> bool {
    matches!(error, BoundError::DownPayment { .. } | BoundError::DownPaymentText(_))
}

#[component]
pub fn SelfServiceView(
    /// The link's fragment: `#offer=PAYLOAD.SIGNATURE`, or a short link's `#id=OFFER_ID`.
    fragment: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = RwSignal::new(LinkState::Checking);
    let selection = RwSignal::new(None::<Selection>);
    let confirmed = RwSignal::new(None::<String>);
    // The signed offer's fragment (`#offer=…`): the link's own, or a short link's
    // (`#id=…`), fetched from where the deployment stores it and verified the same way.
    let signed = StoredValue::new(String::new());
    spawn_local(async move {
        let hash = match short_link_id(&fragment) {
            Some(id) => {
                browser::fetch_text(&stored_offer_path(id)).await.map(|token| format!("#offer={}", token.trim()))
            }
            None => Some(fragment),
        };
        let keys = browser::fetch_text("keys.json").await.and_then(|text| serde_json::from_str::<KeySet>(&text).ok());
        if link.is_disposed() {
            return;
        }
        let Some(hash) = hash else {
            link.set(LinkState::Invalid(LinkError::NotServed));
            return;
        };
        signed.set_value(hash.clone());
        let state = match keys {
            None => LinkState::NoKeys,
            Some(keys) => match verify_link(&hash, &keys, &browser::now_rfc3339()) {
                Err(error) => LinkState::Invalid(error),
                Ok(text) => match read_offer(&text) {
                    Ok(offer) => {
                        selection.set(Some(default_selection(&offer, 0)));
                        LinkState::Ready(Arc::new(offer))
                    }
                    Err(problems) => LinkState::Invalid(LinkError::Unusable {
                        reason: problems.first().map(ToString::to_string).unwrap_or_default(),
                    }),
                },
            },
        };
        link.set(state);
    });
    let offer = Memo::new(move |_| match link.get() {
        LinkState::Ready(offer) => Some(offer),
        _ => None,
    });
    // The offer's product names the buckets (违约金 on a card, 罚息 on a loan).
    let product = Memo::new(move |_| offer.with(|o| o.as_ref().map_or(Product::Other, |o| o.product())));
    // Compared by pointer, not by value: a deep comparison of two plans costs the debtor's
    // phone wasm and time, and a recomputed plan is a new plan anyway.
    let priced = Memo::new_with_compare(
        move |_: Option<&Option<Priced>>| -> Option<Priced> {
            let offer = offer.get()?;
            let selection = selection.get()?;
            Some(match request_for(&offer, &selection) {
                Err(e) => Err(Some(e)),
                Ok(request) => evaluate(&request).map(Arc::new).map_err(|_| None),
            })
        },
        |a, b| match (a, b) {
            (Some(Some(Ok(a))), Some(Some(Ok(b)))) => !Arc::ptr_eq(a, b),
            (Some(Some(Err(a))), Some(Some(Err(b)))) => a != b,
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );
    // The last plan that computed stays on screen while the debtor corrects a figure.
    let shown = Memo::new_with_compare(
        move |previous: Option<&Option<Arc<PlanOutcome>>>| match priced.get() {
            Some(Ok(outcome)) => Some(outcome),
            Some(Err(_)) => previous.cloned().flatten(),
            None => None,
        },
        |a, b| match (a, b) {
            (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );
    // A figure the debtor typed is answered beside its field; anything else under the choices.
    let problem = move |beside_field: bool| {
        let Some(Err(error)) = priced.get() else { return None };
        if error.as_ref().is_some_and(is_down_payment) != beside_field {
            return None;
        }
        let locale = i18n.locale.get();
        let currency = offer.with(|o| o.as_ref().map(|o| o.claim.currency_or_default())).unwrap_or_default();
        Some(match &error {
            Some(e) => bound_error_message(e, currency, locale),
            None => locale.texts().bound_offer.to_string(),
        })
    };
    let down_error = Signal::derive(move || problem(true));
    let general_error = move || problem(false);
    let message = move || {
        let t = i18n.t();
        match link.get() {
            LinkState::Checking => Some(t.ss_loading.to_string()),
            LinkState::NoKeys => Some(t.link_no_keys.to_string()),
            LinkState::Invalid(error) => Some(link_error_message(&error, i18n.locale.get())),
            LinkState::Ready(_) => None,
        }
    };
    // An embedding host follows the debtor's choice.
    let host = use_host();
    if host.connected() {
        Effect::new(move |_| {
            if let (Some(offer), Some(Ok(outcome))) = (offer.get(), priced.get()) {
                host.send(&AppMessage::PlanChanged { offer: offer.offer_id.clone(), outcome });
            }
        });
    }
    // A plan a rule blocks is not confirmed, whatever the offer allows.
    let blocked = move || {
        let Some(Ok(o)) = priced.get() else { return None };
        let block = o.findings.iter().find(|f| f.outcome == Outcome::Block)?;
        let locale = i18n.locale.get();
        let reason = finding_message(block, o.currency, product.get(), locale);
        Some(fill(locale.texts().ss_blocked, &[("reason", &reason)]))
    };
    let confirm = move |_| {
        if blocked().is_some() {
            return;
        }
        let (Some(offer), Some(selection)) = (offer.get_untracked(), selection.get_untracked()) else { return };
        let Ok(request) = request_for(&offer, &selection) else { return };
        let token = signed.with_value(|f| f.trim_start_matches("#offer=").to_string());
        let Some((payload, signature)) = token.split_once('.') else { return };
        let context = AgreementContext {
            agreement_id: browser::random_uuid(),
            created_at: browser::now_rfc3339(),
            channel: Channel::SelfService,
            references: References { account_reference: offer.account_reference.clone(), agent_id: None },
            offer: offer.offer_id.clone(),
            log: Vec::new(),
            signed_offer: Some(SignedOfferRef { payload: payload.into(), signature: signature.into() }),
            approvals: Vec::new(),
        };
        if let Ok(agreement) = build_agreement(&request, context) {
            browser::download(
                &format!("accord-agreement-{}.json", agreement.agreement_id),
                "application/json",
                &browser::pretty_json(&agreement_compact_json(&agreement)),
            );
            host.send(&AppMessage::Agreed { agreement_json: agreement_compact_json(&agreement) });
            confirmed.set(Some(fill(i18n.t().ss_confirmed, &[("id", &agreement.agreement_id)])));
        }
    };
    view! {
        <section class="self-service" aria-labelledby="ss-title" data-testid="self-service">
            <h2 id="ss-title">{tr(|t| t.ss_title)}</h2>
            <p class="link-message" role="status" data-testid="link-message" hidden=move || message().is_none()>
                {message}
            </p>
            <Show when=move || offer.with(Option::is_some)>
                <Sender offer=offer />
                <p class="hint" data-testid="ss-expires">
                    {move || {
                        offer
                            .get()
                            .map(|o| {
                                let shown = browser::TimeShown::DateTime;
                                let at = browser::local_time(&o.expires_at, i18n.locale.get(), shown);
                                fill(i18n.t().ss_expires, &[("at", &at)])
                            })
                            .unwrap_or_default()
                    }}
                </p>
                <Owed shown=shown product=product />
                <Choices offer=offer selection=selection down_error=down_error />
                <p class="field-error" role="alert" data-testid="ss-error">
                    {general_error}
                </p>
                <Cost shown=shown product=product />
                <p class="field-error" data-testid="ss-blocked" hidden=move || blocked().is_none()>
                    {blocked}
                </p>
                <button
                    type="button"
                    class="primary large"
                    on:click=confirm
                    disabled=move || !matches!(priced.get(), Some(Ok(_))) || blocked().is_some()
                    data-testid="ss-confirm"
                >
                    {tr(|t| t.ss_confirm)}
                </button>
                <p class="status" role="status" data-testid="ss-confirmed">
                    {move || confirmed.get()}
                </p>
            </Show>
        </section>
    }
}

/// What is owed per bucket, what is waived and what is due.
#[component]
fn Owed(shown: Memo<Option<Arc<PlanOutcome>>>, product: Memo<Product>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let locale = i18n.locale.get();
        let t = locale.texts();
        let Some(o) = shown.get() else { return Vec::new() };
        let product = product.get();
        // The currency once, in the caption: three amounts a row fit a phone's width.
        let money = |amount: Amount| group_digits(&amount.to_string());
        crate::domain::claim::Bucket::ALL
            .iter()
            .filter(|b| !o.claim.get(**b).is_zero())
            .map(|b| {
                (
                    bucket_name(*b, product, locale).to_string(),
                    money(o.claim.get(*b)),
                    money(o.waived.get(*b)),
                    money(o.due.get(*b)),
                )
            })
            .chain(std::iter::once((
                t.total_row.to_string(),
                money(o.claim_total),
                money(o.waived.total()),
                money(o.due.total()),
            )))
            .collect()
    };
    let symbol = move || {
        let locale = i18n.locale.get();
        let symbol = shown.with(|o| o.as_ref().map(|o| currency_symbol(o.currency, locale)))?;
        Some(fill(locale.texts().ss_amounts_in, &[("symbol", symbol)]))
    };
    view! {
        <h3 id="ss-owed-title">{tr(|t| t.ss_owed_title)}</h3>
        <div class="table-wide" tabindex="0" role="region" aria-labelledby="ss-owed-title">
            <table class="agreement-table" data-testid="ss-owed">
                <caption>{symbol}</caption>
                <thead>
                    <tr>
                        <td></td>
                        <th scope="col">{tr(|t| t.col_owed)}</th>
                        <th scope="col">{tr(|t| t.ss_relief)}</th>
                        <th scope="col">{tr(|t| t.col_due)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows()
                            .into_iter()
                            .map(|(name, owed, waived, due)| {
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        <td>{owed}</td>
                                        <td>{waived}</td>
                                        <td>{due}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// The plans offered and the controls that stay within their bounds.
#[component]
fn Choices(
    offer: Memo<Option<Arc<SelfServiceOffer>>>,
    selection: RwSignal<Option<Selection>>,
    down_error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Each choice with what it costs at its defaults, so the debtor compares before choosing.
    let labels = move || {
        let locale = i18n.locale.get();
        let t = locale.texts();
        let Some(offer) = offer.get() else { return Vec::new() };
        let currency = offer.claim.currency_or_default();
        let money = |amount: Amount| format_money(amount, currency, locale);
        let priced: Vec<Option<PlanOutcome>> = (0..offer.choices.len())
            .map(|i| request_for(&offer, &default_selection(&offer, i)).ok().and_then(|r| evaluate(&r).ok()))
            .collect();
        let dearest = priced.iter().flatten().map(|o| o.totals.paid).max();
        (0..offer.choices.len())
            .map(|i| {
                let outcome = priced[i].as_ref();
                let title = match &offer.choices[i] {
                    Choice::Settlement { .. } => fill(
                        t.ss_choice_settlement,
                        &[("amount", &outcome.map(|o| money(o.totals.paid)).unwrap_or_default())],
                    ),
                    Choice::Installments { min_count, max_count, frequency, .. } => fill(
                        t.ss_choice_installments,
                        &[
                            ("frequency", frequency_name(*frequency, locale)),
                            ("min", &min_count.to_string()),
                            ("max", &max_count.to_string()),
                        ],
                    ),
                };
                let summary = outcome.map(|o| {
                    let mut parts = Vec::new();
                    if o.schedule.len() > 1 {
                        let first = o.upfront.partial_payment + o.upfront.down_payment;
                        let payment = o.schedule.first().map(|r| r.payment).unwrap_or_default();
                        let count = o.schedule.len().to_string();
                        parts.push(fill(t.ss_choice_each, &[("count", &count), ("payment", &money(payment))]));
                        if !first.is_zero() {
                            parts.push(fill(t.ss_choice_now, &[("amount", &money(first))]));
                        }
                    }
                    parts.push(fill(t.ss_choice_total, &[("total", &money(o.totals.paid))]));
                    if let Some(saving) = dearest.map(|d| d - o.totals.paid).filter(|s| !s.is_zero()) {
                        parts.push(fill(t.ss_choice_saving, &[("amount", &money(saving))]));
                    }
                    parts.join(" · ")
                });
                (title, summary.unwrap_or_default())
            })
            .collect::<Vec<_>>()
    };
    let current = move || selection.with(|s| s.as_ref().map_or(0, |s| s.choice));
    let bounds = move || {
        let offer = offer.get()?;
        match offer.choices.get(current())? {
            Choice::Installments { min_count, max_count, first_due_from, first_due_to, .. } => {
                Some((true, *min_count, *max_count, first_due_from.clone(), first_due_to.clone()))
            }
            Choice::Settlement { pay_by_from, pay_by_to, .. } => {
                Some((false, 0, 0, pay_by_from.clone(), pay_by_to.clone()))
            }
        }
    };
    let is_installments = move || bounds().is_some_and(|b| b.0);
    let count = move || selection.with(|s| s.as_ref().map_or(0, |s| s.count));
    let set_count = move |n: u32| {
        if let Some((_, min, max, ..)) = bounds() {
            selection.update(|s| {
                if let Some(s) = s {
                    s.count = n.clamp(min, max)
                }
            });
        }
    };
    let minimum = move || {
        let locale = i18n.locale.get();
        let offer = offer.get()?;
        let currency = offer.claim.currency_or_default();
        least_down_payment(&offer, current()).map(|d| format_money(d.into(), currency, locale))
    };
    let at_min = move || bounds().is_some_and(|b| count() <= b.1);
    let at_max = move || bounds().is_some_and(|b| count() >= b.2);
    view! {
        <fieldset class="choices" data-testid="ss-choices">
            <legend>{tr(|t| t.ss_choose_title)}</legend>
            {move || {
                labels()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, summary))| {
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="ss-choice"
                                    prop:checked=move || current() == i
                                    on:change=move |_| {
                                        if let Some(o) = offer.get_untracked() {
                                            selection.set(Some(default_selection(&o, i)))
                                        }
                                    }
                                    data-testid=format!("ss-choice-{i}")
                                />
                                <span>
                                    {label} <small class="choice-summary">
                                        {summary}
                                    </small>
                                </span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
        <Show when=is_installments>
            <div class="stepper">
                <label for="ss-count">{tr(|t| t.ss_count_label)}</label>
                <div class="stepper-row">
                    <button
                        type="button"
                        class="secondary large"
                        aria-label=tr(|t| t.ss_fewer)
                        on:click=move |_| set_count(count().saturating_sub(1))
                        disabled=at_min
                        data-testid="ss-fewer"
                    >
                        "−"
                    </button>
                    <input
                        id="ss-count"
                        type="range"
                        min=move || bounds().map(|b| b.1).unwrap_or(1)
                        max=move || bounds().map(|b| b.2).unwrap_or(1)
                        prop:value=move || count().to_string()
                        on:input=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                                set_count(n)
                            }
                        }
                        data-testid="ss-count"
                    />
                    <button
                        type="button"
                        class="secondary large"
                        aria-label=tr(|t| t.ss_more)
                        on:click=move |_| set_count(count() + 1)
                        disabled=at_max
                        data-testid="ss-more"
                    >
                        "+"
                    </button>
                    <output for="ss-count" data-testid="ss-count-value">
                        {count}
                    </output>
                </div>
            </div>
            <TextField
                id="ss-down"
                label=Signal::derive(move || fill(
                    i18n.t().ss_down_label,
                    &[("minimum", &minimum().unwrap_or_default())],
                ))
                value=Signal::derive(move || {
                    selection.with(|s| s.as_ref().map(|s| s.down_payment.clone()).unwrap_or_default())
                })
                set=Callback::new(move |text| {
                    selection
                        .update(|s| {
                            if let Some(s) = s {
                                s.down_payment = text;
                            }
                        })
                })
                error=down_error
                testid="ss-down"
            />
        </Show>
        <TextField
            id="ss-date"
            label=Signal::derive(move || {
                if is_installments() { i18n.t().ss_date_label } else { i18n.t().ss_pay_date_label }.to_string()
            })
            value=Signal::derive(move || selection.with(|s| s.as_ref().map(|s| s.date.clone()).unwrap_or_default()))
            set=Callback::new(move |text| {
                selection
                    .update(|s| {
                        if let Some(s) = s {
                            s.date = text;
                        }
                    })
            })
            input_type="date"
            inputmode="text"
            min=Signal::derive(move || bounds().map(|b| b.3).unwrap_or_default())
            max=Signal::derive(move || bounds().map(|b| b.4).unwrap_or_default())
            testid="ss-date"
        />
    }
}

/// The cost in plain words and the full schedule.
#[component]
fn Cost(shown: Memo<Option<Arc<PlanOutcome>>>, product: Memo<Product>) -> impl IntoView {
    let i18n = use_i18n();
    let words = move || {
        let locale = i18n.locale.get();
        let Some(o) = shown.get() else { return String::new() };
        cost_in_words(&o, locale)
    };
    // What comes back if the debtor misses payments: the conditional waivers, by bucket.
    let reinstated = move || {
        let locale = i18n.locale.get();
        let o = shown.get()?;
        let items = reinstated_items(&o.reinstated_on_breach, o.currency, product.get(), locale);
        (!items.is_empty()).then(|| fill(locale.texts().ss_reinstated, &[("items", &items)]))
    };
    // The payments fit a phone; principal, interest and balance open on demand. One HTML
    // string, like the print view: the tables are rendered, never edited.
    let tables = move || {
        let locale = i18n.locale.get();
        let t = locale.texts();
        shown.get().map(|o| {
            let label = t.schedule_table_label;
            let payments = payments_table_html(&o.schedule, o.currency, locale, label, "ss-schedule");
            let details =
                schedule_table_html(&o.schedule, o.currency, product.get(), locale, label, "ss-schedule-details");
            let summary = escape(t.ss_schedule_details);
            format!("{payments}<details class=\"schedule-details\"><summary>{summary}</summary>{details}</details>")
        })
    };
    view! {
        <p class="cost" data-testid="ss-cost">
            {words}
        </p>
        <p class="cost" data-testid="ss-reinstated" hidden=move || reinstated().is_none()>
            {reinstated}
        </p>
        <div inner_html=tables></div>
    }
}

/// "You pay … now, then … N times, from … to …: … in all. The annualized cost is … %."
fn cost_in_words(o: &PlanOutcome, locale: Locale) -> String {
    let t = locale.texts();
    let money = |amount: Amount| format_money(amount, o.currency, locale);
    let (Some(first), Some(last)) = (o.schedule.first(), o.schedule.last()) else { return String::new() };
    if o.schedule.len() == 1 {
        return fill(t.ss_cost_single, &[("total", &money(o.totals.paid)), ("date", &last.date.to_string())]);
    }
    let rate = nominal_rate_text(o);
    fill(
        t.ss_cost_installments,
        &[
            ("first", &money(o.upfront.partial_payment + o.upfront.down_payment)),
            ("payment", &money(first.payment)),
            ("count", &o.schedule.len().to_string()),
            ("from", &first.date.to_string()),
            ("to", &last.date.to_string()),
            ("total", &money(o.totals.paid)),
            ("rate", &rate),
        ],
    )
}

/// Who sends the offer and how to reach them, and the account it is about: first on the page,
/// so the debtor can tell it from a phishing page; then what the page is for. One escaped HTML
/// string (the creditor's words are the creditor's, not markup): a view tree of reactive
/// paragraphs costs the debtor's download more.
#[component]
fn Sender(offer: Memo<Option<Arc<SelfServiceOffer>>>) -> impl IntoView {
    let i18n = use_i18n();
    let html = move || {
        let t = i18n.t();
        offer.with(|o| o.as_ref().map(|o| sender_html(o, t))).unwrap_or_default()
    };
    view! {
        <div class="sender" inner_html=html></div>
        <p class="hint">{tr(|t| t.ss_intro)}</p>
    }
}

/// The sender block's paragraphs: the creditor's name, the contact, the account's ending.
fn sender_html(offer: &SelfServiceOffer, t: &Texts) -> String {
    let mut html = String::new();
    let mut paragraph = |class: &str, testid: &str, text: String| {
        html.push_str(&format!("<p class=\"{class}\" data-testid=\"{testid}\">{}</p>", escape(&text)));
    };
    if let Some(c) = &offer.creditor {
        paragraph("sender-name", "ss-creditor", fill(t.ss_from, &[("name", &c.name)]));
        let phone = c.phone.as_ref().map(|phone| fill(t.ss_contact_phone, &[("phone", phone)]));
        let parts: Vec<String> = [phone, c.hours.clone(), c.web.clone()].into_iter().flatten().collect();
        if !parts.is_empty() {
            paragraph("hint", "ss-contact", parts.join(" · "));
        }
    }
    let ending = reference_ending(&offer.account_reference);
    if !ending.is_empty() {
        paragraph("hint", "ss-account", fill(t.ss_account_ending, &[("ending", &ending)]));
    }
    html
}
