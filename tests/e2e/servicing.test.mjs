// After the agreement (issue 16), on the RELEASE build: a golden agreement opened in the
// workspace goes to the follow-up page (its own bundle); payments typed
// there break the plan by the house rule, with the waived interest and penalty back; Renegotiate
// opens the workspace on what is owed, the old agreement linked and its log continued; the
// agreement made there passes `accord verify --previous` with its `supersedes` chain; Re-age
// makes the agreement with the missed installments moved to the end on the page itself.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations } from './support/axe.mjs';
import { openPage, saveDownload } from './support/browser.mjs';
import { accord } from './support/cli.mjs';
import { useServerAndBrowser, useWorkspaceSessions } from './support/suite.mjs';
import { WorkspacePage } from './pages/workspace-page.mjs';

const golden = new URL('../golden/agreement-relief.json', import.meta.url);
const suite = useServerAndBrowser();
const openWorkspace = useWorkspaceSessions(suite);
const shots = process.env.ACCORD_SCREENSHOTS;

describe('follow-up: payments, status and renegotiation', () => {
  test('a golden agreement: record payments, broken, renegotiate, and the new agreement verifies with its chain', async () => {
    const { ws, page, problems } = await openWorkspace();
    const goldenText = await readFile(golden, 'utf8');
    const old = JSON.parse(goldenText);
    await page.getByTestId('agreement-file').setInputFiles({ name: 'agreement.json', mimeType: 'application/json', buffer: Buffer.from(goldenText) });

    // The follow-up page, its own bundle: the agreement verified, nothing of the workspace loaded.
    await page.waitForURL(/servicing\.html$/);
    await page.getByTestId('sv-verdict').filter({ hasText: /^Verified/ }).waitFor();
    const facts = await page.getByTestId('sv-facts').textContent();
    assert.match(facts, /Agreement ID7d8f0c52-3c1e-4f4b-9a57-0d7c6e2b1a90.*Account referenceACC-2025-0001OfferC/);
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.endsWith('.wasm')));
    assert.deepEqual(wasm.map((n) => n.split('/').pop()), ['accord-servicing_bg.wasm']);

    // Installment 1 paid on time, nothing since: broken on 2025-04-15, installment 2 more than
    // 30 days late (hand computation in tests/renegotiation.rs).
    await page.getByTestId('sv-payments').fill('2025-02-15,833.33');
    await page.getByTestId('sv-as-of').fill('2025-05-01');
    const standing = page.getByTestId('sv-standing');
    await standing.filter({ hasText: 'Broken on 2025-04-15: installment 2 more than 30 days late.' }).waitFor();
    assert.equal(await standing.getAttribute('data-standing'), 'broken');
    assert.equal(await page.getByTestId('sv-reinstated').textContent(), 'Relief reinstated: Interest: CN¥1,200.00, Late-payment charges: CN¥300.00.');
    assert.match(await page.getByTestId('sv-owed').textContent(), /Total\s*CN¥10,666\.67/);
    const states = await page.locator('[data-testid="sv-timeline"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.state));
    assert.deepEqual(states.slice(0, 4), ['paid', 'missed', 'missed', 'not-due']);
    assert.deepEqual(await axeViolations(page), []);
    if (shots) await page.screenshot({ path: join(shots, 'follow-up-en.png'), fullPage: true });

    // A stricter rule, typed: grace 0 and broken after 10 days late breaks it on 2025-03-26.
    await page.getByTestId('sv-grace').fill('0');
    await page.getByTestId('sv-days-late').fill('10');
    await standing.filter({ hasText: 'Broken on 2025-03-26: installment 2 more than 10 days late.' }).waitFor();
    await page.getByTestId('sv-days-late').fill('30');
    await page.getByTestId('sv-grace').fill('5');

    // Renegotiate: the workspace on what is owed, the old agreement named; the negotiation
    // in progress in the workspace is replaced only once the agent says so.
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      dialog.accept();
    });
    await page.getByTestId('sv-renegotiate').click();
    await page.waitForURL((url) => !url.pathname.endsWith('servicing.html'));
    await page.getByTestId('account').waitFor();
    assert.equal(asked, 'Replace the negotiation in progress in the workspace with this renegotiation?');
    assert.equal(await ws.account('principal').inputValue(), '9166.67');
    assert.equal(await ws.account('interest').inputValue(), '1200.00');
    assert.equal(await ws.account('penalty').inputValue(), '300.00');
    assert.equal(await ws.account('as-of').inputValue(), '2025-05-01');
    assert.equal(await page.getByTestId('supersedes').textContent(), 'Replaces agreement 7d8f0c52-3c1e-4f4b-9a57-0d7c6e2b1a90.');
    if (shots) await page.screenshot({ path: join(shots, 'renegotiation-en.png') });

    await ws.action('C', 'propose').click();
    await ws.action('C', 'agree').click();
    await page.getByTestId('download-agreement').waitFor();
    const dir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
    const file = join(dir, 'renegotiated.json');
    await saveDownload(page, () => page.getByTestId('download-agreement').click(), file);
    const previous = join(dir, 'previous.json');
    await writeFile(previous, goldenText);
    const agreement = JSON.parse(await readFile(file, 'utf8'));
    assert.deepEqual(agreement.supersedes, { agreementId: old.agreementId, sha256: old.sha256 });
    assert.equal(agreement.terms.claim.principal, '9166.67');
    assert.deepEqual(agreement.negotiationLog.slice(0, old.negotiationLog.length), old.negotiationLog, 'the log continues the old one');
    const cli = await accord(['verify', file, '--previous', previous]);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /supersedes agreement 7d8f0c52-3c1e-4f4b-9a57-0d7c6e2b1a90 \(sha256 [0-9a-f]{64}\): verified/);
    assert.deepEqual(problems, []);
  });

  test('in Chinese, by keyboard: bad rows named as typed, a bad file refused, the payments kept over a reload', async () => {
    const { page, problems } = await openPage(suite.browser, { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await page.goto(new URL('servicing.html', suite.server.url).href);
    await page.getByTestId('sv-open-message').filter({ hasText: '尚未打开协议' }).waitFor();
    await page.getByTestId('sv-agreement-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"schemaVersion": 1') });
    await page.getByTestId('sv-open-message').filter({ hasText: '未打开任何协议。' }).waitFor();
    await page.getByTestId('sv-agreement-file').setInputFiles({ name: 'agreement.json', mimeType: 'application/json', buffer: await readFile(golden) });
    await page.getByTestId('sv-verdict').filter({ hasText: /^已验证/ }).waitFor();

    await page.getByTestId('sv-payments').focus();
    await page.keyboard.type('2025-02-15,833.33\n2025-02-31,1\n2025-03-01,-5');
    await page.getByTestId('sv-payments-error').filter({ hasText: '第 2 行 日期：不是日期' }).waitFor();
    assert.match(await page.getByTestId('sv-payments-error').textContent(), /第 3 行 金额：不是该协议币种的有效金额/);
    assert.equal(await page.getByTestId('sv-payments').getAttribute('aria-invalid'), 'true');
    assert.ok(await page.getByTestId('sv-renegotiate').isDisabled());
    // Keyboard: Tab from the payments reaches the file button, then the date.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sv-as-of');

    await page.reload();
    await page.getByTestId('sv-verdict').filter({ hasText: /^已验证/ }).waitFor();
    assert.equal(await page.getByTestId('sv-payments').inputValue(), '2025-02-15,833.33\n2025-02-31,1\n2025-03-01,-5');
    await page.getByTestId('sv-payments').fill('2025-02-15,833.33');
    await page.getByTestId('sv-as-of').fill('2025-03-20');
    await page.getByTestId('sv-standing').filter({ hasText: '逾期：逾期金额 ¥833.33，已逾期 5 天；尚未达到违约条件。' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling at 390 px (${width})`);
    assert.deepEqual(await axeViolations(page), []);
    if (shots) await page.screenshot({ path: join(shots, 'follow-up-zh.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("the creditor's rule in its policy profile travels with the agreement to the follow-up page and accord status", async () => {
    const { ws, page, problems } = await openWorkspace();
    const servicing = { graceDays: '0', brokenAfterDaysLate: '10', brokenAfterMissedInRow: '2' };
    const policy = { name: 'Strict bank', rules: [], lpr: [], servicing };
    await page.getByTestId('policy-file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(policy)) });
    await page.getByText('Policy: Strict bank').waitFor();
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', reference: 'ACC-9', 'agent-id': 'agent-5' });
    await ws.setOffer('C', { count: '12', rate: '0', 'first-due': '2025-02-15' });
    await ws.action('C', 'propose').click();
    await ws.action('C', 'agree').click();
    const dir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
    const file = join(dir, 'agreement.json');
    await saveDownload(page, () => page.getByTestId('download-agreement').click(), file);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')).terms.policy.servicing, servicing);

    // The follow-up page holds the plan to the profile's rule: nothing paid by 2025-02-27,
    // installment 1 (due 2025-02-15) is more than 10 days late on 2025-02-26 (by the house
    // default it would only be late).
    await page.getByTestId('agreement-file').setInputFiles(file);
    await page.waitForURL(/servicing\.html$/);
    assert.equal(await page.getByTestId('sv-days-late').inputValue(), '10');
    assert.equal(await page.getByTestId('sv-grace').inputValue(), '0');
    assert.match(await page.getByTestId('sv-rule-source').textContent(), /policy profile “Strict bank”/);
    await page.getByTestId('sv-as-of').fill('2025-02-27');
    await page.getByTestId('sv-standing').filter({ hasText: 'Broken on 2025-02-26: installment 1 more than 10 days late.' }).waitFor();

    // `accord status` reads the same rule from the agreement.
    const payments = join(dir, 'payments.csv');
    await writeFile(payments, 'date,amount\n');
    const cli = await accord(['status', file, payments, '--as-of', '2025-02-27']);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    const status = JSON.parse(cli.stdout);
    assert.equal(status.standing, 'broken');
    assert.deepEqual(status.rule, servicing);
    assert.deepEqual(problems, []);
  });

  test('re-age of an interest-bearing plan: the missed installments moved to the end as agreed, opened here and verified with its chain', async () => {
    const { page, problems } = await openPage(suite.browser, { locale: 'en-US' });
    // 100,000.00 at 9.99 % in 36 monthly installments of 3,226.25 from 2025-02-15.
    const goldenText = await readFile(new URL('../golden/agreement-installments.json', import.meta.url), 'utf8');
    const golden36 = JSON.parse(goldenText);
    await page.goto(new URL('servicing.html', suite.server.url).href);
    await page.getByTestId('sv-agreement-file').setInputFiles({ name: 'agreement.json', mimeType: 'application/json', buffer: Buffer.from(goldenText) });
    const payments = '2025-02-15,3226.25\n2025-03-15,3226.25\n2025-04-15,3226.25';
    await page.getByTestId('sv-payments').fill(payments);
    await page.getByTestId('sv-as-of').fill('2025-06-20');
    // Installments 4 and 5 missed: broken by the house rule (more than 30 days late), no re-aging.
    await page.getByTestId('sv-standing').filter({ hasText: /^Broken on/ }).waitFor();
    assert.ok(await page.getByTestId('sv-reage').isDisabled());
    assert.match(await page.getByTestId('sv-reage-hint').textContent(), /not broken: renegotiate/);
    // The creditor's lenient rule typed: late, not broken.
    await page.getByTestId('sv-days-late').fill('60');
    await page.getByTestId('sv-missed').fill('3');
    await page.getByTestId('sv-standing').filter({ hasText: /^Late/ }).waitFor();
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      dialog.accept();
    });
    const dir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
    const file = join(dir, 'reaged.json');
    const download = await saveDownload(page, () => page.getByTestId('sv-reage').click(), file);
    assert.equal(question, 'Move installment(s) 4, 5 to 2028-02-15, 2028-03-15 at the same amounts, in a new agreement that replaces this one?');
    // Opened here in the old one's place, verified, the same payments: kept, 6 due next.
    await page.getByTestId('sv-verdict').filter({ hasText: /^Verified/ }).waitFor();
    assert.match(await page.getByTestId('sv-open-message').textContent(), /^Re-aged: agreement [0-9a-f-]{36} replaces /);
    await page.getByTestId('sv-standing').filter({ hasText: /^Kept/ }).waitFor();
    assert.equal(await page.getByTestId('sv-payments').inputValue(), payments);
    assert.deepEqual(await axeViolations(page), []);
    const agreement = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(download.suggestedFilename(), `accord-agreement-${agreement.agreementId}.json`);
    assert.deepEqual(agreement.terms.moves, [{ number: 4, dueDate: '2028-02-15' }, { number: 5, dueDate: '2028-03-15' }]);
    const rows = agreement.outcome.schedule;
    const old = golden36.outcome.schedule;
    assert.equal(rows.length, 36);
    // The moved rows keep their principal and interest; the plan's totals are the agreement's.
    assert.deepEqual(rows.slice(34).map((r) => [r.number, r.date, r.principal, r.interest]), [
      [4, '2028-02-15', old[3].principal, old[3].interest],
      [5, '2028-03-15', old[4].principal, old[4].interest],
    ]);
    assert.deepEqual(agreement.outcome.totals, golden36.outcome.totals);
    const previous = join(dir, 'previous.json');
    await writeFile(previous, goldenText);
    const cli = await accord(['verify', file, '--previous', previous]);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /supersedes agreement [0-9a-f-]{36} \(sha256 [0-9a-f]{64}\): verified/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
