// Screenshots of three steps of the year player (2020, 2021, 2022) and of a frame in between,
// at 1280 and 360 CSS px in the light theme, from the built site served with the CSP:
// `node tests/e2e/motion-screenshots.mjs [OUT_DIR]` (default target/screenshots). Writes
// OUT_DIR/motion-<width>-<year>.png (the picture once it has moved) and
// OUT_DIR/motion-<width>-<year>-between.png (the canvas half-way), printing each path.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { DIST, requireDist, launchBrowser, openPage, errorPanelText } from './browser.mjs';

const out = path.resolve(process.argv[2] ?? path.join('target', 'screenshots'));
requireDist();
mkdirSync(out, { recursive: true });
const [first, ...steps] = [2020, 2021, 2022];

const browser = await launchBrowser();
const server = await startServer({ root: DIST, csp: true });
let failed = 0;
try {
  for (const width of [1280, 360]) {
    const { context, page, state, problems } = await openPage(browser, `${server.url}#years=${first}-${first}`, {
      width,
      height: 900,
      colorScheme: 'light',
    });
    if (state !== 'ready') {
      console.error(`page not ready: ${await errorPanelText(page)}`);
      failed++;
      await context.close();
      continue;
    }
    // The period controls and the stage: the year shown and its picture.
    const shoot = async (file) => {
      const top = await page.locator('.if-from').boundingBox();
      const stage = await page.locator('.if-stage').boundingBox();
      const y = Math.max(0, Math.min(top?.y ?? stage.y, stage.y) - 8);
      const clip = { x: 0, y, width, height: stage.y + stage.height - y + 8 };
      const file_ = path.join(out, file);
      await page.screenshot({ path: file_, clip, fullPage: true });
      console.log(file_);
    };
    await shoot(`motion-${width}-${first}.png`);
    // The canvas half-way through each step (200 ms of 400), caught in the page: a screenshot
    // takes longer than the motion.
    await page.evaluate(() => {
      const f = document.querySelector('.if-figure');
      window.__between = [];
      let since = null;
      const tick = () => {
        if (!f.hasAttribute('data-animating')) since = null;
        else if (since === null) since = performance.now();
        else if (performance.now() - since >= 200 && window.__between.length < 9 && !f.dataset.caught) {
          window.__between.push({ hash: location.hash, png: document.querySelector('canvas.if-canvas').toDataURL() });
          f.dataset.caught = '1';
        }
        if (!f.hasAttribute('data-animating')) delete f.dataset.caught;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.click('.if-play');
    for (const year of steps) {
      await page.waitForFunction((y) => location.hash.includes(`years=${y}-${y}`), year, { timeout: 5000, polling: 'raf' });
      await page.waitForFunction(() => !document.querySelector('.if-figure').hasAttribute('data-animating'), null, { timeout: 5000 });
      await shoot(`motion-${width}-${year}.png`);
    }
    for (const { hash, png } of await page.evaluate(() => window.__between)) {
      const year = hash.match(/years=(\d+)/)?.[1];
      const file = path.join(out, `motion-${width}-${year}-between.png`);
      writeFileSync(file, Buffer.from(png.split(',')[1], 'base64'));
      console.log(file);
    }
    await page.click('.if-play');
    if (problems.length) {
      console.error(problems.join('\n'));
      failed++;
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
