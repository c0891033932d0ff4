// One release-build server and one Chromium for a test file, started before its tests and
// closed after them.
import { after, before } from 'node:test';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

export function useServerAndBrowser() {
  const suite = { server: undefined, browser: undefined };
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
