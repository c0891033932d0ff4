// Issue 20 on the RELEASE build: personal data in the browser lives no longer than its need.
// A whole call (account, offers, budget, agree, export, new account) leaves no claim figure,
// income or reference in localStorage or sessionStorage; a reload mid-call keeps the draft;
// a new browser context starts empty; the debtor's page leaves only the language. A
// deployment that allows a longer-lived draft (deployment.json draftHours) keeps it past the
// tab with an expiry, and an expired copy is gone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { creditorKeys, signOffer } from './support/cli.mjs';
import { WorkspacePage } from './pages/workspace-page.mjs';

// Figures that appear nowhere else: a stored copy of any of them is personal data left behind.
const PERSONAL = ['87654', '87,654', 'ACC-PII-7', '23456', '23,456', '7890', '7,890'];

let dir; let keyFile; let server; let keeping; let browser;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accord-pii-'));
  let settings;
  ({ keyFile, settings } = await creditorKeys(dir));
  server = await startServer({ files: { '/deployment.json': settings() } });
  keeping = await startServer({ files: { '/deployment.json': settings({ draftHours: 8 }) } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([server?.close(), keeping?.close()]);
});

/** Everything the page's origin stores: { local: {key: value}, session: {key: value} }. */
const stored = (page) =>
  page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));

/** The personal figures found in `storage`, with where. */
function leftBehind(storage) {
  const found = [];
  for (const [area, entries] of Object.entries(storage)) {
    for (const [key, value] of Object.entries(entries)) {
      for (const figure of PERSONAL) if (value.includes(figure)) found.push(`${area} ${key}: ${figure}`);
    }
  }
  return found;
}

async function typeCall(ws, page) {
  await ws.setAccount({ 'as-of': '2025-01-15', principal: '87,654', reference: 'ACC-PII-7', 'contract-date': '2024-06-01' });
  await page.locator('#budget-income').fill('23,456');
  await page.locator('#budget-expenses').fill('7,890');
  await ws.setOffer('C', { count: '24', rate: '9.99', 'first-due': '2025-02-15' });
}

describe('personal data', () => {
  test('a whole call leaves nothing personal behind; a reload mid-call keeps the draft', async () => {
    const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
    const ws = new WorkspacePage(page, server.url);
    await ws.open();
    await typeCall(ws, page);
    // Mid-call: the draft is kept for the tab only.
    let storage = await stored(page);
    assert.ok(leftBehind({ session: storage.session }).length > 0, 'the draft is kept for the tab');
    assert.deepEqual(leftBehind({ local: storage.local }), []);
    await page.reload();
    await page.getByTestId('account').waitFor();
    assert.equal(await ws.account('principal').inputValue(), '87,654');
    assert.equal(await page.locator('#budget-income').inputValue(), '23,456');

    // Agree and export: the stored copy goes at once, though the screen still shows the call.
    await ws.action('C', 'agree').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-agreement').click()]);
    await download.saveAs(join(dir, 'agreement.json'));
    await page.waitForFunction(() => sessionStorage.getItem('accord.draft') === null);
    assert.deepEqual(leftBehind(await stored(page)), []);
    assert.equal(await ws.account('principal').inputValue(), '87,654');
    // A new account after an agreement does not ask (no dialog handler: one would fail).
    await page.getByTestId('new-account').click();
    assert.equal(await ws.account('principal').inputValue(), '');
    storage = await stored(page);
    assert.deepEqual(leftBehind(storage), []);
    assert.deepEqual(Object.keys(storage.local), ['accord.locale']);
    assert.deepEqual(problems, []);
    await context.close();

    // A new browser context starts empty.
    const fresh = await openPage(browser, { locale: 'en-US' });
    const freshWs = new WorkspacePage(fresh.page, server.url);
    await freshWs.open();
    assert.equal(await freshWs.account('principal').inputValue(), '');
    await fresh.context.close();
  });

  test('"Clear this account from this computer" is one click, and the closed tab takes the draft with it', async () => {
    const { context, page } = await openPage(browser, { locale: 'en-US' });
    const ws = new WorkspacePage(page, server.url);
    await ws.open();
    await typeCall(ws, page);
    await page.getByTestId('clear-account').click();
    assert.equal(await ws.account('principal').inputValue(), '');
    assert.deepEqual(leftBehind(await stored(page)), []);
    // Typed again, then the tab is closed: another tab of the same browser starts empty.
    await typeCall(ws, page);
    await page.close();
    const other = await context.newPage();
    const otherWs = new WorkspacePage(other, server.url);
    await otherWs.open();
    assert.equal(await otherWs.account('principal').inputValue(), '');
    assert.deepEqual(leftBehind(await stored(other)), []);
    await context.close();
  });

  test('a deployment that keeps drafts for 8 hours keeps them past the tab, with an expiry', async () => {
    const { context, page } = await openPage(browser, { locale: 'en-US' });
    const ws = new WorkspacePage(page, keeping.url);
    await ws.open();
    await typeCall(ws, page);
    await page.waitForFunction(() => localStorage.getItem('accord.draft.kept')?.includes('ACC-PII-7'));
    const kept = JSON.parse((await stored(page)).local['accord.draft.kept']);
    const hours = (kept.expiresAtMs - Date.now()) / 3_600_000;
    assert.ok(hours > 7.9 && hours <= 8, `expires in ${hours} h`);
    await page.close();
    // Another tab resumes the call.
    const resumed = await context.newPage();
    const resumedWs = new WorkspacePage(resumed, keeping.url);
    await resumedWs.open();
    assert.equal(await resumedWs.account('principal').inputValue(), '87,654');
    // Once expired, the copy is void and removed. (Expired from a page of the same origin
    // that runs no app: an open workspace would write the copy again on its next change.)
    await resumed.close();
    const clock = await context.newPage();
    await clock.goto(`${keeping.url}favicon.svg`);
    await clock.evaluate(() => {
      const copy = JSON.parse(localStorage.getItem('accord.draft.kept'));
      localStorage.setItem('accord.draft.kept', JSON.stringify({ ...copy, expiresAtMs: Date.now() - 1 }));
    });
    await clock.close();
    const late = await context.newPage();
    const lateWs = new WorkspacePage(late, keeping.url);
    await lateWs.open();
    assert.equal(await lateWs.account('principal').inputValue(), '');
    assert.deepEqual(leftBehind(await stored(late)), []);
    await context.close();
  });

  test("the debtor's page leaves only the language behind", async () => {
    const link = await signOffer(dir, keyFile, {
      version: 1, offerId: 'OFR-PII-1', keyId: 'creditor-2025', expiresAt: '2099-12-31T00:00:00Z',
      accountReference: 'ACC-PII-7',
      claim: { currency: 'CNY', asOf: '2025-01-15', principal: '87654.00', contractRatePercent: '18' },
      choices: [{ type: 'settlement', waivers: [], payByFrom: '2025-01-15', payByTo: '2025-01-31' }],
    }, server.url);
    const { context, page, problems } = await openPage(browser, { locale: 'zh-CN', viewport: { width: 360, height: 740 } });
    await page.goto(link);
    await page.getByTestId('ss-cost').waitFor();
    await page.getByTestId('ss-consent').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ss-confirm').click()]);
    await download.saveAs(join(dir, 'debtor-agreement.json'));
    const storage = await stored(page);
    assert.deepEqual(storage, { local: { 'accord.locale': 'zh-CN' }, session: {} });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
