// End-to-end: small multiples. `#layout=multiples&by=family` draws one panel per family with
// its title, side by side at 1280 px and stacked at 360; hovering a band in a panel shows its
// tooltip; by period, a band's tooltip quotes only flows of that period.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requireDist, readDataset, openPage, errorPanelText } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

requireDist();
const dataset = readDataset();
const site = siteInBrowser();

async function open(hash, view = {}) {
  const opened = await openPage(site.browser, site.server.url + hash, view);
  if (opened.state !== 'ready') {
    await opened.context.close();
    assert.fail(`not ready (${opened.state}): ${await errorPanelText(opened.page)}`);
  }
  return opened;
}

/** The figure's panels: area in CSS px relative to the canvas, and title. */
async function panels(page) {
  const text = await page.locator('.if-figure').getAttribute('data-panels');
  return text.split('\n').filter(Boolean).map((line) => {
    const [x0, y0, x1, y1, ...title] = line.split(' ');
    return { x0: +x0, y0: +y0, x1: +x1, y1: +y1, title: title.join(' ') };
  });
}

/** How many canvas pixels of `box` (CSS px) differ clearly from the background. */
function inkIn(page, box) {
  return page.evaluate((box) => {
    const canvas = document.querySelector('canvas.if-canvas');
    const ratio = canvas.width / canvas.clientWidth;
    const [x, y] = [Math.round(box.x0 * ratio), Math.round(box.y0 * ratio)];
    const [w, h] = [Math.round((box.x1 - box.x0) * ratio), Math.round((box.y1 - box.y0) * ratio)];
    const data = canvas.getContext('2d').getImageData(x, y, w, h).data;
    const bg = [data[0], data[1], data[2]];
    let ink = 0;
    for (let p = 0; p < data.length; p += 4) {
      if (Math.abs(data[p] - bg[0]) + Math.abs(data[p + 1] - bg[1]) + Math.abs(data[p + 2] - bg[2]) > 200) ink++;
    }
    return ink;
  }, box);
}

/**
 * Points (CSS px, relative to the canvas) well inside bands of the panel: pixels that are
 * neither background nor grey, with the same colour 2 px around, in the middle third of the
 * panel's width (bands, not nodes or labels); at most `count`, at least 12 px apart.
 */
function pointsInBandsOfPanel(page, panel, count = 1) {
  return page.evaluate(([panel, count]) => {
    const canvas = document.querySelector('canvas.if-canvas');
    const ratio = canvas.width / canvas.clientWidth;
    const { width } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, canvas.height).data;
    const at = (x, y) => { const p = (y * width + x) * 4; return [data[p], data[p + 1], data[p + 2]]; };
    const bg = at(0, 0);
    const same = (a, b) => a.every((c, i) => Math.abs(c - b[i]) <= 2);
    const coloured = (c) => Math.max(...c) - Math.min(...c) > 40 && !same(c, bg);
    const d = Math.round(2 * ratio);
    const top = Math.round((panel.y0 + 30) * ratio);
    const x = Math.round(((panel.x0 + panel.x1) / 2) * ratio);
    const points = [];
    for (let y = top; y < panel.y1 * ratio && points.length < count; y += 1) {
      const c = at(x, y);
      if (coloured(c) && [[d, 0], [-d, 0], [0, d], [0, -d]].every(([dx, dy]) => same(at(x + dx, y + dy), c))) {
        points.push({ x: x / ratio, y: y / ratio });
        y += Math.round(12 * ratio);
      }
    }
    return points;
  }, [panel, count]);
}

async function pointInBandOfPanel(page, panel) {
  return (await pointsInBandsOfPanel(page, panel, 1))[0];
}

/** Moves the mouse to `point` (relative to the canvas), scrolled into the viewport first. */
async function hover(page, point) {
  await page.evaluate((y) => {
    const top = document.querySelector('canvas.if-canvas').getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, Math.max(0, top + y - window.innerHeight / 2));
  }, point.y);
  const box = await page.locator('canvas.if-canvas').boundingBox();
  await page.mouse.move(box.x + point.x, box.y + point.y);
  const tooltip = page.locator('.if-tooltip');
  await tooltip.waitFor({ state: 'visible', timeout: 2000 });
  return tooltip;
}

const flowCount = (family) => {
  const kinds = new Set(dataset.kinds.filter((k) => k.family === family.id).map((k) => k.id));
  return dataset.flows.filter((f) => kinds.has(f.kind)).length;
};

describe('small multiples by family', () => {
  it('draws a titled panel per family, side by side at 1280 px, and hover shows a tooltip in each', async () => {
    const { page, context } = await open('#layout=multiples&by=family', { width: 1280 });
    try {
      const found = await panels(page);
      assert.deepEqual(
        found.map((p) => p.title),
        dataset.families.map((f) => `${f.label} · ${flowCount(f)} flow${flowCount(f) === 1 ? '' : 's'}`),
      );
      assert.equal(found[0].y0, found[1].y0, 'the first two panels share a row');
      assert.ok(found[1].x0 > found[0].x1, 'side by side');
      assert.ok(found.some((p) => p.y0 > found[0].y1), 'more than one row of panels');
      for (const p of found) {
        const ink = await inkIn(page, { x0: p.x0, y0: p.y0, x1: p.x0 + 60, y1: p.y0 + 28 });
        assert.ok(ink > 30, `${p.title}: its title is drawn (${ink} px of ink)`);
      }
      const bands = Number(await page.locator('.if-figure').getAttribute('data-bands'));
      assert.ok(bands > dataset.families.length, `${bands} bands`);
      // Hover a band in two panels: each tooltip names a kind of that panel's family.
      for (const index of [0, 2]) {
        const family = dataset.families[index];
        const point = await pointInBandOfPanel(page, found[index]);
        assert.ok(point, `a band in ${family.label}`);
        const text = await (await hover(page, point)).innerText();
        const labels = dataset.kinds.filter((k) => k.family === family.id).map((k) => k.label);
        assert.ok(labels.some((l) => text.includes(l)), `${family.label}: tooltip names one of ${labels}: ${text}`);
        await page.mouse.move(1, 1);
      }
    } finally {
      await context.close();
    }
  });

  it('stacks the panels at 360 px, and hover shows the tooltip', async () => {
    const { page, context } = await open('#layout=multiples&by=family', { width: 360, height: 780 });
    try {
      const found = await panels(page);
      assert.equal(found.length, dataset.families.length);
      for (let i = 1; i < found.length; i++) {
        assert.equal(found[i].x0, found[0].x0, 'one column');
        assert.ok(found[i].y0 >= found[i - 1].y1, `${found[i].title} below ${found[i - 1].title}`);
      }
      const canvasWidth = await page.locator('canvas.if-canvas').evaluate((c) => c.clientWidth);
      assert.ok(found.every((p) => p.x1 <= canvasWidth + 1), 'every panel within the width');
      for (const p of found) {
        const ink = await inkIn(page, { x0: p.x0, y0: p.y0, x1: p.x0 + 50, y1: p.y0 + 28 });
        assert.ok(ink > 20, `${p.title}: its title is drawn (${ink} px of ink)`);
      }
      const point = await pointInBandOfPanel(page, found[0]);
      assert.ok(point, 'a band in the first panel');
      const text = await (await hover(page, point)).innerText();
      assert.ok(text.length > 20, text);
    } finally {
      await context.close();
    }
  });

  it('keeps the legend: a hidden family empties its panel, which says so', async () => {
    const { page, context } = await open('#hide=military&layout=multiples&by=family', { width: 1280 });
    try {
      const found = await panels(page);
      assert.equal(found.length, dataset.families.length);
      assert.equal(found[0].title, dataset.families[0].label, 'no flow count on an empty panel');
      const note = await inkIn(page, { x0: found[0].x0, y0: found[0].y0 + 30, x1: found[0].x0 + 200, y1: found[0].y1 });
      assert.ok(note > 30, `the empty panel says why (${note} px of ink)`);
    } finally {
      await context.close();
    }
  });
});

describe('small multiples by period', () => {
  // First and last day of a partial date, as YYYY-MM-DD strings (which compare as dates).
  const first = (d) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
  const last = (d) => {
    if (d.length === 10) return d;
    if (d.length === 4) return `${d}-12-31`;
    const [y, m] = d.split('-').map(Number);
    return `${d}-${new Date(Date.UTC(y, m, 0)).getUTCDate()}`;
  };

  it('draws a panel per period, and a band there quotes only flows of that period', async () => {
    const { page, context } = await open('#layout=multiples&by=period', { width: 1280 });
    try {
      const found = await panels(page);
      assert.equal(found.length, dataset.periods.length);
      for (const [i, period] of dataset.periods.entries()) {
        assert.ok(found[i].title.startsWith(period.label), found[i].title);
      }
      // Several bands of each panel: every flow a tooltip quotes touches the panel's period.
      let checked = 0;
      for (const [i, period] of dataset.periods.entries()) {
        const touches = (f) => f.when && first(f.when.start) <= last(period.to) &&
          (f.when.ongoing || last(f.when.end ?? f.when.start) >= first(period.from));
        const points = await pointsInBandsOfPanel(page, found[i], 6);
        assert.ok(points.length >= 2, `bands in ${period.label}`);
        for (const point of points) {
          await hover(page, point);
          const quotes = await page.locator('.if-tooltip .if-quote > span').allInnerTexts();
          assert.ok(quotes.length > 0, 'the tooltip quotes its evidence');
          for (const quote of quotes) {
            const flows = dataset.flows.filter((f) => f.evidence.some((e) => quote.includes(e.quote) || e.quote.includes(quote)));
            assert.ok(flows.length > 0, `a quote of the data: ${quote}`);
            assert.ok(flows.some(touches), `${quote.slice(0, 60)}… is of a flow in ${period.label}`);
            checked++;
          }
          await page.mouse.move(1, 1);
          await page.locator('.if-tooltip').waitFor({ state: 'hidden', timeout: 2000 });
        }
      }
      assert.ok(checked >= 10, `${checked} quotes checked`);
    } finally {
      await context.close();
    }
  });
});
