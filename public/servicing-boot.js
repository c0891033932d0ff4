// Starts the follow-up page's bundle (servicing.html): a file of its own, like boot.js, for
// a strict CSP with no inline script.
const { default: init, start } = await import('./accord-servicing.js');
await init({ module_or_path: new URL('./accord-servicing_bg.wasm', import.meta.url) });
start();
