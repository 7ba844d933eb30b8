// End-to-end: the story (issue 20). The example article story.html moves its chart to the
// step of each marked paragraph as it scrolls into view, in an iframe and in an element embed
// (view state: the figure's data-step and the URL hash; pixels: the canvas changes); the
// iframe ignores step messages from a window other than its parent, from another origin, or
// of the wrong shape; the page's step control works with the keyboard and a tap. Writes
// screenshots of three steps at 1280 and 360 px to target/screenshots/story-*.png.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { requireDist, readDataset, openPage, DIST, ROOT } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';
import { startServer } from './server.mjs';

requireDist();
const dataset = readDataset();
const steps = dataset.story.length;
const story = readFileSync(path.join(DIST, 'story.html'), 'utf8');
// The same article with an element embed in place of the iframe.
const STORY_ELEMENT = story
  .replace(/<iframe data-influence-flows[^>]*><\/iframe>/, '<div class="influence-flows" id="chart" data-title="0"></div>')
  .replace('<script src="embed.js" defer></script>', '<script src="embed.js" defer></script>\n  <script type="module" src="embed-element.js"></script>');
const SHOTS = path.join(ROOT, 'target', 'screenshots');

const site = siteInBrowser({ overrides: { 'story-element.html': STORY_ELEMENT, 'favicon.ico': '' } });

/** A cheap signature of a canvas's pixels: sums over a grid of samples. */
function canvasSignature(canvas) {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const { width, height } = canvas;
  const data = context.getImageData(0, 0, width, height).data;
  let sum = 0;
  let inked = 0;
  for (let i = 0; i < data.length; i += 4 * 7) {
    sum = (sum * 31 + data[i] + 3 * data[i + 1] + 7 * data[i + 2]) % 1_000_000_007;
    if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 700) inked++;
  }
  return `${width}x${height}:${sum}:${inked}`;
}

/** Opens the iframe article and waits for its chart. */
async function openArticle(file, { width = 1280, height = 800, hasTouch = false } = {}) {
  const context = await site.browser.newContext({ viewport: { width, height }, hasTouch });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(site.server.url + file);
  return { context, page, problems };
}

/**
 * Scrolls paragraph `n` across the line where embed.js counts it (the window's middle; on a
 * phone four fifths of the way down, below the sticky chart), as a reader would.
 */
async function scrollToStep(page, n) {
  await page.evaluate((n) => {
    const paragraph = document.querySelector(`[data-influence-flows-step="${n}"]`);
    const line = matchMedia('(max-width: 759px)').matches ? 0.8 : 0.5;
    window.scrollBy(0, paragraph.getBoundingClientRect().top - innerHeight * line + 20);
  }, n);
}

describe('the example article', () => {
  it('quotes every step of the dataset, word for word, with its source named', () => {
    for (const [i, step] of dataset.story.entries()) {
      const section = story.match(new RegExp(`data-influence-flows-step="${i + 1}"[\\s\\S]*?</section>`))?.[0];
      assert.ok(section, `a paragraph for step ${i + 1}`);
      const text = section.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
      assert.ok(text.includes(step.caption), `step ${i + 1} quotes “${step.caption}”`);
      const source = dataset.sources.find((s) => s.id === step.source);
      assert.ok(text.includes(source.title), `step ${i + 1} names “${source.title}”`);
    }
  });

  it('moves the iframe chart to the step of each paragraph scrolled into view', async () => {
    const { context, page, problems } = await openArticle('story.html');
    try {
      const frame = page.frameLocator('#chart');
      await frame.locator('html[data-state="ready"]').waitFor({ timeout: 60_000 });
      const inner = page.frames().find((f) => f.url().includes('index.html'));
      const seen = new Set();
      for (let n = 1; n <= steps; n++) {
        await scrollToStep(page, n);
        await frame.locator(`.if-figure[data-step="${n}"]`).waitFor({ timeout: 10_000 });
        assert.equal(await inner.evaluate(() => location.hash), `#step=${n}`);
        await page.waitForTimeout(500); // past any view transition
        const signature = await inner.evaluate(canvasSignature, await inner.$('canvas.if-canvas'));
        assert.ok(!seen.has(signature), `step ${n} draws a picture of its own`);
        seen.add(signature);
        const active = await page.locator('[data-influence-flows-active]').getAttribute('data-influence-flows-step');
        assert.equal(active, String(n));
        assert.equal(
          await frame.locator('.if-story-position').textContent(),
          `Step ${n} of ${steps}`,
        );
      }
      // Back up: the chart follows.
      await scrollToStep(page, 2);
      await frame.locator('.if-figure[data-step="2"]').waitFor({ timeout: 10_000 });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('moves the element embed to the step of each paragraph scrolled into view', async () => {
    const { context, page, problems } = await openPage(site.browser, site.server.url + 'story-element.html', { width: 1280, height: 800 });
    try {
      const seen = new Set();
      for (let n = 1; n <= steps; n++) {
        await scrollToStep(page, n);
        await page
          .waitForFunction((n) => document.querySelector('#chart').step === n, n, { timeout: 10_000 })
          .catch(async (e) => {
            const now = await page.evaluate(() => [document.querySelector('#chart').step, location.hash, scrollY]);
            throw new Error(`step ${n}: the element shows ${JSON.stringify(now)}`, { cause: e });
          });
        const figure = page.locator('#chart .if-figure');
        assert.equal(await figure.getAttribute('data-step'), String(n));
        assert.equal(await page.evaluate(() => location.hash), `#step=${n}`);
        await page.waitForTimeout(500);
        const canvas = await page.evaluateHandle(() => document.querySelector('#chart').shadowRoot.querySelector('canvas.if-canvas'));
        const pixels = await page.evaluate(canvasSignature, canvas);
        assert.ok(!seen.has(pixels), `step ${n} draws a picture of its own`);
        seen.add(pixels);
      }
      // el.setView(hash): any view, as a link's hash says it.
      await page.evaluate(() => document.querySelector('#chart').setView('show=arms'));
      // The page writes it as it writes any view: every other kind hidden, no step.
      await page.waitForFunction(() => location.hash.startsWith('#hide=') && !location.hash.includes('step='), null, { timeout: 10_000 });
      const hidden = (await page.evaluate(() => location.hash)).slice('#hide='.length).split('&')[0].split(',');
      assert.deepEqual(hidden.sort(), dataset.kinds.map((k) => k.id).filter((k) => k !== 'arms').sort());
      assert.equal(await page.evaluate(() => document.querySelector('#chart').step), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('step messages to the iframe', () => {
  it('obeys its parent and ignores other windows, other origins and wrong shapes', async () => {
    // The article on another origin (its own server, no CSP), the chart from the site; a
    // sibling frame from a third origin (localhost) plays the stranger.
    const sibling = site.server.url.replace('127.0.0.1', 'localhost') + 'stranger.html';
    const host = `<!doctype html><html><head><meta charset="utf-8"><title>Host</title></head><body>
<iframe id="chart" src="${site.server.url}index.html?id=mali-story" style="width:1000px;height:900px"></iframe>
<iframe id="stranger" src="${sibling}"></iframe></body></html>`;
    const article = await startServer({ root: DIST, overrides: { 'host.html': host, 'favicon.ico': '' } });
    const context = await site.browser.newContext({ viewport: { width: 1100, height: 1000 } });
    const page = await context.newPage();
    try {
      await page.goto(article.url + 'host.html');
      const frame = page.frameLocator('#chart');
      await frame.locator('html[data-state="ready"]').waitFor({ timeout: 60_000 });
      const figure = frame.locator('.if-figure');
      const post = (message) =>
        page.evaluate((m) => document.querySelector('#chart').contentWindow.postMessage(m, '*'), message);
      await post({ type: 'influence-flows:step', id: 'mali-story', step: 3 });
      await frame.locator('.if-figure[data-step="3"]').waitFor({ timeout: 10_000 });
      // No id is fine too: one chart.
      await post({ type: 'influence-flows:step', step: 2 });
      await frame.locator('.if-figure[data-step="2"]').waitFor({ timeout: 10_000 });
      // Wrong shapes, another chart's id, a step the story does not have.
      for (const wrong of [
        { type: 'influence-flows:step', step: '4' },
        { type: 'influence-flows:step', step: 4.5 },
        { type: 'influence-flows:step', id: 'another-chart', step: 4 },
        { type: 'influence-flows:step', id: 7, step: 4 },
        { type: 'influence-flows:stop', step: 4 },
        { step: 4 },
        'influence-flows:step',
        null,
        { type: 'influence-flows:step', step: steps + 1 },
      ]) {
        await post(wrong);
      }
      // From a stranger of another origin, and from the chart's own window.
      const stranger = page.frames().find((f) => f.url() === sibling);
      assert.ok(stranger, 'the stranger frame loaded');
      await stranger.evaluate(() => parent.frames[0].postMessage({ type: 'influence-flows:step', step: 5 }, '*'));
      const inner = page.frames().find((f) => f.url().includes('index.html?id=mali-story'));
      await inner.evaluate(() => window.postMessage({ type: 'influence-flows:step', step: 6 }, '*'));
      // None of them moved the chart (a step takes a few ms; give them ample time).
      await page.waitForTimeout(1000);
      assert.equal(await figure.getAttribute('data-step'), '2');
      assert.equal(await inner.evaluate(() => location.hash), '#step=2');
      // And the parent is still obeyed.
      await post({ type: 'influence-flows:step', id: 'mali-story', step: 4 });
      await frame.locator('.if-figure[data-step="4"]').waitFor({ timeout: 10_000 });
    } finally {
      await context.close();
      await article.close();
    }
  });
});

describe('the step control', () => {
  it('works with the keyboard, and announces each step', async () => {
    const { context, page, problems } = await openPage(site.browser, site.server.url + '#step=1');
    try {
      const figure = page.locator('.if-figure');
      assert.equal(await figure.getAttribute('data-step'), '1');
      const live = page.locator('.if-story-caption');
      assert.equal(await live.getAttribute('aria-live'), 'polite');
      assert.match(await live.textContent(), new RegExp(`^Step 1 of ${steps}`));
      assert.ok((await live.textContent()).includes(dataset.story[0].caption));
      await page.locator('.if-story-next').focus();
      await page.keyboard.press('Enter');
      await page.locator('.if-figure[data-step="2"]').waitFor({ timeout: 10_000 });
      await page.keyboard.press('Space');
      await page.locator('.if-figure[data-step="3"]').waitFor({ timeout: 10_000 });
      assert.equal(await page.evaluate(() => location.hash), '#step=3');
      assert.match(await live.textContent(), new RegExp(`^Step 3 of ${steps}`));
      // Shift+Tab reaches Previous, past the caption.
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'if-story-prev');
      await page.keyboard.press('Enter');
      await page.locator('.if-figure[data-step="2"]').waitFor({ timeout: 10_000 });
      // Back in history: the step before.
      await page.goBack();
      await page.locator('.if-figure[data-step="3"]').waitFor({ timeout: 10_000 });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('works with a tap, and stops at the ends', async () => {
    const context = await site.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      await page.goto(site.server.url);
      await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 60_000 });
      const figure = page.locator('.if-figure');
      assert.equal(await figure.getAttribute('data-step'), '');
      assert.equal(await page.locator('.if-story-prev').getAttribute('aria-disabled'), 'true');
      await page.locator('.if-story-next').tap();
      await page.locator('.if-figure[data-step="1"]').waitFor({ timeout: 10_000 });
      for (let n = 2; n <= steps; n++) {
        await page.locator('.if-story-next').tap();
        await page.locator(`.if-figure[data-step="${n}"]`).waitFor({ timeout: 10_000 });
      }
      assert.equal(await page.locator('.if-story-next').getAttribute('aria-disabled'), 'true');
      // Playwright will not tap an aria-disabled button unless forced; a reader can.
      await page.locator('.if-story-next').tap({ force: true });
      await page.waitForTimeout(300);
      assert.equal(await figure.getAttribute('data-step'), String(steps));
      await page.locator('.if-story-prev').tap();
      await page.locator(`.if-figure[data-step="${steps - 1}"]`).waitFor({ timeout: 10_000 });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('screenshots', () => {
  it('photographs three steps of the article at 1280 and 360 px', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [1280, 360]) {
      const { context, page } = await openArticle('story.html', { width, height: width > 600 ? 800 : 740 });
      try {
        const frame = page.frameLocator('#chart');
        await frame.locator('html[data-state="ready"]').waitFor({ timeout: 60_000 });
        for (const n of [1, 2, 4]) {
          await scrollToStep(page, n);
          await frame.locator(`.if-figure[data-step="${n}"]`).waitFor({ timeout: 10_000 });
          await page.waitForTimeout(700);
          await page.screenshot({ path: path.join(SHOTS, `story-step-${n}-${width}.png`) });
        }
      } finally {
        await context.close();
      }
    }
  });
});
