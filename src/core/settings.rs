//! The patient's settings, stored as one small JSON value.

use serde::{Deserialize, Serialize};

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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            voice: true,
            vibration: true,
            sounds: true,
            emergency_number: String::new(),
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
