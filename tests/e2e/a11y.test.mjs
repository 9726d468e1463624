// axe-core over every public page of pages.mjs, at desktop and mobile widths: no
// serious or critical violation is allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pages } from './pages.mjs';
import { launchBrowser, openAndAxe, formatViolations, viewports } from './lib/browser.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const pg of pages) {
  for (const [vpName, viewport] of Object.entries(viewports)) {
    test(`axe: ${pg.path} (${vpName}) has no serious or critical violations`, async () => {
      const { context, response, violations } = await openAndAxe(browser, pg.path, { viewport });
      try {
        assert.equal(response.status(), pg.status, `${pg.path} answered ${response.status()}`);
        assert.equal(violations.length, 0,
          `axe found ${violations.length} serious/critical violation(s) on ${pg.path}:\n${formatViolations(violations)}`);
      } finally {
        await context.close();
      }
    });
  }
}
