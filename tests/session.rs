//! The session state machine, driven by a simulated clock: no test sleeps.

use centralise::core::bundled::bundled_packs;
use centralise::core::journal::Journal;
use centralise::core::journal::{Outcome, Record};
use centralise::core::red_flags::{Tier, URGENT_ADVICE};
use centralise::core::session::{
    CLOSE_AFTER_MS, Effect, Event, GET_READY_MS, Hold, Phase, Resume, SWITCH_SIDES_MS, Session,
    StartWith,
};
use centralise::core::symptoms::{Answers, Change, Level, MdtAfter, Side};
use centralise::core::time::Now;

const T0: Now = Now {
    mono: 1_000,
    wall: 1_790_000_000_000,
};

fn check_in(a: Answers) -> Event {
    Event::CheckIn(a, None)
}

fn answers(left: Level, leg_pain: u8) -> Answers {
    Answers::new(left, Level::None, leg_pain, 3)
}

/// A session plus everything it asked the shell to write.
struct Run {
    s: Session,
    now: Now,
    records: Vec<Record>,
    saves: usize,
    cues: Vec<String>,
}

impl Run {
    fn start(routine: &str) -> Run {
        let packs = bundled_packs();
        let pack = packs.iter().find(|p| p.routine(routine).is_some()).unwrap();
        let routine = pack.routine(routine).unwrap();
        let (s, fx) = Session::start("S".into(), pack, routine, StartWith::default(), T0).unwrap();
        let mut run = Run {
            s,
            now: T0,
            records: vec![],
            saves: 0,
            cues: vec![],
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
                Effect::Cue(c) => self.cues.push(c.say),
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
    assert_eq!(run.s.plan.len(), 2);
    run.send(check_in(answers(Level::BelowKnee, 6)));
    let mut levels = [Level::Buttock, Level::LowBack].into_iter();
    while !matches!(run.s.phase, Phase::Finished { .. }) {
        match run.s.phase {
            Phase::CheckIn { .. } => run.send(check_in(answers(levels.next().unwrap(), 4))),
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
    assert_eq!(sets.len(), 2);
    assert_eq!(&*sets[0].exercise_id, "prone-lying");
    assert_eq!((sets[1].set, sets[1].of), (1, 1));
    let check_ins = run
        .records
        .iter()
        .filter(|r| matches!(r, Record::CheckIn(_)))
        .count();
    assert_eq!(check_ins, 3, "baseline plus one per set");
    assert!(matches!(run.records.last(), Some(Record::SessionEnded(_))));
    assert_eq!(
        run.s.last_change,
        Some(Change::Abolished),
        "buttock to low back"
    );
    // Prone lying: 10 s to get ready, then 120 s; the record says so.
    assert_eq!(sets[0].at - sets[0].started_at, 120_000);
    assert_eq!(sets[0].started_at, T0.wall + GET_READY_MS);
}

#[test]
fn a_late_tick_ends_each_phase_at_its_own_deadline() {
    let mut watched = Run::start("core");
    watched.send(check_in(answers(Level::Thigh, 5)));
    let mut frozen = Run::start("core");
    frozen.send(check_in(answers(Level::Thigh, 5)));
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
        r.send(check_in(answers(Level::Thigh, 5)));
        r.jump(GET_READY_MS + 10_000);
        r.send(check_in(answers(Level::Thigh, 5)));
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
    run.send(check_in(answers(Level::Thigh, 5)));
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
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 120_000);
    run.send(check_in(answers(Level::Thigh, 5)));
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
    run.send(check_in(answers(Level::Thigh, 5)));
    run.send(Event::Skip); // get ready
    assert!(matches!(run.s.phase, Phase::Exercise { set: 0, .. }));
    run.send(Event::Skip); // the set itself
    assert!(matches!(run.s.phase, Phase::Exercise { set: 1, .. }));
    assert!(run.sets().is_empty());
    run.jump(10_000);
    run.send(check_in(answers(Level::Buttock, 4)));
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
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 10_000);
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(10_000 + 4_000); // four seconds into the second set
    assert!(matches!(run.s.phase, Phase::Exercise { set: 1, .. }));
    // The page is killed; the last saved copy is restored on a new page,
    // whose monotonic clock starts again near zero.
    let stored = serde_json::to_string(&run.s).unwrap();
    let restored: Session = serde_json::from_str(&stored).unwrap();
    let now = Now::new(5, run.now.wall + 3_600_000);
    let mut run2 = Run {
        s: restored.restore(now).0.unwrap(),
        now,
        records: vec![],
        saves: 0,
        cues: vec![],
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
        &*set.id, "S-s2",
        "ids continue after the one set already done"
    );
    assert_eq!(set.set, 2);
}

#[test]
fn an_interrupted_session_can_be_finished_where_it_is() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.s = run.s.clone().restore(run.now).0.unwrap();
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
    run.send(check_in(answers(Level::Thigh, 5)));
    assert_eq!(run.saves, after_start + 1);
}

#[test]
fn a_wall_clock_that_moved_back_gives_no_negative_times() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    // The phone's clock is set back a day; the monotonic clock runs on.
    run.now = Now::new(run.now.mono, 1_000);
    run.jump(GET_READY_MS + 10_000);
    let set = run.sets()[0];
    assert!(set.started_at <= set.at);
}

fn phase_name(p: &Phase) -> &'static str {
    match p {
        Phase::Baseline => "baseline",
        Phase::GetReady { .. } => "get-ready",
        Phase::Exercise { .. } => "exercise",
        Phase::SwitchSides { .. } => "switch",
        Phase::CheckIn { .. } => "check-in",
        Phase::Rest { .. } => "rest",
        Phase::Held { .. } => "held",
        Phase::Interrupted { .. } => "interrupted",
        Phase::Finished { .. } => "finished",
    }
}

#[test]
fn per_side_holds_do_the_left_then_switch_then_the_right() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    // Skip the get-ready and the three bracing sets (skipped sets have no
    // check-in or rest).
    for _ in 0..4 {
        run.send(Event::Skip);
    }
    // Bird dog: get ready, then the left side.
    assert!(matches!(run.s.phase, Phase::GetReady { set: 3, .. }));
    run.jump(GET_READY_MS);
    assert!(matches!(
        run.s.phase,
        Phase::Exercise {
            set: 3,
            side: Some(Side::Left),
            ..
        }
    ));
    run.jump(8_000);
    assert!(matches!(run.s.phase, Phase::SwitchSides { set: 3, .. }));
    assert_eq!(run.cues.last().unwrap(), "Switch sides.");
    run.jump(SWITCH_SIDES_MS);
    assert!(matches!(
        run.s.phase,
        Phase::Exercise {
            set: 3,
            side: Some(Side::Right),
            ..
        }
    ));
    assert_eq!(run.cues.last().unwrap(), "Right side. Hold for 8 seconds.");
    assert!(run.sets().is_empty(), "one set is both sides");
    run.jump(8_000);
    assert_eq!(run.s.phase, Phase::CheckIn { set: 3 });
    let set = run.sets()[0];
    assert_eq!(set.at - set.started_at, 8_000 + SWITCH_SIDES_MS + 8_000);
}

#[test]
fn a_frozen_tab_catches_up_through_a_whole_routine_exactly() {
    // Watched every 250 ms, or frozen in ten-minute jumps: same states,
    // same records, at every check-in.
    let mut watched = Run::start("core");
    let mut frozen = Run::start("core");
    for run in [&mut watched, &mut frozen] {
        run.send(check_in(answers(Level::Thigh, 5)));
    }
    while !matches!(watched.s.phase, Phase::Finished { .. }) {
        watched.watch(1_000, 250);
        if matches!(watched.s.phase, Phase::CheckIn { .. }) {
            // Both tabs come back just as the watched one reaches it.
            frozen.now = watched.now.plus(0);
            frozen.send(Event::Tick);
            assert_eq!(frozen.s, watched.s);
            assert_eq!(frozen.records, watched.records);
            for run in [&mut watched, &mut frozen] {
                run.send(check_in(answers(Level::Thigh, 5)));
            }
        }
    }
    assert_eq!(watched.sets().len(), 7);
    let mut big = Run::start("core");
    big.send(check_in(answers(Level::Thigh, 5)));
    let mut phases = vec![];
    while !matches!(big.s.phase, Phase::Finished { .. }) {
        big.jump(10 * 60_000);
        phases.push(phase_name(&big.s.phase));
        big.send(check_in(answers(Level::Thigh, 5)));
    }
    assert_eq!(
        phases, ["check-in"; 7],
        "each jump ends at the next check-in"
    );
}

#[test]
fn skip_exercise_moves_to_the_next_exercise_and_back_redoes_a_set() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 3_000);
    run.send(Event::SkipExercise);
    assert!(
        matches!(run.s.phase, Phase::GetReady { set: 3, .. }),
        "bird dog"
    );
    run.send(Event::Back);
    assert!(
        matches!(run.s.phase, Phase::GetReady { set: 2, .. }),
        "last bracing set"
    );
    run.jump(GET_READY_MS + 10_000);
    assert_eq!(run.s.phase, Phase::CheckIn { set: 2 });
    assert_eq!(run.sets()[0].set, 3);
    // Resting before bird dog, the last exercise: skipping it ends the
    // session, complete.
    run.send(check_in(answers(Level::Thigh, 5)));
    assert!(matches!(run.s.phase, Phase::Rest { next: 3, .. }));
    run.send(Event::SkipExercise);
    assert_eq!(
        run.s.phase,
        Phase::Finished {
            outcome: Outcome::Completed
        }
    );
    // Nothing is skipped while paused or during a check-in.
    let mut run = Run::start("core");
    run.send(Event::Skip);
    assert_eq!(run.s.phase, Phase::Baseline);
}

#[test]
fn a_session_left_for_six_hours_is_closed_with_its_sets_kept() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 10_000);
    let idle_since = run.s.last_wall;
    let stored = run.s.clone();
    // Reopened just under six hours later: offered for resuming.
    let (kept, fx) = stored
        .clone()
        .restore(Now::new(0, idle_since + CLOSE_AFTER_MS));
    assert!(kept.is_some() && fx.is_empty());
    // Just over: closed, at the time the patient left it.
    let (kept, fx) = stored.restore(Now::new(0, idle_since + CLOSE_AFTER_MS + 1));
    assert!(kept.is_none());
    assert!(fx.contains(&Effect::ClearProgress));
    let ended = fx.iter().find_map(|e| match e {
        Effect::Write(Record::SessionEnded(e)) => Some(e),
        _ => None,
    });
    assert_eq!(ended.unwrap().outcome, Outcome::TimedOut);
    assert_eq!(ended.unwrap().at, idle_since);
    // And the same with the page left open at the check-in.
    run.now = run.now.plus(CLOSE_AFTER_MS + 1);
    run.send(check_in(answers(Level::Thigh, 5)));
    assert_eq!(
        run.s.phase,
        Phase::Finished {
            outcome: Outcome::TimedOut
        }
    );
    assert_eq!(run.sets().len(), 1);
}

#[test]
fn a_clock_set_back_never_closes_a_session_or_loses_a_record() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    let stored = run.s.clone();
    let (kept, _) = stored.restore(Now::new(0, 5));
    assert!(kept.is_some());
    run.now = Now::new(run.now.mono, 5);
    run.jump(GET_READY_MS + 10_000);
    run.send(check_in(answers(Level::Thigh, 5)));
    assert_eq!(run.sets().len(), 1);
    assert!(run.records.iter().all(|r| r.at() < u64::MAX / 2));
}

#[test]
fn cues_say_what_to_do_at_each_phase() {
    let mut run = Run::start("extension");
    run.send(check_in(answers(Level::Thigh, 5)));
    assert_eq!(
        run.cues.last().unwrap(),
        "Get ready: Lying face down. Set 1 of 1, stay 2 minutes."
    );
    run.jump(GET_READY_MS);
    assert_eq!(
        run.cues.last().unwrap(),
        "Set 1 of 1. Stay there for 2 minutes."
    );
    run.jump(120_000);
    assert_eq!(
        run.cues.last().unwrap(),
        "Set done. How are your symptoms now?"
    );
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS);
    assert_eq!(run.cues.last().unwrap(), "Set 1 of 1. 10 repetitions. Go.");
    // Counts at each repetition (pace 3 s), but not stale ones, and not the
    // last, which the end of the set announces.
    let start = run.now.mono;
    assert_eq!(run.s.count_between(start, start + 2_999), None);
    assert_eq!(run.s.count_between(start + 2_999, start + 3_000), Some(1));
    assert_eq!(run.s.count_between(start + 3_000, start + 3_250), None);
    assert_eq!(run.s.count_between(start + 8_000, start + 9_100), Some(3));
    assert_eq!(
        run.s.count_between(start + 5_000, start + 9_000 + 1_501),
        None,
        "stale"
    );
    assert_eq!(run.s.count_between(start + 29_000, start + 30_000), None);
    // The last three seconds vibrate once, and tones are set at the deadline.
    let ends = start + 30_000;
    assert!(run.s.countdown_between(ends - 3_200, ends - 2_900));
    assert!(!run.s.countdown_between(ends - 2_900, ends - 2_600));
    let tones: Vec<u64> = run.s.tones().iter().map(|(t, _)| ends - t).collect();
    assert_eq!(tones, [3_000, 2_000, 1_000, 0]);
    run.send(Event::Pause);
    assert!(run.s.tones().is_empty(), "no tones while paused");
}

#[test]
fn a_routine_can_set_its_own_get_ready_and_switch_times() {
    let mut run = Run::start("quick-core");
    run.send(check_in(answers(Level::Thigh, 5)));
    assert_eq!(run.s.remaining_ms(run.now.mono), Some(5_000));
    run.send(Event::SkipExercise);
    run.jump(5_000 + 4_000);
    assert!(matches!(run.s.phase, Phase::SwitchSides { .. }));
    assert_eq!(run.s.remaining_ms(run.now.mono), Some(3_000));
}

#[test]
fn the_shell_wakes_at_each_whole_second_of_the_countdown() {
    let mut run = Run::start("core");
    assert_eq!(
        run.s.next_wake(run.now.mono),
        None,
        "nothing runs at a check-in"
    );
    run.send(check_in(answers(Level::Thigh, 5)));
    let t = run.now.mono;
    assert_eq!(run.s.next_wake(t), Some(t + 1_000));
    assert_eq!(run.s.next_wake(t + 250), Some(t + 1_000));
    assert_eq!(run.s.next_wake(t + 9_999), Some(t + GET_READY_MS));
    assert_eq!(
        run.s.next_wake(t + 20_000),
        Some(t + 20_000),
        "overdue: now"
    );
    run.send(Event::Pause);
    assert_eq!(run.s.next_wake(t), None);
}

#[test]
fn a_peripheralising_set_stops_that_exercise_for_the_day_and_flags_it() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 10_000);
    run.send(check_in(answers(Level::BelowKnee, 5)));
    assert_eq!(run.s.last_change, Some(Change::Peripheralised));
    assert_eq!(run.s.phase, Phase::Held { set: Some(0) });
    run.send(Event::Acknowledge);
    run.send(Event::Continue);
    // The other two bracing sets are dropped: straight to bird dog.
    assert!(matches!(run.s.phase, Phase::GetReady { set: 3, .. }));
    let stop = run.records.iter().find_map(|r| match r {
        Record::SafetyStop(s) => Some(s.clone()),
        _ => None,
    });
    let stop = stop.expect("a safety stop is recorded");
    assert_eq!(&*stop.exercise_id, "abdominal-bracing");
    assert_eq!(&*stop.check_in, "S-c1");
    let journal = Journal::from_records(run.records.clone());
    let rows = journal.sets_newest_first();
    assert!(rows[0].stopped);
    assert_eq!(journal.stopped_since(T0.wall).len(), 1);
    assert!(
        journal.stopped_since(T0.wall + 86_400_000).is_empty(),
        "tomorrow"
    );
    // Starting again today leaves the stopped exercise out.
    let pack = &bundled_packs()[0];
    let core = pack.routine("core").unwrap();
    let (again, _) = Session::start(
        "T".into(),
        pack,
        core,
        StartWith {
            stopped: &["abdominal-bracing"],
            ..StartWith::default()
        },
        T0,
    )
    .unwrap();
    assert!(
        again
            .plan
            .iter()
            .all(|p| again.exercises[p.exercise].id == "bird-dog")
    );
    let all = ["abdominal-bracing", "bird-dog"];
    assert!(
        Session::start(
            "U".into(),
            pack,
            core,
            StartWith {
                stopped: &all,
                ..StartWith::default()
            },
            T0,
        )
        .is_none()
    );
}

#[test]
fn worse_by_the_patients_own_word_stops_too_but_more_back_pain_does_not() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::BelowKnee, 5)));
    run.jump(GET_READY_MS + 10_000);
    let mut centralised = answers(Level::Thigh, 5);
    centralised.back_pain = 9;
    run.send(check_in(centralised));
    assert_eq!(run.s.last_change, Some(Change::Centralised));
    assert!(matches!(run.s.phase, Phase::Rest { next: 1, .. }));
    run.send(Event::Skip);
    run.jump(10_000);
    let mut says_worse = answers(Level::Thigh, 5);
    says_worse.mdt = Some(MdtAfter::Worse);
    run.send(check_in(says_worse));
    assert_eq!(run.s.last_change, Some(Change::Worse));
    run.send(Event::Acknowledge);
    run.send(Event::Continue);
    assert!(matches!(run.s.phase, Phase::GetReady { set: 3, .. }));
}

#[test]
fn symptoms_spreading_stops_the_set_at_once_and_asks() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 4_000);
    run.send(Event::Spreading);
    assert_eq!(run.s.phase, Phase::CheckIn { set: 0 });
    let set = run.sets()[0];
    assert!(set.stopped_early);
    assert_eq!(set.at - set.started_at, 4_000);
    // Not during a check-in or a rest.
    run.send(Event::Spreading);
    assert_eq!(run.s.phase, Phase::CheckIn { set: 0 });
}

/// The stored form of every phase reads back as it was written (the
/// session in progress survives a reload in each of them).
#[test]
fn every_phase_reads_back_from_its_stored_json() {
    use centralise::core::journal::Outcome;
    use centralise::core::session::{Phase, Resume};
    use centralise::core::symptoms::Side;
    let phases = [
        Phase::Baseline,
        Phase::GetReady { set: 1, ends: 5 },
        Phase::Exercise {
            set: 2,
            side: Some(Side::Left),
            started: 3,
            ends: 9,
        },
        Phase::Exercise {
            set: 2,
            side: None,
            started: 3,
            ends: 9,
        },
        Phase::SwitchSides { set: 0, ends: 4 },
        Phase::CheckIn { set: 3 },
        Phase::Rest {
            next: 4,
            ends: u64::MAX,
        },
        Phase::Interrupted {
            resume: Resume::Set(2),
        },
        Phase::Interrupted {
            resume: Resume::Baseline,
        },
        Phase::Held { set: None },
        Phase::Held { set: Some(2) },
        Phase::Finished {
            outcome: Outcome::EndedEarly,
        },
    ];
    for phase in phases {
        let json = serde_json::to_string(&phase).unwrap();
        assert_eq!(
            serde_json::from_str::<Phase>(&json).unwrap(),
            phase,
            "{json}"
        );
    }
    let missing = serde_json::from_str::<Phase>(r#"{"phase":"rest","next":1}"#);
    assert!(
        missing
            .unwrap_err()
            .to_string()
            .contains("missing field `ends`")
    );
    assert!(serde_json::from_str::<Phase>(r#"{"phase":"dancing"}"#).is_err());
}

fn weaker(left: Level) -> Answers {
    let mut a = answers(left, 5);
    a.weaker = true;
    a
}

fn both_legs() -> Answers {
    Answers::new(Level::Thigh, Level::Buttock, 5, 3)
}

#[test]
fn a_stop_pauses_the_session_speaks_and_waits_until_the_patient_has_read_it() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 10_000);
    run.send(check_in(answers(Level::BelowKnee, 5)));
    let hold = Hold::Stopped {
        exercise: 0,
        change: Change::Peripheralised,
    };
    assert_eq!(run.s.phase, Phase::Held { set: Some(0) });
    assert_eq!(run.s.holds, [hold]);
    assert_eq!(run.cues.last().map(String::as_str), Some(hold.message()));
    // Nothing moves on its own, however long the patient takes.
    run.watch(10 * 60_000, 1_000);
    assert_eq!(run.s.phase, Phase::Held { set: Some(0) });
    assert_eq!(run.s.next_deadline(), None);
    // Carrying on needs the message read first.
    run.send(Event::Continue);
    assert_eq!(run.s.phase, Phase::Held { set: Some(0) });
    run.send(Event::Acknowledge);
    assert!(run.s.holds.is_empty());
    assert_eq!(run.s.next_after_hold(), Some(3), "bird dog is left");
    run.send(Event::Continue);
    assert!(matches!(run.s.phase, Phase::GetReady { set: 3, .. }));
}

#[test]
fn after_a_stop_the_patient_can_end_the_session_instead() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 10_000);
    run.send(check_in(answers(Level::BelowKnee, 5)));
    run.send(Event::Acknowledge);
    run.send(Event::End);
    assert_eq!(
        run.s.phase,
        Phase::Finished {
            outcome: Outcome::EndedEarly
        }
    );
}

#[test]
fn a_directional_preference_stop_stops_every_directional_preference_exercise() {
    // Lying face down, then press-ups: both directional preference.
    let mut run = Run::start("extension");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.watch(GET_READY_MS + 120_000, 1_000);
    assert_eq!(run.s.phase, Phase::CheckIn { set: 0 });
    run.send(check_in(answers(Level::BelowKnee, 5)));
    assert_eq!(run.s.phase, Phase::Held { set: Some(0) });
    let names: Vec<&str> = run
        .s
        .stopped
        .iter()
        .map(|&i| run.s.exercises[i].id.as_str())
        .collect();
    assert_eq!(names, ["prone-lying", "prone-press-up"]);
    // Press-ups do not follow: nothing is left.
    run.send(Event::Acknowledge);
    assert_eq!(run.s.next_after_hold(), None);
    run.watch(60_000, 1_000);
    assert_eq!(run.sets().len(), 1);
    run.send(Event::Continue);
    assert!(matches!(run.s.phase, Phase::Finished { .. }));
    assert_eq!(run.sets().len(), 1, "no press-up was done");
}

#[test]
fn a_core_stop_stops_only_that_exercise() {
    let mut run = Run::start("full-core");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 5_000);
    run.jump(SWITCH_SIDES_MS + 5_000);
    assert_eq!(run.s.phase, Phase::CheckIn { set: 0 });
    run.send(check_in(answers(Level::BelowKnee, 5)));
    assert_eq!(run.s.stopped.len(), 1);
    assert_eq!(run.s.exercises[run.s.stopped[0]].id, "side-plank");
}

#[test]
fn yes_weaker_at_baseline_keeps_the_session_from_starting() {
    let mut run = Run::start("core");
    run.send(check_in(weaker(Level::Thigh)));
    assert_eq!(run.s.phase, Phase::Held { set: None });
    assert_eq!(run.s.holds, [Hold::Urgent]);
    assert_eq!(run.cues.last().map(String::as_str), Some(URGENT_ADVICE));
    run.watch(60_000, 1_000);
    run.send(Event::Continue);
    assert_eq!(
        run.s.phase,
        Phase::Held { set: None },
        "not before it is read"
    );
    assert!(run.sets().is_empty());
    run.send(Event::Acknowledge);
    let acknowledged = run.records.iter().any(|r| {
        matches!(r, Record::Acknowledged(a)
            if a.what == centralise::core::journal::Acknowledged::URGENT)
    });
    assert!(acknowledged, "the journal keeps that the advice was read");
    run.send(Event::Continue);
    assert!(matches!(run.s.phase, Phase::GetReady { set: 0, .. }));
}

#[test]
fn yes_weaker_holds_the_session_every_time_it_is_answered() {
    let mut run = Run::start("core");
    run.send(check_in(weaker(Level::Thigh)));
    run.send(Event::Acknowledge);
    run.send(Event::Continue);
    run.jump(GET_READY_MS + 10_000);
    // Still weaker after the set: not new, but the urgent tier again.
    run.send(check_in(weaker(Level::Thigh)));
    assert_eq!(run.s.last_change, Some(Change::Unchanged));
    assert_eq!(run.s.phase, Phase::Held { set: Some(0) });
    assert_eq!(run.s.holds, [Hold::Urgent]);
    run.send(Event::Acknowledge);
    run.send(Event::Continue);
    assert!(matches!(run.s.phase, Phase::Rest { next: 1, .. }));
    // No: no hold. (10 s rest, then the 10 s hold.)
    run.jump(20_000);
    assert_eq!(run.s.phase, Phase::CheckIn { set: 1 });
    run.send(check_in(answers(Level::Thigh, 5)));
    assert!(matches!(run.s.phase, Phase::Rest { next: 2, .. }));
}

#[test]
fn urgent_advice_read_twice_after_one_check_in_is_kept_twice() {
    let mut run = Run::start("core");
    run.send(check_in(weaker(Level::Thigh)));
    run.send(Event::Acknowledge);
    // Still held: the warning-signs questions answered with an urgent sign
    // show the advice again, and reading it again is a record of its own.
    run.send(Event::WarningAnswer(Some(Tier::Urgent)));
    assert_eq!(run.s.holds, [Hold::Urgent]);
    run.send(Event::Acknowledge);
    let ids: Vec<&str> = run
        .records
        .iter()
        .filter(|r| matches!(r, Record::Acknowledged(_)))
        .map(Record::id)
        .collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
}

#[test]
fn symptoms_newly_in_both_legs_ask_the_warning_signs_questions_first() {
    let mut run = Run::start("core");
    run.send(check_in(answers(Level::Thigh, 5)));
    run.jump(GET_READY_MS + 10_000);
    run.send(check_in(both_legs()));
    assert_eq!(run.s.phase, Phase::Held { set: Some(0) });
    assert_eq!(run.s.holds[0], Hold::WarningSigns);
    assert_eq!(
        run.cues.last().map(String::as_str),
        Some(Hold::WarningSigns.message())
    );
    // Reading is not answering.
    run.send(Event::Acknowledge);
    assert_eq!(run.s.holds[0], Hold::WarningSigns);
    // An urgent answer: the urgent advice next.
    run.send(Event::WarningAnswer(Some(Tier::Urgent)));
    assert_eq!(run.s.holds[0], Hold::Urgent);
    assert_eq!(run.cues.last().map(String::as_str), Some(URGENT_ADVICE));
    run.send(Event::Acknowledge);
    // The buttock on the right is further down than before: a stop too.
    assert!(matches!(run.s.holds[..], [Hold::Stopped { .. }]));
}

#[test]
fn an_emergency_answer_ends_the_session() {
    let mut run = Run::start("core");
    run.send(check_in(both_legs()));
    assert_eq!(run.s.holds, [Hold::WarningSigns], "at the first check-in");
    run.send(Event::WarningAnswer(Some(Tier::Emergency)));
    assert_eq!(
        run.s.phase,
        Phase::Finished {
            outcome: Outcome::EndedEarly
        }
    );
}

#[test]
fn both_legs_known_from_the_last_session_do_not_ask_again_at_baseline() {
    let packs = bundled_packs();
    let pack = packs.iter().find(|p| p.routine("core").is_some()).unwrap();
    let core = pack.routine("core").unwrap();
    let start = |previous: Option<&Answers>| {
        let with = StartWith {
            previous,
            ..StartWith::default()
        };
        let (s, _) = Session::start("S".into(), pack, core, with, T0).unwrap();
        let (s, _) = s.step(check_in(both_legs()), T0);
        s.phase
    };
    assert!(matches!(start(Some(&both_legs())), Phase::GetReady { .. }));
    let one_leg = answers(Level::Thigh, 5);
    assert_eq!(start(Some(&one_leg)), Phase::Held { set: None });
    assert_eq!(start(None), Phase::Held { set: None });
}

#[test]
fn a_held_session_is_still_held_after_a_reload() {
    let mut run = Run::start("core");
    run.send(check_in(weaker(Level::Thigh)));
    let json = serde_json::to_string(&run.s).unwrap();
    let stored: Session = serde_json::from_str(&json).unwrap();
    let (restored, _) = stored.restore(T0.plus(60_000));
    let restored = restored.unwrap();
    assert_eq!(restored.phase, Phase::Held { set: None });
    assert_eq!(restored.holds, [Hold::Urgent]);
}

/// The nerve slider for the affected leg only: that leg alone where the
/// patient said left or right, both (left then right) where they said both
/// or nothing.
#[test]
fn an_item_for_the_affected_leg_is_done_on_that_leg_only() {
    use centralise::core::settings::AffectedLeg;
    let packs = bundled_packs();
    let (pack, routine) = packs
        .iter()
        .find_map(|p| {
            p.routines
                .iter()
                .find(|r| {
                    r.items
                        .iter()
                        .any(|i| i.sides() == centralise::core::pack::Sides::Affected)
                })
                .map(|r| (p, r))
        })
        .expect("a bundled routine for the affected leg");
    let sides_done = |affected: Option<AffectedLeg>| {
        let with = StartWith {
            affected,
            ..StartWith::default()
        };
        let (s, _) = Session::start("S".into(), pack, routine, with, T0).unwrap();
        let mut run = Run {
            s,
            now: T0,
            records: vec![],
            saves: 0,
            cues: vec![],
        };
        run.send(check_in(answers(Level::Thigh, 5)));
        let mut sides = Vec::new();
        let mut last = None;
        for _ in 0..2_000 {
            if let Phase::Exercise { side, .. } = run.s.phase
                && last != Some(run.s.phase.clone())
            {
                sides.push(side);
            }
            last = Some(run.s.phase.clone());
            match run.s.phase {
                Phase::CheckIn { .. } | Phase::Finished { .. } => break,
                _ => run.watch(1_000, 1_000),
            }
        }
        sides
    };
    assert_eq!(sides_done(Some(AffectedLeg::Right)), [Some(Side::Right)]);
    assert_eq!(sides_done(Some(AffectedLeg::Left)), [Some(Side::Left)]);
    let both = [Some(Side::Left), Some(Side::Right)];
    assert_eq!(sides_done(Some(AffectedLeg::Both)), both);
    assert_eq!(sides_done(None), both);
}
