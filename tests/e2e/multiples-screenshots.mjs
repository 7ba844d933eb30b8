// Screenshots of small multiples, 1280 and 360 px wide, light and dark, by family and by period.
// `node tests/e2e/multiples-screenshots.mjs OUT_DIR` (default target/screenshots) after
// `cargo xtask build`; writes OUT_DIR/influence-flows-multiples-<by>-<width>-<scheme>.png and
// prints each path; exits non-zero if a page was not ready or logged an error.

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
  for (const by of ['family', 'period']) {
    for (const width of [1280, 360]) {
      for (const colorScheme of ['light', 'dark']) {
        const { context, page, state, problems } = await openPage(browser, `${server.url}#layout=multiples&by=${by}`, {
          width,
          height: width > 600 ? 900 : 800,
          colorScheme,
        }).catch((err) => ({ state: 'timeout', problems: [err.message] }));
        const file = path.join(out, `influence-flows-multiples-${by}-${width}-${colorScheme}.png`);
        if (page) await page.screenshot({ path: file, fullPage: true });
        const note = state === 'ready' ? '' : ` (data-state ${state}${page ? `: ${await errorPanelText(page)}` : ''})`;
        console.log(`${page ? file : `no screenshot for ${by} ${width} ${colorScheme}`}${note}`);
        for (const p of problems) console.log(`  logged: ${p}`);
        if (state !== 'ready' || problems.length) failed++;
        await context?.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (failed) {
  console.error(`${failed} pages were not clean (see above)`);
  process.exit(1);
}
