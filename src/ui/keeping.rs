//! Where the agent's working draft is kept, and for how long. The draft holds personal data
//! (the debtor's claim, income, expenses and other debts, the account reference, the
//! negotiation), so it is kept no longer than the call needs (PIPL Art. 19; README
//! "Personal data"):
//!
//! - for the tab, in `sessionStorage` under `accord.draft`: it survives a reload and a
//!   crashed tab, not the closed tab;
//! - beyond the tab only when the deployment allows it (`deployment.json` `draftHours`), in
//!   `localStorage` under `accord.draft.kept` with its expiry; an expired copy is removed the
//!   next time the app starts;
//! - not at all once the agreed plan has been exported, until the next account.

use crate::browser::{self, Keep};
use crate::domain::members::{self, Members, ReadError, Value};
use crate::domain::negotiation::{Draft, DRAFT_VERSION};

/// The tab's draft; the follow-up page writes a renegotiation here before it opens the
/// workspace.
pub const TAB_KEY: &str = "accord.draft";
const KEPT_KEY: &str = "accord.draft.kept";

/// A draft kept beyond its tab, with its expiry.
struct KeptDraft {
    /// Milliseconds since 1970 (the browser's clock) after which the copy is void.
    expires_at_ms: u64,
    draft: Draft,
}

impl KeptDraft {
    /// Reads the kept copy `keep_draft` wrote (other members ignored).
    fn from_json(value: Value) -> Result<KeptDraft, ReadError> {
        let mut m = Members::lenient(value, "struct KeptDraft")?;
        let kept = KeptDraft {
            expires_at_ms: m.required("expiresAtMs", members::whole_u64),
            draft: m.required("draft", Draft::from_json),
        };
        m.finish(kept)
    }
}

/// The draft or kept copy in `text`, when it reads.
fn read<T>(text: &str, read: fn(Value) -> Result<T, ReadError>) -> Option<T> {
    members::parse(text).and_then(read).ok()
}

fn usable(draft: Draft) -> Option<Draft> {
    (draft.version == DRAFT_VERSION && !draft.offers.is_empty()).then_some(draft)
}

/// The draft to resume: this tab's, else one the deployment keeps and that has not expired.
/// An expired or unreadable kept copy is removed.
pub fn saved_draft() -> Option<Draft> {
    let in_tab = browser::load(Keep::Tab, TAB_KEY).and_then(|text| read(&text, Draft::from_json));
    let kept = browser::load(Keep::Browser, KEPT_KEY).and_then(|text| read(&text, KeptDraft::from_json));
    let kept = match kept {
        Some(kept) if kept.expires_at_ms > browser::now_millis() => Some(kept.draft),
        _ => {
            browser::remove(Keep::Browser, KEPT_KEY);
            None
        }
    };
    in_tab.and_then(usable).or_else(|| kept.and_then(usable))
}

/// Keeps `draft` for the tab and, when the deployment allows (`hours` > 0), in the browser
/// until `hours` from now; `None`: the deployment's settings are not loaded yet, so a kept
/// copy is left as it is.
pub fn keep_draft(draft: &Draft, hours: Option<u32>) {
    let Some(json) = crate::export::json::to_string(draft) else { return };
    browser::save(Keep::Tab, TAB_KEY, &json);
    match hours {
        None => {}
        Some(0) => browser::remove(Keep::Browser, KEPT_KEY),
        Some(hours) => {
            let expires_at_ms = browser::now_millis() + u64::from(hours) * 3_600_000;
            browser::save(Keep::Browser, KEPT_KEY, &format!(r#"{{"expiresAtMs":{expires_at_ms},"draft":{json}}}"#));
        }
    }
}

/// Removes every stored copy of the draft from this computer, and what the follow-up page
/// keeps for the tab (the agreement opened, the payments typed).
pub fn forget_draft() {
    browser::remove(Keep::Tab, TAB_KEY);
    browser::remove(Keep::Browser, KEPT_KEY);
    browser::remove(Keep::Tab, crate::ui::follow_up::AGREEMENT_KEY);
    browser::remove(Keep::Tab, crate::ui::follow_up::PAYMENTS_KEY);
}
