//! The patient's settings, stored as one small JSON value.

use crate::core::plan::WakingHours;
use serde::{Deserialize, Serialize};

/// The leg with sciatica, as the patient said at the first run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AffectedLeg {
    Left,
    Right,
    /// Both legs: a warning sign in itself, so the first run goes straight
    /// to the warning-signs questions.
    Both,
}

impl AffectedLeg {
    pub const ALL: [AffectedLeg; 3] = [AffectedLeg::Left, AffectedLeg::Right, AffectedLeg::Both];

    pub fn label(self) -> &'static str {
        match self {
            AffectedLeg::Left => "Left leg",
            AffectedLeg::Right => "Right leg",
            AffectedLeg::Both => "Both legs",
        }
    }
}

/// Each cue can be switched off; all are on until the patient says
/// otherwise. Fields added later default, so older stored settings load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Spoken prompts and counts.
    pub voice: bool,
    /// Vibration patterns.
    pub vibration: bool,
    /// Tones at the end of each phase.
    pub sounds: bool,
    /// The number the emergency advice tells the patient to call; empty
    /// until they set it (the advice then names 112 and 999 as examples).
    pub emergency_number: String,
    pub affected_leg: Option<AffectedLeg>,
    /// The first-run setup was completed.
    pub setup_done: bool,
    /// The S1 heel-raise self-check is offered (the therapist says when:
    /// testing to fatigue can flare symptoms).
    pub self_check: bool,
    /// The id of the pack whose routines Home shows; the first pack when
    /// unset or when that pack is gone.
    pub active_pack: Option<String>,
    /// When the patient is up: today's plan spreads sessions over it.
    pub waking: WakingHours,
    /// A notification when a session is due, while the app is open in the
    /// background (the patient turned it on and the browser allowed it).
    pub reminders: bool,
    /// What the plan was when the patient last added it to their calendar
    /// (`Model::calendar_key`): when it differs, Home offers it again.
    pub calendar: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            voice: true,
            vibration: true,
            sounds: true,
            emergency_number: String::new(),
            affected_leg: None,
            setup_done: false,
            self_check: false,
            active_pack: None,
            waking: WakingHours::default(),
            reminders: false,
            calendar: None,
        }
    }
}

impl Settings {
    pub fn decode(text: &str) -> Result<Settings, serde_json::Error> {
        serde_json::from_str(text)
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Settings;

    #[test]
    fn settings_round_trip_and_missing_fields_default_to_on() {
        let s = Settings {
            voice: false,
            ..Settings::default()
        };
        assert_eq!(Settings::decode(&s.encode()).unwrap(), s.clone());
        let old = Settings::decode(r#"{"voice":false}"#).unwrap();
        assert!(!old.voice && old.vibration && old.sounds);
        assert!(Settings::decode("{not json").is_err());
    }
}
