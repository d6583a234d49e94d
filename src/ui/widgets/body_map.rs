//! The body map: a back view of the body where the patient taps how far
//! down each leg the symptoms reach. The patient's left is on the viewer's
//! left (we see their back) and is labelled so. It sets the same answers as
//! the radio groups, so the two always agree.

use crate::core::symptoms::{Level, Side};
use leptos::prelude::*;

/// Zones per leg from the spine down: (level, top, height) in SVG units.
/// The figure is drawn at 1.3 px per unit or more, so 36 units is over 44 px.
/// Whole numbers: formatting floats would bring their code into the app.
const ZONES: [(Level, u16, u16); 5] = [
    (Level::LowBack, 118, 40),
    (Level::Buttock, 160, 40),
    (Level::Thigh, 202, 62),
    (Level::BelowKnee, 266, 70),
    (Level::AnkleFoot, 338, 40),
];

/// Left edge and width of each leg's zones.
fn column(side: Side) -> (u16, u16) {
    match side {
        Side::Left => (42, 56),
        Side::Right => (102, 56),
    }
}

#[component]
pub fn BodyMap(left: RwSignal<Option<Level>>, right: RwSignal<Option<Level>>) -> impl IntoView {
    let zones = Side::BOTH
        .into_iter()
        .flat_map(|side| ZONES.into_iter().map(move |z| (side, z)))
        .map(|(side, (level, top, height))| {
            let choice = if side == Side::Left { left } else { right };
            let (x, width) = column(side);
            let name = format!(
                "{} leg: {}",
                side.label(),
                level.label().to_ascii_lowercase()
            );
            let pick = move || choice.set(Some(level));
            view! {
                <rect
                    class="zone"
                    class:selected=move || choice.get().is_some_and(|c| c >= level)
                    class:furthest=move || choice.get() == Some(level)
                    x=x
                    y=top
                    width=width
                    height=height
                    rx="8"
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
        .collect_view();
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
            <svg viewBox="0 0 200 390" aria-describedby="body-map-hint">
                <text x="70" y="14" class="side-label" text-anchor="middle">"Left"</text>
                <text x="130" y="14" class="side-label" text-anchor="middle">"Right"</text>
                <g class="figure" aria-hidden="true">
                    <circle cx="100" cy="38" r="20" />
                    <rect x="62" y="60" width="76" height="100" rx="16" />
                    <rect x="28" y="64" width="18" height="96" rx="9" />
                    <rect x="154" y="64" width="18" height="96" rx="9" />
                </g>
                {zones}
            </svg>
            <div class="actions">{clear(Side::Left, left)} {clear(Side::Right, right)}</div>
        </div>
    }
}
