// The pages and error pages through nginx -> geps -> MariaDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { http, curl, URL_BASE, PERSIAN_DIGIT } from './lib/stack.mjs';

test('home page is 200, Persian, right to left', async () => {
  const r = await http('/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(r.text, /<html[^>]*lang="fa"/);
  assert.match(r.text, /<html[^>]*dir="rtl"/);
  assert.match(r.text, /دفاتر پیشخوان/);
  assert.match(r.text, PERSIAN_DIGIT);
});

test('home page shows the open demo round with its Jalali deadline', async () => {
  const r = await http('/');
  // The demo round 1405-1 is open; its code and dates are shown with Persian digits.
  assert.match(r.text, /۱۴۰۵-۱/);
  assert.match(r.text, /۱۴۰۵\/[۰-۹]{2}\/[۰-۹]{2}/);
  assert.doesNotMatch(r.text.replace(/<[^>]*>/g, ''), /\b1405\/\d\d\/\d\d\b/);
});

test('every response carries the security headers', async () => {
  for (const p of ['/', '/login', '/no-such-page']) {
    const r = await http(p);
    const csp = r.headers.get('content-security-policy');
    assert.ok(csp, `CSP on ${p}`);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'same-origin');
  }
});

test('login page has the form with national ID and password', async () => {
  const r = await http('/login');
  assert.equal(r.status, 200);
  assert.match(r.text, /name="national_id"/);
  assert.match(r.text, /name="password"/);
  assert.match(r.text, /type="password"/);
});

test('unknown path gives the Persian 404 page', async () => {
  const r = await http('/no-such-page');
  assert.equal(r.status, 404);
  assert.match(r.text, /صفحه پیدا نشد/);
  assert.match(r.text, /۴۰۴/);
});

test('wrong method gives the Persian 405 page with Allow', async () => {
  const r = await http('/', { method: 'DELETE' });
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /GET/);
  assert.match(r.text, /۴۰۵/);
  const p = await http('/', { method: 'POST', body: 'a=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(p.status, 405);
});

test('HEAD answers like GET without a body', async () => {
  const r = await http('/login', { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal(r.text, '');
});

test('a body over geps\'s limit gets the Persian 413 page', async () => {
  const body = 'a=' + 'x'.repeat(70 * 1024);
  const r = await http('/login', { method: 'POST', body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 413);
  assert.match(r.text, /حجم درخواست بیش از حد مجاز است/);
});

test('a body over nginx\'s limit also gets the Persian 413 page', async () => {
  const body = Buffer.alloc(13 * 1024 * 1024, 0x61);
  const r = await http('/', { method: 'POST', body,
    headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(r.status, 413);
  assert.match(r.text, /حجم درخواست بیش از حد مجاز است/);
});

test('bad percent-encoding and invalid UTF-8 in the query are refused with 400', async () => {
  for (const q of ['?a=%zz', '?a=%', '?a=%C0%AF', '?a=%00', '?%FF=1']) {
    const r = await http('/' + q);
    assert.equal(r.status, 400, q);
    assert.match(r.text, /درخواست نامعتبر/);
  }
});

test('hostile paths are refused, not normalised', () => {
  for (const p of ['/%2e%2e/etc/passwd', '/a%2Fb', '/%00', '/a/%2e/login']) {
    const r = curl(['--path-as-is', URL_BASE + p]);
    assert.ok(r.status === 400 || r.status === 404, `${p} -> ${r.status}`);
  }
});

test('too many query fields are refused', async () => {
  const q = Array.from({ length: 300 }, (_, i) => `k${i}=1`).join('&');
  const r = await http('/?' + q);
  assert.equal(r.status, 400);
});

test('an oversized cookie header is refused', async () => {
  const r = await http('/', { headers: { cookie: 'a=' + 'x'.repeat(5000) } });
  assert.equal(r.status, 400);
});

test('static assets come from nginx, with the font', async () => {
  const css = await http('/assets/css/geps.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /text\/css/);
  // The location's own add_header lines replace the server's: HSTS is repeated.
  assert.equal(css.headers.get('strict-transport-security'), 'max-age=63072000; includeSubDomains');
  assert.equal(css.headers.get('x-content-type-options'), 'nosniff');
  const font = await fetch(URL_BASE + '/assets/fonts/Vazirmatn[wght].woff2'.replace('[', '%5B').replace(']', '%5D'));
  assert.equal(font.status, 200);
  assert.ok((await font.arrayBuffer()).byteLength > 10000);
});

test('every error status has its Persian page', async () => {
  const titles = {
    400: 'درخواست نامعتبر', 403: 'دسترسی مجاز نیست', 404: 'صفحه پیدا نشد',
    405: 'روش درخواست مجاز نیست', 413: 'حجم درخواست بیش از حد مجاز است',
    414: 'نشانی بیش از حد طولانی است', 429: 'درخواست‌های بیش از حد',
    500: 'خطای داخلی سامانه', 503: 'سامانه موقتاً در دسترس نیست',
  };
  const fa = (n) => String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
  for (const [code, title] of Object.entries(titles)) {
    const r = await http(`/_error/${code}`);
    assert.equal(r.status, Number(code));
    assert.match(r.text, new RegExp(title));
    assert.match(r.text, new RegExp(fa(code)));
    assert.match(r.text, /dir="rtl"/);
  }
  assert.equal((await http('/_error/999')).status, 404);
  assert.equal((await http('/_error/abc')).status, 404);
});

test('headers too large for nginx get the Persian 400 page', async () => {
  const r = curl(['-H', 'X-Big: ' + 'x'.repeat(20000), URL_BASE + '/']);
  assert.equal(r.status, 400);
  assert.match(r.body, /درخواست نامعتبر/);
});

test('an over-long query string is refused with 414', async () => {
  const r = await http('/?q=' + 'a'.repeat(5000));
  assert.equal(r.status, 414);
  assert.match(r.text, /نشانی بیش از حد طولانی است/);
});

test('nginx rate-limits the sign-in forms per address, with the Persian 429 page', async () => {
  const codes = await Promise.all(Array.from({ length: 150 }, () => http('/password/forgot').then((r) => r)));
  const limited = codes.filter((r) => r.status === 429);
  assert.ok(limited.length > 0, 'some requests were limited');
  assert.match(limited[0].text, /درخواست‌های بیش از حد/);
  assert.ok(codes.every((r) => r.status === 200 || r.status === 429));
  // The test stack refills at 100 r/s: let the bucket fill before the next tests.
  await new Promise((res) => setTimeout(res, 1500));
});
