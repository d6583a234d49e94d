//! What changed between two versions of a pack, in plain words, for the
//! patient to read before a newer version replaces the one they use.

use super::model::{Exercise, Pack, Routine, RoutineItem};

/// One line per change; empty when nothing a patient would notice changed.
pub fn changes(old: &Pack, new: &Pack) -> Vec<String> {
    let mut out = Vec::new();
    if old.title != new.title {
        out.push(format!(
            "Now called \"{}\" (was \"{}\").",
            new.title, old.title
        ));
    }
    if old.safety_note != new.safety_note {
        out.push("New safety advice.".into());
    }
    for e in &new.exercises {
        match old.exercise(&e.id) {
            None => out.push(format!("New exercise: {}.", e.name)),
            Some(before) if before.name != e.name => {
                out.push(format!("{} is now called {}.", before.name, e.name));
            }
            Some(before) if !same_instructions(before, e) => {
                out.push(format!("New instructions for {}.", e.name));
            }
            Some(_) => {}
        }
    }
    for e in &old.exercises {
        if new.exercise(&e.id).is_none() {
            out.push(format!("No longer included: {}.", e.name));
        }
    }
    for r in &new.routines {
        match old.routine(&r.id) {
            None => out.push(format!("New routine: {}.", r.title)),
            Some(before) => routine_changes(before, r, new, &mut out),
        }
    }
    for r in &old.routines {
        if new.routine(&r.id).is_none() {
            out.push(format!("Routine removed: {}.", r.title));
        }
    }
    if old.stages != new.stages {
        out.push("The progression stages changed.".into());
    }
    out
}

fn same_instructions(a: &Exercise, b: &Exercise) -> bool {
    (&a.steps, &a.starting_position, &a.feel, &a.stop_if)
        == (&b.steps, &b.starting_position, &b.feel, &b.stop_if)
}

fn routine_changes(old: &Routine, new: &Routine, pack: &Pack, out: &mut Vec<String>) {
    let title = &new.title;
    if old.title != new.title {
        out.push(format!("{} is now called {title}.", old.title));
    }
    if old.schedule != new.schedule {
        match &new.schedule {
            Some(s) => out.push(format!("{title}: now {}.", s.describe())),
            None => out.push(format!("{title}: no set schedule any more.")),
        }
    }
    let describe = |items: &[RoutineItem]| -> Vec<String> {
        items
            .iter()
            .map(|i| {
                let name = pack
                    .exercise(&i.exercise)
                    .map_or(i.exercise.as_str(), |e| &e.name);
                let kind = pack.exercise(&i.exercise).map(|e| e.kind);
                let dose = kind.map(|k| i.dose.describe(k)).unwrap_or_default();
                let sets = if i.sets == 1 {
                    "1 set".to_string()
                } else {
                    format!("{} sets", i.sets)
                };
                format!("{name}, {sets} of {dose}")
            })
            .collect()
    };
    let (before, after) = (describe(&old.items), describe(&new.items));
    if before != after {
        out.push(format!("{title}: now {}.", after.join("; ")));
    } else if old.items != new.items {
        out.push(format!("{title}: new rests or sides."));
    }
}

#[cfg(test)]
mod tests {
    use super::changes;
    use crate::core::bundled::bundled_packs;
    use crate::core::pack::{Dose, Frequency, Schedule};

    #[test]
    fn a_dose_a_name_and_a_schedule_change_are_each_one_line() {
        let old = bundled_packs().remove(0);
        assert!(changes(&old, &old).is_empty());
        let mut new = old.clone();
        new.version = "1.1.0".into();
        new.routines[0].items[0].dose = Dose::Seconds { seconds: 12 };
        new.exercises[1].name = "Bird dog (slow)".into();
        new.routines[0].schedule = Some(Schedule {
            frequency: Frequency::TimesADay(2),
            days: vec![],
        });
        let lines = changes(&old, &new);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[0], "Bird dog is now called Bird dog (slow).");
        assert_eq!(lines[1], "Core stability routine: now twice a day.");
        assert!(lines[2].starts_with("Core stability routine: now Tummy bracing, 3 sets of hold 12 seconds; Bird dog (slow), 4 sets of hold 8 seconds"), "{}", lines[2]);
    }
}
