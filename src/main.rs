//! The browser app's entry points (built by Trunk for wasm32): `start()` runs the app as the
//! page (public/boot.js calls it); `mount(element, config)` runs it inside a same-origin
//! host's element and returns a handle with `unmount()`. Loading the module starts nothing.

#[cfg(target_arch = "wasm32")]
mod entry {
    use wasm_bindgen::prelude::*;

    /// Runs the app as the whole page (or as the page inside a host's iframe).
    #[wasm_bindgen]
    pub fn start() {
        accord::ui::boot::start_page();
    }

    /// An app mounted into a host's element.
    #[wasm_bindgen]
    pub struct MountHandle {
        element: web_sys::HtmlElement,
        mounted: Option<Box<dyn std::any::Any>>,
    }

    #[wasm_bindgen]
    impl MountHandle {
        /// Removes the app from the host's element; calling it again does nothing.
        pub fn unmount(&mut self) {
            if self.mounted.take().is_some() {
                accord::browser::remove_mount_point(&self.element);
            }
        }
    }

    /// Mounts the app into `element` with `config` (the members of an `init` message:
    /// mode, locale, theme, account, policy, offer; README "Embedding"). The host receives
    /// the app's messages through `config.onMessage(message)`.
    ///
    /// # Errors
    /// A JS `Error` saying what is wrong with `config`; nothing is mounted.
    #[wasm_bindgen]
    pub fn mount(element: JsValue, config: JsValue) -> Result<MountHandle, JsError> {
        accord::browser::install_panic_hook();
        let element: web_sys::HtmlElement =
            element.dyn_into().map_err(|_| JsError::new("Accord: mount needs an HTML element to mount into"))?;
        let on_message =
            js_sys::Reflect::get(&config, &"onMessage".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        // JSON leaves the function out; the rest is read like an init message.
        let text = if config.is_undefined() || config.is_null() {
            String::new()
        } else {
            js_sys::JSON::stringify(&config).ok().and_then(|t| t.as_string()).unwrap_or_default()
        };
        let mounted = accord::ui::boot::mount_into(element.clone(), &text, on_message)
            .map_err(|e| JsError::new(&format!("Accord: {e}")))?;
        Ok(MountHandle { element, mounted: Some(mounted) })
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!("accord-web is the browser app: build it with `trunk build`; the native tool is `accord`");
        std::process::exit(2);
    }
}
