//! A `<details>` whose contents are built the first time it opens.
//!
//! Home holds, closed, the card of every routine and the how-to of every
//! exercise: three in four of its elements. Building them up front made
//! Home several times slower to draw, at start and at every tap on its
//! link, for text the patient opens now and then.

use leptos::prelude::*;

#[component]
pub fn Disclosure(
    /// What the closed disclosure says.
    #[prop(into)]
    summary: String,
    #[prop(optional)] class: &'static str,
    /// Open when first drawn.
    #[prop(optional)]
    open: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let built = RwSignal::new(open);
    // A click on the summary (or Enter or Space on it) builds the contents
    // before the browser opens it, so it never paints an empty disclosure;
    // `toggle` covers opening it any other way (find in page, a script).
    let build = move || {
        if !built.get_untracked() {
            built.set(true);
        }
    };
    view! {
        <details
            class=class
            prop:open=open
            on:toggle=move |e| {
                if event_target::<web_sys::HtmlDetailsElement>(&e).open() {
                    build();
                }
            }
        >
            <summary on:click=move |_| build()>{summary}</summary>
            <Show when=move || built.get()>{children()}</Show>
        </details>
    }
}
