// The agent workspace on the RELEASE build, used as an agent on a call would use it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { axeViolations } from './support/axe.mjs';
import { useServerAndBrowser, useWorkspaceSessions } from './support/suite.mjs';

const suite = useServerAndBrowser();
const openWorkspace = useWorkspaceSessions(suite);

/** The account and four offers the tests share (dates fixed so figures are known). */
async function typeReferenceAccount(ws) {
  await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', 'contract-date': '2024-06-01', 'contract-rate': '9.99', reference: 'ACC-2025-0001' });
  await ws.setOffer('A', { 'pay-by': '2025-01-31' });
  await ws.setOffer('B', { length: '3', interest: 'Frozen (停息)' });
  await ws.setOffer('C', { count: '36', rate: '9.99', 'first-due': '2025-02-15' });
  await ws.setOffer('D', { count: '7', rate: '0', 'first-due': '2025-02-15' });
}

describe('agent workspace', () => {
  test('four offers side by side show the core’s known answers', async () => {
    const { ws, page, problems } = await openWorkspace();
    await typeReferenceAccount(ws);
    // PRODUCT.md: 100,000 at 9.99 % over 36 months → 3,226.25, total interest 16,145.00.
    assert.equal(await ws.figure('C', 'payment'), 'CN¥3,226.25');
    assert.equal(await ws.figure('C', 'count'), '36');
    assert.equal(await ws.figure('C', 'total-paid'), 'CN¥116,145.00');
    assert.equal(await ws.figure('C', 'nominal'), '9.99%');
    assert.equal(await ws.figure('C', 'effective'), '10.46%');
    assert.equal(await ws.figure('C', 'first-date'), '2025-02-15');
    assert.equal(await ws.figure('C', 'last-date'), '2028-01-15');
    // Hand computation: 100,000 / 7 = 14,285.71 (the last absorbs the residue).
    assert.equal(await ws.figure('D', 'payment'), 'CN¥14,285.71');
    // Settlement and a frozen extension pay the claim once.
    assert.equal(await ws.figure('A', 'payment'), 'CN¥100,000.00');
    assert.equal(await ws.figure('B', 'payment'), 'CN¥100,000.00');
    assert.equal(await ws.figure('B', 'last-date'), '2025-04-15');
    assert.equal(await ws.figure('A', 'recovery'), '100.00%');
    // Best for the creditor is the highest present value at the 8 % discount rate: C's
    // 36 × 3,226.25 is worth ≈ 102,955 today, more than 100,000 settled in 16 days (≈ 99,645).
    // Most affordable is the smallest monthly payment: also C.
    assert.ok(await ws.badge('C', 'best-for-creditor').isVisible());
    assert.ok(await ws.badge('C', 'most-affordable').isVisible());
    assert.ok(await ws.badge('A', 'best-for-creditor').isHidden());
    assert.ok(await ws.badge('D', 'most-affordable').isHidden());
    // The same figures side by side, one row each, the best cell of each row marked.
    const table = page.getByTestId('compare-table');
    const cells = (label) => table.locator('tr', { has: page.locator(`th[scope=row]:text-is("${label}")`) }).locator('td');
    assert.deepEqual(await table.locator('thead th').allTextContents(), ['Offer A', 'Offer B', 'Offer C', 'Offer D']);
    assert.deepEqual(await cells('Payment').allTextContents(), ['CN¥100,000.00', 'CN¥100,000.00', 'CN¥3,226.25 (best)', 'CN¥14,285.71']);
    assert.deepEqual(await cells('Present value').evaluateAll((tds) => tds.map((td) => td.className)), ['', '', 'best', '']);
    assert.equal(await cells('Payment').nth(2).getAttribute('class'), 'best');
    assert.equal(await cells('Share of disposable income').first().textContent(), '—');
    assert.deepEqual(problems, []);
  });

  test('waivers and a partial payment change what is owed and recovered', async () => {
    const { ws } = await openWorkspace();
    await typeReferenceAccount(ws);
    await ws.setAccount({ interest: '800', penalty: '300', fees: '150' });
    // Hand computation: 101,250 owed; waive all fees and penalty (450); pay 1,000 now.
    await ws.setOffer('A', { 'waiver-fees': '100', 'waiver-penalty': '100', partial: '1,000' });
    assert.equal(await ws.figure('A', 'payment'), 'CN¥99,800.00');
    assert.equal(await ws.figure('A', 'total-waived'), 'CN¥450.00');
    assert.equal(await ws.figure('A', 'total-paid'), 'CN¥100,800.00');
    assert.equal(await ws.figure('A', 'recovery'), '99.56%');
    // A waiver larger than its bucket is refused beside the field.
    await ws.setOffer('A', { 'waiver-fees-unit': 'Amount', 'waiver-fees': '151' });
    assert.match(await ws.offerError('A', 'waiver-fees'), /More than is owed in this part \(150(\.00)?\)/);
  });

  test('bad input shows its message, keeps the text and the last figures (stale)', async () => {
    const { ws, problems } = await openWorkspace();
    await typeReferenceAccount(ws);
    await ws.account('principal').fill('1e5');
    assert.equal(await ws.page.getByTestId('account-principal-error').textContent(), 'Enter a number such as 1,234.56.');
    assert.equal(await ws.account('principal').inputValue(), '1e5');
    assert.equal(await ws.figure('C', 'payment'), 'CN¥3,226.25');
    assert.match(await ws.offer('C').locator('.results').getAttribute('class'), /stale/);
    await ws.setOffer('C', { count: '61x' });
    assert.equal(await ws.offerError('C', 'count'), 'Enter a whole number from 1 to 1200.');
    await ws.account('principal').fill('100000');
    await ws.setOffer('C', { count: '61' });
    // Art. 70: at most 60 months.
    assert.match(await ws.offer('C').getByTestId('findings').textContent(), /Blocked.*Term 61 months; at most 60/);
    assert.ok(await ws.badge('C', 'most-affordable').isHidden(), 'a blocked offer is never marked');
    assert.deepEqual(problems, []);
  });

  test('a target payment solves the count, and one that never covers interest says so', async () => {
    const { ws } = await openWorkspace();
    await typeReferenceAccount(ws);
    await (await ws.offerField('C', 'use-target')).check();
    await ws.setOffer('C', { target: '3,226.25' });
    assert.equal(await ws.figure('C', 'count'), '36');
    await ws.setOffer('C', { target: '800' });
    assert.equal(
      await ws.offerError('C', 'target'),
      'This payment never covers the interest; it must be more than 832.50.',
    );
  });

  test('the draft survives a reload; a new account asks first', async () => {
    const { ws, page } = await openWorkspace();
    await typeReferenceAccount(ws);
    await page.reload();
    await page.getByTestId('account').waitFor();
    assert.equal(await ws.account('principal').inputValue(), '100,000');
    assert.equal(await (await ws.offerField('C', 'count')).inputValue(), '36');
    assert.equal(await ws.figure('C', 'payment'), 'CN¥3,226.25');
    page.once('dialog', (dialog) => dialog.dismiss());
    await page.getByTestId('new-account').click();
    assert.equal(await ws.account('principal').inputValue(), '100,000');
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByTestId('new-account').click();
    assert.equal(await ws.account('principal').inputValue(), '');
  });

  test('the selected offer’s schedule: full table, CSV download, accessible chart', async () => {
    const { ws, page } = await openWorkspace();
    await typeReferenceAccount(ws);
    await ws.offer('C').getByRole('button', { name: 'Show schedule' }).click();
    // The table renders the rows in view; aria-rowcount tells the full size (header + 36).
    assert.equal(await page.getByTestId('schedule-table').getAttribute('aria-rowcount'), '37');
    const first = await ws.scheduleRows().first().locator('td').allTextContents();
    assert.deepEqual(first, ['1', '2025-02-15', 'CN¥3,226.25', 'CN¥2,393.75', 'CN¥832.50', 'CN¥0.00', 'CN¥97,606.25']);
    // Scrolled to the end, the last installment clears the balance exactly.
    await page.locator('.table-scroll').evaluate((box) => { box.scrollTop = box.scrollHeight; });
    const last = ws.scheduleRows().last();
    await last.locator('td').first().filter({ hasText: /^36$/ }).waitFor();
    assert.deepEqual(await last.locator('td').allTextContents(), ['36', '2028-01-15', 'CN¥3,226.25', 'CN¥3,199.61', 'CN¥26.64', 'CN¥0.00', 'CN¥0.00']);
    assert.equal(await last.getAttribute('aria-rowindex'), '37');
    const chart = page.getByTestId('balance-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.equal(await chart.locator('title').textContent(), 'Balance over time');
    assert.match(await chart.locator('desc').textContent(), /CN¥100,000.00 on 2025-01-15 to zero on 2028-01-15, over 36/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    assert.equal(download.suggestedFilename(), 'accord-offer-C.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines.length, 37);
    assert.equal(lines[1], '1,2025-02-15,3226.25,2393.75,832.50,0.00,97606.25');
    assert.equal(lines[36], '36,2028-01-15,3226.25,3199.61,26.64,0.00,0.00');
  });

  test('an off-screen schedule catches up with what was typed before it comes into view', async () => {
    const { ws, page } = await openWorkspace();
    // Chromium renders what lies within about 1.5 viewports of the screen: a low window keeps
    // the schedule, ~2,100 px down the page, out of that reach from the top.
    await page.setViewportSize({ width: 1280, height: 500 });
    await typeReferenceAccount(ws);
    await ws.offer('C').getByRole('button', { name: 'Show schedule' }).click();
    const schedule = page.getByTestId('schedule');
    await schedule.evaluate((section) => {
      window.scheduleSkipped = [];
      section.addEventListener('contentvisibilityautostatechange', (event) => window.scheduleSkipped.push(event.skipped));
    });
    // At the top of the page the schedule is far below: its rendering is skipped, and it is
    // updated after the frame that shows the figures.
    await ws.account('principal').focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => window.scheduleSkipped.at(-1) === true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('120000');
    // An annuity scales with the amount: 1.2 × 3,226.25 (the 100,000 example above).
    assert.equal(await ws.figure('C', 'payment'), 'CN¥3,871.50');
    await schedule.scrollIntoViewIfNeeded();
    const first = await ws.scheduleRows().first().locator('td').allTextContents();
    assert.deepEqual(first.slice(0, 3), ['1', '2025-02-15', 'CN¥3,871.50']);
    assert.match(await page.getByTestId('balance-chart').locator('desc').textContent(), /CN¥120,000.00 on 2025-01-15/);
  });

  test('affordability: disposable income, the largest payment, and fit to budget', async () => {
    const { ws, page } = await openWorkspace();
    await typeReferenceAccount(ws);
    await page.locator('#budget-income').fill('8,000');
    await page.locator('#budget-expenses').fill('3,000');
    await page.locator('#budget-other').fill('1,000');
    // Hand computation: 8,000 − 3,000 − 1,000 = 4,000; half of it (default policy) 2,000.
    assert.equal(await page.getByTestId('disposable-income').textContent(), 'CN¥4,000.00');
    assert.equal(await page.getByTestId('max-installment').textContent(), 'CN¥2,000.00');
    assert.match(await ws.offer('C').getByTestId('findings').textContent(), /Warning.*Payment takes/);
    // No offer fits 2,000 a month, so none is marked: a plan the debtor cannot carry is
    // nobody's best (issue 19).
    for (const offer of ['A', 'B', 'C', 'D']) {
      assert.ok(await ws.badge(offer, 'best-for-creditor').isHidden(), offer);
      assert.ok(await ws.badge(offer, 'most-affordable').isHidden(), offer);
    }
    await ws.action('D', 'fit').click();
    const count = Number(await (await ws.offerField('D', 'count')).inputValue());
    assert.ok(count >= 50 && count <= 60, `fitted count ${count}`);
    const payment = Number((await ws.figure('D', 'payment')).replace(/[^0-9.]/g, ''));
    assert.ok(payment <= 2000, `payment ${payment}`);
    // Fitted, D is the one the budget carries: both marks are its.
    assert.ok(await ws.badge('D', 'best-for-creditor').isVisible());
    assert.ok(await ws.badge('D', 'most-affordable').isVisible());

    // Keeping C's 36 months, no waiver fits 2,000: the principal alone needs 3,226.25 and the
    // default policy waives no principal.
    await ws.action('C', 'fit-waiver').click();
    assert.match(await ws.offer('C').getByTestId('fit-message').textContent(), /No waiver within policy/);
    // With 5,000 of penalty interest (3,387.56 a month) and 3,300 allowed (half of
    // 10,600 − 4,000), part of the penalty is waived, as an amount, and the payment fits.
    await ws.setAccount({ penalty: '5,000' });
    await page.locator('#budget-income').fill('10,600');
    await ws.action('C', 'fit-waiver').click();
    assert.ok(await ws.offer('C').getByTestId('fit-message').isHidden());
    const unit = await (await ws.offerField('C', 'waiver-penalty-unit')).evaluate((e) => e.selectedOptions[0].textContent);
    assert.equal(unit, 'Amount');
    const waived = Number((await (await ws.offerField('C', 'waiver-penalty')).inputValue()));
    assert.ok(waived > 2000 && waived < 5000, `penalty waived ${waived}`);
    const fitted = Number((await ws.figure('C', 'payment')).replace(/[^0-9.]/g, ''));
    assert.ok(fitted <= 3300 && fitted > 3290, `payment ${fitted}`);
    assert.equal(await ws.figure('C', 'count'), '36');
  });

  test('policy limits are editable and a policy file is validated', async () => {
    const { ws, page } = await openWorkspace();
    await typeReferenceAccount(ws);
    await page.getByLabel('Longest term (months)').fill('24');
    assert.match(await ws.offer('C').getByTestId('findings').textContent(), /Blocked.*Term 36 months; at most 24/);
    await page.getByTestId('policy-file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from('{"name": 5}') });
    // The file is read asynchronously: wait for the message.
    await page.getByTestId('policy-file-error').filter({ hasText: /This file is not a valid policy/ }).waitFor();
    const policy = { name: 'Strict bank', rules: [{ rule: 'maxInstallments', limit: '12', severity: 'needsApproval' }], lpr: [] };
    await page.getByTestId('policy-file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(policy)) });
    await page.getByText('Policy: Strict bank').waitFor();
    assert.match(await ws.offer('C').getByTestId('findings').textContent(), /Needs approval.*36 installments; at most 12/);
    assert.equal(await page.getByTestId('policy-file-error').textContent(), '');
  });

  test('duplicate, propose, change and agree: the log keeps the story', async () => {
    const { ws, page } = await openWorkspace();
    await typeReferenceAccount(ws);
    await ws.action('C', 'duplicate').click();
    assert.equal(await (await ws.offerField('E', 'count')).inputValue(), '36');
    await ws.action('E', 'propose').click();
    await ws.setOffer('E', { count: '24' });
    await ws.action('E', 'agree').click();
    assert.ok(await ws.badge('E', 'agreed').isVisible());
    const log = await page.getByTestId('negotiation-log').locator('li').allTextContents();
    assert.equal(log.length, 3);
    assert.match(log[0], /Offer E · agreed/);
    assert.match(log[1], /Offer E · changed/);
    assert.match(log[2], /Offer E · proposed/);
  });

  test('Agree needs a reference and a computed plan; it selects the offer and puts Print and Download beside it', async () => {
    const { ws, page, problems } = await openWorkspace();
    // A fresh account is not a page of red: no message before anything is typed or left.
    assert.equal(await page.getByTestId('account-principal-error').textContent(), '');
    await ws.account('principal').focus();
    await ws.account('principal').blur();
    assert.equal(await page.getByTestId('account-principal-error').textContent(), 'Enter a value.');
    // No computed plan: Agree is off and says why.
    assert.ok(await ws.action('C', 'agree').isDisabled());
    assert.match(await ws.offer('C').getByTestId('agree-reason').textContent(), /the plan must compute/);
    await typeReferenceAccount(ws);
    await ws.account('reference').fill('');
    assert.ok(await ws.action('C', 'agree').isDisabled());
    assert.equal(await ws.offer('C').getByTestId('agree-reason').textContent(), 'Enter the account reference before agreeing.');
    await ws.account('reference').fill('ACC-2025-0001');
    assert.ok(await ws.offer('C').getByTestId('agree-reason').isHidden(), await ws.offer('C').getByTestId('agree-reason').textContent());
    assert.ok(await ws.offer('C').getByTestId('agreed-actions').isHidden());
    // Offer A is selected; agreeing C selects C: its schedule, announced as agreed.
    await ws.action('C', 'agree').click();
    assert.equal(await ws.offer('C').getByRole('button', { name: 'Show schedule' }).getAttribute('aria-pressed'), 'true');
    assert.match(await page.getByTestId('announcer').textContent(), /^Offer C agreed: CN¥3,226\.25, 36 installments$/);
    assert.ok(await ws.offer('C').getByTestId('agreed-actions').isVisible());
    const [download] = await Promise.all([page.waitForEvent('download'), ws.offer('C').getByTestId('agreed-download').click()]);
    assert.equal(download.suggestedFilename(), 'accord-agreement-ACC-2025-0001.json');
    await ws.offer('C').getByTestId('agreed-print').click();
    await page.getByTestId('agreement-print').waitFor();
    assert.deepEqual(problems, []);
  });

  test('the agreed offer prints as an agreement with the six Art. 70 items', async () => {
    const { ws, page } = await openWorkspace();
    await typeReferenceAccount(ws);
    await ws.setAccount({ fees: '150' });
    await ws.setOffer('C', { 'waiver-fees': '100' });
    assert.equal(await ws.figure('C', 'reinstated'), '—', 'an unconditional waiver never comes back');
    await (await ws.offerField('C', 'waiver-fees-conditional')).check();
    // Issue 14: what a broken plan brings back, per bucket, in the offer card.
    assert.equal(await ws.figure('C', 'reinstated'), 'Fees: CN¥150.00');
    assert.ok(await page.getByTestId('open-print').isDisabled(), 'nothing agreed yet');
    await ws.action('C', 'mark-shown').click();
    await ws.action('C', 'agree').click();
    const log = await page.getByTestId('negotiation-log').locator('li').allTextContents();
    assert.match(log[1], /Offer C · shown/);
    await page.getByTestId('open-print').click();
    const doc = page.getByTestId('agreement-print');
    await doc.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'agreement-title');
    const headings = await doc.locator('h3').allTextContents();
    assert.deepEqual(headings.map((h) => h.slice(0, 2)), ['1.', '2.', '3.', '4.', '5.', '6.']);
    // Item 1: 100,150 owed, the 150 of fees waived on condition, 100,000 due.
    const total = await doc.getByTestId('agreement-balance').locator('tr.total td').allTextContents();
    assert.deepEqual(total, ['CN¥100,150.00', 'CN¥150.00', 'CN¥150.00', 'CN¥100,000.00']);
    // Item 2: every one of the 36 payments (PRODUCT.md: 3,226.25 a month, last on 2028-01-15).
    const rows = doc.getByTestId('agreement-schedule').locator('tbody tr');
    assert.equal(await rows.count(), 36);
    assert.match(await rows.nth(35).textContent(), /^362028-01-15CN¥3,226\.25/);
    assert.match(await doc.getByTestId('agreement-terms').textContent(), /Monthly · Equal installment · CNY/);
    // Item 3: the plan's interest (PRODUCT.md: 16,145.00) and annualized cost.
    assert.match(await doc.getByTestId('agreement-charges').textContent(), /CN¥16,145\.00 in total.*9\.99 %/);
    // Item 5: the conditional waiver is named as what a missed payment reinstates.
    assert.match(await doc.getByTestId('agreement-obligations').textContent(), /conditional waivers \(Fees: CN¥150\.00\)/);
    assert.match(await doc.textContent(), /will not apply to any bank for a credit card/);
    // Item 6: when it was agreed, in the reader's local time with its zone, not raw UTC.
    const other = await doc.getByTestId('agreement-other').textContent();
    assert.doesNotMatch(other, /\d{4}-\d\d-\d\dT\d\d:\d\d/);
    assert.match(other, /Agreed at.*\d{1,2}:\d\d:\d\d [AP]M (UTC|GMT)/);
    // Printing shows the agreement alone.
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.getByTestId('account').isHidden());
    assert.ok(await doc.isVisible());
    assert.ok(await page.getByTestId('print-now').isHidden());
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(await axeViolations(page), []);
    await page.getByTestId('close-print').click();
    assert.equal(await doc.count(), 0);
  });

  test('zh-CN: the words follow the profile (违约金 on a card, 罚息 on a loan) and a plain agreement elsewhere', async () => {
    const { ws, page } = await openWorkspace({ locale: 'zh-CN' });
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', penalty: '600', 'contract-date': '2024-06-01', reference: 'ACC-CN-1' });
    await ws.setOffer('C', { count: '36', rate: '9.99', 'first-due': '2025-02-15' });
    const label = (field) => page.locator(`label[for="account-${field}"]`).textContent();
    assert.equal(await label('penalty'), '违约金');
    await ws.offer('C').getByRole('button', { name: '查看还款计划' }).click();
    const head = page.getByTestId('schedule-table').locator('thead');
    await head.filter({ hasText: '违约金及费用' }).waitFor();
    assert.match(await head.textContent(), /剩余应还/);
    assert.doesNotMatch(await head.textContent(), /剩余本金/);
    // 600 of 违约金 bears no interest: 50.00 of it in each of the 12 rows of a 12-month plan.
    await ws.setOffer('C', { count: '12' });
    assert.match(await ws.scheduleRows().first().textContent(), /¥50\.00/);

    await page.getByTestId('account-profile').selectOption('cn-private-lending');
    assert.equal(await label('penalty'), '罚息');
    await head.filter({ hasText: /费用剩余应还/ }).waitFor();
    assert.doesNotMatch(await head.textContent(), /违约金/);

    await page.getByTestId('account-profile').selectOption('generic');
    await ws.action('C', 'agree').click();
    await page.getByTestId('open-print').click();
    const doc = page.getByTestId('agreement-print');
    await doc.waitFor();
    const headings = await doc.locator('h3').allTextContents();
    assert.deepEqual(headings.map((h) => h.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、']);
    assert.doesNotMatch(await doc.textContent(), /持卡人|申领信用卡|第七十条/);
    assert.match(await doc.textContent(), /债务人（签字及日期）/);
  });

  test('keyboard only: reach a field, type, and act with Enter', async () => {
    const { ws, page } = await openWorkspace();
    await typeReferenceAccount(ws);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    let reached = false;
    for (let i = 0; i < 20 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'account-principal');
    }
    assert.ok(reached, 'Tab reaches the principal field');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('50000');
    assert.equal(await ws.figure('D', 'payment'), 'CN¥7,142.86');
    await ws.offer('D').getByRole('button', { name: 'Show schedule' }).focus();
    await page.keyboard.press('Enter');
    // The schedule is off screen: it follows after the next frame.
    await ws.scheduleRows().nth(6).waitFor();
    assert.equal(await ws.scheduleRows().count(), 7);
    assert.match(await page.getByTestId('announcer').textContent(), /Offer D: CN¥7,142.86, 7 installments/);
  });

  for (const locale of ['en-US', 'zh-CN']) {
    test(`axe-core finds no violations with four computed offers (${locale})`, async () => {
      const { ws, page } = await openWorkspace({ locale });
      await ws.setAccount({ principal: '100000', interest: '5000' });
      await ws.offer('C').locator('.results dl').waitFor();
      assert.deepEqual(await axeViolations(page), []);
    });
  }
});
