//! What leaves the device, only when the patient asks: for now the full
//! backup, which also moves the journal to a new phone.

pub mod backup;
