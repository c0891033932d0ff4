//! The debtor's browser app (pay.html, built by Trunk for wasm32): only the debtor's view of
//! a signed offer, none of the agent's workspace, so a phone on a slow network downloads a
//! fraction of it. `start()` runs it as the page (public/pay-boot.js calls it);
//! `mount(element, config)` runs it inside a same-origin host's element (debtor mode).

#[cfg(target_arch = "wasm32")]
mod entry {
    use accord::ui::boot::{mount_for_host, start_page, MountHandle};
    use accord::ui::debtor_page::DEBTOR;
    use wasm_bindgen::prelude::*;

    // SAFETY: the page's wasm runs on one thread (no shared memory, no workers).
    #[global_allocator]
    static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
        unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

    /// Runs the debtor's view as the whole page (or as the page inside a host's iframe).
    #[wasm_bindgen]
    pub fn start() {
        start_page(&DEBTOR);
    }

    /// Mounts the debtor's view into `element` with `config` (README, "Embedding").
    ///
    /// # Errors
    /// A JS `Error` saying what is wrong with `config`; nothing is mounted.
    #[wasm_bindgen]
    pub fn mount(element: JsValue, config: JsValue) -> Result<MountHandle, JsError> {
        mount_for_host(&DEBTOR, element, config)
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!("accord-pay is the debtor's browser app: build it with `trunk build`; the native tool is `accord`");
        std::process::exit(2);
    }
}
