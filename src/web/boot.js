// Loads the wasm module without an inline script, so a strict CSP (script-src 'self') holds.
// Trunk writes the hashed file names, with their integrity hashes, into preload links.
const script = document.querySelector('link[rel="modulepreload"][href$=".js"]');
const wasm = document.querySelector('link[rel="preload"][href$=".wasm"]');

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
