//! The agent workspace: one account, offers side by side, the selected offer's schedule,
//! affordability, policy and the negotiation log.
//!
//! State: the draft (raw text) in one signal per part ([`DraftStore`]); everything else is
//! derived with memos — the policy, each offer's request, each offer's outcome, the last
//! valid outcome (kept on screen, marked stale, while an input is invalid) and the
//! best/most-affordable marks. The effects keep the draft for the tab ([`crate::ui::keeping`]), tell an
//! embedding host the selected plan, and let an off-screen schedule wait for the paint.

mod account;
mod offer;
mod panels;
mod print;
mod records;
mod schedule;
mod store;

use crate::browser;
use crate::domain::claim::Bucket;
use crate::domain::negotiation::OfferDraft;
use crate::domain::negotiation::{
    best_for_creditor, most_affordable, offer_request, AccountDraft, Draft, PolicyDraft, MAX_OFFERS,
};
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::{Outcome, Policy, Product};
use crate::domain::request::{evaluate, BudgetRequest, FieldError, FieldId, InputError, PlanRequest};
use crate::export::agreement::{agreement_compact_json, agreement_for_draft, Channel};
use crate::export::approval::{agree_gate, signed_profiles, Gate, RefusedProfile};
use crate::export::delivery::Reply;
use crate::export::embed::{AppMessage, EmbedConfig};
use crate::export::signature::KeySet;
use crate::i18n::{bucket_name, field_message};
use crate::ui::compare::{comparison_html, Column};
use crate::ui::delivery::{deliver, Outgoing};
use crate::ui::embed::use_host;
use crate::ui::forms::{CheckSpec, Label, SelectSpec, TextSpec};
use crate::ui::{tr, use_i18n};
use account::AccountPanel;
use leptos::prelude::*;
use offer::OfferCard;
use panels::{AffordabilityPanel, NegotiationLogView, PolicyPanel};
use print::AgreementPrint;
use records::RecordsPanel;
use schedule::ScheduleView;
use std::sync::Arc;
pub use store::{DraftLayout, DraftStore};

/// An offer's evaluation: the outcome, or the errors by field.
pub type Evaluation = Result<Arc<PlanOutcome>, Arc<Vec<FieldError>>>;

/// The workspace's state, provided once.
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    /// Everything the agent typed, one signal per part.
    pub draft: DraftStore,
    /// The layout with the selected offer clamped to a valid index.
    pub layout: Memo<DraftLayout>,
    /// The policy in force: the draft's when its limits parse, else the default.
    pub policy: Memo<Policy>,
    /// Bad policy limits, by rule index.
    pub policy_errors: Memo<Vec<(usize, InputError)>>,
    /// Each offer slot's current evaluation (`None` for an empty slot).
    pub evaluations: [Memo<Option<Evaluation>>; MAX_OFFERS],
    /// Each offer slot's input errors (empty when it computes): unchanged while the agent
    /// types valid figures, so the messages beside the fields do not re-run.
    pub errors: [Memo<Arc<Vec<FieldError>>>; MAX_OFFERS],
    /// Each offer slot's last valid outcome.
    pub shown: [Memo<Option<Arc<PlanOutcome>>>; MAX_OFFERS],
    /// (best for creditor, most affordable) among the current outcomes.
    pub marks: Memo<(Option<usize>, Option<usize>)>,
    /// Whether the agreed offer's print view is open.
    pub printing: RwSignal<bool>,
    /// Each offer slot's plan request (the terms an approval names by their hash).
    pub requests: [Memo<Option<PlanRequest>>; MAX_OFFERS],
    /// Each offer slot's gate: whether it may be agreed, and why not.
    pub gates: [Memo<Option<Gate>>; MAX_OFFERS],
    /// The deployment's public keys (`keys.json`), once loaded.
    pub keys: RwSignal<Option<Arc<KeySet>>>,
    /// The deployment's policy profiles (`policies.json`) whose creditor's signature holds.
    pub profiles: RwSignal<Arc<Vec<Policy>>>,
    /// The profiles of `policies.json` left out, and why.
    pub refused_profiles: RwSignal<Vec<RefusedProfile>>,
    /// Hours the deployment keeps a draft beyond its tab (`deployment.json`), once loaded.
    pub draft_hours: RwSignal<Option<u32>>,
    /// Whether the agreed plan has left the workspace (downloaded, copied): the draft's
    /// personal part is then no longer stored, until the next account.
    pub exported: RwSignal<bool>,
    /// Where agreements go (`deployment.json`'s `intakeUrl`), once loaded; `None`: nowhere.
    pub intake: RwSignal<Option<String>>,
    /// The agreement sent to records and where it is: `None` not sent; `Some(None)` sending;
    /// else the intake's last answer ([`Reply::Retry`]: kept in the outbox, to be sent again).
    pub sent: RwSignal<Option<Option<Reply>>>,
}

/// The workspace state provided by [`Workspace`].
pub fn use_workspace() -> WorkspaceState {
    expect_context::<WorkspaceState>()
}

/// A file name made of safe characters only.
pub(super) fn file_stem(text: &str) -> String {
    let safe: String = text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(40).collect();
    if safe.is_empty() {
        "agreement".into()
    } else {
        safe
    }
}

/// A fresh draft for today.
pub fn new_draft() -> Draft {
    Draft::starting(browser::today())
}

/// The draft to start with: the saved one, or a new one; with a host's `seed`, the seed's
/// account and policy — keeping the saved offers only when the saved draft is of the same
/// account (a reloaded frame), else starting afresh.
fn initial_draft(seed: Option<&EmbedConfig>) -> Draft {
    let saved = crate::ui::keeping::saved_draft();
    let Some(seed) = seed else { return saved.unwrap_or_else(new_draft) };
    let account = seed.account.clone().map(AccountDraft::from);
    let same_account =
        |d: &Draft| account.as_ref().is_none_or(|a| a.claim == d.account.claim && a.reference == d.account.reference);
    let mut draft = saved.filter(same_account).unwrap_or_else(new_draft);
    if let Some(account) = account {
        draft.account = account;
    }
    if let Some(policy) = &seed.policy {
        draft.policy = PolicyDraft::from(policy);
    }
    draft
}

impl WorkspaceState {
    /// The product of the policy in force, which names the buckets (违约金 or 罚息); tracked.
    pub fn product(&self) -> Product {
        self.policy.with(|p| p.product)
    }

    /// A text field's label in the current language; a bucket's name follows the product.
    pub fn label(&self, label: Label) -> Signal<String> {
        let i18n = use_i18n();
        let state = *self;
        Signal::derive(move || match label {
            Label::Text(pick) => pick(i18n.t()).to_string(),
            Label::Bucket(bucket) => bucket_name(bucket, state.product(), i18n.locale.get()).to_string(),
        })
    }

    fn new(initial: Draft) -> Self {
        let draft = DraftStore::new(initial);
        let layout = Memo::new(move |_| {
            draft
                .layout
                .with(|l| DraftLayout { selected: l.selected.min(l.offer_count.saturating_sub(1)), ..l.clone() })
        });
        let parsed_policy = Memo::new(move |_| draft.policy.with(PolicyDraft::parse));
        let policy = Memo::new(move |_| parsed_policy.get().unwrap_or_else(|_| Policy::cn_bank_card()));
        let policy_errors = Memo::new(move |_| parsed_policy.get().err().unwrap_or_default());
        let requests = std::array::from_fn::<_, MAX_OFFERS, _>(|i| {
            let offer = draft.offers[i];
            Memo::new(move |_| {
                let policy = policy.get();
                offer.with(|offer| {
                    let offer = offer.as_ref()?;
                    draft.account.with(|account| {
                        draft.budget.with(|budget| {
                            draft.discount_rate.with(|rate| Some(offer_request(account, offer, budget, rate, &policy)))
                        })
                    })
                })
            })
        });
        let evaluations = std::array::from_fn(|i| {
            let request = requests[i];
            Memo::new(move |_| request.with(|r| r.as_ref().map(|r| evaluate(r).map(Arc::new).map_err(Arc::new))))
        });
        let errors = std::array::from_fn(|i| {
            let evaluation: Memo<Option<Evaluation>> = evaluations[i];
            Memo::new(move |_| match evaluation.get() {
                Some(Err(errors)) => errors,
                _ => Arc::default(),
            })
        });
        let shown = std::array::from_fn(|i| {
            let evaluation: Memo<Option<Evaluation>> = evaluations[i];
            Memo::new(move |previous: Option<&Option<Arc<PlanOutcome>>>| match evaluation.get() {
                Some(Ok(outcome)) => Some(outcome),
                Some(Err(_)) => previous.cloned().flatten(),
                None => None,
            })
        });
        let keys = RwSignal::new(None::<Arc<KeySet>>);
        let gates = std::array::from_fn(|i| {
            let (evaluation, request, offer): (Memo<Option<Evaluation>>, _, _) =
                (evaluations[i], requests[i], draft.offers[i]);
            Memo::new(move |_| {
                let outcome = evaluation.with(|e| e.as_ref().and_then(|e| e.as_ref().ok().cloned()))?;
                let code = offer.with(|o| o.as_ref().map(|o| o.approval.clone()))?;
                let keys = keys.get();
                request.with(|r| r.as_ref().map(|r| agree_gate(&outcome, r, &code, keys.as_deref())))
            })
        });
        let marks = Memo::new(move |_| {
            let current: Vec<Option<Arc<PlanOutcome>>> =
                evaluations.iter().map(|e| e.get().and_then(|r| r.ok())).collect();
            let refs: Vec<Option<&PlanOutcome>> = current.iter().map(|o| o.as_deref()).collect();
            (best_for_creditor(&refs), most_affordable(&refs))
        });
        WorkspaceState {
            draft,
            layout,
            policy,
            policy_errors,
            evaluations,
            errors,
            shown,
            marks,
            printing: RwSignal::new(false),
            requests,
            gates,
            keys,
            profiles: RwSignal::new(Arc::default()),
            refused_profiles: RwSignal::new(Vec::new()),
            draft_hours: RwSignal::new(None),
            exported: RwSignal::new(false),
            intake: RwSignal::new(None),
            sent: RwSignal::new(None),
        }
    }

    /// The profile named `name`: the creditor's signed one when the deployment ships it,
    /// else the built-in one.
    pub fn profile(self, name: &str) -> Option<Policy> {
        let signed = self.profiles.with_untracked(|p| p.iter().find(|p| p.name == name).cloned());
        signed.or_else(|| Policy::profile(name))
    }

    /// Puts the creditor's signed profile in place of an untouched built-in copy of it.
    pub fn adopt_signed(self, draft: &mut Draft) {
        let name = draft.policy.name.clone();
        let untouched = Policy::profile(&name).is_some_and(|p| PolicyDraft::from(&p) == draft.policy);
        if let (true, Some(signed)) = (untouched, self.profile(&name).filter(|p| p.signed.is_some())) {
            draft.policy = PolicyDraft::from(&signed);
        }
    }

    /// Downloads the agreed offer's agreement JSON; it has then left the workspace, and the
    /// draft's personal part leaves the browser's storage.
    pub fn download_agreement(self, channel: Channel) {
        let agreement = self.draft.with_untracked(|d| agreement_for_draft(d, channel)).and_then(Result::ok);
        if let Some(a) = agreement {
            let name = format!("accord-agreement-{}.json", file_stem(&a.references.account_reference));
            browser::download(&name, "application/json", &browser::pretty_json(&agreement_compact_json(&a)));
            self.exported.set(true);
        }
    }

    /// Sends the agreed plan to the deployment's intake ("Send to records"), with the agent's
    /// id, kept in the outbox until the intake answers for good; sent once it is stored.
    pub fn send_agreement(self, channel: Channel) {
        let Some(url) = self.intake.get_untracked() else { return };
        let agreement = self.draft.with_untracked(|d| agreement_for_draft(d, channel)).and_then(Result::ok);
        let Some(a) = agreement else { return };
        let outgoing = Outgoing { url, id: a.agreement_id.clone(), json: agreement_compact_json(&a) };
        outgoing.keep();
        self.deliver(outgoing);
    }

    /// Delivers `outgoing` (see [`deliver`]); what becomes of it shows on the agreed card when
    /// it is this draft's agreement.
    fn deliver(self, outgoing: Outgoing) {
        let ours = self.draft.with_untracked(|d| d.agreement_id.as_deref() == Some(outgoing.id.as_str()));
        if ours {
            self.sent.set(Some(None));
        }
        leptos::task::spawn_local(deliver(outgoing, move |reply| {
            if self.sent.is_disposed() {
                return false;
            }
            if ours {
                if matches!(reply, Reply::Received { .. }) {
                    self.exported.set(true);
                }
                self.sent.set(Some(Some(reply)));
            }
            true
        }));
    }

    /// Opens the agreed offer's printable agreement, its title focused.
    pub fn open_print(self) {
        self.printing.set(true);
        request_animation_frame(|| browser::focus("agreement-title"));
    }

    /// Starts a new account: a fresh draft on the creditor's signed profile, stored again
    /// from now on.
    pub fn start_new_account(self) {
        let mut fresh = new_draft();
        self.adopt_signed(&mut fresh);
        self.exported.set(false);
        self.draft.set(fresh);
    }

    /// Loads the deployment's settings, keys and signed profiles (`deployment.json`; the keys
    /// and profiles from `keys.json` and `policies.json` when it has none); a new account then
    /// starts on the creditor's signed profile.
    fn load_deployment(self) {
        leptos::task::spawn_local(async move {
            let settings = browser::deployment_settings().await;
            let (hours, intake) = (settings.draft_hours, settings.intake_url);
            // Without `keys`, deployment.json is the older layout: keys.json and policies.json.
            let older_layout = settings.keys.is_none();
            let keys = browser::deployment_keys(settings.keys).await;
            let profiles = match (&keys, settings.profiles) {
                (None, _) => None,
                // Written back as a `policies.json` text, so that one reader, [`signed_profiles`],
                // checks both layouts.
                (Some(_), Some(profiles)) => Some(format!("{{\"profiles\":{}}}", crate::json::Value::Array(profiles))),
                (Some(_), None) if older_layout => browser::fetch_text("policies.json").await,
                (Some(_), None) => None,
            };
            // A frame's next `init` may have replaced this mount while the files loaded.
            if self.keys.is_disposed() {
                return;
            }
            self.draft_hours.set(Some(hours));
            self.intake.set(intake);
            // Agreements sent to records earlier that never arrived go now; the card of this
            // draft's agreed offer says what became of its own.
            for outgoing in Outgoing::waiting() {
                self.deliver(outgoing);
            }
            if let (Some(keys), Some(text)) = (&keys, profiles) {
                match signed_profiles(&text, keys) {
                    Ok((kept, refused)) => {
                        self.profiles.set(Arc::new(kept));
                        self.refused_profiles.set(refused);
                        self.draft.update(|d| self.adopt_signed(d));
                    }
                    Err(reason) => browser::warn(&format!("Accord: policies.json ignored: {reason}")),
                }
            }
            self.keys.set(keys.map(Arc::new));
        });
    }

    /// The selected offer's index and name, tracked through the layout and that offer's memo
    /// rather than the whole draft; `None` when there is no offer.
    pub fn selected_offer(self) -> Option<(usize, String)> {
        let index = self.layout.with(|l| l.selected);
        let name = self.draft.offers.get(index)?.with(|o| o.as_ref().map(|o| o.name.clone()))?;
        Some((index, name))
    }

    /// The message beside a control of offer `index`, in the UI language: `field`'s, else
    /// the first of `also`'s (account and budget fields read the first offer's: they are the
    /// same in every offer).
    pub fn message(self, index: usize, field: Option<FieldId>, also: &'static [FieldId]) -> Signal<Option<String>> {
        if field.is_none() && also.is_empty() {
            return Signal::stored(None);
        }
        let locale = crate::ui::use_i18n().locale;
        let errors = self.errors[index];
        Signal::derive(move || {
            errors.with(|errors| {
                field_message(errors, |f| Some(f) == field, locale.get())
                    .or_else(|| field_message(errors, |f| also.contains(&f), locale.get()))
            })
        })
    }

    /// The message of any waiver field of `bucket` in offer `index`.
    pub fn waiver_message(self, index: usize, bucket: Bucket) -> Signal<Option<String>> {
        let locale = crate::ui::use_i18n().locale;
        let errors = self.errors[index];
        Signal::derive(move || errors.with(|errors| field_message(errors, |f| f.is_waiver_of(bucket), locale.get())))
    }

    /// A lens onto account text `spec`: its value and its writer.
    pub fn account_text(self, spec: &'static TextSpec<AccountDraft>) -> (Signal<String>, Callback<String>) {
        let (account, draft) = (self.draft.account, self.draft);
        let value = Memo::new(move |_| account.with(|a| (spec.get)(a).to_string()));
        (value.into(), Callback::new(move |text| draft.update(|d| (spec.set)(&mut d.account, text))))
    }

    /// A lens onto budget text `spec`.
    pub fn budget_text(self, spec: &'static TextSpec<BudgetRequest>) -> (Signal<String>, Callback<String>) {
        let (budget, draft) = (self.draft.budget, self.draft);
        let value = Memo::new(move |_| budget.with(|b| (spec.get)(b).to_string()));
        (value.into(), Callback::new(move |text| draft.update(|d| (spec.set)(&mut d.budget, text))))
    }

    /// A lens onto the creditor's discount rate.
    pub fn discount_text(self, spec: &'static TextSpec<String>) -> (Signal<String>, Callback<String>) {
        let (rate, draft) = (self.draft.discount_rate, self.draft);
        let value = Memo::new(move |_| rate.with(|r| (spec.get)(r).to_string()));
        (value.into(), Callback::new(move |text| draft.update(|d| (spec.set)(&mut d.discount_rate_percent, text))))
    }

    /// Edits offer `index` (nothing when the slot is empty).
    pub fn edit_offer(self, index: usize, edit: impl FnOnce(&mut OfferDraft)) {
        self.draft.update(|d| {
            if let Some(offer) = d.offers.get_mut(index) {
                edit(offer);
            }
        });
    }

    /// Reads a value of offer `index`, tracking only that offer.
    pub fn offer_value<T: PartialEq + Default + Clone + Send + Sync + 'static>(
        self,
        index: usize,
        read: fn(&OfferDraft) -> T,
    ) -> Memo<T> {
        let offer = self.draft.offers[index];
        Memo::new(move |_| offer.with(|o| o.as_ref().map(read).unwrap_or_default()))
    }

    /// A lens onto text `spec` of offer `index`.
    pub fn offer_text(self, index: usize, spec: &'static TextSpec<OfferDraft>) -> (Signal<String>, Callback<String>) {
        let offer = self.draft.offers[index];
        let value =
            Memo::new(move |_| offer.with(|o| o.as_ref().map(|o| (spec.get)(o).to_string()).unwrap_or_default()));
        (value.into(), Callback::new(move |text| self.edit_offer(index, |o| (spec.set)(o, text))))
    }

    /// A lens onto select `spec` of offer `index`.
    pub fn offer_select(self, index: usize, spec: &'static SelectSpec<OfferDraft>) -> (Signal<usize>, Callback<usize>) {
        let offer = self.draft.offers[index];
        let value = Memo::new(move |_| offer.with(|o| o.as_ref().map(spec.get).unwrap_or_default()));
        (value.into(), Callback::new(move |choice| self.edit_offer(index, |o| (spec.set)(o, choice))))
    }

    /// A lens onto checkbox `spec` of offer `index`.
    pub fn offer_check(self, index: usize, spec: &'static CheckSpec<OfferDraft>) -> (Signal<bool>, Callback<bool>) {
        let offer = self.draft.offers[index];
        let value = Memo::new(move |_| offer.with(|o| o.as_ref().is_some_and(spec.get)));
        (value.into(), Callback::new(move |on| self.edit_offer(index, |o| (spec.set)(o, on))))
    }
}

/// The offers side by side ([`crate::ui::compare`]): each figure in a row, the best cell of
/// each row marked, a blocked offer greyed with its reason.
#[component]
fn Comparison() -> impl IntoView {
    let state = use_workspace();
    let i18n = crate::ui::use_i18n();
    let html = move || {
        let locale = i18n.locale.get();
        let product = state.product();
        let offers: Vec<(String, Option<Arc<PlanOutcome>>, Option<String>)> = (0..MAX_OFFERS)
            .filter_map(|i| {
                let name = state.draft.offers[i].with(|o| o.as_ref().map(|o| o.name.clone()))?;
                let outcome = state.shown[i].get();
                let blocked = outcome.as_ref().and_then(|o| {
                    let block = o.findings.iter().find(|f| f.outcome == Outcome::Block)?;
                    Some(crate::i18n::finding_message(block, o.currency, product, locale))
                });
                Some((name, outcome, blocked))
            })
            .collect();
        let columns: Vec<Column> = offers
            .iter()
            .map(|(name, outcome, blocked)| Column { name, outcome: outcome.as_deref(), blocked: blocked.clone() })
            .collect();
        comparison_html(&columns, locale)
    };
    view! {
        <section class="card compare" data-testid="comparison">
            <h2 id="compare-title">{tr(|t| t.compare_title)}</h2>
            <div class="table-wide" tabindex="0" role="region" aria-labelledby="compare-title" inner_html=html></div>
        </section>
    }
}

/// The agent's screen.
#[component]
pub fn Workspace(
    /// A host's account and policy to start from (embedding).
    seed: Option<Arc<EmbedConfig>>,
) -> impl IntoView {
    let state = WorkspaceState::new(initial_draft(seed.as_deref()));
    provide_context(state);
    state.load_deployment();
    let draft = state.draft;
    // The outside world: the draft survives a reload, for as long as the deployment allows,
    // and not past its export.
    Effect::new(move |_| {
        if state.exported.get() {
            crate::ui::keeping::forget_draft();
        } else {
            crate::ui::keeping::keep_draft(&draft.get(), state.draft_hours.get());
        }
    });
    // An embedding host follows the selected offer's figures.
    let host = use_host();
    if host.connected() {
        let selected_plan = Memo::new(move |_| {
            let (index, name) = state.selected_offer()?;
            Some((name, state.shown.get(index)?.get()?))
        });
        Effect::new(move |_| {
            if let Some((offer, outcome)) = selected_plan.get() {
                host.send(&AppMessage::PlanChanged { offer, outcome });
            }
        });
    }
    let offer_count = move || state.layout.with(|l| l.offer_count);
    let i18n = crate::ui::use_i18n();
    // One polite live region announces the selected offer's recomputed payment.
    let announcement = move || {
        let (index, name) = state.selected_offer()?;
        let agreed = state.layout.with(|l| l.agreed.as_deref() == Some(name.as_str()));
        state.shown[index].with(|o| {
            o.as_ref().map(|o| {
                let payment = o.schedule.first().map(|r| r.payment).unwrap_or_default();
                let t = i18n.t();
                crate::i18n::fill(
                    if agreed { t.announce_agreed } else { t.announce_offer },
                    &[
                        ("name", &name),
                        ("payment", &crate::i18n::format_money(payment, o.currency, i18n.locale.get())),
                        ("count", &o.schedule.len().to_string()),
                    ],
                )
            })
        })
    };
    view! {
        <p class="visually-hidden" aria-live="polite" data-testid="announcer">
            {announcement}
        </p>
        <div class="workspace" class:printing=move || state.printing.get()>
            <AgreementPrint />
            <AccountPanel />
            // What a call needs on one screen: the offers side by side beside the debtor's budget.
            <div class="overview">
                <Comparison />
                <AffordabilityPanel />
            </div>
            <section class="offers" aria-labelledby="offers-title">
                <h2 id="offers-title" class="section-title">
                    {tr(|t| t.offers_title)}
                </h2>
                <div class="offer-grid">
                    <For each=move || 0..offer_count() key=|i| *i let:index>
                        <OfferCard index=index />
                    </For>
                </div>
            </section>
            <ScheduleView />
            <div class="side-panels">
                <PolicyPanel />
                <NegotiationLogView />
                <RecordsPanel />
            </div>
        </div>
    }
}
