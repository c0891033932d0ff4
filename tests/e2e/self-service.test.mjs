// The debtor's self-service link on the RELEASE build, at phone width: the creditor signs an
// offer with the native CLI (`accord keygen`, `accord offer sign`), the debtor chooses within
// its bounds and confirms, and `accord verify --keys` accepts the agreement. Every kind of bad
// link shows its message and no plan.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, outbox } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { axeViolations } from './support/axe.mjs';
import { accord, creditorKeys, signOffer, startIntake } from './support/cli.mjs';
import { canonical } from './support/jcs.mjs';

// Hand computation: 10,000 principal + 300 penalty, the penalty waived: 10,300 − 300 = 10,000
// due; at least 10 % (1,000.00) now, the rest (9,000.00) at 0 % over 12 months: 750.00 a month.
const offer = (overrides = {}) => ({
  version: 1, offerId: 'OFR-2025-0042', keyId: 'creditor-2025', expiresAt: '2099-12-31T00:00:00Z',
  accountReference: 'ACC-2025-0042',
  creditor: { name: 'Example Bank Card Centre', phone: '400-820-5555', hours: '9:00–21:00 daily', web: 'https://bank.example' },
  claim: { currency: 'CNY', asOf: '2025-01-15', principal: '10000.00', penalty: '300.00', contractRatePercent: '18' },
  choices: [
    { type: 'installments', waivers: [{ bucket: 'penalty', percent: '100', conditional: true }],
      minCount: 3, maxCount: 24, frequency: 'monthly', method: 'equalInstallment', annualRatePercent: '0',
      minDownPaymentPercent: '10', firstDueFrom: '2025-02-01', firstDueTo: '2025-02-28' },
    { type: 'settlement', waivers: [{ bucket: 'penalty', percent: '100' }], payByFrom: '2025-01-15', payByTo: '2025-01-31' },
  ],
  ...overrides,
});

const base64url = (text) => Buffer.from(text).toString('base64url');
let dir; let keysFile; let keyFile; let keys; let settings; let server; let served; let browser;

const sign = (content, key = keyFile) => signOffer(dir, key, content, server.url);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accord-ss-'));
  ({ keyFile, keysFile, keys, settings } = await creditorKeys(dir));
  served = { '/deployment.json': settings() };
  server = await startServer({ files: served });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openLink(link, locale = 'en-US') {
  const { context, page, problems } = await openPage(browser, { locale, viewport: { width: 360, height: 740 } });
  await page.goto(link);
  await page.getByTestId('self-service').waitFor();
  return { context, page, problems };
}

describe('self-service link', () => {
  test("the debtor's page is its own bundle, and a link to the workspace's page goes on to it", async () => {
    const link = await sign(offer());
    assert.ok(link.startsWith(`${server.url}pay.html#offer=`), link);
    const { context, page, problems } = await openPage(browser, { viewport: { width: 360, height: 740 } });
    const loaded = [];
    page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
    await page.goto(link);
    await page.getByTestId('ss-cost').filter({ hasText: /750\.00 12 times/ }).waitFor();
    assert.ok(loaded.includes('/accord-pay_bg.wasm'), loaded.join(' '));
    assert.ok(!loaded.some((path) => path.startsWith('/accord-web')), `the workspace is not downloaded: ${loaded.join(' ')}`);
    // A link signed before the split (BASE#offer=…) opens the workspace's page, which forwards.
    const fragment = link.slice(link.indexOf('#'));
    const old = await context.newPage();
    await old.goto(`${server.url}${fragment}`);
    await old.waitForURL(`${server.url}pay.html${fragment}`);
    await old.getByTestId('ss-cost').filter({ hasText: /750\.00 12 times/ }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a valid link leads to a plan within bounds and an agreement accord verify accepts', async () => {
    const link = await sign(offer());
    const { context, page, problems } = await openLink(link);
    const cost = page.getByTestId('ss-cost');
    await cost.filter({ hasText: /750\.00 12 times/ }).waitFor();
    // Who asks, how to reach them and which account, before anything else (masked: the last four).
    assert.equal(await page.getByTestId('ss-creditor').textContent(), 'From Example Bank Card Centre');
    assert.equal(await page.getByTestId('ss-contact').textContent(), 'Call 400-820-5555 · 9:00–21:00 daily · https://bank.example');
    assert.equal(await page.getByTestId('ss-account').textContent(), 'Account ending 0042');
    assert.doesNotMatch(await page.textContent('body'), /ACC-2025/);
    const senderBox = await page.locator('.sender').boundingBox();
    assert.ok(senderBox.y < (await page.getByTestId('ss-choices').boundingBox()).y);
    // Each choice says what it costs before it is chosen. Hand computation: 12 × 750.00 after
    // 1,000.00 now = 10,000.00; the settlement (penalty waived) 10,000.00 on its latest date.
    assert.equal(await page.locator('.choice-summary').nth(0).textContent(),
      '12 payments of CN¥750.00 · CN¥1,000.00 now · CN¥10,000.00 in all');
    assert.equal(await page.locator('.choice-summary').nth(1).textContent(), 'CN¥10,000.00 in all');
    assert.match(await cost.textContent(), /You pay CN¥1,000\.00 now, then CN¥750\.00 12 times, from 2025-02-01 to 2026-01-01: CN¥10,000\.00 in all\. The annualized cost is 0\.00 % \(nominal, simple interest\)\./);
    // The penalty waiver is conditional: what missing payments brings back, in plain words.
    assert.equal(await page.getByTestId('ss-reinstated').textContent(),
      'If you miss payments, what was waived becomes due again: Late-payment charges: CN¥300.00.');
    // The choice names its frequency (it said "monthly" whatever the frequency).
    assert.match(await page.getByTestId('ss-choices').textContent(), /Monthly: 3 to 24 payments/);
    assert.equal(await page.getByTestId('ss-schedule').locator('tbody tr').count(), 12);
    // The owed table: 10,300 owed, 300 relief, 10,000 due.
    assert.match(await page.getByTestId('ss-owed').locator('tbody tr').last().textContent(), /^Total10,300\.00300\.0010,000\.00$/);
    assert.equal(await page.getByTestId('ss-owed').locator('caption').textContent(), 'Amounts in CN¥');
    // The Due column is on screen at 360 px.
    const due = await page.getByTestId('ss-owed').locator('thead th').last().boundingBox();
    assert.ok(due.x + due.width <= 360, JSON.stringify(due));
    // Steppers stay within 3..24: 12 → 24 → (no further).
    await page.getByTestId('ss-count').fill('24');
    assert.equal(await page.getByTestId('ss-count-value').textContent(), '24');
    assert.ok(await page.getByTestId('ss-more').isDisabled());
    await page.getByTestId('ss-fewer').click();
    assert.equal(await page.getByTestId('ss-count-value').textContent(), '23');
    // Less than the least down payment is refused beside the field, and no plan is offered.
    await page.getByTestId('ss-down').fill('999.99');
    await page.getByTestId('ss-down-error').filter({ hasText: 'Pay at least CN¥1,000.00 now.' }).waitFor();
    assert.ok(await page.getByTestId('ss-confirm').isDisabled());
    // A typo is the debtor's, answered beside the field with an example; the page stays.
    await page.getByTestId('ss-down').fill('abc');
    assert.equal(await page.getByTestId('ss-down-error').textContent(), 'Enter a number such as 1,234.56.');
    assert.equal(await page.getByTestId('ss-error').textContent(), '');
    assert.match(await page.getByTestId('ss-owed').locator('tbody tr').last().textContent(), /10,000\.00$/);
    // The last plan that computed (23 payments) stays on screen.
    assert.equal(await page.getByTestId('ss-schedule').locator('tbody tr').count(), 23);
    assert.ok(await page.getByTestId('ss-confirm').isDisabled());
    await page.getByTestId('ss-down').fill('2,000');
    await page.getByTestId('ss-count').fill('8');
    // 8,000 over 8 months: 1,000.00 a month. Hand computation.
    await cost.filter({ hasText: /CN¥1,000\.00 8 times/ }).waitFor();
    // Touch targets are at least 44 px.
    const box = await page.getByTestId('ss-more').boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, JSON.stringify(box));
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 360, `no sideways scrolling at 360 px (${pageWidth})`);
    assert.deepEqual(await axeViolations(page), []);

    // Confirm waits for the consent line.
    assert.ok(await page.getByTestId('ss-confirm').isDisabled());
    await page.getByTestId('ss-consent').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ss-confirm').click()]);
    const file = join(dir, 'agreement.json');
    await download.saveAs(file);
    await page.getByTestId('ss-confirmed').filter({ hasText: /^Agreed\./ }).waitFor();
    const verified = await accord(['verify', file, '--keys', keysFile]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /^verified/);
    const withoutKeys = await accord(['verify', file]);
    assert.equal(withoutKeys.code, 1);
    assert.match(withoutKeys.stdout, /signedOffer/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('each kind of bad link shows its message and no plan', async () => {
    const good = await sign(offer());
    const [prefix, signed] = good.split('#offer=');
    const [payload, signature] = signed.split('.');
    const tamperedPayload = base64url(Buffer.from(payload, 'base64url').toString().replace('10000.00', '1000.00'));
    const v2 = offer({ version: 2 });
    const otherKey = await accord(['keygen', 'creditor-2025']);
    const otherKeyFile = join(dir, 'other.json');
    await writeFile(otherKeyFile, otherKey.stdout);
    const unknownKey = JSON.parse(otherKey.stdout);
    const unknownKeyFile = join(dir, 'unknown.json');
    await writeFile(unknownKeyFile, JSON.stringify({ ...unknownKey, keyId: 'retired-2023' }));
    const cases = [
      ['expired', await sign(offer({ expiresAt: '2020-01-01T00:00:00Z' })), /This offer expired on 2020-01-01 00:00:00Z/],
      ['tampered', `${prefix}#offer=${tamperedPayload}.${signature}`, /changed after it was signed/],
      ['truncated', good.slice(0, good.length - 20), /cut short or damaged/],
      ['wrongly keyed', await sign(offer(), otherKeyFile), /changed after it was signed/],
      ['unknown key', await sign(offer({ keyId: 'retired-2023' }), unknownKeyFile), /not signed by a key this site knows/],
      ['unknown version', `${prefix}#offer=${base64url(canonical(v2))}.${signature}`, /newer version/],
    ];
    // Issue 13: offers `accord offer sign` refuses, signed by the creditor's key another way
    // (the page used to call them "cut short or damaged", or offer "24 to 3 payments").
    const seed = JSON.parse(await readFile(keyFile, 'utf8')).secretKey;
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seed, 'base64url')]);
    const secret = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const forge = (content) => {
      const text = canonical(content);
      return `${prefix}#offer=${base64url(text)}.${cryptoSign(null, Buffer.from(text), secret).toString('base64url')}`;
    };
    const reversed = offer();
    Object.assign(reversed.choices[0], { minCount: 24, maxCount: 3 });
    cases.push(
      ['counts 24 to 3', forge(reversed), /made with an error and cannot be used/],
      ['no choices', forge(offer({ choices: [] })), /made with an error and cannot be used/],
      ['unknown member', forge(offer({ surprise: true })), /made with an error and cannot be used/],
      ['principal abc', forge(offer({ claim: { ...offer().claim, principal: 'abc' } })), /made with an error and cannot be used/],
      ['far too long', `${prefix}#offer=${'A'.repeat(70_000)}.${signature}`, /far longer than any offer/],
    );
    for (const [name, link, expected] of cases) {
      const { context, page } = await openLink(link);
      const message = page.getByTestId('link-message');
      await message.filter({ hasText: expected }).waitFor();
      assert.equal(await page.getByTestId('ss-cost').count(), 0, `${name}: no plan`);
      assert.equal(await page.getByTestId('ss-confirm').count(), 0, `${name}: no confirm`);
      await context.close();
    }
  });

  test('zh-CN, keyboard only, axe-clean', async () => {
    const { context, page } = await openLink(await sign(offer()), 'zh-CN');
    await page.getByTestId('ss-cost').filter({ hasText: /每期 ¥750\.00，共 12 期/ }).waitFor();
    // A card's words (issue 14): 违约金, not 罚息; the rate with its 单利 label; the frequency.
    assert.match(await page.getByTestId('ss-cost').textContent(), /年化成本为 0\.00%（单利）。$/);
    assert.match(await page.getByTestId('ss-owed').textContent(), /违约金/);
    assert.doesNotMatch(await page.getByTestId('ss-owed').textContent(), /罚息/);
    assert.match(await page.getByTestId('ss-choices').textContent(), /每月还款，3 至 24 期/);
    // On the phone the payments alone; principal, interest and the balance on demand.
    assert.equal(await page.getByTestId('ss-schedule').locator('thead th').count(), 3);
    assert.match(await page.getByTestId('ss-schedule-details').locator('thead').textContent(), /剩余应还/);
    assert.equal(await page.getByTestId('ss-reinstated').textContent(), '如未按期足额还款，已减免的违约金 ¥300.00 将恢复收取。');
    await page.getByTestId('ss-count').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByTestId('ss-count-value').textContent(), '13');
    await page.getByTestId('ss-choice-1').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('ss-cost').filter({ hasText: /您于 2025-01-31 支付 ¥10,000\.00/ }).waitFor();
    // The settlement's waiver is unconditional: nothing comes back, nothing is said.
    assert.ok(await page.getByTestId('ss-reinstated').isHidden());
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test('a loan offer says 罚息 and a biweekly plan says so', async () => {
    const profile = await accord(['policy', 'profile', 'generic']);
    assert.equal(profile.code, 0, profile.stderr);
    const loan = offer({ policy: { ...JSON.parse(profile.stdout), product: 'loan' } });
    loan.choices[0].frequency = 'biweekly';
    const { context, page } = await openLink(await sign(loan), 'zh-CN');
    await page.getByTestId('ss-cost').waitFor();
    assert.match(await page.getByTestId('ss-owed').textContent(), /罚息/);
    assert.match(await page.getByTestId('ss-choices').textContent(), /每两周还款，3 至 24 期/);
    await context.close();
  });

  test("a plan the creditor's policy blocks cannot be confirmed, and says why", async () => {
    // The creditor's own rule: at most 6 installments, a block. The default choice is 12.
    const profile = JSON.parse((await accord(['policy', 'profile', 'cn-bank-card'])).stdout);
    profile.rules = profile.rules.map((rule) => (rule.rule === 'maxInstallments' ? { ...rule, limit: '6', severity: 'block' } : rule));
    const { context, page, problems } = await openLink(await sign(offer({ policy: profile })));
    await page.getByTestId('ss-cost').filter({ hasText: /12 times/ }).waitFor();
    assert.match(await page.getByTestId('ss-blocked').textContent(),
      /^This plan cannot be confirmed: 12 installments; at most 6\. Please contact your creditor\.$/);
    assert.ok(await page.getByTestId('ss-confirm').isDisabled());
    await page.getByTestId('ss-count').fill('6');
    await page.getByTestId('ss-cost').filter({ hasText: /6 times/ }).waitFor();
    assert.ok(await page.getByTestId('ss-blocked').isHidden());
    await page.getByTestId('ss-consent').check();
    assert.ok(await page.getByTestId('ss-confirm').isEnabled());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the cheaper choice says what it saves; at 0 % the details show no interest column', async () => {
    const dear = offer();
    dear.choices[0].annualRatePercent = '12';
    const { context, page, problems } = await openLink(await sign(dear));
    await page.getByTestId('ss-cost').waitFor();
    const total = async (i) =>
      Number((await page.locator('.choice-summary').nth(i).textContent()).match(/CN¥([\d,.]+) in all/)[1].replace(/,/g, ''));
    const saving = (await page.locator('.choice-summary').nth(1).textContent()).match(/saves CN¥([\d,.]+)/);
    assert.ok(saving, await page.locator('.choice-summary').nth(1).textContent());
    assert.equal(Number(saving[1].replace(/,/g, '')), Math.round(((await total(0)) - (await total(1))) * 100) / 100);
    assert.doesNotMatch(await page.locator('.choice-summary').nth(0).textContent(), /saves/);
    // The settlement's default date is the latest the offer allows, not today.
    await page.getByTestId('ss-choice-1').check();
    assert.equal(await page.getByTestId('ss-date').inputValue(), '2025-01-31');
    await context.close();

    const free = await openLink(await sign(offer()));
    await free.page.getByTestId('ss-cost').waitFor();
    await free.page.locator('.schedule-details summary').click();
    const headers = await free.page.getByTestId('ss-schedule-details').locator('thead th').allTextContents();
    assert.ok(!headers.includes('Interest'), headers.join(' | '));
    const pageWidth = await free.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 360, `no sideways scrolling at 360 px (${pageWidth})`);
    assert.deepEqual([...problems, ...free.problems], []);
    await free.context.close();
  });

  test('a short link (under 100 characters) opens the same offer, fetched from the deployment and verified', async () => {
    const file = join(dir, 'short-offer.json');
    await writeFile(file, JSON.stringify(offer()));
    const store = join(dir, 'store');
    const out = await accord(['offer', 'sign', '--key', keyFile, file, '--base', server.url, '--store', store]);
    assert.equal(out.code, 0, out.stderr);
    const short = out.stdout.trim();
    assert.equal(short, `${server.url}pay.html#id=OFR-2025-0042`);
    assert.ok(short.length < 100, short);
    // The deployment serves what --store wrote beside pay.html.
    served['/offers/OFR-2025-0042.txt'] = await readFile(join(store, 'offers', 'OFR-2025-0042.txt'), 'utf8');
    const { context, page, problems } = await openLink(short);
    await page.getByTestId('ss-cost').filter({ hasText: /750\.00 12 times/ }).waitFor();
    assert.equal(await page.getByTestId('ss-creditor').textContent(), 'From Example Bank Card Centre');
    await page.getByTestId('ss-consent').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ss-confirm').click()]);
    const agreementFile = join(dir, 'short-agreement.json');
    await download.saveAs(agreementFile);
    const verified = await accord(['verify', agreementFile, '--keys', keysFile]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.deepEqual(problems, []);
    // A stored offer that was altered fails its signature like a long link's.
    served['/offers/OFR-TAMPERED.txt'] = served['/offers/OFR-2025-0042.txt'].replace(/^./, 'x');
    const tampered = await openLink(`${server.url}pay.html#id=OFR-TAMPERED`);
    await tampered.page.getByTestId('link-message').filter({ hasText: /./ }).waitFor();
    assert.ok(await tampered.page.getByTestId('ss-cost').count() === 0);
    await tampered.context.close();
    // An offer the site does not serve says so, and shows no plan.
    const gone = await openLink(`${server.url}pay.html#id=OFR-GONE`);
    await gone.page.getByTestId('link-message').filter({ hasText: /no longer here/ }).waitFor();
    assert.equal(await gone.page.getByTestId('ss-cost').count(), 0);
    assert.deepEqual(gone.problems.filter((p) => !p.includes('404')), []);
    await gone.context.close();
    await context.close();
  });

  test("Confirm reaches the creditor's intake: a receipt, a calendar, the outbox emptied; offline it waits and goes later", async () => {
    const intake = await startIntake({ keysFile, db: join(dir, 'intake.sqlite'), allowOrigin: new URL(server.url).origin });
    served['/deployment.json'] = settings({ intakeUrl: `${intake.url}/agreements` });
    try {
      const { context, page, problems } = await openLink(await sign(offer({ offerId: 'OFR-INTAKE-1' })));
      await page.getByTestId('ss-cost').filter({ hasText: /750\.00 12 times/ }).waitFor();
      await page.getByTestId('ss-consent').check();
      await page.getByTestId('ss-confirm').click();
      const status = page.getByTestId('ss-confirmed');
      await status.filter({ hasText: /receipt R-[0-9a-f]{20}/ }).waitFor();
      const [, receiptId, agreementId] = /receipt (R-[0-9a-f]{20}), .*Your agreement is ([0-9a-f-]{36})\./.exec(await status.textContent());
      // The intake has it under that receipt (what a 201's Location points to).
      const stored = await fetch(`${intake.url}/agreements/${agreementId}`);
      assert.equal(stored.status, 200);
      assert.equal((await stored.json()).receiptId, receiptId);
      // Nothing personal stays behind once delivered; the choice is locked as agreed.
      assert.deepEqual(await outbox(page), []);
      assert.ok(await page.getByTestId('ss-count').isDisabled());
      assert.ok(await page.getByTestId('ss-confirm').isDisabled());
      // One calendar event per due date (12), each with its reminder and a stable UID.
      const [ics] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ss-calendar').click()]);
      assert.equal(ics.suggestedFilename(), `accord-payments-${agreementId}.ics`);
      const calendar = await readFile(await ics.path(), 'utf8');
      assert.equal(calendar.match(/BEGIN:VEVENT/g).length, 12);
      assert.equal(calendar.match(/TRIGGER:-P1D/g).length, 12);
      assert.match(calendar, new RegExp(`UID:${agreementId}-1@accord\r\nDTSTAMP:\\d{8}T\\d{6}Z\r\nDTSTART;VALUE=DATE:20250201\r\n`));
      assert.match(calendar, /SUMMARY:Payment 12 of 12: CN¥750\.00\r\n/);
      // The JSON stays a secondary action: the same agreement, with the consent line.
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ss-download').click()]);
      const agreement = JSON.parse(await readFile(await file.path(), 'utf8'));
      assert.equal(agreement.agreementId, agreementId);
      assert.deepEqual(agreement.consent, { text: 'I agree to this plan and will pay each amount by its due date.', locale: 'en' });
      assert.deepEqual(problems, []);
      await context.close();

      // The same offer again (another phone): the intake says when it was accepted.
      const again = await openLink(await sign(offer({ offerId: 'OFR-INTAKE-1' })));
      await again.page.getByTestId('ss-cost').waitFor();
      await again.page.getByTestId('ss-consent').check();
      await again.page.getByTestId('ss-confirm').click();
      await again.page.getByTestId('ss-confirmed').filter({ hasText: /^This offer was already accepted on / }).waitFor();
      assert.deepEqual(await outbox(again.page), []);
      await again.context.close();

      // An intake that refuses (422, a figure disputed): the reason is shown, the choice stays.
      const refused = await openLink(await sign(offer({ offerId: 'OFR-INTAKE-3' })));
      await refused.page.route(`${intake.url}/agreements`, (route) => route.fulfill({
        status: 422, contentType: 'application/json',
        body: JSON.stringify({ error: 'notVerified', message: '1 figure differs', differences: [{ path: 'outcome.totals.paid', recorded: '1', recomputed: '2' }] }),
      }));
      await refused.page.getByTestId('ss-cost').waitFor();
      await refused.page.getByTestId('ss-consent').check();
      await refused.page.getByTestId('ss-confirm').click();
      await refused.page.getByTestId('ss-confirmed')
        .filter({ hasText: "Your creditor's system did not accept the agreement: 1 figure differs (outcome.totals.paid)." }).waitFor();
      assert.match(await refused.page.getByTestId('ss-cost').textContent(), /750\.00 12 times/);
      assert.deepEqual(await outbox(refused.page), []);
      await refused.context.close();
    } finally {
      await intake.stop();
    }
    // The row is in SQLite, once, and verifies as the record system checks it.
    const exported = await accord(['intake', 'export', '--db', join(dir, 'intake.sqlite')]);
    assert.equal(exported.code, 0, exported.stderr);
    const rows = exported.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(rows.map((row) => row.agreement.offer), ['OFR-INTAKE-1']);
    const storedFile = join(dir, 'stored-agreement.json');
    await writeFile(storedFile, JSON.stringify(rows[0].agreement));
    const verified = await accord(['verify', storedFile, '--keys', keysFile]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);

    // Offline: the intake is down. The agreement waits in the outbox, and goes once it is up.
    const down = await startIntake({ keysFile, db: join(dir, 'intake-2.sqlite'), allowOrigin: new URL(server.url).origin });
    const listen = new URL(down.url).host;
    await down.stop();
    served['/deployment.json'] = settings({ intakeUrl: `http://${listen}/agreements` });
    const { context, page } = await openLink(await sign(offer({ offerId: 'OFR-INTAKE-2' })));
    await page.getByTestId('ss-cost').waitFor();
    await page.getByTestId('ss-consent').check();
    await page.getByTestId('ss-confirm').click();
    await page.getByTestId('ss-confirmed').filter({ hasText: /not sent yet/ }).waitFor();
    const queued = await outbox(page);
    assert.equal(queued.length, 1);
    assert.ok(queued[0].includes('"offer":"OFR-INTAKE-2"'), queued[0]);
    // A reload keeps it; the intake comes back; the reopened page sends it and says so.
    const up = await startIntake({ keysFile, db: join(dir, 'intake-2.sqlite'), allowOrigin: new URL(server.url).origin, listen });
    try {
      await page.reload();
      await page.getByTestId('ss-earlier').filter({ hasText: /receipt R-[0-9a-f]{20}/ }).waitFor();
      assert.deepEqual(await outbox(page), []);
    } finally {
      await context.close();
      await up.stop();
      served['/deployment.json'] = settings();
    }
    // Delivered exactly once: the intake holds one row for it.
    const delivered = await accord(['intake', 'export', '--db', join(dir, 'intake-2.sqlite')]);
    assert.equal(delivered.stdout.trim().split('\n').length, 1, delivered.stdout);
  });

  test('a deployment that keeps its keys in keys.json (the layout before deployment.json held them) still works', async () => {
    served['/deployment.json'] = '{}';
    served['/keys.json'] = keys;
    try {
      const { context, page, problems } = await openLink(await sign(offer()));
      await page.getByTestId('ss-cost').filter({ hasText: /750\.00 12 times/ }).waitFor();
      assert.deepEqual(problems, []);
      await context.close();
      // Neither file lists a key: the page says so and shows no plan.
      served['/keys.json'] = '{"keys":[]}';
      const none = await openLink(await sign(offer()));
      await none.page.getByTestId('link-message').filter({ hasText: /not signed by a key this site knows/ }).waitFor();
      assert.equal(await none.page.getByTestId('ss-cost').count(), 0);
      await none.context.close();
    } finally {
      served['/deployment.json'] = settings();
      delete served['/keys.json'];
    }
  });

  test('a Traditional Chinese browser (zh-TW) gets English with the language switch in view', async () => {
    const { context, page, problems } = await openLink(await sign(offer()), 'zh-TW');
    await page.getByTestId('ss-cost').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const picker = page.getByLabel('Language');
    assert.ok(await picker.isVisible());
    assert.ok((await picker.boundingBox()).y < 740, 'the switch is in the first screen');
    await picker.selectOption('zh-CN');
    await page.getByTestId('ss-cost').filter({ hasText: /您/ }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
});
