// Measures keystroke-to-painted-update latency in the agent workspace with four offers of
// 360 installments, on the release build in headless Chromium. Prints median and p95 of:
//   update: the input event until every memo and render effect has run and the updated DOM
//           is laid out (script + style + layout): the work a keystroke costs
//   frame:  the input event until the next animation frame, which includes waiting for the
//           browser's frame clock (printed alone as the idle frame interval)
// Run with scripts/latency (builds the release app first). Not a test: it only prints.
import { startServer } from './support/server.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { WorkspacePage } from './pages/workspace-page.mjs';

const KEYSTROKES = 120;

const server = await startServer();
const browser = await launchBrowser();
try {
  const { page, problems } = await openPage(browser, { locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const ws = new WorkspacePage(page, server.url);
  await ws.open();
  await ws.setAccount({ 'as-of': '2025-01-15', principal: '200000', interest: '3000', penalty: '500', fees: '200', 'contract-rate': '6' });
  for (const [name, method] of [['A', 'Equal installment'], ['B', 'Equal principal'], ['C', 'Equal installment'], ['D', 'Step-up']]) {
    await ws.setOffer(name, { kind: 'Installments' });
    await ws.setOffer(name, { count: '360', rate: '6', 'first-due': '2025-02-15', method });
  }
  await ws.offer('C').getByRole('button', { name: 'Show schedule' }).click();
  for (const name of ['A', 'B', 'C', 'D']) {
    const count = await ws.figure(name, 'count');
    if (count !== '360') throw new Error(`offer ${name} has ${count} installments, not 360`);
  }
  const samples = await page.evaluate(async (n) => {
    const input = document.querySelector('#account-principal');
    const update = [];
    const frame = [];
    const idle = [];
    const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));
    const animationFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < 20; i += 1) {
      const t = performance.now();
      await animationFrame();
      idle.push(performance.now() - t);
    }
    for (let i = 0; i < n; i += 1) {
      await animationFrame();
      const t0 = performance.now();
      input.value = String(200000 + (i % 10) * 1000 + i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Leptos runs its render effects as microtasks: a macrotask later they are done.
      await macrotask();
      void document.body.offsetHeight; // style and layout of the updated DOM
      update.push(performance.now() - t0);
      await animationFrame();
      frame.push(performance.now() - t0);
    }
    return { update, frame, idle };
  }, KEYSTROKES);
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (p) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];
    return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
  };
  console.log(`keystroke latency, 4 offers × 360 installments, ${KEYSTROKES} keystrokes on the principal (release build, headless Chromium):`);
  console.log(`  update (input → DOM updated and laid out): ${stats(samples.update)}`);
  console.log(`  frame  (input → next animation frame):     ${stats(samples.frame)}`);
  console.log(`  idle frame interval of this browser:         ${stats(samples.idle)}`);
  if (problems.length) console.log(`  page problems: ${problems.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
