//! Pieces used by more than one page.

mod body_map;
mod check_in;
mod choices;
mod disclosure;
mod emergency;
mod emergency_number;
mod file_button;
mod how_to;
mod restore_button;
mod session_controls;
mod stage;
mod start_gate;
mod today;
mod unfinished_session;
mod your_data;

pub use body_map::BodyMap;
pub use check_in::CheckInForm;
pub use choices::Choices;
pub use disclosure::Disclosure;
pub use emergency::EmergencyDialog;
pub use emergency_number::EmergencyNumber;
pub use file_button::{FileButton, FileChooser};
pub use how_to::{HowTo, HowToDisclosure};
pub use restore_button::RestoreButton;
pub use session_controls::SessionControls;
pub use stage::Stage;
pub use start_gate::StartGateNotice;
pub use today::{LogSymptomsLink, Today, planned_today};
pub use unfinished_session::UnfinishedSession;
pub use your_data::{BackupReminder, YourData};
