// Before the first paint, a French page's own words in French: the release build writes, beside
// each English word of the prerendered frame that French says otherwise, its French
// (`data-fr` for the text, `data-fr-aria-label`, `data-fr-aria-roledescription`;
// `export::prerender`). A classic script in <head>: it runs before anything is painted, and
// swaps each marked element as the parser adds it (a MutationObserver's callback runs after each
// piece of parsing, before the next frame), so no frame shows the English and the wasm later
// finds the words already as it would write them: nothing moves. The language is chosen as
// `EmbedOptions::language` chooses it: the figure's data-lang, then the URL's lang=, then the
// figure's data-page-lang or the page's <html lang>.
(() => {
  const ours = (tag) => {
    const primary = String(tag).trim().split(/[-_]/)[0].toLowerCase();
    return primary === 'en' || primary === 'fr' ? primary : null;
  };
  const query = new URLSearchParams(location.search).getAll('lang');
  const language = (figure) => {
    let chosen = null;
    for (const value of [figure.dataset.lang, ...query]) {
      if (value === undefined) continue;
      if (ours(value)) chosen = ours(value);
      else if (value === '') chosen = null;
    }
    const page = figure.dataset.pageLang ?? document.documentElement.getAttribute('lang') ?? '';
    return chosen ?? ours(page) ?? 'en';
  };
  const MARKED = '[data-fr],[data-fr-aria-label],[data-fr-aria-roledescription]';
  // Idempotent: only what differs is written (the parser may still append English text to an
  // element swapped early; the next call puts the French back).
  const swap = () => {
    for (const figure of document.querySelectorAll('.if-figure')) {
      if (language(figure) !== 'fr') continue;
      if (figure.getAttribute('lang') !== 'fr') figure.setAttribute('lang', 'fr');
      for (const el of figure.querySelectorAll(MARKED)) {
        const text = el.getAttribute('data-fr');
        if (text !== null && el.textContent !== text) el.textContent = text;
        for (const name of ['aria-label', 'aria-roledescription']) {
          const label = el.getAttribute(`data-fr-${name}`);
          if (label !== null && el.getAttribute(name) !== label) el.setAttribute(name, label);
        }
      }
    }
  };
  const observer = new MutationObserver(swap);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('DOMContentLoaded', () => {
    swap();
    observer.disconnect();
  }, { once: true });
})();
