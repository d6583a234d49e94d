//! The numbers behind History's charts (core::progress) and their SVG and
//! tables (export::charts): ranges, means, gaps, one point, three years,
//! corrections and check-ins logged on their own.

mod records;

use centralise::core::export::charts;
use centralise::core::journal::{
    self, CheckInRecord, Correction, Journal, MemoryKv, Psfs, PsfsItem, Record, sample,
};
use centralise::core::plan::DayDone;
use centralise::core::progress::{Range, progress};
use centralise::core::self_check::SelfCheck;
use centralise::core::symptoms::{Answers, Level};
use records::{D0, DAY, MIN, utc};

fn check_in(id: &str, at: u64, left: Level, leg: u8, back: u8) -> Record {
    Record::CheckIn(CheckInRecord {
        id: id.into(),
        session: id.into(),
        at,
        after_set: None,
        answers: Answers::new(left, Level::None, leg, back),
        note: None,
    })
}

const NOW: u64 = D0 + 20 * DAY + 18 * 60 * MIN;

#[test]
fn pain_is_the_mean_of_each_day_and_a_gap_stays_a_gap() {
    let journal = Journal::from_records([
        check_in("a", D0 + 18 * DAY + 8 * 60 * MIN, Level::Thigh, 6, 2),
        check_in("b", D0 + 18 * DAY + 9 * 60 * MIN, Level::BelowKnee, 3, 4),
        // Day 19 has nothing; day 20 one check-in.
        check_in("c", D0 + 20 * DAY + 8 * 60 * MIN, Level::Buttock, 2, 1),
        // Older than two weeks: only in the longer ranges.
        check_in("old", D0 + 2 * DAY, Level::AnkleFoot, 9, 9),
    ]);
    let p = progress(&journal, Range::TwoWeeks, NOW, &utc, &[]);
    assert_eq!(p.span.bucket, 1);
    assert_eq!(p.span.last - p.span.first + 1, 14);
    let pain: Vec<(f64, f64, u32)> = p
        .pain
        .iter()
        .map(|x| (x.leg, x.back, x.check_ins))
        .collect();
    assert_eq!(pain, [(4.5, 3.0, 2), (2.0, 1.0, 1)]);
    assert_eq!(
        p.pain[1].day - p.pain[0].day,
        2,
        "the empty day is not a point"
    );
    // The furthest point of the day, not the last.
    assert_eq!(p.reach[0].left, Level::BelowKnee);
    assert_eq!(p.reach[1].left, Level::Buttock);
    let chart = &charts::charts(&p)[0];
    // Two separate lines for leg pain: the gap is not drawn over.
    let leg_path = chart.svg.split("<path").nth(1).unwrap();
    assert_eq!(leg_path.matches('M').count(), 2, "{leg_path}");
    let all = progress(&journal, Range::All, NOW, &utc, &[]);
    assert_eq!(all.pain.len(), 3);
    assert_eq!(all.span.first, (D0 / DAY) as i64 + 2);
}

#[test]
fn one_check_in_is_one_point_with_its_own_numbers() {
    let journal = Journal::from_records([check_in("a", NOW - MIN, Level::Thigh, 7, 3)]);
    for range in Range::ALL {
        let p = progress(&journal, range, NOW, &utc, &[]);
        assert_eq!(p.pain.len(), 1, "{range:?}");
        assert_eq!((p.pain[0].leg, p.pain[0].back), (7.0, 3.0));
        let chart = &charts::charts(&p)[0];
        assert!(chart.svg.contains(r#"data-value="7.0""#), "{}", chart.svg);
        assert!(chart.table.contains("<td>7.0</td><td>3.0</td><td>1</td>"));
        assert!(!chart.svg.contains("NaN") && !chart.svg.contains("inf"));
    }
    let empty = progress(&Journal::default(), Range::All, NOW, &utc, &[]);
    assert!(charts::charts(&empty).iter().all(|c| c.empty.is_some()));
}

#[test]
fn three_years_are_weekly_points() {
    let mut kv = MemoryKv::default();
    sample::heavy_use(&mut kv, 5, NOW - 3 * 365 * DAY, 3 * 365, 2, 2).unwrap();
    let journal = journal::load(&mut kv).journal;
    let p = progress(&journal, Range::All, NOW, &utc, &[]);
    assert_eq!(p.span.bucket, 7);
    assert!(
        (150..=160).contains(&p.pain.len()),
        "about 157 weeks: {}",
        p.pain.len()
    );
    // Each week's mean is a mean of that week's check-ins.
    let checked: u32 = p.pain.iter().map(|x| x.check_ins).sum();
    let in_range = journal
        .records()
        .iter()
        .filter(|r| matches!(r, Record::CheckIn(_)) && r.at() <= NOW)
        .count();
    assert_eq!(checked as usize, in_range);
    assert!(p.pain.iter().all(|x| (0.0..=10.0).contains(&x.leg)));
    let months = progress(&journal, Range::ThreeMonths, NOW, &utc, &[]);
    assert_eq!(months.span.bucket, 1);
    assert!(months.pain.len() <= 91);
}

#[test]
fn corrections_replace_the_value_and_mistakes_leave_it_out() {
    let journal = Journal::from_records([
        check_in("a", NOW - 3 * DAY, Level::Thigh, 9, 9),
        check_in("b", NOW - 2 * DAY, Level::Thigh, 8, 8),
        Record::Correction(Correction {
            id: "fix-a".into(),
            at: NOW - DAY,
            corrects: "a".into(),
            answers: Some(Answers::new(Level::Buttock, Level::None, 4, 2)),
            note: None,
        }),
        Record::Correction(Correction {
            id: "drop-b".into(),
            at: NOW - DAY,
            corrects: "b".into(),
            answers: None,
            note: None,
        }),
    ]);
    let p = progress(&journal, Range::TwoWeeks, NOW, &utc, &[]);
    assert_eq!(p.pain.len(), 1);
    assert_eq!((p.pain[0].leg, p.reach[0].left), (4.0, Level::Buttock));
    assert_eq!(p.corrected, 2);
    assert_eq!(p.logged, 2);
}

#[test]
fn heel_raises_psfs_and_the_plan_each_have_their_chart_and_table() {
    let journal = Journal::from_records([
        Record::SelfCheck(SelfCheck {
            id: "t".into(),
            at: NOW - DAY,
            left: 22,
            right: 31,
            toe_walk_left: true,
            toe_walk_right: true,
        }),
        Record::Psfs(Psfs {
            id: "p".into(),
            at: NOW - DAY,
            items: vec![
                PsfsItem {
                    activity: "Sitting to drive".into(),
                    score: 4,
                },
                PsfsItem {
                    activity: "Walking the dog".into(),
                    score: 7,
                },
            ],
        }),
    ]);
    let today = (NOW / DAY) as i64;
    let days: Vec<DayDone> = (0..3)
        .map(|n| DayDone {
            day: today - n,
            done: 2,
            planned: 6,
            stopped: n == 1,
        })
        .collect();
    let p = progress(&journal, Range::TwoWeeks, NOW, &utc, &days);
    let all = charts::charts(&p);
    let by_id = |id: &str| all.iter().find(|c| c.id == id).unwrap();
    assert!(
        by_id("heel-raises")
            .table
            .contains("<td>22</td><td>31</td>")
    );
    assert!(by_id("heel-raises").svg.contains(r#"data-value="31""#));
    assert!(by_id("psfs").table.contains("<td>5.5</td>"));
    let plan = by_id("plan");
    assert_eq!(plan.svg.matches(r#"data-value="2 of 6""#).count(), 3);
    assert_eq!(plan.table.matches("<td>yes</td>").count(), 1);
}

#[test]
fn text_from_outside_is_escaped_in_the_tables() {
    use centralise::core::export::html::escape;
    assert_eq!(
        escape(r#"<img src=x onerror="a">&'"#),
        "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;"
    );
}

#[test]
fn the_cli_writes_the_report_of_a_backup_and_refuses_what_is_not_one() {
    use centralise::core::export::backup;
    // The CLI reads the real clock: the backup ends before any today.
    let end = D0 - 30 * DAY;
    let mut kv = MemoryKv::default();
    sample::heavy_use(&mut kv, 9, end - 60 * DAY, 60, 2, 2).unwrap();
    let mut file = backup::of_storage(&mut kv, "", "", end);
    file.records
        .push(check_in("evil", end - DAY, Level::Thigh, 5, 5));
    if let Some(Record::CheckIn(c)) = file.records.last_mut() {
        c.note = Some("<script>alert(1)</script>".into());
    }
    let dir = std::env::temp_dir().join(format!("centralise-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("patient.json");
    std::fs::write(&path, file.to_json()).unwrap();
    let cli = |file: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_centralise"))
            .arg("report")
            .arg(file)
            .output()
            .unwrap()
    };
    let out = cli(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(">Centralise report for the physiotherapist</h1>"));
    assert_eq!(
        html.matches("<svg").count(),
        4,
        "pain, reach, heel raises, PSFS"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>"));
    let bad = dir.join("not-a-backup.json");
    std::fs::write(&bad, "{\"hello\": 1}").unwrap();
    let out = cli(&bad);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with(&format!("{}: error: ", bad.display()))
    );
    assert!(out.stdout.is_empty());
}
