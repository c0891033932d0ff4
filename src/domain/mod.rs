//! The pure calculation core: money, dates, claims, plans, schedules, annualized rates,
//! policy checks and affordability.
//!
//! No web crates, no clock, no randomness: every date comes in as a parameter, so the same
//! code runs natively (tests, the `accord` CLI) and in the browser, with the same results.

pub mod calendar;
pub mod claim;
pub mod exact;
pub mod irr;
pub mod members;
pub mod money;
pub mod names;
pub mod negotiation;
pub mod offer;
pub mod plan;
pub mod policy;
pub mod request;
pub mod schedule;
pub mod servicing;
