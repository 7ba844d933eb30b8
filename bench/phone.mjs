// The phone profile (issue 19): each page loaded the way a phone reader meets it — Chromium with
// 4× CPU throttling, 9 Mbps down / 60 ms round trips, a 390 × 844 viewport at DPR 3, touch — for
// our page (dist/), the d3-sankey page and the ECharts page, in one run. Per page, the median of
// N navigations of:
//   - first contentful paint (the Paint Timing entry);
//   - first picture: the first animation frame in which the chart's marks are on screen (ours:
//     the prerendered SVG of the first view, or the canvas once drawn; d3: its SVG paths; ECharts:
//     its canvas once drawn);
//   - interactive: a hover (a tap on touch) answered by a tooltip, on each page (ours: a band's;
//     d3: a link's, the page's own small handler; ECharts: its own);
//   - bytes (gzip -9 of every response, which is what the servers send), and cumulative layout
//     shift (Layout Instability API).
// Goals, as ratios to the d3-sankey page in the same run: first picture ≤ 1.0×, interactive ≤ 1.5×.
// Needs dist/ and `npm ci` in bench/; run by `cargo xtask bench`, or `node bench/phone.mjs [--quick]`.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { chromium } from 'playwright-core';
import { maliPlain } from './graphs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const DIST = path.resolve(process.env.IF_DIST ?? path.join(ROOT, 'dist'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 3 : 7;
const PHONE = { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const CPU_SLOWDOWN = 4;
const NETWORK = { offline: false, latency: 60, downloadThroughput: (9e6 / 8), uploadThroughput: (1.5e6 / 8) };
const log = (...a) => console.error('[phone]', ...a);

if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html not found: run cargo xtask build first`);
mkdirSync(path.join(here, 'out', 'graphs'), { recursive: true });
const mali = JSON.parse(readFileSync(path.join(ROOT, 'data', 'mali.json'), 'utf8'));
writeFileSync(path.join(here, 'out', 'graphs', 'mali.json'), JSON.stringify(maliPlain(mali)));

// Runs in each page before its own scripts: paint timing, layout shifts, and the first frame in
// which the chart is on screen (`picture(document)` says whether it is, per page).
const PROBE = (picture) => {
  window.__phone = { cls: 0, picture: undefined };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__phone.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const seen = new Function('document', `return (${picture})(document);`);
  const frame = () => {
    if (window.__phone.picture === undefined && seen(document)) window.__phone.picture = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

const PAGES = [
  {
    key: 'ours',
    label: 'ours (dist/, Mali, first view)',
    path: '',
    picture: String((d) => {
      const v = (el) => !!el && el.getClientRects().length > 0;
      return v(d.querySelector('.if-prerender svg polygon')) || !!d.querySelector('.if-figure[data-bands]');
    }),
    // A tap inside the largest band of the prerendered drawing, found while the wasm loads (the
    // main thread is idle then, so the search costs the page nothing), once the canvas has
    // replaced it: the drawing is laid out at this stage's width, so the canvas has the band
    // there too. Reading the canvas's pixels instead (8 MB at DPR 3) would add its own ~100 ms
    // of 4×-throttled work to our figure.
    hover: async (page) => {
      const point = await page.evaluate(() => {
        const svg = [...document.querySelectorAll('.if-prerender svg')].find((s) => s.getBoundingClientRect().height > 0);
        if (!svg) return null;
        const bands = [...svg.querySelectorAll('polygon')].map((p) => ({ p, box: p.getBBox() })).sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
        for (const { p, box } of bands) {
          for (let i = 1; i < 20; i++) {
            const at = svg.createSVGPoint();
            at.x = box.x + (box.width * i) / 20;
            at.y = box.y + box.height / 2;
            for (const dy of [0, -box.height / 4, box.height / 4]) {
              at.y = box.y + box.height / 2 + dy;
              if (p.isPointInFill(at)) {
                const screen = at.matrixTransform(p.getScreenCTM());
                if (screen.y > 0 && screen.y < innerHeight) return [screen.x, screen.y];
              }
            }
          }
        }
        return null;
      });
      await page.waitForFunction(() => !!document.querySelector('.if-figure[data-bands]'), null, { timeout: 120000, polling: 'raf' });
      const [x, y] = point ?? (await page.evaluate(() => {
        const r = document.querySelector('.if-canvas').getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 3];
      }));
      await page.touchscreen.tap(x, y);
      await page.waitForFunction(() => !document.querySelector('.if-tooltip')?.hidden, null, { timeout: 30000, polling: 'raf' });
    },
  },
  {
    key: 'd3',
    label: 'd3-sankey page (Mali plain graph, SVG)',
    path: 'pages/d3.html?graph=mali',
    picture: String((d) => !!d.querySelector('#chart path')),
    // A tap on the widest link whose middle is on screen (the SVG is 1,200 px wide, the
    // phone 390), once drawn; answered when its tooltip shows.
    hover: async (page) => {
      await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 120000, polling: 'raf' });
      const point = await page.evaluate(() => {
        let best = null;
        for (const p of document.querySelectorAll('#chart path')) {
          const mid = p.getPointAtLength(p.getTotalLength() / 2);
          const at = new DOMPoint(mid.x, mid.y).matrixTransform(p.getScreenCTM());
          const width = Number(p.getAttribute('stroke-width'));
          if (at.x > 0 && at.x < innerWidth && at.y > 0 && at.y < innerHeight && (!best || width > best.width)) best = { x: at.x, y: at.y, width };
        }
        return best && [best.x, best.y];
      });
      if (!point) throw new Error('no link of the d3 page on screen');
      await page.touchscreen.tap(point[0], point[1]);
      await page.waitForFunction(() => !document.getElementById('tooltip').hidden, null, { timeout: 30000, polling: 'raf' });
    },
  },
  {
    key: 'echarts',
    label: 'ECharts page (Mali plain graph, canvas)',
    path: 'pages/echarts.html?graph=mali',
    picture: String((d) => d.documentElement.dataset.state === 'ready'),
    hover: async (page) => {
      await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 120000, polling: 50 });
      const box = await page.locator('#chart').boundingBox();
      for (let i = 0; i < 40; i++) {
        // ECharts lays its links out around the middle: sweep until its tooltip answers.
        await page.mouse.move(box.x + box.width * (0.3 + 0.01 * i), box.y + box.height * 0.5);
        const shown = await page.evaluate(() => [...document.querySelectorAll('#chart div')].some((d) => d.style.display !== 'none' && d.textContent.trim()));
        if (shown) return;
      }
    },
  },
];

async function measure(browser, url, spec) {
  const context = await browser.newContext({ viewport: { width: PHONE.width, height: PHONE.height }, deviceScaleFactor: PHONE.deviceScaleFactor, isMobile: PHONE.isMobile, hasTouch: PHONE.hasTouch });
  const page = await context.newPage();
  const bodies = [];
  page.on('response', async (res) => {
    try {
      const body = await res.body();
      bodies.push({ url: res.url(), gz: gzipSync(body, { level: 9 }).length });
    } catch {}
  });
  await page.addInitScript(`(${PROBE})(${JSON.stringify(spec.picture)})`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__phone?.picture !== undefined, null, { timeout: 30000, polling: 100 });
  await spec.hover(page);
  const answered = await page.evaluate(() => performance.now());
  await new Promise((r) => setTimeout(r, 500));
  const t = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    picture: window.__phone.picture,
    cls: window.__phone.cls,
  }));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
  return { ...t, interactive: answered, bytes: bodies.filter((b) => !/favicon/.test(b.url)).reduce((a, b) => a + b.gz, 0), wall: Date.now() - start };
}

const median = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : '—');

// Both servers gzip what they send, as hosts do (the throttled network then carries gzip bytes).
const app = await startServer({ root: DIST, gzip: true });
const bench = await startServer({ root: here, gzip: true });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const started = new Date();
const results = {};
try {
  // Rounds, each loading every page once: what the machine and the emulated network do
  // meanwhile (their timings come in two modes here) falls on all pages alike.
  const runs = Object.fromEntries(PAGES.map((spec) => [spec.key, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const spec of PAGES) {
      const url = (spec.key === 'ours' ? app.url : bench.url) + spec.path;
      // A navigation that stalls (this shared machine) is measured again, once.
      runs[spec.key].push(await measure(browser, url, spec).catch((error) => {
        log(spec.key, i, `failed (${error.message.split('\n')[0]}), measured again`);
        return measure(browser, url, spec);
      }));
      log(spec.key, i, JSON.stringify(runs[spec.key].at(-1)));
    }
  }
  for (const spec of PAGES) {
    results[spec.key] = Object.fromEntries(['fcp', 'picture', 'interactive', 'cls', 'bytes'].map((k) => [k, median(runs[spec.key].map((r) => r[k]))]));
  }
  // Each round's own ratios to d3's page: their spread says how far to trust the medians'.
  for (const key of ['picture', 'interactive']) {
    const ratios = runs.ours.map((r, i) => r[key] / runs.d3[i][key]).sort((a, b) => a - b);
    results.ours[`${key}Rounds`] = ratios;
  }
} finally {
  await browser.close();
  await app.close();
  await bench.close();
}

const d3 = results.d3;
const lines = [
  `Phone profile, ${started.toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Chromium ${browser.version()}`,
  `${CPU_SLOWDOWN}× CPU throttling, 9 Mbps / 60 ms, ${PHONE.width} × ${PHONE.height} at DPR ${PHONE.deviceScaleFactor}, medians of ${RUNS}`,
  '',
  '| page | FCP ms | first picture ms | interactive ms | KB gzip | CLS | picture / d3 | interactive / d3 |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...PAGES.map(({ key, label }) => {
    const r = results[key];
    return `| ${label} | ${ms(r.fcp)} | ${ms(r.picture)} | ${ms(r.interactive)} | ${(r.bytes / 1024).toFixed(1)} | ${r.cls.toFixed(3)} | ${(r.picture / d3.picture).toFixed(2)}× | ${(r.interactive / d3.interactive).toFixed(2)}× |`;
  }),
  '',
  `Goals (ours / d3 in this run): first picture ≤ 1.0×: ${results.ours.picture / d3.picture <= 1 ? 'met' : 'missed'} (${(results.ours.picture / d3.picture).toFixed(2)}×); ` +
    `interactive ≤ 1.5×: ${results.ours.interactive / d3.interactive <= 1.5 ? 'met' : 'missed'} (${(results.ours.interactive / d3.interactive).toFixed(2)}×); ` +
    `CLS ≤ 0.01: ${results.ours.cls <= 0.01 ? 'met' : 'missed'} (${results.ours.cls.toFixed(3)}); ≤ 150 KB: ${results.ours.bytes <= 150 * 1024 ? 'met' : 'missed'} (${(results.ours.bytes / 1024).toFixed(1)} KB)`,
  `Each round's ours / d3: first picture ${results.ours.pictureRounds.map((x) => x.toFixed(2)).join(', ')}; ` +
    `interactive ${results.ours.interactiveRounds.map((x) => x.toFixed(2)).join(', ')}`,
];
console.log(lines.join('\n'));
