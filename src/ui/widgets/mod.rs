//! Pieces used by more than one page.

mod check_in;
mod session_controls;

pub use check_in::CheckInForm;
pub use session_controls::SessionControls;
