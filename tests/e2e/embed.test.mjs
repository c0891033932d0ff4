// Embedding on the RELEASE build: a portal page (public/embed-example.html) on one 127.0.0.1
// port frames the app served from another, under strict CSPs on both. The app's deployment.json
// allows the portal's exact origin only; a third port plays a foreign site.
//
// init → the account's figures appear (themed, in the host's language) → plan-changed and
// resize follow the content → agreed carries an agreement that `accord verify` accepts; the
// debtor's view in the frame posts its agreement too; a foreign origin's init and a malformed
// message are ignored with a console warning; a same-origin portal mounts and unmounts the
// app with mount(element, config).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { accord, creditorKeys, signOffer } from './support/cli.mjs';
import { WorkspacePage } from './pages/workspace-page.mjs';

const origin = (url) => new URL(url).origin;
const csp = (frameSources, ancestors) =>
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  `object-src 'none'; base-uri 'none'; form-action 'none'; frame-src ${frameSources}; frame-ancestors ${ancestors}`;

let dir; let keysFile; let keyFile; let portal; let foreign; let app; let browser;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accord-embed-'));
  let settings;
  ({ keyFile, keysFile, settings } = await creditorKeys(dir));
  // The app first: its policy and deployment.json name the portal's origin once that has a port.
  const appHeaders = {};
  const appFiles = {};
  app = await startServer({ headers: appHeaders, files: appFiles });
  portal = await startServer({ headers: { 'content-security-policy': csp(origin(app.url), "'none'") } });
  foreign = await startServer({ headers: { 'content-security-policy': csp(origin(app.url), "'none'") } });
  appHeaders['content-security-policy'] = csp("'self'", `'self' ${origin(portal.url)} ${origin(foreign.url)}`);
  appFiles['/deployment.json'] = settings({ allowedOrigins: [origin(portal.url), 'https://*.example.com'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([portal?.close(), foreign?.close(), app?.close()]);
});

/** The portal page of `server`, framing the app; resolves to its page, frame and logs. */
async function openPortal(server) {
  const opened = await openPage(browser);
  const warnings = [];
  opened.page.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  await opened.page.goto(`${server.url}embed-example.html?app=${encodeURIComponent(app.url)}`);
  const frame = opened.page.frameLocator('#accord-frame');
  return { ...opened, warnings, frame, ws: new WorkspacePage(frame, app.url) };
}

const messages = (page, type) => page.evaluate((t) => window.accordMessages.filter((m) => !t || m.type === t), type);
/** Waits for a message of `type` (and, if given, about `offer`) from the app. */
const waitForMessage = (page, type, offer) =>
  page.waitForFunction(
    ([t, o]) => window.accordMessages.some((m) => m.type === t && (o === undefined || m.offer === o)),
    [type, offer],
  );

/**
 * A debtor's link to offer `offerId` for account `accountReference`, signed by the creditor.
 * Hand computation: 10,300 owed, the 300 penalty waived → 10,000; at least 10 % (1,000) now,
 * 9,000 at 0 % over 3–24 months (12 by default: 750.00 a month).
 */
const signDebtorOffer = (offerId, accountReference) => signOffer(dir, keyFile, {
  version: 1, offerId, keyId: 'creditor-2025', expiresAt: '2099-12-31T00:00:00Z', accountReference,
  claim: { currency: 'CNY', asOf: '2025-01-15', principal: '10000.00', penalty: '300.00', contractRatePercent: '18' },
  choices: [{ type: 'installments', waivers: [{ bucket: 'penalty', percent: '100', conditional: true }],
    minCount: 3, maxCount: 24, frequency: 'monthly', method: 'equalInstallment', annualRatePercent: '0',
    minDownPaymentPercent: '10', firstDueFrom: '2025-02-01', firstDueTo: '2025-02-28' }],
}, app.url);

/** Waits until the input `locator` holds `value` (the app sets values as properties). */
async function waitForValue(locator, value) {
  const deadline = Date.now() + 5000;
  while ((await locator.inputValue()) !== value) {
    assert.ok(Date.now() < deadline, `waiting for the value ${value}, still ${await locator.inputValue()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function verifyAgreement(agreement, args = []) {
  const file = join(dir, `agreement-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(agreement, null, 2));
  return accord(['verify', file, ...args]);
}

describe('iframe embedding', () => {
  test('init brings the account in; plan-changed, resize and agreed come out; accord verify accepts', async () => {
    const { context, page, frame, ws, problems } = await openPortal(portal);
    // The portal answers `ready` with its sample init: 100,000 CNY, reference PORTAL-0001.
    await waitForMessage(page, 'ready');
    assert.deepEqual((await messages(page, 'ready'))[0], { accord: 1, type: 'ready', mode: 'agent' });
    await waitForValue(ws.account('principal'), '100000');
    assert.equal(await ws.account('reference').inputValue(), 'PORTAL-0001');
    // PRODUCT.md: 100,000 over 36 months at 0 % → 2,777.78 (offer D of a new workspace).
    assert.equal(await ws.figure('D', 'payment'), 'CN¥2,777.78');
    // The theme and the language came with init.
    const accent = await frame.locator('html').evaluate((e) => getComputedStyle(e).getPropertyValue('--accord-color-accent').trim());
    assert.equal(accent, '#6b2fa0');
    assert.equal(await frame.locator('html').getAttribute('lang'), 'en');

    // Compact in a portal: one offer's editor open at a time (the first), the others folded
    // to their figures under the comparison table, each with its Edit button.
    assert.equal(await frame.locator('[data-testid=agree]:visible').count(), 1);
    assert.ok(await ws.action('A', 'agree').isVisible());
    assert.equal(await frame.locator('[data-testid=edit-offer]:visible').count(), 3);
    // 2,585 px measured once the panels below are laid out (4,535 px with four open editors);
    // the height moves as the frame lays out its lower panels, so wait for it to settle under 3,000.
    await page.waitForFunction(() => document.getElementById('accord-frame').getBoundingClientRect().height < 3000);

    // plan-changed follows the selected offer; editing D folds A.
    await ws.action('D', 'edit-offer').click();
    await ws.action('D', 'agree').waitFor();
    assert.ok(await ws.action('A', 'agree').isHidden());
    assert.ok(await ws.action('A', 'edit-offer').isVisible());
    await waitForMessage(page, 'plan-changed', 'D');
    const changed = (await messages(page, 'plan-changed')).filter((m) => m.offer === 'D').at(-1);
    assert.equal(changed.plan.payment, '2777.78');
    assert.equal(changed.plan.count, 36);
    assert.equal(changed.plan.currency, 'CNY');

    // The iframe's height follows the content: a fifth offer adds a row of cards.
    const frameHeight = () => page.locator('#accord-frame').evaluate((e) => e.getBoundingClientRect().height);
    const contentHeight = () => frame.locator('body').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
    await page.waitForFunction(() => window.accordMessages.some((m) => m.type === 'resize'));
    await page.waitForFunction(() => Math.abs(document.getElementById('accord-frame').getBoundingClientRect().height - window.accordMessages.filter((m) => m.type === 'resize').at(-1).height) < 1);
    const before = await frameHeight();
    assert.equal(before, await contentHeight());
    await ws.action('D', 'duplicate').click();
    await ws.offer('E').waitFor();
    await page.waitForFunction((h) => document.getElementById('accord-frame').getBoundingClientRect().height > h + 100, before);
    assert.equal(await frameHeight(), await contentHeight());

    // Agree to D (the copy E is open now): the portal receives the agreement; the record
    // system verifies it.
    await ws.action('D', 'edit-offer').click();
    await ws.action('D', 'agree').click();
    await waitForMessage(page, 'agreed');
    const { agreement } = (await messages(page, 'agreed'))[0];
    assert.equal(agreement.channel, 'embedded');
    assert.equal(agreement.offer, 'D');
    assert.equal(agreement.references.accountReference, 'PORTAL-0001');
    assert.equal(agreement.outcome.schedule[0].payment, '2777.78');
    const verified = await verifyAgreement(agreement);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a debtor in the frame chooses within the signed offer; the portal receives the agreement', async () => {
    const link = await signDebtorOffer('OFR-EMBED-1', 'ACC-EMBED');
    const { context, page, frame, problems } = await openPortal(portal);
    await waitForMessage(page, 'ready');
    await page.locator('#init-message').fill(JSON.stringify({ accord: 1, type: 'init', mode: 'debtor', locale: 'zh-CN', offer: link }));
    await page.locator('#send-init').click();
    // The frame goes on to the debtor's page, which says ready in debtor mode and gets the init.
    await frame.getByTestId('self-service').waitFor();
    assert.deepEqual((await messages(page, 'ready')).map((m) => m.mode), ['agent', 'debtor']);
    assert.equal(await frame.locator('html').getAttribute('lang'), 'zh-CN');
    // Hand computation: 10,300 − 300 waived = 10,000; 10 % now, 9,000 over 12 months = 750.00.
    await waitForMessage(page, 'plan-changed', 'OFR-EMBED-1');
    await frame.getByTestId('ss-consent').check();
    await frame.getByTestId('ss-confirm').click();
    await waitForMessage(page, 'agreed');
    const { agreement } = (await messages(page, 'agreed'))[0];
    assert.equal(agreement.channel, 'selfService');
    assert.equal(agreement.references.accountReference, 'ACC-EMBED');
    assert.ok(agreement.signedOffer);
    const verified = await verifyAgreement(agreement, ['--keys', keysFile]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a foreign origin and a malformed message are ignored with a console warning', async () => {
    // The foreign site frames the app (its frame-ancestors allow it) but deployment.json does not:
    // no ready, and its init changes nothing.
    const outsider = await openPortal(foreign);
    await outsider.frame.getByTestId('account').waitFor();
    await outsider.page.locator('#init-message').fill(JSON.stringify({
      accord: 1, type: 'init', account: { claim: { currency: 'CNY', asOf: '2025-01-15', principal: '55555' }, reference: 'STOLEN' },
    }));
    await outsider.page.locator('#send-init').click();
    await outsider.page.waitForFunction(() => true);
    await new Promise((done) => setTimeout(done, 500));
    assert.notEqual(await outsider.ws.account('principal').inputValue(), '55555');
    assert.notEqual(await outsider.ws.account('reference').inputValue(), 'STOLEN');
    assert.deepEqual(await messages(outsider.page), []);
    assert.ok(outsider.warnings.some((w) => w.includes(`framed by ${origin(foreign.url)}`)), outsider.warnings.join('\n'));
    assert.ok(outsider.warnings.some((w) => w.includes(`ignored a message from ${origin(foreign.url)}`)), outsider.warnings.join('\n'));
    assert.ok(outsider.warnings.some((w) => w.includes('https://*.example.com')), 'a wildcard in deployment.json is refused');
    // The portal's page says why, not only the console.
    await outsider.page.locator('#frame-status').filter({ hasText: `Add this page's origin (${origin(foreign.url)})` }).waitFor();
    assert.deepEqual(outsider.problems, []);
    await outsider.context.close();

    // The allowed portal sends a malformed init (unknown theme property): refused whole.
    const { context, page, frame, ws, warnings, problems } = await openPortal(portal);
    await waitForValue(ws.account('principal'), '100000');
    await page.locator('#init-message').fill(JSON.stringify({
      accord: 1, type: 'init', theme: { background: 'red' }, account: { claim: { currency: 'CNY', asOf: '2025-01-15', principal: '1' } },
    }));
    await page.locator('#send-init').click();
    await page.evaluate((target) => {
      const frameWindow = document.getElementById('accord-frame').contentWindow;
      frameWindow.postMessage('not json', target);
      frameWindow.postMessage({ accord: 2, type: 'init' }, target);
      frameWindow.postMessage({ accord: 1, type: 'reset' }, target);
    }, origin(app.url));
    await page.waitForFunction(() => true);
    await new Promise((done) => setTimeout(done, 500));
    assert.equal(await ws.account('principal').inputValue(), '100000');
    for (const reason of ['unknown theme property "background"', 'not a JSON object', 'protocol version 2', 'unknown message type "reset"']) {
      assert.ok(warnings.some((w) => w.includes(reason)), `${reason}\n${warnings.join('\n')}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('direct mount', () => {
  test('a same-origin portal mounts the app into its element, receives agreed, and unmounts it', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${app.url}embed-example.html`);
    const bodyMargin = () => page.locator('body').evaluate((e) => getComputedStyle(e).margin);
    const hostMargin = await bodyMargin();
    await page.locator('#mount').click();
    await page.locator('#accord-mount [data-testid=account]').waitFor();
    assert.equal(await page.locator('#mount-status').textContent(), 'Mounted.');
    const ws = new WorkspacePage(page.locator('#accord-mount'), app.url);
    assert.equal(await ws.account('principal').inputValue(), '100000');
    assert.equal(await ws.figure('D', 'payment'), 'CN¥2,777.78');
    // Accord's styles stay inside its element: the portal's own page keeps its margins.
    assert.equal(await bodyMargin(), hostMargin);
    const accent = await page.locator('#accord-mount').evaluate((e) => getComputedStyle(e).getPropertyValue('--accord-color-accent').trim());
    assert.equal(accent, '#6b2fa0');
    await ws.action('D', 'edit-offer').click();
    await ws.action('D', 'agree').click();
    await page.waitForFunction(() => window.accordMessages.some((m) => m.type === 'agreed' && m.agreement.offer === 'D'));
    const { agreement } = (await messages(page, 'agreed')).find((m) => m.agreement.offer === 'D');
    assert.equal(agreement.channel, 'embedded');
    const verified = await verifyAgreement(agreement);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    // Open agreement goes to the follow-up page in a new tab: the portal's page stays.
    const [followUp] = await Promise.all([
      context.waitForEvent('page'),
      page.locator('#accord-mount [data-testid=agreement-file]').setInputFiles({ name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(agreement)) }),
    ]);
    // (This portal's profile is unsigned and the deployment has keys: the page lists that.)
    await followUp.getByTestId('sv-verdict').waitFor();
    assert.match(await followUp.getByTestId('sv-facts').textContent(), new RegExp(agreement.agreementId));
    assert.match(followUp.url(), /servicing\.html$/);
    assert.match(page.url(), /embed-example\.html$/);
    await followUp.close();
    await page.locator('#unmount').click();
    assert.equal(await page.locator('#accord-mount').evaluate((e) => e.childElementCount), 0);
    assert.equal(await page.locator('#mount-status').textContent(), 'Unmounted.');
    // A config the app cannot use is refused by mount() with its reason; nothing is mounted.
    const refused = await page.evaluate(async (base) => {
      const accord = await import(new URL('accord-web.js', base).href);
      try {
        accord.mount(document.getElementById('accord-mount'), { mode: 'debtor' });
        return 'mounted';
      } catch (error) {
        return error.message;
      }
    }, app.url);
    assert.match(refused, /debtor mode needs the signed offer/);
    // Each bundle shows its own mode: the debtor's view is mounted from accord-pay.js.
    const otherBundle = await page.evaluate(async (base) => {
      const accord = await import(new URL('accord-web.js', base).href);
      try {
        accord.mount(document.getElementById('accord-mount'), { mode: 'debtor', offer: 'P.S' });
        return 'mounted';
      } catch (error) {
        return error.message;
      }
    }, app.url);
    assert.match(otherBundle, /mount it from accord-pay\.js/);
    const noElement = await page.evaluate(async (base) => {
      const accord = await import(new URL('accord-web.js', base).href);
      try {
        accord.mount(null, {});
        return 'mounted';
      } catch (error) {
        return error.message;
      }
    }, app.url);
    assert.match(noElement, /mount needs an HTML element/);
    assert.equal(await page.locator('#accord-mount').evaluate((e) => e.childElementCount), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a same-origin portal mounts the debtor's view from accord-pay.js: ready, plan-changed, agreed, unmount", async () => {
    const link = await signDebtorOffer('OFR-MOUNT-1', 'ACC-MOUNT');
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${app.url}embed-example.html`);
    await page.locator('#init-message').fill(JSON.stringify({ accord: 1, type: 'init', mode: 'debtor', locale: 'en', offer: link }));
    await page.locator('#mount').click();
    const view = page.locator('#accord-mount');
    // Hand computation: 10,300 − 300 waived = 10,000; 1,000 now, 9,000 over 12 months = 750.00.
    await view.getByTestId('ss-cost').filter({ hasText: /CN¥750\.00 12 times/ }).waitFor();
    assert.equal(await page.locator('#mount-status').textContent(), 'Mounted.');
    assert.deepEqual((await messages(page, 'ready')).map((m) => m.mode), ['debtor']);
    await waitForMessage(page, 'plan-changed', 'OFR-MOUNT-1');
    // The debtor's choice reaches the host as it changes: 6 payments of 1,500.00.
    await view.getByTestId('ss-count').fill('6');
    await page.waitForFunction(() => window.accordMessages.some((m) => m.type === 'plan-changed' && m.plan.payment === '1500.00'));
    await view.getByTestId('ss-consent').check();
    const [download] = await Promise.all([page.waitForEvent('download'), view.getByTestId('ss-confirm').click()]);
    await download.cancel();
    await waitForMessage(page, 'agreed');
    const { agreement } = (await messages(page, 'agreed'))[0];
    assert.equal(agreement.channel, 'selfService');
    assert.equal(agreement.outcome.schedule.length, 6);
    const verified = await verifyAgreement(agreement, ['--keys', keysFile]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    await page.locator('#unmount').click();
    assert.equal(await view.evaluate((e) => e.childElementCount), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
