//! Pages addressed by the URL fragment (`#/history`), so that any static
//! host, and later the offline cache, serves every page from one file.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Session,
    History,
    WarningSigns,
    Settings,
    SelfCheck,
    Packs,
    CheckPack,
    /// The pack editor; `#/packs/write/ID` opens a draft.
    WritePack,
    LogSymptoms,
    Activities,
    Report,
    PatientBackup,
    About,
}

impl Route {
    pub fn from_hash(hash: &str) -> Route {
        match hash.trim_start_matches('#').trim_start_matches('/') {
            "session" => Route::Session,
            "history" => Route::History,
            "warning-signs" => Route::WarningSigns,
            "settings" => Route::Settings,
            "self-check" => Route::SelfCheck,
            "packs" => Route::Packs,
            "packs/check" => Route::CheckPack,
            h if h == "packs/write" || h.starts_with("packs/write/") => Route::WritePack,
            "log" => Route::LogSymptoms,
            "activities" => Route::Activities,
            "report" => Route::Report,
            "patient-backup" => Route::PatientBackup,
            "about" => Route::About,
            _ => Route::Home,
        }
    }

    pub fn href(self) -> &'static str {
        match self {
            Route::Home => "#/",
            Route::Session => "#/session",
            Route::History => "#/history",
            Route::WarningSigns => "#/warning-signs",
            Route::Settings => "#/settings",
            Route::SelfCheck => "#/self-check",
            Route::Packs => "#/packs",
            Route::CheckPack => "#/packs/check",
            Route::WritePack => "#/packs/write",
            Route::LogSymptoms => "#/log",
            Route::Activities => "#/activities",
            Route::Report => "#/report",
            Route::PatientBackup => "#/patient-backup",
            Route::About => "#/about",
        }
    }

    /// The route in the address bar now.
    pub fn current() -> Route {
        let hash = leptos::prelude::window()
            .location()
            .hash()
            .unwrap_or_default();
        Route::from_hash(&hash)
    }

    /// Goes to a page the way a link would (so Back works).
    pub fn go(self) {
        let _ = leptos::prelude::window().location().set_hash(self.href());
    }
}
