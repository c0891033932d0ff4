// Starts the debtor's page (pay.html): the debtor's bundle alone, without the agent's
// workspace. A file of its own for the same reason as boot.js (a strict CSP, no inline script).
import init, { start } from './accord-pay.js';

await init({ module_or_path: new URL('./accord-pay_bg.wasm', import.meta.url) });
start();
