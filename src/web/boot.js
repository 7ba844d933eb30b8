// Loads the wasm module without an inline script, so a strict CSP (script-src 'self') holds.
// Trunk writes the hashed file names, with their integrity hashes, into preload links.
const script = document.querySelector('link[rel="modulepreload"][href$=".js"]');
const wasm = document.querySelector('link[rel="preload"][href$=".wasm"]');

// Before the wasm: what the page's URL asks of the first picture (export::prerender draws the
// first view in the light and dark themes). Another view (a shared link's hash, or embed
// options) must not show it; theme and title options apply at once, so nothing moves later.
const query = new URLSearchParams(location.search);
if (location.hash.length > 1 || query.has('kinds') || query.has('period')) {
  for (const picture of document.querySelectorAll('.if-prerender')) picture.remove();
}
for (const figure of document.querySelectorAll('.if-figure')) {
  if (['light', 'dark'].includes(query.get('theme'))) figure.dataset.theme = query.get('theme');
  if (['0', 'false', 'no', 'hide'].includes(query.get('title'))) figure.querySelector('.if-header')?.setAttribute('hidden', '');
}

function fail(message) {
  document.documentElement.dataset.state = 'error';
  for (const panel of document.querySelectorAll('.if-error')) {
    panel.textContent = message;
    panel.hidden = false;
  }
}

try {
  if (!script || !wasm) throw new Error('the page lists no wasm module to load');
  const bindings = await import(script.href);
  const integrity = wasm.integrity || undefined;
  await bindings.default({ module_or_path: fetch(wasm.href, { integrity }) });
  bindings.mountAll();
} catch (error) {
  fail(`The chart could not start: ${error && error.message ? error.message : error}`);
  throw error;
}
