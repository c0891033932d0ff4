//! Labelled inputs that take a lens — the value to show and a callback for what the user
//! does — and a typed message, not a screen's state: the workspace, the debtor's view and a
//! mounted portal use the same fields. A text field keeps exactly what was typed.
//!
//! The components are not generic: a generic component is copied for every call site's
//! closure types (forty copies once cost 14 KB of gzipped wasm). Values are `Signal`s and
//! writers `Callback`s, both type-erased.

use super::forms::TextPick;
use super::use_i18n;
use leptos::prelude::*;

/// A text input with its label and the message beside it.
#[component]
pub fn TextField(
    /// The input's id (unique on the page).
    #[prop(into)]
    id: String,
    /// The label, in the current language.
    #[prop(into)]
    label: Signal<String>,
    /// What the field holds, exactly as typed.
    #[prop(into)]
    value: Signal<String>,
    /// Receives the text after every edit.
    set: Callback<String>,
    /// The message beside the field, in the current language.
    #[prop(into, default = Signal::stored(None))]
    error: Signal<Option<String>>,
    /// The virtual keyboard to offer on phones.
    #[prop(default = "decimal")]
    inputmode: &'static str,
    /// The input's type (`text`, `date`).
    #[prop(default = "text")]
    input_type: &'static str,
    /// The earliest value, for a date.
    #[prop(optional, into)]
    min: Option<Signal<String>>,
    /// The latest value, for a date.
    #[prop(optional, into)]
    max: Option<Signal<String>>,
    /// A test id for the input, where tests address it so.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    // A memo between the value and the DOM: a keystroke elsewhere re-reads this field but
    // writes nothing to its input.
    let value = Memo::new(move |_| value.get());
    // A message waits until there is something to judge: text typed, or the field left
    // (a fresh form is not a page of red "Enter a value").
    let left = RwSignal::new(false);
    let shown = Memo::new(move |_| error.get().filter(|_| left.get() || value.with(|v| !v.is_empty())));
    let invalid = Memo::new(move |_| shown.with(Option::is_some));
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type=input_type
                inputmode=inputmode
                autocomplete="off"
                spellcheck="false"
                min=move || min.map(|m| m.get())
                max=move || max.map(|m| m.get())
                prop:value=value
                on:input=move |ev| set.run(event_target_value(&ev))
                on:blur=move |_| left.set(true)
                aria-invalid=move || if invalid.get() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                data-testid=testid
            />
            <p class="field-error" id=error_id.clone() data-testid=error_id>
                {move || shown.get()}
            </p>
        </div>
    }
}

/// A select of labelled choices, chosen by position.
#[component]
pub fn SelectField(
    /// The select's id.
    #[prop(into)]
    id: String,
    /// The label.
    label: TextPick,
    /// The choices' labels.
    options: &'static [TextPick],
    /// The position of the current choice.
    #[prop(into)]
    selected: Signal<usize>,
    /// Receives the position chosen.
    set: Callback<usize>,
    /// A message beside the select (a value from a file or a host that is not a choice).
    #[prop(into, default = Signal::stored(None))]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = Memo::new(move |_| selected.get());
    let on_change = move |ev| {
        if let Ok(index) = event_target_value(&ev).parse::<usize>() {
            set.run(index);
        }
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <select id=id on:change=on_change aria-describedby=error_id.clone()>
                {options
                    .iter()
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
            <p class="field-error" id=error_id hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
        </div>
    }
}

/// A checkbox with its label.
#[component]
pub fn CheckField(
    /// The checkbox's id.
    #[prop(into)]
    id: String,
    /// The label.
    label: TextPick,
    /// Whether it is checked.
    #[prop(into)]
    checked: Signal<bool>,
    /// Receives the new state.
    set: Callback<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let checked = Memo::new(move |_| checked.get());
    view! {
        <div class="check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=checked
                on:change=move |ev| set.run(event_target_checked(&ev))
            />
            <label for=id>{move || label(i18n.t())}</label>
        </div>
    }
}
