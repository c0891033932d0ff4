// The agent's first screen on a call (issue 19), on the RELEASE build at 1280×720: the
// account, the debtor's budget and the four offers side by side, whole and without scrolling,
// with the figures the native core computes for the same terms; the seldom-changed terms
// folded, and unfolded by a message.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accord } from './support/cli.mjs';
import { useServerAndBrowser, useWorkspaceSessions } from './support/suite.mjs';

const suite = useServerAndBrowser();
const openWorkspace = useWorkspaceSessions(suite);

const claim = {
  currency: 'CNY', asOf: '2025-01-15', principal: '100000', interest: '0', penalty: '0', fees: '0',
  contractRatePercent: '9.99', contractDate: '2024-06-01',
};
const budget = { monthlyIncome: '12000', essentialExpenses: '3000' };
/** The four offers typed below, as plan requests for `accord plan`. */
const plans = {
  A: { type: 'settlement', payBy: '2025-01-31' },
  B: { type: 'extension', length: '3', unit: 'months', interest: 'frozen' },
  C: { type: 'installments', count: '36', frequency: 'monthly', method: 'equalInstallment', annualRatePercent: '9.99', firstDueDate: '2025-02-15' },
  D: { type: 'installments', count: '7', frequency: 'monthly', method: 'equalInstallment', annualRatePercent: '0', firstDueDate: '2025-02-15' },
};

/** What the core computes for offer `name`: { payment, paid, presentValue, last } as decimal text. */
async function corePlan(name) {
  const request = { claim, budget, plan: plans[name], discountRatePercent: '8' };
  const out = await accord(['plan', '-'], JSON.stringify(request));
  assert.equal(out.code, 0, out.stderr);
  const plan = JSON.parse(out.stdout);
  return { payment: plan.schedule[0].payment, paid: plan.totals.paid, presentValue: plan.recovery.presentValue, last: plan.schedule.at(-1).date };
}

/** A shown amount ("CN¥3,226.25 (best)", "¥3,226.25") as decimal text ("3226.25"). */
const decimal = (text) => text.replace(/\(.*\)/, '').replace(/[^0-9.-]/g, '');

/** Types the account, the budget and the four offers, in either language (selects by position). */
async function typeFourOffers(ws) {
  await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', 'contract-date': '2024-06-01', 'contract-rate': '9.99', reference: 'ACC-2025-0001' });
  await ws.page.locator('#budget-income').fill('12,000');
  await ws.page.locator('#budget-expenses').fill('3,000');
  await ws.setOffer('A', { 'pay-by': '2025-01-31' });
  await ws.setOffer('B', { length: '3' });
  await (await ws.offerField('B', 'interest')).selectOption({ index: 2 });
  await ws.setOffer('C', { count: '36', rate: '9.99', 'first-due': '2025-02-15' });
  await ws.setOffer('D', { count: '7', rate: '0', 'first-due': '2025-02-15' });
}

describe('the first screen at 1280×720', () => {
  for (const locale of ['en-US', 'zh-CN']) {
    test(`account, budget and the comparison of four offers are whole in the first viewport, as the core computes them (${locale})`, async () => {
      const { ws, page } = await openWorkspace({ locale, viewport: { width: 1280, height: 720 } });
      await typeFourOffers(ws);
      await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
      const table = page.getByTestId('compare-table');
      await table.locator('tr[data-figure="payment"] td').nth(3).filter({ hasText: '14,285.71' }).waitFor();
      const boxes = await page.evaluate(() => Object.fromEntries(
        ['[data-testid=account]', '[data-testid=affordability]', '[data-testid=comparison]'].map((s) => {
          const r = document.querySelector(s).getBoundingClientRect();
          return [s, { top: r.top, bottom: r.bottom, right: r.right, innerHeight, innerWidth }];
        })));
      for (const [part, box] of Object.entries(boxes)) {
        assert.ok(box.top >= 0 && box.bottom <= box.innerHeight && box.right <= box.innerWidth, `${part} is not whole in the first viewport: ${JSON.stringify(box)}`);
      }
      // The budget's own figure and each offer's share of it, in view.
      assert.equal(decimal(await page.getByTestId('disposable-income').textContent()), '9000.00');
      const cells = async (figure) => (await table.locator(`tr[data-figure="${figure}"] td`).allTextContents()).map(decimal);
      const [payments, paid, presentValues] = [await cells('payment'), await cells('total-paid'), await cells('present-value')];
      const lastDates = await table.locator('tr[data-figure="last-date"] td').allTextContents();
      for (const [i, name] of ['A', 'B', 'C', 'D'].entries()) {
        const core = await corePlan(name);
        assert.deepEqual(
          { payment: payments[i], paid: paid[i], presentValue: presentValues[i], last: lastDates[i] },
          core,
          `offer ${name}`,
        );
      }
      // Hand-checked anchors (PRODUCT.md: 100,000 at 9.99 % over 36 months → 3,226.25).
      assert.deepEqual(payments.slice(2), ['3226.25', '14285.71']);
      // D's 14,285.71 is 158.73 % of the 9,000 left each month.
      assert.equal(decimal((await table.locator('tr[data-figure="share-of-income"] td').allTextContents())[3]), '158.73');
    });
  }

  test('waivers and seldom-changed terms are folded, counted when set, and unfolded by their message', async () => {
    const { ws, page } = await openWorkspace({ viewport: { width: 1280, height: 720 } });
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', interest: '5,000', reference: 'ACC-1' });
    const more = ws.offer('C').getByTestId('more-terms');
    assert.equal(await more.evaluate((d) => d.open), false);
    assert.ok(await page.locator('#offer-2-waiver-interest').isHidden());
    assert.ok(await page.locator('#offer-2-day-count').isHidden());
    assert.ok(await page.locator('#offer-2-count').isVisible(), 'the count stays in sight');
    // Set inside, folded again: the summary says so.
    await ws.setOffer('C', { 'waiver-interest': '100', 'day-count': 'Actual/365' });
    await more.locator('summary').click();
    assert.equal(await more.evaluate((d) => d.open), false);
    assert.match(await more.locator('summary').textContent(), /Waivers and more terms · 2 set/);
    // A message inside opens it: no message is ever behind a fold. (Typed while folded, as a
    // script or an undo could: the input event on the hidden field.)
    await page.evaluate(() => {
      const input = document.querySelector('#offer-2-waiver-interest');
      input.value = '1O0';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.locator('#offer-2-waiver-interest-error').filter({ hasText: /./ }).waitFor();
    assert.equal(await more.evaluate((d) => d.open), true);
  });
});
