// End-to-end: the legend by family, the first view and its "show all", and the phone-first
// layout (the chart's top in the upper 40 % of a 360 × 780 screen).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { DIST, requireDist, readDataset, launchBrowser, openPage, errorPanelText } from './browser.mjs';

requireDist();
const dataset = readDataset();
const firstShown = new Set(dataset.view.hash.replace(/^show=/, '').split(','));
const firstCount = dataset.flows.filter((f) => firstShown.has(f.kind)).length;

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await startServer({ root: DIST, csp: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(hash = '', view = {}) {
  const opened = await openPage(browser, server.url + hash, view);
  if (opened.state !== 'ready') {
    await opened.context.close();
    assert.fail(`not ready (${opened.state}): ${await errorPanelText(opened.page)}`);
  }
  return opened;
}

const counter = (page) => page.locator('.if-counter').innerText();

describe('the first view', () => {
  it('opens on the dataset first view, with its caption and "N of M flows shown — show all"', async () => {
    const { page, context } = await open();
    try {
      const line = page.locator('.if-view-line');
      assert.ok(await line.isVisible(), 'the view line is hidden');
      assert.equal(await page.locator('.if-view-caption').innerText(), dataset.view.caption);
      assert.equal(await page.locator('.if-view-count').innerText(), `${firstCount} of ${dataset.flows.length} flows shown`);
      assert.match(await counter(page), new RegExp(`^Showing ${firstCount} of ${dataset.flows.length} flows`));
      assert.equal(await page.evaluate(() => location.hash), '');
      await page.locator('.if-show-all').click();
      await page.waitForFunction((t) => document.querySelector('.if-counter').innerText.startsWith(t), `Showing ${dataset.flows.length} of`);
      assert.ok(!(await line.isVisible()), 'the view line stays after show all');
      assert.equal(await page.evaluate(() => location.hash), '#all');
      // Back: the first view again.
      await page.goBack();
      await page.waitForFunction((t) => document.querySelector('.if-counter').innerText.startsWith(t), `Showing ${firstCount} of`);
    } finally {
      await context.close();
    }
  });

  it('gives way to the hash, old kind-level hashes included', async () => {
    const { page, context } = await open('#hide=arms');
    try {
      const armsFlows = dataset.flows.filter((f) => f.kind === 'arms').length;
      assert.match(await counter(page), new RegExp(`^Showing ${dataset.flows.length - armsFlows} of`));
      assert.equal(await page.locator('.if-view-caption').innerText(), '');
    } finally {
      await context.close();
    }
  });
});

describe('the legend by family', () => {
  it('lists each family with its kinds, and a family button hides and shows all its kinds', async () => {
    const { page, context } = await open('#all');
    try {
      const families = await page.locator('.if-legend button[data-family]').evaluateAll((bs) => bs.map((b) => b.dataset.family));
      assert.deepEqual(families, dataset.families.map((f) => f.id));
      const kinds = (family) => dataset.kinds.filter((k) => k.family === family);
      const diplomacy = page.locator('button[data-family="diplomacy"]');
      assert.equal(await diplomacy.getAttribute('aria-pressed'), 'true');
      for (const k of kinds('diplomacy')) {
        assert.equal(await page.locator(`.if-legend-kinds button[data-kind="${k.id}"]`).count(), 1, k.id);
      }
      await diplomacy.click();
      const hidden = dataset.flows.filter((f) => kinds('diplomacy').some((k) => k.id === f.kind)).length;
      await page.waitForFunction((t) => document.querySelector('.if-counter').innerText.startsWith(t), `Showing ${dataset.flows.length - hidden} of`);
      assert.equal(await diplomacy.getAttribute('aria-pressed'), 'false');
      const hash = await page.evaluate(() => decodeURIComponent(location.hash));
      for (const k of kinds('diplomacy')) assert.ok(hash.includes(k.id), `${k.id} not in ${hash}`);
      // One kind back: the family is partly shown.
      await page.locator('.if-legend-kinds button[data-kind="ties"]').click();
      await page.waitForFunction(() => document.querySelector('button[data-family="diplomacy"]').getAttribute('aria-pressed') === 'mixed');
    } finally {
      await context.close();
    }
  });

  it('reads a family in the hash', async () => {
    const { page, context } = await open('#hide=military');
    try {
      const military = dataset.flows.filter((f) => dataset.kinds.find((k) => k.id === f.kind).family === 'military').length;
      assert.match(await counter(page), new RegExp(`^Showing ${dataset.flows.length - military} of`));
      assert.equal(await page.locator('button[data-family="military"]').getAttribute('aria-pressed'), 'false');
    } finally {
      await context.close();
    }
  });

  it('explains certainty and width in one line', async () => {
    const { page, context } = await open();
    try {
      const key = await page.locator('.if-key').innerText();
      for (const words of ['stated as fact', 'reported', 'dashed outline = denied', 'width = number of documented flows']) {
        assert.ok(key.includes(words), `${words} not in ${key}`);
      }
    } finally {
      await context.close();
    }
  });
});

describe('phone first', () => {
  for (const colorScheme of ['light', 'dark']) {
    it(`at 360 × 780 (${colorScheme}) the chart starts in the upper 40 % of the first screen`, async () => {
      const { page, context } = await open('', { width: 360, height: 780, colorScheme });
      try {
        const top = await page.locator('canvas.if-canvas').evaluate((c) => c.getBoundingClientRect().top);
        assert.ok(top <= 0.4 * 780, `the canvas starts at ${top} px, below ${0.4 * 780}`);
        // The kinds wait behind "All kinds", which opens them.
        const kind = page.locator('.if-legend-kinds button[data-kind="ties"]');
        assert.ok(!(await kind.isVisible()), 'kinds shown on the phone before asking');
        await page.locator('.if-legend-more').click();
        assert.ok(await kind.isVisible(), '"All kinds" does not open the kinds');
        assert.equal(await page.locator('.if-legend-more').getAttribute('aria-expanded'), 'true');
      } finally {
        await context.close();
      }
    });
  }
});
