// Loads the wasm module without an inline script, so a strict CSP (script-src 'self') holds.
// Trunk writes the hashed file names, with their integrity hashes, into preload links.
// The release build moves the wasm's hash to the link's data-integrity (tools/stream-wasm.mjs).
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

// Two modules (issue 19): trunk's, the reader's, reads only the dataset baked into it; the
// full one (tools/full-module.mjs, named in a meta element) also checks any other dataset, runs
// the crossing search and the `?preview`. A figure the reader's module cannot draw is handed
// over with an event; a page that asks for another dataset loads the full module alone.
let full;
function loadFull() {
  const meta = document.querySelector('meta[name="influence-flows-full"]');
  const [glue, wasmUrl, integrity] = (meta?.content ?? '').split(' ');
  if (!glue || !wasmUrl) return Promise.reject(new Error('this build has no full module for other datasets'));
  full ??= start(new URL(glue, location.href).href, new URL(wasmUrl, location.href).href, integrity);
  return full;
}
for (const figure of document.querySelectorAll('.if-figure')) {
  figure.addEventListener('influence-flows:full-module', () => {
    loadFull().then((bindings) => bindings.mount(figure)).catch((error) => fail(`The chart could not start: ${error?.message ?? error}`));
  });
}

try {
  // `?preview` on (`reader::preview::QUERY_KEY`: any value but 0, no, false), or `?data=`.
  const preview = query.getAll('preview').some((value) => !['0', 'no', 'false'].includes(value.trim()));
  if (preview || query.has('data')) {
    (await loadFull()).mountAll();
  } else {
    if (!script || !wasm) throw new Error('the page lists no wasm module to load');
    (await start(script.href, wasm.href, wasm.dataset.integrity || wasm.integrity)).mountAll();
  }
} catch (error) {
  fail(`The chart could not start: ${error && error.message ? error.message : error}`);
  throw error;
}

// A module's glue and wasm, the wasm first: its compile need not wait for the glue's import.
async function start(glue, wasmHref, integrity) {
  const module = compile(wasmHref, integrity);
  module.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  const bindings = await import(glue);
  await bindings.default({ module_or_path: await module });
  return bindings;
}

// The wasm, compiled while it downloads, and its bytes checked against `integrity` before
// it is instantiated (a fetch with `integrity` would hold the body back until the last byte).
// Where the hash cannot be checked here (no crypto.subtle outside a secure context), the
// browser checks it and the compile waits. embed-element.js has a copy: importing a shared
// file from here would cost a round trip before the wasm is even asked for.
async function compile(href, integrity) {
  const hash = /^sha(256|384|512)-(\S+)$/.exec(integrity ?? '');
  if (!hash || !globalThis.crypto?.subtle || !WebAssembly.compileStreaming) {
    return fetch(href, { integrity: integrity || undefined });
  }
  const response = await fetch(href);
  if (!response.ok) throw new Error(`${href}: the server answered ${response.status}`);
  const bytes = response.clone().arrayBuffer();
  const streams = /^application\/wasm\b/.test(response.headers.get('content-type') ?? '');
  const [module, digest] = await Promise.all([
    streams ? WebAssembly.compileStreaming(response) : bytes.then((b) => WebAssembly.compile(b)),
    bytes.then((b) => crypto.subtle.digest(`SHA-${hash[1]}`, b)),
  ]);
  if (btoa(String.fromCharCode(...new Uint8Array(digest))) !== hash[2]) {
    throw new Error(`${href} does not match its integrity hash`);
  }
  return module;
}
