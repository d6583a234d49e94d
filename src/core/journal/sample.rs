//! A seeded generator of heavy, realistic use, for the storage benchmark
//! and tests: the figures for "three years of data" come from this, written
//! through the app's own [`Appender`].

use super::records::{
    Acknowledged, CheckInRecord, Correction, Outcome, Psfs, PsfsItem, Record, SafetyStop,
    SessionEnded, SessionStarted, SetCompleted, Text, WarningCheck,
};
use super::store::{Appender, KeyValue, StoreError};
use crate::core::bundled::bundled_packs;
use crate::core::pack::Kind;
use crate::core::self_check::SelfCheck;
use crate::core::symptoms::{Answers, Change, Level, MdtAfter, SymptomType};

/// A small, fast, seeded generator (SplitMix64): reproducible data without
/// a dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// An id shaped like the app's: base-36 time and randomness.
    pub fn id(&mut self, at: u64) -> String {
        format!("{}{}", base36(at), base36(self.below(1 << 48)))
    }
}

fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// What a generated history holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub records: usize,
    pub sessions: usize,
    pub sets: usize,
    pub check_ins: usize,
}

/// Writes `days` of heavy use starting at `start` (ms since the epoch):
/// `sessions_a_day` sessions of `sets` sets each, every set followed by a
/// check-in, with a baseline check-in per session, weekly warning-signs and
/// heel-raise checks and PSFS, a flare-up logged on its own each week (a
/// few of them corrected), a few notes, safety stops and acknowledgements. One
/// page a day takes over the previous day's writer, as the app does; every
/// 30 days a second tab writes one session alongside.
pub fn heavy_use(
    kv: &mut impl KeyValue,
    seed: u64,
    start: u64,
    days: u32,
    sessions_a_day: u32,
    sets: u32,
) -> Result<Counts, StoreError> {
    const HOUR: u64 = 3_600_000;
    let Some(pack) = bundled_packs().into_iter().next() else {
        return Ok(Counts::default());
    };
    let mut rng = Rng::new(seed);
    let mut counts = Counts::default();
    let main_writer = rng.id(start);
    let mut level = Level::BelowKnee;
    for day in 0..u64::from(days) {
        let mut main =
            Appender::resume(kv, &main_writer).unwrap_or_else(|| Appender::new(&main_writer));
        let morning = start + day * 24 * HOUR + 7 * HOUR;
        let mut out: Vec<Record> = Vec::new();
        if day % 7 == 0 {
            out.push(Record::WarningCheck(WarningCheck {
                id: rng.id(morning),
                at: morning,
                yes: Vec::new(),
                outcome: None,
            }));
            out.push(Record::SelfCheck(SelfCheck {
                id: rng.id(morning + 1),
                at: morning + 60_000,
                left: 10 + rng.below(15) as u32,
                right: 20 + rng.below(6) as u32,
                toe_walk_left: rng.chance(80),
                toe_walk_right: true,
            }));
            // The weekly PSFS: the same three activities, easier by the year.
            let easier = (day / 120).min(6) as u8;
            out.push(Record::Psfs(Psfs {
                id: rng.id(morning + 2),
                at: morning + 120_000,
                items: [
                    "Sitting to drive to work",
                    "Walking the dog",
                    "Lifting my child",
                ]
                .iter()
                .map(|a| PsfsItem {
                    activity: a.to_string(),
                    score: (2 + easier + rng.below(3) as u8).min(10),
                })
                .collect(),
            }));
        }
        // A flare-up logged on a rest day, and now and then corrected.
        if day % 7 == 3 {
            let id: Text = rng.id(morning - HOUR).into();
            out.push(Record::CheckIn(CheckInRecord {
                id: id.clone(),
                session: id.clone(),
                at: morning - HOUR,
                after_set: None,
                answers: Answers::new(level, Level::None, 5 + rng.below(4) as u8, 4),
                note: Some("Flare-up after a long drive".to_string()),
            }));
            counts.check_ins += 1;
            if day % 28 == 3 {
                out.push(Record::Correction(Correction {
                    id: rng.id(morning - HOUR + 1),
                    at: morning - HOUR + 60_000,
                    corrects: id,
                    answers: Some(Answers::new(level, Level::None, 4, 4)),
                    note: Some("Flare-up after a long drive (it was a 4)".to_string()),
                }));
            }
        }
        for s in 0..u64::from(sessions_a_day) {
            let mut at = morning + s * 2 * HOUR + rng.below(20 * 60_000);
            let routine = &pack.routines[(s as usize) % pack.routines.len().max(1)];
            let session: Text = rng.id(at).into();
            out.push(Record::SessionStarted(SessionStarted {
                id: session.clone(),
                at,
                pack_id: pack.id.as_str().into(),
                pack_version: pack.version.as_str().into(),
                routine_id: routine.id.as_str().into(),
                routine_title: routine.title.as_str().into(),
            }));
            let answers = |rng: &mut Rng, level: Level| Answers {
                left: level,
                right: Level::None,
                left_type: Some(SymptomType::ALL[rng.below(3) as usize]),
                right_type: None,
                left_foot: None,
                right_foot: None,
                leg_pain: rng.below(8) as u8,
                back_pain: rng.below(6) as u8,
                weaker: false,
                mdt: rng.chance(10).then_some(MdtAfter::Better),
            };
            out.push(Record::CheckIn(CheckInRecord {
                id: format!("{session}-c0").into(),
                session: session.clone(),
                at,
                after_set: None,
                answers: answers(&mut rng, level),
                note: None,
            }));
            for n in 1..=sets {
                let item = &routine.items[(n as usize - 1) % routine.items.len().max(1)];
                let exercise = pack.exercise(&item.exercise);
                let started_at = at + 10_000;
                at = started_at + item.dose.duration_ms() + rng.below(1_000);
                let set_id: Text = format!("{session}-s{n}").into();
                out.push(Record::SetCompleted(SetCompleted {
                    id: set_id.clone(),
                    session: session.clone(),
                    at,
                    started_at,
                    exercise_id: item.exercise.as_str().into(),
                    exercise_name: exercise.map_or_else(|| "".into(), |e| e.name.as_str().into()),
                    kind: exercise.map_or(Kind::Hold, |e| e.kind),
                    set: n,
                    of: item.sets,
                    dose: item.dose,
                    stopped_early: false,
                }));
                // Symptoms wander, mostly towards the back over the years.
                let i = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
                let step = rng.below(100);
                level = if step < 8 && i > 1 {
                    Level::ALL[i - 1]
                } else if step > 95 && i + 1 < Level::ALL.len() {
                    Level::ALL[i + 1]
                } else {
                    level
                };
                at += 15_000 + rng.below(30_000);
                let check_in: Text = format!("{session}-c{n}").into();
                out.push(Record::CheckIn(CheckInRecord {
                    id: check_in.clone(),
                    session: session.clone(),
                    at,
                    after_set: Some(set_id),
                    answers: answers(&mut rng, level),
                    note: rng
                        .chance(2)
                        .then(|| "Stiff after sitting at work".to_string()),
                }));
                counts.sets += 1;
                counts.check_ins += 1;
                if step == 99 {
                    out.push(Record::SafetyStop(SafetyStop {
                        id: format!("{session}-stop{n}").into(),
                        session: session.clone(),
                        at,
                        exercise_id: item.exercise.as_str().into(),
                        exercise_name: exercise
                            .map_or_else(|| "".into(), |e| e.name.as_str().into()),
                        change: Change::Peripheralised,
                        check_in,
                    }));
                }
            }
            counts.check_ins += 1;
            counts.sessions += 1;
            out.push(Record::SessionEnded(SessionEnded {
                id: format!("{session}-end").into(),
                session,
                at: at + 1_000,
                outcome: Outcome::Completed,
            }));
        }
        if day % 30 == 29 {
            out.push(Record::Acknowledged(Acknowledged {
                id: rng.id(morning),
                at: morning + 20 * HOUR,
                what: Acknowledged::REVIEW.to_string(),
            }));
        }
        // Once a month a second tab records the evening session.
        let mut other = (day % 30 == 15).then(|| Appender::new(rng.id(morning)));
        let split = out
            .iter()
            .rposition(|r| matches!(r, Record::SessionStarted(_)))
            .unwrap_or(out.len());
        for (i, record) in out.iter().enumerate() {
            match other.as_mut().filter(|_| i >= split) {
                Some(tab) => tab.append(kv, record)?,
                None => main.append(kv, record)?,
            }
        }
        counts.records += out.len();
    }
    Ok(counts)
}
