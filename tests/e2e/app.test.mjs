// End-to-end: dist/ served on 127.0.0.1 (at / and under /graphics/mali/, with the strict CSP),
// loaded in Debian's headless Chromium. Run with `node --test tests/e2e/` after a release build;
// `cargo xtask test` does both.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, SUB_PATH } from './server.mjs';
import { DIST, requireDist, dataPath, readDataset, openPage, errorPanelText } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';
import { analyseCanvas, cssColorsToRgba, hexToRgb, TOLERANCE } from './canvas.mjs';

/** Pixels of its band colour each drawn kind must have, at least (per device pixel ratio²). */
const MIN_PIXELS_PER_KIND = 40;
/** Share of the canvas that must differ from the background. */
const MIN_NON_BACKGROUND = 0.005;

requireDist();
const dataset = readDataset();
const usedKindIds = [...new Set(dataset.flows.map((f) => f.kind))].sort();
const kindById = new Map(dataset.kinds.map((k) => [k.id, k]));

const site = siteInBrowser();

const CASES = [
  { name: 'served at /', at: '', view: {} },
  { name: `served under ${SUB_PATH}`, at: SUB_PATH.slice(1), view: {} },
  { name: 'served at /, dark colour scheme', at: '', view: { colorScheme: 'dark' } },
  { name: 'served at /, 360 px wide at device pixel ratio 2', at: '', view: { width: 360, height: 800, deviceScaleFactor: 2 } },
];

for (const { name, at, view } of CASES) {
  describe(name, () => {
    let opened;

    before(async () => {
      // #all: every flow, not the dataset's first view, so that every kind is drawn.
      opened = await openPage(site.browser, site.server.url + at + '#all', view);
      // On a phone the kinds wait behind "All kinds".
      const more = opened.page.locator('.if-legend-more');
      if (opened.state === 'ready' && (await more.isVisible())) await more.click();
    });

    after(async () => {
      await opened?.context.close();
    });

    const requireReady = async () => {
      if (opened.state !== 'ready') {
        assert.fail(`page is not ready (data-state=${opened.state}); error panel says: ${await errorPanelText(opened.page)}`);
      }
    };

    it('reaches data-state "ready"', async () => {
      await requireReady();
    });

    it('shows a non-empty title h1.if-title', async () => {
      await requireReady();
      const title = opened.page.locator('h1.if-title');
      assert.equal(await title.count(), 1, 'expected exactly one h1.if-title');
      assert.ok(await title.isVisible(), 'h1.if-title is not visible');
      assert.notEqual((await title.innerText()).trim(), '', 'h1.if-title is empty');
    });

    it('says what band width means (.if-key, and .if-note where there is room)', async () => {
      await requireReady();
      const key = opened.page.locator('.if-key');
      assert.ok(await key.isVisible(), '.if-key is not visible');
      assert.match(await key.innerText(), /width = number of documented flows/);
      if ((view.width ?? 1280) >= 600) {
        const note = opened.page.locator('.if-note').first();
        assert.ok(await note.isVisible(), '.if-note is not visible');
        assert.notEqual((await note.innerText()).trim(), '', '.if-note is empty');
      }
    });

    it('has one legend item per drawn kind, with its label and colour', async () => {
      await requireReady();
      const items = await opened.page.$$eval('.if-legend [data-kind]', (els) =>
        els.map((el) => {
          const swatch = el.querySelector('.if-swatch');
          return {
            kind: el.dataset.kind,
            text: el.innerText.trim(),
            visible: el.getClientRects().length > 0,
            // An SVG square (a strict CSP drops inline styles): its rect's fill is the colour.
            swatch: swatch ? getComputedStyle(swatch.querySelector('rect')).fill : null,
          };
        }),
      );
      assert.deepEqual(
        items.map((i) => i.kind).sort(),
        usedKindIds,
        'legend kinds (.if-legend [data-kind]) differ from the kinds that appear in a flow of the data',
      );
      const swatches = await cssColorsToRgba(opened.page, items.map((i) => i.swatch ?? 'transparent'));
      items.forEach((item, n) => {
        const kind = kindById.get(item.kind);
        assert.ok(item.visible, `legend item ${item.kind} is not visible`);
        assert.ok(item.text.includes(kind.label), `legend item ${item.kind} says ${JSON.stringify(item.text)}, not its label ${JSON.stringify(kind.label)}`);
        assert.ok(item.swatch, `legend item ${item.kind} has no .if-swatch`);
        const [r, g, b, a] = swatches[n];
        const want = hexToRgb(kind.color);
        const off = Math.max(Math.abs(r - want[0]), Math.abs(g - want[1]), Math.abs(b - want[2]));
        assert.ok(a > 0.99 && off <= 2, `swatch of ${item.kind} is ${item.swatch}, not the data's ${kind.color}`);
      });
    });

    it('draws bands in each kind\'s colour on canvas.if-canvas', async () => {
      await requireReady();
      const canvas = opened.page.locator('canvas.if-canvas');
      assert.equal(await canvas.count(), 1, 'expected exactly one canvas.if-canvas');
      assert.ok(await canvas.isVisible(), 'canvas.if-canvas is not visible');
      // The colour the legend shows is the colour the bands must have.
      const colors = await opened.page.$$eval('.if-legend [data-kind]', (els) =>
        els.map((el) => ({ id: el.dataset.kind, color: el.querySelector('.if-swatch rect').getAttribute('fill') })),
      );
      // Kinds drawn solid somewhere (a flow stated as fact): reported and denied bands are
      // hatched or outlined, so a kind with none (money, resources) has few solid pixels.
      const solidKinds = new Set(dataset.flows.filter((f) => f.status === 'fact').map((f) => f.kind));
      const drawn = colors.filter((c) => usedKindIds.includes(c.id) && solidKinds.has(c.id));
      const seen = await analyseCanvas(opened.page, drawn);
      const report = () =>
        `canvas ${seen.width}x${seen.height}, band alpha ${seen.alpha}, background rgb(${seen.background}), ` +
        `${seen.nonBackground} of ${seen.total} pixels not background; per kind (colour -> expected on screen: pixels): ` +
        Object.entries(seen.kinds)
          .map(([id, k]) => `${id} rgb(${k.rgb}) -> rgb(${k.expected}): ${k.count}`)
          .join('; ');
      assert.ok(seen.total > 0, 'canvas has no pixels');
      assert.ok(seen.nonBackground >= seen.total * MIN_NON_BACKGROUND, `canvas is (almost) only background: ${report()}`);
      const scale = (view.deviceScaleFactor ?? 1) ** 2;
      const missing = Object.entries(seen.kinds).filter(([, k]) => k.count < MIN_PIXELS_PER_KIND * scale);
      assert.deepEqual(
        missing.map(([id]) => id),
        [],
        `kinds with fewer than ${MIN_PIXELS_PER_KIND * scale} pixels of their band colour (±${TOLERANCE}): ${report()}`,
      );
    });

    it('logged no console error, page error, CSP violation or failed request', async () => {
      // Last, so that anything logged while drawing is in.
      await new Promise((r) => setTimeout(r, 250));
      assert.deepEqual(opened.problems, [], `the page logged:\n  ${opened.problems.join('\n  ')}`);
    });
  });
}

describe('bad data', () => {
  const src = dataPath();
  const good = readFileSync(path.join(DIST, src), 'utf8');

  // A syntax error on line 3.
  const lines = good.split('\n');
  lines.splice(2, 0, '  "broken": ,');
  const invalidJson = lines.join('\n');

  // Valid JSON, but an actor of an unknown type: the actors are broken, so the whole dataset is.
  const bad = JSON.parse(good);
  bad.actors[0].type = 'no-such-type';
  const badActor = JSON.stringify(bad, null, 2);

  // A flow to an actor that does not exist: that flow is rejected, the rest is drawn and counted.
  const partly = JSON.parse(good);
  partly.flows[0].target = 'no-such-actor';
  const unknownActor = JSON.stringify(partly, null, 2);

  it('a flow to an unknown actor is left out and counted; the rest is drawn', async () => {
    const partlyServer = await startServer({ root: DIST, csp: true, overrides: { [src]: unknownActor } });
    try {
      const { page, context, state } = await openPage(site.browser, partlyServer.url + '#all');
      try {
        assert.equal(state, 'ready');
        const total = partly.flows.length;
        assert.match(await page.locator('.if-counter').innerText(), new RegExp(`^Showing ${total - 1} of ${total} flows; 1 rejected as invalid`));
      } finally {
        await context.close();
      }
    } finally {
      await partlyServer.close();
    }
  });

  const BAD = [
    { name: 'invalid JSON', body: invalidJson, mentions: /\bline\s*3\b/i, what: 'line 3' },
    { name: 'an actor of an unknown type', body: badActor, mentions: /actors\[0\]\.type/, what: 'actors[0].type' },
  ];

  for (const { name, body, mentions, what } of BAD) {
    for (const at of ['', SUB_PATH.slice(1)]) {
      it(`${name} (at /${at}): data-state "error" and .if-error[role=alert] mentions ${what}`, async () => {
        const badServer = await startServer({ root: DIST, csp: true, overrides: { [src]: body } });
        let opened;
        try {
          opened = await openPage(site.browser, badServer.url + at);
          assert.equal(opened.state, 'error', `data-state is ${opened.state} with ${name} in ${src}`);
          const panel = opened.page.locator('.if-error');
          assert.ok(await panel.first().isVisible(), '.if-error is not visible');
          assert.equal(await panel.first().getAttribute('role'), 'alert', '.if-error has no role=alert');
          const text = await panel.first().innerText();
          assert.match(text, mentions, `the error panel should mention ${what}; it says: ${JSON.stringify(text)}`);
          const pageErrors = opened.problems.filter((p) => p.startsWith('page error') || p.startsWith('CSP'));
          assert.deepEqual(pageErrors, [], `bad data must give an error panel, not a crash or a CSP violation; logged:\n  ${pageErrors.join('\n  ')}`);
        } finally {
          await opened?.context.close();
          await badServer.close();
        }
      });
    }
  }
});
