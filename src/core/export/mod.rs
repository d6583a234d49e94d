//! What leaves the device, only when the patient asks: the full backup
//! (which also moves the journal to a new phone) and the plan as a
//! calendar file.

pub mod backup;
pub mod calendar;
