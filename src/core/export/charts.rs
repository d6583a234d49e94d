//! History's charts and the report's, drawn as inline SVG from
//! `progress::Progress`, each with a table of the same numbers as its text
//! alternative. Markup as text, so the app (History), the printed report
//! and the CLI's report draw the very same charts.
//!
//! Colours and line styles come from CSS classes (`series-a`, `series-b`,
//! `axis`), so light, dark and print each style them; the two series of a
//! chart also differ by dash and marker shape, never by colour alone.
//! Every marker carries `data-day` and `data-value`: what the table beside
//! it says, so a test can hold them together.

use super::html::escape;
use crate::core::progress::{Progress, Span};
use crate::core::symptoms::Level;
use crate::core::time;
use std::fmt::Write;

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 170.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 24.0;

/// One chart: an id for its parts, its title, the SVG and the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    /// Empty when there is nothing to draw (then `empty` says why).
    pub svg: String,
    pub table: String,
    pub empty: Option<&'static str>,
}

/// A series: its class, its name for the legend, and its points (day,
/// value, the value as the table writes it).
struct Series<'a> {
    class: &'static str,
    name: &'a str,
    points: Vec<(i64, f64, String)>,
}

/// The y axis: its range and the labels along it.
struct Axis {
    max: f64,
    ticks: Vec<(f64, String)>,
}

/// Two series over the same points (leg and back, left and right): the
/// first drawn with circles, the second with squares and a dashed line.
fn two<'a, T>(
    points: &[T],
    names: [&'a str; 2],
    day: impl Fn(&T) -> i64,
    value: impl Fn(&T, usize) -> (f64, String),
) -> [Series<'a>; 2] {
    let series = |n: usize| Series {
        class: ["series-a", "series-b"][n],
        name: names[n],
        points: points
            .iter()
            .map(|x| {
                let (v, text) = value(x, n);
                (day(x), v, text)
            })
            .collect(),
    };
    [series(0), series(1)]
}

/// A 0-10 scale (pain, PSFS).
fn score_axis() -> Axis {
    Axis {
        max: 10.0,
        ticks: [0, 5, 10].map(|v| (f64::from(v), v.to_string())).into(),
    }
}

fn label_day(span: &Span, day: i64) -> String {
    if span.bucket == 1 {
        time::date(day)
    } else {
        format!("Week of {}", time::date(day))
    }
}

fn one_decimal(v: f64) -> String {
    format!("{v:.1}")
}

/// Every chart of `p`, in the order History shows them.
pub fn charts(p: &Progress) -> Vec<Chart> {
    vec![pain(p), reach(p), plan(p), heel_raises(p), psfs(p)]
}

fn pain(p: &Progress) -> Chart {
    let series = two(
        &p.pain,
        ["Leg pain", "Back pain"],
        |x| x.day,
        |x, n| {
            let v = [x.leg, x.back][n];
            (v, one_decimal(v))
        },
    );
    let scores = score_axis();
    let mean = if p.span.bucket == 1 {
        "daily mean"
    } else {
        "weekly mean"
    };
    let rows = p.pain.iter().map(|x| {
        vec![
            label_day(&p.span, x.day),
            one_decimal(x.leg),
            one_decimal(x.back),
            x.check_ins.to_string(),
        ]
    });
    Chart {
        id: "pain",
        title: format!("Leg and back pain, 0-10 ({mean})"),
        svg: draw("pain", &p.span, &scores, &series, false),
        table: table(&["Date", "Leg pain", "Back pain", "Check-ins"], rows),
        empty: p.pain.is_empty().then_some("No check-ins in this range."),
    }
}

fn reach(p: &Progress) -> Chart {
    let rank = |l: Level| Level::ALL.iter().position(|&x| x == l).unwrap_or(0) as f64;
    let series = two(
        &p.reach,
        ["Left leg", "Right leg"],
        |x| x.day,
        |x, n| {
            let level = [x.left, x.right][n];
            (rank(level), level.label().to_string())
        },
    );
    let levels = Axis {
        max: (Level::ALL.len() - 1) as f64,
        ticks: Level::ALL
            .iter()
            .map(|&l| (rank(l), short_level(l).to_string()))
            .collect(),
    };
    let rows = p.reach.iter().map(|x| {
        vec![
            label_day(&p.span, x.day),
            x.left.label().to_string(),
            x.right.label().to_string(),
        ]
    });
    Chart {
        id: "reach",
        title: "How far down each leg the symptoms reached (furthest that day; lower is better)"
            .into(),
        svg: draw("reach", &p.span, &levels, &series, true),
        table: table(&["Date", "Left leg", "Right leg"], rows),
        empty: p.reach.is_empty().then_some("No check-ins in this range."),
    }
}

/// A level's name on the chart's axis, short enough for 390 px.
fn short_level(l: Level) -> &'static str {
    match l {
        Level::None => "None",
        Level::LowBack => "Back",
        Level::Buttock => "Buttock",
        Level::Thigh => "Thigh",
        Level::BelowKnee => "Calf",
        Level::AnkleFoot => "Foot",
    }
}

fn plan(p: &Progress) -> Chart {
    let span = &p.span;
    let mut svg = open_svg("plan", 64.0);
    let cell = (WIDTH - LEFT - RIGHT) / ((span.width() / i64::from(span.bucket)) + 1) as f64;
    for d in &p.plan {
        let x = LEFT + ((d.day - span.first) / i64::from(span.bucket)) as f64 * cell;
        let share = if d.planned == 0 {
            0.0
        } else {
            (d.done as f64 / d.planned as f64).min(1.0)
        };
        let full = 40.0;
        let _ = write!(
            svg,
            r#"<rect class="plan-cell" x="{x:.1}" y="{TOP}" width="{w:.1}" height="{full}"/><rect class="plan-done" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" data-day="{day}" data-value="{done} of {planned}"/>"#,
            w = (cell - 1.0).max(0.5),
            y = TOP + full * (1.0 - share),
            h = full * share,
            day = escape(&label_day(span, d.day)),
            done = d.done,
            planned = d.planned,
        );
        if d.stopped {
            let _ = write!(
                svg,
                r#"<text class="stop-mark" x="{cx:.1}" y="{ty:.1}" text-anchor="middle">!</text>"#,
                cx = x + cell / 2.0,
                ty = TOP + full + 12.0,
            );
        }
    }
    x_labels(&mut svg, span, TOP + 40.0 + 14.0);
    svg.push_str("</svg>");
    let rows = p.plan.iter().map(|d| {
        vec![
            label_day(span, d.day),
            format!("{} of {}", d.done, d.planned),
            if d.stopped { "yes" } else { "" }.to_string(),
        ]
    });
    Chart {
        id: "plan",
        title: "Sessions done against the plan (! a safety rule stopped an exercise)".into(),
        svg,
        table: table(&["Date", "Done", "Safety stop"], rows),
        empty: p
            .plan
            .is_empty()
            .then_some("Nothing was planned in this range."),
    }
}

fn heel_raises(p: &Progress) -> Chart {
    let series = two(
        &p.heel_raises,
        ["Left", "Right"],
        |x| x.day,
        |x, n| {
            let count = [x.left, x.right][n];
            (f64::from(count), count.to_string())
        },
    );
    let top = p
        .heel_raises
        .iter()
        .map(|x| x.left.max(x.right))
        .max()
        .unwrap_or(0)
        .max(10);
    // A round top: the next multiple of 10.
    let top = top.div_ceil(10) * 10;
    let counts = Axis {
        max: f64::from(top),
        ticks: [0, top / 2, top]
            .map(|v| (f64::from(v), v.to_string()))
            .into(),
    };
    let rows = p
        .heel_raises
        .iter()
        .map(|x| vec![time::date(x.day), x.left.to_string(), x.right.to_string()]);
    Chart {
        id: "heel-raises",
        title: "Single-leg heel raises per side".into(),
        svg: draw("heel-raises", &p.span, &counts, &series, false),
        table: table(&["Date", "Left", "Right"], rows),
        empty: p
            .heel_raises
            .is_empty()
            .then_some("No heel-raise self-checks in this range."),
    }
}

fn psfs(p: &Progress) -> Chart {
    let series = [Series {
        class: "series-a",
        name: "PSFS score",
        points: p
            .psfs
            .iter()
            .map(|x| (x.day, x.mean, one_decimal(x.mean)))
            .collect(),
    }];
    let scores = score_axis();
    let rows = p
        .psfs
        .iter()
        .map(|x| vec![time::date(x.day), one_decimal(x.mean)]);
    Chart {
        id: "psfs",
        title: "Everyday activities (PSFS, 0 unable to 10 as before; higher is better)".into(),
        svg: draw("psfs", &p.span, &scores, &series, false),
        table: table(&["Date", "Score"], rows),
        empty: p
            .psfs
            .is_empty()
            .then_some("No activity scores in this range."),
    }
}

fn open_svg(id: &str, height: f64) -> String {
    format!(
        r#"<svg class="chart-svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-{id}">"#
    )
}

fn x_of(span: &Span, day: i64) -> f64 {
    LEFT + (day - span.first) as f64 / span.width() as f64 * (WIDTH - LEFT - RIGHT)
}

/// The first and last date under the x axis.
fn x_labels(svg: &mut String, span: &Span, y: f64) {
    let _ = write!(
        svg,
        r#"<text class="tick" x="{LEFT}" y="{y}">{}</text><text class="tick" x="{}" y="{y}" text-anchor="end">{}</text>"#,
        time::date(span.first),
        WIDTH - RIGHT,
        time::date(span.last),
    );
}

/// A point's marker: a circle for the first series, a square for the
/// second, so the two are told apart without colour.
fn marker(svg: &mut String, n: usize, class: &str, (x, y): (f64, f64), data: &str) {
    if n == 0 {
        let _ = write!(
            svg,
            r#"<circle class="point {class}" cx="{x:.1}" cy="{y:.1}" r="2.6" {data}/>"#
        );
    } else {
        let _ = write!(
            svg,
            r#"<rect class="point {class}" x="{:.1}" y="{:.1}" width="5" height="5" {data}/>"#,
            x - 2.5,
            y - 2.5
        );
    }
}

/// A line chart: a legend, axes, each series as lines between points on
/// neighbouring days or weeks (a gap in the data is a gap in the line),
/// and a marker on each point. `steps`: hold each value until the next
/// (a level is a state, not a slope).
fn draw(id: &str, span: &Span, axis: &Axis, series: &[Series], steps: bool) -> String {
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y_of = |v: f64| TOP + plot_h * (1.0 - (v / axis.max).clamp(0.0, 1.0));
    let mut svg = open_svg(id, HEIGHT);
    for (v, label) in &axis.ticks {
        let y = y_of(*v);
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{tx}" y="{ty:.1}" text-anchor="end">{label}</text>"#,
            x2 = WIDTH - RIGHT,
            tx = LEFT - 3.0,
            ty = y + 3.5,
        );
    }
    x_labels(&mut svg, span, HEIGHT - 6.0);
    let gap = i64::from(span.bucket);
    for (n, s) in series.iter().enumerate() {
        let legend_x = LEFT + 6.0 + 110.0 * n as f64;
        marker(&mut svg, n, s.class, (legend_x, 6.0), "");
        let _ = write!(
            svg,
            r#"<text class="legend" x="{:.1}" y="9.5">{}</text>"#,
            legend_x + 6.0,
            escape(s.name)
        );
        let mut d = String::new();
        let mut last: Option<i64> = None;
        for &(day, v, _) in &s.points {
            let (x, y) = (x_of(span, day), y_of(v));
            let joined = last.is_some_and(|prev| day - prev <= gap);
            let _ = match (joined, steps) {
                (true, true) => write!(d, "H{x:.1}V{y:.1}"),
                (true, false) => write!(d, "L{x:.1},{y:.1}"),
                (false, _) => write!(d, "M{x:.1},{y:.1}"),
            };
            last = Some(day);
        }
        let _ = write!(svg, r#"<path class="line {}" d="{d}"/>"#, s.class);
        for (day, v, text) in &s.points {
            let data = format!(
                r#"data-series="{}" data-day="{}" data-value="{}""#,
                escape(s.name),
                escape(&label_day(span, *day)),
                escape(text)
            );
            marker(&mut svg, n, s.class, (x_of(span, *day), y_of(*v)), &data);
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A table of `rows` under `head`, every cell escaped.
fn table(head: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in head {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, r#"<th scope="row">{}</th>"#, escape(cell));
            } else {
                let _ = write!(out, "<td>{}</td>", escape(cell));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}
