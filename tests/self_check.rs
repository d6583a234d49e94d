//! The S1 strength self-check rules, at, just below and just above each
//! threshold. No pass mark: only the patient's own baseline counts.

use centralise::core::self_check::{Alert, SelfCheck, alerts};
use centralise::core::settings::AffectedLeg;
use centralise::core::symptoms::Side;

fn test(n: u64, left: u32, right: u32) -> SelfCheck {
    SelfCheck {
        id: format!("t{n}"),
        at: n,
        left,
        right,
        toe_walk_left: true,
        toe_walk_right: true,
    }
}

fn run(counts: &[(u32, u32)], affected: AffectedLeg) -> Vec<Alert> {
    let tests: Vec<SelfCheck> = counts
        .iter()
        .enumerate()
        .map(|(i, &(l, r))| test(i as u64, l, r))
        .collect();
    let refs: Vec<&SelfCheck> = tests.iter().collect();
    alerts(&refs, Some(affected))
}

#[test]
fn a_drop_of_more_than_6_on_two_tests_in_a_row_alerts() {
    // Baseline 20 on the left (mean of 19 and 21).
    let base = [(19, 20), (21, 20)];
    let with = |later: &[(u32, u32)]| [&base[..], later].concat();
    assert_eq!(
        run(&with(&[(13, 14), (13, 14)]), AffectedLeg::Left),
        [Alert::Drop(Side::Left)]
    );
    // Exactly 6 below is within noise.
    assert_eq!(run(&with(&[(14, 14), (14, 14)]), AffectedLeg::Left), []);
    // Once is not twice in a row.
    assert_eq!(
        run(&with(&[(13, 14), (18, 14), (13, 14)]), AffectedLeg::Left),
        []
    );
    // Not before the baseline exists.
    assert_eq!(run(&[(19, 20), (3, 20)], AffectedLeg::Right), []);
}

#[test]
fn a_gap_between_sides_more_than_6_beyond_baseline_alerts() {
    // Baseline gap 2 (20 vs 18).
    let base = [(20, 18), (20, 18)];
    let with = |later: (u32, u32)| [&base[..], &[later]].concat();
    assert_eq!(run(&with((20, 11)), AffectedLeg::Right), [Alert::Gap]);
    assert_eq!(
        run(&with((20, 12)), AffectedLeg::Right),
        [],
        "gap 8 = 2 + 6: within"
    );
}

#[test]
fn unable_to_rise_on_the_affected_side_alerts_at_once() {
    assert_eq!(
        run(&[(0, 20)], AffectedLeg::Left),
        [Alert::CannotRise(Side::Left)]
    );
    assert_eq!(
        run(&[(0, 20)], AffectedLeg::Right),
        [],
        "not the affected side"
    );
    assert_eq!(run(&[(1, 20)], AffectedLeg::Left), []);
}

#[test]
fn unable_to_rise_or_to_toe_walk_on_the_affected_side_is_the_urgent_tier_at_once() {
    let mut t = test(0, 20, 20);
    t.toe_walk_left = false;
    let one = [&t];
    assert_eq!(
        alerts(&one, Some(AffectedLeg::Left)),
        [Alert::CannotToeWalk(Side::Left)],
        "the first test: no second one needed"
    );
    assert_eq!(alerts(&one, Some(AffectedLeg::Right)), [], "other side");
    let zero = test(0, 0, 20);
    assert_eq!(
        alerts(&[&zero], Some(AffectedLeg::Left)),
        [Alert::CannotRise(Side::Left)]
    );
    for a in [
        Alert::CannotRise(Side::Left),
        Alert::CannotToeWalk(Side::Left),
    ] {
        assert!(a.is_urgent());
        assert!(
            a.message()
                .contains(centralise::core::red_flags::URGENT_ADVICE)
        );
    }
}

#[test]
fn the_instructions_say_to_stop_if_symptoms_spread() {
    assert!(
        centralise::core::self_check::STOP_IF.contains("Stop if symptoms spread down your leg")
    );
}

#[test]
fn a_drop_or_a_gap_says_to_contact_the_therapist_today() {
    for a in [Alert::Drop(Side::Left), Alert::Gap] {
        assert!(!a.is_urgent());
        assert!(a.message().ends_with("Contact your physiotherapist today."));
    }
}
