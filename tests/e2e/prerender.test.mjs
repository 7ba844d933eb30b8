// The first picture (issue 19): the build draws the first view into index.html, so the chart is
// on screen before any script runs, and the canvas then takes its place without moving anything
// (layout shifts measured by the Layout Instability API, from the first byte).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, requireDist } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

requireDist();
const site = siteInBrowser();

// Before the page's own scripts: every layout shift, and the stage's box in the last frame
// with the prerendered picture and in the first frame with the canvas.
const WATCH = () => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__shifts.push({ value: e.value, recent: e.hadRecentInput, at: e.startTime });
  }).observe({ type: 'layout-shift', buffered: true });
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, height: r.height, width: r.width };
  };
  const frame = () => {
    const stage = document.querySelector('.if-stage');
    const figure = document.querySelector('.if-figure');
    if (stage && figure) {
      if (!figure.hasAttribute('data-bands')) window.__before = box(stage);
      else if (!window.__after) window.__after = { stage: box(stage), canvas: box(document.querySelector('.if-canvas')) };
    }
    if (!window.__after) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

async function load(viewport, { javaScriptEnabled = true, colorScheme = 'light', hash = '' } = {}) {
  const context = await site.browser.newContext({ viewport, javaScriptEnabled, colorScheme });
  const page = await context.newPage();
  await page.addInitScript(WATCH);
  await page.goto(site.server.url + hash, { waitUntil: 'load' });
  return { context, page };
}

describe('the first picture', () => {
  it('is in the HTML that the server sends, one drawing each side of the breakpoint', async () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const picture = html.slice(html.indexOf('class="if-prerender"'));
    assert.ok(html.includes('class="if-prerender"'), 'index.html has the prerendered picture');
    for (const drawing of ['if-pre-narrow', 'if-pre-wide']) {
      assert.ok(picture.includes(`class="${drawing}"`), `it has the ${drawing} drawing`);
    }
    assert.ok((picture.match(/<polygon /g) ?? []).length > 20, 'with bands');
    assert.ok((picture.match(/<text /g) ?? []).length > 20, 'and labels as text');
    assert.ok(!html.includes('if-prerender-slot'), 'the slot was filled');
  });

  for (const [name, viewport, drawing] of [
    ['a phone, 360 × 780', { width: 360, height: 780 }, 'if-pre-narrow'],
    ['a desktop, 1280 × 900', { width: 1280, height: 900 }, 'if-pre-wide'],
  ]) {
    it(`shows without JavaScript on ${name}: the ${drawing} drawing, with its labels`, async () => {
      const { context, page } = await load(viewport, { javaScriptEnabled: false });
      try {
        const shown = await page.evaluate(() =>
          [...document.querySelectorAll('.if-prerender svg')]
            .filter((svg) => svg.getBoundingClientRect().height > 0)
            .map((svg) => ({ cls: svg.getAttribute('class'), height: svg.getBoundingClientRect().height, texts: svg.querySelectorAll('text').length, top: svg.getBoundingClientRect().top })),
        );
        assert.equal(shown.length, 1, `exactly one drawing shows: ${JSON.stringify(shown)}`);
        assert.equal(shown[0].cls, drawing);
        assert.ok(shown[0].height > 300 && shown[0].texts > 20, JSON.stringify(shown[0]));
        assert.equal(await page.locator('.if-loading').isVisible(), false, 'no "Loading" over the picture');
      } finally {
        await context.close();
      }
    });

    // TODO (issue 19): the legend and period controls above the stage are filled by the wasm and
    // push it down; they get prerendered once the legend's new shape (issue 16) has landed.
    it(`gives way to the canvas on ${name} without moving anything (CLS ≤ 0.01)`, { todo: 'controls not prerendered yet' }, async () => {
      const { context, page } = await load(viewport);
      try {
        await page.waitForFunction(() => document.documentElement.dataset.state === 'ready' && window.__after, null, { timeout: 60000, polling: 100 });
        await page.waitForTimeout(300);
        const { shifts, before, after, hidden } = await page.evaluate(() => ({
          shifts: window.__shifts,
          before: window.__before,
          after: window.__after,
          hidden: [...document.querySelectorAll('.if-prerender')].every((p) => p.getBoundingClientRect().height === 0),
        }));
        const cls = shifts.filter((s) => !s.recent).reduce((a, s) => a + s.value, 0);
        assert.ok(before, 'a frame showed the prerendered picture before the canvas');
        assert.deepEqual(after.stage, before, 'the stage keeps its place and size when the canvas replaces the picture');
        assert.equal(Math.round(after.canvas.height), Math.round(before.height), 'the canvas is as tall as the picture was');
        assert.ok(hidden, 'the picture is hidden once the canvas is drawn');
        assert.ok(cls <= 0.01, `cumulative layout shift ${cls.toFixed(4)}: ${JSON.stringify(shifts)}`);
      } finally {
        await context.close();
      }
    });
  }

  it('follows the dark colour scheme (text and nodes light on dark)', async () => {
    const { context, page } = await load({ width: 1280, height: 900 }, { javaScriptEnabled: false, colorScheme: 'dark' });
    try {
      const fills = await page.evaluate(() => ({
        text: getComputedStyle(document.querySelector('.if-pre-wide .if-pre-text')).fill,
        node: getComputedStyle(document.querySelector('.if-pre-wide .if-pre-node')).fill,
      }));
      assert.deepEqual(fills, { text: 'rgb(232, 234, 238)', node: 'rgb(196, 200, 208)' });
    } finally {
      await context.close();
    }
  });

  it('is not shown for a link to another view (a hash)', async () => {
    const { context, page } = await load({ width: 1280, height: 900 }, { hash: '#hide=arms' });
    try {
      await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 60000, polling: 100 });
      assert.equal(await page.locator('.if-prerender').count(), 0, 'boot.js removed the first view\'s picture');
    } finally {
      await context.close();
    }
  });
});
