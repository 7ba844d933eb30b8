// One order for every view: the shipped data's global order is baked (data/mali.order.json),
// so the page runs no crossing search on first load, for a shared view, or while the player
// steps through the years; and a player step keeps the actors in their order.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requireDist, openPage } from './browser.mjs';
import { siteInBrowser } from './setup.mjs';

requireDist();
const site = siteInBrowser();

const searches = (page) => page.$eval('[data-crossing-searches]', (f) => Number(f.dataset.crossingSearches));
const bands = (page) => page.$eval('[data-bands]', (f) => f.dataset.bands);

describe('the shipped data is drawn in its baked order', () => {
  for (const hash of ['', '#years=2013-2019', '#years=2013-2021&fold=1', '#hide=arms']) {
    it(`runs no crossing search on load${hash ? ` of ${hash}` : ''}`, async () => {
      const opened = await openPage(site.browser, site.server.url + hash);
      try {
        assert.equal(opened.state, 'ready');
        assert.equal(await searches(opened.page), 0);
      } finally {
        await opened.context.close();
      }
    });
  }

  it('runs no crossing search while the player steps through the years', async () => {
    const opened = await openPage(site.browser, site.server.url);
    try {
      const { page } = opened;
      const before = await bands(page);
      await page.click('.if-play');
      // Two steps at 1.4 s each, and the band count changed (a different view was drawn).
      await page.waitForFunction((b) => document.querySelector('[data-bands]').dataset.bands !== b, before, { timeout: 5000 });
      await page.waitForTimeout(3000);
      assert.match(await page.evaluate(() => location.hash), /years=\d+-\d+/);
      assert.equal(await searches(page), 0);
    } finally {
      await opened.context.close();
    }
  });
});
