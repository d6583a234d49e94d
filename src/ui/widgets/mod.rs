//! Pieces used by more than one page.

mod check_in;
mod session_controls;
mod unfinished_session;

pub use check_in::CheckInForm;
pub use session_controls::SessionControls;
pub use unfinished_session::UnfinishedSession;
