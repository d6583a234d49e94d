//! The guided session as a state machine: `step(session, event, now)`
//! returns the next session and the effects for the shell to perform.
//!
//! Phases end at deadlines on the monotonic clock, never by counting ticks:
//! a tick that comes late (a throttled or frozen tab) catches up through
//! every deadline that passed, and the result is the same as if the patient
//! had watched throughout.

use crate::core::journal::{
    CheckInRecord, Outcome, Record, SessionEnded, SessionStarted, SetCompleted,
};
use crate::core::pack::{Dose, Exercise, Pack, Routine};
use crate::core::symptoms::{Answers, Change, compare};
use crate::core::time::Now;
use serde::{Deserialize, Serialize};

/// Time to get into position before an exercise's first set.
pub const GET_READY_MS: u64 = 10_000;

/// One set to do, flattened from the routine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedSet {
    /// Index into `Session::exercises`.
    pub exercise: usize,
    /// 1-based number of this set among the exercise's sets.
    pub number: u32,
    pub of: u32,
    pub dose: Dose,
    pub rest_seconds: u32,
}

/// Where a session stands. Timed phases carry their deadline (`ends`, on
/// the monotonic clock).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "kebab-case")]
pub enum Phase {
    /// The check-in before the first set.
    Baseline,
    GetReady {
        set: usize,
        ends: u64,
    },
    Exercise {
        set: usize,
        started: u64,
        ends: u64,
    },
    /// The check-in after set `set`.
    CheckIn {
        set: usize,
    },
    Rest {
        next: usize,
        ends: u64,
    },
    /// Restored after the page was closed; waits for the patient to resume
    /// or finish.
    Interrupted {
        resume: Resume,
    },
    Finished {
        outcome: Outcome,
    },
}

/// Where an interrupted session picks up: the patient stopped when the app
/// stopped, so an unfinished set starts again from its beginning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "at", content = "set", rename_all = "kebab-case")]
pub enum Resume {
    Baseline,
    Set(usize),
    CheckIn(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The clock moved; end whatever phases have passed.
    Tick,
    Pause,
    Resume,
    /// Skip the get-ready, the set or the rest.
    Skip,
    /// End the session now, keeping what was done.
    End,
    /// The patient saved a check-in.
    CheckIn(Answers),
    /// Carry on with an interrupted session.
    Continue,
}

/// What the shell must do, in order, before showing the new state.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Append this record to the journal.
    Write(Record),
    /// Store the session in progress (replacing the previous copy).
    SaveProgress,
    /// The session is over: remove the stored copy.
    ClearProgress,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub routine_title: String,
    /// The exercises used, copied so that a resumed session does not depend
    /// on the pack still being installed.
    pub exercises: Vec<Exercise>,
    pub plan: Vec<PlannedSet>,
    pub phase: Phase,
    /// Monotonic time at which the patient paused, if paused.
    pub paused_at: Option<u64>,
    pub sets_done: u32,
    pub check_ins: u32,
    /// Id of the last completed set, for the check-in that follows it.
    pub last_set_id: Option<String>,
    pub baseline: Option<Answers>,
    /// The answers of the most recent check-in, to compare the next with.
    pub last_answers: Option<Answers>,
    /// How the last check-in compared with the one before.
    pub last_change: Option<Change>,
}

impl Session {
    /// Starts a routine: the first thing is the baseline check-in.
    pub fn start(id: String, pack: &Pack, routine: &Routine, now: Now) -> (Session, Vec<Effect>) {
        let mut exercises: Vec<Exercise> = Vec::new();
        let mut plan = Vec::new();
        for item in &routine.items {
            let Some(ex) = pack.exercise(&item.exercise) else {
                continue;
            };
            let index = match exercises.iter().position(|e| e.id == ex.id) {
                Some(i) => i,
                None => {
                    exercises.push(ex.clone());
                    exercises.len() - 1
                }
            };
            plan.extend((1..=item.sets).map(|number| PlannedSet {
                exercise: index,
                number,
                of: item.sets,
                dose: item.dose,
                rest_seconds: item.rest_seconds,
            }));
        }
        let started = Record::SessionStarted(SessionStarted {
            id: id.clone(),
            at: now.wall,
            pack_id: pack.id.clone(),
            pack_version: pack.version.clone(),
            routine_id: routine.id.clone(),
            routine_title: routine.title.clone(),
        });
        let session = Session {
            id,
            routine_title: routine.title.clone(),
            exercises,
            plan,
            phase: Phase::Baseline,
            paused_at: None,
            sets_done: 0,
            check_ins: 0,
            last_set_id: None,
            baseline: None,
            last_answers: None,
            last_change: None,
        };
        (session, vec![Effect::Write(started), Effect::SaveProgress])
    }

    /// A stored session after the page was closed: its timings belonged to
    /// the old page's clock, so it waits at a resume point.
    pub fn restored(mut self) -> Option<Session> {
        let resume = match self.phase {
            Phase::Baseline => Resume::Baseline,
            Phase::GetReady { set, .. } | Phase::Exercise { set, .. } => Resume::Set(set),
            Phase::CheckIn { set } => Resume::CheckIn(set),
            Phase::Rest { next, .. } => Resume::Set(next),
            Phase::Interrupted { resume } => resume,
            Phase::Finished { .. } => return None,
        };
        self.phase = Phase::Interrupted { resume };
        self.paused_at = None;
        Some(self)
    }

    /// Applies one event at `now`.
    pub fn step(mut self, event: Event, now: Now) -> (Session, Vec<Effect>) {
        let mut fx = Vec::new();
        let before = self.phase.clone();
        let was_paused = self.paused_at.is_some();
        if !matches!(self.phase, Phase::Finished { .. }) {
            self.apply(event, now, &mut fx);
        }
        let changed = self.phase != before || self.paused_at.is_some() != was_paused;
        if changed && !matches!(self.phase, Phase::Finished { .. }) {
            fx.push(Effect::SaveProgress);
        }
        (self, fx)
    }

    fn apply(&mut self, event: Event, now: Now, fx: &mut Vec<Effect>) {
        match (event, self.phase.clone()) {
            (Event::Tick, _) => self.catch_up(now, fx),
            (Event::Pause, p) if p.is_timed() && self.paused_at.is_none() => {
                self.catch_up(now, fx);
                if self.phase.is_timed() {
                    self.paused_at = Some(now.mono);
                }
            }
            (Event::Resume, _) => {
                if let Some(at) = self.paused_at.take() {
                    self.phase.shift(now.mono.saturating_sub(at));
                }
            }
            (Event::Skip, p) if self.paused_at.is_none() => {
                self.catch_up(now, fx);
                if self.phase != p {
                    return; // the phase ended on its own first
                }
                match p {
                    Phase::GetReady { set, .. } => self.exercise(set, now.mono),
                    Phase::Exercise { set, .. } => self.after_set(set, now, fx),
                    Phase::Rest { next, .. } => self.begin(next, now.mono),
                    _ => {}
                }
            }
            (Event::End, _) => self.finish(Outcome::EndedEarly, now, fx),
            (Event::CheckIn(answers), Phase::Baseline) => {
                self.record_check_in(answers.clamped(), None, now, fx);
                self.baseline = self.last_answers;
                self.begin(0, now.mono);
            }
            (Event::CheckIn(answers), Phase::CheckIn { set }) => {
                let after = self.last_set_id.clone();
                self.record_check_in(answers.clamped(), after, now, fx);
                self.after_set(set, now, fx);
            }
            (Event::Continue, Phase::Interrupted { resume }) => match resume {
                Resume::Baseline => self.phase = Phase::Baseline,
                Resume::Set(set) => self.get_ready(set, now.mono),
                Resume::CheckIn(set) => self.phase = Phase::CheckIn { set },
            },
            _ => {}
        }
    }

    /// Ends every phase whose deadline has passed, each at its own deadline.
    fn catch_up(&mut self, now: Now, fx: &mut Vec<Effect>) {
        if self.paused_at.is_some() {
            return;
        }
        loop {
            match self.phase {
                Phase::GetReady { set, ends } if now.mono >= ends => self.exercise(set, ends),
                Phase::Exercise { set, started, ends } if now.mono >= ends => {
                    self.complete_set(set, now.wall_at(started), now.wall_at(ends), fx);
                    self.phase = Phase::CheckIn { set };
                }
                Phase::Rest { next, ends } if now.mono >= ends => self.begin(next, ends),
                _ => break,
            }
        }
    }

    /// Starts set `set` at monotonic time `at`, with time to get ready
    /// before an exercise's first set.
    fn begin(&mut self, set: usize, at: u64) {
        let new_exercise = set == 0 || self.plan[set - 1].exercise != self.plan[set].exercise;
        if new_exercise {
            self.get_ready(set, at);
        } else {
            self.exercise(set, at);
        }
    }

    fn get_ready(&mut self, set: usize, at: u64) {
        self.phase = Phase::GetReady {
            set,
            ends: at + GET_READY_MS,
        };
    }

    fn exercise(&mut self, set: usize, at: u64) {
        let ends = at + self.plan[set].dose.duration_ms();
        self.phase = Phase::Exercise {
            set,
            started: at,
            ends,
        };
    }

    fn complete_set(&mut self, set: usize, started_at: u64, at: u64, fx: &mut Vec<Effect>) {
        self.sets_done += 1;
        let planned = &self.plan[set];
        let exercise = &self.exercises[planned.exercise];
        let id = format!("{}-s{}", self.id, self.sets_done);
        fx.push(Effect::Write(Record::SetCompleted(SetCompleted {
            id: id.clone(),
            session: self.id.clone(),
            at,
            started_at,
            exercise_id: exercise.id.clone(),
            exercise_name: exercise.name.clone(),
            kind: exercise.kind,
            set: planned.number,
            of: planned.of,
            dose: planned.dose,
        })));
        self.last_set_id = Some(id);
    }

    fn record_check_in(
        &mut self,
        answers: Answers,
        after_set: Option<String>,
        now: Now,
        fx: &mut Vec<Effect>,
    ) {
        let id = format!("{}-c{}", self.id, self.check_ins);
        self.check_ins += 1;
        self.last_change = self.last_answers.map(|prev| compare(&prev, &answers));
        self.last_answers = Some(answers);
        fx.push(Effect::Write(Record::CheckIn(CheckInRecord {
            id,
            session: self.id.clone(),
            at: now.wall,
            after_set,
            answers,
        })));
    }

    /// After set `set` is done (checked in) or skipped: rest, the next set,
    /// or the end.
    fn after_set(&mut self, set: usize, now: Now, fx: &mut Vec<Effect>) {
        let next = set + 1;
        if next >= self.plan.len() {
            self.finish(Outcome::Completed, now, fx);
            return;
        }
        let rest = u64::from(self.plan[set].rest_seconds) * 1000;
        if rest > 0 && matches!(self.phase, Phase::CheckIn { .. }) {
            self.phase = Phase::Rest {
                next,
                ends: now.mono + rest,
            };
        } else {
            self.begin(next, now.mono);
        }
    }

    fn finish(&mut self, outcome: Outcome, now: Now, fx: &mut Vec<Effect>) {
        fx.push(Effect::Write(Record::SessionEnded(SessionEnded {
            id: format!("{}-end", self.id),
            session: self.id.clone(),
            at: now.wall,
            outcome,
        })));
        fx.push(Effect::ClearProgress);
        self.phase = Phase::Finished { outcome };
        self.paused_at = None;
    }

    // ---- what the screen shows ----

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    /// The set being prepared, done, checked in or rested before.
    pub fn current_set(&self) -> Option<usize> {
        match self.phase {
            Phase::GetReady { set, .. } | Phase::Exercise { set, .. } | Phase::CheckIn { set } => {
                Some(set)
            }
            Phase::Rest { next, .. } => Some(next),
            Phase::Interrupted {
                resume: Resume::Set(set) | Resume::CheckIn(set),
            } => Some(set),
            _ => None,
        }
    }

    pub fn exercise_of(&self, set: usize) -> Option<&Exercise> {
        self.plan.get(set).map(|p| &self.exercises[p.exercise])
    }

    /// The moment the screen should reflect: `now`, or the moment of pausing.
    fn effective(&self, now: u64) -> u64 {
        self.paused_at.unwrap_or(now)
    }

    /// Milliseconds left in a timed phase.
    pub fn remaining_ms(&self, now: u64) -> Option<u64> {
        let t = self.effective(now);
        self.phase.deadline().map(|ends| ends.saturating_sub(t))
    }

    /// The repetition the patient should be on, 1-based, and how many in
    /// all, during a set of repetitions.
    pub fn repetition(&self, now: u64) -> Option<(u32, u32)> {
        let Phase::Exercise { set, started, .. } = self.phase else {
            return None;
        };
        let Dose::Repetitions {
            count,
            pace_seconds,
        } = self.plan[set].dose
        else {
            return None;
        };
        let elapsed = self.effective(now).saturating_sub(started);
        let pace = u64::from(pace_seconds.max(1)) * 1000;
        let rep = u32::try_from(elapsed / pace + 1)
            .unwrap_or(u32::MAX)
            .min(count);
        Some((rep, count))
    }

    /// When the next phase ends on its own, if one is running.
    pub fn next_deadline(&self) -> Option<u64> {
        if self.paused_at.is_some() {
            return None;
        }
        self.phase.deadline()
    }
}

impl Phase {
    fn deadline(&self) -> Option<u64> {
        match *self {
            Phase::GetReady { ends, .. }
            | Phase::Exercise { ends, .. }
            | Phase::Rest { ends, .. } => Some(ends),
            _ => None,
        }
    }

    pub fn is_timed(&self) -> bool {
        self.deadline().is_some()
    }

    /// Moves a timed phase later by `ms` (after a pause).
    fn shift(&mut self, ms: u64) {
        match self {
            Phase::GetReady { ends, .. } | Phase::Rest { ends, .. } => *ends += ms,
            Phase::Exercise { started, ends, .. } => {
                *started += ms;
                *ends += ms;
            }
            _ => {}
        }
    }
}
