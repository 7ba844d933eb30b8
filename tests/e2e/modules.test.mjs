// The two wasm modules (issue 19): a reader of the shipped chart fetches only the reader's
// module, which reads the baked dataset unchecked; any other dataset is handed to the full
// module (validator, crossing search, `?preview`), at `/`, under the sub-path, in an element
// embed and under the strict CSP.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SUB_PATH } from './server.mjs';
import { DIST, dataPath, errorPanelText, readDataset } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

const site = siteInBrowser();

/** Opens `url` with `overrides` served in place of the files they name; the wasm files fetched. */
async function openCounting(url, overrides = {}, serverOptions = {}) {
  const server = await startServer({ root: DIST, csp: true, overrides, ...serverOptions });
  const wasm = [];
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname.split('/').pop());
  });
  await page.goto(server.url + url, { waitUntil: 'load' });
  await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.state), null, {
    timeout: 60_000,
    polling: 100,
  });
  const state = await page.evaluate(() => document.documentElement.dataset.state);
  return { page, state, wasm, close: async () => { await context.close(); await server.close(); } };
}

const isFull = (name) => name.startsWith('full-');

/** The shipped dataset with one actor renamed: valid, but not the text whose order was baked. */
function otherDataset() {
  const dataset = readDataset();
  dataset.actors[0].name = `${dataset.actors[0].name} (edited)`;
  return JSON.stringify(dataset, null, 2);
}

describe('two modules', () => {
  for (const at of ['', SUB_PATH.slice(1)]) {
    it(`the shipped chart at /${at} loads only the reader's module and runs no crossing search`, async () => {
      const opened = await openCounting(at);
      try {
        assert.equal(opened.state, 'ready', await errorPanelText(opened.page));
        assert.equal(opened.wasm.length, 1, `wasm fetched: ${opened.wasm.join(', ')}`);
        assert.ok(!isFull(opened.wasm[0]), `the reader's module, not ${opened.wasm[0]}`);
        const searches = await opened.page.getAttribute('.if-figure', 'data-crossing-searches');
        assert.equal(searches, '0');
      } finally {
        await opened.close();
      }
    });
  }

  it('a replaced data file is drawn by the full module, with its own order searched', async () => {
    const opened = await openCounting('', { [dataPath()]: otherDataset() });
    try {
      assert.equal(opened.state, 'ready', await errorPanelText(opened.page));
      assert.deepEqual(opened.wasm.map(isFull), [false, true], `wasm fetched: ${opened.wasm.join(', ')}`);
      const searches = Number(await opened.page.getAttribute('.if-figure', 'data-crossing-searches'));
      assert.ok(searches >= 1, `crossing searches: ${searches}`);
      const text = await opened.page.locator('.if-figure').textContent();
      assert.match(text, /\(edited\)/);
    } finally {
      await opened.close();
    }
  });

  it('a broken data file gets the validator\'s problems, from the full module', async () => {
    const broken = otherDataset().replace('"flows": [', '"flows": [{"id": 1},');
    const opened = await openCounting('', { [dataPath()]: broken });
    try {
      assert.equal(opened.state, 'ready', await errorPanelText(opened.page));
      assert.ok(opened.wasm.some(isFull), `wasm fetched: ${opened.wasm.join(', ')}`);
      const counter = await opened.page.locator('.if-counter').textContent();
      assert.match(counter, /; 1 rejected as invalid/, `the counter counts the flow left out: ${counter}`);
    } finally {
      await opened.close();
    }
  });

  it('?preview is drawn by the full module', async () => {
    const opened = await openCounting('?preview');
    try {
      assert.equal(opened.state, 'ready', await errorPanelText(opened.page));
      // The reader's module is fetched too: index.html preloads it for every reader.
      assert.ok(opened.wasm.some(isFull), `wasm fetched: ${opened.wasm.join(', ')}`);
      // Only the full module has the preview's file picker.
      assert.equal(await opened.page.locator('.if-preview').isVisible(), true);
    } finally {
      await opened.close();
    }
  });

  it('an element embed whose published data was replaced is drawn by the full module', async () => {
    const chart = SUB_PATH.slice(1);
    const host = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title></head><body>
<div class="influence-flows" id="one"></div>
<script type="module" src="${chart}embed-element.js"></script></body></html>`;
    const server = await startServer({
      root: DIST,
      csp: true,
      overrides: { [dataPath()]: otherDataset(), 'host.html': host, 'favicon.ico': '' },
    });
    const context = await site.browser.newContext({ viewport: { width: 1000, height: 800 } });
    try {
      const page = await context.newPage();
      const wasm = [];
      page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(isFull(new URL(r.url()).pathname.split('/').pop())));
      await page.goto(server.url + 'host.html');
      await page.waitForFunction(
        () => document.querySelector('#one')?.shadowRoot?.querySelector('.if-figure')?.hasAttribute('data-bands'),
        null,
        { timeout: 60_000, polling: 100 },
      );
      assert.deepEqual(wasm, [false, true]);
      const text = await page.evaluate(() => document.querySelector('#one').shadowRoot.querySelector('.if-figure').textContent);
      assert.match(text, /\(edited\)/);
    } finally {
      await context.close();
      await server.close();
    }
  });
});
