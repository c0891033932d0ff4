import init, { start } from './accord-pay.js';
await init({ module_or_path: new URL('./accord-pay_bg.wasm', import.meta.url) });
start();
