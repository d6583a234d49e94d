//! Clinical warnings: a pack can be valid and still ask for something a
//! careful colleague would query (DOMAIN.md, "Doses"). These never stop a
//! pack; the therapist may mean it.

use super::model::{Category, Dose, Exercise, Frequency, Routine, RoutineItem, Schedule, Stage};

/// The most repetitions of one directional-preference exercise a session
/// when sessions come every few hours: about one set of 10 (3 x 10 every
/// 2-3 hours would be 180-240 a day).
pub const MAX_FREQUENT_REPETITIONS: u32 = 15;

/// A schedule is "every few hours" from this many sessions a day, or a
/// session at most this many hours apart (4 or more in a waking day).
pub const FREQUENT_TIMES_A_DAY: u32 = 4;
pub const FREQUENT_EVERY_HOURS: u32 = 4;

/// Where a routine item's fields start in the text, for warnings about
/// the whole routine: parallel to `Routine::items`.
#[derive(Clone, Copy)]
pub(super) struct ItemAt {
    pub exercise: usize,
    pub sets: usize,
}

/// Where a stage change's dose is in the text: its `sets`, else its
/// `repetitions`; None when it changes neither. Parallel to
/// `Stage::changes`.
pub(super) type ChangeAt = Option<usize>;

/// A warning at a byte offset of the pack's text.
pub(super) type Warning = (usize, String);

/// An exercise's `stop_if` must name new numbness or weakness beside
/// spreading symptoms. Numbness alone is not enough: "pain, tingling or
/// numbness spreads" names the spreading symptoms, not a new nerve sign.
pub(super) fn stop_if(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let numb = lower.contains("numb") && lower.contains("new");
    if numb || lower.contains("weak") {
        return None;
    }
    Some(
        "`stop_if` names neither new numbness nor weakness: add them beside spreading \
         symptoms, e.g. \"..., or you notice new numbness or weakness\""
            .into(),
    )
}

fn frequent(schedule: &Schedule) -> bool {
    match schedule.frequency {
        Frequency::TimesADay(n) => n >= FREQUENT_TIMES_A_DAY,
        Frequency::EveryHours { min, .. } => min <= FREQUENT_EVERY_HOURS,
    }
}

fn same_days(a: &Schedule, b: &Schedule) -> bool {
    a.days.is_empty() || b.days.is_empty() || a.days.iter().any(|d| b.days.contains(d))
}

/// Repetitions of `exercise` over the items of a routine, running: the
/// total after each item of it, with the item's index.
fn running_repetitions<'a>(
    items: &'a [RoutineItem],
    exercise: &'a str,
) -> impl Iterator<Item = (usize, u32)> + 'a {
    items
        .iter()
        .enumerate()
        .filter(move |(_, i)| i.exercise == exercise)
        .scan(0u32, |total, (n, i)| {
            if let Dose::Repetitions { count, .. } = i.dose {
                *total = total.saturating_add(i.sets.saturating_mul(count));
            }
            Some((n, *total))
        })
}

/// `what` names the exercise (and where, for a stage).
fn too_many(what: &str, total: u32, schedule: &Schedule) -> String {
    format!(
        "{what} comes to {total} repetitions a session, {}: a directional-preference \
         exercise done this often is usually one set of about 10 (at most \
         {MAX_FREQUENT_REPETITIONS} a session)",
        schedule.describe()
    )
}

/// The directional-preference exercises of a pack, by id (only repeated
/// ones have repetitions to count).
fn directional<'a>(exercises: &'a [Exercise]) -> impl Iterator<Item = &'a str> + 'a {
    exercises
        .iter()
        .filter(|e| e.category == Category::DirectionalPreference)
        .map(|e| e.id.as_str())
}

/// Too many repetitions of a directional-preference exercise a session in
/// a routine done every few hours: in the routine as written (at the item
/// whose sets take it over), and from each stage on (at the change that
/// does; stages apply in order, each keeping the ones before).
pub(super) fn doses(
    exercises: &[Exercise],
    routines: &[Routine],
    items_at: &[Vec<ItemAt>],
    stages: &[Stage],
    changes_at: &[Vec<ChangeAt>],
) -> Vec<Warning> {
    let mut out = Vec::new();
    for (routine, at) in routines.iter().zip(items_at) {
        let Some(schedule) = routine.schedule.as_ref().filter(|s| frequent(s)) else {
            continue;
        };
        for id in directional(exercises) {
            let running: Vec<_> = running_repetitions(&routine.items, id).collect();
            let Some(&(_, total)) = running.last() else {
                continue;
            };
            let over = running
                .iter()
                .find(|(_, t)| *t > MAX_FREQUENT_REPETITIONS)
                .and_then(|(n, _)| at.get(*n));
            if let Some(at) = over {
                out.push((at.sets, too_many(&format!("`{id}`"), total, schedule)));
            }
        }
    }
    // Each routine's items as they stand from each stage on.
    let mut current: Vec<Vec<RoutineItem>> = routines.iter().map(|r| r.items.clone()).collect();
    for (stage, at) in stages.iter().zip(changes_at) {
        for change in &stage.changes {
            let Some(r) = routines.iter().position(|r| r.id == change.routine) else {
                continue;
            };
            for item in current[r]
                .iter_mut()
                .filter(|i| i.exercise == change.exercise)
            {
                item.sets = change.sets.unwrap_or(item.sets);
                item.dose = change.dose.unwrap_or(item.dose);
                item.rest_seconds = change.rest_seconds.unwrap_or(item.rest_seconds);
            }
        }
        for (change, at) in stage.changes.iter().zip(at) {
            let Some(at) = at else { continue };
            let Some(r) = routines.iter().position(|r| r.id == change.routine) else {
                continue;
            };
            let Some(schedule) = routines[r].schedule.as_ref().filter(|s| frequent(s)) else {
                continue;
            };
            if !directional(exercises).any(|id| id == change.exercise) {
                continue;
            }
            let total = running_repetitions(&current[r], &change.exercise)
                .last()
                .map_or(0, |(_, t)| t);
            if total > MAX_FREQUENT_REPETITIONS {
                let what = format!(
                    "from week {}, `{}` in routine `{}`",
                    stage.from_week, change.exercise, routines[r].id
                );
                out.push((*at, too_many(&what, total, schedule)));
            }
        }
    }
    out
}

/// The same exercise in two scheduled routines (on a day both are done):
/// the patient would do it twice over. At the later routine's item.
pub(super) fn double_booked(routines: &[Routine], items_at: &[Vec<ItemAt>]) -> Vec<Warning> {
    let mut out = Vec::new();
    for (b, (routine, at)) in routines.iter().zip(items_at).enumerate() {
        let Some(schedule) = &routine.schedule else {
            continue;
        };
        let mut named: Vec<&str> = Vec::new();
        for (item, at) in routine.items.iter().zip(at) {
            if named.contains(&item.exercise.as_str()) {
                continue;
            }
            let earlier = routines[..b].iter().find(|r| {
                r.schedule.as_ref().is_some_and(|s| same_days(s, schedule))
                    && r.items.iter().any(|i| i.exercise == item.exercise)
            });
            if let Some(earlier) = earlier {
                named.push(&item.exercise);
                out.push((
                    at.exercise,
                    format!(
                        "`{}` is also in routine `{}`, which is scheduled too: the patient would \
                         do it twice over; keep it in one scheduled routine",
                        item.exercise, earlier.id
                    ),
                ));
            }
        }
    }
    out
}
