//! Accord: a repayment-plan and negotiation calculator for debt collection.
//!
//! Data flows one way: raw text ([`domain::request::PlanRequest`]) → parsed input →
//! computed plan ([`domain::plan::PlanOutcome`]) → view or export. `domain` is the pure core;
//! `export` the files and messages; `locale` and `i18n` every visible string (pure too);
//! `json` the JSON text and tree the browser's bundles read;
//! `ui` the views (only its printable agreement outside the wasm32 build); `browser` the one
//! module that touches web APIs.

pub mod domain;
pub mod export;
pub mod i18n;
pub mod json;
pub mod locale;

#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod ui;
