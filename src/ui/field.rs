//! Labelled inputs bound to the workspace draft: they keep exactly what was typed and show
//! their error beside them.

use super::use_i18n;
use super::workspace::use_workspace;
use crate::domain::negotiation::Draft;
use crate::i18n::Texts;
use leptos::prelude::*;
use std::sync::Arc;

/// Picks a string from the current language's texts.
pub type TextPick = fn(&Texts) -> &'static str;

type WriteFn<T> = dyn Fn(&mut Draft, T) + Send + Sync;

/// Reads a value, tracking what it reads: a per-offer or account memo rather than the whole
/// draft, so a keystroke elsewhere does not even re-run it (boxed, so that each call site
/// does not copy the component).
#[derive(Clone)]
pub struct Getter<T>(Arc<dyn Fn() -> T + Send + Sync>);

/// Writes a value into the draft.
#[derive(Clone)]
pub struct Setter<T>(Arc<WriteFn<T>>);

impl<T, F: Fn() -> T + Send + Sync + 'static> From<F> for Getter<T> {
    fn from(f: F) -> Self {
        Getter(Arc::new(f))
    }
}

impl<T, F: Fn(&mut Draft, T) + Send + Sync + 'static> From<F> for Setter<T> {
    fn from(f: F) -> Self {
        Setter(Arc::new(f))
    }
}

/// A text input bound to one text field of the workspace draft; keeps exactly what was typed.
#[component]
pub fn DraftField(
    /// The input's id (unique on the page).
    #[prop(into)]
    id: String,
    /// Picks the label from the current language's strings.
    label: fn(&Texts) -> &'static str,
    /// Reads the field from the draft.
    #[prop(into)]
    get: Getter<String>,
    /// Writes the field into the draft.
    #[prop(into)]
    set: Setter<String>,
    /// The message to show beside the field.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The virtual keyboard to offer on phones.
    #[prop(default = "decimal")]
    inputmode: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = use_workspace().draft;
    let error_id = format!("{id}-error");
    // A memo between the draft and the DOM: a keystroke elsewhere re-reads this field but
    // writes nothing to its input.
    let value = Memo::new(move |_| (get.0)());
    let invalid = Memo::new(move |_| error.with(Option::is_some));
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <input
                id=id.clone()
                type="text"
                inputmode=inputmode
                autocomplete="off"
                spellcheck="false"
                prop:value=value
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    draft.update(|d| (set.0)(d, text));
                }
                aria-invalid=move || if invalid.get() { "true" } else { "false" }
                aria-describedby=error_id.clone()
            />
            <p class="field-error" id=error_id.clone() data-testid=error_id>
                {move || error.get()}
            </p>
        </div>
    }
}

/// A select bound to one choice of the workspace draft. The choice is matched by position,
/// so only this thin generic wrapper is copied per choice type.
#[component]
pub fn DraftSelect<T>(
    /// The select's id.
    #[prop(into)]
    id: String,
    /// Picks the label.
    label: fn(&Texts) -> &'static str,
    /// The choices: value and its label picker.
    options: Vec<(T, TextPick)>,
    /// Reads the choice from the draft.
    #[prop(into)]
    get: Getter<T>,
    /// Writes the choice into the draft.
    #[prop(into)]
    set: Setter<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let values: Arc<[T]> = options.iter().map(|(v, _)| *v).collect();
    let labels: Vec<fn(&Texts) -> &'static str> = options.iter().map(|(_, l)| *l).collect();
    let read = values.clone();
    let position: Getter<usize> = (move || {
        let current = (get.0)();
        read.iter().position(|v| *v == current).unwrap_or(0)
    })
    .into();
    let choose: Setter<usize> = (move |d: &mut Draft, i: usize| {
        if let Some(v) = values.get(i) {
            (set.0)(d, *v);
        }
    })
    .into();
    select_field(id, label, labels, position, choose)
}

fn select_field(
    id: String,
    label: fn(&Texts) -> &'static str,
    labels: Vec<fn(&Texts) -> &'static str>,
    get: Getter<usize>,
    set: Setter<usize>,
) -> AnyView {
    let i18n = use_i18n();
    let draft = use_workspace().draft;
    let current = Memo::new(move |_| (get.0)());
    let on_change = move |ev| {
        if let Ok(index) = event_target_value(&ev).parse::<usize>() {
            draft.update(|d| (set.0)(d, index));
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <select id=id on:change=on_change>
                {labels
                    .into_iter()
                    .enumerate()
                    .map(|(index, text)| {
                        view! {
                            <option value=index.to_string() selected=move || current.get() == index>
                                {move || text(i18n.t())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// A checkbox bound to one flag of the workspace draft.
#[component]
pub fn DraftCheck(
    /// The checkbox's id.
    #[prop(into)]
    id: String,
    /// Picks the label.
    label: fn(&Texts) -> &'static str,
    /// Reads the flag.
    #[prop(into)]
    get: Getter<bool>,
    /// Writes the flag.
    #[prop(into)]
    set: Setter<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = use_workspace().draft;
    let checked = Memo::new(move |_| (get.0)());
    view! {
        <div class="check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=checked
                on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    draft.update(|d| (set.0)(d, checked));
                }
            />
            <label for=id>{move || label(i18n.t())}</label>
        </div>
    }
}
