// Starts the app as the page. A file of its own rather than Trunk's inline loader, so the app
// runs under a Content-Security-Policy of script-src 'self' 'wasm-unsafe-eval' (no inline
// script). A portal that mounts Accord into its own element imports accord-web.js itself and
// calls mount(element, config) instead (README, "Embedding").
import init, * as bindings from './accord-web.js';

await init({ module_or_path: new URL('./accord-web_bg.wasm', import.meta.url) });
window.wasmBindings = bindings;
bindings.start();
