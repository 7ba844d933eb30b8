// End-to-end: the built page works under the strict Content-Security-Policy the test server
// sends, and needs nothing it forbids:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
//   object-src 'none'; base-uri 'none'
// The header is really sent and really enforced (an inline script planted in the page is
// blocked); the built HTML has no inline script, style or handler; a reader's whole session
// (hover, pin, keyboard, legend, period, play, fold, table, resize, dark) logs no violation and
// loads nothing from elsewhere; and without 'wasm-unsafe-eval' the page says it could not
// start instead of staying blank.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, CSP, SUB_PATH } from './server.mjs';
import { DIST, requireDist, errorPanelText } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';
import { openWatched, findInjected } from './xss-watch.mjs';

requireDist();

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";

const site = siteInBrowser();

describe('the policy', () => {
  it('is the strict one, sent as a header on every response', async () => {
    assert.equal(CSP, STRICT, 'the test server sends the policy this page is built for');
    for (const at of ['', 'index.html', SUB_PATH.slice(1), 'data/mali.json', 'no-such-file']) {
      const res = await fetch(site.server.url + at);
      assert.equal(res.headers.get('content-security-policy'), STRICT, `/${at}`);
    }
    assert.doesNotMatch(STRICT, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|data:|blob:/);
  });

  it('is enforced: an inline script and an inline style planted in the page are blocked', async () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8')
      .replace('</head>', '<script>window.__inline = 1</script><style>body{display:none}</style></head>')
      .replace('<main>', '<main onclick="window.__inline = 2" style="display:none">');
    const planted = await startServer({ root: DIST, csp: true, overrides: { 'index.html': html } });
    let opened;
    try {
      // The override is keyed by file: ask for index.html by name.
      opened = await openWatched(site.browser, `${planted.url}index.html`);
      assert.equal(await opened.page.evaluate(() => window.__inline), undefined, 'the inline script ran');
      await opened.page.locator('main').click({ force: true }).catch(() => {});
      assert.equal(await opened.page.evaluate(() => window.__inline), undefined, 'the inline handler ran');
      assert.notEqual(await opened.page.evaluate(() => getComputedStyle(document.body).display), 'none', 'the inline <style> applied');
      const violations = opened.problems.filter((p) => p.startsWith('CSP violation'));
      assert.ok(violations.some((v) => v.includes('script-src')), `a script-src violation was reported: ${opened.problems.join('; ')}`);
      assert.ok(violations.some((v) => v.includes('style-src')), `a style-src violation was reported: ${opened.problems.join('; ')}`);
      // And the chart itself still draws.
      assert.equal(opened.state, 'ready', await errorPanelText(opened.page));
    } finally {
      await opened?.context.close();
      await planted.close();
    }
  });
});

describe('the built HTML', () => {
  const pages = readdirSync(DIST).filter((f) => f.endsWith('.html'));

  it('has no inline script, style, event handler or javascript: URL', () => {
    assert.ok(pages.includes('index.html'));
    for (const file of pages) {
      const html = readFileSync(path.join(DIST, file), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      for (const [, attrs, body] of scripts) {
        assert.match(attrs, /\bsrc\s*=/, `${file}: an inline <script>: ${body.slice(0, 80)}`);
        assert.equal(body.trim(), '', `${file}: a <script src> with a body`);
      }
      assert.doesNotMatch(html, /<style\b/i, `${file}: a <style> element`);
      assert.doesNotMatch(html, /\sstyle\s*=/i, `${file}: a style attribute`);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${file}: an event handler attribute`);
      assert.doesNotMatch(html, /javascript:/i, `${file}: a javascript: URL`);
      // Everything it loads is relative: the same origin, under any sub-path. (Links to the
      // source documents, in the prerendered source line, are not loaded.)
      const loading = html.replace(/<a\s[^>]*>/gi, '');
      for (const [, url] of loading.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)) {
        assert.doesNotMatch(url, /^([a-z][a-z0-9+.-]*:|\/\/|\/)/i, `${file}: ${url} is not relative`);
      }
    }
  });
});

describe('a reader\'s whole session under the policy', () => {
  for (const { name, at, view } of [
    { name: 'at /', at: '', view: {} },
    { name: `under ${SUB_PATH}, dark, 390 px`, at: SUB_PATH.slice(1), view: { width: 390, height: 844, colorScheme: 'dark' } },
  ]) {
    it(`${name}: no violation, no error, nothing from elsewhere`, async () => {
      const opened = await openWatched(site.browser, site.server.url + at, view);
      try {
        const { page } = opened;
        assert.equal(opened.state, 'ready', await errorPanelText(page));
        // Hover across the canvas, pin what is under the middle, and let go.
        const box = await page.locator('canvas.if-canvas').boundingBox();
        for (let y = box.y + 5; y < box.y + box.height; y += 17) {
          await page.mouse.move(box.x + box.width / 2, y);
        }
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.keyboard.press('Escape');
        // The keyboard: walk, pin, close.
        await page.locator('.if-stage').focus();
        for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'Enter', 'Escape', 'ArrowUp']) {
          await page.keyboard.press(key);
        }
        // Esc closes the focused mark's tooltip, which on a phone may cover the legend.
        await page.keyboard.press('Escape');
        // The legend: hide a family and show it again (on a phone its kinds are folded away).
        const kind = page.locator('.if-legend [data-family]').first();
        await kind.click();
        await kind.click();
        // The period, the player, folding, the data table.
        const from = page.locator('.if-from');
        const years = await from.locator('option').allTextContents();
        if (years.length > 1) await from.selectOption({ index: 1 });
        await page.locator('.if-play').click();
        await page.waitForTimeout(600);
        await page.locator('.if-play').click();
        await page.locator('.if-actors > summary').click();
        await page.locator('.if-fold').check();
        await page.locator('.if-fold').uncheck();
        await page.locator('.if-table-toggle').click();
        // A resize and a change of colour scheme redraw.
        await page.setViewportSize({ width: 700, height: 700 });
        await page.emulateMedia({ colorScheme: view.colorScheme === 'dark' ? 'light' : 'dark' });
        await page.waitForTimeout(300);

        assert.deepEqual(opened.problems, [], `the page logged:\n  ${opened.problems.join('\n  ')}`);
        assert.deepEqual(opened.dialogs, []);
        const origin = new URL(site.server.url).origin;
        const foreign = opened.requests.filter((url) => new URL(url).origin !== origin);
        assert.deepEqual(foreign, [], 'every request stays on the site');
        assert.deepEqual(await findInjected(page), []);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.state), 'ready');
      } finally {
        await opened.context.close();
      }
    });
  }
});

describe('without \'wasm-unsafe-eval\'', () => {
  it('the page says it could not start, instead of staying blank', async () => {
    // A <meta> policy adds to the header's: both must allow what runs.
    const meta = `<meta http-equiv="Content-Security-Policy" content="script-src 'self'">`;
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8').replace(/<meta charset="?utf-8"?>/i, (charset) => `${charset}${meta}`);
    assert.ok(html.includes(meta), 'the policy went into the head (after the charset)');
    const strict = await startServer({ root: DIST, csp: true, overrides: { 'index.html': html } });
    let opened;
    try {
      opened = await openWatched(site.browser, `${strict.url}index.html`);
      assert.equal(opened.state, 'error', `data-state is ${opened.state}`);
      const panel = await errorPanelText(opened.page);
      assert.match(panel, /could not start/i, `the panel: ${panel}`);
      assert.ok(await opened.page.locator('.if-error').first().isVisible(), 'the error panel is visible');
    } finally {
      await opened?.context.close();
      await strict.close();
    }
  });
});
