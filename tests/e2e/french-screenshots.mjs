// Screenshots of the French page (`?lang=fr`), 360 px wide, light and dark, from the built site
// served at / with the CSP: `node tests/e2e/french-screenshots.mjs OUT_DIR` writes
// OUT_DIR/influence-flows-fr-360-{light,dark}.png, prints each path, and exits non-zero if a
// page did not reach data-state "ready" or logged an error.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { DIST, requireDist, launchBrowser, openPage, errorPanelText } from './browser.mjs';

const out = path.resolve(process.argv[2] ?? path.join('target', 'screenshots'));
requireDist();
mkdirSync(out, { recursive: true });

const browser = await launchBrowser();
const server = await startServer({ root: DIST, csp: true });
let failed = 0;
try {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, state, problems } = await openPage(browser, `${server.url}?lang=fr`, {
      width: 360,
      height: 800,
      colorScheme,
    });
    const file = path.join(out, `influence-flows-fr-360-${colorScheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(state === 'ready' ? file : `${file} (data-state ${state}: ${await errorPanelText(page)})`);
    for (const p of problems) console.log(`  logged: ${p}`);
    if (state !== 'ready' || problems.length) failed++;
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (failed) process.exit(1);
