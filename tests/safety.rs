//! Safety rules across days, each at, just below and just above its
//! threshold.

use centralise::core::journal::{
    Acknowledged, CheckInRecord, Journal, Record, SafetyStop, SetCompleted,
};
use centralise::core::pack::{Dose, Kind};
use centralise::core::safety::{Reason, ReviewReason, contact_prompt, review_prompt};
use centralise::core::symptoms::{Answers, Change, Level};

const DAY: u64 = 24 * 60 * 60 * 1000;
/// Midnight UTC, 1 December 2026; the patient is in UTC+1.
const D0: u64 = 1_796_083_200_000;
const OFFSET: i64 = 60 * 60 * 1000;

fn stop(at: u64) -> Record {
    Record::SafetyStop(SafetyStop {
        id: format!("stop{at}").into(),
        session: "s".into(),
        at,
        exercise_id: "e".into(),
        exercise_name: "E".into(),
        change: Change::Peripheralised,
        check_in: "c".into(),
    })
}

fn check_in(at: u64, left: Level) -> Record {
    Record::CheckIn(CheckInRecord {
        id: format!("c{at}").into(),
        session: format!("s{}", at / DAY).into(),
        at,
        after_set: None,
        answers: Answers::new(left, Level::None, 4, 2),
        note: None,
    })
}

fn prompt(records: Vec<Record>) -> Option<Reason> {
    prompt_at(records, at(30, 0))
}

fn prompt_at(records: Vec<Record>, now: u64) -> Option<Reason> {
    contact_prompt(&Journal::from_records(records), now, OFFSET).map(|p| p.reason)
}

/// `h` hours into local day `d` (local midnight is 23:00 UTC the day before).
fn at(d: u64, h: u64) -> u64 {
    D0 + d * DAY + h * 60 * 60 * 1000 - OFFSET as u64
}

#[test]
fn peripheralised_on_two_days_in_a_row_asks_to_contact_the_therapist() {
    assert_eq!(
        prompt(vec![stop(at(0, 9)), stop(at(1, 9))]),
        Some(Reason::TwoDaysInARow)
    );
    // Just inside one local day: 00:30 and 23:30 of the same day.
    let same_day = vec![stop(at(0, 0) + 30 * 60_000), stop(at(0, 23) + 30 * 60_000)];
    assert_eq!(prompt(same_day), None);
    // A day apart with a day between: no.
    assert_eq!(prompt(vec![stop(at(0, 9)), stop(at(2, 9))]), None);
    // 23:59 and 00:01 the next local day: two days in a row.
    let around_midnight = vec![stop(at(1, 0) - 60_000), stop(at(1, 0) + 60_000)];
    assert_eq!(prompt(around_midnight), Some(Reason::TwoDaysInARow));
}

#[test]
fn worse_the_next_morning_asks_too() {
    let evening = check_in(at(0, 20), Level::Thigh);
    let worse = check_in(at(1, 8), Level::BelowKnee);
    assert_eq!(
        prompt(vec![evening.clone(), worse]),
        Some(Reason::WorseNextMorning)
    );
    let same = check_in(at(1, 8), Level::Thigh);
    assert_eq!(prompt(vec![evening.clone(), same]), None);
    let better = check_in(at(1, 8), Level::Buttock);
    assert_eq!(prompt(vec![evening.clone(), better]), None);
    // Two days later is not "the next morning".
    let later = check_in(at(2, 8), Level::BelowKnee);
    assert_eq!(prompt(vec![evening, later]), None);
}

#[test]
fn worse_the_next_morning_compares_the_first_check_ins_of_the_two_days() {
    use Level::{AnkleFoot, BelowKnee, Buttock, LowBack, Thigh};
    // Eased to the buttock after last night's exercise, back at the thigh
    // this morning: the same as yesterday morning, so no prompt.
    let eased_last_night = vec![
        check_in(at(0, 8), Thigh),
        check_in(at(0, 20), Buttock),
        check_in(at(1, 8), Thigh),
    ];
    assert_eq!(prompt(eased_last_night), None);
    // Further than yesterday's first, though last night's was further
    // still; a later check-in today does not count.
    let further = vec![
        check_in(at(0, 8), Thigh),
        check_in(at(0, 20), AnkleFoot),
        check_in(at(1, 8), BelowKnee),
        check_in(at(1, 9), Buttock),
    ];
    assert_eq!(prompt(further), Some(Reason::WorseNextMorning));
    // Low back this morning is back pain, not the leg.
    let back = vec![check_in(at(0, 8), Level::None), check_in(at(1, 8), LowBack)];
    assert_eq!(prompt(back), None);
    let buttock = vec![check_in(at(0, 8), LowBack), check_in(at(1, 8), Buttock)];
    assert_eq!(prompt(buttock), Some(Reason::WorseNextMorning));
}

#[test]
fn the_prompt_stays_until_acknowledged_and_returns_on_a_new_event() {
    let ack = |t| {
        Record::Acknowledged(Acknowledged {
            id: format!("a{t}"),
            at: t,
            what: String::new(),
        })
    };
    let mut records = vec![stop(at(0, 9)), stop(at(1, 9))];
    records.push(ack(at(1, 10)));
    assert_eq!(prompt(records.clone()), None);
    records.push(stop(at(2, 9)));
    assert_eq!(prompt(records), Some(Reason::TwoDaysInARow));
}

#[test]
fn records_dated_after_now_neither_raise_nor_dismiss_a_prompt() {
    let ack = |t| {
        Record::Acknowledged(Acknowledged {
            id: format!("a{t}"),
            at: t,
            what: String::new(),
        })
    };
    // Tomorrow's stop (a wrong clock) makes no second day in a row today.
    let now = at(0, 12);
    assert_eq!(prompt_at(vec![stop(at(0, 9)), stop(at(1, 9))], now), None);
    // A reading dated in a year's time does not silence today's prompt.
    let now = at(1, 12);
    let records = vec![stop(at(0, 9)), stop(at(1, 9)), ack(at(365, 0))];
    assert_eq!(prompt_at(records, now), Some(Reason::TwoDaysInARow));
    // Nor does a check-in from the far future, nor does it crash.
    let records = vec![
        stop(at(0, 9)),
        stop(at(1, 9)),
        check_in(100_000_000_000_000_000, Level::AnkleFoot),
    ];
    assert_eq!(prompt_at(records, now), Some(Reason::TwoDaysInARow));
}

#[test]
fn every_reason_has_its_message() {
    for r in [Reason::TwoDaysInARow, Reason::WorseNextMorning] {
        assert!(r.message().contains("Contact your physiotherapist"));
    }
}

const WEEK: u64 = 7 * DAY;

/// One check-in a day for `weeks` weeks, leg pain from `pain(week)`, with
/// the leg symptoms moving up (centralised) only if `centralising`.
fn history(weeks: u64, pain: impl Fn(u64) -> u8, centralising: bool) -> Vec<Record> {
    let mut records = Vec::new();
    for d in 0..weeks * 7 {
        let t = D0 + d * DAY;
        let session: centralise::core::journal::Text = format!("s{d}").into();
        let answers = |level, leg_pain| Answers::new(level, Level::None, leg_pain, 2);
        records.push(Record::CheckIn(CheckInRecord {
            id: format!("b{d}").into(),
            session: session.clone(),
            at: t,
            after_set: None,
            answers: answers(Level::BelowKnee, pain(d / 7)),
            note: None,
        }));
        records.push(Record::SetCompleted(SetCompleted {
            id: format!("set{d}").into(),
            session: session.clone(),
            at: t + 60_000,
            started_at: t + 30_000,
            exercise_id: "e".into(),
            exercise_name: "E".into(),
            kind: Kind::Repeated,
            set: 1,
            of: 1,
            dose: Dose::Seconds { seconds: 30 },
            stopped_early: false,
        }));
        let after = if centralising {
            Level::Thigh
        } else {
            Level::BelowKnee
        };
        records.push(Record::CheckIn(CheckInRecord {
            id: format!("a{d}").into(),
            session,
            at: t + 61_000,
            after_set: Some(format!("set{d}").into()),
            answers: answers(after, pain(d / 7)),
            note: None,
        }));
    }
    records
}

fn review(records: Vec<Record>, now: u64) -> Option<ReviewReason> {
    review_prompt(&Journal::from_records(records), now, 2 * WEEK)
}

#[test]
fn six_weeks_without_2_points_or_30_percent_less_leg_pain_prompts_a_review() {
    let now = D0 + 6 * WEEK + DAY;
    // 3 -> 2: only 1 point, but 33 %: a 30 % fall is enough.
    let by_a_third = |w| if w == 0 { 3 } else { 2 };
    assert_eq!(review(history(7, by_a_third, true), now), None);
    // 4 -> 3: 1 point and 25 %: prompt.
    let by_a_quarter = |w| if w == 0 { 4 } else { 3 };
    assert_eq!(
        review(history(7, by_a_quarter, true), now),
        Some(ReviewReason::NotImproving)
    );
    // 6 -> 5: 1 point, 17 %: prompt.
    let little = |w| if w == 0 { 6 } else { 5 };
    assert_eq!(
        review(history(7, little, true), now),
        Some(ReviewReason::NotImproving)
    );
    // 6 -> 4: 2 points: no prompt.
    let two = |w| if w == 0 { 6 } else { 4 };
    assert_eq!(review(history(7, two, true), now), None);
    // Just before six weeks: not yet.
    assert_eq!(review(history(6, little, true), D0 + 6 * WEEK - DAY), None);
}

#[test]
fn leg_pain_2_points_above_the_week_before_last_prompts_a_review() {
    let rising = |w| if w >= 2 { 6 } else { 4 };
    let now = D0 + 2 * WEEK + 3 * DAY;
    assert_eq!(
        review(history(3, rising, true), now),
        Some(ReviewReason::GettingWorse)
    );
    let slight = |w| if w >= 2 { 5 } else { 4 };
    assert_eq!(review(history(3, slight, true), now), None);
    // In week 1 there is no week before last.
    let early = |w| if w >= 1 { 9 } else { 4 };
    assert_eq!(review(history(2, early, true), D0 + WEEK + DAY), None);
}

#[test]
fn two_weeks_without_a_centralising_set_prompts_a_review() {
    let steady = |_| 5;
    assert_eq!(
        review(history(3, steady, false), D0 + 2 * WEEK + DAY),
        Some(ReviewReason::NoCentralisation)
    );
    assert_eq!(review(history(3, steady, true), D0 + 2 * WEEK + DAY), None);
    // Not before the period has passed.
    assert_eq!(review(history(2, steady, false), D0 + 2 * WEEK - DAY), None);
}

#[test]
fn a_read_review_prompt_rests_for_a_week() {
    let steady = |_| 5;
    let now = D0 + 2 * WEEK + DAY;
    let mut records = history(3, steady, false);
    records.push(Record::Acknowledged(Acknowledged {
        id: "r".into(),
        at: now - DAY,
        what: Acknowledged::REVIEW.into(),
    }));
    assert_eq!(review(records.clone(), now), None);
    assert_eq!(
        review(records, now + WEEK),
        Some(ReviewReason::NoCentralisation)
    );
}

#[test]
fn records_dated_after_now_count_for_no_review_and_cost_nothing() {
    let steady = |_| 5;
    let now = D0 + 2 * WEEK + DAY;
    // A reading dated next year does not silence the prompt.
    let mut records = history(3, steady, false);
    records.push(Record::Acknowledged(Acknowledged {
        id: "r".into(),
        at: now + 52 * WEEK,
        what: Acknowledged::REVIEW.into(),
    }));
    assert_eq!(review(records, now), Some(ReviewReason::NoCentralisation));
    // A check-in a hundred thousand millennia away: no list of weeks up to
    // it is built, and it does not count.
    let mut records = history(3, steady, false);
    records.push(check_in(100_000_000_000_000_000, Level::None));
    assert_eq!(
        review(records.clone(), now),
        Some(ReviewReason::NoCentralisation)
    );
    assert_eq!(review(records, u64::MAX), Some(ReviewReason::NotImproving));
    // Nor does a check-in at the epoch make a list of weeks since 1970.
    let mut records = vec![check_in(0, Level::AnkleFoot)];
    records.extend(history(3, steady, false));
    assert!(review(records, now).is_some());
}

#[test]
fn no_centralising_set_prompts_no_review_when_the_leg_is_clear_or_pain_eased_by_the_mcid() {
    let steady = |_| 5;
    let last = D0 + 21 * DAY;
    let now = last + 60_000;
    let ending_at = |level| {
        let mut records = history(3, steady, false);
        records.push(check_in(last, level));
        review(records, now)
    };
    assert_eq!(ending_at(Level::None), None, "leg symptoms gone");
    assert_eq!(ending_at(Level::LowBack), None, "low back is not the leg");
    assert_eq!(
        ending_at(Level::Buttock),
        Some(ReviewReason::NoCentralisation),
        "still in the leg"
    );
    // Leg pain 6 in week 0, then 4: eased by 2 points (the MCID).
    let two = |w| if w == 0 { 6 } else { 4 };
    assert_eq!(review(history(3, two, false), now), None);
    // 6 then 5: 1 point and 17 %: the prompt stands.
    let one = |w| if w == 0 { 6 } else { 5 };
    assert_eq!(
        review(history(3, one, false), now),
        Some(ReviewReason::NoCentralisation)
    );
    // 3 then 2: 1 point but 33 %: eased.
    let third = |w| if w == 0 { 3 } else { 2 };
    assert_eq!(review(history(3, third, false), now), None);
}
