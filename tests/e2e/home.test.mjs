// The home and login pages in a real browser: right-to-left Persian, Persian digits
// in dates, the Vazirmatn font really used, screenshots at desktop and mobile widths,
// no serious axe violation; the login form's labels and CSRF field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, openAndAxe, formatViolations, screenshot, viewports,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const PERSIAN_DIGIT = /[۰-۹]/;
const ASCII_DIGIT = /[0-9]/;

// The font families chromium actually drew `selector`'s text with, read from the
// DevTools protocol: the proof that the web font loaded and is used, not just that
// the CSS names it.
async function renderedFonts(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

for (const [vpName, viewport] of Object.entries(viewports)) {
  test(`home page (${vpName}): RTL Persian, Persian digits, Vazirmatn, axe clean`, async () => {
    const { page, context, response, violations, consoleErrors } =
      await openAndAxe(browser, '/', { viewport });
    try {
      assert.equal(response.status(), 200);
      assert.match(response.headers()['content-type'] || '', /text\/html/);

      const html = page.locator('html');
      assert.equal(await html.getAttribute('dir'), 'rtl');
      assert.equal(await html.getAttribute('lang'), 'fa');
      const direction = await page.locator('main').evaluate((el) => getComputedStyle(el).direction);
      assert.equal(direction, 'rtl', 'computed direction of <main>');

      const text = await page.locator('body').innerText();
      assert.match(text, PERSIAN_DIGIT, 'the page shows Persian digits');
      assert.match(text, /[\u0600-\u06FF]/, 'the page is in Persian');

      // Dates (today in the header, the round's window and deadline) and the days
      // left: Persian digits only.
      const dated = await page.locator('.date, .days-left').allInnerTexts();
      assert.ok(dated.length >= 1, 'at least today\'s date is shown');
      for (const t of dated) {
        assert.match(t, PERSIAN_DIGIT, `date text "${t}" has Persian digits`);
        assert.doesNotMatch(t, ASCII_DIGIT, `date text "${t}" has ASCII digits`);
      }

      // Vazirmatn: its FontFace loaded, and chromium drew the heading with it.
      const faces = await page.evaluate(() => [...document.fonts]
        .map((f) => ({ family: f.family.replace(/["']/g, ''), status: f.status })));
      assert.ok(faces.some((f) => f.family === 'Vazirmatn' && f.status === 'loaded'),
        `Vazirmatn FontFace loaded: ${JSON.stringify(faces)}`);
      const used = await renderedFonts(page, 'h1');
      assert.ok(used.some((f) => f.isCustomFont && /vazirmatn/i.test(f.familyName)),
        `h1 drawn with Vazirmatn, got ${JSON.stringify(used)}`);

      const file = await screenshot(page, `home-${vpName}`);
      console.log(`screenshot: ${file}`);

      // The layout holds at this width: nothing wider than the viewport.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${viewport.width}px viewport`);

      assert.deepEqual(consoleErrors, [], 'no console errors or CSP violations');
      assert.equal(violations.length, 0, `axe:\n${formatViolations(violations)}`);
    } finally {
      await context.close();
    }
  });
}

test('login page: labelled fields, CSRF field, Persian digits accepted in the form', async () => {
  const { page, context, response, violations, consoleErrors } = await openAndAxe(browser, '/login');
  try {
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');

    const form = page.locator('form[action="/login"]');
    assert.equal(await form.count(), 1, 'one login form');
    assert.equal((await form.getAttribute('method')).toLowerCase(), 'post');

    const csrf = form.locator('input[type="hidden"][name="csrf"]');
    assert.equal(await csrf.count(), 1, 'hidden csrf field');
    assert.ok((await csrf.getAttribute('value'))?.length > 0, 'csrf field has a token');

    // Every visible control has a label the browser associates with it.
    const unlabelled = await form.locator('input:not([type="hidden"]), select, textarea')
      .evaluateAll((els) => els.filter((el) => !el.labels || el.labels.length === 0)
        .map((el) => el.name || el.id));
    assert.deepEqual(unlabelled, [], 'controls without a label');

    const nid = page.getByLabel('کد ملی');
    assert.equal(await nid.getAttribute('name'), 'national_id');
    assert.equal(await nid.getAttribute('inputmode'), 'numeric');
    assert.equal(await nid.getAttribute('autocomplete'), 'username');
    assert.equal(await nid.getAttribute('dir'), 'ltr');
    const pw = page.getByLabel('رمز عبور', { exact: true });
    assert.equal(await pw.getAttribute('type'), 'password');
    assert.equal(await pw.getAttribute('autocomplete'), 'current-password');

    await nid.fill('۰۱۸۳۳۸۲۳۹۰');
    assert.equal(await nid.inputValue(), '۰۱۸۳۳۸۲۳۹۰');

    assert.equal(await page.locator('a[href="/password/forgot"]').count(), 1, 'forgot-password link');

    await screenshot(page, 'login-desktop');
    assert.deepEqual(consoleErrors, [], 'no console errors or CSP violations');
    assert.equal(violations.length, 0, `axe:\n${formatViolations(violations)}`);
  } finally {
    await context.close();
  }
});
