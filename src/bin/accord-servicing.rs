//! The follow-up browser app (servicing.html, built by Trunk for wasm32): an agreement's
//! payments and status, and Renegotiate, which opens the workspace. A bundle of its own, so
//! neither the workspace nor the debtor's page carries the servicing core.
//! `start()` runs it as the page (public/servicing-boot.js calls it).

#[cfg(target_arch = "wasm32")]
mod entry {
    use wasm_bindgen::prelude::*;

    /// Runs the follow-up page as the whole page.
    #[wasm_bindgen]
    pub fn start() {
        accord::ui::servicing_page::start();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!(
            "accord-servicing is the follow-up browser app: build it with `trunk build`; the native tool is `accord`"
        );
        std::process::exit(2);
    }
}
