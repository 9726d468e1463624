// nginx's own 502 and 504, when no geps answers or none in time: a static Persian
// page (views/assets/errors/) that is geps's own error page for that status without
// the date, served by nginx with the status unchanged, never stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { http, curl, stack, until, SRCDIR } from './lib/stack.mjs';

const page = (code) => readFileSync(path.join(SRCDIR, 'views/assets/errors', `${code}.html`), 'utf8');

// What may differ between geps's page and the static copy: the comment that says
// where the copy comes from, geps's date of today and its asset version.
const normal = (html) => html
  .replace(/<!--[\s\S]*?-->\n/g, '')
  .replace(/^<!DOCTYPE html>\n\n/, '<!DOCTYPE html>\n')
  .replace(/\n *<p class="today">.*<\/p>/, '')
  .replace(/(\/assets\/css\/geps\.css)\?v=\d+/, '$1');

test('the static 502 and 504 pages are geps\'s own error pages for those statuses, without the date', async () => {
  for (const code of [502, 504]) {
    const r = await http(`/_error/${code}`);
    assert.equal(r.status, code);
    const mine = page(code);
    assert.match(mine, /^<!DOCTYPE html>\n<!-- /);
    assert.doesNotMatch(mine, /class="today"|\?v=/, 'nothing that changes from day to day or release to release');
    assert.equal(normal(mine), normal(r.text),
      `views/assets/errors/${code}.html is no longer geps's /_error/${code} page: make it again from it`);
  }
});

test('every nginx location with an error_page of its own sends 413 to geps\'s page and 502 and 504 to the static pages', () => {
  for (const f of ['conf/nginx/geps-app.conf.in', 'conf/nginx/geps-pages.conf.in']) {
    const conf = readFileSync(path.join(SRCDIR, f), 'utf8');
    const blocks = conf.split(/\n(?=location )/).slice(1);
    const withOwn = blocks.filter((b) => /^\s+error_page /m.test(b.slice(0, b.indexOf('\n}'))));
    for (const b of withOwn) {
      const body = b.slice(0, b.indexOf('\n}'));
      assert.match(body, /error_page 413 \/_error\/413;/, `${f}: ${b.split('\n')[0]}`);
      assert.match(body, /error_page 502 \/_down\/502\.html;/, `${f}: ${b.split('\n')[0]}`);
      assert.match(body, /error_page 504 \/_down\/504\.html;/, `${f}: ${b.split('\n')[0]}`);
    }
  }
  const app = readFileSync(path.join(SRCDIR, 'conf/nginx/geps-app.conf.in'), 'utf8');
  assert.match(app, /^error_page 502 \/_down\/502\.html;$/m);
  assert.match(app, /^error_page 504 \/_down\/504\.html;$/m);
});

test('a body over nginx\'s limit gets geps\'s Persian 413 in every kind of location', async () => {
  const big = Buffer.alloc(13 * 1024 * 1024, 0x61);
  for (const p of ['/dashboard', '/login', '/ranks']) {
    const r = await http(p, { method: 'POST', body: big, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 413, p);
    assert.match(r.text, /<html lang="fa" dir="rtl">/, p);
    assert.match(r.text, /حجم درخواست بیش از حد مجاز است/, p);
    assert.doesNotMatch(r.text, /Request Entity Too Large|<center>nginx/, p);
  }
});

test('with geps stopped, nginx answers 502 with the Persian page (dir="rtl"), no-store and Retry-After, in every kind of location', async () => {
  stack('geps-stop');
  try {
    // The application, a sign-in form (a location of its own), the cached public
    // pages (another; nothing stored for these requests), and a POST.
    const asks = [
      ['/', {}], ['/login', {}], ['/ranks', {}], ['/verify?code=1', {}],
      ['/login', { method: 'POST', body: new URLSearchParams({ national_id: '0', password: 'x' }) }],
    ];
    for (const [p, opts] of asks) {
      const r = await http(p, opts);
      const what = `${opts.method ?? 'GET'} ${p}`;
      assert.equal(r.status, 502, what);
      assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8$/, what);
      assert.match(r.text, /<html lang="fa" dir="rtl">/, what);
      assert.match(r.text, /سامانه در دسترس نیست/, what);
      assert.match(r.text, /سامانه موقتاً پاسخ نمی‌دهد/, what);
      assert.match(r.text, /<span class="error-page__code">۵۰۲<\/span>/, what);
      assert.doesNotMatch(r.text, /Bad Gateway|<center>nginx/, what);
      assert.equal(r.headers.get('cache-control'), 'no-store', what);
      assert.equal(r.headers.get('retry-after'), '5', what);
      assert.equal(r.headers.get('x-frame-options'), 'DENY', what);
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'/, what);
    }
    // An error page of nginx's that geps would make (a URI too long: /_error/414)
    // ends on the same page rather than nginx's English one.
    const long = curl([`${process.env.GEPS_URL}/${'a'.repeat(20000)}`]);
    assert.equal(long.status, 502);
    assert.match(long.body, /سامانه در دسترس نیست/);
    // The page itself is reached only through error_page.
    assert.equal((await http('/_down/502.html')).status, 404);
  } finally {
    stack('geps-start');
  }
  assert.ok(await until(async () => (await http('/')).status === 200), 'serving again');
});
