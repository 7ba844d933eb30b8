// End-to-end: how the page loads its wasm and its data (issue 19). The preloads in index.html
// are the downloads the page uses (one request each, none repeated by the scripts' fetches), the
// wasm is compiled as it streams in (its preload link carries the hash in data-integrity, which
// boot.js checks itself: tools/stream-wasm.mjs), and a wasm whose bytes are not the published
// ones never runs.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { DIST, READY_TIMEOUT_MS, requireDist, errorPanelText } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

requireDist();

const site = siteInBrowser();
// The reader's module (the full one, `full-*`, is for other datasets: tests/e2e/modules.test.mjs).
const WASM = readdirSync(DIST).find((name) => name.endsWith('_bg.wasm') && !name.startsWith('full-'));
const FULL_WASM = readdirSync(DIST).find((name) => name.endsWith('_bg.wasm') && name.startsWith('full-'));

/** Opens `url`, counting requests by path, until `<html data-state>` is ready or error. */
async function open(url) {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (req) => requests.push(new URL(req.url()).pathname));
  await page.goto(url);
  await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.state), null, { timeout: READY_TIMEOUT_MS });
  const state = await page.evaluate(() => document.documentElement.dataset.state);
  return { context, page, state, requests };
}

describe('loading', () => {
  it('the wasm preload carries its hash in data-integrity, not integrity', () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const link = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(WASM));
    assert.ok(link, `a link to ${WASM}`);
    assert.match(link, /\brel=["']?preload\b/);
    assert.match(link, /\sdata-integrity=["']?sha384-[A-Za-z0-9+/=]+/);
    assert.doesNotMatch(link, /\sintegrity=/, 'an integrity attribute would make the fetch wait for the whole body');
  });

  it('downloads the wasm and the data once each: the scripts use the preloads', async () => {
    const opened = await open(site.server.url);
    try {
      assert.equal(opened.state, 'ready');
      const count = (end) => opened.requests.filter((p) => p.endsWith(end)).length;
      assert.equal(count(WASM), 1, `wasm requests: ${opened.requests.join(', ')}`);
      assert.equal(count('/data/mali.json'), 1, `data requests: ${opened.requests.join(', ')}`);
    } finally {
      await opened.context.close();
    }
  });

  // The reader's module at `/`, and the full module, which `?preview` loads.
  for (const [which, file, at] of [['a wasm', WASM, ''], ['a full module', FULL_WASM, '?preview']]) {
    it(`${which} whose bytes are not the published ones does not run: the page says so`, async () => {
      // A valid, empty module: it compiles, so only the hash check can refuse it.
      const other = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
      const tampered = await startServer({ root: DIST, csp: true, overrides: { [file]: other } });
      let opened;
      try {
        opened = await open(tampered.url + at);
        assert.equal(opened.state, 'error');
        const panel = await errorPanelText(opened.page);
        assert.match(panel, /could not start.*integrity hash/is, `the panel: ${panel}`);
      } finally {
        await opened?.context.close();
        await tampered.close();
      }
    });
  }

  it('on a 4×-throttled phone the data table is written in slices, and complete when ready', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(site.server.url);
      await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.state), null, { timeout: READY_TIMEOUT_MS });
      const figure = page.locator('.if-figure');
      const slices = Number(await figure.getAttribute('data-table-slices'));
      // One slice would be one task of every row and quote, which a tap waits behind.
      assert.ok(slices >= 2, `the table in ${slices} slice(s)`);
      const rows = await page.locator('.if-table tbody tr').count();
      const shown = Number((await page.locator('.if-table caption').textContent()).match(/\d+/)?.[0]);
      assert.ok(rows > 0 && rows === shown, `${rows} rows for a caption of ${shown} flows`);
    } finally {
      await context.close();
    }
  });
});
