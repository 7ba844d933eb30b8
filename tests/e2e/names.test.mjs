// End-to-end: every actor the page draws is named, at phone to desktop widths, in the page's
// own fonts: the figure's test hooks (data-actors, data-labels, data-label-px) and the SVG
// download, whose labels are grouped by actor and never cut.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requireDist, openPage, errorPanelText } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

requireDist();
const site = siteInBrowser();

for (const width of [320, 360, 768, 1280, 1600]) {
  describe(`${width} px wide`, () => {
    it('labels every actor drawn, at 11 px or more, and the SVG names them all', async () => {
      const opened = await openPage(site.browser, site.server.url, { width, height: 800 });
      try {
        if (opened.state !== 'ready') assert.fail(`page not ready: ${await errorPanelText(opened.page)}`);
        const { page } = opened;
        const hooks = await page.evaluate(() => ({ ...document.querySelector('.if-figure').dataset }));
        assert.ok(Number(hooks.actors) > 20, `actors drawn: ${hooks.actors}`);
        assert.equal(Number(hooks.labels), Number(hooks.actors), 'one label per actor drawn');
        assert.ok(Number(hooks.labelPx) >= 11, `smallest label ${hooks.labelPx} px`);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.locator('.if-downloads button[data-format="svg"]').click(),
        ]);
        const chunks = [];
        for await (const chunk of await download.createReadStream()) chunks.push(chunk);
        const svg = Buffer.concat(chunks).toString('utf8');
        const labels = svg.match(/<g class="label" data-actor="[^"]+">/g) ?? [];
        assert.equal(labels.length, Number(hooks.actors), 'the SVG labels every actor');
        assert.ok(!svg.includes('…'), 'no label is cut');
      } finally {
        await opened.context.close();
      }
    });
  });
}
