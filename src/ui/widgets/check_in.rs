//! The check-in form: how far down each leg the symptoms reach and what
//! they feel like there, the two pain scores, weakness, and (after a set)
//! the patient's own word for what the set did.

use crate::core::symptoms::{Answers, FootArea, Level, MAX_PAIN, MdtAfter, Side, SymptomType};
use crate::ui::widgets::{BodyMap, Choices};
use leptos::prelude::*;

#[component]
pub fn CheckInForm(
    /// Answers to start from (the previous check-in), if any.
    initial: Option<Answers>,
    /// After a set (not the baseline): asks what the set did.
    #[prop(default = false)]
    after_set: bool,
    /// Called with the answers and the optional note when the patient saves.
    on_save: Callback<(Answers, Option<String>)>,
    /// Correcting a check-in (History): every answer starts as it was,
    /// with this note, and the form says so.
    #[prop(optional)]
    correcting: Option<Option<String>>,
) -> impl IntoView {
    let is_correction = correcting.is_some();
    let left = RwSignal::new(initial.map(|a| a.left));
    let right = RwSignal::new(initial.map(|a| a.right));
    let left_type = RwSignal::new(initial.and_then(|a| a.left_type));
    let right_type = RwSignal::new(initial.and_then(|a| a.right_type));
    let left_foot = RwSignal::new(initial.and_then(|a| a.left_foot));
    let right_foot = RwSignal::new(initial.and_then(|a| a.right_foot));
    let leg_pain = RwSignal::new(initial.map_or(0, |a| a.leg_pain));
    let back_pain = RwSignal::new(initial.map_or(0, |a| a.back_pain));
    // "Weaker than before" is about this moment: it starts at No (but a
    // correction starts from what was said).
    let kept = initial.filter(|_| is_correction);
    let weaker = RwSignal::new(Some(kept.is_some_and(|a| a.weaker)));
    let mdt = RwSignal::new(kept.and_then(|a| a.mdt));
    let note = RwSignal::new(correcting.flatten().unwrap_or_default());
    let missing = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (left.get_untracked(), right.get_untracked()) {
            (Some(left), Some(right)) => on_save.run((
                Answers {
                    left,
                    right,
                    left_type: left_type.get_untracked(),
                    right_type: right_type.get_untracked(),
                    left_foot: left_foot.get_untracked(),
                    right_foot: right_foot.get_untracked(),
                    leg_pain: leg_pain.get_untracked(),
                    back_pain: back_pain.get_untracked(),
                    weaker: weaker.get_untracked() == Some(true),
                    mdt: mdt.get_untracked(),
                }
                .clamped(),
                Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
            )),
            _ => missing.set(true),
        }
    };

    view! {
        <form class="check-in" on:submit=submit novalidate>
            {initial
                .map(|_| {
                    let said = if is_correction {
                        "As you first entered it. Change what was wrong and save; the original is kept too."
                    } else {
                        "Filled in with your last answers. If nothing has changed, just save."
                    };
                    view! { <p class="prefilled">{said}</p> }
                })}
            <BodyMap left right />
            <LegScale side=Side::Left choice=left />
            <SymptomKind side=Side::Left level=left choice=left_type />
            <FootPart side=Side::Left level=left choice=left_foot />
            <LegScale side=Side::Right choice=right />
            <SymptomKind side=Side::Right level=right choice=right_type />
            <FootPart side=Side::Right level=right choice=right_foot />
            <PainScale id="leg-pain" label="Leg pain" hint="In the worse leg." value=leg_pain />
            <PainScale id="back-pain" label="Back pain" hint="In your lower back." value=back_pain />
            <Weaker weaker />
            {after_set.then(|| view! { <MdtWord choice=mdt /> })}
            <div class="field">
                <label for="check-in-note">"Note (optional)"</label>
                <textarea
                    id="check-in-note"
                    maxlength="280"
                    rows="2"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
            <p class="form-error" role="alert">
                {move || {
                    missing
                        .get()
                        .then_some("Choose how far the symptoms reach in each leg, then save.")
                }}
            </p>
            <button type="submit" class="primary">
                {if is_correction { "Save correction" } else { "Save check-in" }}
            </button>
        </form>
    }
}

/// How far down one leg the symptoms reach, from "None" to the foot.
#[component]
fn LegScale(side: Side, choice: RwSignal<Option<Level>>) -> impl IntoView {
    let options = Level::ALL.into_iter().map(|l| (l, l.label())).collect();
    view! {
        <Choices
            name=format!("{}-leg", side.label().to_ascii_lowercase())
            legend=format!("{} leg: furthest point the symptoms reach", side.label())
            options
            choice
        />
    }
}

/// What the symptoms feel like at that point, asked only when there are
/// some.
#[component]
fn SymptomKind(
    side: Side,
    level: RwSignal<Option<Level>>,
    choice: RwSignal<Option<SymptomType>>,
) -> impl IntoView {
    let shown = move || level.get().is_some_and(|l| l != Level::None);
    view! {
        <Show when=shown>
            <Choices
                name=format!("{}-type", side.label().to_ascii_lowercase())
                legend=format!("{} leg: what it feels like there (optional)", side.label())
                options=SymptomType::ALL.into_iter().map(|t| (t, t.label())).collect()
                choice
            />
        </Show>
    }
}

/// Where in the foot, asked only when the symptoms reach it.
#[component]
fn FootPart(
    side: Side,
    level: RwSignal<Option<Level>>,
    choice: RwSignal<Option<FootArea>>,
) -> impl IntoView {
    view! {
        <Show when=move || level.get() == Some(Level::AnkleFoot)>
            <Choices
                name=format!("{}-foot", side.label().to_ascii_lowercase())
                legend=format!("{} foot: where (optional)", side.label())
                options=FootArea::ALL.into_iter().map(|f| (f, f.label())).collect()
                choice
            />
        </Show>
    }
}

/// Weakness, with No as a clear answer of its own.
#[component]
fn Weaker(weaker: RwSignal<Option<bool>>) -> impl IntoView {
    view! {
        <Choices
            name="weaker".to_string()
            legend="Does either leg feel weaker than before?".to_string()
            options=vec![(false, "No"), (true, "Yes, weaker")]
            choice=weaker
        />
    }
}

/// The patient's own word for what the set did, optional.
#[component]
fn MdtWord(choice: RwSignal<Option<MdtAfter>>) -> impl IntoView {
    let options = MdtAfter::ALL
        .into_iter()
        .map(|m| view! { <option value=m.key()>{m.label()}</option> })
        .collect_view();
    view! {
        <div class="mdt">
            <label for="mdt">"In your own words, what did this set do? (optional)"</label>
            <select
                id="mdt"
                on:change=move |ev| choice.set(MdtAfter::from_key(&event_target_value(&ev)))
            >
                <option value="">"Not sure"</option>
                {options}
            </select>
        </div>
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
