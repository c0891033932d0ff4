//! Delivering an agreement to the creditor's intake (`deployment.json`'s `intakeUrl`), for
//! the debtor's page and the agent's workspace alike: posted with `Idempotency-Key:
//! <agreementId>`, kept meanwhile in the outbox (`localStorage`, README "Personal data") so a
//! reload or a day offline does not lose it, tried again with a growing wait until the
//! intake answers for good, and then removed. The answers are read by the pure
//! [`crate::export::delivery`].

use crate::browser::{self, Keep};
use crate::export::delivery::{read_reply, retry_delay_seconds, Reply};

/// The `localStorage` keys of the outbox: `accord.outbox.<agreementId>`, one per agreement
/// not yet acknowledged, holding `URL\nJSON`.
const OUTBOX: &str = "accord.outbox.";

/// How long one post may take before it counts as not answered, in milliseconds.
const POST_TIMEOUT_MS: u32 = 15_000;

/// An agreement on its way: where to, its id and its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub url: String,
    pub id: String,
    pub json: String,
}

impl Outgoing {
    /// Puts it in the outbox, beside the others waiting (the same agreement again replaces
    /// itself).
    pub fn keep(&self) {
        browser::save(Keep::Browser, &format!("{OUTBOX}{}", self.id), &format!("{}\n{}", self.url, self.json));
    }

    /// Every agreement the outbox holds.
    pub fn waiting() -> Vec<Outgoing> {
        browser::stored_keys(Keep::Browser, OUTBOX)
            .into_iter()
            .filter_map(|key| {
                let text = browser::load(Keep::Browser, &key)?;
                let (url, json) = text.split_once('\n')?;
                let id = key.strip_prefix(OUTBOX)?.to_string();
                Some(Outgoing { url: url.to_string(), id, json: json.to_string() })
            })
            .collect()
    }

    fn remove(&self) {
        browser::remove(Keep::Browser, &format!("{OUTBOX}{}", self.id));
    }
}

/// Posts `outgoing` until the intake answers for good, telling `on_reply` each answer
/// ([`Reply::Retry`] while it waits; `on_reply` returns `false` to stop, e.g. when its view
/// is gone: the outbox keeps the agreement for the next visit). A final answer empties the
/// outbox.
pub async fn deliver(outgoing: Outgoing, mut on_reply: impl FnMut(Reply) -> bool) {
    let mut attempt = 0;
    loop {
        let reply = match browser::post_json(&outgoing.url, &outgoing.id, &outgoing.json, POST_TIMEOUT_MS).await {
            Some((status, body)) => read_reply(status, &body),
            None => Reply::Retry,
        };
        let waiting = reply == Reply::Retry;
        if !waiting {
            outgoing.remove();
        }
        if !on_reply(reply) || !waiting {
            return;
        }
        attempt += 1;
        browser::sleep(retry_delay_seconds(attempt) * 1000).await;
    }
}
