// One release-build server and one Chromium for a test file, started before its tests and
// closed after them.
import { after, before, beforeEach } from 'node:test';
import { startServer } from './server.mjs';
import { launchBrowser, openPage } from './browser.mjs';
import { WorkspacePage } from '../pages/workspace-page.mjs';

/** `files`: paths served from memory instead of the build (read at each request). */
export function useServerAndBrowser({ files = {} } = {}) {
  const suite = { server: undefined, browser: undefined };
  before(async () => {
    suite.server = await startServer({ files });
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/**
 * `openWorkspace(options)`: a fresh context on the workspace of `suite`'s server, closed
 * before the next test. Resolves to { page, problems, ws, context }.
 */
export function useWorkspaceSessions(suite) {
  let context;
  beforeEach(async () => {
    await context?.close();
    context = undefined;
  });
  return async function openWorkspace(options = {}) {
    const opened = await openPage(suite.browser, { locale: 'en-US', ...options });
    context = opened.context;
    const ws = new WorkspacePage(opened.page, suite.server.url);
    await ws.open();
    return { ...opened, ws };
  };
}
