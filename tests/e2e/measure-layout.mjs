// Measures how much of the agent workspace a person must scroll and tab through, on the
// release build in headless Chromium, at 1280×720 and 1440×900 (issue 19): the page height,
// the number of focusable controls, the Tab stops from the top of the page to the account's
// principal, the debtor's income, offer C's first field and offer C's Agree, and which of the
// account, the budget and the comparison table are whole in the first viewport. Not a test: it
// only prints. Run with scripts/layout (builds the release app first).
import { startServer } from './support/server.mjs';
import { launchBrowser, openPage } from './support/browser.mjs';
import { WorkspacePage } from './pages/workspace-page.mjs';

const server = await startServer({ root: process.env.ACCORD_DIST || undefined });
const browser = await launchBrowser();
try {
  for (const [width, height] of [[1280, 720], [1440, 900]]) {
    const { page, context } = await openPage(browser, { locale: 'en-US', viewport: { width, height } });
    const ws = new WorkspacePage(page, server.url);
    await ws.open();
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', reference: 'ACC-1' });
    await page.evaluate(() => window.scrollTo(0, 0));
    const figures = await page.evaluate(() => {
      const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
        .filter((e) => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0);
      const bottom = (selector) => document.querySelector(selector)?.getBoundingClientRect().bottom ?? Infinity;
      return {
        height: document.documentElement.scrollHeight,
        focusable: focusable.length,
        inFirstViewport: {
          account: bottom('[data-testid=account]') <= innerHeight,
          budget: bottom('#budget-income') <= innerHeight,
          comparison: bottom('[data-testid=comparison]') <= innerHeight,
        },
      };
    });
    // Tab stops: Tab from the top of the page until each target has the focus.
    const targets = { principal: '#account-principal', income: '#budget-income', 'offer C': '[data-testid=offer-C] input, [data-testid=offer-C] select', 'Agree C': '[data-testid=offer-C] [data-testid=agree]' };
    const stops = {};
    // A fresh load (the draft is kept for the tab): Tab starts at the top of the document.
    await page.reload();
    await page.getByTestId('account').waitFor();
    let remaining = new Set(Object.keys(targets));
    for (let n = 1; n <= 400 && remaining.size > 0; n++) {
      await page.keyboard.press('Tab');
      for (const name of [...remaining]) {
        const hit = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, targets[name]);
        if (hit) {
          stops[name] = n;
          remaining.delete(name);
        }
      }
    }
    for (const name of remaining) stops[name] = 'not reached';
    console.log(`${width}×${height}: page ${figures.height} px tall, ${figures.focusable} focusable controls; ` +
      `Tab stops: ${Object.entries(stops).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
      `whole in the first viewport: ${Object.entries(figures.inFirstViewport).map(([k, v]) => `${k} ${v ? 'yes' : 'no'}`).join(', ')}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
