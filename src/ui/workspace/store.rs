//! The agent's draft held as one signal per part.
//!
//! A keystroke changes one part (the account, one offer, the budget, …). With the whole draft
//! in one signal, every keystroke marked everything that read any part of it — every field of
//! every offer, the policy table, the log — and each had to check whether its part changed
//! (a quarter of the reactive bookkeeping in a keystroke's profile). Here a write notifies
//! only the parts it changed.

use crate::domain::negotiation::{
    AccountDraft, Draft, LogEntry, OfferDraft, PolicyDraft, Supersedes, DRAFT_VERSION, MAX_OFFERS,
};
use crate::domain::request::BudgetRequest;
use leptos::prelude::*;

/// Which offers there are, which one is shown and which one was agreed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftLayout {
    pub offer_count: usize,
    /// The offer whose schedule is shown, as stored (may be past the end after a removal;
    /// `WorkspaceState::layout` clamps it).
    pub selected: usize,
    pub agreed: Option<String>,
    pub agreement_id: Option<String>,
    /// The approval code the agreed offer was agreed with.
    pub agreed_approval: Option<String>,
    /// The agreement this negotiation replaces.
    pub supersedes: Option<Supersedes>,
}

/// The draft's parts, each in a signal of its own. Reads go to the part signals; writes go
/// through [`DraftStore::update`], which edits a whole [`Draft`] (so its invariants hold)
/// and writes back only the parts that changed.
#[derive(Clone, Copy)]
pub struct DraftStore {
    pub account: RwSignal<AccountDraft>,
    /// Offer slots: `Some` for the first `layout.offer_count` slots.
    pub offers: [RwSignal<Option<OfferDraft>>; MAX_OFFERS],
    pub budget: RwSignal<BudgetRequest>,
    pub policy: RwSignal<PolicyDraft>,
    /// The creditor's annual discount rate in percent, as typed.
    pub discount_rate: RwSignal<String>,
    pub layout: RwSignal<DraftLayout>,
    pub log: RwSignal<Vec<LogEntry>>,
}

impl DraftStore {
    pub fn new(draft: Draft) -> Self {
        let store = DraftStore {
            account: RwSignal::new(AccountDraft::default()),
            offers: std::array::from_fn(|_| RwSignal::new(None)),
            budget: RwSignal::new(BudgetRequest::default()),
            policy: RwSignal::new(PolicyDraft::default()),
            discount_rate: RwSignal::new(String::new()),
            layout: RwSignal::new(DraftLayout::default()),
            log: RwSignal::new(Vec::new()),
        };
        store.set(draft);
        store
    }

    /// The whole draft, without tracking.
    pub fn get_untracked(self) -> Draft {
        let layout = self.layout.get_untracked();
        Draft {
            version: DRAFT_VERSION,
            account: self.account.get_untracked(),
            offers: self.offers[..layout.offer_count].iter().filter_map(|o| o.get_untracked()).collect(),
            budget: self.budget.get_untracked(),
            policy: self.policy.get_untracked(),
            discount_rate_percent: self.discount_rate.get_untracked(),
            selected: layout.selected,
            agreed: layout.agreed,
            agreement_id: layout.agreement_id,
            agreed_approval: layout.agreed_approval,
            log: self.log.get_untracked(),
            supersedes: layout.supersedes,
        }
    }

    /// The whole draft, tracking every part (for what depends on all of it: saving it).
    pub fn get(self) -> Draft {
        self.account.track();
        self.offers.iter().for_each(|o| o.track());
        self.budget.track();
        self.policy.track();
        self.discount_rate.track();
        self.layout.track();
        self.log.track();
        self.get_untracked()
    }

    /// Reads the whole draft without tracking.
    pub fn with_untracked<T>(self, f: impl FnOnce(&Draft) -> T) -> T {
        f(&self.get_untracked())
    }

    /// Edits the draft; only the parts that changed notify their readers.
    pub fn update(self, f: impl FnOnce(&mut Draft)) {
        let mut draft = self.get_untracked();
        f(&mut draft);
        self.set(draft);
    }

    /// Replaces the draft; only the parts that differ notify their readers.
    pub fn set(self, draft: Draft) {
        let Draft {
            account,
            offers,
            budget,
            policy,
            discount_rate_percent,
            selected,
            agreed,
            agreement_id,
            agreed_approval,
            log,
            supersedes,
            ..
        } = draft;
        let offer_count = offers.len().min(MAX_OFFERS);
        let layout = DraftLayout { offer_count, selected, agreed, agreement_id, agreed_approval, supersedes };
        let mut offers = offers.into_iter();
        for slot in self.offers {
            set_if_changed(slot, offers.next());
        }
        set_if_changed(self.account, account);
        set_if_changed(self.budget, budget);
        set_if_changed(self.policy, policy);
        set_if_changed(self.discount_rate, discount_rate_percent);
        set_if_changed(self.layout, layout);
        set_if_changed(self.log, log);
    }
}

/// Writes `value` into `signal` only when it differs, so that readers of an unchanged part
/// are not notified.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
