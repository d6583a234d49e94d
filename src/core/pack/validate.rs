//! From the pack as written to the validated model: every check a careful
//! colleague would make, each problem at the place it is about. The
//! structure (fields, types, lengths, versions) was checked before, by
//! `walk`; this judges what the values mean together.

use super::lint::{self, ChangeAt, ItemAt};
use super::model::{
    Dose, Exercise, Frequency, Kind, Pack, Routine, RoutineItem, Schedule, Stage, StageChange,
};
use super::problem::{Problem, Severity, shown};
use super::raw::{
    RawChange, RawDose, RawExercise, RawItem, RawPack, RawRoutine, RawSchedule, RawStage, SideWord,
};
use super::schema::{self, Limits};
use std::collections::HashSet;
use toml::Spanned;

/// Used when a repeated exercise gives no pace: about one movement every
/// 3 seconds, the pace of a slow press-up.
const DEFAULT_PACE_SECONDS: u32 = 3;

/// Collects problems while validating.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report<T>(&mut self, sev: Severity, at: &Spanned<T>, msg: String) {
        let p = Problem::at(sev, at.span().start, msg);
        self.problems.push(p);
    }

    fn error<T>(&mut self, at: &Spanned<T>, msg: String) {
        self.report(Severity::Error, at, msg);
    }

    /// A problem about something absent: when the structural check left a
    /// field out there, `parse` drops it as a consequence.
    fn absent<T>(&mut self, sev: Severity, at: &Spanned<T>, msg: String) {
        self.report(sev, at, msg);
        if let Some(p) = self.problems.last_mut() {
            p.absent = true;
        }
    }

    fn warn_at(&mut self, offset: usize, msg: String) {
        let p = Problem::at(Severity::Warning, offset, msg);
        self.problems.push(p);
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

    fn checked(&mut self, n: &Option<Spanned<u32>>, limits: &Limits) -> Option<u32> {
        n.as_ref().map(|n| self.check(n, limits))
    }

    /// Ids name things across the pack and in links: short, and only
    /// characters that need no quoting anywhere.
    fn id(&mut self, id: &Spanned<String>, what: &str) {
        let v = id.get_ref();
        if v.trim().is_empty() {
            self.error(id, format!("{what} id is empty"));
        } else if v.len() > schema::ID_CHARS
            || !v
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            let (v, max) = (shown(v), schema::ID_CHARS);
            self.error(
                id,
                format!("{what} id `{v}` may only use lowercase letters, digits and hyphens (at most {max})"),
            );
        }
    }

    fn unique(&mut self, seen: &mut HashSet<String>, id: &Spanned<String>, what: &str) {
        self.id(id, what);
        let v = id.get_ref();
        if !v.trim().is_empty() && !seen.insert(v.clone()) {
            self.error(id, format!("duplicate {what} id `{}`", shown(v)));
        }
    }

    /// A text shown to the patient: never empty.
    fn text(&mut self, field: &str, value: Spanned<String>) -> String {
        if value.get_ref().trim().is_empty() {
            self.absent(Severity::Error, &value, format!("`{field}` is empty"));
        }
        value.into_inner()
    }

    fn optional_text(&mut self, field: &str, value: Option<Spanned<String>>) -> Option<String> {
        value.map(|v| self.text(field, v))
    }
}

impl RawPack {
    /// The pack, and every problem found (an error among them means the
    /// pack must not be used). Lists longer than the schema allows were
    /// reported by `walk`; only their allowed part is checked here, which
    /// bounds the work a hostile pack can ask for.
    pub(super) fn validate(mut self) -> (Pack, Vec<Problem>) {
        self.truncate();
        let format = *self.format.get_ref();
        let mut c = Checker {
            problems: Vec::new(),
        };
        c.id(&self.id, "pack");
        let whole = Spanned::new(0..0, ());
        let licence = c.optional_text("licence", self.licence);
        if format >= 2 && self.sources.is_empty() {
            c.absent(
                Severity::Warning,
                &self.id,
                "the pack lists no `sources`: name the guidance or studies it follows".into(),
            );
        }
        let sources = self
            .sources
            .into_iter()
            .map(|s| c.text("sources", s))
            .collect();
        let mut seen = HashSet::new();
        let exercises: Vec<Exercise> = self
            .exercises
            .into_iter()
            .map(|e| e.into_inner().validate(&mut c, &mut seen))
            .collect();
        let mut seen = HashSet::new();
        let (routines, items_at): (Vec<Routine>, Vec<Vec<ItemAt>>) = self
            .routines
            .into_iter()
            .map(|r| r.into_inner().validate(&exercises, &mut c, &mut seen))
            .unzip();
        let (stages, changes_at) = validate_stages(self.stages, &routines, &exercises, &mut c);
        let clinical = lint::doses(&exercises, &routines, &items_at, &stages, &changes_at)
            .into_iter()
            .chain(lint::double_booked(&routines, &items_at));
        for (offset, msg) in clinical {
            c.warn_at(offset, msg);
        }
        let pack = Pack {
            format,
            version: self.version.into_inner(),
            title: c.text("title", self.title),
            author: c.text("author", self.author),
            language: c.text("language", self.language),
            licence,
            sources,
            safety_note: c.optional_text("safety_note", self.safety_note),
            id: self.id.into_inner(),
            exercises,
            routines,
            stages,
        };
        if pack.exercises.is_empty() || pack.routines.is_empty() {
            c.absent(
                Severity::Error,
                &whole,
                "a pack needs at least one `[[exercises]]` and one `[[routines]]`".into(),
            );
        }
        (pack, c.problems)
    }

    fn truncate(&mut self) {
        self.sources.truncate(schema::MAX_SOURCES);
        self.exercises.truncate(schema::MAX_EXERCISES);
        self.routines.truncate(schema::MAX_ROUTINES);
        self.stages.truncate(schema::MAX_STAGES);
        for e in &mut self.exercises {
            e.get_mut().steps.truncate(schema::MAX_STEPS);
        }
        for r in &mut self.routines {
            r.get_mut().items.truncate(schema::MAX_ITEMS);
        }
        for s in &mut self.stages {
            s.get_mut().changes.truncate(schema::MAX_CHANGES);
        }
    }
}

impl RawExercise {
    fn validate(self, c: &mut Checker, seen: &mut HashSet<String>) -> Exercise {
        c.unique(seen, &self.id, "exercise");
        if self.steps.is_empty() {
            let id = shown(self.id.get_ref());
            c.absent(
                Severity::Error,
                &self.id,
                format!("exercise `{id}` needs steps"),
            );
        }
        if let Some(stop_if) = &self.stop_if
            && !stop_if.get_ref().trim().is_empty()
            && let Some(msg) = lint::stop_if(stop_if.get_ref())
        {
            c.report(Severity::Warning, stop_if, msg);
        }
        Exercise {
            name: c.text("name", self.name),
            category: self.category,
            kind: self.kind,
            steps: self.steps.into_iter().map(|s| c.text("steps", s)).collect(),
            starting_position: c.optional_text("starting_position", self.starting_position),
            feel: c.optional_text("feel", self.feel),
            stop_if: c.optional_text("stop_if", self.stop_if),
            illustration: c.optional_text("illustration", self.illustration),
            id: self.id.into_inner(),
        }
    }
}

impl RawRoutine {
    fn validate(
        self,
        exercises: &[Exercise],
        c: &mut Checker,
        seen: &mut HashSet<String>,
    ) -> (Routine, Vec<ItemAt>) {
        c.unique(seen, &self.id, "routine");
        if self.items.is_empty() {
            let id = shown(self.id.get_ref());
            c.absent(
                Severity::Error,
                &self.id,
                format!("routine `{id}` has no items"),
            );
        }
        let (items, at) = self
            .items
            .into_iter()
            .filter_map(|item| item.into_inner().validate(exercises, c))
            .unzip();
        let routine = Routine {
            title: c.text("title", self.title),
            summary: c.optional_text("summary", self.summary),
            get_ready_seconds: c.checked(&self.get_ready_seconds, &schema::GET_READY),
            switch_seconds: c.checked(&self.switch_seconds, &schema::SWITCH),
            schedule: self.schedule.and_then(|s| validate_schedule(s, c)),
            id: self.id.into_inner(),
            items,
        };
        (routine, at)
    }
}

fn validate_schedule(raw: Spanned<RawSchedule>, c: &mut Checker) -> Option<Schedule> {
    let s = raw.get_ref();
    let times = c.checked(&s.times_a_day, &schema::TIMES_A_DAY);
    let every = c.checked(&s.every_hours, &schema::EVERY_HOURS);
    let max = c.checked(&s.every_hours_max, &schema::EVERY_HOURS_MAX);
    let mut days = Vec::new();
    if let Some(list) = &s.days {
        if list.get_ref().is_empty() {
            c.error(
                list,
                "`days` is empty: leave it out to mean every day".into(),
            );
        }
        for day in list.get_ref() {
            if days.contains(day.get_ref()) {
                let d = day.get_ref().label().to_ascii_lowercase();
                c.error(day, format!("`{d}` is listed twice"));
            }
            days.push(*day.get_ref());
        }
    }
    let frequency = match (times, every, max) {
        (Some(_), Some(_), _) => {
            if let Some(at) = &s.every_hours {
                c.error(at, "give `times_a_day` or `every_hours`, not both".into());
            }
            return None;
        }
        (Some(n), None, None) => Frequency::TimesADay(n),
        (None, Some(min), None) => Frequency::EveryHours { min, max: min },
        (None, Some(min), Some(max)) if max >= min => Frequency::EveryHours { min, max },
        (None, Some(min), Some(max)) => {
            if let Some(at) = &s.every_hours_max {
                c.error(
                    at,
                    format!("every_hours_max = {max} is less than every_hours = {min}"),
                );
            }
            return None;
        }
        (_, None, Some(_)) => {
            if let Some(at) = &s.every_hours_max {
                c.absent(
                    Severity::Error,
                    at,
                    "`every_hours_max` needs `every_hours`".into(),
                );
            }
            return None;
        }
        (None, None, None) => {
            c.absent(
                Severity::Error,
                &raw,
                "a schedule needs `times_a_day` or `every_hours`".into(),
            );
            return None;
        }
    };
    Some(Schedule { frequency, days })
}

impl RawItem {
    fn validate(self, exercises: &[Exercise], c: &mut Checker) -> Option<(RoutineItem, ItemAt)> {
        let name = self.exercise.get_ref();
        let Some(exercise) = exercises.iter().find(|e| &e.id == name) else {
            c.error(
                &self.exercise,
                format!("no exercise with id `{}` in this pack", shown(name)),
            );
            return None;
        };
        let sets = c.check(&self.sets, &schema::SETS);
        let rest_seconds = c.checked(&self.rest_seconds, &schema::REST).unwrap_or(0);
        let (per_side, affected_only) = self.sides(c);
        let dose = dose(&self.dose(), exercise, None, &self.exercise, c)?;
        let at = ItemAt {
            exercise: self.exercise.span().start,
            sets: self.sets.span().start,
        };
        let item = RoutineItem {
            exercise: exercise.id.clone(),
            sets,
            dose: dose?,
            rest_seconds,
            per_side,
            affected_only,
        };
        Some((item, at))
    }

    /// `per_side` and `affected_only` from `side`, or from the older
    /// `per_side`; one of them, never both (they could disagree).
    fn sides(&self, c: &mut Checker) -> (bool, bool) {
        match (&self.side, &self.per_side) {
            (Some(side), Some(_)) => {
                c.error(
                    side,
                    "give `side` or `per_side`, not both (`per_side = true` is the older way to write `side = \"both\"`)".into(),
                );
                (true, false)
            }
            (Some(side), None) => match side.get_ref() {
                SideWord::Both => (true, false),
                SideWord::Affected => (true, true),
            },
            (None, per_side) => (per_side.as_ref().is_some_and(|p| *p.get_ref()), false),
        }
    }
}

/// The dose fields must match the exercise's kind, exactly. A routine item
/// needs its dose (`base` is None). A stage change may leave it out
/// (`Some(None)`) or give part of it, the rest coming from the routine's
/// item (`base`). `None` when the fields are wrong.
fn dose(
    raw: &RawDose,
    exercise: &Exercise,
    base: Option<Dose>,
    at: &Spanned<String>,
    c: &mut Checker,
) -> Option<Option<Dose>> {
    let name = shown(&exercise.id);
    let fields = [
        ("repetitions", &raw.repetitions, Kind::Repeated),
        ("pace_seconds", &raw.pace_seconds, Kind::Repeated),
        ("hold_seconds", &raw.hold_seconds, Kind::Hold),
        ("sustain_seconds", &raw.sustain_seconds, Kind::Sustained),
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
        Kind::Repeated => ("repetitions", &raw.repetitions, &schema::REPETITIONS),
        Kind::Hold => ("hold_seconds", &raw.hold_seconds, &schema::HOLD),
        Kind::Sustained => ("sustain_seconds", &raw.sustain_seconds, &schema::SUSTAIN),
    };
    let amount = c.checked(value, limits);
    let pace = c.checked(&raw.pace_seconds, &schema::PACE);
    if base.is_none() && amount.is_none() {
        // A routine item: the dose is required.
        c.absent(
            Severity::Error,
            at,
            format!("the dose of `{name}` needs {needed}"),
        );
        return None;
    }
    if wrong {
        return None;
    }
    let Some(base) = base else {
        let amount = amount?;
        return Some(Some(match exercise.kind {
            Kind::Repeated => Dose::Repetitions {
                count: amount,
                pace_seconds: pace.unwrap_or(DEFAULT_PACE_SECONDS),
            },
            Kind::Hold | Kind::Sustained => Dose::Seconds { seconds: amount },
        }));
    };
    if amount.is_none() && pace.is_none() {
        return Some(None);
    }
    Some(Some(match base {
        Dose::Repetitions {
            count,
            pace_seconds,
        } => Dose::Repetitions {
            count: amount.unwrap_or(count),
            pace_seconds: pace.unwrap_or(pace_seconds),
        },
        Dose::Seconds { seconds } => Dose::Seconds {
            seconds: amount.unwrap_or(seconds),
        },
    }))
}

fn validate_stages(
    raw: Vec<Spanned<RawStage>>,
    routines: &[Routine],
    exercises: &[Exercise],
    c: &mut Checker,
) -> (Vec<Stage>, Vec<Vec<ChangeAt>>) {
    let mut stages: Vec<Stage> = Vec::new();
    let mut stages_at = Vec::new();
    for stage in raw {
        let stage = stage.into_inner();
        let week = c.check(&stage.from_week, &schema::FROM_WEEK);
        if let Some(before) = stages.last()
            && week <= before.from_week
        {
            let earlier = before.from_week;
            c.error(
                &stage.from_week,
                format!("stages go in order: from_week = {week} must be after week {earlier}"),
            );
        }
        if stage.changes.is_empty() {
            c.absent(
                Severity::Error,
                &stage.title,
                "a stage needs at least one `[[stages.changes]]`".into(),
            );
        }
        let (changes, at) = stage
            .changes
            .into_iter()
            .filter_map(|ch| ch.into_inner().validate(routines, exercises, c))
            .unzip();
        stages.push(Stage {
            from_week: week,
            title: c.text("title", stage.title),
            changes,
        });
        stages_at.push(at);
    }
    (stages, stages_at)
}

impl RawChange {
    fn validate(
        self,
        routines: &[Routine],
        exercises: &[Exercise],
        c: &mut Checker,
    ) -> Option<(StageChange, ChangeAt)> {
        let (routine_id, exercise_id) = (self.routine.get_ref(), self.exercise.get_ref());
        let Some(routine) = routines.iter().find(|r| &r.id == routine_id) else {
            c.error(
                &self.routine,
                format!("no routine with id `{}` in this pack", shown(routine_id)),
            );
            return None;
        };
        let item = routine.items.iter().find(|i| &i.exercise == exercise_id);
        let (Some(item), Some(exercise)) = (item, exercises.iter().find(|e| &e.id == exercise_id))
        else {
            let (routine_id, exercise_id) = (shown(routine_id), shown(exercise_id));
            c.error(
                &self.exercise,
                format!("routine `{routine_id}` has no exercise `{exercise_id}`"),
            );
            return None;
        };
        let sets = c.checked(&self.sets, &schema::SETS);
        let rest_seconds = c.checked(&self.rest_seconds, &schema::REST);
        let dose = dose(&self.dose(), exercise, Some(item.dose), &self.exercise, c)?;
        if sets.is_none() && rest_seconds.is_none() && dose.is_none() {
            let exercise_id = shown(exercise_id);
            c.absent(
                Severity::Error,
                &self.exercise,
                format!("this change to `{exercise_id}` gives no new sets, dose or rest"),
            );
        }
        let at = (self.sets.as_ref())
            .or(self.repetitions.as_ref())
            .map(|n| n.span().start);
        let change = StageChange {
            routine: routine.id.clone(),
            exercise: exercise.id.clone(),
            sets,
            dose,
            rest_seconds,
        };
        Some((change, at))
    }
}
