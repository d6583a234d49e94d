//! What the patient hears and feels, derived from the session: a spoken
//! prompt and a vibration when a phase begins, the count at each
//! repetition, a vibration for the last three seconds, and tones at the
//! deadlines (which the shell schedules ahead, so they sound on time even
//! when the page's timers are throttled).

use super::{Phase, Session};
use crate::core::journal::Outcome;
use crate::core::pack::{Dose, Kind, seconds_in_words};
use crate::core::symptoms::Side;

/// A count or countdown noticed later than this is not given: a tab that
/// wakes up late does not recite old numbers.
pub const STALE_MS: u64 = 1_500;

/// A prompt for one phase change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    pub say: String,
    pub vibrate: Vibration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vibration {
    None,
    /// Something starts: one pulse.
    Start,
    /// Three short pulses, a second apart: the last three seconds.
    Countdown,
    /// Two long pulses: the set (or session) is done.
    Done,
}

impl Vibration {
    /// The pattern for `navigator.vibrate`, in milliseconds on, off, on...
    pub fn pattern(self) -> &'static [u32] {
        match self {
            Vibration::None => &[],
            Vibration::Start => &[250],
            Vibration::Countdown => &[80, 920, 80, 920, 80],
            Vibration::Done => &[400, 200, 400],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// A short high tick, each of the last three seconds.
    Tick,
    /// A longer tone at the deadline.
    End,
}

impl Tone {
    pub fn frequency_hz(self) -> f32 {
        match self {
            Tone::Tick => 660.0,
            Tone::End => 880.0,
        }
    }

    pub fn duration_ms(self) -> u32 {
        match self {
            Tone::Tick => 100,
            Tone::End => 450,
        }
    }
}

/// The prompt for the phase the session has just entered from `before`.
pub(super) fn on_entering(s: &Session, before: &Phase) -> Option<Cue> {
    let cue = |say: String, vibrate| Some(Cue { say, vibrate });
    match s.phase {
        Phase::GetReady { set, .. } => {
            let name = &s.exercise_of(set)?.name;
            cue(
                format!("Get ready: {name}. {}.", set_words(s, set)),
                Vibration::Start,
            )
        }
        Phase::Exercise { set, side, .. } => {
            let side = match side {
                Some(Side::Left) => "Left side. ",
                Some(Side::Right) => "Right side. ",
                None => "",
            };
            // After switching sides the set number was already said.
            let set_part = if matches!(before, Phase::SwitchSides { .. }) {
                String::new()
            } else {
                format!("Set {} of {}. ", s.plan[set].number, s.plan[set].of)
            };
            cue(
                format!("{set_part}{side}{}", go_words(s, set)),
                Vibration::Start,
            )
        }
        Phase::SwitchSides { .. } => cue("Switch sides.".into(), Vibration::Done),
        Phase::CheckIn { .. } => cue(
            "Set done. How are your symptoms now?".into(),
            Vibration::Done,
        ),
        Phase::Rest { next, .. } => {
            let name = &s.exercise_of(next)?.name;
            cue(format!("Rest. Next: {name}."), Vibration::None)
        }
        Phase::Finished {
            outcome: Outcome::Completed,
        } => cue("Session complete. Well done.".into(), Vibration::Done),
        _ => None,
    }
}

/// "Set 2 of 3, 10 repetitions".
fn set_words(s: &Session, set: usize) -> String {
    let p = &s.plan[set];
    let kind = s.exercises[p.exercise].kind;
    let sides = match (p.per_side, p.only) {
        (true, _) => ", each side",
        (false, Some(Side::Left)) => ", left leg",
        (false, Some(Side::Right)) => ", right leg",
        (false, None) => "",
    };
    format!(
        "Set {} of {}, {}{sides}",
        p.number,
        p.of,
        p.dose.describe(kind)
    )
}

/// What to do now: "10 repetitions. Go." or "Hold for 8 seconds."
fn go_words(s: &Session, set: usize) -> String {
    let p = &s.plan[set];
    match (p.dose, s.exercises[p.exercise].kind) {
        (Dose::Repetitions { count, .. }, _) => format!("{count} repetitions. Go."),
        (Dose::Seconds { seconds }, Kind::Sustained) => {
            format!("Stay there for {}.", seconds_in_words(seconds))
        }
        (Dose::Seconds { seconds }, _) => format!("Hold for {}.", seconds_in_words(seconds)),
    }
}

impl Session {
    /// The repetition to count aloud as the clock moves from `from` to `to`:
    /// the last one finished in between, if that was just now. The final
    /// repetition is not counted: the set's own end cue covers it.
    pub fn count_between(&self, from: u64, to: u64) -> Option<u32> {
        if self.paused_at.is_some() {
            return None;
        }
        let (before, _) = self.reps_done(from)?;
        let (after, count) = self.reps_done(to)?;
        let Phase::Exercise { set, started, .. } = self.phase else {
            return None;
        };
        let Dose::Repetitions { pace_seconds, .. } = self.plan[set].dose else {
            return None;
        };
        let boundary = started + u64::from(after) * u64::from(pace_seconds.max(1)) * 1000;
        let fresh = to.saturating_sub(boundary) <= STALE_MS;
        (after > before && after < count && fresh).then_some(after)
    }

    /// Whether the last three seconds of the running phase began as the
    /// clock moved from `from` to `to` (and just now).
    pub fn countdown_between(&self, from: u64, to: u64) -> bool {
        let Some(ends) = self.next_deadline() else {
            return false;
        };
        let mark = ends.saturating_sub(3_000);
        from < mark && mark <= to && to - mark <= STALE_MS
    }

    /// Tones for the running phase, at monotonic times: a tick at each of
    /// the last three seconds and a longer tone at the end.
    pub fn tones(&self) -> Vec<(u64, Tone)> {
        let Some(ends) = self.next_deadline() else {
            return Vec::new();
        };
        let mut tones: Vec<(u64, Tone)> = (1..=3)
            .rev()
            .filter_map(|k| ends.checked_sub(k * 1_000))
            .map(|t| (t, Tone::Tick))
            .collect();
        tones.push((ends, Tone::End));
        tones
    }
}
