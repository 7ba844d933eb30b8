// Shared by the end-to-end tests and the screenshot script: where dist/ is, how to start Debian's
// Chromium through playwright-core, how to open the page and wait until it has drawn (or failed),
// and what it logged on the way.

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository root. */
export const ROOT = path.resolve(here, '..', '..');
/** The built site; `IF_DIST` overrides it. */
export const DIST = path.resolve(process.env.IF_DIST ?? path.join(ROOT, 'dist'));
/** Chromium; `CHROMIUM` overrides it. Never a browser downloaded by Playwright. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** How long the page may take to reach `ready` or `error` (ms); `IF_TIMEOUT_MS` overrides it. */
export const READY_TIMEOUT_MS = Number(process.env.IF_TIMEOUT_MS ?? 60_000);

/** Fails with a message saying how to get what is missing. */
export function requireDist() {
  const index = path.join(DIST, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`${index} not found: build the site first (cargo xtask build, or trunk build --release --offline=true)`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run cargo xtask setup (it installs Debian's chromium)`);
  }
}

/**
 * The data URL of the figure (`data-src` of `.if-figure` in dist/index.html, default
 * `data/mali.json`) as a path relative to dist/.
 */
export function dataPath() {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const tag = html.match(/<[a-z][^>]*class\s*=\s*["'][^"']*\bif-figure\b[^"']*["'][^>]*>/i)?.[0] ?? '';
  const src = tag.match(/\bdata-src\s*=\s*["']([^"']+)["']/i)?.[1] ?? 'data/mali.json';
  return path.posix.normalize(src.replace(/^\.\//, ''));
}

/** The dataset the built site shows, parsed. */
export function readDataset() {
  return JSON.parse(readFileSync(path.join(DIST, dataPath()), 'utf8'));
}

/** Starts headless Chromium with the flags this machine needs (closed network, root, no GPU). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright gives every launch a fresh, empty --user-data-dir of its own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * Opens `url` in a new context and waits until `<html data-state>` is `ready` or `error`.
 * Returns `{ context, page, state, problems }`, where `problems` lists, as strings, every console
 * error, uncaught page error, CSP violation, failed request and HTTP error response seen so far
 * (the array keeps growing while the page stays open).
 */
export async function openPage(browser, url, { width = 1280, height = 900, colorScheme = 'light', deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, deviceScaleFactor });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url;
    const hint = /\/favicon\.ico$/.test(where ?? '') ? ' (the browser asks for /favicon.ico unless the page links an icon)' : '';
    problems.push(`console error: ${msg.text()}${where ? ` [${where}]` : ''}${hint}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  // Chromium also logs CSP violations to the console; this catches them even if it stops doing so.
  await context.exposeBinding('__ifReportCsp', (_source, text) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__ifReportCsp(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  let state;
  try {
    await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.state), null, {
      timeout: READY_TIMEOUT_MS,
      polling: 100,
    });
  } catch (err) {
    const now = await page.evaluate(() => document.documentElement.dataset.state).catch(() => '?');
    throw new Error(
      `${url}: <html data-state> is still "${now}" after ${READY_TIMEOUT_MS} ms` +
        (problems.length ? `; logged:\n  ${problems.join('\n  ')}` : ''),
      { cause: err },
    );
  } finally {
    state = await page.evaluate(() => document.documentElement.dataset.state).catch(() => undefined);
  }
  return { context, page, state, problems };
}

/** The text of the error panel, for failure messages. */
export async function errorPanelText(page) {
  return page
    .locator('.if-error')
    .first()
    .innerText({ timeout: 2000 })
    .catch(() => '(no .if-error panel found)');
}
