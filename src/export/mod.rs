//! Pure exports of a computed plan and the files and messages Accord exchanges: the
//! agreement JSON (with import and verify), canonical JSON and its hash, signed links, the
//! embedding protocol, the schedule as CSV and the geometry of the balance chart. Nothing
//! here words anything in a language: that is `i18n` and the views.

pub mod agreement;
pub mod approval;
pub mod base64url;
#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod calendar;
pub mod canonical;
pub mod chart;
pub mod csv;
pub mod delivery;
pub mod deployment;
pub mod embed;
pub mod json;
pub mod renegotiation;
#[cfg(not(target_arch = "wasm32"))]
pub mod servicing;
pub mod signature;
pub mod utc;
