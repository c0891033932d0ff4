// Issue 14 on the RELEASE build: the rules per product bind. A deployment serves its keys
// (the creditor's offer key and a supervisor's approver key) and its policy profiles signed
// with `accord policy sign`; Agree follows the policy, a needs-approval finding opens only
// with a code `accord approve` made for exactly these terms, and `accord verify --keys`
// accepts what the workspace then exports.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { accord, creditorKeys } from './support/cli.mjs';
import { WorkspacePage } from './pages/workspace-page.mjs';

let dir; let keysFile; let supervisorFile; let ghostFile; let server; let browser;

/** A key pair from `accord keygen ID`, its secret written to `dir`; resolves to { file, keyId, publicKey }. */
async function keygen(id) {
  const out = await accord(['keygen', id]);
  assert.equal(out.code, 0, out.stderr);
  const file = join(dir, `${id}.key.json`);
  await writeFile(file, out.stdout);
  const { keyId, publicKey } = JSON.parse(out.stdout);
  return { file, keyId, publicKey };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accord-compliance-'));
  const creditor = await creditorKeys(dir);
  const supervisor = await keygen('sup-zhang');
  supervisorFile = supervisor.file;
  // A supervisor's key the deployment does not know.
  ghostFile = (await keygen('sup-ghost')).file;
  const keys = JSON.stringify({
    keys: [
      ...JSON.parse(creditor.keys).keys,
      { keyId: supervisor.keyId, publicKey: supervisor.publicKey, role: 'approver' },
    ],
  });
  // The creditor's own copy of the card profile, signed for the deployment.
  const profile = await accord(['policy', 'profile', 'cn-bank-card']);
  assert.equal(profile.code, 0, profile.stderr);
  const profileFile = join(dir, 'cn-bank-card.json');
  await writeFile(profileFile, profile.stdout);
  const signed = await accord(['policy', 'sign', '--key', creditor.keyFile, profileFile]);
  assert.equal(signed.code, 0, signed.stderr);
  // Every setting in one file (README "Deployment settings"): the keys and the signed
  // profiles in deployment.json, which `accord verify --keys` also reads.
  const deployment = JSON.stringify({ allowedOrigins: [], keys: JSON.parse(keys).keys, profiles: JSON.parse(signed.stdout).profiles });
  keysFile = join(dir, 'deployment.json');
  await writeFile(keysFile, deployment);
  server = await startServer({ files: { '/deployment.json': deployment } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openWorkspace(locale = 'en-US') {
  const opened = await openPage(browser, { locale });
  const ws = new WorkspacePage(opened.page, server.url);
  await ws.open();
  return { ...opened, ws };
}

const findings = (ws, offer) => ws.offer(offer).getByTestId('findings').textContent();
const agreeReason = (ws, offer) => ws.offer(offer).getByTestId('agree-reason');

/** Downloads what clicking `locator` saves; resolves to the file's text. */
async function downloaded(page, locator, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const file = join(dir, name);
  await download.saveAs(file);
  return { file, text: await readFile(file, 'utf8') };
}

/** `accord approve` of the request in `file`, signed with `key`; resolves to the code. */
async function approve(file, key = supervisorFile) {
  const out = await accord(['approve', '--key', key, file, '--approver', 'zhang.wei', '--reason', 'hardship, verified']);
  assert.equal(out.code, 0, out.stderr);
  return out.stdout.trim();
}

describe('rules that bind', () => {
  test('the bank card profile: offer B is agreeable, 30 % warns with the 24 % wording; private lending blocks at 13.80 %', async () => {
    const { context, page, ws, problems } = await openWorkspace();
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', 'contract-date': '2024-06-01', reference: 'ACC-RULES' });
    // The signed profile replaced the built-in one in the new account.
    await page.getByTestId('policy-signature').filter({ hasText: 'Signed by the creditor (key creditor-2025)' }).waitFor();
    // Offer B: an extension at the account's own 18 % contract rate is no longer "illegal".
    assert.doesNotMatch(await findings(ws, 'B'), /Blocked/);
    assert.ok(await ws.action('B', 'agree').isEnabled());
    // 30 % a year under cn-bank-card: a warning in the court's words, Agree still open.
    await ws.setOffer('C', { count: '12', rate: '30', 'first-due': '2025-02-15' });
    assert.match(await findings(ws, 'C'), /Warning.*a court may reduce the part above 24(\.00)?% a year on the debtor's request/);
    assert.ok(await ws.action('C', 'agree').isEnabled());
    // Private lending, LPR 3.45 % on 2024-06-01: 16 % is above 4 × 3.45 = 13.80 %, a block.
    await page.getByTestId('account-profile').selectOption('cn-private-lending');
    await ws.setOffer('C', { rate: '16' });
    assert.match(await findings(ws, 'C'), /Blocked.*cap 13\.80?% \(4 × LPR\)/);
    assert.ok(await ws.action('C', 'agree').isDisabled());
    assert.match(await agreeReason(ws, 'C').textContent(), /13\.80?%/);
    // The rate cap needs the contract date; without it, a message, never the as-of date.
    await ws.account('contract-date').fill('');
    await page.getByText("The policy's rate cap needs the contract date").first().waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a finding that needs approval opens Agree only with a code for these terms, and verify accepts it', async () => {
    const { context, page, ws, problems } = await openWorkspace();
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', 'contract-date': '2024-06-01', reference: 'ACC-RULES' });
    await ws.setOffer('C', { count: '36', rate: '9.99', 'first-due': '2025-02-15', 'waiver-principal': '10' });
    // A principal waiver is a house rule of the card profile: it needs approval.
    assert.match(await findings(ws, 'C'), /Needs approval/);
    assert.ok(await ws.action('C', 'agree').isDisabled());
    assert.equal(await agreeReason(ws, 'C').textContent(), "Needs a supervisor's approval: paste the approval code.");
    const approval = await ws.offerField('C', 'approval');

    // The agent downloads the request; the supervisor approves it with `accord approve`.
    const request = await downloaded(page, ws.offer('C').getByTestId('approval-request'), 'request.json');
    assert.equal(JSON.parse(request.text).claim.principal, '100,000');
    const code = await approve(request.file);
    // A code from a key the deployment does not know opens nothing.
    await approval.fill(await approve(request.file, ghostFile));
    assert.match(await ws.offerError('C', 'approval'), /not signed by an approver's key/);
    assert.ok(await ws.action('C', 'agree').isDisabled());
    // Nor does garbage.
    await approval.fill('not-a-code');
    assert.match(await ws.offerError('C', 'approval'), /not an approval code/);
    // The supervisor's code opens Agree and says who approved and why.
    await approval.fill(code);
    assert.ok(await ws.action('C', 'agree').isEnabled());
    assert.match(await agreeReason(ws, 'C').textContent(), /Approved by zhang\.wei at .*: hardship, verified/);
    // Change a figure and the approval no longer applies; change it back and it does.
    await ws.setOffer('C', { count: '24' });
    assert.match(await ws.offerError('C', 'approval'), /approves other terms/);
    assert.ok(await ws.action('C', 'agree').isDisabled());
    await ws.setOffer('C', { count: '36' });
    assert.ok(await ws.action('C', 'agree').isEnabled());

    await ws.action('C', 'agree').click();
    assert.ok(await ws.badge('C', 'agreed').isVisible());
    const agreement = await downloaded(page, page.getByTestId('download-agreement'), 'agreement-approved.json');
    const json = JSON.parse(agreement.text);
    assert.deepEqual(json.approvals, [code]);
    assert.equal(json.policyBasis.name, 'cn-bank-card');
    assert.match(json.policyBasis.sha256, /^[0-9a-f]{64}$/);
    const verified = await accord(['verify', agreement.file, '--keys', keysFile]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    // Without the approval the record system refuses the same agreement.
    const stripped = join(dir, 'agreement-stripped.json');
    await writeFile(stripped, JSON.stringify({ ...json, approvals: [] }));
    const refused = await accord(['verify', stripped, '--keys', keysFile]);
    assert.equal(refused.code, 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("an agent's change of a limit is an override: shown in the panel and recorded in the agreement", async () => {
    const { context, page, ws, problems } = await openWorkspace();
    await ws.setAccount({ 'as-of': '2025-01-15', principal: '100,000', 'contract-date': '2024-06-01', reference: 'ACC-OVERRIDE' });
    await page.getByTestId('policy-signature').filter({ hasText: 'Signed by the creditor' }).waitFor();
    await ws.setOffer('C', { count: '36', rate: '9.99', 'first-due': '2025-02-15' });
    // Stricter than the profile: 48 months instead of Art. 70's 60.
    await page.getByLabel('Longest term (months)').fill('48');
    await page.getByText('Changed for this account; the profile says 60').waitFor();
    assert.ok(await ws.action('C', 'agree').isEnabled());
    // Looser: 72 months lets a 66-month plan through only with an approval that names 60.
    await page.getByLabel('Longest term (months)').fill('72');
    await ws.setOffer('C', { count: '66' });
    assert.match(await findings(ws, 'C'), /changed for this account from 60: needs approval/);
    assert.ok(await ws.action('C', 'agree').isDisabled());
    await page.getByLabel('Longest term (months)').fill('48');
    await ws.setOffer('C', { count: '36' });
    await ws.action('C', 'agree').click();
    const agreement = await downloaded(page, page.getByTestId('download-agreement'), 'agreement-override.json');
    const json = JSON.parse(agreement.text);
    assert.deepEqual(json.policyBasis.overrides.map(({ from, to }) => [from, to]), [['60', '48']]);
    const verified = await accord(['verify', agreement.file, '--keys', keysFile]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
