//! The session state machine, driven by a simulated clock: no test sleeps.

use centralise::core::journal::{Outcome, Record};
use centralise::core::pack::bundled_packs;
use centralise::core::session::{Effect, Event, GET_READY_MS, Phase, Resume, Session};
use centralise::core::symptoms::{Answers, Change, Level};
use centralise::core::time::Now;

const T0: Now = Now {
    mono: 1_000,
    wall: 1_790_000_000_000,
};

fn answers(left: Level, leg_pain: u8) -> Answers {
    Answers {
        left,
        right: Level::None,
        leg_pain,
        back_pain: 3,
    }
}

/// A session plus everything it asked the shell to write.
struct Run {
    s: Session,
    now: Now,
    records: Vec<Record>,
    saves: usize,
}

impl Run {
    fn start(routine: &str) -> Run {
        let pack = &bundled_packs()[0];
        let (s, fx) = Session::start("S".into(), pack, pack.routine(routine).unwrap(), T0);
        let mut run = Run {
            s,
            now: T0,
            records: vec![],
            saves: 0,
        };
        run.take(fx);
        run
    }

    fn take(&mut self, fx: Vec<Effect>) {
        for e in fx {
            match e {
                Effect::Write(r) => self.records.push(r),
                Effect::SaveProgress => self.saves += 1,
                Effect::ClearProgress => {}
            }
        }
    }

    fn send(&mut self, event: Event) {
        let (s, fx) = self.s.clone().step(event, self.now);
        self.s = s;
        self.take(fx);
    }

    /// Moves time on by `ms`, ticking every `every` ms like a visible tab.
    fn watch(&mut self, ms: u64, every: u64) {
        let end = self.now.mono + ms;
        while self.now.mono < end {
            self.now = self.now.plus(every.min(end - self.now.mono));
            self.send(Event::Tick);
        }
    }

    /// Moves time on by `ms` with a single tick at the end, like a frozen tab.
    fn jump(&mut self, ms: u64) {
        self.now = self.now.plus(ms);
        self.send(Event::Tick);
    }

    fn sets(&self) -> Vec<&centralise::core::journal::SetCompleted> {
        self.records
            .iter()
            .filter_map(|r| match r {
                Record::SetCompleted(s) => Some(s),
                _ => None,
            })
            .collect()
    }
}

#[test]
fn a_whole_routine_records_every_set_and_check_in() {
    let mut run = Run::start("extension");
    assert_eq!(run.s.phase, Phase::Baseline);
    assert_eq!(run.s.plan.len(), 4);
    run.send(Event::CheckIn(answers(Level::BelowKnee, 6)));
    let mut levels = [Level::Thigh, Level::Buttock, Level::Buttock, Level::LowBack].into_iter();
    while !matches!(run.s.phase, Phase::Finished { .. }) {
        match run.s.phase {
            Phase::CheckIn { .. } => run.send(Event::CheckIn(answers(levels.next().unwrap(), 4))),
            _ => run.watch(1_000, 250),
        }
    }
    assert_eq!(
        run.s.phase,
        Phase::Finished {
            outcome: Outcome::Completed
        }
    );
    let sets = run.sets();
    assert_eq!(sets.len(), 4);
    assert_eq!(sets[0].exercise_id, "prone-lying");
    assert_eq!((sets[3].set, sets[3].of), (3, 3));
    let check_ins = run
        .records
        .iter()
        .filter(|r| matches!(r, Record::CheckIn(_)))
        .count();
    assert_eq!(check_ins, 5, "baseline plus one per set");
    assert!(matches!(run.records.last(), Some(Record::SessionEnded(_))));
    assert_eq!(run.s.last_change, Some(Change::Centralised));
    // Prone lying: 10 s to get ready, then 120 s; the record says so.
    assert_eq!(sets[0].at - sets[0].started_at, 120_000);
    assert_eq!(sets[0].started_at, T0.wall + GET_READY_MS);
}

#[test]
fn a_late_tick_ends_each_phase_at_its_own_deadline() {
    let mut watched = Run::start("core");
    watched.send(Event::CheckIn(answers(Level::Thigh, 5)));
    let mut frozen = Run::start("core");
    frozen.send(Event::CheckIn(answers(Level::Thigh, 5)));
    watched.watch(10 * 60_000, 250);
    frozen.jump(10 * 60_000); // the tab was frozen for ten minutes
    assert_eq!(frozen.s, watched.s);
    assert_eq!(frozen.records, watched.records);
    assert_eq!(frozen.s.phase, Phase::CheckIn { set: 0 });
    let set = frozen.sets()[0];
    assert_eq!(
        set.at,
        T0.wall + GET_READY_MS + 10_000,
        "ended at its deadline"
    );
}

#[test]
fn rests_and_sets_catch_up_after_a_check_in_with_no_ticks() {
    let mut a = Run::start("core");
    let mut b = Run::start("core");
    for r in [&mut a, &mut b] {
        r.send(Event::CheckIn(answers(Level::Thigh, 5)));
        r.jump(GET_READY_MS + 10_000);
        r.send(Event::CheckIn(answers(Level::Thigh, 5)));
    }
    // rest 10 s, set 10 s: then the next check-in
    a.watch(25_000, 100);
    b.jump(25_000);
    assert_eq!(a.s, b.s);
    assert_eq!(a.s.phase, Phase::CheckIn { set: 1 });
}

#[test]
fn pause_stops_the_clock_and_resume_continues_it() {
    let mut run = Run::start("core");
    run.send(Event::CheckIn(answers(Level::Thigh, 5)));
    run.watch(GET_READY_MS + 4_000, 250);
    assert_eq!(run.s.remaining_ms(run.now.mono), Some(6_000));
    run.send(Event::Pause);
    assert!(run.s.is_paused());
    run.jump(60_000);
    assert_eq!(run.s.remaining_ms(run.now.mono), Some(6_000));
    assert!(matches!(run.s.phase, Phase::Exercise { .. }));
    run.send(Event::Resume);
    run.watch(5_999, 1_000);
    assert!(matches!(run.s.phase, Phase::Exercise { .. }));
    run.watch(1, 1);
    assert_eq!(run.s.phase, Phase::CheckIn { set: 0 });
}

#[test]
fn repetitions_are_counted_at_the_pack_pace() {
    let mut run = Run::start("extension");
    run.send(Event::CheckIn(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 120_000);
    run.send(Event::CheckIn(answers(Level::Thigh, 5)));
    // Prone lying has no rest after it: straight to getting ready.
    assert!(matches!(run.s.phase, Phase::GetReady { set: 1, .. }));
    run.jump(GET_READY_MS);
    assert_eq!(run.s.repetition(run.now.mono), Some((1, 10)));
    run.jump(3_000 * 6 + 500);
    assert_eq!(run.s.repetition(run.now.mono), Some((7, 10)));
}

#[test]
fn skip_moves_on_without_recording_the_set_and_end_keeps_what_was_done() {
    let mut run = Run::start("core");
    run.send(Event::CheckIn(answers(Level::Thigh, 5)));
    run.send(Event::Skip); // get ready
    assert!(matches!(run.s.phase, Phase::Exercise { set: 0, .. }));
    run.send(Event::Skip); // the set itself
    assert!(matches!(run.s.phase, Phase::Exercise { set: 1, .. }));
    assert!(run.sets().is_empty());
    run.jump(10_000);
    run.send(Event::CheckIn(answers(Level::Buttock, 4)));
    run.send(Event::End);
    assert_eq!(
        run.s.phase,
        Phase::Finished {
            outcome: Outcome::EndedEarly
        }
    );
    assert_eq!(run.sets().len(), 1);
    assert_eq!(run.sets()[0].set, 2);
}

#[test]
fn a_restored_session_restarts_the_interrupted_set() {
    let mut run = Run::start("core");
    run.send(Event::CheckIn(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 10_000);
    run.send(Event::CheckIn(answers(Level::Thigh, 5)));
    run.jump(10_000 + 4_000); // four seconds into the second set
    assert!(matches!(run.s.phase, Phase::Exercise { set: 1, .. }));
    // The page is killed; the last saved copy is restored on a new page,
    // whose monotonic clock starts again near zero.
    let stored = serde_json::to_string(&run.s).unwrap();
    let restored: Session = serde_json::from_str(&stored).unwrap();
    let mut run2 = Run {
        s: restored.restored().unwrap(),
        now: Now::new(5, run.now.wall + 3_600_000),
        records: vec![],
        saves: 0,
    };
    assert_eq!(
        run2.s.phase,
        Phase::Interrupted {
            resume: Resume::Set(1)
        }
    );
    run2.jump(100_000);
    assert_eq!(
        run2.s.phase,
        Phase::Interrupted {
            resume: Resume::Set(1)
        },
        "waits"
    );
    run2.send(Event::Continue);
    assert!(matches!(run2.s.phase, Phase::GetReady { set: 1, .. }));
    run2.jump(GET_READY_MS + 10_000);
    assert_eq!(run2.s.phase, Phase::CheckIn { set: 1 });
    let set = run2.sets()[0];
    assert_eq!(
        set.id, "S-s2",
        "ids continue after the one set already done"
    );
    assert_eq!(set.set, 2);
}

#[test]
fn an_interrupted_session_can_be_finished_where_it_is() {
    let mut run = Run::start("core");
    run.send(Event::CheckIn(answers(Level::Thigh, 5)));
    run.s = run.s.clone().restored().unwrap();
    run.send(Event::End);
    assert_eq!(
        run.s.phase,
        Phase::Finished {
            outcome: Outcome::EndedEarly
        }
    );
    assert!(matches!(run.records.last(), Some(Record::SessionEnded(_))));
}

#[test]
fn every_transition_is_saved_but_plain_ticks_are_not() {
    let mut run = Run::start("core");
    let after_start = run.saves;
    assert_eq!(after_start, 1);
    run.send(Event::Tick);
    assert_eq!(run.saves, after_start);
    run.send(Event::CheckIn(answers(Level::Thigh, 5)));
    assert_eq!(run.saves, after_start + 1);
}

#[test]
fn a_wall_clock_that_moved_back_gives_no_negative_times() {
    let mut run = Run::start("core");
    run.send(Event::CheckIn(answers(Level::Thigh, 5)));
    // The phone's clock is set back a day; the monotonic clock runs on.
    run.now = Now::new(run.now.mono, 1_000);
    run.jump(GET_READY_MS + 10_000);
    let set = run.sets()[0];
    assert!(set.started_at <= set.at);
}
