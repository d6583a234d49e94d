//! One component per page.

mod extra;
mod home;
mod log_symptoms;
mod self_check;
mod session;
mod settings;
mod setup;
pub mod warning_signs;

pub use extra::Extra;
pub use home::Home;
pub use log_symptoms::LogSymptoms;
pub use self_check::SelfCheckPage;
pub use session::SessionPage;
pub use settings::Settings;
pub use setup::Setup;
pub use warning_signs::WarningSigns;
