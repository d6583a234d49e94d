//! The check-in form: how far down each leg the symptoms reach, and the two
//! pain scores.

use crate::core::symptoms::{Answers, Level, MAX_PAIN, Side};
use leptos::prelude::*;

#[component]
pub fn CheckInForm(
    /// Answers to start from (the previous check-in), if any.
    initial: Option<Answers>,
    /// Called with the answers when the patient saves.
    on_save: Callback<Answers>,
) -> impl IntoView {
    let left = RwSignal::new(initial.map(|a| a.left));
    let right = RwSignal::new(initial.map(|a| a.right));
    let leg_pain = RwSignal::new(initial.map_or(0, |a| a.leg_pain));
    let back_pain = RwSignal::new(initial.map_or(0, |a| a.back_pain));
    let missing = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (left.get_untracked(), right.get_untracked()) {
            (Some(left), Some(right)) => on_save.run(Answers {
                left,
                right,
                leg_pain: leg_pain.get_untracked(),
                back_pain: back_pain.get_untracked(),
            }),
            _ => missing.set(true),
        }
    };

    view! {
        <form class="check-in" on:submit=submit novalidate>
            {initial
                .map(|_| {
                    view! {
                        <p class="prefilled">
                            "Filled in with your last answers. If nothing has changed, just save."
                        </p>
                    }
                })}
            <LegScale side=Side::Left choice=left />
            <LegScale side=Side::Right choice=right />
            <PainScale id="leg-pain" label="Leg pain" hint="In the worse leg." value=leg_pain />
            <PainScale id="back-pain" label="Back pain" hint="In your lower back." value=back_pain />
            <p class="form-error" role="alert">
                {move || {
                    missing
                        .get()
                        .then_some("Choose how far the symptoms reach in each leg, then save.")
                }}
            </p>
            <button type="submit" class="primary">
                "Save check-in"
            </button>
        </form>
    }
}

/// One radio group per leg, from "None" down to the foot.
#[component]
fn LegScale(side: Side, choice: RwSignal<Option<Level>>) -> impl IntoView {
    let name = format!("{}-leg", side.label().to_lowercase());
    let legend_id = format!("{name}-legend");
    let options = Level::ALL
        .into_iter()
        .map(|level| {
            let name = name.clone();
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name=name
                        value=level.key()
                        prop:checked=move || choice.get() == Some(level)
                        on:change=move |_| choice.set(Some(level))
                    />
                    <span>{level.label()}</span>
                </label>
            }
        })
        .collect_view();
    let labelled_by = legend_id.clone();
    view! {
        <fieldset class="leg-scale" role="radiogroup" aria-labelledby=labelled_by>
            <legend id=legend_id>{side.label()} " leg: furthest point the symptoms reach"</legend>
            {options}
        </fieldset>
    }
}

/// A 0-10 pain score as a slider with its value shown beside it.
#[component]
fn PainScale(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    value: RwSignal<u8>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = hint_id.clone();
    view! {
        <div class="pain-scale">
            <label for=id>{label}</label>
            <output for=id aria-hidden="true">{move || value.get()} "/10"</output>
            <input
                id=id
                type="range"
                min="0"
                max=MAX_PAIN.to_string()
                step="1"
                aria-describedby=described_by
                aria-valuetext=move || format!("{} out of 10", value.get())
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u8>() {
                        value.set(v.min(MAX_PAIN));
                    }
                }
            />
            <p class="hint" id=hint_id>
                {hint} " 0 means no pain, 10 the worst pain you can imagine."
            </p>
        </div>
    }
}
