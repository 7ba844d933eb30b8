// The set-up every browser test file shares: before its tests, headless Chromium and the test
// server on `dist/` (with the strict CSP, plus any `overrides`); after them, both closed.

import { before, after } from 'node:test';
import { startServer } from './server.mjs';
import { DIST, launchBrowser } from './browser.mjs';

/**
 * Registers the file's `before` and `after` hooks and returns `{ browser, server }`, filled
 * in once `before` has run. `serverOptions` are passed to `startServer` (e.g. `overrides`).
 */
export function siteInBrowser(serverOptions = {}) {
  const site = { browser: undefined, server: undefined };
  before(async () => {
    site.browser = await launchBrowser();
    site.server = await startServer({ root: DIST, csp: true, ...serverOptions });
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
