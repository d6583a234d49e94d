//! What changed between two versions of a pack, in plain words, for the
//! patient to read before a newer version replaces the one they use.

use super::model::{Exercise, Pack, Routine, RoutineItem, seconds_in_words};

/// One line per change, covering every field; empty only when the packs
/// are the same but for their version.
pub fn changes(old: &Pack, new: &Pack) -> Vec<String> {
    let mut out = Vec::new();
    if old.title != new.title {
        out.push(format!(
            "Now called \"{}\" (was \"{}\").",
            new.title, old.title
        ));
    }
    if old.author != new.author {
        out.push(format!(
            "Written by {} (the pack on this phone is by {}).",
            new.author, old.author
        ));
    }
    if old.language != new.language {
        out.push(format!(
            "Language: {} (was {}).",
            new.language, old.language
        ));
    }
    if old.licence != new.licence {
        let licence = new.licence.as_deref().unwrap_or("none given");
        out.push(format!("Licence: {licence}."));
    }
    if old.sources != new.sources {
        out.push("The sources it cites changed.".into());
    }
    match &new.safety_note {
        Some(note) if old.safety_note.as_ref() != Some(note) => {
            out.push(format!("New safety advice: \"{note}\""));
        }
        None if old.safety_note.is_some() => out.push("No safety advice any more.".into()),
        _ => {}
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
            Some(before) if (before.category, before.kind) != (e.category, e.kind) => {
                out.push(format!(
                    "{} is now a {} exercise ({}).",
                    e.name,
                    e.category.label().to_lowercase(),
                    e.kind.as_str()
                ));
            }
            Some(before) if before.illustration != e.illustration => {
                out.push(format!("New picture reference for {}.", e.name));
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
    if out.is_empty() && (old.format, &old.id) != (new.format, &new.id) {
        out.push("The pack's file format or id changed; what you do is the same.".into());
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
    if old.summary != new.summary {
        out.push(format!("{title}: new description."));
    }
    let timing = |label: &str, before: Option<u32>, after: Option<u32>, out: &mut Vec<String>| {
        if before != after {
            let after = after.map_or("the app's default".into(), seconds_in_words);
            out.push(format!("{title}: {label} now {after}."));
        }
    };
    timing(
        "time to get ready",
        old.get_ready_seconds,
        new.get_ready_seconds,
        out,
    );
    timing(
        "time to switch sides",
        old.switch_seconds,
        new.switch_seconds,
        out,
    );
    if old.schedule != new.schedule {
        match &new.schedule {
            Some(s) => out.push(format!("{title}: now {}.", s.describe())),
            None => out.push(format!("{title}: no set schedule any more.")),
        }
    }
    let describe =
        |items: &[RoutineItem]| -> Vec<String> { items.iter().map(|i| i.in_words(pack)).collect() };
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

    #[test]
    fn every_field_a_patient_or_therapist_would_notice_is_named() {
        let old = bundled_packs().remove(0);
        let mut new = old.clone();
        new.author = "Someone else".into();
        new.language = "de".into();
        new.sources.push("A new paper".into());
        new.safety_note = Some("Push through the pain.".into());
        new.exercises[0].illustration = Some("Figure 9".into());
        new.routines[0].get_ready_seconds = Some(3);
        new.routines[0].switch_seconds = Some(20);
        let lines = changes(&old, &new).join("\n");
        for expected in [
            "Written by Someone else (the pack on this phone is by Centralise example",
            "Language: de (was en).",
            "The sources it cites changed.",
            "New safety advice: \"Push through the pain.\"",
            "New picture reference for Tummy bracing.",
            "time to get ready now 3 seconds.",
            "time to switch sides now 20 seconds.",
        ] {
            assert!(lines.contains(expected), "{expected} in {lines}");
        }
        let mut renamed = old.clone();
        renamed.format = 1;
        assert!(
            !changes(&old, &renamed).is_empty(),
            "never empty for a different pack"
        );
    }
}
