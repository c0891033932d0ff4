//! A labelled text input that keeps exactly what was typed and shows its error beside it.

use super::use_i18n;
use crate::i18n::Texts;
use leptos::prelude::*;

/// A text field bound to raw text.
#[component]
pub fn TextField(
    /// The input's id (also names its error element).
    id: &'static str,
    /// Picks the label from the current language's strings.
    label: fn(&Texts) -> &'static str,
    /// The raw text, exactly as typed.
    value: RwSignal<String>,
    /// The message to show beside the field, in the user's language.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The virtual keyboard to offer on phones.
    #[prop(default = "decimal")]
    inputmode: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id>{move || label(i18n.t())}</label>
            <input
                id=id
                type="text"
                inputmode=inputmode
                autocomplete="off"
                spellcheck="false"
                bind:value=value
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
            />
            <p class="field-error" id=error_id data-testid=format!("{id}-error")>
                {move || error.get()}
            </p>
        </div>
    }
}
