//! The side panels: affordability, policy, negotiation log.

use super::use_workspace;
use crate::browser;
use crate::domain::members;
use crate::domain::money::{Amount, Currency};
use crate::domain::negotiation::PolicyDraft;
use crate::domain::plan::budget_limits;
use crate::domain::policy::Policy;
use crate::domain::request::parse_budget;
use crate::domain::request::FieldId;
use crate::export::agreement::ImportError;
use crate::export::approval::check_policy_signature;
use crate::i18n::{
    event_label, field_message, fill, format_money, import_error_message, input_error_message, outcome_label,
    profile_name, rule_name,
};
use crate::ui::field::TextField;
use crate::ui::forms::{BUDGET_FIELDS, POLICY_FIELD};
use crate::ui::{tr, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Income, essential expenses and other debt payments → disposable income and the largest
/// affordable monthly payment under the policy.
#[component]
pub fn AffordabilityPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let budget = state.draft.budget;
    let limits = Memo::new(move |_| {
        let policy = state.policy.get();
        let currency = state.draft.account.with(|a| a.claim.currency_or_default());
        budget.with(|b| {
            if !b.is_given() {
                return Ok(None);
            }
            parse_budget(b, currency).map(|budget| {
                let rounding = crate::domain::money::Rounding::new(currency, Default::default());
                let (disposable, max) = budget_limits(&budget, &policy, rounding);
                Some((currency, disposable, max))
            })
        })
    });
    let error = move |field: Option<FieldId>| {
        Signal::derive(move || {
            limits.with(|l| {
                l.as_ref().err().and_then(|errors| field_message(errors, |f| Some(f) == field, i18n.locale.get()))
            })
        })
    };
    let shown = move |pick: fn(&(Currency, Amount, Amount)) -> Amount| {
        move || {
            limits.with(|l| match l {
                Ok(Some(v)) => format_money(pick(v), v.0, i18n.locale.get()),
                _ => "—".to_string(),
            })
        }
    };
    view! {
        <section class="card" aria-labelledby="affordability-title" data-testid="affordability">
            <h2 id="affordability-title">{tr(|t| t.affordability_title)}</h2>
            <div class="fields compact">
                {BUDGET_FIELDS
                    .iter()
                    .map(|spec| {
                        let (value, set) = state.budget_text(spec);
                        view! {
                            <TextField
                                id=spec.key
                                label=state.label(spec.label)
                                value=value
                                set=set
                                error=error(spec.field)
                                inputmode=spec.kind.inputmode()
                            />
                        }
                    })
                    .collect_view()}
            </div>
            <dl class="figures">
                <div class="figure">
                    <dt>{tr(|t| t.disposable_label)}</dt>
                    <dd data-testid="disposable-income">{shown(|v| v.1)}</dd>
                </div>
                <div class="figure">
                    <dt>{tr(|t| t.max_installment_label)}</dt>
                    <dd data-testid="max-installment">{shown(|v| v.2)}</dd>
                </div>
            </dl>
        </section>
    }
}

/// The largest policy file read, in bytes.
const MAX_POLICY_BYTES: usize = 1024 * 1024;

/// The policy's rules with editable limits; load a policy from a JSON file or restore the
/// default.
#[component]
pub fn PolicyPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_workspace();
    let draft = state.draft;
    let file_error = RwSignal::new(None::<String>);
    let policy_draft = state.draft.policy;
    let rule_count = move || policy_draft.with(|p| p.rules.len());
    let policy_error = state.message(0, Some(POLICY_FIELD), &[]);
    let on_file = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        spawn_local(async move {
            let text = match browser::read_chosen_file(&input, MAX_POLICY_BYTES).await {
                None => return,
                Some(Ok(text)) => text,
                Some(Err(too_large)) => {
                    let error = ImportError::TooLarge { bytes: too_large.bytes, max: MAX_POLICY_BYTES };
                    file_error.set(Some(import_error_message(&error, i18n.locale.get_untracked())));
                    return;
                }
            };
            // A signed profile must hold its creditor's signature; an unsigned one is shown as such.
            let keys = state.keys.get_untracked();
            let parsed = members::parse(&text)
                .and_then(Policy::from_json)
                .map_err(|e| e.to_string())
                .and_then(|p| p.validate().map(|_| p).map_err(|e| e.to_string()))
                .and_then(|p| match (&p.signed, keys.as_deref()) {
                    (None, _) => Ok(p),
                    (Some(_), Some(keys)) if check_policy_signature(&p, keys).is_ok() => Ok(p),
                    (Some(_), _) => Err(i18n.t().policy_bad_signature.to_string()),
                });
            match parsed {
                Ok(policy) => {
                    file_error.set(None);
                    draft.update(|d| d.policy = PolicyDraft::from(&policy));
                }
                Err(reason) => {
                    file_error.set(Some(fill(i18n.t().policy_file_error, &[("reason", &reason)])));
                }
            }
        });
    };
    // Whose policy this is: the creditor's signature, checked with the deployment's keys.
    let signature = move || {
        let t = i18n.t();
        let signed = policy_draft.with(|p| p.signed.as_ref().map(|s| s.key_id.clone()));
        let Some(key) = signed else { return t.policy_unsigned.to_string() };
        let holds = state
            .keys
            .with(|keys| keys.as_deref().is_some_and(|keys| check_policy_signature(&state.policy.get(), keys).is_ok()));
        if holds {
            fill(t.policy_signed, &[("key", &key)])
        } else {
            t.policy_bad_signature.to_string()
        }
    };
    view! {
        <section class="card policy" aria-labelledby="policy-title" data-testid="policy">
            <h2 id="policy-title">
                {tr(|t| t.policy_title)} ": "
                {move || policy_draft.with(|p| profile_name(&p.name, i18n.locale.get()))}
            </h2>
            <p class="hint" data-testid="policy-signature">{signature}</p>
            <ul class="hint" hidden=move || state.refused_profiles.with(Vec::is_empty)>
                {move || {
                    state
                        .refused_profiles
                        .get()
                        .into_iter()
                        .map(|(name, reason)| {
                            view! { <li>{fill(i18n.t().profile_refused, &[("name", &name), ("reason", &reason)])}</li> }
                        })
                        .collect_view()
                }}
            </ul>
            <table class="policy-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(|t| t.policy_rule_col)}</th>
                        <th scope="col">{tr(|t| t.policy_limit_col)}</th>
                        <th scope="col">{tr(|t| t.policy_severity_col)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || 0..rule_count() key=|i| *i let:index>
                        {
                            let id = format!("policy-limit-{index}");
                            let label = move || {
                                policy_draft
                                    .with(|p| {
                                        p
                                            .rules
                                            .get(index)
                                            .map(|r| rule_name(r.rule, r.bucket, p.product, i18n.locale.get()))
                                            .unwrap_or_default()
                                    })
                            };
                            let severity = move || {
                                policy_draft
                                    .with(|p| {
                                        p
                                            .rules
                                            .get(index)
                                            .map(|r| outcome_label(r.severity.into(), i18n.locale.get()))
                                            .unwrap_or_default()
                                    })
                            };
                            // The law the rule applies, or that it is the creditor's own choice.
                            let basis = move || {
                                policy_draft
                                    .with(|p| {
                                        p.rules
                                            .get(index)
                                            .map(|r| match &r.source {
                                                Some(source) => source.citation.clone(),
                                                None => i18n.t().house_rule.to_string(),
                                            })
                                            .unwrap_or_default()
                                    })
                            };
                            // An agent's change of the profile's limit, for this account only.
                            // (As the core reads it: the policy in force, while every limit parses.)
                            let overridden = move || {
                                let parsed = state.policy_errors.with(Vec::is_empty);
                                let from = state.policy.with(|p| p.rules.get(index).and_then(|r| r.overridden_from));
                                let from = from.filter(|_| parsed)?.normalize().to_string();
                                Some(fill(i18n.t().policy_overridden, &[("from", &from)]))
                            };
                            let error = move || {
                                state
                                    .policy_errors
                                    .with(|e| {
                                        e
                                            .iter()
                                            .find(|(i, _)| *i == index)
                                            .map(|(_, e)| input_error_message(e, i18n.locale.get()))
                                    })
                            };
                            view! {
                                <tr>
                                    <th scope="row">
                                        <label for=id.clone()>{label}</label>
                                        <small class="basis" data-testid=format!("policy-basis-{index}")>
                                            {basis}
                                        </small>
                                    </th>
                                    <td>
                                        <input
                                            id=id.clone()
                                            type="text"
                                            inputmode="decimal"
                                            class="limit"
                                            prop:value=Memo::new(move |_| {
                                                policy_draft
                                                    .with(|p| {
                                                        p.rules.get(index).map(|r| r.limit.clone()).unwrap_or_default()
                                                    })
                                            })
                                            on:input=move |ev| {
                                                let text = event_target_value(&ev);
                                                draft
                                                    .update(|d| {
                                                        if let Some(r) = d.policy.rules.get_mut(index) {
                                                            r.limit = text;
                                                        }
                                                    });
                                            }
                                            aria-invalid=move || if error().is_some() { "true" } else { "false" }
                                            aria-describedby=format!("{id}-error")
                                        />
                                        <p class="field-error" id=format!("{id}-error")>
                                            {error}
                                        </p>
                                        <small class="override" data-testid=format!("policy-override-{index}")>
                                            {overridden}
                                        </small>
                                    </td>
                                    <td>{severity}</td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <div class="actions">
                <label class="button secondary file-button" for="policy-file">
                    {tr(|t| t.load_policy)}
                </label>
                <input
                    id="policy-file"
                    class="visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    on:change=on_file
                    data-testid="policy-file"
                />
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        file_error.set(None);
                        draft
                            .update(|d| {
                                let name = Policy::default_for(d.account.claim.currency_or_default()).name;
                                if let Some(profile) = state.profile(&name) {
                                    d.policy = PolicyDraft::from(&profile);
                                }
                            });
                    }
                >
                    {tr(|t| t.reset_policy)}
                </button>
            </div>
            <p class="field-error" role="alert" data-testid="policy-file-error">
                {move || file_error.get()}
            </p>
            // The policy as a whole (a negotiation file's, say) when the plans refuse it.
            <p class="field-error" data-testid="policy-error" hidden=move || policy_error.with(Option::is_none)>
                {move || policy_error.get()}
            </p>
        </section>
    }
}

/// What was proposed, changed, rejected and agreed, newest first.
#[component]
pub fn NegotiationLogView() -> impl IntoView {
    let i18n = use_i18n();
    let log = use_workspace().draft.log;
    let entries =
        move || log.with(|log| log.iter().rev().map(|e| (e.at.clone(), e.offer.clone(), e.event)).collect::<Vec<_>>());
    view! {
        <section class="card" aria-labelledby="log-title" data-testid="negotiation-log">
            <h2 id="log-title">{tr(|t| t.log_title)}</h2>
            <Show
                when=move || log.with(|log| !log.is_empty())
                fallback=move || view! { <p class="hint">{tr(|t| t.log_empty)}</p> }
            >
                <ol class="log">
                    {move || {
                        entries()
                            .into_iter()
                            .map(|(at, offer, event)| {
                                let t = i18n.t();
                                let label = event_label(event, i18n.locale.get());
                                let shown = crate::browser::TimeShown::TimeOfDay;
                                let time = crate::browser::local_time(&at, i18n.locale.get(), shown);
                                view! {
                                    <li>
                                        <time datetime=at.clone()>{time}</time>
                                        " · "
                                        {t.offer_label}
                                        " "
                                        {offer}
                                        " · "
                                        {label}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </Show>
        </section>
    }
}
