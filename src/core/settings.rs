//! The patient's settings, stored as one small JSON value.

use serde::{Deserialize, Serialize};

/// Each cue can be switched off; all are on until the patient says
/// otherwise. Fields added later default, so older stored settings load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Spoken prompts and counts.
    pub voice: bool,
    /// Vibration patterns.
    pub vibration: bool,
    /// Tones at the end of each phase.
    pub sounds: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            voice: true,
            vibration: true,
            sounds: true,
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
        assert_eq!(Settings::decode(&s.encode()).unwrap(), s);
        let old = Settings::decode(r#"{"voice":false}"#).unwrap();
        assert!(!old.voice && old.vibration && old.sounds);
        assert!(Settings::decode("{not json").is_err());
    }
}
