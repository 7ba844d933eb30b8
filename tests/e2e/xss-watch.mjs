// Shared by xss.test.mjs and csp.test.mjs: open the page with every way a payload could show
// itself watched from before the first byte loads, and check that the document holds nothing
// the data put there.

import { READY_TIMEOUT_MS } from './browser.mjs';

/**
 * Opens `url` in a new context, watching from the start: dialogs (alert, confirm, prompt,
 * print), calls to those functions, console errors, page errors, CSP violations, failed
 * requests, HTTP errors and every request's URL. Waits until `<html data-state>` is `ready` or
 * `error`. Returns `{ context, page, state, dialogs, problems, requests }`; the arrays keep
 * growing while the page stays open.
 */
export async function openWatched(browser, url, { width = 1280, height = 900, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const dialogs = [];
  const problems = [];
  const requests = [];
  // A dialog is a payload that ran: record it, and dismiss it so the page goes on.
  context.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  await context.exposeBinding('__ifReport', (_source, kind, text) => {
    (kind === 'dialog' ? dialogs : problems).push(`${kind}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__ifReport('CSP violation', `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
    // Belt and braces: a payload calling these is caught even if the dialog event is not.
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      const original = window[name];
      window[name] = (...args) => {
        window.__ifReport('dialog', `${name}(${args.map(String).join(', ')})`);
        return name === 'confirm' ? false : name === 'prompt' ? null : undefined;
      };
      window[name].original = original;
    }
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => requests.push(req.url()));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page
    .waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.state), null, {
      timeout: READY_TIMEOUT_MS,
      polling: 100,
    })
    .catch(() => {});
  const state = await page.evaluate(() => document.documentElement.dataset.state).catch(() => undefined);
  return { context, page, state, dialogs, problems, requests };
}

/** Elements that data turned into markup would show up as (the page has none of its own but
 * the prerendered first picture, export::prerender, drawn at build time). */
export const FOREIGN_TAGS = [
  'img', 'svg:not(.if-prerender > svg):not(.if-legend button > svg.if-swatch:first-child)', 'math', 'iframe', 'frame', 'object', 'embed', 'style', 'base', 'meta[http-equiv]',
  'form', 'textarea', 'video', 'audio', 'source', 'template', 'xmp', 'noscript:not(figure > noscript)',
];

/**
 * What in the document could only have come from the data as markup: foreign elements,
 * scripts and links that are inline or from another origin, event handler attributes,
 * non-http(s) links, `javascript:` in a URL attribute. Returns a list of findings (empty when
 * the page is clean).
 */
export function findInjected(page, { foreignTags = FOREIGN_TAGS } = {}) {
  return page.evaluate((foreignTags) => {
    const found = [];
    const describe = (el) => `<${el.localName}${[...el.attributes].map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`).join('')}>`;
    // Light DOM and any shadow roots.
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const el of roots[i].querySelectorAll('*')) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    for (const root of roots) {
      for (const selector of foreignTags) {
        for (const el of root.querySelectorAll(selector)) found.push(`element ${describe(el)}`);
      }
      for (const el of root.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) found.push(`event handler ${attr.name} on ${describe(el)}`);
          if (/^(href|src|action|formaction|xlink:href|data|poster)$/i.test(attr.name)) {
            let protocol;
            try {
              protocol = new URL(attr.value, document.baseURI).protocol;
            } catch {
              protocol = 'invalid:';
            }
            if (/^(javascript|vbscript|data):$/.test(protocol)) found.push(`${protocol} URL in ${attr.name} of ${describe(el)}`);
          }
        }
      }
      for (const el of root.querySelectorAll('script, link')) {
        const url = el.getAttribute(el.localName === 'script' ? 'src' : 'href');
        if (url === null || new URL(url, document.baseURI).origin !== location.origin) {
          found.push(`${url === null ? 'inline' : 'foreign'} ${describe(el)}`);
        }
      }
      for (const a of root.querySelectorAll('a[href]')) {
        const protocol = new URL(a.href, document.baseURI).protocol;
        if (protocol !== 'http:' && protocol !== 'https:') found.push(`link to ${protocol} ${describe(a)}`);
      }
    }
    return found;
  }, foreignTags);
}
