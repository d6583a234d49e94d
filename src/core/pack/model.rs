//! The validated pack: what the app runs. Built only by `pack::parse`.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    /// The format version the pack was written in: printing writes it back,
    /// so a format-1 pack stays one.
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: String,
    pub author: String,
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    pub safety_note: Option<String>,
    pub exercises: Vec<Exercise>,
    pub routines: Vec<Routine>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
}

impl Pack {
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    pub fn routine(&self, id: &str) -> Option<&Routine> {
        self.routines.iter().find(|r| r.id == id)
    }

    /// Whether this pack is a later version of `other`: versions are dotted
    /// numbers, compared number by number ("1.10" is after "1.9"). A pack
    /// read by `parse` always has a valid version; one stored before
    /// versions were checked may not, and any valid version is newer than
    /// that (the patient is still asked before it is replaced).
    pub fn is_newer_than(&self, other: &Pack) -> bool {
        match (
            Version::parse(&self.version),
            Version::parse(&other.version),
        ) {
            (Some(new), Some(old)) => new > old,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// A pack's version: 1 to 4 numbers joined by dots, each at most
/// 4294967295, e.g. `1.2.0`. A missing number counts as 0, so `1.2` and
/// `1.2.0` are the same version, and `1.10` comes after `1.9`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version([u32; 4]);

impl Version {
    /// None unless `text` is exactly 1 to 4 numbers (digits only) joined by
    /// dots, each fitting in a u32: no spaces, signs, letters or empty
    /// parts.
    pub fn parse(text: &str) -> Option<Version> {
        let mut numbers = [0; 4];
        let mut parts = text.split('.');
        for (slot, part) in numbers.iter_mut().zip(parts.by_ref()) {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *slot = part.parse().ok()?;
        }
        parts.next().is_none().then_some(Version(numbers))
    }
}

/// Two versions compared number by number; None when either is not a
/// version (see [`Version::parse`]).
pub fn compare_versions(a: &str, b: &str) -> Option<Ordering> {
    Some(Version::parse(a)?.cmp(&Version::parse(b)?))
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
    /// Where the patient starts, e.g. "Lying on your front".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starting_position: Option<String>,
    /// What the patient should feel while doing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feel: Option<String>,
    /// When to stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_if: Option<String>,
    /// A reference to a picture the therapist provides, e.g. "Handout
    /// figure 3"; shown as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illustration: Option<String>,
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
    /// How often the therapist wants it done; the plan uses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
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
    /// right. Also true for an `affected_only` item, so that code that
    /// knows nothing of `affected_only` does both sides, the safe reading.
    pub per_side: bool,
    /// With `per_side`: only the leg the patient set as affected in
    /// Settings (both sides when Settings says both legs or nothing).
    /// Packs stored before this field existed read it as false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub affected_only: bool,
}

impl RoutineItem {
    /// The item as a patient reads it: "Bird dog, 4 sets of hold 8
    /// seconds" (the exercise's id when the pack lacks it).
    pub fn in_words(&self, pack: &Pack) -> String {
        let exercise = pack.exercise(&self.exercise);
        let name = exercise.map_or(self.exercise.as_str(), |e| &e.name);
        let dose = exercise
            .map(|e| self.dose.describe(e.kind))
            .unwrap_or_default();
        let sets = if self.sets == 1 {
            "1 set".to_string()
        } else {
            format!("{} sets", self.sets)
        };
        format!("{name}, {sets} of {dose}")
    }

    /// Which sides each set is done on; see [`Sides`].
    pub fn sides(&self) -> Sides {
        if self.affected_only {
            Sides::Affected
        } else if self.per_side {
            Sides::Both
        } else {
            Sides::One
        }
    }
}

/// Which sides a routine item's sets are done on: the pack's `side` (or
/// `per_side`) field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sides {
    /// Once, not per side (no `side` field).
    One,
    /// On the left, then the right (`side = "both"` or `per_side = true`).
    Both,
    /// On the affected leg only (`side = "affected"`); on both, left then
    /// right, when the patient's affected leg is both or not set.
    Affected,
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

/// How often a routine is done: a number of times a day, or every few
/// hours while awake; on every day unless `days` names some.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub frequency: Frequency,
    /// Empty means every day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Weekday>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    TimesADay(u32),
    /// Every `min` to `max` hours while awake (`min == max` for an exact
    /// interval).
    EveryHours {
        min: u32,
        max: u32,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

impl Schedule {
    /// "every 2-3 hours while awake", "3 times a day on Monday and Friday".
    pub fn describe(&self) -> String {
        let how_often = match self.frequency {
            Frequency::TimesADay(1) => "once a day".to_string(),
            Frequency::TimesADay(2) => "twice a day".to_string(),
            Frequency::TimesADay(n) => format!("{n} times a day"),
            Frequency::EveryHours { min: 1, max: 1 } => "every hour while awake".to_string(),
            Frequency::EveryHours { min, max } if min == max => {
                format!("every {min} hours while awake")
            }
            Frequency::EveryHours { min, max } => format!("every {min}-{max} hours while awake"),
        };
        let days: Vec<&str> = self.days.iter().map(|d| d.label()).collect();
        match days.split_last() {
            None => how_often,
            Some((last, [])) => format!("{how_often} on {last}"),
            Some((last, rest)) => format!("{how_often} on {} and {last}", rest.join(", ")),
        }
    }
}

/// A step of a progression: from the start of `from_week` (week 1 is the
/// first week of the pack) the listed routine items change dose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub from_week: u32,
    pub title: String,
    pub changes: Vec<StageChange>,
}

/// New numbers for every item of `exercise` in `routine`; what is `None`
/// stays as the routine says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageChange {
    pub routine: String,
    pub exercise: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<Dose>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_seconds: Option<u32>,
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

    #[test]
    fn versions_compare_number_by_number() {
        let cmp = compare_versions;
        assert_eq!(cmp("1.10", "1.9"), Some(Ordering::Greater));
        assert_eq!(cmp("1.2", "1.2.0"), Some(Ordering::Equal));
        assert_eq!(cmp("2", "10"), Some(Ordering::Less));
        assert_eq!(
            cmp("4294967295", "4294967294.9.9.9"),
            Some(Ordering::Greater)
        );
        assert_eq!(Version::parse("1.2.3"), Some(Version([1, 2, 3, 0])));
        for bad in [
            "",
            "~",
            "1.",
            ".1",
            "v1",
            "1.0-beta",
            "1.2.3.4.5",
            "1..2",
            "1.-2",
            " 1",
            "1 ",
            "+1",
            "4294967296",
            "99999999999999999999999",
            "1.2\n",
            "\u{0661}",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad:?}");
            // Never "newer" (nor older): not a version at all.
            assert_eq!(cmp(bad, "1.0.0"), None, "{bad:?}");
            assert_eq!(cmp("1.0.0", bad), None, "{bad:?}");
        }
    }

    #[test]
    fn schedules_read_as_plain_words() {
        let every = Schedule {
            frequency: Frequency::EveryHours { min: 2, max: 3 },
            days: vec![],
        };
        assert_eq!(every.describe(), "every 2-3 hours while awake");
        let some_days = Schedule {
            frequency: Frequency::TimesADay(3),
            days: vec![Weekday::Monday, Weekday::Wednesday, Weekday::Friday],
        };
        assert_eq!(
            some_days.describe(),
            "3 times a day on Monday, Wednesday and Friday"
        );
    }
}
