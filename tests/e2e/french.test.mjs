// End-to-end: the interface in French. `?lang=fr` puts the legend, the controls, the key, the
// view line, the tooltip, the live region and the data table in French and sets `lang="fr"` on
// the figure (screen readers speak it as French); the dataset's names and quotes stay as
// written. An element embed on a page whose <html lang="fr"> is French without any option;
// the page without either stays English.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SUB_PATH, startServer } from './server.mjs';
import { DIST, dataPath, requireDist, readDataset, openPage, errorPanelText } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

requireDist();
const dataset = readDataset();
const chart = SUB_PATH.slice(1); // "graphics/mali/"

const FRENCH_HOST = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Article</title>
</head><body>
<p>Un paragraphe de l’article.</p>
<div class="influence-flows" id="fr"></div>
<div lang="en"><div class="influence-flows" id="en"></div></div>
<script type="module" src="${chart}embed-element.js"></script>
</body></html>`;

const site = siteInBrowser({ overrides: { 'host-fr.html': FRENCH_HOST, 'favicon.ico': '' } });

/** The frame's words a reader sees: of the page, or of the element embed `host` (a selector). */
function frameWords(host) {
  const root = host ? document.querySelector(host).shadowRoot : document;
  const text = (selector) => root.querySelector(selector)?.textContent.trim() ?? null;
  return {
    lang: root.querySelector('.if-figure').getAttribute('lang'),
    more: text('.if-legend-more'),
    key: text('.if-key'),
    play: text('.if-play'),
    actors: text('.if-actors summary'),
    from: text('.if-from option'),
    count: text('.if-view-count'),
    counter: text('.if-counter'),
    toggle: text('.if-table-toggle'),
    note: text('.if-note'),
    canvas: root.querySelector('.if-canvas').getAttribute('aria-label'),
    stage: root.querySelector('.if-stage').getAttribute('aria-label'),
    headers: [...root.querySelectorAll('.if-table th')].map((th) => th.textContent),
  };
}

describe('French', () => {
  it('?lang=fr: legend, controls, key, counts, table and tooltip in French; the data as written', async () => {
    const { page, context, state, problems } = await openPage(site.browser, `${site.server.url}?lang=fr`, { width: 1280 });
    try {
      assert.equal(state, 'ready', await errorPanelText(page));
      const words = await page.evaluate(frameWords, null);
      assert.equal(words.lang, 'fr');
      assert.equal(words.more, 'Tous les types');
      assert.match(words.key, /plein = présenté comme un fait/);
      assert.match(words.key, /hachuré, plus clair = rapporté/);
      assert.doesNotMatch(words.key, /stated|hatched|dashed|width/);
      assert.equal(words.play, 'Dérouler les années');
      assert.equal(words.actors, 'Acteurs');
      assert.equal(words.from, 'Toutes dates');
      assert.match(words.count, /^\d+ flux affichés sur \d+$/);
      assert.match(words.counter, /flux affichés sur/);
      assert.equal(words.toggle, 'Afficher le tableau des données');
      assert.match(words.note, /^Largeur des bandes/);
      assert.match(words.canvas, /un diagramme de \d+ flux documentés/);
      assert.match(words.stage, /^Diagramme de flux\./);
      assert.deepEqual(words.headers, ['Donateur', 'Bénéficiaire', 'Type, période, présentation', 'Résumé', 'Preuves']);
      // The dataset's title and actor names are data: as written.
      assert.equal(await page.locator('.if-title').textContent(), dataset.title);

      // The tooltip of a band: its count, how it is presented, its quotes untouched.
      const canvas = page.locator('canvas.if-canvas');
      const box = await canvas.boundingBox();
      let tip = null;
      search: for (let x = box.width * 0.35; x < box.width * 0.65; x += 10) {
        for (let y = 4; y < box.height; y += 5) {
          await page.mouse.move(box.x + x, box.y + y);
          tip = await page.evaluate(() => {
            const t = document.querySelector('.if-tooltip');
            if (t.hidden || !t.querySelector('.if-flow')) return null;
            return {
              lines: [...t.querySelectorAll('.if-tip-line')].map((p) => p.textContent),
              meta: [...t.querySelectorAll('.if-flow-meta')].map((p) => p.textContent),
              quotes: [...t.querySelectorAll('.if-quote > span')].map((q) => q.textContent),
              more: t.querySelector('.if-more').textContent,
            };
          });
          if (tip) break search;
        }
      }
      assert.ok(tip, 'a band under the pointer shows its tooltip');
      assert.match(tip.lines[0], /^\d+ flux documentés?$/);
      assert.ok(tip.meta.every((m) => /Présenté comme un fait|Rapporté|Démenti/.test(m)), tip.meta.join(' | '));
      assert.ok(tip.meta.every((m) => !/Stated as fact|Reported|Denied|undated/.test(m)), tip.meta.join(' | '));
      assert.match(tip.more, /Entrée/);
      const quotes = new Set(dataset.flows.flatMap((f) => f.evidence.map((e) => `“${e.quote}”`)));
      assert.ok(tip.quotes.length > 0 && tip.quotes.every((q) => quotes.has(q)), 'quotes as written');

      // The keyboard's announcement in the live region.
      await page.mouse.move(0, 0);
      await page.locator('.if-stage').focus();
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.querySelector('.if-live').textContent.length > 0);
      const live = await page.locator('.if-live').textContent();
      assert.match(live, /Entrée affiche les preuves/);
      assert.match(live, /Donne\u00a0: /);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('the page without lang= stays English', async () => {
    const { page, context, state, problems } = await openPage(site.browser, site.server.url, { width: 1280 });
    try {
      assert.equal(state, 'ready', await errorPanelText(page));
      const words = await page.evaluate(frameWords, null);
      assert.equal(words.lang, 'en');
      assert.equal(words.more, 'All kinds');
      assert.equal(words.play, 'Play years');
      assert.match(words.count, /^\d+ of \d+ flows shown$/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('an element embed speaks its host page’s language: French under <html lang="fr">, English under lang="en"', async () => {
    const { page, context, problems } = await openPage(site.browser, site.server.url + 'host-fr.html', { width: 1000 });
    try {
      await page.waitForFunction(() =>
        ['#fr', '#en'].every((id) => document.querySelector(id).shadowRoot?.querySelector('.if-figure')?.dataset.state === 'ready'),
        null, { timeout: 30_000 });
      const read = (id) => page.evaluate(frameWords, id);
      const fr = await read('#fr');
      assert.equal(fr.lang, 'fr');
      assert.equal(fr.more, 'Tous les types');
      assert.equal(fr.play, 'Dérouler les années');
      assert.match(fr.count, /flux affichés sur/);
      assert.deepEqual(fr.headers, ['Donateur', 'Bénéficiaire', 'Type, période, présentation', 'Résumé', 'Preuves']);
      const en = await read('#en');
      assert.equal(en.lang, 'en');
      assert.equal(en.more, 'All kinds');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('the error panel frames the validator’s problems in French', async () => {
    const src = dataPath();
    const bad = JSON.parse(readFileSync(path.join(DIST, src), 'utf8'));
    bad.actors[0].type = 'no-such-type';
    const badServer = await startServer({ root: DIST, csp: true, overrides: { [src]: JSON.stringify(bad) } });
    try {
      const { page, context, state } = await openPage(site.browser, `${badServer.url}?lang=fr`);
      try {
        assert.equal(state, 'error');
        const heading = await page.locator('.if-error-heading').textContent();
        assert.match(heading, /^Les données de .*mali\.json ont \d+ problème\(s\)$/);
        // The problems themselves are the validator's, with their JSON paths.
        assert.match(await page.locator('.if-error li').first().textContent(), /actors\[0\]\.type/);
      } finally {
        await context.close();
      }
    } finally {
      await badServer.close();
    }
  });
});
