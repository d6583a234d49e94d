//! The body map: a back view of the body where the patient taps how far
//! down each leg the symptoms reach. The patient's left is on the viewer's
//! left (we see their back) and is labelled so. It sets the same answers as
//! the radio groups, so the two always agree.

use crate::core::symptoms::{Level, Side};
use leptos::prelude::*;

/// The figure's midline: the right side is the left side mirrored about it.
const MIDLINE: u16 = 92;

/// Each zone of the left side from the spine down: its level, its outline in
/// SVG units, and the height of its label (the label column is on the right,
/// beside the right leg). The figure is drawn at about 1.3 px per unit, so
/// every zone's narrowest side (34 units) is over 44 px.
/// Whole numbers: formatting floats would bring their code into the app.
const ZONES: [(Level, &str, u16); 5] = [
    (
        Level::LowBack,
        "M54 120H91V158H56C54 146 53 132 54 120Z",
        140,
    ),
    (
        Level::Buttock,
        "M55 160H91V196C84 204 62 204 56 194C54 184 54 172 55 160Z",
        182,
    ),
    (Level::Thigh, "M54 204H91V270H64C59 248 54 226 54 204Z", 238),
    (
        Level::BelowKnee,
        "M59 272H91V340H69Q57 318 57 300Q57 284 59 272Z",
        306,
    ),
    (
        Level::AnkleFoot,
        "M64 342H90V370Q90 392 74 392H58Q52 392 54 384Q58 376 64 370Z",
        368,
    ),
];

/// What the map itself calls each zone (the radio groups use the long names).
fn short_name(level: Level) -> &'static str {
    match level {
        Level::None => "",
        Level::LowBack => "Low back",
        Level::Buttock => "Buttock",
        Level::Thigh => "Thigh",
        Level::BelowKnee => "Calf",
        Level::AnkleFoot => "Foot",
    }
}

/// The parts of the back view that are not zones: head, neck, upper back
/// and the left arm (mirrored for the right).
const HEAD_NECK_BACK: &str =
    "M84 48H100V58H118C132 58 140 64 140 76L138 118H46L44 76C44 64 52 58 66 58H84Z";
const LEFT_ARM: &str = "M44 68C35 70 31 80 31 92L29 178C28 190 43 190 42 178L45 104Z";

#[component]
pub fn BodyMap(left: RwSignal<Option<Level>>, right: RwSignal<Option<Level>>) -> impl IntoView {
    let zones = |side: Side| {
        let choice = if side == Side::Left { left } else { right };
        ZONES
            .into_iter()
            .map(|(level, outline, _)| {
                let name = format!(
                    "{} leg: {}",
                    side.label(),
                    level.label().to_ascii_lowercase()
                );
                let pick = move || choice.set(Some(level));
                view! {
                    <path
                        class="zone"
                        class:selected=move || choice.get().is_some_and(|c| c >= level)
                        class:furthest=move || choice.get() == Some(level)
                        d=outline
                        role="button"
                        tabindex="0"
                        aria-label=name
                        aria-pressed=move || (choice.get() == Some(level)).to_string()
                        on:click=move |_| pick()
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" || ev.key() == " " {
                                ev.prevent_default();
                                pick();
                            }
                        }
                    />
                }
            })
            .collect_view()
    };
    // Each label beside the right leg, with a line to its zone.
    let labels = ZONES
        .into_iter()
        .map(|(level, _, y)| {
            view! {
                <line x1="132" y1=y x2="160" y2=y />
                <text x="164" y=y dy="4">{short_name(level)}</text>
            }
        })
        .collect_view();
    let mirror = format!("translate({} 0) scale(-1 1)", 2 * MIDLINE);
    let clear = |side: Side, choice: RwSignal<Option<Level>>| {
        view! {
            <button
                type="button"
                aria-pressed=move || (choice.get() == Some(Level::None)).to_string()
                on:click=move |_| choice.set(Some(Level::None))
            >
                {side.label()}
                " leg: no symptoms"
            </button>
        }
    };
    view! {
        <div class="body-map" role="group" aria-label="Body map">
            <p class="hint" id="body-map-hint">
                "Seen from behind: your left is on the left. Tap the lowest place the symptoms reach on each leg."
            </p>
            <svg viewBox="0 0 240 400" aria-describedby="body-map-hint">
                <text x="40" y="16" class="side-label" text-anchor="middle">"Left"</text>
                <text x="144" y="16" class="side-label" text-anchor="middle">"Right"</text>
                <g class="figure" aria-hidden="true">
                    <ellipse cx=MIDLINE cy="28" rx="16" ry="20" />
                    <path d=HEAD_NECK_BACK />
                    <path d=LEFT_ARM />
                    <path d=LEFT_ARM transform=mirror.clone() />
                </g>
                {zones(Side::Left)}
                <g transform=mirror>{zones(Side::Right)}</g>
                <g class="labels" aria-hidden="true">
                    <line class="spine" x1=MIDLINE y1="60" x2=MIDLINE y2="158" />
                    {labels}
                </g>
            </svg>
            <div class="actions">{clear(Side::Left, left)} {clear(Side::Right, right)}</div>
        </div>
    }
}
