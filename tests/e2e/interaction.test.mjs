// End-to-end: what a reader does with the chart. Hover a band and read the tooltip; tap on a
// touch screen and dismiss; toggle a kind; walk with the keyboard; load a URL with a hash and
// go back; play the years. dist/ served on 127.0.0.1 with the strict CSP, headless Chromium.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { requireDist, readDataset, openPage, errorPanelText } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';
import { analyseCanvas } from './canvas.mjs';

requireDist();
const dataset = readDataset();
const kindById = new Map(dataset.kinds.map((k) => [k.id, k]));
const total = dataset.flows.length;
const countOfKind = (id) => dataset.flows.filter((f) => f.kind === id).length;
// A kind with flows, and the one with the most (its bands are the easiest to find by colour).
const kindsByCount = [...new Set(dataset.flows.map((f) => f.kind))].sort((a, b) => countOfKind(b) - countOfKind(a));
const quotes = new Set(dataset.flows.flatMap((f) => f.evidence.map((e) => e.quote)));

const site = siteInBrowser();

/** Opens the page; without a hash, on every flow (#all) rather than the dataset's first view. */
async function open(view = {}, hash = '#all') {
  const opened = await openPage(site.browser, site.server.url + hash, view);
  if (opened.state !== 'ready') {
    assert.fail(`page not ready: ${await errorPanelText(opened.page)}`);
  }
  return opened;
}

/**
 * CSS-pixel coordinates (relative to the canvas) of a point well inside a band of `kindId`:
 * a pixel of the band's on-screen colour whose neighbours 3 px away share it.
 */
function pointInBandOf(page, kindId) {
  const color = kindById.get(kindId).color;
  return page.evaluate((color) => {
    const canvas = document.querySelector('canvas.if-canvas');
    const ctx = canvas.getContext('2d');
    const { width, height } = canvas;
    const data = ctx.getImageData(0, 0, width, height).data;
    const alpha = Number(canvas.dataset.bandAlpha);
    const hex = color.match(/[0-9a-f]{2}/gi).map((h) => parseInt(h, 16));
    const bg = getComputedStyle(document.querySelector('.if-figure')).getPropertyValue('--if-bg').trim();
    // Any CSS colour syntax (the minified CSS writes #fff): let a 1 × 1 canvas resolve it.
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    probe.fillStyle = bg;
    probe.fillRect(0, 0, 1, 1);
    const bgRgb = Array.from(probe.getImageData(0, 0, 1, 1).data.slice(0, 3));
    const want = hex.map((c, i) => c * alpha + bgRgb[i] * (1 - alpha));
    const ratio = width / canvas.clientWidth;
    const d = Math.round(3 * ratio);
    const is = (x, y) => {
      if (x < 0 || y < 0 || x >= width || y >= height) return false;
      const p = (y * width + x) * 4;
      return [0, 1, 2].every((i) => Math.abs(data[p + i] - want[i]) <= 6);
    };
    // Scan the middle third of the width first: bands, not nodes or labels.
    for (let x = Math.floor(width / 3); x < (2 * width) / 3; x += d) {
      for (let y = 0; y < height; y += 1) {
        if (is(x, y) && is(x - d, y) && is(x + d, y) && is(x, y - d) && is(x, y + d)) {
          return { x: x / ratio, y: y / ratio };
        }
      }
    }
    return null;
  }, color);
}

async function canvasBox(page) {
  return page.locator('canvas.if-canvas').boundingBox();
}

describe('hover with a mouse', () => {
  let opened;
  before(async () => {
    opened = await open();
  });
  after(async () => opened?.context.close());

  it('shows the band, its kind and a verbatim quote in the tooltip, and Esc dismisses it', async () => {
    const { page } = opened;
    const kind = kindsByCount[0];
    const point = await pointInBandOf(page, kind);
    assert.ok(point, `no band of ${kind} found on the canvas`);
    const box = await canvasBox(page);
    await page.mouse.move(box.x + point.x, box.y + point.y);
    const tooltip = page.locator('.if-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 2000 });
    const text = await tooltip.innerText();
    assert.match(text, / → /, 'names giver → receiver');
    assert.ok(text.includes(kindById.get(kind).label), `tooltip names the kind ${kind}: ${text}`);
    const shownQuotes = await page.locator('.if-tooltip .if-quote > span').allInnerTexts();
    assert.ok(shownQuotes.length > 0, 'at least one quote');
    for (const q of shownQuotes) {
      assert.ok(quotes.has(q.replace(/^“|”$/g, '')), `quote is verbatim from the data: ${q}`);
    }
    assert.match(await page.locator('.if-figure').getAttribute('data-active'), /^band:\d+$/);
    await page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'hidden', timeout: 2000 });
  });

  it('keeps the tooltip while the pointer moves onto it (it can be hovered)', async () => {
    const { page } = opened;
    const point = await pointInBandOf(page, kindsByCount[0]);
    const box = await canvasBox(page);
    await page.mouse.move(box.x + point.x, box.y + point.y);
    const tooltip = page.locator('.if-tooltip');
    await tooltip.waitFor({ state: 'visible' });
    const tip = await tooltip.boundingBox();
    await page.mouse.move(tip.x + tip.width / 2, tip.y + tip.height / 2, { steps: 4 });
    assert.ok(await tooltip.isVisible(), 'tooltip still shown with the pointer on it');
    await page.keyboard.press('Escape');
  });

  it('a click pins the band and opens the evidence panel with all its quotes', async () => {
    const { page } = opened;
    const point = await pointInBandOf(page, kindsByCount[0]);
    const box = await canvasBox(page);
    await page.mouse.click(box.x + point.x, box.y + point.y);
    const panel = page.locator('.if-panel');
    await panel.waitFor({ state: 'visible', timeout: 2000 });
    assert.ok((await panel.locator('.if-quote').count()) >= 1);
    assert.match(await page.evaluate(() => location.hash), /sel=band/);
    await panel.locator('.if-panel-close').click();
    await panel.waitFor({ state: 'hidden', timeout: 2000 });
  });
});

describe('tap on a touch screen', () => {
  it('a tap selects a band; a tap elsewhere clears it', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
    const opened = { context };
    try {
      const page = await context.newPage();
      await page.goto(site.server.url + '#all');
      await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
      const point = await pointInBandOf(page, kindsByCount[0]);
      assert.ok(point, 'a band to tap');
      // A tap lands only on screen: bring the band's point into the viewport first.
      const before = await canvasBox(page);
      await page.evaluate((y) => window.scrollBy(0, y), before.y + point.y - 400);
      const box = await canvasBox(page);
      await page.touchscreen.tap(box.x + point.x, box.y + point.y);
      await page.locator('.if-tooltip').waitFor({ state: 'visible', timeout: 2000 });
      assert.match(await page.locator('.if-figure').getAttribute('data-active'), /^band:\d+$/);
      const title = await page.locator('.if-title').boundingBox();
      await page.touchscreen.tap(title.x + 5, title.y + 5);
      await page.locator('.if-tooltip').waitFor({ state: 'hidden', timeout: 2000 });
      assert.equal(await page.locator('.if-figure').getAttribute('data-active'), '');
    } finally {
      await opened.context.close();
    }
  });
});

describe('filters', () => {
  let opened;
  before(async () => {
    opened = await open();
  });
  after(async () => opened?.context.close());

  it('toggling a kind in the legend updates the counter and removes its colour from the canvas', async () => {
    const { page } = opened;
    const kind = kindsByCount[0];
    const counter = page.locator('.if-counter');
    assert.match(await counter.innerText(), new RegExp(`^Showing ${total} of ${total} flows`));
    const before = await analyseCanvas(page, [{ id: kind, color: kindById.get(kind).color }]);
    assert.ok(before.kinds[kind].count > 100, 'the kind is drawn before');
    const button = page.locator(`.if-legend button[data-kind="${kind}"]`);
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    const shown = total - countOfKind(kind);
    await page.waitForFunction((t) => document.querySelector('.if-counter').innerText.startsWith(t), `Showing ${shown} of ${total} flows`);
    // The picture has moved to its new places (about 400 ms).
    await page.waitForFunction(() => !document.querySelector('.if-figure').hasAttribute('data-animating'));
    const after = await analyseCanvas(page, [{ id: kind, color: kindById.get(kind).color }]);
    assert.ok(after.kinds[kind].count < before.kinds[kind].count / 20, `${kind} pixels: ${before.kinds[kind].count} → ${after.kinds[kind].count}`);
    assert.match(await page.evaluate(() => location.hash), new RegExp(`hide=[^&]*${kind}`));
    // Back restores the view.
    await page.goBack();
    await page.waitForFunction((t) => document.querySelector('.if-counter').innerText.startsWith(t), `Showing ${total} of ${total} flows`);
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
  });

  it('a URL with a hash restores the filters', async () => {
    const kind = kindsByCount[1];
    const fresh = await open({}, `#hide=${kind}`);
    try {
      const shown = total - countOfKind(kind);
      assert.match(await fresh.page.locator('.if-counter').innerText(), new RegExp(`^Showing ${shown} of ${total} flows`));
      assert.equal(await fresh.page.locator(`.if-legend button[data-kind="${kind}"]`).getAttribute('aria-pressed'), 'false');
    } finally {
      await fresh.context.close();
    }
  });

  it('the period selects and the time player change what is shown', async () => {
    const { page } = opened;
    const counts = [];
    const read = async () => Number((await page.locator('.if-counter').innerText()).match(/^Showing (\d+)/)[1]);
    await page.locator('.if-play').click();
    assert.equal(await page.locator('.if-play').getAttribute('aria-pressed'), 'true');
    for (let i = 0; i < 4; i++) {
      counts.push(await read());
      await page.waitForTimeout(1500);
    }
    await page.locator('.if-play').click(); // pause
    assert.equal(await page.locator('.if-play').getAttribute('aria-pressed'), 'false');
    assert.ok(new Set(counts).size > 1, `counter changed while playing: ${counts}`);
    assert.ok(counts.every((c) => c < total), 'a single year shows fewer flows than all');
    // Any time shows everything again.
    await page.locator('.if-from').selectOption('');
    await page.waitForFunction((t) => document.querySelector('.if-counter').innerText.startsWith(t), `Showing ${total} of ${total} flows`);
  });
});

describe('keyboard and screen reader', () => {
  it('the chart is one tab stop; arrows walk actors and bands, announced in the live region; Enter pins', async () => {
    const opened = await open();
    try {
      const { page } = opened;
      await page.locator('.if-stage').focus();
      await page.keyboard.press('ArrowDown');
      const live = page.locator('.if-live');
      const first = await live.innerText();
      assert.match(first, /Gives: .*Receives: /s, `an actor is announced: ${first}`);
      await page.keyboard.press('ArrowDown');
      const second = await live.innerText();
      assert.notEqual(second, first, 'Down moves to another actor');
      await page.keyboard.press('ArrowRight');
      const band = await live.innerText();
      assert.match(band, / → /, `Right enters a band: ${band}`);
      assert.match(await page.locator('.if-figure').getAttribute('data-active'), /^band:\d+$/);
      await page.keyboard.press('Enter');
      await page.locator('.if-panel').waitFor({ state: 'visible', timeout: 2000 });
      await page.keyboard.press('Escape');
      await page.locator('.if-panel').waitFor({ state: 'hidden', timeout: 2000 });
      // The data table holds every shown flow, for screen readers.
      assert.equal(await page.locator('.if-table tbody tr').count(), total);
      assert.ok((await page.locator('canvas.if-canvas').getAttribute('aria-label')).includes(`${total} documented flows`));
    } finally {
      await opened.context.close();
    }
  });
});

describe('downloads of the current view', () => {
  it('CSV, SVG and PNG hold what the view shows', async () => {
    const opened = await open();
    try {
      const { page } = opened;
      const kind = kindsByCount[0];
      await page.locator(`.if-legend button[data-kind="${kind}"]`).click();
      const shown = total - countOfKind(kind);
      await page.waitForFunction((t) => document.querySelector('.if-counter').innerText.startsWith(t), `Showing ${shown} of ${total} flows`);
      const fetchDownload = async (format) => {
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`.if-downloads button[data-format="${format}"]`).click()]);
        const chunks = [];
        for await (const chunk of await download.createReadStream()) chunks.push(chunk);
        return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
      };
      // CSV: one record per shown flow (RFC 4180: quoted fields may hold newlines).
      const csv = await fetchDownload('csv');
      assert.equal(csv.name, 'influence-flows.csv');
      const records = parseCsv(csv.bytes.toString('utf8'));
      assert.equal(records.length, shown + 1, 'header + one row per shown flow');
      const kindLabel = kindById.get(kind).label;
      const kindColumn = records[0].indexOf('kind');
      assert.ok(kindColumn >= 0);
      assert.ok(records.slice(1).every((r) => r[kindColumn] !== kindLabel && r[kindColumn] !== kind), 'the hidden kind is not exported');
      // SVG: a document with one group per band drawn, saying what it is; a polygon per band
      // but the denied ones (drawn as a dashed outline, unfilled).
      const svg = (await fetchDownload('svg')).bytes.toString('utf8');
      assert.match(svg, /^<svg[\s>]/);
      const bands = await page.evaluate(() => Number(document.querySelector('.if-figure').dataset.bands));
      const groups = svg.match(/<g class="band" [^>]*>/g) ?? [];
      assert.equal(groups.length, bands);
      for (const g of groups) {
        for (const key of ['data-giver', 'data-receiver', 'data-kind', 'data-family', 'data-status']) {
          assert.match(g, new RegExp(` ${key}="[^"]+"`), `${key} in ${g}`);
        }
      }
      const denied = groups.filter((g) => g.includes('data-status="denied"')).length;
      assert.ok(denied > 0, 'the Mali data has denied claims');
      assert.equal((svg.match(/<polygon/g) ?? []).length, bands - denied);
      // PNG: the signature, and twice the CSS size of the frame.
      const png = (await fetchDownload('png')).bytes;
      assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
      const width = png.readUInt32BE(16);
      const cssWidth = await page.evaluate(() => document.querySelector('canvas.if-canvas').clientWidth);
      assert.equal(width, cssWidth * 2);
    } finally {
      await opened.context.close();
    }
  });
});

/** Records of an RFC 4180 CSV text. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field); records.push(record); record = []; field = '';
    } else field += c;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  return records;
}
