//! The views. Leptos components render what the core computed and do no arithmetic on
//! money; [`forms`] declares each form's controls once and [`print`] builds the printable
//! agreement as escaped HTML: both are pure (they compile and are tested natively, like the
//! core).
//!
//! Module order follows the data: `boot` starts a mount (page, frame or host element) with
//! a `boot::Start` and the bundle's mount function; `app` is the agent's Leptos root (header
//! and `workspace`, made of `field`s and reading `i18n_context`); `debtor_page` puts the pure
//! `self_service` view into the debtor's page without Leptos; `embed` is the host a mount
//! talks to. The Leptos modules are the `workspace` feature's (the agent's bundle only).

pub mod compare;
pub mod follow_up;
pub mod forms;
pub mod page;
pub mod print;

#[cfg(all(target_arch = "wasm32", feature = "workspace"))]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod boot;
#[cfg(target_arch = "wasm32")]
pub mod debtor_page;
#[cfg(target_arch = "wasm32")]
pub mod delivery;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(all(target_arch = "wasm32", feature = "workspace"))]
mod field;
#[cfg(all(target_arch = "wasm32", feature = "workspace"))]
mod header;
#[cfg(all(target_arch = "wasm32", feature = "workspace"))]
mod i18n_context;
#[cfg(target_arch = "wasm32")]
pub mod keeping;
pub mod self_service;
#[cfg(target_arch = "wasm32")]
pub mod servicing_page;
#[cfg(all(target_arch = "wasm32", feature = "workspace"))]
pub mod workspace;

#[cfg(all(target_arch = "wasm32", feature = "workspace"))]
pub use app::Accord;
#[cfg(target_arch = "wasm32")]
pub use boot::Start;
#[cfg(all(target_arch = "wasm32", feature = "workspace"))]
pub use i18n_context::{provide_i18n, tr, use_i18n, I18n};
