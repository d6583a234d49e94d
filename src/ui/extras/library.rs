//! Packs: the library of exercise packs on this phone (which one Home
//! uses, sharing, exporting, removing) and installing a pack from a file
//! or a link, always after the patient confirms with "Install pack".
//! Every text from a pack is rendered as text, never as HTML.

use super::Packs;
use crate::core::bundled::bundled_packs;
use crate::core::library::Offer;
use crate::core::link;
use crate::core::pack::draft::Draft;
use crate::core::pack::{self, Pack, Problem, Severity};
use crate::core::qr::{self, QrPath};
use crate::platform::files;
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::widgets::FileButton;
use leptos::prelude::*;

/// Where a pack being installed came from: its problems are located by
/// line in a file, by field path in a link.
#[derive(Clone, Copy, PartialEq)]
enum Source {
    File,
    Link,
}

/// A pack on its way in.
#[derive(Clone)]
pub(super) enum Incoming {
    /// It has errors, or could not be read at all.
    Refused(Vec<String>),
    Ready {
        pack: Pack,
        /// Where it came from, in words: "the file x.toml", "a link".
        from: String,
        warnings: Vec<String>,
        offer: Offer,
        changes: Vec<String>,
        /// The author of the pack it would replace, when that differs.
        other_author: Option<String>,
    },
}

fn located(p: &Problem, source: Source, name: &str) -> String {
    match source {
        Source::File => p.render(name),
        Source::Link => p.render_path(),
    }
}

/// Checks what arrived and prepares the question to the patient.
fn receive(packs: Packs, text: &str, source: Source, name: &str) -> Incoming {
    let (pack, warnings) = match pack::parse(text) {
        Ok(parsed) => parsed,
        Err(problems) => {
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .map(|p| located(p, source, name))
                .collect();
            return Incoming::Refused(errors);
        }
    };
    let warnings = warnings.iter().map(|p| located(p, source, name)).collect();
    let from = match source {
        Source::File => format!("the file {name}"),
        Source::Link => "a link".to_string(),
    };
    ready(packs, pack, from, warnings)
}

/// The question before installing a checked pack that came `from`.
pub(super) fn ready(packs: Packs, pack: Pack, from: String, warnings: Vec<String>) -> Incoming {
    let (offer, here) = packs.library.with_untracked(|l| {
        let all = l.all(&bundled_packs());
        let here = all
            .into_iter()
            .find(|(p, _)| p.id == pack.id)
            .map(|(p, _)| p);
        (l.offer(&bundled_packs(), &pack), here)
    });
    let other_author = here
        .as_ref()
        .filter(|old| old.author != pack.author)
        .map(|old| old.author.clone());
    let changes = match (&offer, here) {
        (Offer::Newer { .. }, Some(old)) => pack::changes(&old, &pack),
        _ => Vec::new(),
    };
    Incoming::Ready {
        pack,
        from,
        warnings,
        offer,
        changes,
        other_author,
    }
}

/// A share link's pack, checked like a file.
fn receive_link(packs: Packs, address: &str) -> Incoming {
    match link::read(address) {
        Ok(text) => receive(packs, &text, Source::Link, ""),
        Err(e) => Incoming::Refused(vec![e.to_string()]),
    }
}

/// `link`: the share link the app was opened with, if any.
#[component]
pub fn PacksPage(link: Option<String>) -> impl IntoView {
    let packs = expect_context::<Packs>();
    let incoming = RwSignal::new(link.map(|l| receive_link(packs, &l)));
    let opened = Callback::new(move |read: Result<(String, String), String>| {
        incoming.set(Some(match read {
            Ok((name, text)) => receive(packs, &text, Source::File, &name),
            Err(e) => Incoming::Refused(vec![e]),
        }));
    });
    let pasted = RwSignal::new(String::new());
    let open_link = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let address = pasted.get_untracked();
        if !address.trim().is_empty() {
            incoming.set(Some(receive_link(packs, &address)));
        }
    };
    let cards = move || {
        packs
            .library
            .with(|l| l.all(&bundled_packs()))
            .into_iter()
            .map(|(pack, installed)| view! { <PackCard pack installed /> })
            .collect_view()
    };
    view! {
        <h1 tabindex="-1">"Exercise packs"</h1>
        <p>
            "A pack holds the exercises and routines your physiotherapist chose. Home shows the routines of the pack in use."
        </p>
        {move || incoming.get().map(|i| view! { <IncomingPack incoming=i done=incoming /> })}
        {cards}
        <section class="card" aria-labelledby="add-title">
            <h2 id="add-title">"Add a pack"</h2>
            <p>"From a file or a link your physiotherapist gave you. You will see what it holds before anything changes."</p>
            <FileButton
                label="Open a pack file"
                accept=".toml,text/plain"
                max_bytes=pack::MAX_BYTES
                on_read=opened
            />
            <form class="link-form" on:submit=open_link>
                <label for="pack-link">"Pack link"</label>
                <input
                    id="pack-link"
                    type="text"
                    inputmode="url"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || pasted.get()
                    on:input=move |e| pasted.set(event_target_value(&e))
                />
                <button type="submit">"Open link"</button>
            </form>
            <p>
                <a href=Route::WritePack.href()>"Write a pack"</a>
                " (for therapists: build a programme here, without writing TOML)"
            </p>
            <p>
                <a href=Route::CheckPack.href()>"Check a pack"</a>
                " (for therapists: see every problem in a pack with its line)"
            </p>
            <p>
                <a href=Route::PatientBackup.href()>"Open a patient's backup"</a>
                " (for therapists: a patient's history and report, read only)"
            </p>
        </section>
    }
}

/// The question before installing, or why a pack was refused. Installing
/// goes to Home unless `stay` (more questions follow on this page).
#[component]
pub(super) fn IncomingPack(
    incoming: Incoming,
    done: RwSignal<Option<Incoming>>,
    #[prop(optional)] stay: bool,
) -> impl IntoView {
    let packs = expect_context::<Packs>();
    match incoming {
        Incoming::Refused(problems) => {
            let items = problems
                .into_iter()
                .map(|p| view! { <li>{p}</li> })
                .collect_view();
            view! {
                <section class="card stopped" role="alert" aria-labelledby="refused-title">
                    <h2 id="refused-title">"This pack cannot be installed"</h2>
                    <p>"Nothing was changed. Ask your physiotherapist for a corrected pack:"</p>
                    <ul class="problems">{items}</ul>
                    <button on:click=move |_| done.set(None)>"Close"</button>
                </section>
            }
            .into_any()
        }
        Incoming::Ready {
            pack,
            from,
            warnings,
            offer,
            changes,
            other_author,
        } => {
            let what = match &offer {
                Offer::New => "This pack is new on this phone.".to_string(),
                Offer::Newer { from } => {
                    format!("It replaces version {from}; your history and progress are kept.")
                }
                Offer::AlreadyHere { installed } => {
                    format!("Version {installed} is already on this phone.")
                }
            };
            let can_install = !matches!(offer, Offer::AlreadyHere { .. });
            let error = RwSignal::new(None::<String>);
            let warnings = (!warnings.is_empty()).then(|| {
                let items = warnings
                    .into_iter()
                    .map(|w| view! { <li>{w}</li> })
                    .collect_view();
                view! {
                    <p>"Your physiotherapist may mean these; check with them if unsure:"</p>
                    <ul class="problems">{items}</ul>
                }
            });
            let changes = (!changes.is_empty()).then(|| {
                let items = changes
                    .into_iter()
                    .map(|c| view! { <li>{c}</li> })
                    .collect_view();
                view! {
                    <h3>"What changed"</h3>
                    <ul>{items}</ul>
                }
            });
            // A new pack shows what the patient would be asked to do.
            let contents = matches!(offer, Offer::New).then(|| {
                let routines = pack
                    .routines
                    .iter()
                    .map(|r| {
                        let items = r
                            .items
                            .iter()
                            .map(|i| view! { <li>{i.in_words(&pack)}</li> })
                            .collect_view();
                        view! {
                            <li>
                                {r.title.clone()}
                                <ul>{items}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <h3>"What it asks you to do"</h3>
                    <ul class="routines">{routines}</ul>
                }
            });
            // Another author's pack in place of this one: its own "yes".
            let confirmed = RwSignal::new(other_author.is_none());
            let replaces_author = other_author.map(|theirs| {
                let question = format!(
                    "This pack is by {}, not by {theirs} who wrote the one on this phone. Install it \
                     only if your physiotherapist sent it to you.",
                    pack.author
                );
                view! {
                    <p class="safety-note" role="alert">{question}</p>
                    <label class="switch">
                        <input
                            type="checkbox"
                            prop:checked=move || confirmed.get()
                            on:change=move |e| confirmed.set(event_target_checked(&e))
                        />
                        <span>"Yes, my physiotherapist sent me this pack"</span>
                    </label>
                }
            });
            let heading = format!("install-{}", pack.id);
            let labelled_by = heading.clone();
            let title = pack.title.clone();
            let author = pack.author.clone();
            let install = move |_| match packs.install(pack.clone()) {
                Ok(()) => {
                    done.set(None);
                    if !stay {
                        Route::Home.go();
                    }
                }
                Err(e) => error.set(Some(e)),
            };
            view! {
                <section class="card" aria-labelledby=labelled_by>
                    <h2 id=heading>"Install “" {title} "”?"</h2>
                    <p class="pack-note">"By " {author} ", from " {from} "."</p>
                    <p>{what}</p>
                    {replaces_author}
                    {contents}
                    {warnings}
                    {changes}
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <Show when=move || can_install>
                        <button
                            class="primary"
                            on:click=install.clone()
                            prop:disabled=move || !confirmed.get()
                        >
                            "Install pack"
                        </button>
                    </Show>
                    <button on:click=move |_| done.set(None)>"Cancel"</button>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn PackCard(pack: Pack, installed: bool) -> impl IntoView {
    let packs = expect_context::<Packs>();
    let heading = format!("pack-{}", pack.id);
    let id = pack.id.clone();
    let active = {
        let id = id.clone();
        move || packs.active.with(|a| a.as_deref() == Some(id.as_str()))
    };
    let origin = if installed {
        let at = packs
            .library
            .with_untracked(|l| l.installed(&pack.id).map(|i| i.installed_at))
            .unwrap_or_default();
        format!("installed {}", format::date_time(at))
    } else {
        "built in".to_string()
    };
    let routines = pack
        .routines
        .iter()
        .map(|r| {
            let schedule = r.schedule.as_ref().map(|s| format!(": {}", s.describe()));
            view! { <li>{r.title.clone()} {schedule}</li> }
        })
        .collect_view();
    let shared = RwSignal::new(None::<(String, Option<QrPath>)>);
    let share = {
        let pack = pack.clone();
        move |_| {
            let base = window().location().href().unwrap_or_default();
            let link = link::link(&base, &pack);
            let qr = qr::encode(&link);
            shared.set(Some((link, qr)));
        }
    };
    let export = {
        let pack = pack.clone();
        move |_| {
            let name = format!("{}-{}.toml", pack.id, pack.version);
            let text = pack::print(&pack);
            leptos::task::spawn_local(async move {
                let _ = files::share_or_download(&name, "application/toml", &text).await;
            });
        }
    };
    let error = RwSignal::new(None::<String>);
    let use_it = {
        let id = id.clone();
        move |_| {
            if let Err(e) = packs.use_pack(&id) {
                error.set(Some(e));
            }
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            if let Err(e) = packs.remove(&id) {
                error.set(Some(e));
            }
        }
    };
    // A copy in the editor, to change and save as a new version.
    let edit_copy = {
        let pack = pack.clone();
        move |_| {
            if let Err(e) = super::begin_draft(Draft::from_pack(&pack)) {
                error.set(Some(e));
            }
        }
    };
    let title = pack.title.clone();
    let labelled_by = heading.clone();
    view! {
        <section class="card pack" aria-labelledby=labelled_by>
            <h2 id=heading>{pack.title.clone()}</h2>
            <p class="pack-note">
                "Version " {pack.version.clone()} " · " {pack.author.clone()} " · " {origin}
            </p>
            <ul class="routines">{routines}</ul>
            <Show
                when=active.clone()
                fallback=move || view! { <button class="primary" on:click=use_it.clone()>"Use this pack"</button> }
            >
                <p class="in-use"><strong>"In use"</strong> ": Home shows its routines."</p>
            </Show>
            <button on:click=share>"Share"</button>
            <button on:click=export>"Export as a file"</button>
            <button on:click=edit_copy>"Edit a copy"</button>
            <Show when=move || installed>
                <button on:click=remove.clone()>"Remove"</button>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || shared.get().map(|(link, qr)| view! { <SharePanel link qr title=title.clone() /> })}
        </section>
    }
}

/// The link and its QR code, to show on a screen or send.
#[component]
pub(super) fn SharePanel(link: String, qr: Option<QrPath>, title: String) -> impl IntoView {
    let qr = match qr {
        Some(qr) => {
            let view_box = format!("-4 -4 {} {}", qr.size + 8, qr.size + 8);
            let whole = (qr.size + 8).to_string();
            view! {
                <svg class="qr" viewBox=view_box role="img" aria-label=format!("QR code of the link to {title}")>
                    <rect x="-4" y="-4" width=whole.clone() height=whole fill="#fff" />
                    <path d=qr.path fill="#000" />
                </svg>
            }
            .into_any()
        }
        None => view! { <p>"This pack is too large for a QR code; send the link instead."</p> }
            .into_any(),
    };
    let chars = link.chars().count();
    view! {
        <div class="share">
            {qr}
            <label for="share-link">"Link (" {chars} " characters)"</label>
            <input id="share-link" type="text" readonly prop:value=link />
        </div>
    }
}
