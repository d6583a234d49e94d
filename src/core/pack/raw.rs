//! The pack as written in TOML, with source spans: read by `parse` once
//! the structural check (`walk`) has found every unknown field, wrong type
//! and missing field, and written by `print` from a validated pack. Unknown
//! fields are errors here too, so that a misspelt dose is never silently
//! ignored. Fields added in format 2 are optional here; `walk` requires
//! them in format-2 packs.

use super::model::Category;
use super::model::{
    Dose, Exercise, Frequency, Kind, Pack, Routine, RoutineItem, Schedule, Sides, Stage,
    StageChange, Weekday,
};
use serde::{Deserialize, Serialize};
use toml::Spanned;

type Num = Option<Spanned<u32>>;

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPack {
    pub format: Spanned<u32>,
    pub id: Spanned<String>,
    pub version: Spanned<String>,
    pub title: Spanned<String>,
    pub author: Spanned<String>,
    pub language: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safety_note: Option<Spanned<String>>,
    #[serde(default)]
    pub exercises: Vec<Spanned<RawExercise>>,
    #[serde(default)]
    pub routines: Vec<Spanned<RawRoutine>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Spanned<RawStage>>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExercise {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub category: Category,
    pub kind: Kind,
    #[serde(default)]
    pub steps: Vec<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starting_position: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feel: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_if: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub illustration: Option<Spanned<String>>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRoutine {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub get_ready_seconds: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub switch_seconds: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Spanned<RawSchedule>>,
    #[serde(default)]
    pub items: Vec<Spanned<RawItem>>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSchedule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times_a_day: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every_hours: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every_hours_max: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<Spanned<Vec<Spanned<Weekday>>>>,
}

/// The dose fields of a routine item or a stage change. Those two repeat
/// the fields rather than `#[serde(flatten)]` this: serde cannot deny
/// unknown fields through a flattened struct, and a misspelt dose must be
/// an error.
#[derive(Default)]
pub(super) struct RawDose {
    pub repetitions: Num,
    pub pace_seconds: Num,
    pub hold_seconds: Num,
    pub sustain_seconds: Num,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawItem {
    pub exercise: Spanned<String>,
    pub sets: Spanned<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repetitions: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pace_seconds: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold_seconds: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sustain_seconds: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rest_seconds: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Spanned<SideWord>>,
    /// The older spelling of `side = "both"`, still read and printed (so
    /// that app versions without `side` read the pack).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_side: Option<Spanned<bool>>,
}

/// The values of a routine item's `side`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum SideWord {
    Both,
    Affected,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStage {
    pub from_week: Spanned<u32>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub changes: Vec<Spanned<RawChange>>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChange {
    pub routine: Spanned<String>,
    pub exercise: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sets: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repetitions: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pace_seconds: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold_seconds: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sustain_seconds: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rest_seconds: Num,
}

impl RawItem {
    pub fn dose(&self) -> RawDose {
        RawDose {
            repetitions: self.repetitions.clone(),
            pace_seconds: self.pace_seconds.clone(),
            hold_seconds: self.hold_seconds.clone(),
            sustain_seconds: self.sustain_seconds.clone(),
        }
    }
}

impl RawChange {
    pub fn dose(&self) -> RawDose {
        RawDose {
            repetitions: self.repetitions.clone(),
            pace_seconds: self.pace_seconds.clone(),
            hold_seconds: self.hold_seconds.clone(),
            sustain_seconds: self.sustain_seconds.clone(),
        }
    }
}

// Printing: a validated pack back into the raw shape (spans are not used).

fn at<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

fn text(value: &str) -> Spanned<String> {
    at(value.to_owned())
}

fn opt_text(value: &Option<String>) -> Option<Spanned<String>> {
    value.as_deref().map(text)
}

fn num(value: Option<u32>) -> Num {
    value.map(at)
}

/// The dose fields that say `dose` for an exercise of `kind`.
fn raw_dose(dose: Option<Dose>, kind: Kind) -> RawDose {
    let mut raw = RawDose::default();
    match (dose, kind) {
        (
            Some(Dose::Repetitions {
                count,
                pace_seconds,
            }),
            _,
        ) => {
            raw.repetitions = num(Some(count));
            raw.pace_seconds = num(Some(pace_seconds));
        }
        (Some(Dose::Seconds { seconds }), Kind::Sustained) => {
            raw.sustain_seconds = num(Some(seconds))
        }
        (Some(Dose::Seconds { seconds }), _) => raw.hold_seconds = num(Some(seconds)),
        (None, _) => {}
    }
    raw
}

impl From<&Pack> for RawPack {
    fn from(pack: &Pack) -> Self {
        let kind_of = |id: &str| pack.exercise(id).map_or(Kind::Hold, |e| e.kind);
        RawPack {
            format: at(pack.format),
            id: text(&pack.id),
            version: text(&pack.version),
            title: text(&pack.title),
            author: text(&pack.author),
            language: text(&pack.language),
            licence: opt_text(&pack.licence),
            sources: pack.sources.iter().map(|s| text(s)).collect(),
            safety_note: opt_text(&pack.safety_note),
            exercises: pack
                .exercises
                .iter()
                .map(|e| at(RawExercise::from(e)))
                .collect(),
            routines: pack
                .routines
                .iter()
                .map(|r| at(RawRoutine::from_routine(r, &kind_of)))
                .collect(),
            stages: pack
                .stages
                .iter()
                .map(|s| at(RawStage::from_stage(s, &kind_of)))
                .collect(),
        }
    }
}

impl From<&Exercise> for RawExercise {
    fn from(e: &Exercise) -> Self {
        RawExercise {
            id: text(&e.id),
            name: text(&e.name),
            category: e.category,
            kind: e.kind,
            steps: e.steps.iter().map(|s| text(s)).collect(),
            starting_position: opt_text(&e.starting_position),
            feel: opt_text(&e.feel),
            stop_if: opt_text(&e.stop_if),
            illustration: opt_text(&e.illustration),
        }
    }
}

impl RawRoutine {
    fn from_routine(r: &Routine, kind_of: &dyn Fn(&str) -> Kind) -> Self {
        RawRoutine {
            id: text(&r.id),
            title: text(&r.title),
            summary: opt_text(&r.summary),
            get_ready_seconds: num(r.get_ready_seconds),
            switch_seconds: num(r.switch_seconds),
            schedule: r.schedule.as_ref().map(|s| at(RawSchedule::from(s))),
            items: r
                .items
                .iter()
                .map(|i| at(RawItem::from_item(i, kind_of(&i.exercise))))
                .collect(),
        }
    }
}

impl From<&Schedule> for RawSchedule {
    fn from(s: &Schedule) -> Self {
        let (times, every, max) = match s.frequency {
            Frequency::TimesADay(n) => (Some(n), None, None),
            Frequency::EveryHours { min, max } if min == max => (None, Some(min), None),
            Frequency::EveryHours { min, max } => (None, Some(min), Some(max)),
        };
        RawSchedule {
            times_a_day: num(times),
            every_hours: num(every),
            every_hours_max: num(max),
            days: (!s.days.is_empty()).then(|| at(s.days.iter().map(|d| at(*d)).collect())),
        }
    }
}

impl RawItem {
    fn from_item(i: &RoutineItem, kind: Kind) -> Self {
        let dose = raw_dose(Some(i.dose), kind);
        RawItem {
            exercise: text(&i.exercise),
            sets: at(i.sets),
            repetitions: dose.repetitions,
            pace_seconds: dose.pace_seconds,
            hold_seconds: dose.hold_seconds,
            sustain_seconds: dose.sustain_seconds,
            rest_seconds: num(Some(i.rest_seconds)),
            side: (i.sides() == Sides::Affected).then(|| at(SideWord::Affected)),
            per_side: (i.sides() == Sides::Both).then(|| at(true)),
        }
    }
}

impl RawStage {
    fn from_stage(s: &Stage, kind_of: &dyn Fn(&str) -> Kind) -> Self {
        RawStage {
            from_week: at(s.from_week),
            title: text(&s.title),
            changes: s
                .changes
                .iter()
                .map(|c| at(RawChange::from_change(c, kind_of(&c.exercise))))
                .collect(),
        }
    }
}

impl RawChange {
    fn from_change(c: &StageChange, kind: Kind) -> Self {
        let dose = raw_dose(c.dose, kind);
        RawChange {
            routine: text(&c.routine),
            exercise: text(&c.exercise),
            sets: num(c.sets),
            repetitions: dose.repetitions,
            pace_seconds: dose.pace_seconds,
            hold_seconds: dose.hold_seconds,
            sustain_seconds: dose.sustain_seconds,
            rest_seconds: num(c.rest_seconds),
        }
    }
}
