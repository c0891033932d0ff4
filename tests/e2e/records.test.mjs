// The record-system contract on the RELEASE build: the app's agreement export goes through
// `accord verify` (the native CLI built by the native tests) and back into the app (the
// workspace hands the file to the follow-up page, which verifies it); tampering is caught by
// both; bad files get a message and change nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations } from './support/axe.mjs';
import { outbox, saveDownload } from './support/browser.mjs';
import { accord, startIntake } from './support/cli.mjs';
import { rehash } from './support/jcs.mjs';
import { useServerAndBrowser, useWorkspaceSessions } from './support/suite.mjs';

const served = {};
const suite = useServerAndBrowser({ files: served });
const openWorkspace = useWorkspaceSessions(suite);
const accordVerify = (file) => accord(['verify', file]);

async function agreeOnC(ws, page) {
  await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', reference: 'ACC-77', 'agent-id': 'agent-5' });
  await ws.setOffer('C', { count: '36', rate: '9.99', 'first-due': '2025-02-15' });
  await ws.action('C', 'propose').click();
  await ws.action('C', 'agree').click();
  await page.getByTestId('download-agreement').waitFor();
}

async function downloadAgreement(page, dir) {
  const file = join(dir, 'agreement.json');
  const download = await saveDownload(page, () => page.getByTestId('download-agreement').click(), file);
  assert.equal(download.suggestedFilename(), 'accord-agreement-ACC-77.json');
  return file;
}

async function openAgreementFile(page, name, content) {
  await page.getByTestId('agreement-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

describe('agreement export, verify and import', () => {
  test("Send to records posts the agent's agreement to the deployment's intake: a receipt, stored once", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
    const keysFile = join(dir, 'keys.json');
    await writeFile(keysFile, JSON.stringify({ keys: [] }));
    const intake = await startIntake({ keysFile, db: join(dir, 'intake.sqlite'), allowOrigin: new URL(suite.server.url).origin });
    served['/deployment.json'] = JSON.stringify({ intakeUrl: `${intake.url}/agreements`, keys: [] });
    try {
      const { ws, page, problems } = await openWorkspace();
      await agreeOnC(ws, page);
      await ws.action('C', 'agreed-send').click();
      const status = ws.offer('C').getByTestId('agreed-sent');
      await status.filter({ hasText: /^Received by records: receipt R-[0-9a-f]{20}, / }).waitFor();
      assert.ok(await ws.action('C', 'agreed-send').isDisabled(), 'sent once');
      assert.deepEqual(await outbox(page), []);
      // The intake stored the agreement the download gives, with the agent's id.
      const file = await downloadAgreement(page, dir);
      const agreement = JSON.parse(await readFile(file, 'utf8'));
      const stored = await fetch(`${intake.url}/agreements/${agreement.agreementId}`);
      assert.equal(stored.status, 200);
      const receipt = /receipt (R-[0-9a-f]{20})/.exec(await status.textContent())[1];
      assert.equal((await stored.json()).receiptId, receipt);
      assert.equal(agreement.references.agentId, 'agent-5');
      assert.deepEqual(problems, []);
    } finally {
      delete served['/deployment.json'];
      await intake.stop();
    }

    // The records system is down: each agreement waits in the outbox (two accounts, two
    // agreements); the workspace opened again once it is up sends both and says so on the
    // agreed card.
    const listen = new URL(intake.url).host;
    served['/deployment.json'] = JSON.stringify({ intakeUrl: `http://${listen}/agreements`, keys: [] });
    const down = join(dir, 'intake-2.sqlite');
    try {
      const { ws, page } = await openWorkspace();
      await agreeOnC(ws, page);
      await ws.action('C', 'agreed-send').click();
      await ws.offer('C').getByTestId('agreed-sent').filter({ hasText: /^Not sent yet/ }).waitFor();
      await page.getByTestId('new-account').click();
      await agreeOnC(ws, page);
      await ws.action('C', 'agreed-send').click();
      await ws.offer('C').getByTestId('agreed-sent').filter({ hasText: /^Not sent yet/ }).waitFor();
      assert.equal((await outbox(page)).length, 2);
      const up = await startIntake({ keysFile, db: down, allowOrigin: new URL(suite.server.url).origin, listen });
      try {
        await page.reload();
        await ws.offer('C').getByTestId('agreed-sent').filter({ hasText: /^Received by records: receipt R-/ }).waitFor();
        await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('accord.outbox.')));
      } finally {
        await up.stop();
      }
    } finally {
      delete served['/deployment.json'];
    }
    const stored = await accord(['intake', 'export', '--db', down]);
    assert.equal(stored.stdout.trim().split('\n').length, 2, stored.stdout);
  });


  test('the app’s export verifies with accord verify and opens back as verified on the follow-up page', async () => {
    const { ws, page, problems } = await openWorkspace();
    const dir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
    await agreeOnC(ws, page);
    const file = await downloadAgreement(page, dir);
    const agreement = JSON.parse(await readFile(file, 'utf8'));
    // PRODUCT.md: 100,000 at 9.99 % over 36 months → 3,226.25 a month.
    assert.equal(agreement.schemaVersion, 1);
    assert.equal(agreement.channel, 'agent');
    assert.deepEqual(agreement.references, { accountReference: 'ACC-77', agentId: 'agent-5' });
    assert.equal(agreement.terms.claim.principal, '100000.00');
    assert.equal(agreement.outcome.schedule[0].payment, '3226.25');
    assert.equal(agreement.outcome.schedule.length, 36);
    assert.deepEqual(agreement.negotiationLog.map((e) => e.event), ['proposed', 'agreed']);
    assert.match(agreement.agreementId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // An independent canonical form and SHA-256 give the same hash.
    assert.equal(rehash(agreement).sha256, agreement.sha256);

    const cli = await accordVerify(file);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /^verified/);

    // Opened in the workspace, the file goes to the follow-up page, which verifies it.
    await openAgreementFile(page, 'agreement.json', await readFile(file, 'utf8'));
    await page.waitForURL(/servicing\.html$/);
    await page.getByTestId('sv-verdict').filter({ hasText: /^Verified/ }).waitFor();
    assert.equal(await page.getByTestId('sv-schedule').locator('tbody tr').count(), 36);
    assert.match(await page.getByTestId('sv-facts').textContent(), /ACC-77.*PaymentCN¥3,226\.25Installments36/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  });

  test('a figure changed by one minor unit is caught by the app and the CLI, rehashed or not', async () => {
    const { ws, page } = await openWorkspace();
    const dir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
    await agreeOnC(ws, page);
    const agreement = JSON.parse(await readFile(await downloadAgreement(page, dir), 'utf8'));
    agreement.outcome.schedule[11].payment = '3226.26';

    // Not rehashed: the hash gives it away.
    await openAgreementFile(page, 'tampered.json', JSON.stringify(agreement));
    await page.waitForURL(/servicing\.html$/);
    const verdict = page.getByTestId('sv-verdict');
    await verdict.filter({ hasText: /^Not verified: 2/ }).waitFor();
    const rows = await page.getByTestId('sv-differences').locator('tbody tr').allTextContents();
    assert.ok(rows.some((r) => r.startsWith('sha256')), rows.join('\n'));
    assert.equal(await page.getByTestId('sv-payments').count(), 0, 'no payments for an agreement that does not verify');

    // Rehashed by the forger, opened on the follow-up page itself: recomputing the terms
    // still finds the one figure, and the verdict is read first.
    const forged = rehash(agreement);
    await page.getByTestId('sv-agreement-file').setInputFiles({ name: 'forged.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(forged)) });
    await verdict.filter({ hasText: /^Not verified: 1 / }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sv-verdict');
    assert.deepEqual(await axeViolations(page), []);
    assert.equal(
      await page.getByTestId('sv-differences').locator('tbody tr').first().textContent(),
      'outcome.schedule.11.payment"3226.26""3226.25"',
    );
    const file = join(dir, 'forged.json');
    await writeFile(file, JSON.stringify(forged));
    const cli = await accordVerify(file);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /outcome\.schedule\.11\.payment: recorded "3226\.26", recomputed "3226\.25"/);
  });

  test('bad files get a message in the user’s language and change nothing', async () => {
    const { ws, page } = await openWorkspace({ locale: 'zh-CN' });
    await agreeOnC(ws, page);
    // Too large to hand over: refused in the workspace, which stays.
    await openAgreementFile(page, 'huge.json', `{"pad": "${'x'.repeat(10 * 1024 * 1024)}"}`);
    const message = page.getByTestId('records-message');
    await message.filter({ hasText: /最多读取 2,097,152 字节/ }).waitFor();
    assert.match(await message.textContent(), /当前工作区保持不变/);

    // Handed over, a file that is not an agreement is refused by the follow-up page; the
    // workspace kept its negotiation (not exported yet: an exported one is not kept).
    await openAgreementFile(page, 'not-json.json', 'PK\u0003\u0004 not json');
    await page.waitForURL(/servicing\.html$/);
    const opened = page.getByTestId('sv-open-message');
    await opened.filter({ hasText: /这不是 JSON 文件/ }).waitFor();
    assert.match(await opened.textContent(), /未打开任何协议/);
    await page.getByTestId('sv-back').click();
    await page.getByTestId('account').waitFor();
    assert.equal(await ws.account('principal').inputValue(), '100,000');
    const dir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
    const file = await downloadAgreement(page, dir);
    await openAgreementFile(page, 'agreement.json', await readFile(file, 'utf8'));
    await page.waitForURL(/servicing\.html$/);
    await page.getByTestId('sv-verdict').filter({ hasText: /^已验证/ }).waitFor();

    // On the follow-up page: each bad file gets its message, the agreement open stays.
    const agreement = JSON.parse(await readFile(file, 'utf8'));
    agreement.terms.claim.principal = 100000;
    const cases = [
      ['truncated.json', '{"schemaVersion": 1, "calculatorVersion": "acc', /文件提前结束/],
      ['version.json', JSON.stringify({ schemaVersion: 9 }), /不支持版本 9/],
      ['unknown.json', JSON.stringify({ schemaVersion: 1, version: 1 }), /未知字段“version”/],
      ['duplicate.json', '{"schemaVersion": 1, "schemaVersion": 1}', /出现了两次/],
      ['huge.json', `{"pad": "${'x'.repeat(3 * 1024 * 1024)}"}`, /最多读取 2,097,152 字节/],
      // An amount given as a JSON number in the terms is named as such.
      ['number.json', JSON.stringify(agreement), /不能是 JSON 数字/],
    ];
    for (const [name, content, expected] of cases) {
      await page.getByTestId('sv-agreement-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
      await opened.filter({ hasText: expected }).waitFor();
      assert.match(await opened.textContent(), /未打开任何协议/);
      assert.match(await page.getByTestId('sv-verdict').textContent(), /^已验证/);
    }
    assert.deepEqual(await axeViolations(page), []);
  });

  test('a crafted agreement gets its message and the pages keep working (issue 13)', async () => {
    const { ws, page, problems } = await openWorkspace();
    const dir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
    await agreeOnC(ws, page);
    const agreement = JSON.parse(await readFile(await downloadAgreement(page, dir), 'utf8'));

    // An LPR of 2^96 − 1 in the terms' policy, rehashed: this crashed the page (and
    // `accord verify`) by overflowing the rate cap. Now refused where it is read. (The card
    // profile the agreement carries has no LPR of its own: one is added.)
    const crafted = structuredClone(agreement);
    crafted.terms.policy.lpr = [{ from: '2019-08-20', oneYearPercent: '79228162514264337593543950335' }];
    await openAgreementFile(page, 'crafted.json', JSON.stringify(rehash(crafted)));
    await page.waitForURL(/servicing\.html$/);
    const message = page.getByTestId('sv-open-message');
    await message.filter({ hasText: /79228162514264337593543950335/ }).waitFor();
    assert.match(await message.textContent(), /\(at terms\.policy\.lpr\.0\.oneYearPercent\): .*\(larger than 1000000000000\)\. /);
    assert.equal(await page.getByTestId('sv-verdict').count(), 0);
    const file = join(dir, 'crafted.json');
    await writeFile(file, JSON.stringify(rehash(crafted)));
    const cli = await accordVerify(file);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /oneYearPercent|79228162514264337593543950335/);

    // The last log entry made a rejection of offer Z, rehashed: "verified" before.
    const edited = structuredClone(agreement);
    const last = edited.negotiationLog.at(-1);
    Object.assign(last, { event: 'rejected', offer: 'Z', at: '2031-01-15T10:05:00.000Z' });
    await page.getByTestId('sv-agreement-file').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(rehash(edited))) });
    await page.getByTestId('sv-verdict').filter({ hasText: /^Not verified/ }).waitFor();
    const rows = await page.getByTestId('sv-differences').locator('tbody tr').allTextContents();
    assert.ok(rows.every((r) => r.startsWith('negotiationLog')), rows.join('\n'));

    // The workspace still computes (a new account: the exported one is not kept).
    await page.getByTestId('sv-back').click();
    await page.getByTestId('account').waitFor();
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '200,000' });
    await ws.setOffer('C', { count: '36', rate: '9.99', 'first-due': '2025-02-15' });
    await ws.offer('C').getByTestId('figure-payment').filter({ hasText: '6,452.50' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('a whole negotiation is saved and opened again', async () => {
    const { ws, page } = await openWorkspace();
    const dir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
    await agreeOnC(ws, page);
    await ws.setOffer('D', { count: '4,' }); // half-typed, kept as typed
    const file = join(dir, 'negotiation.json');
    await saveDownload(page, () => page.getByTestId('save-negotiation').click(), file);
    // After an agreement, a new account starts without asking.
    await page.getByTestId('new-account').click();
    assert.equal(await ws.account('principal').inputValue(), '');
    // A bad file first: nothing changes.
    await page.getByTestId('negotiation-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1}') });
    await page.getByTestId('records-message').filter({ hasText: /not a negotiation saved by Accord/ }).waitFor();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByTestId('negotiation-file').setInputFiles(file);
    await page.getByTestId('records-message').filter({ hasText: 'Negotiation opened.' }).waitFor();
    assert.equal(await ws.account('principal').inputValue(), '100,000');
    assert.equal(await (await ws.offerField('D', 'count')).inputValue(), '4,');
    assert.ok(await ws.badge('C', 'agreed').isVisible());
    assert.equal(await page.getByTestId('negotiation-log').locator('li').count(), 2);
  });

  test('the agreement JSON can be copied', async () => {
    const { ws, page, context } = await openWorkspace();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url });
    await agreeOnC(ws, page);
    await page.getByTestId('copy-agreement').click();
    await page.getByTestId('records-message').filter({ hasText: 'Agreement JSON copied.' }).waitFor();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.equal(copied.outcome.schedule[0].payment, '3226.25');
  });
});
