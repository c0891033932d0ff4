//! The views. Leptos components render what the core computed and do no arithmetic on
//! money; [`forms`] declares each form's controls once and [`print`] builds the printable
//! agreement as escaped HTML: both are pure (they compile and are tested natively, like the
//! core).
//!
//! Module order follows the data: `boot` starts a mount (page, frame or host element) with
//! an [`app::Start`]; `app` shows the header and a screen; `embed` is the host a mount talks
//! to; the screens (`workspace`, `self_service`) are made of `field`s and read `i18n_context`.

pub mod compare;
pub mod forms;
pub mod print;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod boot;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
mod field;
#[cfg(target_arch = "wasm32")]
mod header;
#[cfg(target_arch = "wasm32")]
mod i18n_context;
#[cfg(target_arch = "wasm32")]
mod self_service;
#[cfg(target_arch = "wasm32")]
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub use app::{Accord, Start};
#[cfg(target_arch = "wasm32")]
pub use i18n_context::{provide_i18n, tr, use_i18n, I18n};
