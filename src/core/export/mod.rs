//! What leaves the device, only when the patient asks: the full backup
//! (which also moves the journal to a new phone), the plan as a calendar
//! file, the sets as CSV, and the check-ins, self-checks and PSFS as a FHIR
//! bundle for a therapist's records system.

pub mod backup;
pub mod calendar;
pub mod charts;
pub mod csv;
pub mod fhir;
pub mod html;
pub mod report;
