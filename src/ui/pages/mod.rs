//! One component per page.

mod history;
mod home;
mod lazy;
mod self_check;
mod session;
mod settings;
mod setup;
pub mod warning_signs;

pub use history::History;
pub use home::Home;
pub use lazy::PacksModule;
pub use self_check::SelfCheckPage;
pub use session::SessionPage;
pub use settings::Settings;
pub use setup::Setup;
pub use warning_signs::WarningSigns;
