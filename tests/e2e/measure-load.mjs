// How long a person waits for Accord to show something useful, on the release build served
// as a deployment serves it (scripts/serve-static.mjs: gzip, strict CSP), in headless
// Chromium with no cache (issue 17):
//   - the debtor's page from a short link until the first choice's cost is on screen, at
//     360×740, unthrottled and on the phone profile the issue names (CDP: CPU 4× slower,
//     1.6 Mbps down, 750 kbps up, 150 ms round trip);
//   - the workspace until the account form is on screen, at 1280×720, the same two ways.
// Median (and min/max) of LOADS fresh loads each (default 10). Not a test: it only prints.
// Run with scripts/load (it builds the release app and the CLI first).
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accord, creditorKeys } from './support/cli.mjs';
import { launchBrowser } from './support/browser.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const loads = Number(process.env.LOADS ?? 10);
const phone = {
  cpu: 4,
  // CDP takes bytes per second and milliseconds.
  network: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
};

/** Serves `dir` with scripts/serve-static.mjs on a free port; resolves to { url, stop }. */
async function serve(dir) {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [join(root, 'scripts/serve-static.mjs'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ready, fail) => {
    child.stdout.once('data', ready);
    child.once('exit', (code) => fail(new Error(`serve-static exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

/** One fresh load of `url` until `shown` (a function run in the page) holds; ms since navigation start. */
async function load(browser, url, viewport, shown, throttled) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', phone.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: phone.cpu });
  }
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(shown, undefined, { timeout: 120_000, polling: 'raf' });
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  return `median ${s(median)} (min ${s(sorted[0])}, max ${s(sorted.at(-1))}, ${times.length} loads)`;
}

const dir = await mkdtemp(join(tmpdir(), 'accord-load-'));
const site = join(dir, 'site');
await cp(process.env.ACCORD_DIST ?? join(root, 'dist'), site, { recursive: true });
const { keyFile, settings } = await creditorKeys(dir);
await writeFile(join(site, 'deployment.json'), settings());
const server = await serve(site);
// The self-service test's offer: 10,000 owed, 3–24 installments or a settlement.
const offerFile = join(dir, 'offer.json');
await writeFile(offerFile, JSON.stringify({
  version: 1, offerId: 'OFR-LOAD-1', keyId: 'creditor-2025', expiresAt: '2099-12-31T00:00:00Z',
  accountReference: 'ACC-2025-0042',
  creditor: { name: 'Example Bank Card Centre', phone: '400-820-5555' },
  claim: { currency: 'CNY', asOf: '2025-01-15', principal: '10000.00', penalty: '300.00', contractRatePercent: '18' },
  choices: [
    { type: 'installments', waivers: [{ bucket: 'penalty', percent: '100', conditional: true }],
      minCount: 3, maxCount: 24, frequency: 'monthly', method: 'equalInstallment', annualRatePercent: '0',
      minDownPaymentPercent: '10', firstDueFrom: '2025-02-01', firstDueTo: '2025-02-28' },
    { type: 'settlement', waivers: [{ bucket: 'penalty', percent: '100' }], payByFrom: '2025-01-15', payByTo: '2025-01-31' },
  ],
}));
const signed = await accord(['offer', 'sign', '--key', keyFile, offerFile, '--base', server.url, '--store', site]);
if (signed.code !== 0) throw new Error(signed.stderr);
const shortLink = signed.stdout.trim();

const pages = [
  {
    name: `debtor's page, short link (${shortLink.length} characters), 360×740, until the first choice's cost shows`,
    url: shortLink,
    viewport: { width: 360, height: 740 },
    shown: () => /\d/.test(document.querySelector('[data-testid=ss-cost]')?.textContent ?? ''),
  },
  {
    name: 'workspace, 1280×720, until the account form shows',
    url: server.url,
    viewport: { width: 1280, height: 720 },
    shown: () => document.querySelector('#account-principal') !== null,
  },
];

const browser = await launchBrowser();
try {
  console.log(`first useful render, release build served with gzip, no cache, headless Chromium (${loads} loads each):`);
  for (const { name, url, viewport, shown } of pages) {
    console.log(`  ${name}`);
    for (const [label, throttled] of [['unthrottled', false], ['phone profile (CPU 4×, 1.6 Mbps down, 750 kbps up, 150 ms RTT)', true]]) {
      const times = [];
      for (let i = 0; i < loads; i++) times.push(await load(browser, url, viewport, shown, throttled));
      console.log(`    ${label}: ${summary(times)}`);
    }
  }
} finally {
  await browser.close();
  server.stop();
  await rm(dir, { recursive: true, force: true });
}
