// The release build served under a subpath (/accord/), as a portal or a shared host serves
// it: every asset loads by a relative path, so both pages are styled, compute, and log no
// error (a missing file is a console error).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { creditorKeys, signOffer } from './support/cli.mjs';
import { WorkspacePage } from './pages/workspace-page.mjs';

let dir; let keyFile; let server; let browser;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accord-subpath-'));
  let settings;
  ({ keyFile, settings } = await creditorKeys(dir));
  server = await startServer({ base: '/accord/', files: { '/deployment.json': settings() } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The app's background colour: style.css loaded (its default --accord-color-bg). */
const background = (page) => page.locator('.app').evaluate((e) => getComputedStyle(e).backgroundColor);

describe('served under /accord/', () => {
  test('the workspace is styled and computes', async () => {
    assert.ok(server.url.endsWith('/accord/'));
    const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
    const ws = new WorkspacePage(page, server.url);
    await ws.open();
    assert.equal(await background(page), 'rgb(246, 247, 249)');
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000' });
    // PRODUCT.md: 100,000 over 36 months at 0 % → 2,777.78 (offer D of a new workspace).
    assert.equal(await ws.figure('D', 'payment'), 'CN¥2,777.78');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the debtor's page is styled and shows the signed offer", async () => {
    const link = await signOffer(dir, keyFile, {
      version: 1, offerId: 'OFR-SUB-1', keyId: 'creditor-2025', expiresAt: '2099-12-31T00:00:00Z',
      accountReference: 'ACC-SUB',
      claim: { currency: 'CNY', asOf: '2025-01-15', principal: '10000.00', contractRatePercent: '18' },
      choices: [{ type: 'settlement', waivers: [], payByFrom: '2025-01-15', payByTo: '2025-01-31' }],
    }, server.url);
    assert.ok(link.startsWith(`${server.url}pay.html#offer=`), link);
    const { context, page, problems } = await openPage(browser, { locale: 'en-US', viewport: { width: 360, height: 740 } });
    await page.goto(link);
    await page.getByTestId('ss-cost').filter({ hasText: 'CN¥10,000.00' }).waitFor();
    assert.equal(await background(page), 'rgb(246, 247, 249)');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
