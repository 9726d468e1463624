// The round from end to end in a real browser, across the three roles:
//   the licensee signs in, fills every section with evidence and submits;
//   HQ ends the declarations; the region sends the file back with a remark on one
//   section; the licensee sees the remark, corrects that section and resubmits;
//   the region confirms every value, records the association score and completes;
//   HQ ranks every office, looks at the preview and publishes;
//   the licensee sees the breakdown and objects; the region accepts with a higher
//   association score; the final rank shows on the public verification page.
// Days pass through the test clock (X-Geps-Test-Now on every request of a step).
// Everyone signs in through the forms; staff pass the second factor (TOTP).
//
// The round (1396-1) is the journey's own: the demo's open round is set aside as a
// draft meanwhile (one round is open at a time) and put back at the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, url, screenshot, formatViolations, viewports } from './lib/browser.mjs';
import { fixtures, makeOffice, fillSection, rows } from './lib/declare.mjs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { makeUser, toPersian } from '../integration/lib/client.mjs';
import { sql, geps } from '../integration/lib/stack.mjs';

const DAY = 86400;
const T0 = Math.floor(Date.now() / 1000);
const one = (q) => rows(q)[0]?.[0];
let browser, demoOpen, round;

before(async () => {
  browser = await launchBrowser();
  demoOpen = one(`SELECT id FROM rounds WHERE state = 'open'`);
  if (demoOpen) sql(`UPDATE rounds SET state = 'draft' WHERE id = ${demoOpen}`);
  const r = geps(['round', 'create', '--code', '1396-1', '--title', 'ارزیابی آزمون سفر کامل', '--start', '1396/01/15']);
  assert.equal(r.status, 0, r.stderr);
  round = Number(one(`SELECT id FROM rounds WHERE code = '1396-1'`));
  sql(`UPDATE rounds SET decl_start_date = CURDATE() - INTERVAL 10 DAY, decl_end_date = CURDATE() + INTERVAL 1 DAY,
         review_end_date = CURDATE() + INTERVAL 12 DAY, state = 'open', rubric_frozen_at = NOW(6) WHERE id = ${round}`);
});

after(async () => {
  await browser?.close();
  sql(`DELETE FROM declarations WHERE round_id = ${round}; DELETE FROM rounds WHERE id = ${round}`);
  if (demoOpen) sql(`UPDATE rounds SET state = 'open' WHERE id = ${demoOpen}`);
});

async function axeClean(page, name) {
  await page.evaluate(() => document.fonts.ready);
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(bad.length, 0, `${name}:\n${formatViolations(bad)}`);
  await screenshot(page, `journey-${name}`);
}

// A browser context on day `day` of the journey (the test clock rides on every
// request), signed in through the forms as who ({ nid, password, totp } or null):
// staff pass their second factor with a code oathtool computes for that day.
function totpAt(secret, at) {
  return execFileSync('oathtool', ['--totp', '-b', secret, '--now',
    new Date(at * 1000).toISOString().replace('T', ' ').replace(/\..*/, ' UTC')], { encoding: 'utf8' }).trim();
}

async function as(who, day) {
  const at = T0 + day * DAY;
  const context = await browser.newContext({ viewport: viewports.desktop, locale: 'fa-IR',
    extraHTTPHeaders: { 'x-geps-test-now': String(at) } });
  const page = await context.newPage();
  if (who) {
    await page.goto(url('/login'));
    await page.fill('#national_id', toPersian(who.nid));
    await page.fill('#password', who.password);
    await page.click('main button[type=submit]');
    await page.waitForLoadState();
    if (who.totp) {
      await page.waitForURL(/\/totp$/);
      await page.fill('#code', totpAt(who.totp, at));
      await page.click('main button[type=submit]');
      await page.waitForLoadState();
    }
    assert.doesNotMatch(new URL(page.url()).pathname, /^\/(login|totp)/, `${who.nid} signed in on day ${day}`);
  }
  return { context, page };
}

// A staff account of role (reviewer of region) with a known password and an
// enrolled second factor.
function staff(role, region) {
  const u = makeUser({ role, region, password: 'رمز بلند کارشناس ۱۳۹۶' });
  const secret = randomBytes(20);
  sql(`UPDATE users SET totp_secret = UNHEX('${secret.toString('hex')}'), totp_enrolled_at = UTC_TIMESTAMP(6)
       WHERE id = ${u.id}`);
  return { ...u, totp: base32(secret) };
}

function base32(buf) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, v = 0, out = '';
  for (const b of buf) {
    v = (v << 8) | b;
    bits += 8;
    while (bits >= 5) { out += abc[(v >>> (bits - 5)) & 31]; bits -= 5; }
  }
  return bits > 0 ? out + abc[(v << (5 - bits)) & 31] : out;
}

const main = async (page) => (await page.textContent('main')).replace(/\s+/g, ' ');

test('journey: submit, send back, correct, review, rank, publish, object, accept, verify', async () => {
  const u = makeUser({ password: 'رمز بلند سفر کامل ۱۳۹۶' });
  const office = makeOffice(u, 'دفتر پیشخوان سفر کامل');
  const region = Number(one(`SELECT p.region_id FROM offices o JOIN provinces p ON p.id = o.province_id WHERE o.id = ${office.id}`));
  const reviewer = staff('reviewer', region);
  const hq = staff('hq', null);
  const secs = rows(`SELECT id, code FROM rubric_sections WHERE round_id = ${round} ORDER BY position, id`);
  const files = fixtures();
  const decl = () => rows(`SELECT id, state, score_x100, \`rank\`, final_score_x100, final_rank, public_rank
      FROM declarations WHERE round_id = ${round} AND office_id = ${office.id}`)[0];

  // Day 0, the licensee: sign in, fill every section, submit.
  let { context, page } = await as(u, 0);
  assert.equal(new URL(page.url()).pathname, '/dashboard');
  let uploads = 0;
  for (const [sid, sec] of secs) {
    uploads += await fillSection(page, office.id, sid, sec, files, uploads);
    await page.click('button[name=next][value=summary]');
    await page.waitForURL(new RegExp(`/decl/${office.id}\\?saved=1$`));
  }
  await page.click(`form[action="/decl/${office.id}/submit"] button`);
  await page.waitForURL(new RegExp(`/decl/${office.id}/receipt\\?new=1$`));
  assert.equal(decl()[1], 'submitted');
  await context.close();

  // Day 3, HQ: the declaration window is over; the files go to the regions.
  ({ context, page } = await as(hq, 3));
  await page.goto(url(`/hq/round/${round}/results`));
  await page.click(`form[action="/hq/round/${round}/close"] button`);
  await page.waitForURL(/\?closed=1$/);
  assert.equal(one(`SELECT state FROM rounds WHERE id = ${round}`), 'review');
  await context.close();

  // Day 3, the region: the file is in the queue; send the first section back.
  ({ context, page } = await as(reviewer, 3));
  await page.goto(url(`/review?round=${round}`));
  await axeClean(page, 'review-queue');
  await page.click(`a[href="/review/file/${decl()[0]}"]`);
  await page.waitForURL(/\/review\/file\/\d+$/);
  await axeClean(page, 'review-file');
  const [, firstSec] = secs[0];
  await page.check(`#s-${firstSec}`);
  await page.fill(`#r-${firstSec}`, 'مساحت با سند اجاره نمی‌خواند؛ سند تازه را بفرستید.');
  await page.fill('#remarks', 'یک بخش نیازمند اصلاح است.');
  await page.click(`form[action$="/send-back"] button[type=submit]`);
  await page.waitForLoadState();
  assert.equal(decl()[1], 'returned');
  await context.close();

  // Day 4, the licensee: the remark is on the summary and on the section; only that
  // section can change; correct it and resubmit.
  ({ context, page } = await as(u, 4));
  await page.goto(url(`/decl/${office.id}`));
  assert.match(await main(page), /مساحت با سند اجاره نمی‌خواند/);
  await axeClean(page, 'licensee-returned');
  await page.goto(url(`/decl/${office.id}/section/${firstSec}`));
  assert.match(await main(page), /آنچه منطقه در این بخش خواسته است/);
  await page.fill('#c_area_m2', toPersian('72'));
  await page.click('button[name=next][value=summary]');
  await page.waitForURL(new RegExp(`/decl/${office.id}\\?saved=1$`));
  await page.click(`form[action="/decl/${office.id}/submit"] button`);
  await page.waitForURL(new RegExp(`/decl/${office.id}/receipt`));
  assert.equal(decl()[1], 'resubmitted');
  await context.close();

  // Day 5, the region: confirm every value, record the association score, complete.
  ({ context, page } = await as(reviewer, 5));
  await page.goto(url(`/review/file/${decl()[0]}`));
  for (let i = 0; i < 20 && await page.locator('form.review-confirm-all button').count() > 0; i++) {
    await page.locator('form.review-confirm-all button').first().click();
    await page.waitForLoadState();
  }
  await page.fill('#a-association', toPersian('55'));
  await page.click('form[action$="/association"] button[type=submit]');
  await page.waitForLoadState();
  await page.click('form[action$="/complete"] button[type=submit]');
  await page.waitForLoadState();
  assert.equal(decl()[1], 'reviewed');
  await context.close();

  // Day 5, HQ: rank every office, look at the preview, publish.
  ({ context, page } = await as(hq, 5));
  await page.goto(url(`/hq/round/${round}/results`));
  await page.click(`form[action="/hq/round/${round}/rank"] button`);
  await page.waitForURL(/\?ranked=1$/);
  assert.equal(await page.locator('svg.chart').count(), 3);
  await axeClean(page, 'hq-preview');
  const [, , score, rank] = decl();
  assert.ok(Number(rank) >= 1 && Number(rank) <= 3);
  await page.click(`form[action="/hq/round/${round}/publish"] button`);
  await page.waitForURL(/\?published=1$/);
  assert.equal(one(`SELECT state FROM rounds WHERE id = ${round}`), 'published');
  await context.close();

  // Day 6, the licensee: the result with its breakdown; object to the association score.
  ({ context, page } = await as(u, 6));
  await page.goto(url('/dashboard'));
  await page.click(`a[href="/result/${office.id}"]`);
  await page.waitForURL(new RegExp(`/result/${office.id}$`));
  const t = await main(page);
  assert.match(t, new RegExp(`رتبه ${toPersian(rank)}`));
  assert.match(t, /جزئیات امتیاز/);
  assert.match(t, /امتیاز انجمن صنفی/);
  await axeClean(page, 'licensee-result');
  await page.check('#crit-association');
  await page.fill('#body', 'امتیاز انجمن صنفی ما ۹۰ است؛ نامه انجمن را پیوست کرده‌ایم.');
  await page.click(`form[action="/result/${office.id}/objection"] button`);
  await page.waitForURL(/objected=1$/);
  assert.match(await main(page), /در حال رسیدگی/);
  await context.close();

  // Day 6, the region: accept with the association score of the letter.
  ({ context, page } = await as(reviewer, 6));
  await page.goto(url('/review/objections'));
  await page.locator('main table a').first().click();
  await page.waitForURL(/\/review\/objection\/\d+$/);
  await axeClean(page, 'review-objection');
  await page.fill('#v-association', toPersian('90'));
  await page.fill('#note', 'نامه انجمن دیده شد: امتیاز ۹۰.');
  await page.click('form[action$="/accept"] button[type=submit]');
  await page.waitForURL(/decided=1$/);
  await context.close();
  const [, , , , finalScore, finalRank, publicRank] = decl();
  // Association 55 gave 3 points, 90 gives 10.
  assert.equal(Number(finalScore), Number(score) + 700);
  assert.equal(publicRank, finalRank);

  // Anyone: the public verification page shows the final rank.
  ({ context, page } = await as(null, 6));
  await page.goto(url('/verify'));
  await page.fill('#verify-code', office.code);
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/verify\?code=/);
  assert.match(await main(page), new RegExp(`رتبه ${toPersian(finalRank)}`));
  await axeClean(page, 'public-verify');
  await context.close();
});
