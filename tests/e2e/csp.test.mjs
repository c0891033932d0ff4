// The release build under the strict Content-Security-Policy README recommends: no inline
// script, wasm allowed by 'wasm-unsafe-eval', nothing from other origins. Any violation is a
// console error, which fails the test.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { WorkspacePage } from './pages/workspace-page.mjs';

const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

let server;
let browser;
before(async () => {
  server = await startServer({ headers: { 'content-security-policy': STRICT_CSP } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('strict CSP', () => {
  test('the workspace runs and computes with no violation', async () => {
    const { context, page, problems } = await openPage(browser);
    const violations = [];
    await page.exposeFunction('reportViolation', (v) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
    const ws = new WorkspacePage(page, server.url);
    const response = await page.goto(server.url);
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
    await page.getByTestId('account').waitFor();
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '100000' });
    await ws.setOffer('C', { count: '36', rate: '9.99', 'first-due': '2025-02-15' });
    // PRODUCT.md: 100,000 at 9.99 % over 36 months → 3,226.25.
    assert.equal(await ws.figure('C', 'payment'), 'CN¥3,226.25');
    // The virtualized schedule sets spacer heights through the CSSOM, which style-src allows.
    await ws.offer('C').getByRole('button', { name: 'Show schedule' }).click();
    assert.ok((await ws.scheduleRows().count()) > 0);
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
