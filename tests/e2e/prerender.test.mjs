// The first picture (issue 19): the build draws the first view into index.html, so the chart is
// on screen before any script runs, and the canvas then takes its place without moving anything
// (layout shifts measured by the Layout Instability API, from the first byte).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, requireDist } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';
import { SUB_PATH } from './server.mjs';

requireDist();
// An article with one element embed, and the strict CSP.
const ELEMENT_HOST = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title></head><body>
<p>An article paragraph.</p>
<div class="influence-flows" data-theme="dark"></div>
<script type="module" src="${SUB_PATH.slice(1)}embed-element.js"></script>
</body></html>`;
const site = siteInBrowser({
  overrides: {
    'host-element.html': ELEMENT_HOST,
    'host-element-fr.html': ELEMENT_HOST.replace('<html>', '<html lang="fr">'),
    'favicon.ico': '',
  },
});

// Before the page's own scripts: every layout shift; the stage's box in the last frame with the
// prerendered picture and in the first frame with the canvas (with how much ink the canvas has
// then: no blank frame between the two); and the prerendered legend's first button, to see
// whether the wasm built it again. `root` finds the figure (a shadow root for an element embed).
const WATCH = () => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__shifts.push({ value: e.value, recent: e.hadRecentInput, at: e.startTime, sources: (e.sources ?? []).map((s) => `${s.node?.nodeName}.${s.node?.className} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`) });
  }).observe({ type: 'layout-shift', buffered: true });
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, left: r.left, height: r.height, width: r.width };
  };
  const ink = (canvas) => {
    const { width, height } = canvas;
    if (!width || !height) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4 * 97) if (data[i] > 0) inked += 1;
    return inked;
  };
  const frame = () => {
    const root = document.querySelector('.influence-flows')?.shadowRoot ?? document;
    const figure = root.querySelector('.if-figure');
    const stage = root.querySelector('.if-stage');
    if (stage && figure) {
      window.__button ??= root.querySelector('.if-legend button');
      // The words of the first frame that shows the figure's view line (before its paint).
      if (root.querySelector('.if-view-count')?.textContent) {
        window.__firstWords ??= { lang: figure.getAttribute('lang'), count: root.querySelector('.if-view-count').textContent, play: root.querySelector('.if-play').textContent };
      }
      if (!figure.hasAttribute('data-bands')) {
        if (root.querySelector('.if-prerender')) window.__before = box(stage);
      } else if (!window.__after) {
        const canvas = root.querySelector('.if-canvas');
        window.__after = { stage: box(stage), canvas: box(canvas), ink: ink(canvas) };
      }
    }
    if (!window.__after) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

async function load(viewport, { javaScriptEnabled = true, colorScheme = 'light', hash = '', at = '', query = '' } = {}) {
  const context = await site.browser.newContext({ viewport, javaScriptEnabled, colorScheme });
  const page = await context.newPage();
  await page.addInitScript(WATCH);
  await page.goto(site.server.url + at + query + hash, { waitUntil: 'load' });
  return { context, page };
}

/** Waits for the canvas to replace the picture, then checks that nothing moved. */
async function assertNoShift(page, ready) {
  await page.waitForFunction(ready, null, { timeout: 60000, polling: 100 });
  await page.waitForTimeout(300);
  const { shifts, before, after, kept } = await page.evaluate(() => {
    const root = document.querySelector('.influence-flows')?.shadowRoot ?? document;
    return {
      shifts: window.__shifts,
      before: window.__before,
      after: window.__after,
      kept: window.__button?.isConnected === true && window.__button === root.querySelector('.if-legend button'),
      hidden: [...root.querySelectorAll('.if-prerender')].every((p) => p.getBoundingClientRect().height === 0),
    };
  });
  const cls = shifts.filter((s) => !s.recent).reduce((a, s) => a + s.value, 0);
  assert.ok(before, 'a frame showed the prerendered picture before the canvas');
  assert.deepEqual(after.stage, before, 'the stage keeps its place and size when the canvas replaces the picture');
  assert.equal(Math.round(after.canvas.height), Math.round(before.height), 'the canvas is as tall as the picture was');
  assert.ok(after.ink > 50, `the first frame with the canvas has the chart on it (${after.ink} inked samples): no blank frame`);
  assert.ok(kept, 'the prerendered legend was kept, not built again: the wasm found it as it would build it');
  assert.ok(cls <= 0.01, `cumulative layout shift ${cls.toFixed(4)}: ${JSON.stringify(shifts)}`);
  return cls;
}

const FIGURE_READY = () => document.documentElement.dataset.state === 'ready' && window.__after;

describe('the first picture', () => {
  it('is in the HTML that the server sends, one drawing each side of the breakpoint, with its frame', async () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const picture = html.slice(html.indexOf('class="if-prerender"'));
    assert.ok(html.includes('class="if-prerender"'), 'index.html has the prerendered picture');
    for (const drawing of ['if-pre-narrow', 'if-pre-wide']) {
      assert.ok(picture.includes(`class="${drawing}"`), `it has the ${drawing} drawing`);
    }
    assert.ok((picture.match(/<polygon /g) ?? []).length > 20, 'with bands');
    assert.ok((picture.match(/<text /g) ?? []).length > 20, 'and labels as text');
    assert.ok(!html.includes('if-prerender-slot'), 'the slot was filled');
    // The frame the wasm would write: legend, period, view line, counter, sources.
    assert.ok((html.match(/data-kind=/g) ?? []).length > 5, 'the legend is in the HTML');
    assert.ok(html.includes('>Any time</option>'), 'the period options are in the HTML');
    assert.match(html, /\d+ of \d+ flows shown/, 'the view line is in the HTML');
    assert.match(html, /Showing \d+ of \d+ flows/, 'the counter is in the HTML');
    assert.match(html, /<span[^>]*>Sources: <\/span>/, 'the source line is in the HTML');
    // With the French of each word that French says otherwise, for lang.js.
    assert.ok(html.includes('data-fr="Toutes dates"'), 'the period\'s French is in the HTML');
    assert.match(html, /data-fr="\d+ flux affichés sur \d+"/, 'the view line\'s French is in the HTML');
  });

  for (const [name, viewport, drawing] of [
    ['a phone, 360 × 780', { width: 360, height: 780 }, 'if-pre-narrow'],
    ['a phone, 390 × 844', { width: 390, height: 844 }, 'if-pre-narrow'],
    ['a desktop, 1280 × 900', { width: 1280, height: 900 }, 'if-pre-wide'],
  ]) {
    it(`shows without JavaScript on ${name}: the ${drawing} drawing with its labels, legend and view line`, async () => {
      const { context, page } = await load(viewport, { javaScriptEnabled: false });
      try {
        const shown = await page.evaluate(() => ({
          drawings: [...document.querySelectorAll('.if-prerender svg')]
            .filter((svg) => svg.getBoundingClientRect().height > 0)
            .map((svg) => ({ cls: svg.getAttribute('class'), height: svg.getBoundingClientRect().height, texts: svg.querySelectorAll('text').length })),
          legend: [...document.querySelectorAll('.if-legend button')].filter((b) => b.getBoundingClientRect().height > 0).length,
          line: document.querySelector('.if-view-line').getBoundingClientRect().height,
          stageTop: document.querySelector('.if-stage').getBoundingClientRect().top,
        }));
        assert.equal(shown.drawings.length, 1, `exactly one drawing shows: ${JSON.stringify(shown.drawings)}`);
        assert.equal(shown.drawings[0].cls, drawing);
        assert.ok(shown.drawings[0].height > 300 && shown.drawings[0].texts > 20, JSON.stringify(shown.drawings[0]));
        assert.ok(shown.legend >= 3, `the legend shows ${shown.legend} buttons`);
        assert.ok(shown.line > 0, 'the view line shows');
        // A phone reader sees the chart begin on the first screen.
        assert.ok(shown.stageTop < viewport.height * 0.6, `the chart starts at ${shown.stageTop} px`);
        assert.equal(await page.locator('.if-loading').isVisible(), false, 'no "Loading" over the picture');
      } finally {
        await context.close();
      }
    });
  }

  for (const [name, viewport, colorScheme, at] of [
    ['a phone, 360 × 780, light', { width: 360, height: 780 }, 'light', ''],
    ['a phone, 360 × 780, dark', { width: 360, height: 780 }, 'dark', ''],
    ['a phone, 390 × 844, light, under the sub-path', { width: 390, height: 844 }, 'light', SUB_PATH.slice(1)],
    ['a desktop, 1280 × 900, light', { width: 1280, height: 900 }, 'light', ''],
    ['a desktop, 1280 × 900, dark, under the sub-path', { width: 1280, height: 900 }, 'dark', SUB_PATH.slice(1)],
  ]) {
    it(`gives way to the canvas on ${name} without moving anything (CLS ≤ 0.01)`, async () => {
      const { context, page } = await load(viewport, { colorScheme, at });
      try {
        await assertNoShift(page, FIGURE_READY);
      } finally {
        await context.close();
      }
    });
  }

  // A French page (issue 21) is French from its first frame: lang.js swaps in the words the
  // build wrote beside the English (data-fr), so the wasm rewrites nothing and nothing moves.
  for (const [name, viewport] of [
    ['a phone, 360 × 780', { width: 360, height: 780 }],
    ['a desktop, 1280 × 900', { width: 1280, height: 900 }],
  ]) {
    it(`is French from its first frame with ?lang=fr on ${name}, and gives way without moving anything (CLS ≤ 0.01)`, async () => {
      const { context, page } = await load(viewport, { query: '?lang=fr' });
      try {
        const cls = await assertNoShift(page, FIGURE_READY);
        const first = await page.evaluate(() => window.__firstWords);
        assert.equal(first.lang, 'fr', 'the figure is French in its first frame');
        assert.match(first.count, /^\d+ flux affichés sur \d+$/, 'the first frame\'s view line is French');
        assert.equal(first.play, 'Dérouler les années');
        console.log(`# French page at ${viewport.width} px: CLS ${cls.toFixed(4)}`);
      } finally {
        await context.close();
      }
    });
  }

  it('is French from its first frame in an element embed on a French page', async () => {
    const { context, page } = await load({ width: 390, height: 844 }, { at: 'host-element-fr.html' });
    try {
      await assertNoShift(page, FIGURE_READY);
      const first = await page.evaluate(() => window.__firstWords);
      assert.equal(first.lang, 'fr');
      assert.match(first.count, /flux affichés sur/);
    } finally {
      await context.close();
    }
  });

  it('gives way to the canvas in an element embed without moving anything', async () => {
    const { context, page } = await load({ width: 390, height: 844 }, { colorScheme: 'dark', at: 'host-element.html' });
    try {
      await assertNoShift(page, FIGURE_READY);
    } finally {
      await context.close();
    }
  });

  it('follows the dark colour scheme (text and nodes light on dark)', async () => {    const { context, page } = await load({ width: 1280, height: 900 }, { javaScriptEnabled: false, colorScheme: 'dark' });
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
