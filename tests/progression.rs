//! Stages by response over whole weeks on a simulated clock: the offer
//! when the stage's week has come and the last 7 days were tolerated, the
//! step back after a peripheralised or worse set, no step up after one,
//! the doses each stage gives, and the model starting a session at the
//! stage in force.

use centralise::core::app::Input;
use centralise::core::bundled::bundled_packs;
use centralise::core::journal::{Acknowledged, Journal, Record, StageAccepted};
use centralise::core::pack::{Dose, Pack, Stage, StageChange};
use centralise::core::progression::{
    self, LATER, Why, changes_in_words, in_force, offer, routine_at, week,
};
use centralise::core::session::{Event, Phase};
use centralise::core::symptoms::{Answers, Change, Level};

mod device;
mod records;
// D0 is the programme's first day.
use records::{D0, DAY, MIN, bundled, session, session_id, stop, utc};

fn core_pack() -> Pack {
    bundled("core-stabilisation")
}

/// 10:00 on day `n` of the programme (day 0 is the first).
fn day(n: u64) -> u64 {
    D0 + n * DAY + 10 * 60 * MIN
}

/// One session a day of "core" with two sets, on days `from..to`.
fn daily(pack: &Pack, from: u64, to: u64) -> Vec<Record> {
    (from..to)
        .flat_map(|n| session(pack, "core", day(n), 2))
        .collect()
}

fn accepted(pack: &Pack, at: u64, stage: u32) -> Record {
    Record::StageAccepted(StageAccepted {
        id: format!("stage{at}"),
        at,
        pack_id: pack.id.as_str().into(),
        stage,
        title: "T".into(),
    })
}

fn offered(pack: &Pack, records: &[Record], now: u64) -> Option<u32> {
    let journal = Journal::from_records(records.to_vec());
    offer(pack, &journal, Some(day(0)), now, &utc).map(|o| o.stage)
}

#[test]
fn weeks_count_in_local_days_from_the_start() {
    assert_eq!(week(day(0), day(0), &utc), 1);
    assert_eq!(week(day(0), day(6) + 13 * 60 * MIN, &utc), 1);
    assert_eq!(week(day(0), day(7), &utc), 2);
    assert_eq!(week(day(0), day(14) - 10 * 60 * MIN, &utc), 3, "midnight");
    // 23:30 UTC is already the next day two hours east.
    let east = |_| 2 * 60 * MIN as i64;
    assert_eq!(week(day(0), D0 + 14 * DAY - 30 * MIN, &east), 3);
    assert_eq!(week(day(0), D0 + 14 * DAY - 30 * MIN, &utc), 2);
    // A clock set back before the start is still week 1.
    assert_eq!(week(day(3), day(0), &utc), 1);
}

#[test]
fn the_stage_is_offered_from_its_week_only_after_a_tolerated_week() {
    let pack = core_pack();
    let records = daily(&pack, 0, 21);
    // Week 2, every day done: not yet.
    assert_eq!(offered(&pack, &records, day(13) + 12 * 60 * MIN), None);
    // The first moment of week 3 (local midnight).
    assert_eq!(offered(&pack, &records, D0 + 14 * DAY - 1), None);
    assert_eq!(offered(&pack, &records, D0 + 14 * DAY), Some(2));
    let journal = Journal::from_records(records.clone());
    let o = offer(&pack, &journal, Some(day(0)), day(14), &utc).unwrap();
    assert_eq!(o.title, "From week 3: longer side planks, more dead bugs");
    assert_eq!(
        o.changes,
        [
            "Side plank on your knees, 3 sets of hold 10 seconds (Fuller core routine)",
            "Dead bug, 2 sets of 10 repetitions (Fuller core routine)",
        ]
    );
    // Without a start there are no weeks to count.
    assert_eq!(offer(&pack, &journal, None, day(20), &utc), None);
    // The top stage is never offered past.
    let mut at_top = records.clone();
    at_top.push(accepted(&pack, day(14) + MIN, 2));
    assert_eq!(offered(&pack, &at_top, day(20)), None);
}

#[test]
fn no_sets_in_the_last_week_means_no_offer() {
    let pack = core_pack();
    // Sessions stopped on day 9: by week 3 nothing in the last 7 days.
    let records = daily(&pack, 0, 10);
    assert_eq!(offered(&pack, &records, day(16) + 3 * MIN), None);
    assert_eq!(
        offered(&pack, &records, day(16)),
        Some(2),
        "day 9 is 7 days back"
    );
    // A session with no set done does not show the dose was tolerated.
    let mut empty = records.clone();
    empty.extend(session(&pack, "core", day(18), 0));
    assert_eq!(offered(&pack, &empty, day(18) + MIN), None);
    // Sets of another pack say nothing about this one.
    let other = bundled_packs()
        .into_iter()
        .find(|p| p.id != pack.id)
        .unwrap();
    let mut elsewhere = records.clone();
    elsewhere.extend(session(&other, "x", day(18), 2));
    assert_eq!(offered(&pack, &elsewhere, day(18) + 5 * MIN), None);
}

#[test]
fn a_safety_stop_in_the_last_7_days_holds_the_offer_back_for_7_days() {
    let pack = core_pack();
    for change in [Change::Peripheralised, Change::Worse, Change::NewNerveSign] {
        let mut records = daily(&pack, 0, 28);
        records.push(stop(day(12), day(12) + 5 * MIN, change));
        let journal = Journal::from_records(records.clone());
        // Stage 1 has nothing to step back to.
        assert_eq!(in_force(&journal, &pack, day(27)).stage, 1);
        assert_eq!(offered(&pack, &records, day(14)), None, "{change:?}");
        assert_eq!(offered(&pack, &records, day(19)), None, "{change:?}");
        assert_eq!(offered(&pack, &records, day(19) + 10 * MIN), Some(2));
    }
}

#[test]
fn ask_me_next_week_waits_a_week() {
    let pack = core_pack();
    let mut records = daily(&pack, 0, 28);
    records.push(Record::Acknowledged(Acknowledged {
        id: "later".into(),
        at: day(15) + 30 * MIN,
        what: LATER.into(),
    }));
    assert_eq!(offered(&pack, &records, day(15)), Some(2));
    assert_eq!(offered(&pack, &records, day(15) + 31 * MIN), None);
    assert_eq!(offered(&pack, &records, day(22) + 31 * MIN), Some(2));
}

#[test]
fn a_peripheralised_set_steps_back_once_per_session_with_its_reason() {
    let pack = core_pack();
    let mut records = daily(&pack, 0, 28);
    records.push(accepted(&pack, day(14) + 30 * MIN, 2));
    let journal = Journal::from_records(records.clone());
    let step = in_force(&journal, &pack, day(15));
    assert_eq!((step.stage, step.why), (2, Why::Accepted));
    // Two stops in one session: one step back, naming the first.
    records.push(stop(day(17), day(17) + 3 * MIN, Change::Peripheralised));
    records.push(stop(day(17), day(17) + 4 * MIN, Change::Worse));
    let journal = Journal::from_records(records.clone());
    let step = in_force(&journal, &pack, day(18));
    assert_eq!(step.stage, 1);
    assert_eq!(step.at, day(17) + 3 * MIN);
    assert_eq!(
        step.why,
        Why::SteppedBack {
            exercise: "Press-up".into(),
            change: Change::Peripheralised
        }
    );
    // Before the stop, the sessions were at stage 2.
    assert_eq!(in_force(&journal, &pack, day(17)).stage, 2);
    // No step up in the 7 days after it; offered again after.
    assert_eq!(offered(&pack, &records, day(24)), None);
    assert_eq!(offered(&pack, &records, day(24) + 5 * MIN), Some(2));
    // A stop in another pack's session does not step this one back...
    let mut other = records[..records.len() - 2].to_vec();
    other.extend(session(&pack, "core", day(17) + 60 * MIN, 1));
    let mut elsewhere = other.clone();
    // (Session "s0" is no session of this pack.)
    elsewhere.push(stop(0, day(17) + 63 * MIN, Change::Worse));
    let journal = Journal::from_records(elsewhere.clone());
    assert_eq!(in_force(&journal, &pack, day(18)).stage, 2);
    // ...but it still holds the next offer back: the nerve is the same.
    assert!(offered(&pack, &elsewhere, day(20)).is_none());
}

#[test]
fn each_stage_keeps_the_changes_before_it() {
    let mut pack = core_pack();
    pack.stages.push(Stage {
        from_week: 6,
        title: "From week 6".into(),
        changes: vec![StageChange {
            routine: "full-core".into(),
            exercise: "side-plank".into(),
            sets: Some(4),
            dose: None,
            rest_seconds: Some(20),
        }],
    });
    let item = |n: u32, exercise: &str| {
        let r = routine_at(&pack, "full-core", n).unwrap();
        let i = r.items.iter().find(|i| i.exercise == exercise).unwrap();
        (i.sets, i.dose, i.rest_seconds)
    };
    assert_eq!(item(1, "side-plank"), (3, Dose::Seconds { seconds: 5 }, 15));
    assert_eq!(
        item(2, "side-plank"),
        (3, Dose::Seconds { seconds: 10 }, 15)
    );
    assert_eq!(
        item(3, "side-plank"),
        (4, Dose::Seconds { seconds: 10 }, 20)
    );
    assert_eq!(item(3, "dead-bug"), item(2, "dead-bug"));
    assert_eq!(item(3, "bridge"), item(1, "bridge"));
    // Other routines never change.
    assert_eq!(routine_at(&pack, "core", 3).as_ref(), pack.routine("core"));
    assert_eq!(
        changes_in_words(&pack, 3),
        ["Side plank on your knees, 4 sets of hold 10 seconds (Fuller core routine)"]
    );
    assert!(changes_in_words(&pack, 1).is_empty());
    // Stage 3 is offered from week 6, once stage 2 is in force.
    let mut records = daily(&pack, 0, 42);
    records.push(accepted(&pack, day(14) + 30 * MIN, 2));
    assert_eq!(offered(&pack, &records, day(34)), None);
    assert_eq!(offered(&pack, &records, day(35)), Some(3));
    // A pack updated to fewer stages: the stage in force is its top.
    records.push(accepted(&pack, day(35) + 30 * MIN, 3));
    let journal = Journal::from_records(records);
    assert_eq!(in_force(&journal, &pack, day(36)).stage, 3);
    assert_eq!(in_force(&journal, &core_pack(), day(36)).stage, 2);
}

#[test]
fn history_knows_the_stage_of_each_session() {
    let pack = core_pack();
    let mut records = daily(&pack, 0, 21);
    records.push(accepted(&pack, day(14) + 30 * MIN, 2));
    records.push(stop(day(17), day(17) + 3 * MIN, Change::Peripheralised));
    let journal = Journal::from_records(records);
    let stages = progression::session_stages(&journal, day(13), &|id| id == pack.id);
    let of = |n: u64| stages.get(&*session_id(day(n))).copied();
    assert_eq!(
        (of(13), of(14), of(15), of(17), of(18)),
        (Some(1), Some(1), Some(2), Some(2), Some(1))
    );
    assert_eq!(of(12), None, "before `since`");
    // A pack without stages shows none.
    let none = progression::session_stages(&journal, 0, &|_| false);
    assert_eq!(none.len(), 3, "only the sessions at stage 2");
}

fn calf() -> Answers {
    Answers::new(Level::BelowKnee, Level::None, 5, 3)
}

fn thigh() -> Answers {
    Answers::new(Level::Thigh, Level::None, 5, 3)
}

/// The dose of the first set of the session running on `page`.
fn first_dose(page: &device::Tab) -> Dose {
    page.model.session().unwrap().plan[0].dose
}

/// A full-core session on `page`: the baseline at the thigh, one set,
/// the check-in `after`, the end. The dose of its first set.
fn run(page: &mut device::Tab, device: &mut device::Device, after: Answers) -> Dose {
    page.start(device, "full-core");
    page.session(device, Event::CheckIn(thigh(), None));
    while !matches!(
        page.phase(),
        Some(Phase::CheckIn { .. } | Phase::Finished { .. }) | None
    ) {
        page.wait(device, 1_000);
    }
    page.session(device, Event::CheckIn(after, None));
    let dose = first_dose(page);
    page.session(device, Event::End);
    page.input(device, Input::CloseSummary);
    dose
}

/// A device after fifteen days of one tolerated full-core session a day,
/// at stage 1 with stage 2 offered.
fn two_weeks_of_full_core() -> (device::Device, device::Tab) {
    let (mut device, mut page) = device::set_up();
    assert_eq!(
        run(&mut page, &mut device, thigh()),
        Dose::Seconds { seconds: 5 }
    );
    let offset = |_| 0;
    assert_eq!(
        page.model.stage(page.now.wall, &offset).unwrap().offer,
        None
    );
    // Every day for two weeks, with the weekly check when due.
    for _ in 0..14 {
        page.now = page.now.plus(DAY);
        page.input(&mut device, Input::WarningCheck { yes: vec![] });
        run(&mut page, &mut device, thigh());
    }
    let view = page.model.stage(page.now.wall, &offset).unwrap();
    assert_eq!((view.step.stage, view.top), (1, 2));
    assert_eq!(view.offer.as_ref().map(|o| o.stage), Some(2));
    (device, page)
}

#[test]
fn the_model_offers_starts_at_and_steps_back_from_a_stage() {
    let (mut device, mut page) = two_weeks_of_full_core();
    let offset = |_| 0;
    // Accepting anything but the next stage does nothing.
    page.input(&mut device, Input::AcceptStage { stage: 3 });
    page.input(&mut device, Input::AcceptStage { stage: 2 });
    let view = page.model.stage(page.now.wall, &offset).unwrap();
    assert_eq!((view.step.stage, view.offer), (2, None));
    // The next session holds the side plank 10 s, and it is stored.
    page.now = page.now.plus(MIN);
    assert_eq!(
        run(&mut page, &mut device, thigh()),
        Dose::Seconds { seconds: 10 }
    );
    let mut reloaded = device.open(page.now.plus(MIN), "tab2");
    let stage = |tab: &device::Tab| tab.model.stage(tab.now.wall, &offset).unwrap().step;
    assert_eq!(stage(&reloaded).stage, 2);
    // A set that sends the pain down the leg steps back, with its reason.
    reloaded.now = reloaded.now.plus(DAY);
    reloaded.input(&mut device, Input::WarningCheck { yes: vec![] });
    run(&mut reloaded, &mut device, calf());
    let step = stage(&reloaded);
    assert_eq!(step.stage, 1);
    assert!(matches!(
        step.why,
        Why::SteppedBack {
            change: Change::Peripheralised,
            ..
        }
    ));
    // Not offered again for 7 days: accepting it anyway does nothing.
    reloaded.input(&mut device, Input::AcceptStage { stage: 2 });
    assert_eq!(stage(&reloaded).stage, 1);
    reloaded.now = reloaded.now.plus(DAY);
    reloaded.input(&mut device, Input::WarningCheck { yes: vec![] });
    assert_eq!(
        run(&mut reloaded, &mut device, thigh()),
        Dose::Seconds { seconds: 5 }
    );
    let stages = reloaded.model.session_stages(0);
    let mut counts = [0, 0];
    for s in stages.values() {
        counts[*s as usize - 1] += 1;
    }
    // The session that stepped back was itself done at stage 2.
    assert_eq!(counts, [16, 2]);
}

#[test]
fn going_back_a_stage_by_choice_waits_a_week_before_the_next_offer() {
    let pack = core_pack();
    let mut records = daily(&pack, 0, 28);
    records.push(accepted(&pack, day(14) + 30 * MIN, 2));
    // Chosen a week on: a stage chosen holds the offer back for 7 days.
    records.push(accepted(&pack, day(21) + 30 * MIN, 1));
    let journal = Journal::from_records(records.clone());
    let step = in_force(&journal, &pack, day(22));
    assert_eq!((step.stage, step.why), (1, Why::Accepted));
    assert_eq!(offered(&pack, &records, day(22)), None);
    assert_eq!(offered(&pack, &records, day(28) + 29 * MIN), None);
    assert_eq!(offered(&pack, &records, day(28) + 30 * MIN), Some(2));
}

#[test]
fn the_model_goes_back_a_stage_by_choice_only_from_above_the_first() {
    let (mut device, mut page) = two_weeks_of_full_core();
    let offset = |_| 0;
    let stage = |tab: &device::Tab| tab.model.stage(tab.now.wall, &offset).unwrap();
    let records = page.records();
    page.input(&mut device, Input::StageDown);
    assert_eq!(page.records(), records, "nothing below stage 1");
    page.input(&mut device, Input::AcceptStage { stage: 2 });
    page.now = page.now.plus(MIN);
    page.input(&mut device, Input::StageDown);
    let view = stage(&page);
    assert_eq!(
        (view.step.stage, view.step.why, view.offer),
        (1, Why::Accepted, None)
    );
    page.now = page.now.plus(MIN);
    assert_eq!(
        run(&mut page, &mut device, thigh()),
        Dose::Seconds { seconds: 5 }
    );
    // Kept: a reload reads the same stage.
    let again = device.open(page.now.plus(MIN), "tab2");
    assert_eq!(stage(&again).step.stage, 1);
}
