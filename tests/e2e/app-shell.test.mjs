// The app shell on the RELEASE build: it mounts, speaks both languages, holds its layout
// from 360 px to 1440 px, passes axe-core, and never logs an error.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './support/browser.mjs';
import { axeViolations } from './support/axe.mjs';
import { useServerAndBrowser } from './support/suite.mjs';
import { AppPage } from './pages/app-page.mjs';

const suite = useServerAndBrowser();

async function openApp(options) {
  const { context, page, problems } = await openPage(suite.browser, options);
  const app = new AppPage(page, suite.server.url);
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
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
});
