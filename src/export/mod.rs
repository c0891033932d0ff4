//! Pure exports of a computed plan: the schedule as CSV, the geometry of the balance chart
//! and the printable agreement. (The versioned agreement JSON joins here.)

pub mod agreement;
#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod canonical;
pub mod chart;
pub mod csv;
pub mod embed;
pub mod print;
pub mod signature;
pub mod utc;
