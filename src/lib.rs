//! Accord: a repayment-plan and negotiation calculator for debt collection.
//!
//! Data flows one way: raw text ([`domain::request::PlanRequest`]) → parsed input →
//! computed plan ([`domain::plan::PlanOutcome`]) → view or export. `domain` is the pure core;
//! `i18n` holds every visible string (pure too); `ui` and `browser` exist only in the
//! wasm32 build.

pub mod domain;
pub mod export;
pub mod i18n;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use ui::App;
