// End-to-end: the two ways an editor embeds the chart in an article, under the strict CSP.
// An iframe that takes its content's height through embed.js; and two element embeds on one
// page, each in its own shadow root, with its own options, and no CSS leaking either way.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUB_PATH } from './server.mjs';
import { requireDist, readDataset, openPage } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

requireDist();
const dataset = readDataset();
const total = dataset.flows.length;
const armsCount = dataset.flows.filter((f) => f.kind === 'arms').length;
const chart = SUB_PATH.slice(1); // "graphics/mali/"

const HOST_CSS = 'p { color: rgb(255, 0, 0); font-family: serif; } iframe { border: 0; width: 100%; }';
const IFRAME_HOST = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title>
<link rel="stylesheet" href="/host.css"></head><body>
<p class="article">An article paragraph.</p>
<iframe data-influence-flows id="chart" src="${chart}?id=mali&amp;title=0" title="Russia’s influence in Mali: flows" height="150"></iframe>
<p>After the chart.</p>
<script src="${chart}embed.js"></script>
</body></html>`;
const ELEMENT_HOST = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title>
<link rel="stylesheet" href="/host.css"></head><body>
<p class="article">An article paragraph.</p>
<div class="influence-flows" id="one" data-theme="dark"></div>
<div class="influence-flows" id="two" data-kinds="arms" data-title="0"></div>
<script type="module" src="${chart}embed-element.js"></script>
</body></html>`;

const site = siteInBrowser({
  overrides: { 'host-iframe.html': IFRAME_HOST, 'host-element.html': ELEMENT_HOST, 'host.css': HOST_CSS, 'favicon.ico': '' },
});

describe('iframe embed', () => {
  it('sizes the iframe to the height of its content, and passes options in the URL', async () => {
    // The host page has no data-state of its own: open it plainly and watch its console.
    const context = await site.browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(site.server.url + 'host-iframe.html');
    try {
      const frame = page.frameLocator('#chart');
      await frame.locator('html[data-state="ready"]').waitFor({ timeout: 30_000 });
      const inner = await page.frames().find((f) => f.url().includes(chart)).evaluate(() =>
        Math.ceil(document.documentElement.getBoundingClientRect().height),
      );
      await page.waitForFunction((h) => Math.abs(document.querySelector('#chart').getBoundingClientRect().height - h) <= 2, inner, { timeout: 5000 });
      const outer = await page.evaluate(() => document.querySelector('#chart').getBoundingClientRect().height);
      assert.ok(outer > 300, `iframe grew from 150 px to its content: ${outer}`);
      assert.ok(await frame.locator('.if-header').isHidden(), 'title=0 hides the title');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('element embeds', () => {
  it('mounts two charts with their own options; no CSS leaks in or out', async () => {
    const { page, context, problems } = await openPage(site.browser, site.server.url + 'host-element.html');
    try {
      await page.waitForFunction(() =>
        ['#one', '#two'].every((id) => document.querySelector(id).shadowRoot?.querySelector('.if-figure')?.dataset.state === 'ready'),
        null, { timeout: 30_000 });
      const read = (id) =>
        page.evaluate((id) => {
          const root = document.querySelector(id).shadowRoot;
          const note = root.querySelector('.if-note');
          return {
            counter: root.querySelector('.if-counter').textContent,
            theme: root.querySelector('.if-figure').dataset.theme ?? null,
            titleHidden: root.querySelector('.if-header').hidden,
            noteColor: getComputedStyle(note).color,
            noteFont: getComputedStyle(note).fontFamily,
            canvasWidth: root.querySelector('canvas.if-canvas').width,
          };
        }, id);
      const one = await read('#one');
      const two = await read('#two');
      assert.match(one.counter, new RegExp(`^Showing ${total} of ${total} flows`));
      assert.match(two.counter, new RegExp(`^Showing ${armsCount} of ${total} flows`));
      assert.equal(one.theme, 'dark');
      assert.equal(two.titleHidden, true);
      assert.ok(one.canvasWidth > 0 && two.canvasWidth > 0);
      // In: the host's `p { color: red; font-family: serif }` does not reach the chart.
      assert.notEqual(one.noteColor, 'rgb(255, 0, 0)');
      assert.ok(!/^serif$/.test(one.noteFont), `chart font: ${one.noteFont}`);
      // Out: the chart's styles do not restyle the host page.
      const host = await page.evaluate(() => ({
        p: getComputedStyle(document.querySelector('p.article')).color,
        body: getComputedStyle(document.body).backgroundColor,
      }));
      assert.equal(host.p, 'rgb(255, 0, 0)');
      assert.equal(host.body, 'rgba(0, 0, 0, 0)');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('static fallback', () => {
  it('the release build holds the <noscript> SVG the page names, drawn natively', async () => {
    const html = await (await fetch(site.server.url)).text();
    const src = html.match(/<noscript>[\s\S]*?<img[^>]*src="?([^"\s>]+)"?/)?.[1];
    assert.equal(src, 'mali.svg');
    const response = await fetch(site.server.url + chart + src);
    assert.equal(response.status, 200);
    const svg = await response.text();
    assert.match(svg, /^<svg[\s>]/);
    assert.ok((svg.match(/<polygon/g) ?? []).length > 10, 'bands drawn');
  });
});
