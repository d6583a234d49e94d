//! The editor's form, generated from the format's description
//! (`core::pack::schema`): one fieldset per table, one control per field
//! with its unit, limits and meaning beside it, and the lists (exercises,
//! steps, routine items, stages) with Move up, Move down, Duplicate and
//! Remove on each entry. Nothing here names a pack field but the two the
//! editor leaves out (`format`, which is always the current one, and
//! `per_side`, the older spelling of `side`).

use super::Editing;
use crate::core::pack::draft::{Op, field_at};
use crate::core::pack::schema::{Field, Need, Table, Ty};
use leptos::prelude::*;
use toml::Value;

/// Fields the editor does not show.
const LEFT_OUT: [&str; 2] = ["format", "per_side"];

/// The id of the control (or fieldset) of `path`, for labels and for
/// focusing a problem's field: `routines[0].items[1].sets` is
/// `f-routines-0-items-1-sets`.
pub fn control_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

/// `path` joined to `key`.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A field's key as a label: `hold_seconds` is "Hold seconds".
fn label(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// What the format says of a field: its meaning, unit and limits.
fn help(field: &Field) -> String {
    let mut text = field.meaning.replace('`', "");
    if let Some(l) = field.limits {
        text += &format!(
            ". In {}: usually {}-{}, at most {}-{}",
            l.unit, l.usual.0, l.usual.1, l.possible.0, l.possible.1
        );
    }
    if field.need == Need::Optional {
        text += " (optional)";
    }
    text
}

/// The fields of `table` at `path` ("" for the pack itself).
#[component]
pub fn TableFields(table: &'static Table, path: String) -> impl IntoView {
    table
        .fields
        .iter()
        .filter(|f| !LEFT_OUT.contains(&f.key()))
        .map(|field| {
            let at = join(&path, field.key());
            match field.ty {
                Ty::Tables { .. } => view! { <EntryList field list=at /> }.into_any(),
                Ty::Table => view! { <SubTable field path=at /> }.into_any(),
                Ty::TextList { .. } => view! { <TextList field list=at /> }.into_any(),
                Ty::WordList(words) => view! { <WordList field path=at words /> }.into_any(),
                _ => view! { <Control field path=at /> }.into_any(),
            }
        })
        .collect_view()
}

/// One value: a text box, a text area, or a choice of words or ids.
#[component]
fn Control(field: &'static Field, path: String) -> impl IntoView {
    let editing = expect_context::<Editing>();
    let id = control_id(&path);
    let help_id = format!("{id}-help");
    let value = {
        let path = path.clone();
        Memo::new(move |_| editing.draft.with(|d| d.text_at(&path)))
    };
    let set = {
        let path = path.clone();
        move |text: String| {
            editing.apply(editing.draft.with_untracked(|d| d.set_text(&path, &text)))
        }
    };
    let control = match field.ty {
        Ty::Word(words) => {
            let options: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            view! { <Choice id=id.clone() help=help_id.clone() value options set /> }.into_any()
        }
        Ty::Ref(_) => {
            // The ids of the draft's exercises or routines, as they are now.
            let list = if field.key() == "routine" {
                "routines"
            } else {
                "exercises"
            };
            let options = Memo::new(move |_| editing.draft.with(|d| d.ids(list)));
            view! { <Choice id=id.clone() help=help_id.clone() value options=options set /> }
                .into_any()
        }
        Ty::Text { max, lines: true } => view! {
            <textarea
                id=id.clone()
                rows="3"
                maxlength=max.to_string()
                aria-describedby=help_id.clone()
                prop:value=move || value.get()
                on:input=move |e| set(event_target_value(&e))
            ></textarea>
        }
        .into_any(),
        _ => {
            let max = match field.ty {
                Ty::Text { max, .. } => Some(max.to_string()),
                _ => None,
            };
            let numeric = matches!(field.ty, Ty::Integer).then_some("numeric");
            view! {
                <input
                    id=id.clone()
                    type="text"
                    inputmode=numeric
                    maxlength=max
                    autocomplete="off"
                    aria-describedby=help_id.clone()
                    prop:value=move || value.get()
                    on:input=move |e| set(event_target_value(&e))
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id>{label(field.key())}</label>
            {control}
            <p class="hint" id=help_id>{help(field)}</p>
        </div>
    }
}

/// A choice of `options` (words, or ids of the draft), "not set" first.
#[component]
fn Choice(
    id: String,
    help: String,
    value: Memo<String>,
    #[prop(into)] options: Signal<Vec<String>>,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <select id=id aria-describedby=help on:change=move |e| set(event_target_value(&e))>
            <option value="" selected=move || value.get().is_empty()>"(not set)"</option>
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|o| {
                        let (chosen, shown) = (o.clone(), o.clone());
                        view! {
                            <option value=o selected=move || value.get() == chosen>
                                {shown}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// A table inside an entry (a routine's schedule): its fields, or a button
/// to begin it.
#[component]
fn SubTable(field: &'static Field, path: String) -> impl IntoView {
    let editing = expect_context::<Editing>();
    let table = field.table();
    let name = label(field.key());
    let present = {
        let path = path.clone();
        Memo::new(move |_| editing.draft.with(|d| d.get(&path).is_some()))
    };
    let begin = {
        let path = path.clone();
        move |_| {
            editing.apply(Op::Put {
                path: path.clone(),
                value: Some(Value::Table(Default::default())),
            })
        }
    };
    let end = {
        let path = path.clone();
        move |_| {
            editing.apply(Op::Put {
                path: path.clone(),
                value: None,
            })
        }
    };
    let id = control_id(&path);
    let add_label = format!("Add a {}", name.to_ascii_lowercase());
    let remove_label = format!("Remove the {}", name.to_ascii_lowercase());
    view! {
        <fieldset class="sub-table" id=id tabindex="-1">
            <legend>{name}</legend>
            <p class="hint">{help(field)}</p>
            <Show
                when=move || present.get()
                fallback=move || view! { <button type="button" on:click=begin.clone()>{add_label.clone()}</button> }
            >
                {table.map(|t| view! { <TableFields table=t path=path.clone() /> })}
                <button type="button" on:click=end.clone()>{remove_label.clone()}</button>
            </Show>
        </fieldset>
    }
}

/// A list of words the pack allows (a schedule's days), as check boxes.
#[component]
fn WordList(field: &'static Field, path: String, words: &'static [&'static str]) -> impl IntoView {
    let editing = expect_context::<Editing>();
    let chosen = {
        let path = path.clone();
        Memo::new(move |_| {
            editing.draft.with(|d| match d.get(&path) {
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            })
        })
    };
    let boxes = words
        .iter()
        .map(|&word| {
            let path = path.clone();
            let toggle = move |_| {
                let mut now = chosen.get_untracked();
                if now.iter().any(|w| w == word) {
                    now.retain(|w| w != word);
                } else {
                    // In the format's order, whatever order they were ticked.
                    now.push(word.to_string());
                    now.sort_by_key(|w| words.iter().position(|x| x == w));
                }
                let value = (!now.is_empty())
                    .then(|| Value::Array(now.into_iter().map(Value::String).collect()));
                editing.apply(Op::Put {
                    path: path.clone(),
                    value,
                });
            };
            view! {
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || chosen.with(|c| c.iter().any(|w| w == word))
                        on:change=toggle
                    />
                    {label(word)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choices" id=control_id(&path) tabindex="-1">
            <legend>{label(field.key())}</legend>
            <p class="hint">{help(field)}</p>
            {boxes}
        </fieldset>
    }
}

/// Move up, Move down, (Duplicate,) Remove for entry `at` of `list`.
#[component]
fn EntryButtons(list: String, at: usize, len: Memo<usize>, copies: bool) -> impl IntoView {
    let editing = expect_context::<Editing>();
    let moved = move |to: usize, list: String| {
        editing.apply(Op::Move {
            list: list.clone(),
            from: at,
            to,
        });
        // The entry moved; so does the focus, to the same button there.
        editing.focus_later(format!("{}-{to}-controls", control_id(&list)));
    };
    let up = {
        let list = list.clone();
        move |_: leptos::ev::MouseEvent| moved(at - 1, list.clone())
    };
    let down = {
        let list = list.clone();
        move |_: leptos::ev::MouseEvent| moved(at + 1, list.clone())
    };
    let duplicate = {
        let list = list.clone();
        move |_| {
            if let Some(op) = editing.draft.with_untracked(|d| d.duplicate(&list, at)) {
                editing.apply(op);
            }
        }
    };
    let remove = {
        let list = list.clone();
        move |_| {
            editing.apply(Op::Remove {
                list: list.clone(),
                at,
            })
        }
    };
    let is_last = move || at + 1 >= len.get();
    view! {
        <div class="entry-buttons" id=format!("{}-{at}-controls", control_id(&list)) tabindex="-1">
            <button type="button" disabled=at == 0 on:click=up>"Move up"</button>
            <button type="button" disabled=is_last on:click=down>"Move down"</button>
            {copies.then(|| view! { <button type="button" on:click=duplicate>"Duplicate"</button> })}
            <button type="button" on:click=remove>"Remove"</button>
        </div>
    }
}

/// A list of tables (exercises, routines, routine items, stages, stage
/// changes): each entry a fieldset of its fields, then "Add ...".
#[component]
fn EntryList(field: &'static Field, list: String) -> impl IntoView {
    let editing = expect_context::<Editing>();
    let Some(table) = field.table() else {
        return ().into_any();
    };
    let len = length(editing, &list);
    let noun = entry_noun(&list);
    let entries = {
        let list = list.clone();
        move || {
            (0..len.get())
                .map(|i| {
                    let path = format!("{list}[{i}]");
                    let name = {
                        let path = path.clone();
                        Memo::new(move |_| {
                            editing.draft.with(|d| {
                                ["name", "title", "exercise"]
                                    .iter()
                                    .map(|k| d.text_at(&format!("{path}.{k}")))
                                    .find(|t| !t.trim().is_empty())
                            })
                        })
                    };
                    let legend = move || match name.get() {
                        Some(n) => format!("{} {}: {n}", label(noun), i + 1),
                        None => format!("{} {}", label(noun), i + 1),
                    };
                    view! {
                        <fieldset class="entry" id=control_id(&path) tabindex="-1">
                            <legend>{legend}</legend>
                            <TableFields table path=path.clone() />
                            <EntryButtons list=list.clone() at=i len copies=true />
                        </fieldset>
                    }
                })
                .collect_view()
        }
    };
    let add = add_to(editing, list.clone(), len);
    view! {
        <section class="entries" aria-label=label(field.key()) id=control_id(&list) tabindex="-1">
            <h3>{label(field.key())}</h3>
            <p class="hint">{table.about.replace('`', "")}</p>
            {entries}
            <button type="button" on:click=add>{format!("Add {}", article(noun))}</button>
        </section>
    }
    .into_any()
}

/// A list of texts (an exercise's steps, the pack's sources): a text box
/// each, in order, with Move up, Move down and Remove.
#[component]
fn TextList(field: &'static Field, list: String) -> impl IntoView {
    let editing = expect_context::<Editing>();
    let len = length(editing, &list);
    let noun = entry_noun(&list);
    let max = match field.ty {
        Ty::TextList { chars, .. } => chars,
        _ => 0,
    };
    let entries = {
        let list = list.clone();
        move || {
            (0..len.get())
                .map(|i| {
                    let path = format!("{list}[{i}]");
                    let id = control_id(&path);
                    let value = {
                        let path = path.clone();
                        Memo::new(move |_| editing.draft.with(|d| d.text_at(&path)))
                    };
                    let set = move |text: String| {
                        editing.apply(editing.draft.with_untracked(|d| d.set_text(&path, &text)))
                    };
                    view! {
                        <li>
                            <label for=id.clone()>{format!("{} {}", label(noun), i + 1)}</label>
                            <input
                                id=id
                                type="text"
                                maxlength=max.to_string()
                                prop:value=move || value.get()
                                on:input=move |e| set(event_target_value(&e))
                            />
                            <EntryButtons list=list.clone() at=i len copies=false />
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let add = add_to(editing, list.clone(), len);
    view! {
        <fieldset class="text-list" id=control_id(&list) tabindex="-1">
            <legend>{label(field.key())}</legend>
            <p class="hint">{help(field)}</p>
            <ol>{entries}</ol>
            <button type="button" on:click=add>{format!("Add {}", article(noun))}</button>
        </fieldset>
    }
}

/// How many entries `list` has: a signal that changes only when that
/// does, so typing in a field does not draw the list again.
fn length(editing: Editing, list: &str) -> Memo<usize> {
    let list = list.to_string();
    Memo::new(move |_| editing.draft.with(|d| d.len(&list)))
}

/// "Add ...": a new entry at the end of `list`, then the focus on it.
fn add_to(editing: Editing, list: String, len: Memo<usize>) -> impl Fn(leptos::ev::MouseEvent) {
    move |_| {
        let at = len.get_untracked();
        editing.apply(editing.draft.with_untracked(|d| d.add(&list)));
        editing.focus_later(control_id(&format!("{list}[{at}]")));
    }
}

/// One entry of a list, in words: `exercises` is "exercise", `steps`
/// "step", a routine's `items` "routine exercise", and so on.
fn entry_noun(list: &str) -> &'static str {
    let key = list.rsplit('.').next().unwrap_or(list);
    let key = key.split('[').next().unwrap_or(key);
    match field_at(list).map(|f| f.key()).unwrap_or(key) {
        "exercises" => "exercise",
        "routines" => "routine",
        "items" => "routine exercise",
        "stages" => "stage",
        "changes" => "change",
        "steps" => "step",
        "sources" => "source",
        _ => "entry",
    }
}

/// "an exercise", "a step".
fn article(noun: &str) -> String {
    match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {noun}"),
        _ => format!("a {noun}"),
    }
}
