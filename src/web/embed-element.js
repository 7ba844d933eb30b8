// influence-flows element embed: mounts a chart into each `.influence-flows` element of the
// host page, inside a shadow root so that no CSS leaks in or out.
//   <div class="influence-flows" data-theme="auto" data-kinds="arms,money" data-period="2020-2023"
//        data-title="1" data-lang="fr"></div>
// Without data-lang, the chart's words follow the nearest lang attribute around the host.
//   <script type="module" src="https://example.org/graphics/mali/embed-element.js"></script>
// A host with data-step="N" opens on the story's step N; then `host.step = n` moves it to
// step n (`host.step` reads the step shown, 0 for none) and `host.setView(hash)` shows the
// view a link's hash describes (`show=arms&years=2020-2022`).
// It reads the published index.html next to it for the hashed file names, their integrity
// hashes and the figure's markup, so the embed always matches the published build.
const base = new URL('./', import.meta.url);

async function start() {
  const hosts = [...document.querySelectorAll('.influence-flows')].filter((h) => !h.shadowRoot);
  if (hosts.length === 0) return;
  const html = await (await fetch(new URL('index.html', base))).text();
  const published = new DOMParser().parseFromString(html, 'text/html');
  const css = published.querySelector('link[rel="stylesheet"]');
  const script = published.querySelector('link[rel="modulepreload"][href$=".js"]');
  const wasm = published.querySelector('link[rel="preload"][href$=".wasm"]');
  const template = published.querySelector('.if-figure');
  if (!css || !script || !wasm || !template) throw new Error('influence-flows: the published page lists no chart');
  // The figures first, with their prerendered first picture: the reader sees the chart while
  // the wasm loads. A host asking for another view (kinds, period) shows none.
  const figures = [];
  for (const host of hosts) {
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL(css.getAttribute('href'), base).href;
    if (css.integrity) style.integrity = css.integrity;
    style.crossOrigin = 'anonymous';
    root.append(style);
    const figure = document.importNode(template, true);
    for (const key of ['theme', 'kinds', 'period', 'title', 'id', 'layout', 'by', 'lang']) {
      if (host.dataset[key] !== undefined) figure.dataset[key] = host.dataset[key];
    }
    // The article's language where the host sits (data-lang wins): the chart speaks it.
    const near = host.closest('[lang]');
    if (near) figure.dataset.pageLang = near.getAttribute('lang');
    say(figure);
    if (host.dataset.kinds !== undefined || host.dataset.period !== undefined ||
        host.dataset.layout !== undefined) {
      for (const picture of figure.querySelectorAll('.if-prerender')) picture.remove();
    }
    // The data is the published one, next to this script.
    figure.dataset.src = new URL(template.dataset.src || 'data/mali.json', base).href;
    // Its home for the data-source policy: the published chart's site, not the article's.
    figure.dataset.home = base.href;
    story(host, figure);
    // The figure goes in once its stylesheet has loaded: unstyled, it would show both drawings
    // and an unstyled frame, then jump. The chart then also measures its real width.
    figures.push(new Promise((done) => {
      const show = () => {
        root.append(figure);
        done(figure);
      };
      style.addEventListener('load', show, { once: true });
      style.addEventListener('error', show, { once: true });
    }));
  }
  // A module's glue and wasm, the wasm first: its compile need not wait for the glue's import.
  const start = async (glue, wasmUrl, integrity) => {
    const module = compile(new URL(wasmUrl, base).href, integrity);
    module.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    const bindings = await import(new URL(glue, base).href);
    await bindings.default({ module_or_path: await module });
    return bindings;
  };
  // The full module, for a figure the reader's module hands over (its data is not the
  // dataset baked into it, as when the published data file was replaced): see boot.js.
  const [fullGlue, fullWasm, fullIntegrity] =
    (published.querySelector('meta[name="influence-flows-full"]')?.content ?? '').split(' ');
  let full;
  const bindings = await start(script.getAttribute('href'), wasm.getAttribute('href'),
    wasm.dataset.integrity || wasm.integrity);
  for (const figure of await Promise.all(figures)) {
    figure.addEventListener('influence-flows:full-module', () => {
      if (!fullGlue || !fullWasm) return;
      full ??= start(fullGlue, fullWasm, fullIntegrity);
      full.then((module) => module.mount(figure)).catch((error) => console.error(error));
    });
    bindings.mount(figure);
  }
}

// The wasm, compiled while it downloads, and its bytes checked against `integrity` (the
// published link's data-integrity: tools/stream-wasm.mjs) before it is instantiated; as
// boot.js does.
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

// A French figure's prerendered words in French before it is shown, as lang.js does on the
// page (the same rule as `EmbedOptions::language`: data-lang, the URL's lang=, the host's lang).
function say(figure) {
  const ours = (tag) => {
    const primary = String(tag).trim().split(/[-_]/)[0].toLowerCase();
    return primary === 'en' || primary === 'fr' ? primary : null;
  };
  let chosen = null;
  for (const value of [figure.dataset.lang, ...new URLSearchParams(location.search).getAll('lang')]) {
    if (value === undefined) continue;
    if (ours(value)) chosen = ours(value);
    else if (value === '') chosen = null;
  }
  const page = figure.dataset.pageLang ?? document.documentElement.getAttribute('lang') ?? '';
  if ((chosen ?? ours(page) ?? 'en') !== 'fr') return;
  figure.setAttribute('lang', 'fr');
  for (const el of figure.querySelectorAll('[data-fr],[data-fr-aria-label],[data-fr-aria-roledescription]')) {
    if (el.hasAttribute('data-fr')) el.textContent = el.getAttribute('data-fr');
    for (const name of ['aria-label', 'aria-roledescription']) {
      if (el.hasAttribute(`data-fr-${name}`)) el.setAttribute(name, el.getAttribute(`data-fr-${name}`));
    }
  }
}

// `host.step` and `host.setView`: events on the figure, which the chart listens to once it
// has drawn (data-bands set); what is asked before is kept and sent then.
function story(host, figure) {
  let pending = [];
  let listening = false;
  const send = (name, detail) => {
    if (listening) figure.dispatchEvent(new CustomEvent(name, { detail }));
    else pending.push([name, detail]);
  };
  new MutationObserver((_, observer) => {
    if (!figure.hasAttribute('data-bands')) return;
    observer.disconnect();
    listening = true;
    for (const [name, detail] of pending) figure.dispatchEvent(new CustomEvent(name, { detail }));
    pending = [];
  }).observe(figure, { attributes: true, attributeFilter: ['data-bands'] });
  // A step the article set before this script ran (embed.js may run first) is kept.
  const early = Object.hasOwn(host, 'step') ? host.step : undefined;
  delete host.step;
  Object.defineProperty(host, 'step', {
    get: () => Number(figure.getAttribute('data-step')) || 0,
    set: (n) => {
      const step = Number(n);
      if (Number.isInteger(step) && step >= 1) send('influence-flows:step', { step });
    },
  });
  host.setView = (hash) => {
    if (typeof hash === 'string') send('influence-flows:view', { hash });
  };
  if (early !== undefined) host.step = early;
  else if (host.dataset.step !== undefined) host.step = host.dataset.step;
}

start().catch((error) => {
  console.error(error);
  for (const host of document.querySelectorAll('.influence-flows')) {
    if (!host.shadowRoot) host.textContent = `The chart could not start: ${error.message}`;
  }
});
