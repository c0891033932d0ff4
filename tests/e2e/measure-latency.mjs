// Measures keystroke-to-painted-update latency in the agent workspace with four offers of
// 360 installments (all four valid, so all four recompute), offer C's schedule shown, on the
// release build in headless Chromium at 1440×900. Not a test: it only prints.
//
// Two cases:
//   typing: the agent types amounts into the focused principal field, digit by digit, as on
//           a call (150000, 200000, 85000, 1200000, again and again; each amount typed over
//           the selected previous one). The browser has scrolled the field into view; the
//           offers' figures are in view beside it. Each keystroke is a real edit at the
//           caret (execCommand insertText: trusted beforeinput and input events), so every
//           figure, finding and mark follows it, small amounts and large. Target: p95 < 16 ms.
//   stress: the schedule table scrolled into view while the principal changes off screen (a
//           synthetic input event: a real keystroke would scroll the field back into view),
//           so the 21 rendered schedule rows and the chart are laid out and painted as well.
//
// Each keystroke starts inside an animation frame, and a task is queued just before it, so
// "update" runs from the input event until that frame has run every memo and render effect
// and been styled, laid out, painted and committed (the queued task runs next; work Chromium
// queues for after the frame, such as its autofill bookkeeping, is not counted). "frame" is
// the input event until the next animation frame. One round of the amounts is typed first
// and not counted (the engine's optimizing compiler warming up).
// Run with scripts/latency (builds the release app first); ACCORD_DIST=<dir> measures another
// build's dist/ (to compare builds, run them alternately: this machine's speed drifts).
import { startServer } from './support/server.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { WorkspacePage } from './pages/workspace-page.mjs';

const AMOUNTS = ['150000', '200000', '85000', '1200000'];
const KEYSTROKES = { typing: 240, stress: 120 };

const server = await startServer({ root: process.env.ACCORD_DIST || undefined });
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
  await ws.setOffer('D', { 'step-up': '1' });
  await ws.offer('C').getByRole('button', { name: 'Show schedule' }).click();
  for (const name of ['A', 'B', 'C', 'D']) {
    const count = await ws.figure(name, 'count');
    if (count !== '360') throw new Error(`offer ${name} has ${count} installments, not 360`);
  }
  if (await page.locator('.stale-note:visible').count()) throw new Error('an offer does not compute');

  const measure = (scenario) =>
    page.evaluate(
      async ({ n, scenario, amounts }) => {
        const input = document.querySelector('#account-principal');
        const payment = () => document.querySelector('[data-testid="offer-A"] [data-testid="figure-payment"]').textContent;
        const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));
        const animationFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        const keys = amounts.join('');
        const keystroke = (i) => {
          if (scenario === 'stress') {
            input.value = String(200000 + (i % 10) * 1000 + i);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            return;
          }
          // The first digit of each amount replaces the whole previous amount.
          const k = i % keys.length;
          let start = 0;
          for (const amount of amounts) {
            if (k === start) input.select();
            start += amount.length;
          }
          document.execCommand('insertText', false, keys[k]);
        };
        if (scenario === 'typing') input.focus();
        else document.querySelector('.table-scroll').scrollIntoView({ block: 'end' });
        const warmUp = keys.length;
        const update = [];
        const frame = [];
        const payments = new Set();
        for (let i = 0; i < warmUp + n; i += 1) {
          await animationFrame();
          const t0 = performance.now();
          const painted = macrotask();
          keystroke(i);
          await painted;
          const t1 = performance.now();
          payments.add(payment());
          await animationFrame();
          if (i >= warmUp) {
            update.push(t1 - t0);
            frame.push(performance.now() - t0);
          }
        }
        const measured = scenario === 'typing' ? input : document.querySelector('.table-scroll');
        const top = measured.getBoundingClientRect().top;
        return { update, frame, payments: payments.size, inView: top >= 0 && top < innerHeight, focused: document.activeElement === input };
      },
      { n: KEYSTROKES[scenario], scenario, amounts: AMOUNTS },
    );
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (p) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];
    return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
  };
  console.log('keystroke latency, 4 offers × 360 installments, release build, headless Chromium, 1440×900:');
  for (const scenario of ['typing', 'stress']) {
    const samples = await measure(scenario);
    // Guards: the figures really changed, and the page is where the case says it is.
    if (samples.payments < 2) throw new Error(`${scenario}: the payment figure did not change`);
    if (!samples.inView) throw new Error(`${scenario}: the measured part is not in view`);
    if (scenario === 'typing' && !samples.focused) throw new Error('typing: the principal field lost focus');
    const label =
      scenario === 'typing'
        ? `typing amounts into the principal, ${KEYSTROKES.typing} keystrokes (target p95 < 16 ms)`
        : `stress: schedule table in view, ${KEYSTROKES.stress} changes`;
    console.log(`  ${label}`);
    console.log(`    update (input → frame painted):  ${stats(samples.update)}`);
    console.log(`    frame  (input → next frame):     ${stats(samples.frame)}`);
  }
  if (problems.length) console.log(`  page problems: ${problems.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
