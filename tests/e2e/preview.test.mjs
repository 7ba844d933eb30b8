// End-to-end: the preview of an editor's own file (issue 21). In `?preview`, a JSON file set
// on the picker's input (or dropped on the page, as a DragEvent with a DataTransfer) is read
// on this machine, checked as `validate` checks it and drawn in place of the published data:
// its title, its bands; a broken one lists its problems with their JSON paths and lines; no
// request leaves the page once the file is chosen; a reload shows the published data again.
// A spreadsheet (flows CSV with its meta.json) is imported in the page the same way.
// Writes target/screenshots/preview-error-360.png (a file with one broken flow, on a phone).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { requireDist, readDataset, openPage, errorPanelText, ROOT } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

requireDist();
const published = readDataset();
const SHOTS = path.join(ROOT, 'target', 'screenshots');
const site = siteInBrowser();

/**
 * A small dataset of our own: one flow of each of the published data's first seven kinds,
 * under another title, with only the actors, kinds and families they use.
 */
function smallDataset() {
  const copy = structuredClone(published);
  copy.title = 'My own draft of the flows';
  copy.subtitle = 'Seven flows, for the preview test';
  const kinds = new Set();
  copy.flows = copy.flows.filter((f) => kinds.size < 7 && !kinds.has(f.kind) && kinds.add(f.kind));
  const actors = new Set(copy.flows.flatMap((f) => [f.source, f.target]));
  for (const a of copy.actors) if (a.group && actors.has(a.id)) actors.add(a.group);
  copy.actors = copy.actors.filter((a) => actors.has(a.id));
  copy.kinds = copy.kinds.filter((k) => kinds.has(k.id));
  const families = new Set(copy.kinds.map((k) => k.family));
  if (copy.families) copy.families = copy.families.filter((f) => families.has(f.id));
  // The story, periods, first view and pins speak of the whole dataset.
  for (const key of ['story', 'periods', 'order', 'coverage', 'view']) delete copy[key];
  return copy;
}

const asFile = (name, value) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value, null, 2)),
});

/** Opens `?preview` and records every request made from then on. */
async function openPreview(options = {}) {
  const opened = await openPage(site.browser, `${site.server.url}?preview`, options);
  assert.equal(opened.state, 'ready', (await errorPanelText(opened.page)) + opened.problems.join('\n'));
  const requests = [];
  opened.page.on('request', (request) => requests.push(request.url()));
  return { ...opened, requests };
}

/** Waits until the figure shows `title` with its bands drawn and the table filled. */
async function drawn(page, title) {
  await page.waitForFunction(
    (title) =>
      document.querySelector('.if-title')?.textContent === title &&
      document.querySelector('.if-figure')?.dataset.state === 'ready',
    title,
    { timeout: 30_000, polling: 100 },
  );
}

/** Inked pixels of the chart's canvas (anything not the background). */
function inked(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas.if-canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 700) n++;
    return n;
  });
}

describe('the preview of an editor’s own file', () => {
  it('is not on the readers’ page', async () => {
    const { context, page, state } = await openPage(site.browser, site.server.url);
    assert.equal(state, 'ready');
    assert.equal(await page.locator('.if-preview').isVisible(), false);
    await context.close();
  });

  it('draws a chosen JSON file without a request, and a reload shows the published data', async () => {
    const { context, page, requests, problems } = await openPreview();
    const zone = page.locator('.if-preview-drop');
    assert.equal(await zone.isVisible(), true);
    assert.match(await zone.innerText(), /Drop a JSON or CSV file, or choose one: it stays on your computer/);
    const before = Number(await page.locator('.if-figure').getAttribute('data-bands'));

    const small = smallDataset();
    await page.locator('input.if-preview-input').setInputFiles(asFile('draft.json', small));
    await drawn(page, small.title);
    const figure = page.locator('.if-figure');
    const bands = Number(await figure.getAttribute('data-bands'));
    assert.ok(bands > 0 && bands < before, `the draft's ${bands} bands, the published data's ${before}`);
    assert.ok((await inked(page)) > 2000, 'bands on the canvas');
    assert.equal(await page.locator('.if-error').isVisible(), false, await errorPanelText(page));
    assert.match(await page.locator('.if-preview-status').innerText(), /Previewing draft\.json, read on this computer: nothing was sent/);
    assert.match(await page.locator('.if-counter').innerText(), new RegExp(`of ${small.flows.length} flows`));
    // The draft's global order was searched here (the published data's is baked).
    assert.ok(Number(await figure.getAttribute('data-crossing-searches')) > 0);
    // The legend is the draft's own, and works.
    const kind = small.flows[0].kind;
    await page.locator(`.if-legend button[data-kind="${kind}"]`).first().click();
    await page.waitForFunction((b) => Number(document.querySelector('.if-figure').dataset.bands) < b, bands);
    assert.equal(new URL(page.url()).hash, '', 'a preview’s view stays out of the URL');

    assert.deepEqual(requests, [], 'no request after the file was chosen');
    assert.deepEqual(problems, []);

    await page.reload({ waitUntil: 'load' });
    await drawn(page, published.title);
    assert.equal(Number(await figure.getAttribute('data-bands')), before);
    await context.close();
  });

  it('lists every problem of a broken file with its path and line, and a second file replaces it', async () => {
    const { context, page, requests } = await openPreview();
    const broken = smallDataset();
    broken.kinds = 3; // the whole dataset is refused
    broken.flows[1].target = 'nobody-at-all';
    await page.locator('input.if-preview-input').setInputFiles(asFile('broken.json', broken));
    await page.waitForFunction(() => document.documentElement.dataset.state === 'error', null, { timeout: 30_000 });
    const panel = await errorPanelText(page);
    assert.match(panel, /The data in broken\.json has \d+ problem\(s\)/);
    assert.match(panel, /kinds \(line \d+\): /);
    assert.equal(await page.locator('.if-stage').isVisible(), false);

    // A second file: one bad flow is left out and counted, the rest drawn.
    const one = smallDataset();
    one.flows[2].target = 'wagnr';
    await page.locator('input.if-preview-input').setInputFiles(asFile('one-bad-flow.json', one));
    await drawn(page, one.title);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.state), 'ready');
    assert.equal(await page.locator('.if-stage').isVisible(), true);
    const listed = await errorPanelText(page);
    assert.match(listed, /one-bad-flow\.json is drawn without 1 of its 7 flows/);
    assert.match(listed, /flows\[2\]\.target \(line \d+\): /);
    assert.match(await page.locator('.if-counter').innerText(), /of 7 flows.*1 rejected as invalid/);
    assert.deepEqual(requests, [], 'no request after the files were chosen');

    // Not a dataset at all.
    await page.locator('input.if-preview-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    await page.waitForFunction(() => /photo\.png cannot be previewed/.test(document.querySelector('.if-error').innerText));
    await context.close();
  });

  it('draws a file dropped on the page', async () => {
    const { context, page, requests } = await openPreview();
    const small = smallDataset();
    small.title = 'Dropped, not chosen';
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      const zone = document.querySelector('.if-preview-drop');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, JSON.stringify(small));
    await drawn(page, small.title);
    assert.ok(Number(await page.locator('.if-figure').getAttribute('data-bands')) > 0);
    assert.deepEqual(requests, []);
    await context.close();
  });

  it('draws a spreadsheet dropped with its meta.json, and lists a broken cell by row and column', async () => {
    const { context, page, requests } = await openPreview();
    const small = smallDataset();
    small.title = 'From a spreadsheet';
    const { flows, ...meta } = small;
    const cell = (v) => (/[",\n;]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const header = ['id', 'giver', 'receiver', 'kind', 'start', 'status', 'summary', 'source', 'quote'];
    const rows = flows.map((f) =>
      [f.id, f.source, f.target, f.kind, f.when?.start ?? '', f.status, f.summary, f.evidence[0].source, f.evidence[0].quote].map(cell).join(','),
    );
    const csv = (rows) => ({ name: 'my flows.csv', mimeType: 'text/csv', buffer: Buffer.from([header.join(','), ...rows].join('\n')) });
    const metaFile = asFile('meta.json', meta);
    await page.locator('input.if-preview-input').setInputFiles([csv(rows), metaFile]);
    await drawn(page, small.title);
    assert.ok(Number(await page.locator('.if-figure').getAttribute('data-bands')) > 0);
    assert.match(await page.locator('.if-preview-status').innerText(), /Previewing my flows\.csv with meta\.json/);
    assert.match(await page.locator('.if-counter').innerText(), /of 7 flows/);

    const broken = [...rows];
    broken[0] = broken[0].replace(/,\d{4}(-\d\d)?(-\d\d)?,/, ',2022-13,');
    assert.notEqual(broken[0], rows[0], 'the stand-in date was replaced');
    await page.locator('input.if-preview-input').setInputFiles([csv(broken), metaFile]);
    await page.waitForFunction(() => document.documentElement.dataset.state === 'error', null, { timeout: 30_000 });
    const panel = await errorPanelText(page);
    assert.match(panel, /The data in my flows\.csv with meta\.json has 1 problem\(s\)/);
    assert.match(panel, /my flows\.csv row 2, column `start`: .*2022-13/);

    // What only the validator sees is placed in the spreadsheet too.
    const unknown = [...rows];
    unknown[0] = unknown[0].replace(`,${flows[0].source},`, ',wagnr,');
    await page.locator('input.if-preview-input').setInputFiles([csv(unknown), metaFile]);
    await drawn(page, small.title);
    assert.match(await errorPanelText(page), /flows\[0\]\.source: unknown actor "wagnr".*\[my flows\.csv row 2, column `giver`\]/);
    assert.deepEqual(requests, []);
    await context.close();
  });

  it('photographs a file with a broken flow at 360 px', async () => {
    const { context, page } = await openPreview({ width: 360, height: 900, deviceScaleFactor: 2 });
    const one = smallDataset();
    one.flows[2].target = 'wagnr';
    one.flows[4].kind = 'arms-sale';
    await page.locator('input.if-preview-input').setInputFiles(asFile('my-draft.json', one));
    await drawn(page, one.title);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'preview-error-360.png'), fullPage: true });
    await context.close();
  });
});
