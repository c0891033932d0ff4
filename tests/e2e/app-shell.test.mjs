// The app shell on the RELEASE build: it mounts, speaks both languages, holds its layout
// from 360 px to 1440 px, computes in the browser, and never logs an error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startServer } from './support/server.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { AppPage } from './pages/app-page.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openApp(options) {
  const { context, page, problems } = await openPage(browser, options);
  const app = new AppPage(page, server.url);
  await app.open();
  return { context, page, problems, app };
}

describe('app shell', () => {
  test('the release build mounts and shows the product name without any error', async () => {
    const { context, app, problems } = await openApp({ locale: 'en-US' });
    assert.equal(await app.productName(), 'Accord');
    assert.equal(await app.htmlLang(), 'en');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the language defaults to the browser language (zh-CN)', async () => {
    const { context, app, problems } = await openApp({ locale: 'zh-CN' });
    assert.equal(await app.productName(), 'Accord 协商还款');
    assert.equal(await app.htmlLang(), 'zh-CN');
    assert.ok(await app.heading('账户').isVisible());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the language switch changes the visible text and survives a reload', async () => {
    const { context, page, app, problems } = await openApp({ locale: 'en-US' });
    assert.ok(await app.heading('Account').isVisible());
    await app.chooseLanguage('zh-CN');
    assert.equal(await app.productName(), 'Accord 协商还款');
    assert.ok(await app.heading('账户').isVisible());
    assert.ok(await app.heading('Account').isHidden());
    assert.equal(await app.htmlLang(), 'zh-CN');
    await page.reload();
    await page.getByTestId('product-name').waitFor();
    assert.equal(await app.productName(), 'Accord 协商还款');
    await app.chooseLanguage('en');
    assert.equal(await app.productName(), 'Accord');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('layout', () => {
  for (const width of [360, 768, 1440]) {
    test(`holds at ${width} px wide: no horizontal scrolling, every input visible`, async () => {
      const { context, page, app, problems } = await openApp({ locale: 'zh-CN', viewport: { width, height: 800 } });
      assert.equal(await app.horizontalOverflow(), 0);
      for (const input of await page.locator('input, select').all()) {
        const box = await input.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= width, `an input leaves the viewport at ${width} px`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});

describe('accessibility', () => {
  for (const locale of ['en-US', 'zh-CN']) {
    test(`axe-core finds no violations (${locale})`, async () => {
      const { context, page } = await openApp({ locale });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(summary, []);
      await context.close();
    });
  }
});
