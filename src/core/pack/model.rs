//! The validated pack: what the app runs. Built only by `pack::parse`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    pub id: String,
    pub version: String,
    pub title: String,
    pub author: String,
    pub language: String,
    pub safety_note: Option<String>,
    pub exercises: Vec<Exercise>,
    pub routines: Vec<Routine>,
}

impl Pack {
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    pub fn routine(&self, id: &str) -> Option<&Routine> {
        self.routines.iter().find(|r| r.id == id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    DirectionalPreference,
    CoreStabilisation,
    NerveMobility,
    Other,
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::DirectionalPreference => "Directional preference",
            Category::CoreStabilisation => "Core stabilisation",
            Category::NerveMobility => "Nerve mobility",
            Category::Other => "Other",
        }
    }
}

/// How an exercise is dosed: counted movements, a position held for minutes,
/// or a short muscular hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Repeated,
    Sustained,
    Hold,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Repeated => "repeated",
            Kind::Sustained => "sustained",
            Kind::Hold => "hold",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub kind: Kind,
    /// Short plain-language steps, in order.
    pub steps: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Routine {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    /// Time to get into position before each exercise (default 10 s).
    pub get_ready_seconds: Option<u32>,
    /// Time to change sides in per-side sets (default 5 s).
    pub switch_seconds: Option<u32>,
    pub items: Vec<RoutineItem>,
}

impl Routine {
    /// The routine's main category: that of its first exercise.
    pub fn category(&self, pack: &Pack) -> Option<Category> {
        let first = self.items.first()?;
        pack.exercise(&first.exercise).map(|e| e.category)
    }

    pub fn total_sets(&self) -> u32 {
        self.items.iter().map(|i| i.sets).sum()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoutineItem {
    /// The id of an exercise in the same pack.
    pub exercise: String,
    pub sets: u32,
    pub dose: Dose,
    /// Rest after each set, before the next one.
    pub rest_seconds: u32,
    /// Each set is done on the left, then (after a pause to switch) on the
    /// right.
    pub per_side: bool,
}

/// What one set asks for. Stored as `{"repetitions":10,"pace_seconds":3}`
/// or `{"seconds":8}`, the same words as the pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Dose {
    /// Counted movements, one every `pace_seconds`.
    Repetitions {
        #[serde(rename = "repetitions")]
        count: u32,
        pace_seconds: u32,
    },
    /// A hold or a sustained position, timed.
    Seconds { seconds: u32 },
}

impl Dose {
    /// How long the set lasts when followed at the pack's pace.
    pub fn duration_ms(self) -> u64 {
        match self {
            Dose::Repetitions {
                count,
                pace_seconds,
            } => u64::from(count) * u64::from(pace_seconds) * 1000,
            Dose::Seconds { seconds } => u64::from(seconds) * 1000,
        }
    }

    /// Plain words for the dose, e.g. "10 repetitions" or "hold 8 s".
    pub fn describe(self, kind: Kind) -> String {
        match (self, kind) {
            (Dose::Repetitions { count, .. }, _) => {
                format!("{count} repetition{}", plural(count))
            }
            (Dose::Seconds { seconds }, Kind::Sustained) => {
                format!("stay {}", seconds_in_words(seconds))
            }
            (Dose::Seconds { seconds }, _) => {
                format!("hold {}", seconds_in_words(seconds))
            }
        }
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "8 seconds", "2 minutes", "1 minute 30 seconds".
pub fn seconds_in_words(seconds: u32) -> String {
    let (m, s) = (seconds / 60, seconds % 60);
    match (m, s) {
        (0, s) => format!("{s} second{}", plural(s)),
        (m, 0) => format!("{m} minute{}", plural(m)),
        (m, s) => format!("{m} minute{} {s} second{}", plural(m), plural(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doses_read_as_plain_words() {
        let reps = Dose::Repetitions {
            count: 10,
            pace_seconds: 3,
        };
        assert_eq!(reps.describe(Kind::Repeated), "10 repetitions");
        assert_eq!(reps.duration_ms(), 30_000);
        let hold = Dose::Seconds { seconds: 8 };
        assert_eq!(hold.describe(Kind::Hold), "hold 8 seconds");
        let lie = Dose::Seconds { seconds: 150 };
        assert_eq!(lie.describe(Kind::Sustained), "stay 2 minutes 30 seconds");
        assert_eq!(seconds_in_words(60), "1 minute");
        assert_eq!(seconds_in_words(1), "1 second");
    }
}
