// The accounts journey in a real browser: a new licensee signs in with the initial
// secret, must change it, signs out, forgets the password, resets it by national ID
// with the code from the outbox, and signs in again.  Every page on the way is
// checked with axe and photographed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, url, screenshot, formatViolations, viewports } from './lib/browser.mjs';
import { makeUser, toPersian, lastMessage } from '../integration/lib/client.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function axeClean(page, name) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(bad.length, 0, `${name}:\n${formatViolations(bad)}`);
  await screenshot(page, `accounts-${name}`);
}

test('journey: initial secret, forced change, logout, reset by national ID, login again', async () => {
  const u = makeUser({ kind: 'initial', password: 'initial-secret-42' });
  const context = await browser.newContext({ viewport: viewports.desktop, locale: 'fa-IR' });
  const page = await context.newPage();
  try {
    await page.goto(url('/login'));
    await page.fill('#national_id', toPersian(u.nid));
    await page.fill('#password', u.password);
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/password\/change$/);
    await axeClean(page, 'forced-change');

    await page.fill('#password', 'روز خوب بهاری ۱۴۰۵');
    await page.fill('#repeat', 'روز خوب بهاری ۱۴۰۵');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/account\?changed=1$/);
    assert.match(await page.textContent('main'), /رمز عبور شما تغییر کرد/);
    await axeClean(page, 'account');

    await page.click('form.user-box__logout button');
    await page.waitForURL(/\/login\?out=1$/);

    await page.click('a[href="/password/forgot"]');
    await page.fill('#national_id', u.nid);
    await page.click('main button[type=submit]');
    await page.waitForSelector('#code');
    await axeClean(page, 'reset-code');
    const code = lastMessage(u.id, 'reset_code').match(/(\d{6})/)[1];
    await page.fill('#code', toPersian(code));
    await page.click('main button[type=submit]');
    await page.waitForSelector('#repeat');
    await axeClean(page, 'reset-new');
    await page.fill('#password', 'رمز تازه پس از فراموشی');
    await page.fill('#repeat', 'رمز تازه پس از فراموشی');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/login\?reset=1$/);
    assert.match(await page.textContent('main'), /رمز عبور شما تغییر کرد/);

    await page.fill('#national_id', u.nid);
    await page.fill('#password', 'رمز تازه پس از فراموشی');
    await page.click('main button[type=submit]');
    await page.waitForURL((u2) => new URL(u2).pathname === '/dashboard');
    assert.match(await page.textContent('header'), /آزمون کاربر/);
    await axeClean(page, 'signed-in-dashboard');
  } finally {
    await context.close();
  }
});
