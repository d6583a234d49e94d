//! "Write a pack": the pack editor, for a physiotherapist who will never
//! open a text editor. Start empty, from a built-in pack, or from a copy
//! of an installed one; every field the format has, with its unit, limits
//! and meaning; the linter's problems live, each focusing its field;
//! a preview as the patient sees it; then Save pack (installed here, a new
//! version over one that exists), Export as TOML (what `pack::print`
//! writes) and Share (a link and its QR code). Errors block all three.
//!
//! Nothing typed is lost: each change is kept at once in its own storage
//! key (`keys::DRAFTS`), never in the journal, so closing the tab and
//! coming back finds the draft; several can be kept and discarded.

mod form;
mod preview;

use super::Packs;
use super::library::SharePanel;
use crate::core::bundled::bundled_packs;
use crate::core::journal::{KeyValue, keys};
use crate::core::link;
use crate::core::pack::draft::{Draft, Kept, Op, decode_drafts, encode_drafts};
use crate::core::pack::schema::TABLES;
use crate::core::pack::{self, Pack, Problem, Severity};
use crate::core::qr::{self, QrPath};
use crate::platform::storage::LocalStorage;
use crate::platform::{clock, files};
use crate::ui::format;
use form::{TableFields, control_id};
use leptos::prelude::*;
use preview::Preview;

/// The page's address; a draft's is `#/packs/write/ID`.
const PAGE: &str = "#/packs/write";

/// The draft being edited, shared by every field of the form.
#[derive(Clone, Copy)]
pub struct Editing {
    pub draft: RwSignal<Draft>,
    id: StoredValue<String>,
    undo: RwSignal<Vec<Op>>,
    /// Why the draft could not be kept on this phone, if it could not.
    not_kept: RwSignal<Option<String>>,
}

impl Editing {
    /// Makes a change, remembers how to undo it, and keeps the draft.
    pub fn apply(&self, op: Op) {
        let mut inverse = None;
        self.draft.update(|d| inverse = d.apply(op).ok());
        if let Some(inverse) = inverse {
            self.undo.update(|u| u.push(inverse));
            self.keep();
        }
    }

    fn undo(&self) {
        let Some(op) = self.undo.try_update(Vec::pop).flatten() else {
            return;
        };
        self.draft.update(|d| {
            let _ = d.apply(op);
        });
        self.keep();
    }

    /// Focuses the element with this id once the change is drawn (the
    /// page's effects run on the executor's next turn).
    pub fn focus_later(&self, id: String) {
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            focus(&id);
        });
    }

    /// Stores the draft as it is now, under its id.
    fn keep(&self) {
        let text = self.draft.with_untracked(Draft::text);
        let kept = Kept {
            id: self.id.get_value(),
            updated: clock::now().wall,
            text,
        };
        let result = update_drafts(|drafts| {
            drafts.retain(|d| d.id != kept.id);
            drafts.insert(0, kept);
        });
        self.not_kept.set(result.err());
    }
}

/// Focuses the element with `id`, if the page has one.
fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id)
        && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
    {
        let _ = el.focus();
    }
}

/// The kept drafts, or why they cannot be read.
fn load_drafts() -> Result<Vec<Kept>, String> {
    let kv = LocalStorage::open().map_err(|e| format!("{e:?}"))?;
    decode_drafts(kv.get(keys::DRAFTS).as_deref()).map_err(|_| {
        "The drafts kept on this phone cannot be read; they are left as they are.".into()
    })
}

/// Changes the kept drafts and stores them. Drafts that cannot be read are
/// never written over.
fn update_drafts(change: impl FnOnce(&mut Vec<Kept>)) -> Result<(), String> {
    let mut kv = LocalStorage::open().map_err(|e| format!("{e:?}"))?;
    let mut drafts = decode_drafts(kv.get(keys::DRAFTS).as_deref()).map_err(|_| {
        "The drafts kept on this phone cannot be read, so this one is not kept: export it as TOML to keep it.".to_string()
    })?;
    change(&mut drafts);
    kv.set(keys::DRAFTS, &encode_drafts(&drafts)).map_err(|_| {
        "This phone's storage is full: the draft is not kept. Export it as TOML to keep it."
            .to_string()
    })
}

/// The draft id in the address, if one is open.
fn draft_in_address() -> Option<String> {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix(PAGE)?
        .strip_prefix('/')
        .filter(|id| !id.is_empty())
        .map(str::to_string)
}

/// Begins a draft and opens it (also "Edit a copy" on a pack's card).
pub(super) fn begin(draft: Draft) -> Result<(), String> {
    let id = clock::random_id();
    let kept = Kept {
        id: id.clone(),
        updated: clock::now().wall,
        text: draft.text(),
    };
    update_drafts(|drafts| drafts.insert(0, kept))?;
    let _ = window().location().set_hash(&format!("{PAGE}/{id}"));
    Ok(())
}

#[component]
pub fn WritePackPage() -> impl IntoView {
    let open = RwSignal::new(draft_in_address());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        open.set(draft_in_address());
    });
    on_cleanup(move || listener.remove());
    move || match open.get() {
        Some(id) => view! { <EditDraft id /> }.into_any(),
        None => view! { <Drafts /> }.into_any(),
    }
}

/// The kept drafts, and the ways to begin one.
#[component]
fn Drafts() -> impl IntoView {
    let packs = expect_context::<Packs>();
    let drafts = RwSignal::new(load_drafts());
    let failed = RwSignal::new(None::<String>);
    let start = move |draft: Draft| {
        if let Err(e) = begin(draft) {
            failed.set(Some(e));
        }
    };
    let list = move || match drafts.get() {
        Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
        Ok(list) if list.is_empty() => view! { <p>"No drafts yet."</p> }.into_any(),
        Ok(list) => {
            let items = list
                .into_iter()
                .map(|kept| {
                    let discarded = move |result: Result<(), String>| match result {
                        Ok(()) => drafts.set(load_drafts()),
                        Err(e) => failed.set(Some(e)),
                    };
                    view! { <DraftItem kept discarded /> }
                })
                .collect_view();
            view! { <ul class="drafts">{items}</ul> }.into_any()
        }
    };
    let from = move || {
        packs
            .library
            .with(|l| l.all(&bundled_packs()))
            .into_iter()
            .map(|(pack, installed)| {
                let what = if installed { "installed" } else { "built in" };
                let words = format!("Edit a copy of {} ({what})", pack.title);
                view! {
                    <li>
                        <button on:click=move |_| start(Draft::from_pack(&pack))>{words}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h1 tabindex="-1">"Write a pack"</h1>
        <p>
            "Build a programme for a patient here, check it as you go, and hand it over as a link, a QR code or a file. Every change is kept on this phone as you type."
        </p>
        <section class="card" aria-labelledby="drafts-title">
            <h2 id="drafts-title">"Your drafts"</h2>
            {list}
        </section>
        <section class="card" aria-labelledby="begin-title">
            <h2 id="begin-title">"Begin a pack"</h2>
            <p>
                <button class="primary" on:click=move |_| start(Draft::empty())>"Start empty"</button>
            </p>
            <ul class="from-packs">{from}</ul>
        </section>
        {move || failed.get().map(|e| view! { <p role="alert">{e}</p> })}
        <p><a href="#/packs">"Back to Packs"</a></p>
    }
}

/// One kept draft: open it, or discard it.
#[component]
fn DraftItem(kept: Kept, discarded: impl Fn(Result<(), String>) + 'static) -> impl IntoView {
    let name = kept.name();
    let href = format!("{PAGE}/{}", kept.id);
    let id = kept.id.clone();
    let discard = move |_| discarded(update_drafts(|d| d.retain(|k| k.id != id)));
    view! {
        <li class="draft">
            <a class="button" href=href>{format!("Open {name}")}</a>
            " "
            <span class="hint">{format!("changed {}", format::date_time(kept.updated))}</span>
            " "
            <button on:click=discard aria-label=format!("Discard {name}")>"Discard"</button>
        </li>
    }
}

/// The editor for draft `id`.
#[component]
fn EditDraft(id: String) -> impl IntoView {
    let kept = load_drafts().map(|d| d.into_iter().find(|k| k.id == id));
    let draft = match kept {
        Ok(Some(k)) => Draft::from_text(&k.text),
        Ok(None) => Err("This draft is not on this phone (it was discarded).".to_string()),
        Err(e) => Err(e),
    };
    let draft = match draft {
        Ok(d) => d,
        Err(e) => {
            return view! {
                <h1 tabindex="-1">"Write a pack"</h1>
                <p role="alert">{e}</p>
                <p><a href=PAGE>"Your drafts"</a></p>
            }
            .into_any();
        }
    };
    let editing = Editing {
        draft: RwSignal::new(draft),
        id: StoredValue::new(id),
        undo: RwSignal::new(Vec::new()),
        not_kept: RwSignal::new(None),
    };
    provide_context(editing);
    view! { <Editor editing /> }.into_any()
}

/// What the checks found, as the form's fields name them.
fn problems_of(result: &Result<(Pack, Vec<Problem>), Vec<Problem>>) -> Vec<Problem> {
    match result {
        Ok((_, warnings)) => warnings.clone(),
        Err(problems) => problems.clone(),
    }
}

#[component]
fn Editor(editing: Editing) -> impl IntoView {
    let packs = expect_context::<Packs>();
    // The linter's verdict on the draft, again after every change.
    let checked = Memo::new(move |_| editing.draft.with(Draft::check));
    let pack = Memo::new(move |_| checked.with(|c| c.as_ref().ok().map(|(p, _)| p.clone())));
    let said = RwSignal::new(None::<String>);
    let shared = RwSignal::new(None::<(String, Option<QrPath>, String)>);
    let previewing = RwSignal::new(false);
    let blocked = move || {
        said.set(Some(
            "Fix the errors listed above first: a pack with errors cannot be saved or shared."
                .into(),
        ));
        focus("editor-problems");
    };
    let save = move |_| {
        let id = editing.draft.with_untracked(|d| d.text_at("id"));
        let here = packs
            .library
            .with_untracked(|l| l.all(&bundled_packs()))
            .into_iter()
            .find(|(p, _)| p.id == id);
        if let Some((here, _)) = &here
            && pack.get_untracked().is_some()
            && let Some(op) = editing.draft.with_untracked(|d| d.new_version_over(here))
        {
            editing.apply(op);
        }
        match pack.get_untracked() {
            None => blocked(),
            Some(p) => {
                let version = p.version.clone();
                match packs.install(p) {
                    Ok(()) => said.set(Some(format!(
                        "Saved as version {version}: installed on this phone and in use on Home."
                    ))),
                    Err(e) => said.set(Some(e)),
                }
            }
        }
    };
    let export = move |_| match pack.get_untracked() {
        None => blocked(),
        Some(p) => {
            let name = format!("{}-{}.toml", p.id, p.version);
            let text = pack::print(&p);
            leptos::task::spawn_local(async move {
                if let Err(e) = files::share_or_download(&name, "application/toml", &text).await {
                    said.set(Some(e));
                }
            });
        }
    };
    let share = move |_| match pack.get_untracked() {
        None => blocked(),
        Some(p) => {
            let base = window().location().href().unwrap_or_default();
            let base = base.split('#').next().unwrap_or_default().to_string();
            let link = link::link(&base, &p);
            let qr = qr::encode(&link);
            shared.set(Some((link, qr, p.title.clone())));
        }
    };
    let name = move || {
        editing.draft.with(|d| {
            Some(d.text_at("title"))
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| "Untitled pack".into())
        })
    };
    view! {
        <h1 tabindex="-1">"Write a pack"</h1>
        <p><a href=PAGE>"Your drafts"</a></p>
        <h2>{name}</h2>
        {move || editing.not_kept.get().map(|e| view! { <p role="alert">{e}</p> })}
        <Problems problems=Memo::new(move |_| checked.with(problems_of)) />
        <div class="editor-actions">
            <button class="primary" on:click=save>"Save pack"</button>
            <button on:click=export>"Export as TOML"</button>
            <button on:click=share>"Share"</button>
            <button
                aria-expanded=move || previewing.get().to_string()
                on:click=move |_| previewing.update(|p| *p = !*p)
            >
                "Preview as the patient sees it"
            </button>
            <button
                disabled=move || editing.undo.with(Vec::is_empty)
                on:click=move |_| editing.undo()
            >
                "Undo"
            </button>
        </div>
        <p role="status">{move || said.get()}</p>
        {move || {
            shared
                .get()
                .map(|(link, qr, title)| view! { <SharePanel link qr title /> })
        }}
        <Show when=move || previewing.get()>
            {move || match pack.get() {
                Some(p) => view! { <Preview pack=p /> }.into_any(),
                None => {
                    view! { <p>"The preview shows once the errors above are fixed."</p> }.into_any()
                }
            }}
        </Show>
        <form class="pack-editor" on:submit=|e| e.prevent_default() novalidate>
            <TableFields table=&TABLES[0] path=String::new() />
        </form>
    }
}

/// Every problem the checks found, each a button that focuses its field
/// (or the nearest part of the form that has one).
#[component]
fn Problems(problems: Memo<Vec<Problem>>) -> impl IntoView {
    let list = move || {
        let problems = problems.get();
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let summary = match (errors, problems.len() - errors) {
            (0, 0) => "No problems: the pack is ready to save and share.".to_string(),
            (e, w) => format!(
                "{}, {}.",
                format::count(e, "error", "errors"),
                format::count(w, "warning", "warnings")
            ),
        };
        let items = problems
            .into_iter()
            .map(|p| {
                let path = p.path.clone();
                let class = if p.severity == Severity::Error {
                    "problem error"
                } else {
                    "problem warning"
                };
                view! {
                    <li class=class>
                        <button class="quiet" on:click=move |_| focus_field(&path)>
                            {p.render_path()}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p>{summary}</p>
            <ul>{items}</ul>
        }
    };
    view! {
        <section class="card problems" id="editor-problems" tabindex="-1" aria-labelledby="problems-title">
            <h2 id="problems-title">"Checks"</h2>
            {list}
        </section>
    }
}

/// Focuses the control of `path`, or of the nearest enclosing part of the
/// form (a problem about a missing field names its table).
fn focus_field(path: &str) {
    let mut at = path.to_string();
    loop {
        if document().get_element_by_id(&control_id(&at)).is_some() {
            focus(&control_id(&at));
            return;
        }
        match at.rfind(['.', '[']) {
            Some(i) => at.truncate(i),
            None => return,
        }
    }
}
