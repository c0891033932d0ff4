// Debian's Chromium driven by playwright-core, with the flags this closed network needs,
// and a page that records every console error and page error for the tests to assert on.
import { chromium } from 'playwright-core';

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser() {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A fresh context and page. `problems` collects console errors, page errors and failed
 * requests, so a test can assert that none happened.
 */
/** The agreements waiting in the page's outbox (`accord.outbox.<agreementId>`), as stored. */
export const outbox = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('accord.outbox.')).map((k) => localStorage.getItem(k)));

export async function openPage(browser, { locale = 'en-US', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()}`));
  return { context, page, problems };
}

// Clicks what `trigger` clicks, waits for the download it starts and saves it as `file`;
// returns the download (its suggested file name).
export async function saveDownload(page, trigger, file) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  await download.saveAs(file);
  return download;
}
