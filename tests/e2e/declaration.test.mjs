// The licensee's journey in a real browser: sign in, open the office's file from the
// dashboard, fill every section of the open round's rubric, upload a PDF and a JPEG
// with the progress bar (and whatever else the rubric requires), see the summary,
// submit, and print the receipt.  Each page is checked with axe and photographed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, url, screenshot, formatViolations, viewports } from './lib/browser.mjs';
import { fixtures, makeOffice, fillSection, rows } from './lib/declare.mjs';
import { makeUser, toPersian } from '../integration/lib/client.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function axeClean(page, name) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(bad.length, 0, `${name}:\n${formatViolations(bad)}`);
  await screenshot(page, `declaration-${name}`);
}

test('journey: sign in, fill every section, upload with progress, submit, print the receipt', async () => {
  const u = makeUser({ password: 'یک رمز خوب و بلند ۱۴۰۵' });
  const { id: office } = makeOffice(u);
  const round = rows(`SELECT id FROM rounds WHERE state = 'open'`)[0][0];
  const secs = rows(`SELECT id, code FROM rubric_sections WHERE round_id = ${round} ORDER BY position, id`);
  const files = fixtures();

  const context = await browser.newContext({ viewport: viewports.desktop, locale: 'fa-IR' });
  const page = await context.newPage();
  try {
    await page.goto(url('/login'));
    await page.fill('#national_id', toPersian(u.nid));
    await page.fill('#password', u.password);
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/dashboard$/);
    await axeClean(page, 'dashboard');
    await page.click(`a[href="/decl/${office}"]`);
    await page.waitForURL(new RegExp(`/decl/${office}$`));
    await axeClean(page, 'summary-empty');

    let uploads = 0;
    for (const [sid, sec] of secs) {
      uploads += await fillSection(page, office, sid, sec, files, uploads);
      if (sec === secs[0][1]) await axeClean(page, 'section');
      await page.click('button[name=next][value=summary]');
      await page.waitForURL(new RegExp(`/decl/${office}\\?saved=1$`));
    }
    assert.ok(uploads >= 2, 'the rubric asks for at least two documents');
    assert.match(await page.textContent('main'), /همه موارد لازم کامل است/);
    await axeClean(page, 'summary-complete');
    await page.click(`form[action="/decl/${office}/submit"] button`);
    await page.waitForURL(new RegExp(`/decl/${office}/receipt\\?new=1$`));
    const receipt = await page.textContent('main');
    assert.match(receipt, /کد رهگیری/);
    const shas = rows(`SELECT LOWER(HEX(e.sha256)) FROM declaration_evidence de JOIN evidence e ON e.id = de.evidence_id
        JOIN declarations d ON d.id = de.declaration_id WHERE d.office_id = ${office}`).map((r) => r[0]);
    assert.equal(shas.length, uploads);
    for (const h of shas) assert.ok(receipt.includes(h));
    assert.ok(await page.isVisible('button[data-print]'), 'the print button shows with JavaScript');
    await axeClean(page, 'receipt');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'declaration-receipt-print');
    assert.equal(rows(`SELECT state FROM declarations WHERE office_id = ${office}`)[0][0], 'submitted');
  } finally {
    await context.close();
  }
});
