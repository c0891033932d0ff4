//! The agent's browser app (index.html, built by Trunk for wasm32): `start()` runs the
//! workspace as the page (public/boot.js calls it); `mount(element, config)` runs it inside a
//! same-origin host's element and returns a handle with `unmount()`. Loading the module starts
//! nothing. The debtor's page is the other bundle, `src/bin/accord-pay.rs`.

#[cfg(target_arch = "wasm32")]
mod entry {
    use accord::ui::app::WORKSPACE;
    use accord::ui::boot::{mount_for_host, start_page, MountHandle};
    use wasm_bindgen::prelude::*;

    /// Runs the workspace as the whole page (or as the page inside a host's iframe).
    #[wasm_bindgen]
    pub fn start() {
        start_page(&WORKSPACE);
    }

    /// Mounts the workspace into `element` with `config` (README, "Embedding").
    ///
    /// # Errors
    /// A JS `Error` saying what is wrong with `config`; nothing is mounted.
    #[wasm_bindgen]
    pub fn mount(element: JsValue, config: JsValue) -> Result<MountHandle, JsError> {
        mount_for_host(&WORKSPACE, element, config)
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!("accord-web is the browser app: build it with `trunk build`; the native tool is `accord`");
        std::process::exit(2);
    }
}
