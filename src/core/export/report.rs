//! "Report for my physiotherapist": one printable page (two at most for
//! three years of data) of what a therapist needs at a review: the
//! programme and stage, adherence, the pain trend, the centralisation
//! picture, safety stops and warning-sign answers with dates, heel raises,
//! PSFS and the patient's notes. The app shows it (and prints it with the
//! browser's print), and the CLI writes it from a backup file
//! (`centralise report`), both from this one function.
//!
//! Long lists are cut to the latest few with a count of the rest, so the
//! page count stays the same however long the journal grows.

use super::charts::{self, Chart};
use super::html::escape;
use crate::core::app::Model;
use crate::core::journal::{Corrected, Record};
use crate::core::plan;
use crate::core::progress::{self, Range};
use crate::core::psfs;
use crate::core::red_flags::{RED_FLAGS, Tier};
use crate::core::time;
use std::fmt::Write;

/// Entries of each list shown; older ones are counted.
const LATEST: usize = 6;

/// Days of adherence the report sums up.
const ADHERENCE_DAYS: u32 = 28;

/// The report's heading. Focusable, as every page's heading is: the app
/// moves the focus to it when the report replaces its reading state.
pub const TITLE: &str = "Centralise report for the physiotherapist";

/// The report's stylesheet: screen and print (A4).
pub const STYLE: &str = include_str!("../../../style/report.css");

/// The whole report as a standalone HTML document (the CLI's output), its
/// stylesheet inside: it opens and prints anywhere, offline.
pub fn document(model: &Model, now: u64, offset_at: &impl Fn(u64) -> i64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Centralise report</title><style>{STYLE}</style></head>\
         <body><main class=\"report\">{}</main></body></html>\n",
        body(model, now, offset_at)
    )
}

/// The report's content (inside `<main class="report">`).
pub fn body(model: &Model, now: u64, offset_at: &impl Fn(u64) -> i64) -> String {
    let journal = model.journal();
    let today = plan::local_day(now, offset_at);
    let days = model.adherence(now, offset_at, u32::MAX);
    let all = progress::progress(journal, Range::All, now, offset_at, &days);
    let mut out = String::new();
    let span = if all.pain.is_empty() {
        "No check-ins yet".to_string()
    } else {
        format!(
            "{} to {}",
            time::date(all.span.first),
            time::date(all.span.last)
        )
    };
    let _ = write!(
        out,
        "<header><h1 tabindex=\"-1\">{TITLE}</h1>\
         <p>{span}. Made on {}. Entered by the patient in the Centralise app; the app does not \
         diagnose.</p></header>",
        time::date(today)
    );
    programme(&mut out, model, now, offset_at, &days);
    let by_id = |id: &str, list: &[Chart]| list.iter().find(|c| c.id == id).cloned();
    let list = charts::charts(&all);
    section(&mut out, "Leg and back pain", |out| {
        trend(out, &all);
        figure(out, by_id("pain", &list));
    });
    section(&mut out, "How far down the legs", |out| {
        figure(out, by_id("reach", &list));
    });
    stops_and_warnings(&mut out, model, now, offset_at);
    section(&mut out, "Heel raises and activities", |out| {
        figure(out, by_id("heel-raises", &list));
        activities(out, model, now);
        figure(out, by_id("psfs", &list));
    });
    notes(&mut out, model, now, offset_at);
    out
}

fn section(out: &mut String, title: &str, fill: impl FnOnce(&mut String)) {
    let _ = write!(out, "<section><h2>{}</h2>", escape(title));
    fill(out);
    out.push_str("</section>");
}

/// A chart with its title; its table is left to History (the report
/// prints the numbers that matter as text).
fn figure(out: &mut String, chart: Option<Chart>) {
    let Some(c) = chart else { return };
    let _ = write!(
        out,
        r#"<figure class="chart" data-chart="{id}"><figcaption id="chart-{id}">{}</figcaption>"#,
        escape(&c.title),
        id = c.id
    );
    match c.empty {
        Some(why) => {
            let _ = write!(out, r#"<p class="empty">{why}</p>"#);
        }
        None => out.push_str(&c.svg),
    }
    out.push_str("</figure>");
}

fn programme(
    out: &mut String,
    model: &Model,
    now: u64,
    offset_at: &impl Fn(u64) -> i64,
    days: &[plan::DayDone],
) {
    section(out, "Programme", |out| {
        match model.pack() {
            Some(pack) => {
                let _ = write!(
                    out,
                    "<p><strong>{}</strong>, version {}, by {}.",
                    escape(&pack.title),
                    escape(&pack.version),
                    escape(&pack.author)
                );
                if let Some(stage) = model.stage(now, offset_at)
                    && stage.top > 1
                {
                    let _ = write!(
                        out,
                        " Stage {} of {} since {}.",
                        stage.step.stage,
                        stage.top,
                        if stage.step.at == 0 {
                            "the start".to_string()
                        } else {
                            time::date(plan::local_day(stage.step.at, offset_at))
                        }
                    );
                }
                out.push_str("</p>");
            }
            None => out.push_str("<p>No exercise pack in use.</p>"),
        }
        let today = plan::local_day(now, offset_at);
        let recent = days
            .iter()
            .filter(|d| d.day > today - i64::from(ADHERENCE_DAYS));
        let (done, planned) = recent.fold((0, 0), |(a, b), d| (a + d.done, b + d.planned));
        let sessions = model
            .journal()
            .records()
            .iter()
            .filter(|r| matches!(r, Record::SessionStarted(_)))
            .count();
        let _ = write!(
            out,
            "<p>Last 4 weeks: {done} of {planned} planned sessions done. {} sets in {} sessions \
             in all.</p>",
            model.journal().sets_count(),
            sessions
        );
    });
}

/// The first and the latest week's mean leg and back pain, in words.
fn trend(out: &mut String, all: &progress::Progress) {
    let (Some(first), Some(last)) = (all.pain.first(), all.pain.last()) else {
        return;
    };
    let unit = if all.span.bucket == 1 { "day" } else { "week" };
    let _ = write!(
        out,
        "<p>Leg pain {:.1} in the first {unit}, {:.1} in the latest; back pain {:.1}, then \
         {:.1} (means of the check-ins, 0-10).</p>",
        first.leg, last.leg, first.back, last.back
    );
}

fn stops_and_warnings(out: &mut String, model: &Model, now: u64, offset_at: &impl Fn(u64) -> i64) {
    let records = model.journal().records();
    let when = |at: u64| escape(&time::date(plan::local_day(at, offset_at)));
    section(out, "Safety stops and warning signs", |out| {
        let stops: Vec<String> = records
            .iter()
            .filter_map(|r| match r {
                Record::SafetyStop(s) if s.at <= now => Some(format!(
                    "{}: {} stopped, {}",
                    when(s.at),
                    escape(&s.exercise_name),
                    s.change.label().to_ascii_lowercase()
                )),
                _ => None,
            })
            .collect();
        latest_list(out, "Exercises stopped by a safety rule", &stops);
        let mut checks = 0;
        let answers: Vec<String> = records
            .iter()
            .filter_map(|r| match r {
                Record::WarningCheck(c) if c.at <= now => {
                    checks += 1;
                    (!c.yes.is_empty()).then(|| {
                        let signs: Vec<&str> = c
                            .yes
                            .iter()
                            .map(|y| {
                                RED_FLAGS
                                    .iter()
                                    .find(|f| f.id == y)
                                    .map_or(y.as_str(), |f| f.sign)
                            })
                            .collect();
                        let tier = match c.outcome {
                            Some(Tier::Emergency) => "emergency",
                            Some(Tier::Urgent) => "urgent",
                            None => "no action",
                        };
                        format!("{} ({tier}): {}", when(c.at), escape(&signs.join(" ")))
                    })
                }
                _ => None,
            })
            .collect();
        let _ = write!(
            out,
            "<p>Warning-signs checks answered: {checks}; with a yes: {}.</p>",
            answers.len()
        );
        latest_list(out, "Warning signs answered yes", &answers);
    });
}

/// The latest entries of `items` (oldest first), newest first, and how
/// many earlier ones there are.
fn latest_list(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        let _ = write!(out, "<p>{}: none.</p>", escape(title));
        return;
    }
    let _ = write!(out, "<h3>{}</h3><ul>", escape(title));
    for item in items.iter().rev().take(LATEST) {
        let _ = write!(out, "<li>{item}</li>");
    }
    out.push_str("</ul>");
    if items.len() > LATEST {
        let _ = write!(
            out,
            "<p class=\"more\">And {} earlier (in History and the CSV).</p>",
            items.len() - LATEST
        );
    }
}

/// Each PSFS activity's first and latest score.
fn activities(out: &mut String, model: &Model, now: u64) {
    let journal = model.journal();
    let (Some(first), Some(latest)) = (
        psfs::answered(journal, now).next(),
        psfs::latest(journal, now),
    ) else {
        return;
    };
    out.push_str("<table class=\"psfs\"><thead><tr><th scope=\"col\">Activity (PSFS)</th><th scope=\"col\">First</th><th scope=\"col\">Latest</th></tr></thead><tbody>");
    for item in &latest.items {
        let before = first
            .items
            .iter()
            .find(|i| i.activity == item.activity)
            .map_or("-".to_string(), |i| i.score.to_string());
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{before}</td><td>{}</td></tr>",
            escape(&item.activity),
            item.score
        );
    }
    out.push_str("</tbody></table>");
}

/// The patient's latest notes, as corrected.
fn notes(out: &mut String, model: &Model, now: u64, offset_at: &impl Fn(u64) -> i64) {
    let journal = model.journal();
    let corrections = journal.corrections();
    let notes: Vec<String> = journal
        .records()
        .iter()
        .filter_map(|r| match r {
            Record::CheckIn(c) if c.at <= now => {
                let corrected = Corrected::new(c, corrections.get(&*c.id).copied());
                let note = corrected.note().filter(|_| !corrected.is_mistake())?;
                let mark = if corrected.correction.is_some() {
                    " (corrected)"
                } else {
                    ""
                };
                Some(format!(
                    "{}: {}{mark}",
                    escape(&time::date(plan::local_day(c.at, offset_at))),
                    escape(note)
                ))
            }
            _ => None,
        })
        .collect();
    section(out, "The patient's notes", |out| {
        latest_list(out, "Latest notes", &notes);
    });
}
