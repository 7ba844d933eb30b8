// Screenshots of the tooltip of given bands, and of their pinned evidence panel, from the built
// site served at / with the CSP: `node tests/e2e/tooltip-screenshots.mjs OUT_DIR`.
// Each band is found by hovering the canvas until the tooltip's title is the band's; writes
// OUT_DIR/tooltip-<name>.png (the stage with its tooltip) and OUT_DIR/panel-<name>.png, prints
// each path, and exits non-zero if a band is not found or the page is not clean.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { DIST, requireDist, readDataset, launchBrowser, openPage, errorPanelText } from './browser.mjs';

const out = path.resolve(process.argv[2] ?? path.join('target', 'screenshots'));
requireDist();
mkdirSync(out, { recursive: true });
const dataset = readDataset();
const name = (id) => dataset.actors.find((a) => a.id === id).name;
const label = (id) => dataset.kinds.find((k) => k.id === id).label;

// An attributed claim and a flow with several figures (the Moura band holds both kinds), and
// a band of one attributed claim.
const bands = [
  { file: 'moura-figures', source: 'malian-armed-forces', target: 'malian-civilians', kind: 'violence' },
  { file: 'attributed-claim', source: 'wagner', target: 'russia', kind: 'arms' },
];

const browser = await launchBrowser();
const server = await startServer({ root: DIST, csp: true });
let failed = 0;
try {
  for (const band of bands) {
    const hide = dataset.kinds.map((k) => k.id).filter((k) => k !== band.kind).join(',');
    const title = `${name(band.source)} → ${name(band.target)} · ${label(band.kind)}`;
    const { context, page, state, problems } = await openPage(browser, `${server.url}#hide=${hide}`, {
      width: 1280,
      height: 1000,
      colorScheme: 'light',
    });
    if (state !== 'ready') {
      console.error(`page not ready: ${await errorPanelText(page)}`);
      failed++;
      await context.close();
      continue;
    }
    const canvas = page.locator('canvas.if-canvas');
    const box = await canvas.boundingBox();
    let found = false;
    search: for (let x = box.width * 0.3; x < box.width * 0.7; x += 12) {
      for (let y = 4; y < box.height; y += 6) {
        await page.mouse.move(box.x + x, box.y + y);
        const shown = await page.evaluate(() => {
          const tip = document.querySelector('.if-tooltip');
          return tip.hidden ? null : tip.querySelector('.if-tip-title')?.textContent;
        });
        if (shown === title) {
          found = true;
          break search;
        }
      }
    }
    if (!found) {
      console.error(`no band "${title}" found under the pointer`);
      failed++;
      await context.close();
      continue;
    }
    const tipFile = path.join(out, `tooltip-${band.file}.png`);
    // The tooltip with the chart around it (the tooltip may reach below the stage).
    const tip = await page.locator('.if-tooltip').boundingBox();
    const left = Math.max(0, Math.min(tip.x, box.x + box.width * 0.2) - 20);
    const top = Math.max(0, Math.min(tip.y, box.y) - 20);
    const right = Math.min(1280, Math.max(tip.x + tip.width, box.x + box.width * 0.8) + 20);
    const bottom = Math.max(tip.y + tip.height, box.y + 200) + 20;
    await page.screenshot({
      path: tipFile,
      fullPage: true,
      clip: { x: left, y: top, width: right - left, height: bottom - top },
    });
    console.log(tipFile);
    const pinned = await openPage(
      browser,
      `${server.url}#hide=${hide}&sel=band:${band.source}:${band.target}:${band.kind}`,
      { width: 1280, height: 1000, colorScheme: 'light' },
    );
    const panel = pinned.page.locator('.if-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
    const panelFile = path.join(out, `panel-${band.file}.png`);
    if (await panel.isVisible()) {
      await panel.screenshot({ path: panelFile });
      console.log(panelFile);
    } else {
      console.error(`no evidence panel for ${title}`);
      failed++;
    }
    for (const p of [...problems, ...pinned.problems]) {
      console.error(`  logged: ${p}`);
      failed++;
    }
    await pinned.context.close();
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (failed) process.exit(1);
