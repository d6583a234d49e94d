//! What the app tells the patient at the top of every page, with its cause
//! and what makes it go.

use crate::core::journal::{LoadProblem, StoreError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Storage is full: records are kept in memory until there is room.
    /// Goes when every record is stored.
    Full,
    /// Storage cannot be used at all.
    Unavailable(String),
    /// Everything kept in memory has been stored after all.
    RoomAgain,
    /// Something found at load.
    Load(LoadProblem),
    /// A stored session that does not fit its own plan, moved aside.
    SessionUnreadable { kept_as: String },
    /// The browser cannot keep the screen on.
    NoWakeLock,
    /// Every exercise of the routine the patient started is stopped today.
    AllStopped,
    /// Making the backup failed.
    BackupFailed(String),
}

impl Notice {
    pub fn from_store_error(e: &StoreError) -> Notice {
        match e {
            StoreError::Full => Notice::Full,
            StoreError::Unavailable(why) => Notice::Unavailable(why.clone()),
        }
    }

    /// Whether it is worth a backup beside it: something was not saved or
    /// could not be read.
    pub fn offers_backup(&self) -> bool {
        matches!(
            self,
            Notice::Full
                | Notice::Unavailable(_)
                | Notice::SessionUnreadable { .. }
                | Notice::Load(
                    LoadProblem::Unreadable { .. } | LoadProblem::UnreadableRecords { .. }
                )
        )
    }

    pub fn message(&self) -> String {
        match self {
            Notice::Full => "This device's storage for the app is full. What you record now is \
                kept while this page stays open and saved as soon as there is room: back up now \
                to keep a copy of everything."
                .into(),
            Notice::Unavailable(why) => format!(
                "The app cannot save to this browser's storage ({why}). What you record now is \
                 kept while this page stays open."
            ),
            Notice::RoomAgain => "There is room again: everything you recorded is saved.".into(),
            Notice::Load(LoadProblem::NewerSchema(v)) => format!(
                "Your data was saved by a newer version of Centralise (format {v}). It is left \
                 untouched; this version will not change it. Reload to get the newer version."
            ),
            Notice::Load(LoadProblem::Unreadable { kept_as, .. }) => format!(
                "Some saved data could not be read. It has been kept aside as it was ({kept_as}) \
                 and goes into your backup; everything else loaded."
            ),
            Notice::Load(LoadProblem::UnreadableRecords { count, .. }) => format!(
                "{count} saved record{} could not be read. {} kept as stored; everything else \
                 loaded.",
                if *count == 1 { "" } else { "s" },
                if *count == 1 { "It is" } else { "They are" }
            ),
            Notice::SessionUnreadable { kept_as } => format!(
                "The session you had not finished could not be read, so it cannot be resumed. \
                 It has been kept aside as it was ({kept_as}); the sets you did are in your \
                 history."
            ),
            Notice::NoWakeLock => "This browser cannot keep the screen on during a session. If \
                the screen goes dark, the timer keeps counting: tap to wake it."
                .into(),
            Notice::AllStopped => "Every exercise in this routine is stopped for today by a \
                safety rule. Rest, and tell your physiotherapist."
                .into(),
            Notice::BackupFailed(e) => format!("The backup could not be made: {e}."),
        }
    }
}
