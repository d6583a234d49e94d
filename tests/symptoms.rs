//! The check-in comparison: which way the leg symptoms moved.

use centralise::core::symptoms::{Answers, Change, Level, compare};

fn legs(left: Level, right: Level) -> Answers {
    Answers {
        left,
        right,
        leg_pain: 5,
        back_pain: 2,
    }
}

#[test]
fn the_scale_runs_from_the_spine_down_the_leg() {
    let mut sorted = Level::ALL;
    sorted.sort();
    assert_eq!(sorted, Level::ALL);
    for l in Level::ALL {
        assert_eq!(Level::from_key(l.key()), Some(l));
    }
    assert_eq!(Level::from_key("knee"), None);
}

#[test]
fn every_pair_of_levels_in_one_leg() {
    for before in Level::ALL {
        for after in Level::ALL {
            let expected = match after.cmp(&before) {
                std::cmp::Ordering::Less => Change::Centralised,
                std::cmp::Ordering::Equal => Change::Unchanged,
                std::cmp::Ordering::Greater => Change::Peripheralised,
            };
            let left = compare(&legs(before, Level::None), &legs(after, Level::None));
            let right = compare(&legs(Level::None, before), &legs(Level::None, after));
            assert_eq!(left, expected, "{before:?} -> {after:?}");
            assert_eq!(right, expected, "{before:?} -> {after:?}");
        }
    }
}

#[test]
fn moving_down_either_leg_outweighs_moving_up_the_other() {
    let before = legs(Level::Thigh, Level::Buttock);
    let after = legs(Level::Buttock, Level::Thigh);
    assert_eq!(compare(&before, &after), Change::Peripheralised);
    // symptoms appearing in a leg that had none
    let after = legs(Level::Buttock, Level::LowBack);
    let before = legs(Level::Thigh, Level::None);
    assert_eq!(compare(&before, &after), Change::Peripheralised);
}

#[test]
fn more_back_pain_while_the_leg_clears_is_still_centralised() {
    let before = legs(Level::BelowKnee, Level::None);
    let mut after = legs(Level::LowBack, Level::None);
    after.back_pain = 7;
    assert_eq!(compare(&before, &after), Change::Centralised);
    assert!(
        Change::Centralised
            .message()
            .contains("usually a good sign")
    );
}

#[test]
fn pain_scores_alone_do_not_move_the_symptoms() {
    let before = legs(Level::Thigh, Level::None);
    let mut after = before;
    after.leg_pain = 9;
    assert_eq!(compare(&before, &after), Change::Unchanged);
}

#[test]
fn scores_from_outside_are_clamped_to_the_scale() {
    let a = Answers {
        leg_pain: 40,
        back_pain: 11,
        ..legs(Level::None, Level::None)
    };
    assert_eq!((a.clamped().leg_pain, a.clamped().back_pain), (10, 10));
}
