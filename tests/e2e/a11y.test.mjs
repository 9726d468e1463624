// axe-core over every public page of pages.mjs, at desktop and mobile widths: no
// serious or critical violation is allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pages } from './pages.mjs';
import { launchBrowser, openAndAxe, formatViolations, viewports, screenshot } from './lib/browser.mjs';
import { sessionToken, resolvePath } from './lib/session.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const pg of pages) {
  for (const [vpName, viewport] of Object.entries(viewports)) {
    test(`axe: ${pg.name} (${vpName}) has no serious or critical violations`, async () => {
      const p = resolvePath(pg);
      const cookie = pg.as ? sessionToken(pg.as) : null;
      const { page, context, response, violations } = await openAndAxe(browser, p, { viewport, cookie });
      try {
        await screenshot(page, `page-${pg.name}-${vpName}`);
        assert.equal(response.status(), pg.status, `${p} answered ${response.status()}`);
        assert.equal(new URL(page.url()).pathname, p.replace(/\?.*/, ''), `${p} was redirected`);
        assert.equal(violations.length, 0,
          `axe found ${violations.length} serious/critical violation(s) on ${p}:\n${formatViolations(violations)}`);
      } finally {
        await context.close();
      }
    });
  }
}
