//! "Restore from a backup file" on Setup and Settings. The file is chosen
//! and read here; the on-demand module that restores it is loaded only
//! then, so opening either page does not fetch and start it.

use crate::core::export::backup;
use crate::ui::pages::Extra;
use crate::ui::widgets::FileButton;
use leptos::prelude::*;

#[component]
pub fn RestoreButton() -> impl IntoView {
    // The chosen file as `{name}\0{text}`, taken by the module.
    let chosen = RwSignal::new(None::<String>);
    let unreadable = RwSignal::new(None::<String>);
    let on_read = Callback::new(move |read: Result<(String, String), String>| match read {
        Ok((name, text)) => {
            unreadable.set(None);
            chosen.set(Some(format!("{name}\0{text}")));
        }
        Err(e) => unreadable.set(Some(e)),
    });
    view! {
        <Show
            when=move || chosen.with(Option::is_some)
            fallback=move || {
                view! {
                    <FileButton
                        label="Restore from a backup file"
                        accept=".json,application/json"
                        max_bytes=backup::MAX_BYTES
                        on_read
                    />
                    {move || {
                        unreadable
                            .get()
                            .map(|e| {
                                view! {
                                    <p class="error" role="alert">
                                        "This file could not be restored: "
                                        {e}
                                    </p>
                                }
                            })
                    }}
                }
            }
        >
            {move || {
                let file = chosen.try_update_untracked(Option::take).flatten();
                view! { <Extra part="restore" file=file.unwrap_or_default() /> }
            }}
        </Show>
    }
}
