// Reads what the canvas shows: for each kind, how many pixels have the colour a band of that kind
// has on screen, i.e. the kind colour composited over the page background at the canvas's
// `data-band-alpha`; and how many pixels are not background at all.

/** Per-channel tolerance for antialiasing and rounding. */
export const TOLERANCE = 8;

/**
 * `kinds` is `[{ id, color }]` with any CSS colour. Resolves to
 * `{ width, height, alpha, background, total, nonBackground, kinds: { id: { rgb, expected, count } } }`.
 */
export function analyseCanvas(page, kinds, tolerance = TOLERANCE) {
  return page.evaluate(
    ({ kinds, tolerance }) => {
      // Any CSS colour (named, hex, rgb(), oklch(), ...) to [r, g, b, a] with a in 0..1, by
      // letting a scratch canvas parse and paint it.
      const scratch = document.createElement('canvas');
      scratch.width = scratch.height = 1;
      const sctx = scratch.getContext('2d', { willReadFrequently: true });
      const toRgba = (css) => {
        sctx.clearRect(0, 0, 1, 1);
        sctx.fillStyle = '#000000';
        sctx.fillStyle = css;
        sctx.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = sctx.getImageData(0, 0, 1, 1).data;
        return a === 0 ? [0, 0, 0, 0] : [r, g, b, a / 255];
      };

      const canvas = document.querySelector('canvas.if-canvas');
      if (!canvas) throw new Error('no canvas.if-canvas');
      const alphaAttr = canvas.getAttribute('data-band-alpha');
      const alpha = Number(alphaAttr);
      if (alphaAttr === null || !(alpha > 0 && alpha <= 1)) {
        throw new Error(`canvas data-band-alpha is ${JSON.stringify(alphaAttr)}, not a number in (0, 1]`);
      }

      // The page background behind the canvas: the canvas's own, else the nearest ancestor's
      // (the body's, usually); white when everything is transparent.
      let background = [255, 255, 255];
      for (let el = canvas; el; el = el.parentElement) {
        const c = toRgba(getComputedStyle(el).backgroundColor);
        if (c[3] > 0) {
          background = c.slice(0, 3);
          break;
        }
      }

      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('canvas.if-canvas has no 2d context');
      const { width, height } = canvas;
      const data = ctx.getImageData(0, 0, width, height).data;

      const targets = kinds.map(({ id, color }) => {
        const rgb = toRgba(color).slice(0, 3);
        const expected = rgb.map((c, i) => c * alpha + background[i] * (1 - alpha));
        return { id, rgb, expected, count: 0 };
      });
      const near = (a, b) => Math.abs(a[0] - b[0]) <= tolerance && Math.abs(a[1] - b[1]) <= tolerance && Math.abs(a[2] - b[2]) <= tolerance;

      let nonBackground = 0;
      const shown = [0, 0, 0];
      for (let p = 0; p < data.length; p += 4) {
        // What the screen shows: the canvas pixel over the page background.
        const a = data[p + 3] / 255;
        for (let i = 0; i < 3; i++) shown[i] = data[p + i] * a + background[i] * (1 - a);
        if (!near(shown, background)) nonBackground++;
        for (const t of targets) if (near(shown, t.expected)) t.count++;
      }
      return {
        width,
        height,
        alpha,
        background,
        total: width * height,
        nonBackground,
        kinds: Object.fromEntries(targets.map((t) => [t.id, { rgb: t.rgb, expected: t.expected.map(Math.round), count: t.count }])),
      };
    },
    { kinds, tolerance },
  );
}

/** `[r, g, b]` of a `#rrggbb` colour. */
export function hexToRgb(hex) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return m.slice(1).map((h) => parseInt(h, 16));
}

/** Resolves CSS colours (any syntax the page's computed styles give) to `[r, g, b, a]`, in the page. */
export function cssColorsToRgba(page, colors) {
  return page.evaluate((colors) => {
    const c = document.createElement('canvas');
    c.width = c.height = 1;
    const ctx = c.getContext('2d', { willReadFrequently: true });
    return colors.map((css) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r, g, b, a / 255];
    });
  }, colors);
}
