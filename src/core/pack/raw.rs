//! The pack as written, with source spans, and its validation into the
//! model. Unknown fields are errors so that a misspelt dose is never
//! silently ignored.

use super::FORMAT_VERSION;
use super::model::{Category, Dose, Exercise, Kind, Pack, Routine, RoutineItem};
use super::problem::{Problem, Severity};
use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

/// Used when a repeated exercise gives no pace: about one movement every
/// 3 seconds, the pace of a slow press-up.
const DEFAULT_PACE_SECONDS: u32 = 3;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPack {
    format: Spanned<u32>,
    id: Spanned<String>,
    version: String,
    title: String,
    author: String,
    language: String,
    safety_note: Option<String>,
    #[serde(default)]
    exercises: Vec<RawExercise>,
    #[serde(default)]
    routines: Vec<RawRoutine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    id: Spanned<String>,
    name: String,
    category: Category,
    kind: Kind,
    #[serde(default)]
    steps: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoutine {
    id: Spanned<String>,
    title: String,
    summary: Option<String>,
    get_ready_seconds: Option<Spanned<u32>>,
    switch_seconds: Option<Spanned<u32>>,
    #[serde(default)]
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    exercise: Spanned<String>,
    sets: Spanned<u32>,
    repetitions: Option<Spanned<u32>>,
    pace_seconds: Option<Spanned<u32>>,
    hold_seconds: Option<Spanned<u32>>,
    sustain_seconds: Option<Spanned<u32>>,
    rest_seconds: Option<Spanned<u32>>,
    #[serde(default)]
    per_side: bool,
}

/// Sensible and possible ranges for one number in a pack: outside `usual`
/// is a warning (the therapist may mean it), outside `possible` an error.
struct Limits {
    what: &'static str,
    usual: (u32, u32),
    possible: (u32, u32),
}

const SETS: Limits = Limits {
    what: "sets",
    usual: (1, 10),
    possible: (1, 30),
};
const REPETITIONS: Limits = Limits {
    what: "repetitions",
    usual: (3, 30),
    possible: (1, 100),
};
const PACE: Limits = Limits {
    what: "pace_seconds",
    usual: (1, 10),
    possible: (1, 60),
};
const HOLD: Limits = Limits {
    what: "hold_seconds",
    usual: (3, 60),
    possible: (1, 300),
};
const SUSTAIN: Limits = Limits {
    what: "sustain_seconds",
    usual: (30, 600),
    possible: (5, 1800),
};
const GET_READY: Limits = Limits {
    what: "get_ready_seconds",
    usual: (5, 30),
    possible: (0, 120),
};
const SWITCH: Limits = Limits {
    what: "switch_seconds",
    usual: (3, 15),
    possible: (1, 60),
};
const REST: Limits = Limits {
    what: "rest_seconds",
    usual: (0, 300),
    possible: (0, 1800),
};

/// Collects problems while validating, against the pack's text.
struct Checker<'a> {
    text: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report<T>(&mut self, sev: Severity, at: &Spanned<T>, msg: String) {
        let p = Problem::at(sev, self.text, at.span().start, msg);
        self.problems.push(p);
    }

    fn error<T>(&mut self, at: &Spanned<T>, msg: String) {
        self.report(Severity::Error, at, msg);
    }

    fn check(&mut self, n: &Spanned<u32>, limits: &Limits) -> u32 {
        let v = *n.get_ref();
        let (lo, hi) = limits.possible;
        let (ulo, uhi) = limits.usual;
        let what = limits.what;
        if v < lo || v > hi {
            self.error(
                n,
                format!("{what} = {v} is not possible here; use {lo} to {hi}"),
            );
        } else if v < ulo || v > uhi {
            let msg = format!("{what} = {v} is outside the usual {ulo} to {uhi}; check the dose");
            self.report(Severity::Warning, n, msg);
        }
        v
    }

    fn unique(&mut self, seen: &mut HashSet<String>, id: &Spanned<String>, what: &str) {
        let v = id.get_ref();
        if v.trim().is_empty() {
            self.error(id, format!("{what} id is empty"));
        } else if !seen.insert(v.clone()) {
            self.error(id, format!("duplicate {what} id `{v}`"));
        }
    }
}

impl RawPack {
    pub(super) fn validate(self, text: &str) -> Result<(Pack, Vec<Problem>), Vec<Problem>> {
        let mut c = Checker {
            text,
            problems: Vec::new(),
        };
        if *self.format.get_ref() != FORMAT_VERSION {
            let v = self.format.get_ref();
            c.error(
                &self.format,
                format!("pack format {v} is not supported; this app reads format {FORMAT_VERSION}"),
            );
        }
        if self.id.get_ref().trim().is_empty() {
            c.error(&self.id, "pack id is empty".into());
        }
        let mut seen = HashSet::new();
        let mut exercises = Vec::new();
        for e in self.exercises {
            c.unique(&mut seen, &e.id, "exercise");
            if e.steps.is_empty() || e.steps.iter().any(|s| s.trim().is_empty()) {
                let id = e.id.get_ref();
                c.error(
                    &e.id,
                    format!("exercise `{id}` needs steps, none of them empty"),
                );
            }
            exercises.push(Exercise {
                id: e.id.into_inner(),
                name: e.name,
                category: e.category,
                kind: e.kind,
                steps: e.steps,
            });
        }
        let mut seen = HashSet::new();
        let mut routines = Vec::new();
        for r in self.routines {
            c.unique(&mut seen, &r.id, "routine");
            if r.items.is_empty() {
                let id = r.id.get_ref();
                c.error(&r.id, format!("routine `{id}` has no items"));
            }
            let items = r
                .items
                .into_iter()
                .filter_map(|item| item.validate(&exercises, &mut c))
                .collect();
            let get_ready_seconds = r.get_ready_seconds.as_ref().map(|s| c.check(s, &GET_READY));
            let switch_seconds = r.switch_seconds.as_ref().map(|s| c.check(s, &SWITCH));
            routines.push(Routine {
                id: r.id.into_inner(),
                title: r.title,
                summary: r.summary,
                get_ready_seconds,
                switch_seconds,
                items,
            });
        }
        let pack = Pack {
            id: self.id.into_inner(),
            version: self.version,
            title: self.title,
            author: self.author,
            language: self.language,
            safety_note: self.safety_note,
            exercises,
            routines,
        };
        if c.problems.iter().any(|p| p.severity == Severity::Error) {
            Err(c.problems)
        } else {
            Ok((pack, c.problems))
        }
    }
}

impl RawItem {
    fn validate(self, exercises: &[Exercise], c: &mut Checker) -> Option<RoutineItem> {
        let name = self.exercise.get_ref();
        let Some(exercise) = exercises.iter().find(|e| &e.id == name) else {
            c.error(
                &self.exercise,
                format!("no exercise with id `{name}` in this pack"),
            );
            return None;
        };
        let sets = c.check(&self.sets, &SETS);
        let rest_seconds = self.rest_seconds.as_ref().map_or(0, |r| c.check(r, &REST));
        let dose = self.dose(exercise, c)?;
        Some(RoutineItem {
            exercise: exercise.id.clone(),
            sets,
            dose,
            rest_seconds,
            per_side: self.per_side,
        })
    }

    /// The dose fields must match the exercise's kind, exactly.
    fn dose(&self, exercise: &Exercise, c: &mut Checker) -> Option<Dose> {
        let name = &exercise.id;
        let fields = [
            ("repetitions", &self.repetitions, Kind::Repeated),
            ("pace_seconds", &self.pace_seconds, Kind::Repeated),
            ("hold_seconds", &self.hold_seconds, Kind::Hold),
            ("sustain_seconds", &self.sustain_seconds, Kind::Sustained),
        ];
        let mut wrong = false;
        for (field, value, kind) in fields {
            if let Some(v) = value
                && kind != exercise.kind
            {
                let kind = kind.as_str();
                c.error(
                    v,
                    format!("`{name}` is not a {kind} exercise: {field} does not apply"),
                );
                wrong = true;
            }
        }
        let (needed, value, limits) = match exercise.kind {
            Kind::Repeated => ("repetitions", &self.repetitions, &REPETITIONS),
            Kind::Hold => ("hold_seconds", &self.hold_seconds, &HOLD),
            Kind::Sustained => ("sustain_seconds", &self.sustain_seconds, &SUSTAIN),
        };
        let Some(value) = value else {
            c.error(
                &self.exercise,
                format!("the dose of `{name}` needs {needed}"),
            );
            return None;
        };
        let amount = c.check(value, limits);
        if wrong {
            return None;
        }
        Some(match exercise.kind {
            Kind::Repeated => Dose::Repetitions {
                count: amount,
                pace_seconds: self
                    .pace_seconds
                    .as_ref()
                    .map_or(DEFAULT_PACE_SECONDS, |p| c.check(p, &PACE)),
            },
            Kind::Hold | Kind::Sustained => Dose::Seconds { seconds: amount },
        })
    }
}
