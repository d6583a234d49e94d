//! The emergency number field, in the first run and in settings.

use leptos::prelude::*;

#[component]
pub fn EmergencyNumber(
    /// Unique id of the input within the page.
    id: &'static str,
    /// The visible label (the first run adds "(optional)").
    label: &'static str,
    /// The number as typed.
    value: RwSignal<String>,
    /// Called when the patient has changed it (on leaving the field).
    #[prop(optional)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = hint_id.clone();
    view! {
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
                on:change=move |_| {
                    if let Some(cb) = on_change {
                        cb.run(value.get_untracked().trim().to_string());
                    }
                }
            />
            <p class="hint" id=hint_id>
                "The number the warning signs tell you to call. Until you set it, they say: call your local emergency number, for example 112 or 999."
            </p>
        </div>
    }
}
