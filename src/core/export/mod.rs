//! What leaves the device, only when the patient asks: the full backup
//! (which also moves the journal to a new phone), the plan as a calendar
//! file, and the sets as CSV.

pub mod backup;
pub mod calendar;
pub mod csv;
