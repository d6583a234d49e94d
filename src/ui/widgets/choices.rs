//! A group of radio buttons: the shape of every question in the app.

use leptos::prelude::*;

/// A group of radio buttons with a visible legend as its name.
#[component]
pub fn Choices<T>(
    /// Unique within the page: names the radios and the legend.
    name: String,
    /// The question, shown as the group's legend.
    legend: String,
    options: Vec<(T, &'static str)>,
    choice: RwSignal<Option<T>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let legend_id = format!("{name}-legend");
    let labelled_by = legend_id.clone();
    let options = options
        .into_iter()
        .map(|(value, label)| {
            let name = name.clone();
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name=name
                        prop:checked=move || choice.get() == Some(value)
                        on:change=move |_| choice.set(Some(value))
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choices" role="radiogroup" aria-labelledby=labelled_by>
            <legend id=legend_id>{legend}</legend>
            {options}
        </fieldset>
    }
}
