//! The guided session as a state machine: `step(session, event, now)`
//! returns the next session and the effects for the shell to perform.
//!
//! Phases end at deadlines on the monotonic clock, never by counting ticks:
//! a tick that comes late (a throttled or frozen tab) catches up through
//! every deadline that passed, and the result is the same as if the patient
//! had watched throughout.

mod cues;

pub use cues::{Cue, Tone, Vibration};

use crate::core::journal::{
    Acknowledged, CheckInRecord, Outcome, Part, Record, SafetyStop, SessionEnded, SessionStarted,
    SetCompleted, need,
};
use crate::core::pack::{Category, Dose, Exercise, Pack, Routine, Sides};
use crate::core::red_flags::{self, Tier};
use crate::core::settings::AffectedLeg;
use crate::core::symptoms::{Answers, Change, Side, both_legs_new, compare};
use crate::core::time::Now;
use serde::{Deserialize, Serialize};

/// Time to get into position before an exercise's first set, unless the
/// routine says otherwise.
pub const GET_READY_MS: u64 = 10_000;
/// Time to change sides in a per-side set, unless the routine says
/// otherwise.
pub const SWITCH_SIDES_MS: u64 = 5_000;
/// A session left this long without any step is closed, its sets kept.
pub const CLOSE_AFTER_MS: u64 = 6 * 60 * 60 * 1000;

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
    /// Left side, a pause to switch, then the right side.
    #[serde(default)]
    pub per_side: bool,
    /// The one side to do, for an item meant for the affected leg only.
    #[serde(default)]
    pub only: Option<Side>,
}

/// What a start needs to know beyond the routine: the exercises a safety
/// rule stopped for today (left out), the journal's last check-in (the
/// baseline is compared with it), and the patient's affected leg (for items
/// meant for that leg only).
#[derive(Clone, Copy, Debug, Default)]
pub struct StartWith<'a> {
    pub stopped: &'a [&'a str],
    pub previous: Option<&'a Answers>,
    pub affected: Option<AffectedLeg>,
}

/// Where a session stands. Timed phases carry their deadline (`ends`, on
/// the monotonic clock).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "kebab-case", try_from = "StoredPhase")]
pub enum Phase {
    /// The check-in before the first set.
    Baseline,
    GetReady {
        set: usize,
        ends: u64,
    },
    Exercise {
        set: usize,
        /// The side being worked, in a per-side set.
        #[serde(default)]
        side: Option<Side>,
        started: u64,
        ends: u64,
    },
    /// Between the left and the right side of a per-side set.
    SwitchSides {
        set: usize,
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
    /// Something the patient must read or answer ([`Session::holds`]):
    /// nothing moves until they have, then they choose to carry on or end.
    /// `set` is the set just checked in (`None`: the baseline).
    Held {
        set: Option<usize>,
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

/// A stored phase (`{"phase": "rest", "next": 2, "ends": ...}`) read as one
/// flat object: the same JSON as the derived, internally tagged form, which
/// buffers every value first and costs several times the code on the
/// first screen.
#[derive(Deserialize)]
struct StoredPhase {
    phase: PhaseName,
    set: Option<usize>,
    ends: Option<u64>,
    side: Option<Side>,
    started: Option<u64>,
    next: Option<usize>,
    resume: Option<Resume>,
    outcome: Option<Outcome>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum PhaseName {
    Baseline,
    GetReady,
    Exercise,
    SwitchSides,
    CheckIn,
    Rest,
    Held,
    Interrupted,
    Finished,
}

impl TryFrom<StoredPhase> for Phase {
    type Error = String;

    fn try_from(p: StoredPhase) -> Result<Phase, String> {
        Ok(match p.phase {
            PhaseName::Baseline => Phase::Baseline,
            PhaseName::GetReady => Phase::GetReady {
                set: need(p.set, "set")?,
                ends: need(p.ends, "ends")?,
            },
            PhaseName::Exercise => Phase::Exercise {
                set: need(p.set, "set")?,
                side: p.side,
                started: need(p.started, "started")?,
                ends: need(p.ends, "ends")?,
            },
            PhaseName::SwitchSides => Phase::SwitchSides {
                set: need(p.set, "set")?,
                ends: need(p.ends, "ends")?,
            },
            PhaseName::CheckIn => Phase::CheckIn {
                set: need(p.set, "set")?,
            },
            PhaseName::Rest => Phase::Rest {
                next: need(p.next, "next")?,
                ends: need(p.ends, "ends")?,
            },
            PhaseName::Held => Phase::Held { set: p.set },
            PhaseName::Interrupted => Phase::Interrupted {
                resume: need(p.resume, "resume")?,
            },
            PhaseName::Finished => Phase::Finished {
                outcome: need(p.outcome, "outcome")?,
            },
        })
    }
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

/// What stops a session until the patient has read it (DOMAIN.md "What the
/// app does with each answer"). Several can come from one check-in; they
/// are shown one at a time, in the order raised.
/// Stored externally tagged (`"urgent"`, `{"stopped": {...}}`): an
/// internally tagged enum would bring serde's buffering code to the first
/// screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hold {
    /// Symptoms are newly in both legs: the warning-signs questions come
    /// before anything else.
    WarningSigns,
    /// "Yes, weaker", or an urgent answer to the warning-signs questions.
    Urgent,
    /// A set was peripheralised, worse or brought a new nerve sign: the
    /// exercise (every directional-preference one, for such an exercise)
    /// is stopped for the day.
    Stopped { exercise: usize, change: Change },
}

impl Hold {
    /// What the patient is told (shown and spoken).
    pub fn message(self) -> &'static str {
        match self {
            Hold::WarningSigns => {
                "You now have symptoms in both legs. That can be a warning sign. Please answer \
                 the warning-signs questions now, before anything else."
            }
            Hold::Urgent => red_flags::URGENT_ADVICE,
            Hold::Stopped { change, .. } => change.message(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The clock moved; end whatever phases have passed.
    Tick,
    Pause,
    Resume,
    /// Skip the get-ready, the set, the switch of sides or the rest.
    Skip,
    /// Skip the remaining sets of the current exercise.
    SkipExercise,
    /// Go back one set and do it (again) from its start.
    Back,
    /// End the session now, keeping what was done.
    End,
    /// The patient saved a check-in, with an optional short note.
    CheckIn(Answers, Option<String>),
    /// Carry on with an interrupted session, or after a hold was read.
    Continue,
    /// The patient has read the hold that is showing.
    Acknowledge,
    /// The warning-signs questions were answered, with this outcome.
    WarningAnswer(Option<Tier>),
    /// The symptoms are spreading down the leg during a set: stop the set
    /// now and go to the check-in.
    Spreading,
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
    /// Tell the patient, without their needing to look.
    Cue(Cue),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub routine_title: String,
    /// The pack's language, for spoken cues.
    #[serde(default)]
    pub language: String,
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
    /// The last check-in found symptoms newly down both legs: ask the
    /// warning-signs questions.
    #[serde(default)]
    pub both_legs_new: bool,
    /// Wall-clock time of the last step that changed anything: a session
    /// idle for [`CLOSE_AFTER_MS`] after it is closed.
    #[serde(default)]
    pub last_wall: u64,
    /// Wall-clock time at which the current set began.
    #[serde(default)]
    pub set_began: u64,
    #[serde(default = "default_get_ready")]
    pub get_ready_ms: u64,
    #[serde(default = "default_switch")]
    pub switch_ms: u64,
    /// What the patient must still read or answer, the first showing.
    #[serde(default)]
    pub holds: Vec<Hold>,
    /// Exercises (indices into `exercises`) stopped by a safety rule during
    /// this session: their remaining sets are left out.
    #[serde(default)]
    pub stopped: Vec<usize>,
    /// The last check-in before this session (from the journal): the
    /// baseline is compared with it to tell whether symptoms are newly in
    /// both legs.
    #[serde(default)]
    pub previous: Option<Answers>,
    /// How many times the urgent advice was acknowledged in this session:
    /// numbers each acknowledgement's record, so the advice read again
    /// after the same check-in (a later warning-signs answer) is kept too.
    #[serde(default)]
    pub acks: u32,
}

fn default_get_ready() -> u64 {
    GET_READY_MS
}

fn default_switch() -> u64 {
    SWITCH_SIDES_MS
}

impl Session {
    /// Starts a routine, leaving out the exercises stopped for today: the
    /// first thing is the baseline check-in. `None` when nothing is left to
    /// do.
    pub fn start(
        id: String,
        pack: &Pack,
        routine: &Routine,
        with: StartWith,
        now: Now,
    ) -> Option<(Session, Vec<Effect>)> {
        let mut exercises: Vec<Exercise> = Vec::new();
        let mut plan = Vec::new();
        for item in &routine.items {
            let Some(ex) = pack.exercise(&item.exercise) else {
                continue;
            };
            if with.stopped.contains(&ex.id.as_str()) {
                continue;
            }
            let index = match exercises.iter().position(|e| e.id == ex.id) {
                Some(i) => i,
                None => {
                    exercises.push(ex.clone());
                    exercises.len() - 1
                }
            };
            let (per_side, only) = match (item.sides(), with.affected) {
                (Sides::One, _) => (false, None),
                (Sides::Affected, Some(AffectedLeg::Left)) => (false, Some(Side::Left)),
                (Sides::Affected, Some(AffectedLeg::Right)) => (false, Some(Side::Right)),
                (Sides::Both | Sides::Affected, _) => (true, None),
            };
            plan.extend((1..=item.sets).map(|number| PlannedSet {
                exercise: index,
                number,
                of: item.sets,
                dose: item.dose,
                rest_seconds: item.rest_seconds,
                per_side,
                only,
            }));
        }
        let started = Record::SessionStarted(SessionStarted {
            id: id.as_str().into(),
            at: now.wall,
            pack_id: pack.id.as_str().into(),
            pack_version: pack.version.as_str().into(),
            routine_id: routine.id.as_str().into(),
            routine_title: routine.title.as_str().into(),
        });
        let session = Session {
            id,
            routine_title: routine.title.clone(),
            language: pack.language.clone(),
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
            both_legs_new: false,
            last_wall: now.wall,
            set_began: now.wall,
            get_ready_ms: routine
                .get_ready_seconds
                .map_or(GET_READY_MS, |s| u64::from(s) * 1000),
            switch_ms: routine
                .switch_seconds
                .map_or(SWITCH_SIDES_MS, |s| u64::from(s) * 1000),
            holds: Vec::new(),
            stopped: Vec::new(),
            previous: with.previous.copied(),
            acks: 0,
        };
        if session.plan.is_empty() {
            return None;
        }
        Some((session, vec![Effect::Write(started), Effect::SaveProgress]))
    }

    /// A stored session on a new page: its timings belonged to the old
    /// page's clock, so it waits at a resume point; one left for more than
    /// six hours is closed instead, keeping its sets.
    pub fn restore(mut self, now: Now) -> (Option<Session>, Vec<Effect>) {
        let resume = match self.phase {
            Phase::Baseline => Resume::Baseline,
            Phase::GetReady { set, .. }
            | Phase::Exercise { set, .. }
            | Phase::SwitchSides { set, .. } => Resume::Set(set),
            Phase::CheckIn { set } => Resume::CheckIn(set),
            Phase::Rest { next, .. } => Resume::Set(next),
            Phase::Interrupted { resume } => resume,
            // What the patient must read is still waiting for them.
            Phase::Held { .. } if !self.is_stale(now) => return (Some(self), Vec::new()),
            Phase::Held { set } => set.map_or(Resume::Baseline, Resume::CheckIn),
            Phase::Finished { .. } => return (None, vec![Effect::ClearProgress]),
        };
        self.phase = Phase::Interrupted { resume };
        self.paused_at = None;
        if self.is_stale(now) {
            let mut fx = Vec::new();
            let at = Now::new(now.mono, self.last_wall);
            self.finish(Outcome::TimedOut, at, &mut fx);
            return (None, fx);
        }
        (Some(self), Vec::new())
    }

    /// Whether every index the session holds points into its own plan and
    /// exercises: a stored session edited by hand or damaged may not, and
    /// must not be run.
    pub fn fits(&self) -> bool {
        let sets = self.plan.len();
        let exercises = self.exercises.len();
        let in_plan = |s: usize| s < sets;
        let phase_fits = match self.phase {
            Phase::GetReady { set, .. }
            | Phase::Exercise { set, .. }
            | Phase::SwitchSides { set, .. }
            | Phase::CheckIn { set }
            | Phase::Held { set: Some(set) }
            | Phase::Rest { next: set, .. }
            | Phase::Interrupted {
                resume: Resume::Set(set) | Resume::CheckIn(set),
            } => in_plan(set),
            _ => true,
        };
        phase_fits
            && self.plan.iter().all(|p| p.exercise < exercises)
            && self.stopped.iter().all(|&e| e < exercises)
            && self.holds.iter().all(|h| match h {
                Hold::Stopped { exercise, .. } => *exercise < exercises,
                _ => true,
            })
    }

    /// Left alone for longer than [`CLOSE_AFTER_MS`]. A wall clock that
    /// moved backwards counts as no time at all.
    pub fn is_stale(&self, now: Now) -> bool {
        !matches!(self.phase, Phase::Finished { .. })
            && now.wall.saturating_sub(self.last_wall) > CLOSE_AFTER_MS
    }

    /// Applies one event at `now`.
    pub fn step(mut self, event: Event, now: Now) -> (Session, Vec<Effect>) {
        let mut fx = Vec::new();
        let before = self.phase.clone();
        let holds_before = self.holds.clone();
        let was_paused = self.paused_at.is_some();
        if self.is_stale(now) {
            let at = Now::new(now.mono, self.last_wall);
            self.finish(Outcome::TimedOut, at, &mut fx);
            return (self, fx);
        }
        // Only the patient's own actions count as activity: a tick is the
        // same whenever it comes, so a frozen tab catches up exactly.
        let by_patient = event != Event::Tick;
        if !matches!(self.phase, Phase::Finished { .. }) {
            self.apply(event, now, &mut fx);
        }
        let moved = self.phase != before;
        if moved && let Some(cue) = cues::on_entering(&self, &before) {
            fx.push(Effect::Cue(cue));
        }
        if moved || self.paused_at.is_some() != was_paused || self.holds != holds_before {
            if by_patient {
                self.last_wall = self.last_wall.max(now.wall);
            }
            if !matches!(self.phase, Phase::Finished { .. }) {
                fx.push(Effect::SaveProgress);
            }
        }
        (self, fx)
    }

    fn apply(&mut self, event: Event, now: Now, fx: &mut Vec<Effect>) {
        let paused = self.paused_at.is_some();
        match (event, self.phase.clone()) {
            (Event::Tick, _) => self.catch_up(now, fx),
            (Event::Pause, p) if p.is_timed() && !paused => {
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
            (e @ (Event::Skip | Event::SkipExercise | Event::Back), p)
                if !paused && p.is_timed() =>
            {
                self.catch_up(now, fx);
                let jump = match e {
                    Event::Skip => Jump::Skip,
                    Event::SkipExercise => Jump::SkipExercise,
                    _ => Jump::Back,
                };
                // Unless the phase ended on its own first.
                if self.phase == p {
                    self.jump(jump, now, fx);
                }
            }
            (Event::End, _) => self.finish(Outcome::EndedEarly, now, fx),
            (Event::CheckIn(answers, note), Phase::Baseline) => {
                self.record_check_in(answers.clamped(), None, note, now, fx);
                self.baseline = self.last_answers;
                if !self.hold_if_needed(None, fx) {
                    self.begin_from(0, now.mono, now, fx);
                }
            }
            (Event::CheckIn(answers, note), Phase::CheckIn { set }) => {
                let after = self.last_set_id.clone();
                self.record_check_in(answers.clamped(), after, note, now, fx);
                if let Some(change) = self.last_change.filter(|c| c.stops_exercise()) {
                    self.stop_exercise(set, change, now, fx);
                }
                if !self.hold_if_needed(Some(set), fx) {
                    self.after_set(set, now, fx);
                }
            }
            (Event::Acknowledge, Phase::Held { .. }) => match self.holds.first() {
                Some(Hold::Urgent) => {
                    // The journal keeps that the advice was read, as for
                    // the urgent advice after a warning-signs check.
                    self.acks += 1;
                    fx.push(Effect::Write(Record::Acknowledged(Acknowledged {
                        id: Part::Ack {
                            check_in: self.check_ins,
                            hold: self.acks,
                        }
                        .of(&self.id)
                        .to_string(),
                        at: now.wall,
                        what: Acknowledged::URGENT.into(),
                    })));
                    self.holds.remove(0);
                    self.say_hold(fx);
                }
                Some(Hold::Stopped { .. }) => {
                    self.holds.remove(0);
                    self.say_hold(fx);
                }
                Some(Hold::WarningSigns) | None => {}
            },
            (Event::WarningAnswer(tier), phase) => self.warning_answer(tier, phase, now, fx),
            (Event::Continue, Phase::Held { set }) if self.holds.is_empty() => match set {
                None => self.begin_from(0, now.mono, now, fx),
                Some(set) => self.after_set(set, now, fx),
            },
            (Event::Spreading, Phase::Exercise { set, .. } | Phase::SwitchSides { set, .. }) => {
                self.paused_at = None;
                self.complete_set(set, now.wall, fx);
                if let Some(Effect::Write(Record::SetCompleted(s))) = fx.last_mut() {
                    s.stopped_early = true;
                }
                self.phase = Phase::CheckIn { set };
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
        while let Some(ends) = self.phase.deadline().filter(|&d| now.mono >= d) {
            match self.phase {
                Phase::GetReady { set, .. } => self.exercise(set, ends, now),
                Phase::Exercise { set, side, .. } => {
                    if side == Some(Side::Left) && self.plan[set].per_side {
                        self.phase = Phase::SwitchSides {
                            set,
                            ends: ends + self.switch_ms,
                        };
                    } else {
                        self.complete_set(set, now.wall_at(ends), fx);
                        self.phase = Phase::CheckIn { set };
                    }
                }
                Phase::SwitchSides { set, .. } => self.side(set, Some(Side::Right), ends),
                Phase::Rest { next, .. } => self.begin(next, ends, now),
                _ => break,
            }
        }
    }

    /// Skip, skip exercise or back, from the running timed phase.
    fn jump(&mut self, kind: Jump, now: Now, fx: &mut Vec<Effect>) {
        let Some(current) = self.current_set() else {
            return;
        };
        match kind {
            Jump::Skip => match self.phase {
                Phase::GetReady { set, .. } => self.exercise(set, now.mono, now),
                Phase::SwitchSides { set, .. } => self.side(set, Some(Side::Right), now.mono),
                Phase::Exercise { set, .. } => self.after_set(set, now, fx),
                Phase::Rest { next, .. } => self.begin(next, now.mono, now),
                _ => {}
            },
            Jump::SkipExercise => {
                let exercise = self.plan[current].exercise;
                let next = (current + 1..self.plan.len()).find(|&i| {
                    let other = self.plan[i].exercise;
                    other != exercise && !self.stopped.contains(&other)
                });
                match next {
                    Some(next) => self.get_ready(next, now.mono),
                    None => self.finish(Outcome::Completed, now, fx),
                }
            }
            Jump::Back => {
                let back = (0..current)
                    .rev()
                    .find(|&i| !self.stopped.contains(&self.plan[i].exercise));
                self.get_ready(back.unwrap_or(current), now.mono);
            }
        }
    }

    /// The check-in after set `set` was peripheralised, worse or brought a
    /// new nerve sign: that exercise stops for the rest of the day, and
    /// every directional-preference exercise with it when it is one (the
    /// next usually loads the spine the same way). The session waits for
    /// the patient to read why ([`Hold::Stopped`]).
    fn stop_exercise(&mut self, set: usize, change: Change, now: Now, fx: &mut Vec<Effect>) {
        let exercise = self.plan[set].exercise;
        let ex = &self.exercises[exercise];
        fx.push(Effect::Write(Record::SafetyStop(SafetyStop {
            id: Part::Stop(self.check_ins).of(&self.id),
            session: self.id.as_str().into(),
            at: now.wall,
            exercise_id: ex.id.as_str().into(),
            exercise_name: ex.name.as_str().into(),
            change,
            check_in: Part::CheckIn(self.check_ins - 1).of(&self.id),
        })));
        let same_direction = ex.category == Category::DirectionalPreference;
        for (i, e) in self.exercises.iter().enumerate() {
            let stops =
                i == exercise || (same_direction && e.category == Category::DirectionalPreference);
            if stops && !self.stopped.contains(&i) {
                self.stopped.push(i);
            }
        }
        self.holds.push(Hold::Stopped { exercise, change });
    }

    /// After a check-in: weakness is the urgent tier every time it is
    /// answered, and symptoms newly in both legs call for the warning-signs
    /// questions first. Holds the session (after set `set`, or before the
    /// first) when anything must be read; true if it did.
    fn hold_if_needed(&mut self, set: Option<usize>, fx: &mut Vec<Effect>) -> bool {
        // In the order shown: the warning-signs questions, the urgent
        // advice, then what was stopped.
        if self.last_answers.is_some_and(|a| a.weaker) {
            self.holds.insert(0, Hold::Urgent);
        }
        if self.both_legs_new {
            self.holds.insert(0, Hold::WarningSigns);
        }
        if self.holds.is_empty() {
            return false;
        }
        self.phase = Phase::Held { set };
        self.say_hold(fx);
        true
    }

    /// Says the hold that is now showing, if any.
    fn say_hold(&self, fx: &mut Vec<Effect>) {
        if let Some(hold) = self.holds.first() {
            fx.push(Effect::Cue(Cue {
                say: hold.message().into(),
                vibrate: Vibration::Done,
            }));
        }
    }

    /// The warning-signs questions were answered during the session: an
    /// emergency answer ends it; an urgent one holds it for the urgent
    /// advice; none lets it carry on once nothing else waits.
    fn warning_answer(&mut self, tier: Option<Tier>, phase: Phase, now: Now, fx: &mut Vec<Effect>) {
        if tier == Some(Tier::Emergency) {
            self.holds.clear();
            self.finish(Outcome::EndedEarly, now, fx);
            return;
        }
        let held = matches!(phase, Phase::Held { .. });
        if held && self.holds.first() == Some(&Hold::WarningSigns) {
            self.holds.remove(0);
        }
        if tier == Some(Tier::Urgent) && !self.holds.contains(&Hold::Urgent) {
            if held {
                self.holds.insert(0, Hold::Urgent);
                self.say_hold(fx);
            } else if self.phase.is_timed() && self.paused_at.is_none() {
                // Answered from the Warning signs page mid-set: the clock
                // stops while the patient reads the advice there.
                self.catch_up(now, fx);
                if self.phase.is_timed() {
                    self.paused_at = Some(now.mono);
                }
            }
        } else if held {
            self.say_hold(fx);
        }
    }

    /// The first set from `from` on whose exercise is not stopped.
    fn next_set(&self, from: usize) -> Option<usize> {
        (from..self.plan.len()).find(|&i| !self.stopped.contains(&self.plan[i].exercise))
    }

    /// Begins the first set from `from` on that is not stopped, or finishes
    /// when none is left.
    fn begin_from(&mut self, from: usize, at: u64, now: Now, fx: &mut Vec<Effect>) {
        match self.next_set(from) {
            Some(set) => self.begin(set, at, now),
            None => self.finish(Outcome::Completed, now, fx),
        }
    }

    /// Starts set `set` at monotonic time `at`, with time to get ready
    /// before an exercise's first set.
    fn begin(&mut self, set: usize, at: u64, now: Now) {
        // A hold may have been read for some time: get ready again.
        let new_exercise = set == 0
            || self.plan[set - 1].exercise != self.plan[set].exercise
            || matches!(self.phase, Phase::Held { .. });
        if new_exercise {
            self.get_ready(set, at);
        } else {
            self.exercise(set, at, now);
        }
    }

    fn get_ready(&mut self, set: usize, at: u64) {
        self.phase = Phase::GetReady {
            set,
            ends: at + self.get_ready_ms,
        };
    }

    /// The set itself starts (its first side, for a per-side set).
    fn exercise(&mut self, set: usize, at: u64, now: Now) {
        self.set_began = now.wall_at(at);
        let p = &self.plan[set];
        let side = if p.per_side { Some(Side::Left) } else { p.only };
        self.side(set, side, at);
    }

    fn side(&mut self, set: usize, side: Option<Side>, at: u64) {
        self.phase = Phase::Exercise {
            set,
            side,
            started: at,
            ends: at + self.plan[set].dose.duration_ms(),
        };
    }

    fn complete_set(&mut self, set: usize, at: u64, fx: &mut Vec<Effect>) {
        self.sets_done += 1;
        let planned = &self.plan[set];
        let exercise = &self.exercises[planned.exercise];
        let id = Part::Set(self.sets_done).of(&self.id);
        fx.push(Effect::Write(Record::SetCompleted(SetCompleted {
            id: id.clone(),
            session: self.id.as_str().into(),
            at,
            started_at: self.set_began.min(at),
            exercise_id: exercise.id.as_str().into(),
            exercise_name: exercise.name.as_str().into(),
            kind: exercise.kind,
            set: planned.number,
            of: planned.of,
            dose: planned.dose,
            stopped_early: false,
        })));
        self.last_set_id = Some(id.to_string());
    }

    fn record_check_in(
        &mut self,
        answers: Answers,
        after_set: Option<String>,
        note: Option<String>,
        now: Now,
        fx: &mut Vec<Effect>,
    ) {
        let id = Part::CheckIn(self.check_ins).of(&self.id);
        self.check_ins += 1;
        self.last_change = self
            .last_answers
            .map(|prev| compare(&prev, &answers).with_patient_word(answers.mdt));
        let known = self.last_answers.or(self.previous);
        self.both_legs_new = both_legs_new(known.as_ref(), &answers);
        self.last_answers = Some(answers);
        fx.push(Effect::Write(Record::CheckIn(CheckInRecord {
            id,
            session: self.id.as_str().into(),
            at: now.wall,
            after_set: after_set.map(Into::into),
            answers,
            note: note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        })));
    }

    /// After set `set` is done (checked in) or skipped: rest, the next set,
    /// or the end.
    fn after_set(&mut self, set: usize, now: Now, fx: &mut Vec<Effect>) {
        let Some(next) = self.next_set(set + 1) else {
            self.finish(Outcome::Completed, now, fx);
            return;
        };
        let rest = u64::from(self.plan[set].rest_seconds) * 1000;
        let checked_in = matches!(self.phase, Phase::CheckIn { .. } | Phase::Held { .. });
        if rest > 0 && checked_in && next == set + 1 {
            self.phase = Phase::Rest {
                next,
                ends: now.mono + rest,
            };
        } else {
            self.begin(next, now.mono, now);
        }
    }

    fn finish(&mut self, outcome: Outcome, now: Now, fx: &mut Vec<Effect>) {
        fx.push(Effect::Write(Record::SessionEnded(SessionEnded {
            id: Part::End.of(&self.id),
            session: self.id.as_str().into(),
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
            Phase::GetReady { set, .. }
            | Phase::Exercise { set, .. }
            | Phase::SwitchSides { set, .. }
            | Phase::CheckIn { set }
            | Phase::Held { set: Some(set) } => Some(set),
            Phase::Rest { next, .. } => Some(next),
            Phase::Interrupted {
                resume: Resume::Set(set) | Resume::CheckIn(set),
            } => Some(set),
            _ => None,
        }
    }

    /// After the holds are read: the set the session would carry on with,
    /// if any is left that no safety rule stopped.
    pub fn next_after_hold(&self) -> Option<usize> {
        match self.phase {
            Phase::Held { set } => self.next_set(set.map_or(0, |s| s + 1)),
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
        let (rep, count) = self.reps_done(self.effective(now))?;
        Some(((rep + 1).min(count), count))
    }

    /// Whole repetitions finished by monotonic time `t`, and the count.
    fn reps_done(&self, t: u64) -> Option<(u32, u32)> {
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
        let pace = u64::from(pace_seconds.max(1)) * 1000;
        let done = t.saturating_sub(started) / pace;
        Some((u32::try_from(done).unwrap_or(u32::MAX).min(count), count))
    }

    /// When the screen next changes on its own: the next whole second of
    /// the running countdown, which is also when a repetition ends and
    /// when the phase itself ends.
    pub fn next_wake(&self, now: u64) -> Option<u64> {
        let ends = self.next_deadline()?;
        let left = ends.saturating_sub(now);
        Some(if left == 0 {
            now
        } else {
            now + (left - 1) % 1000 + 1
        })
    }

    /// When the next phase ends on its own, if one is running.
    pub fn next_deadline(&self) -> Option<u64> {
        if self.paused_at.is_some() {
            return None;
        }
        self.phase.deadline()
    }
}

#[derive(Clone, Copy)]
enum Jump {
    Skip,
    SkipExercise,
    Back,
}

impl Phase {
    fn deadline(&self) -> Option<u64> {
        match *self {
            Phase::GetReady { ends, .. }
            | Phase::Exercise { ends, .. }
            | Phase::SwitchSides { ends, .. }
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
            Phase::GetReady { ends, .. }
            | Phase::SwitchSides { ends, .. }
            | Phase::Rest { ends, .. } => *ends += ms,
            Phase::Exercise { started, ends, .. } => {
                *started += ms;
                *ends += ms;
            }
            _ => {}
        }
    }
}
