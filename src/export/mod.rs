//! Pure exports of a computed plan: the schedule as CSV and the geometry of the balance
//! chart. (The versioned agreement JSON joins here.)

pub mod chart;
pub mod csv;
