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
    assert.ok(await app.field('分期金额').isVisible());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the language switch changes the visible text and survives a reload', async () => {
    const { context, page, app, problems } = await openApp({ locale: 'en-US' });
    assert.ok(await app.field('Amount financed').isVisible());
    await app.chooseLanguage('zh-CN');
    assert.equal(await app.productName(), 'Accord 协商还款');
    assert.ok(await app.field('分期金额').isVisible());
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

describe('quick plan', () => {
  test('shows the reference annuity computed by the core in the browser', async () => {
    // PRODUCT.md: 100,000 at 9.99 % over 36 months → 3,226.25 a month, 16,145.00 interest.
    const { context, app, problems } = await openApp({ locale: 'en-US' });
    assert.equal(await app.figure('payment'), 'CN¥3,226.25');
    assert.equal(await app.figure('total-interest'), 'CN¥16,145.00');
    assert.equal(await app.figure('total-paid'), 'CN¥116,145.00');
    assert.equal(await app.figure('nominal-rate'), '9.99%');
    assert.equal(await app.figure('effective-rate'), '10.46%');
    await app.chooseLanguage('zh-CN');
    assert.equal(await app.figure('payment'), '¥3,226.25');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('updates as the user types', async () => {
    // PRODUCT.md: 10,000 at 0 % over 7 months → 1,428.57 a month.
    const { context, app } = await openApp({ locale: 'en-US' });
    await app.typeInto('Amount financed', '10000');
    await app.typeInto('Annual rate (%)', '0');
    await app.typeInto('Number of monthly installments', '7');
    assert.equal(await app.figure('payment'), 'CN¥1,428.57');
    assert.equal(await app.figure('total-interest'), 'CN¥0.00');
    await context.close();
  });

  test('bad input shows a message beside the field, keeps the text and the last figures', async () => {
    const { context, page, app, problems } = await openApp({ locale: 'en-US' });
    await app.paste('Amount financed', '1e5');
    assert.equal(await app.errorOf('amount'), 'Enter a number such as 1,234.56.');
    assert.equal(await app.field('Amount financed').inputValue(), '1e5');
    assert.equal(await app.field('Amount financed').getAttribute('aria-invalid'), 'true');
    // The last valid figures stay, marked stale.
    assert.equal(await app.figure('payment'), 'CN¥3,226.25');
    assert.match(await page.getByTestId('results').getAttribute('class'), /stale/);
    await app.chooseLanguage('zh-CN');
    assert.equal(await app.errorOf('amount'), '请输入数字，例如 1,234.56。');
    assert.equal(await app.field('分期金额').inputValue(), '1e5');
    await app.paste('分期金额', '100,000.001');
    assert.equal(await app.errorOf('amount'), '小数点后最多 2 位。');
    await app.paste('分期期数（月）', '0');
    assert.equal(await app.errorOf('count'), '请输入 1 到 1200 之间的整数。');
    // Typing key by key: the last valid figures are those of the last valid prefix ("1").
    await app.chooseLanguage('en');
    await app.paste('Number of monthly installments', '36');
    await app.typeInto('Amount financed', '1e5');
    assert.equal(await app.figure('payment'), 'CN¥0.03');
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
