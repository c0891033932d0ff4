//! The browser app's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    accord::browser::install_panic_hook();
    leptos::mount::mount_to_body(accord::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("accord-web is the browser app: build it with `trunk build`; the native tool is `accord`");
    std::process::exit(2);
}
