//! "Restore from a backup file" on Setup and Settings. The file is chosen
//! here and handed, unread, to the on-demand module that reads and
//! restores it; the module is loaded only then, so opening either page
//! does not fetch and start it.

use crate::ui::pages::Extra;
use crate::ui::widgets::FileChooser;
use leptos::prelude::*;

#[component]
pub fn RestoreButton() -> impl IntoView {
    let chosen = RwSignal::new_local(None::<web_sys::File>);
    let on_chosen = Callback::new(move |file| chosen.set(Some(file)));
    view! {
        <Show
            when=move || chosen.with(Option::is_some)
            fallback=move || {
                view! {
                    <FileChooser
                        label="Restore from a backup file"
                        accept=".json,application/json"
                        on_chosen
                    />
                }
            }
        >
            {move || {
                chosen
                    .try_update_untracked(Option::take)
                    .flatten()
                    .map(|file| view! { <Extra part="restore" file /> })
            }}
        </Show>
    }
}
