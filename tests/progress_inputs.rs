//! What the patient adds beside sessions (issue 16): "Log symptoms", a
//! correction or a mistake marked, and the weekly PSFS, through the model
//! and storage as the app does it, and read back after a reload.

mod device;

use centralise::core::app::{Input, Logged};
use centralise::core::journal::{Psfs, PsfsItem, Record};
use centralise::core::psfs;
use centralise::core::safety::{self, ReviewReason};
use centralise::core::symptoms::{Answers, Level};
use device::{DAY, MIN, set_up};

fn logs(answers: Answers) -> Input {
    Input::LogSymptoms {
        answers,
        note: Some("  after a long drive ".into()),
    }
}

#[test]
fn a_logged_check_in_is_kept_as_its_own_and_asks_what_a_sessions_would() {
    let (mut device, mut tab) = set_up();
    tab.input(
        &mut device,
        logs(Answers::new(Level::Thigh, Level::None, 6, 3)),
    );
    assert_eq!(tab.model.logged(), Some(Logged::default()));
    let mut both = Answers::new(Level::Thigh, Level::Buttock, 6, 3);
    both.weaker = true;
    tab.wait(&mut device, MIN);
    tab.input(&mut device, logs(both));
    assert_eq!(
        tab.model.logged(),
        Some(Logged {
            warning_signs: true,
            urgent: true
        })
    );
    tab.input(&mut device, Input::WarningCheck { yes: vec![] });
    assert!(!tab.model.logged().unwrap().warning_signs);
    tab.input(&mut device, Input::CloseLogged);
    assert_eq!(tab.model.logged(), None);
    let again = device.open(tab.now, "again");
    let logs = again.model.journal().symptom_logs();
    assert_eq!(logs.len(), 2);
    assert!(logs.iter().all(|c| c.check_in.is_log()));
    assert_eq!(logs[0].note(), Some("after a long drive"));
    assert_eq!(again.model.journal().sets_count(), 0, "no set, no session");
}

#[test]
fn a_correction_is_a_record_of_its_own_and_the_original_stays() {
    let (mut device, mut tab) = set_up();
    tab.input(
        &mut device,
        logs(Answers::new(Level::AnkleFoot, Level::None, 9, 3)),
    );
    let id = tab.model.journal().symptom_logs()[0]
        .check_in
        .id
        .to_string();
    tab.wait(&mut device, MIN);
    tab.input(
        &mut device,
        Input::Correct {
            check_in: id.clone(),
            answers: Some(Answers::new(Level::Thigh, Level::None, 4, 3)),
            note: None,
        },
    );
    // An id this phone does not have is ignored.
    tab.input(
        &mut device,
        Input::Correct {
            check_in: "nowhere".into(),
            answers: None,
            note: None,
        },
    );
    let again = device.open(tab.now, "again");
    let journal = again.model.journal();
    let log = &journal.symptom_logs()[0];
    assert_eq!(log.answers().map(|a| a.leg_pain), Some(4));
    assert_eq!(log.check_in.answers.leg_pain, 9, "the original is kept");
    assert_eq!(log.note(), None);
    let corrections = journal
        .records()
        .iter()
        .filter(|r| matches!(r, Record::Correction(_)))
        .count();
    assert_eq!(corrections, 1);
    // Marked as a mistake later: it counts for nothing, the original still
    // there.
    let mut tab = again;
    tab.input(
        &mut device,
        Input::Correct {
            check_in: id,
            answers: None,
            note: None,
        },
    );
    let log = &tab.model.journal().symptom_logs()[0];
    assert!(log.is_mistake() && log.answers().is_none());
}

fn item(activity: &str, score: u8) -> PsfsItem {
    PsfsItem {
        activity: activity.into(),
        score,
    }
}

#[test]
fn the_psfs_is_kept_tidy_asked_weekly_and_counts_toward_the_review() {
    let (mut device, mut tab) = set_up();
    tab.input(
        &mut device,
        Input::Psfs {
            items: vec![
                item("  Sitting to drive  ", 2),
                item("   ", 5),
                item(&"x".repeat(200), 40),
                item("Socks", 3),
                item("Fourth", 1),
            ],
        },
    );
    let journal = tab.model.journal();
    let first = psfs::latest(journal, tab.now.wall).unwrap();
    assert_eq!(first.items.len(), Psfs::MAX_ITEMS);
    assert_eq!(first.items[0], item("Sitting to drive", 2));
    assert_eq!(
        first.items[1].activity.chars().count(),
        psfs::MAX_ACTIVITY_CHARS
    );
    assert_eq!(first.items[1].score, Psfs::MAX_SCORE);
    assert!(!psfs::due(journal, tab.now.wall));
    assert!(psfs::due(journal, tab.now.wall + 7 * DAY));
    // "Not now" rests it for a week.
    tab.now = tab.now.plus(7 * DAY);
    tab.input(
        &mut device,
        Input::Acknowledge {
            what: psfs::LATER.into(),
        },
    );
    assert!(!psfs::due(tab.model.journal(), tab.now.wall + 6 * DAY));
    // Activities harder by 2 on the mean: a review.
    tab.input(
        &mut device,
        Input::Psfs {
            items: vec![item("Sitting to drive", 0), item("x", 5), item("Socks", 1)],
        },
    );
    let journal = tab.model.journal();
    assert_eq!(psfs::change(journal, tab.now.wall), Some(-3.0));
    assert_eq!(
        safety::review_prompt(journal, tab.now.wall, safety::NO_CENTRALISATION_MS),
        Some(ReviewReason::ActivitiesHarder)
    );
}

#[test]
fn the_on_demand_modules_requests_read_back_as_the_inputs_they_stand_for() {
    use centralise::core::app::Request;
    let request = Request::Correct {
        check_in: "p1-3".into(),
        answers: None,
        note: Some("it was yesterday".into()),
    };
    assert_eq!(Request::decode(&request.encode()), Some(request));
    let (mut device, mut tab) = set_up();
    let psfs = Request::Psfs {
        items: vec![item("Driving", 4)],
    };
    let carried = Request::decode(&psfs.encode()).unwrap();
    tab.input(&mut device, carried.into());
    let latest = psfs::latest(tab.model.journal(), tab.now.wall).unwrap();
    assert_eq!(latest.items, [item("Driving", 4)]);
    // Anything else is not a request: another record, two, or no chunk.
    use centralise::core::journal::{Acknowledged, codec};
    let other = Record::Acknowledged(Acknowledged {
        id: "a".into(),
        at: 1,
        what: String::new(),
    });
    assert_eq!(Request::decode(&codec::encode_chunk(&[other])), None);
    let one = Record::Psfs(Psfs {
        id: String::new(),
        at: 0,
        items: vec![item("Driving", 4)],
    });
    assert_eq!(
        Request::decode(&codec::encode_chunk(&[one.clone(), one])),
        None
    );
    assert_eq!(Request::decode("not a chunk"), None);
}
