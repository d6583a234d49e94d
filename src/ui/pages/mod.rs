//! One component per page.

mod check_pack;
mod history;
mod home;
mod packs;
mod self_check;
mod session;
mod settings;
mod setup;
pub mod warning_signs;

pub use check_pack::CheckPackPage;
pub use history::History;
pub use home::Home;
pub use packs::PacksPage;
pub use self_check::SelfCheckPage;
pub use session::SessionPage;
pub use settings::Settings;
pub use setup::Setup;
pub use warning_signs::WarningSigns;
