// Transitions: a view change moves the picture to its new places in ~400 ms instead of
// replacing it. A player step animates (the canvas shows frames in between, `data-animating`
// while it runs) and moves actors without reordering them; under prefers-reduced-motion the new
// picture is drawn at once; hover, click (pin) and keys answer during and after; a change in the middle
// lands on the same picture as opening its link. Logs the cost of a frame (build + paint).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requireDist, readDataset, openPage, errorPanelText } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

requireDist();
const dataset = readDataset();
const site = siteInBrowser();
const countOfKind = (id) => dataset.flows.filter((f) => f.kind === id).length;
const kindsByCount = [...new Set(dataset.flows.map((f) => f.kind))].sort((a, b) => countOfKind(b) - countOfKind(a));

async function open(hash, view = {}) {
  const opened = await openPage(site.browser, site.server.url + hash, view);
  if (opened.state !== 'ready') assert.fail(`page not ready: ${await errorPanelText(opened.page)}`);
  // A digest of the canvas's pixels, and whether the figure is moving, read in one go.
  await opened.page.evaluate(() => {
    window.__digest = () => {
      const canvas = document.querySelector('canvas.if-canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let h = 2166136261;
      for (let i = 0; i < data.length; i += 1) h = Math.imul(h ^ data[i], 16777619) >>> 0;
      return `${canvas.width}x${canvas.height}:${h.toString(16)}`;
    };
  });
  return opened;
}

const figure = (page, name) => page.$eval('.if-figure', (f, n) => f.getAttribute(n), name);
const digest = (page) => page.evaluate(() => window.__digest());
const animating = (page) => page.$eval('.if-figure', (f) => f.hasAttribute('data-animating'));
const settled = (page) =>
  page.waitForFunction(() => !document.querySelector('.if-figure').hasAttribute('data-animating'), null, { timeout: 5000 });
const started = (page) =>
  page.waitForFunction(() => document.querySelector('.if-figure').dataset.animating === 'true', null, { timeout: 5000, polling: 'raf' });

/** `giver:a,b;receiver:c` → { giver: [a, b], receiver: [c] }. */
function order(text) {
  return Object.fromEntries(
    (text ?? '')
      .split(';')
      .filter(Boolean)
      .map((side) => {
        const [name, actors] = side.split(':');
        return [name, actors.split(',')];
      }),
  );
}

/** Pairs of actors drawn on one side in both pictures, in opposite orders. */
function reordered(a, b) {
  const bad = [];
  for (const side of Object.keys(a)) {
    const shared = a[side].filter((x) => (b[side] ?? []).includes(x));
    const there = shared.map((x) => b[side].indexOf(x));
    for (let i = 1; i < there.length; i += 1) {
      if (there[i] < there[i - 1]) bad.push(`${side}: ${shared[i - 1]} / ${shared[i]}`);
    }
  }
  return bad;
}

/** A point (CSS px, canvas-relative) well inside a band of `kind`'s colour, or null. */
function pointInBandOf(page, kind) {
  const color = dataset.kinds.find((k) => k.id === kind).color;
  return page.evaluate((color) => {
    const canvas = document.querySelector('canvas.if-canvas');
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const alpha = Number(canvas.dataset.bandAlpha);
    const hex = color.match(/[0-9a-f]{2}/gi).map((h) => parseInt(h, 16));
    const bg = [data[0], data[1], data[2]]; // the corner is background
    const want = hex.map((c, i) => c * alpha + bg[i] * (1 - alpha));
    const is = (x, y) => {
      if (x < 0 || y < 0 || x >= width || y >= height) return false;
      const p = (y * width + x) * 4;
      return [0, 1, 2].every((i) => Math.abs(data[p + i] - want[i]) <= 6);
    };
    for (let x = Math.floor(width / 3); x < (2 * width) / 3; x += 3) {
      for (let y = 0; y < height; y += 1) {
        if (is(x, y) && is(x - 4, y) && is(x + 4, y) && is(x, y - 4) && is(x, y + 4)) return { x, y };
      }
    }
    return null;
  }, color);
}

describe('a player step', () => {
  for (const width of [1280, 360]) {
  it(`moves the picture through frames in between, keeping the actors in their order (${width} px)`, async () => {
    const { page, context, problems } = await open('#years=2019-2019', { width });
    try {
      const before = { order: order(await figure(page, 'data-actor-order')), digest: await digest(page) };
      const frames = Number((await figure(page, 'data-frames')) ?? 0);
      await page.click('.if-play'); // 2019 is shown: the first step, to 2020, comes after 1.4 s
      await started(page);
      // A frame in between, read while the figure is still moving.
      const mid = await (
        await page.waitForFunction(
          (n) => {
            const f = document.querySelector('.if-figure');
            if (!f.hasAttribute('data-animating') || Number(f.dataset.frames ?? 0) < n + 2) return false;
            return { digest: window.__digest(), animating: f.hasAttribute('data-animating') };
          },
          frames,
          { timeout: 5000, polling: 'raf' },
        )
      ).jsonValue();
      await settled(page);
      await page.click('.if-play'); // pause before the next step
      assert.match(await page.evaluate(() => location.hash), /years=2020-2020/);
      const after = { order: order(await figure(page, 'data-actor-order')), digest: await digest(page) };
      assert.ok(mid.animating);
      assert.notEqual(mid.digest, after.digest, 'the frame in between is not the new picture');
      assert.notEqual(mid.digest, before.digest, 'the frame in between is not the old picture');
      assert.notEqual(before.digest, after.digest, 'the step changed the picture');
      const shared = Object.keys(before.order).flatMap((s) => before.order[s].filter((a) => (after.order[s] ?? []).includes(a)));
      assert.ok(shared.length >= 4, `actors on screen before and after: ${shared}`);
      assert.deepEqual(reordered(before.order, after.order), []);
      // The cost of a frame in between: building it and painting the canvas.
      const count = Number(await figure(page, 'data-frames'));
      const total = Number(await figure(page, 'data-frame-ms'));
      const worst = Number(await figure(page, 'data-frame-ms-max'));
      assert.ok(count - frames >= 3, `${count - frames} frames in between`);
      console.log(`motion at ${width} px: ${count} frames, ${(total / count).toFixed(2)} ms a frame on average, ${worst} ms at most`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
  }
});

describe('under prefers-reduced-motion', () => {
  it('draws the new picture at once: no frame in between', async () => {
    const { page, context, problems } = await open('#all');
    try {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const before = await digest(page);
      // Every picture the canvas shows, frame by frame, and whether the figure ever moved.
      await page.evaluate(() => {
        const f = document.querySelector('.if-figure');
        window.__seen = [window.__digest()];
        window.__moved = false;
        new MutationObserver(() => {
          if (f.hasAttribute('data-animating')) window.__moved = true;
        }).observe(f, { attributes: true, attributeFilter: ['data-animating'] });
        const start = performance.now();
        const tick = () => {
          const d = window.__digest();
          if (window.__seen.at(-1) !== d) window.__seen.push(d);
          if (performance.now() - start < 1500) requestAnimationFrame(tick);
          else window.__done = true;
        };
        requestAnimationFrame(tick);
      });
      await page.locator(`.if-legend button[data-kind="${kindsByCount[0]}"]`).click();
      await page.waitForFunction(() => window.__done, null, { timeout: 5000 });
      const { seen, moved } = await page.evaluate(() => ({ seen: window.__seen, moved: window.__moved }));
      assert.equal(moved, false, 'data-animating was set');
      assert.equal(seen.length, 2, `pictures shown: ${seen.length} (the old, the new, nothing between)`);
      assert.equal(seen[0], before);
      assert.equal(seen[1], await digest(page));
      assert.equal(await figure(page, 'data-frames'), null);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

// The steps that must land inside one 400 ms motion run in the page, frame by frame, so a
// loaded machine cannot make them miss it: a change, two frames, then the event.
describe('while the picture moves', () => {
  it('hover and click answer the new picture during and after, and do not stop the motion', async () => {
    const { page, context, problems } = await open('#all');
    try {
      const kind = kindsByCount[1];
      const legend = page.locator(`.if-legend button[data-kind="${kind}"]`);
      // The new picture, and a point in a band of it.
      await legend.click();
      await settled(page);
      const target = await digest(page);
      const point = await pointInBandOf(page, kindsByCount[0]);
      assert.ok(point, `a band of ${kindsByCount[0]} in the new picture`);
      const ratio = await page.$eval('canvas.if-canvas', (c) => c.width / c.clientWidth);
      const at = { x: point.x / ratio, y: point.y / ratio };
      await legend.click(); // back
      await settled(page);
      // To the new picture again, and the pointer over the band while it moves.
      const during = await page.evaluate(
        async ({ kind, at }) => {
          const f = document.querySelector('.if-figure');
          const canvas = document.querySelector('canvas.if-canvas');
          document.querySelector(`.if-legend button[data-kind="${kind}"]`).click();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const box = canvas.getBoundingClientRect();
          const move = { clientX: box.left + at.x, clientY: box.top + at.y, pointerType: 'mouse', bubbles: true };
          const before = f.hasAttribute('data-animating');
          canvas.dispatchEvent(new PointerEvent('pointermove', move));
          return {
            animating: before && f.hasAttribute('data-animating'),
            active: f.dataset.active,
            tooltip: !document.querySelector('.if-tooltip').hidden,
          };
        },
        { kind, at },
      );
      assert.ok(during.animating, 'the hover came while the picture moved');
      assert.match(during.active, /^band:\d+$/);
      assert.ok(during.tooltip, 'the tooltip shows during the motion');
      await settled(page);
      assert.equal(await digest(page), target, 'the motion ended on the new picture, hover or not');
      // A real pointer, after: the same band.
      const box = await page.locator('canvas.if-canvas').boundingBox();
      await page.mouse.move(box.x + at.x + 1, box.y + at.y);
      const after = await page.evaluate(() => ({
        active: document.querySelector('.if-figure').dataset.active,
        tooltip: !document.querySelector('.if-tooltip').hidden,
      }));
      assert.equal(after.active, during.active);
      assert.ok(after.tooltip);
      // Back, and forward again with a click on the band while it moves: it pins.
      await page.mouse.move(box.x + box.width + 40, box.y - 40);
      await legend.click();
      await settled(page);
      await page.mouse.move(box.x + box.width + 40, box.y - 40);
      const pinned = await page.evaluate(
        async ({ kind, at }) => {
          const f = document.querySelector('.if-figure');
          const canvas = document.querySelector('canvas.if-canvas');
          document.querySelector(`.if-legend button[data-kind="${kind}"]`).click();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const box = canvas.getBoundingClientRect();
          const up = { clientX: box.left + at.x, clientY: box.top + at.y, pointerType: 'mouse', bubbles: true };
          const before = f.hasAttribute('data-animating');
          canvas.dispatchEvent(new PointerEvent('pointerup', up));
          return {
            animating: before && f.hasAttribute('data-animating'),
            panel: !document.querySelector('.if-panel').hidden,
            hash: location.hash,
          };
        },
        { kind, at },
      );
      assert.ok(pinned.animating, 'the click came while the picture moved');
      assert.ok(pinned.panel, 'the evidence panel opens');
      assert.match(pinned.hash, /sel=band/);
      await settled(page);
      assert.ok(await page.locator('.if-panel').isVisible(), 'the pin stays after the motion');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('the keyboard walks the new picture during the motion', async () => {
    const { page, context, problems } = await open('#all');
    try {
      await page.locator('.if-stage').focus();
      const during = await page.evaluate(
        async ({ kind }) => {
          const f = document.querySelector('.if-figure');
          // A click event that leaves the focus on the stage.
          document.querySelector(`.if-legend button[data-kind="${kind}"]`).dispatchEvent(new MouseEvent('click', { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const before = f.hasAttribute('data-animating');
          document.querySelector('.if-stage').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
          return { animating: before && f.hasAttribute('data-animating'), active: f.dataset.active };
        },
        { kind: kindsByCount[0] },
      );
      assert.ok(during.animating, 'the key came while the picture moved');
      assert.match(during.active, /^node:\d+$/);
      await settled(page);
      await page.keyboard.press('Enter');
      assert.ok(await page.locator('.if-panel').isVisible(), 'Enter pins the focused actor after the motion');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('a change in the middle ends on the picture its link opens', async () => {
    const { page, context, problems } = await open('#all');
    try {
      const { mid, still } = await page.evaluate(
        async ({ kinds }) => {
          const f = document.querySelector('.if-figure');
          document.querySelector(`.if-legend button[data-kind="${kinds[0]}"]`).click();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const mid = f.hasAttribute('data-animating');
          document.querySelector(`.if-legend button[data-kind="${kinds[1]}"]`).click();
          return { mid, still: f.hasAttribute('data-animating') };
        },
        { kinds: kindsByCount.slice(0, 2) },
      );
      assert.ok(mid, 'the second change came while the picture moved');
      assert.ok(still, 'the second change moves on');
      await settled(page);
      const hash = await page.evaluate(() => location.hash);
      assert.match(hash, new RegExp(`hide=.*${kindsByCount[1]}`));
      const ended = await digest(page);
      const fresh = await open(hash);
      try {
        assert.equal(ended, await digest(fresh.page), 'the same picture as opening the link');
      } finally {
        await fresh.context.close();
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
