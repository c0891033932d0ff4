//! The app's side of embedding: where its messages go (the framing page at an allowed
//! origin, or a mounting host's `onMessage`). Messages are read and written by
//! [`crate::export::embed`]; the frame session that accepts them is [`super::boot`].

use crate::browser;
use crate::export::embed::AppMessage;
#[cfg(feature = "workspace")]
pub use workspace_host::{use_host, Host};

/// Where the app's messages go.
#[derive(Clone)]
pub enum HostTarget {
    /// The framing page, at this exact origin from the allow-list.
    Parent { origin: String },
    /// The `onMessage` function a same-origin host passed to `mount`.
    Callback(js_sys::Function),
}

impl HostTarget {
    /// Sends `message` to the host.
    pub fn send(&self, message: &AppMessage) {
        match self {
            HostTarget::Parent { origin } => browser::post_to_parent(&message.to_json(), origin),
            HostTarget::Callback(function) => browser::call_host(function, &message.to_json()),
        }
    }
}

/// The workspace's handle on its host (Leptos context).
#[cfg(feature = "workspace")]
mod workspace_host {
    use super::HostTarget;
    use crate::export::agreement::Channel;
    use crate::export::embed::AppMessage;
    use leptos::prelude::*;

    /// The embedding host of this mount, if there is one (provided once by the app root).
    #[derive(Clone, Copy)]
    pub struct Host {
        target: StoredValue<Option<HostTarget>, LocalStorage>,
    }

    impl Host {
        pub fn new(target: Option<HostTarget>) -> Self {
            Host { target: StoredValue::new_local(target) }
        }

        /// Whether messages go anywhere.
        pub fn connected(self) -> bool {
            self.target.with_value(Option::is_some)
        }

        /// Whether the app is mounted into a host's own page (not in a frame): navigating would
        /// take the host's page away.
        pub fn mounted(self) -> bool {
            self.target.with_value(|target| matches!(target, Some(HostTarget::Callback(_))))
        }

        /// Sends `message` to the host; nothing when there is none.
        pub fn send(self, message: &AppMessage) {
            self.target.with_value(|target| {
                if let Some(target) = target {
                    target.send(message);
                }
            });
        }

        /// The channel an agent's agreement records: embedded when a host takes part.
        pub fn agent_channel(self) -> Channel {
            if self.connected() {
                Channel::Embedded
            } else {
                Channel::Agent
            }
        }
    }

    /// The host provided by the app root.
    pub fn use_host() -> Host {
        expect_context::<Host>()
    }
}
