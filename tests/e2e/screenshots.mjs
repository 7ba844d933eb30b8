// Screenshots of the built site, 1280 and 360 px wide, light and dark, served at / with the CSP.
// `node tests/e2e/screenshots.mjs OUT_DIR` (cargo xtask screenshots passes target/screenshots).
// Writes OUT_DIR/influence-flows-<width>-<scheme>.png and prints each path; exits non-zero if a
// page did not reach data-state "ready" or logged an error (its screenshot is still written).

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { DIST, requireDist, launchBrowser, openPage, errorPanelText } from './browser.mjs';

const out = path.resolve(process.argv[2] ?? path.join('target', 'screenshots'));
const dpr = Number(process.env.IF_DPR ?? 1);
requireDist();
mkdirSync(out, { recursive: true });

const browser = await launchBrowser();
const server = await startServer({ root: DIST, csp: true });
let failed = 0;
try {
  for (const width of [1280, 360]) {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, state, problems } = await openPage(browser, server.url, {
        width,
        height: width > 600 ? 900 : 800,
        colorScheme,
        deviceScaleFactor: dpr,
      }).catch((err) => ({ state: 'timeout', problems: [err.message] }));
      const file = path.join(out, `influence-flows-${width}-${colorScheme}.png`);
      if (page) await page.screenshot({ path: file, fullPage: true });
      const note = state === 'ready' ? '' : ` (data-state ${state}${page ? `: ${await errorPanelText(page)}` : ''})`;
      console.log(`${page ? file : `no screenshot for ${width} ${colorScheme}`}${note}`);
      for (const p of problems) console.log(`  logged: ${p}`);
      if (state !== 'ready' || problems.length) failed++;
      await context?.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (failed) {
  console.error(`${failed} of 4 pages were not clean (see above)`);
  process.exit(1);
}
