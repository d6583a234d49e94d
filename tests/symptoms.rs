//! The check-in classification: one definition, tested as a table of cases
//! and exhaustively over every pair of answers.

use Level::{AnkleFoot, BelowKnee, Buttock, LowBack, None as Clear, Thigh};
use centralise::core::symptoms::{Answers, Change, Level, MdtAfter, SymptomType, compare};
use std::cmp::Ordering;

fn legs(left: Level, right: Level) -> Answers {
    Answers::new(left, right, 5, 2)
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
    for m in MdtAfter::ALL {
        assert_eq!(MdtAfter::from_key(m.key()), Some(m));
    }
}

/// (left before, right before, leg pain before) -> (after ...) => class.
/// Read top to bottom: the first rule that matches wins.
#[test]
fn the_table_of_cases() {
    /// Left and right furthest points, and leg pain.
    type Legs = (Level, Level, u8);
    #[rustfmt::skip]
    let cases: &[(Legs, Legs, Change)] = &[
        // 1. peripheralised: a leg moved down, whatever else happened
        ((Thigh, Clear, 5),      (BelowKnee, Clear, 5),  Change::Peripheralised),
        ((Thigh, Clear, 5),      (BelowKnee, Clear, 1),  Change::Peripheralised),
        ((Thigh, Buttock, 5),    (Buttock, Thigh, 3),    Change::Peripheralised),
        ((Thigh, Clear, 5),      (Thigh, Buttock, 5),    Change::Peripheralised),
        ((Clear, Clear, 0),      (Buttock, Clear, 0),    Change::Peripheralised),
        ((LowBack, Clear, 0),    (Buttock, Clear, 0),    Change::Peripheralised),
        // low back is not the leg: new or growing back pain never peripheralises
        ((Clear, Clear, 0),      (LowBack, Clear, 0),    Change::Unchanged),
        ((Clear, Clear, 0),      (LowBack, LowBack, 0),  Change::Unchanged),
        ((BelowKnee, Clear, 5),  (Thigh, LowBack, 5),    Change::Centralised),
        ((Thigh, Clear, 5),      (Thigh, LowBack, 7),    Change::Worse),
        ((BelowKnee, Clear, 6),  (AnkleFoot, Clear, 8),  Change::Peripheralised),
        // 2. worse: nothing moved, leg pain up by 2 or more
        ((Thigh, Clear, 4),      (Thigh, Clear, 6),      Change::Worse),
        ((Thigh, Clear, 4),      (Thigh, Clear, 5),      Change::Unchanged),
        ((Thigh, Clear, 4),      (Thigh, Clear, 10),     Change::Worse),
        // 3. abolished: no leg symptoms left where there were some
        ((Thigh, Clear, 5),      (Clear, Clear, 0),      Change::Abolished),
        ((AnkleFoot, Thigh, 8),  (LowBack, LowBack, 2),  Change::Abolished),
        ((Buttock, Clear, 3),    (LowBack, Clear, 3),    Change::Abolished),
        // 4. centralised: a leg moved up, none down (pain may rise)
        ((BelowKnee, Clear, 5),  (Thigh, Clear, 5),      Change::Centralised),
        ((BelowKnee, Clear, 5),  (Thigh, Clear, 8),      Change::Centralised),
        ((AnkleFoot, Thigh, 7),  (Thigh, Thigh, 7),      Change::Centralised),
        ((Buttock, Clear, 1),    (Buttock, LowBack, 1),  Change::Unchanged),
        ((LowBack, Clear, 1),    (Clear, Clear, 1),      Change::Unchanged),
        // 5. better: nothing moved, leg pain down by 2 or more
        ((Thigh, Clear, 6),      (Thigh, Clear, 4),      Change::Better),
        ((Thigh, Clear, 6),      (Thigh, Clear, 5),      Change::Unchanged),
        // 6. unchanged
        ((Thigh, Clear, 5),      (Thigh, Clear, 5),      Change::Unchanged),
        ((Clear, Clear, 0),      (Clear, Clear, 0),      Change::Unchanged),
    ];
    for &((lb, rb, pb), (la, ra, pa), expected) in cases {
        let before = Answers::new(lb, rb, pb, 2);
        let after = Answers::new(la, ra, pa, 2);
        assert_eq!(
            compare(&before, &after),
            expected,
            "{before:?} -> {after:?}"
        );
    }
}

/// Every pair of before/after answers for both legs, with leg pain falling,
/// steady and rising: each class follows its rule.
#[test]
fn every_pair_of_answers_follows_the_rules() {
    let leg_symptoms = |a: &Answers| a.left > LowBack || a.right > LowBack;
    // Low back is not the leg: it counts as nothing in the leg.
    let in_leg = |l: Level| l.max(LowBack);
    for (lb, rb, la, ra) in Level::ALL.iter().flat_map(|&lb| {
        Level::ALL.iter().flat_map(move |&rb| {
            Level::ALL
                .iter()
                .flat_map(move |&la| Level::ALL.iter().map(move |&ra| (lb, rb, la, ra)))
        })
    }) {
        for (pb, pa) in [(5, 2), (5, 4), (5, 5), (5, 6), (5, 8)] {
            let before = Answers::new(lb, rb, pb, 3);
            let after = Answers::new(la, ra, pa, 3);
            let moved = [in_leg(la).cmp(&in_leg(lb)), in_leg(ra).cmp(&in_leg(rb))];
            let down = moved.contains(&Ordering::Greater);
            let up = moved.contains(&Ordering::Less);
            let expected = if down {
                Change::Peripheralised
            } else if !up && pa >= pb + 2 {
                Change::Worse
            } else if leg_symptoms(&before) && !leg_symptoms(&after) {
                Change::Abolished
            } else if up {
                Change::Centralised
            } else if pa + 2 <= pb {
                Change::Better
            } else {
                Change::Unchanged
            };
            assert_eq!(
                compare(&before, &after),
                expected,
                "{before:?} -> {after:?}"
            );
        }
    }
}

fn typed(left: Level, t: Option<SymptomType>) -> Answers {
    let mut a = legs(left, Clear);
    a.left_type = t;
    a
}

#[test]
fn a_new_nerve_sign_is_numbness_or_pins_and_needles_where_the_leg_had_none_or_only_pain() {
    use SymptomType::{Numbness, Pain, PinsAndNeedles};
    // At the same level, pain then numbness or pins and needles: new.
    assert_eq!(
        compare(&typed(Thigh, Some(Pain)), &typed(Thigh, Some(Numbness))),
        Change::NewNerveSign
    );
    assert_eq!(
        compare(&typed(Thigh, None), &typed(Thigh, Some(PinsAndNeedles))),
        Change::NewNerveSign
    );
    // In a leg that had none (or only low back pain): new, and when it
    // reaches the buttock or beyond, peripheralised first.
    assert_eq!(
        compare(&typed(LowBack, Some(Pain)), &typed(Buttock, Some(Numbness))),
        Change::Peripheralised
    );
    // Numbness already there, or pins and needles turning to numbness at
    // the same level: not new.
    assert_eq!(
        compare(&typed(Thigh, Some(Numbness)), &typed(Thigh, Some(Numbness))),
        Change::Unchanged
    );
    assert_eq!(
        compare(
            &typed(Thigh, Some(PinsAndNeedles)),
            &typed(Thigh, Some(Numbness))
        ),
        Change::Unchanged
    );
    // Numbness in the low back is not a leg sign.
    assert_eq!(
        compare(&typed(LowBack, Some(Pain)), &typed(LowBack, Some(Numbness))),
        Change::Unchanged
    );
    // Newly weaker: a new nerve sign; weaker already: not new.
    let mut weaker = legs(Thigh, Clear);
    weaker.weaker = true;
    assert_eq!(compare(&legs(Thigh, Clear), &weaker), Change::NewNerveSign);
    assert_eq!(compare(&weaker, &weaker), Change::Unchanged, "not new");
}

#[test]
fn the_symptom_type_is_compared_only_at_the_same_level() {
    use SymptomType::{Numbness, Pain, PinsAndNeedles};
    // Foot numbness retreating to calf pins and needles: centralising.
    assert_eq!(
        compare(
            &typed(AnkleFoot, Some(Numbness)),
            &typed(BelowKnee, Some(PinsAndNeedles))
        ),
        Change::Centralised
    );
    // Calf pain retreating to thigh numbness: the level changed, so the
    // type is not compared.
    assert_eq!(
        compare(&typed(BelowKnee, Some(Pain)), &typed(Thigh, Some(Numbness))),
        Change::Centralised
    );
    // Calf pain spreading to foot numbness: peripheralised.
    assert_eq!(
        compare(
            &typed(BelowKnee, Some(Pain)),
            &typed(AnkleFoot, Some(Numbness))
        ),
        Change::Peripheralised
    );
}

#[test]
fn calf_to_thigh_with_new_low_back_pain_on_the_other_side_is_centralising() {
    let before = legs(BelowKnee, Clear);
    let mut after = legs(Thigh, LowBack);
    after.back_pain = 7;
    let change = compare(&before, &after);
    assert_eq!(change, Change::Centralised);
    assert!(!change.stops_exercise());
}

#[test]
fn a_stop_for_a_new_nerve_sign_says_so_not_that_symptoms_moved_down() {
    let m = Change::NewNerveSign.message().to_lowercase();
    assert!(
        m.contains("new numbness, pins and needles or weakness"),
        "{m}"
    );
    assert!(!m.contains("further down"), "{m}");
    assert!(Change::NewNerveSign.stops_exercise());
}

#[test]
fn more_back_pain_while_the_leg_clears_is_never_a_reason_to_stop() {
    let before = legs(BelowKnee, Clear);
    let mut after = legs(Thigh, Clear);
    after.back_pain = 9;
    let change = compare(&before, &after);
    assert_eq!(change, Change::Centralised);
    assert!(!change.stops_exercise());
    assert!(change.message().contains("usually a good sign"));
}

#[test]
fn the_patients_word_counts_when_it_is_the_safer_one() {
    use MdtAfter::*;
    assert_eq!(
        Change::Centralised.with_patient_word(Some(Worse)),
        Change::Worse
    );
    assert_eq!(
        Change::Better.with_patient_word(Some(Peripheralised)),
        Change::Peripheralised
    );
    assert_eq!(
        Change::Peripheralised.with_patient_word(Some(Worse)),
        Change::Peripheralised
    );
    assert_eq!(
        Change::Worse.with_patient_word(Some(Better)),
        Change::Worse,
        "never milder"
    );
    assert_eq!(
        Change::Unchanged.with_patient_word(Some(NoWorse)),
        Change::Unchanged
    );
    assert_eq!(
        Change::Centralised.with_patient_word(None),
        Change::Centralised
    );
}

#[test]
fn every_class_has_a_label_and_a_message_and_only_three_stop() {
    let all = Change::ALL;
    for c in all {
        assert!(!c.label().is_empty() && !c.message().is_empty());
    }
    let stopping: Vec<_> = all.into_iter().filter(|c| c.stops_exercise()).collect();
    assert_eq!(
        stopping,
        [Change::Peripheralised, Change::Worse, Change::NewNerveSign]
    );
    for c in stopping {
        let m = c.message().to_lowercase();
        assert!(m.contains("don't do this exercise again today"), "{m}");
    }
}

#[test]
fn a_foot_area_only_stands_when_the_symptoms_reach_the_foot() {
    use centralise::core::symptoms::FootArea;
    let mut a = Answers::new(AnkleFoot, Thigh, 5, 2);
    a.left_foot = Some(FootArea::Heel);
    a.right_foot = Some(FootArea::Sole);
    let c = a.clamped();
    assert_eq!((c.left_foot, c.right_foot), (Some(FootArea::Heel), None));
}

#[test]
fn scores_from_outside_are_clamped_and_a_clear_leg_has_no_type() {
    let mut a = Answers::new(Clear, Thigh, 40, 11);
    a.left_type = Some(SymptomType::Numbness);
    a.right_type = Some(SymptomType::Pain);
    let c = a.clamped();
    assert_eq!((c.leg_pain, c.back_pain), (10, 10));
    assert_eq!((c.left_type, c.right_type), (None, Some(SymptomType::Pain)));
}

#[test]
fn symptoms_newly_down_both_legs_raise_the_warning_question() {
    use centralise::core::symptoms::both_legs_new;
    let one = legs(Thigh, Clear);
    let both = legs(Thigh, Buttock);
    assert!(both_legs_new(Some(&one), &both));
    assert!(both_legs_new(None, &both), "at the first check-in too");
    assert!(!both_legs_new(Some(&both), &both), "already known");
    assert!(
        !both_legs_new(Some(&one), &legs(Thigh, LowBack)),
        "low back is not the leg"
    );
}
