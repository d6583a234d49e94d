//! The emergency number, in the first run and in settings: the common
//! numbers as choices, and the number itself as a field (for any other).

use crate::core::red_flags::EMERGENCY_NUMBERS;
use leptos::prelude::*;

/// The radio for a number not among the common ones.
const OTHER: &str = "other";

#[component]
pub fn EmergencyNumber(
    /// Unique id of the input within the page.
    id: &'static str,
    /// The visible label (the first run adds "(optional)").
    label: &'static str,
    /// The number as typed or chosen.
    value: RwSignal<String>,
    /// Called when the patient has changed it (a choice, or on leaving the
    /// field).
    #[prop(optional)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = hint_id.clone();
    let group = format!("{id}-choice");
    let legend_id = format!("{group}-legend");
    let labelled_by = legend_id.clone();
    let other_chosen = RwSignal::new(false);
    // The radio that matches the number; "Other" for any other number (or
    // once chosen, until a common number is picked again).
    let chosen = move || {
        let v = value.get();
        match EMERGENCY_NUMBERS.iter().find(|n| **n == v.trim()) {
            Some(n) if !other_chosen.get() => Some(*n),
            _ if other_chosen.get() || !v.trim().is_empty() => Some(OTHER),
            _ => None,
        }
    };
    let changed = move || {
        if let Some(cb) = on_change {
            cb.run(value.get_untracked().trim().to_string());
        }
    };
    let input_id = id;
    let radios = EMERGENCY_NUMBERS
        .iter()
        .copied()
        .chain([OTHER])
        .map(|n| {
            let name = group.clone();
            let label = if n == OTHER { "Other" } else { n };
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name=name
                        prop:checked=move || chosen() == Some(n)
                        on:change=move |_| {
                            if n == OTHER {
                                other_chosen.set(true);
                                if EMERGENCY_NUMBERS.contains(&value.get_untracked().trim()) {
                                    value.set(String::new());
                                }
                                focus(input_id);
                            } else {
                                other_chosen.set(false);
                                value.set(n.to_string());
                                changed();
                            }
                        }
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choices numbers" role="radiogroup" aria-labelledby=labelled_by>
            <legend id=legend_id>"Which number calls an ambulance where you live?"</legend>
            {radios}
        </fieldset>
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="tel"
                inputmode="tel"
                autocomplete="off"
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:change=move |_| changed()
            />
            <p class="hint" id=hint_id>
                "The number the warning signs tell you to call. Until you set it, they say: call your local emergency number, for example 112 or 999."
            </p>
        </div>
    }
}

fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
    }
}
