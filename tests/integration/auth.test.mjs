// Accounts and access through the real stack: sign-in, sessions, CSRF, throttling,
// the initial password, reset by national ID, the second factor, audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { sql, geps } from './lib/stack.mjs';
import { Client, errorsOf, makeUser, demoAccounts, toPersian, nidFrom, lastMessage } from './lib/client.mjs';

const GENERIC = 'کد ملی یا رمز عبور نادرست است.';
const nowS = () => Math.floor(Date.now() / 1000);

test('a licensee signs in with Persian digits and gets a hardened session cookie', async () => {
  const u = makeUser();
  const c = new Client();
  await c.freshCsrf('/login');
  const res = await c.post('/login', { national_id: toPersian(u.nid.slice(0, 3) + '-' + u.nid.slice(3)), password: u.password });
  assert.equal(res.status, 303);
  assert.equal(res.location, '/dashboard');
  const set = res.headers.getSetCookie().find((h) => h.startsWith('__Host-geps='));
  assert.ok(set, 'session cookie set');
  assert.match(set, /; Path=\/; HttpOnly; SameSite=Lax; Secure/);
  assert.match(set, /^__Host-geps=[A-Za-z0-9_-]{43};/);
  const acc = await c.get('/account');
  assert.equal(acc.status, 200);
  assert.match(acc.text, /آزمون کاربر/);
  // The database keeps only the token's hash.
  const token = c.jar.get('__Host-geps');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2('${token}', 256))`).trim(), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE HEX(token_hash) = HEX('${token}')`).trim(), '0');
  assert.match(sql(`SELECT action FROM audit_log WHERE actor_user_id = ${u.id} ORDER BY id DESC LIMIT 1`), /login\.ok/);
});

test('unknown ID and wrong password get the same answer', async () => {
  const u = makeUser();
  const unknown = nidFrom(123456789);
  const a = await new Client().login(u.nid, 'wrong password here');
  const b = await new Client().login(unknown, 'wrong password here');
  assert.equal(a.status, 200);
  assert.equal(b.status, a.status);
  assert.deepEqual(errorsOf(a.text), [GENERIC]);
  assert.deepEqual(errorsOf(b.text), [GENERIC]);
  const strip = (t) => t.replace(/value="[^"]*"/g, '');
  assert.equal(strip(a.text), strip(b.text));
});

test('an unknown ID costs a password hash too (timing does not tell)', async () => {
  const u = makeUser();
  const unknown = nidFrom(223456789);
  const time = async (nid) => {
    const t0 = process.hrtime.bigint();
    await new Client().login(nid, 'wrong password here');
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  let known = 0, missing = 0;
  for (let i = 0; i < 4; i++) { known += await time(u.nid); missing += await time(unknown); }
  assert.ok(missing > known * 0.5 && missing < known * 2, `known ${known} ms, unknown ${missing} ms`);
});

test('a POST without its CSRF token is refused with 403', async () => {
  const c = new Client();
  await c.freshCsrf('/login');
  const r = await c.post('/login', { national_id: '0183382390', password: 'x' }, { csrf: false });
  assert.equal(r.status, 403);
  const u = makeUser();
  const s = new Client();
  await s.login(u.nid, u.password);
  const out = await s.post('/logout', {}, { csrf: false });
  assert.equal(out.status, 403);
  const bad = await fetch(process.env.GEPS_URL + '/logout', { method: 'POST', redirect: 'manual',
    headers: { cookie: `__Host-geps=${s.jar.get('__Host-geps')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'csrf=' + 'a'.repeat(64) });
  assert.equal(bad.status, 403);
});

test('failures slow down, then lock, per typed ID, for existing and missing IDs alike', async () => {
  for (const nid of [makeUser().nid, nidFrom(323456789)]) {
    const c = new Client();
    c.now = nowS();
    for (let i = 0; i < 5; i++) {
      const r = await c.login(nid, 'wrong password ' + i);
      assert.equal(r.status, 200);
    }
    const locked = await c.login(nid, 'anything');
    assert.equal(locked.status, 429);
    assert.match(errorsOf(locked.text)[0], /موقتاً ممکن نیست.*ساعت [۰-۹]{2}:[۰-۹]{2}/);
    c.now += 31;
    const again = await c.login(nid, 'wrong again');
    assert.equal(again.status, 200, 'the first delay is short');
  }
  assert.ok(Number(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login.lockout'").trim()) >= 2);
});

test('the initial password must be changed at first login and is refused forever after', async () => {
  const u = makeUser({ kind: 'initial', password: 'initial-secret-77' });
  const c = new Client();
  const r = await c.login(u.nid, u.password);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/password/change');
  assert.equal((await c.get('/account')).location, '/password/change');
  const form = await c.get('/password/change');
  assert.doesNotMatch(form.text, /name="current"/);
  const same = await c.post('/password/change', { password: u.password, repeat: u.password }, { from: '/password/change' });
  assert.match(errorsOf(same.text).join(' '), /نباید با رمز فعلی، رمز اولیه یا رمز قبلی یکسان باشد/);
  const common = await c.post('/password/change', { password: 'password123', repeat: 'password123' });
  assert.equal(common.status, 200);
  assert.ok(errorsOf(common.text).length > 0);
  const idpw = await c.post('/password/change', { password: `${u.nid}@cra`, repeat: `${u.nid}@cra` });
  assert.ok(errorsOf(idpw.text).length > 0);
  const ok = await c.post('/password/change', { password: 'my new long passphrase', repeat: 'my new long passphrase' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/account?changed=1');
  assert.equal(sql(`SELECT password_kind FROM users WHERE id = ${u.id}`).trim(), 'chosen');
  // The initial secret no longer signs in; the new one does.
  assert.deepEqual(errorsOf((await new Client().login(u.nid, u.password)).text), [GENERIC]);
  assert.equal((await new Client().login(u.nid, 'my new long passphrase')).status, 303);
  // Later changes refuse the initial secret and the previous password too.
  const d = new Client();
  await d.login(u.nid, 'my new long passphrase');
  const back = await d.post('/password/change', { current: 'my new long passphrase', password: u.password, repeat: u.password }, { from: '/password/change' });
  assert.match(errorsOf(back.text).join(' '), /رمز اولیه/);
});

test('a password change ends the other sessions; logout ends this one', async () => {
  const u = makeUser();
  const a = new Client(), b = new Client();
  await a.login(u.nid, u.password);
  await b.login(u.nid, u.password);
  assert.equal((await b.get('/account')).status, 200);
  const r = await a.post('/password/change', { current: u.password, password: 'another long passphrase', repeat: 'another long passphrase' }, { from: '/password/change' });
  assert.equal(r.status, 303);
  assert.equal((await b.get('/account')).location, '/login', 'the other session ended');
  assert.equal((await a.get('/account')).status, 200, 'this one goes on (with a new token)');
  const out = await a.post('/logout', {}, { from: '/account' });
  assert.equal(out.status, 303);
  assert.equal((await a.get('/account')).location, '/login');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`).trim(), '0');
});

test('a session expires after 30 idle minutes (test clock)', async () => {
  const u = makeUser();
  const c = new Client();
  c.now = nowS();
  await c.login(u.nid, u.password);
  c.now += 29 * 60;
  assert.equal((await c.get('/account')).status, 200);
  c.now += 29 * 60;
  assert.equal((await c.get('/account')).status, 200, 'activity keeps it alive');
  c.now += 31 * 60;
  assert.equal((await c.get('/account')).location, '/login', 'idle too long');
});

test('a session ends 12 hours after login however active it is (test clock)', async () => {
  const u = makeUser();
  const c = new Client();
  c.now = nowS();
  await c.login(u.nid, u.password);
  for (let h = 0; h < 11; h++) {
    c.now += 25 * 60;
    assert.equal((await c.get('/account')).status, 200);
  }
  c.now = nowS() + 12 * 3600 + 60;
  assert.equal((await c.get('/account')).location, '/login');
});

function lastCode(userId) {
  const m = (lastMessage(userId, 'reset_code') ?? '').match(/(\d{6})/);
  return m && m[1];
}

test('reset by national ID: same answer for any ID, code from the outbox, sessions end', async () => {
  const u = makeUser({ email: 'reset-test@example.ir' });
  const s = new Client();
  await s.login(u.nid, u.password);
  const c = new Client();
  await c.freshCsrf('/password/forgot');
  const r1 = await c.post('/password/forgot', { national_id: toPersian(u.nid) });
  const c2 = new Client();
  await c2.freshCsrf('/password/forgot');
  const r2 = await c2.post('/password/forgot', { national_id: nidFrom(423456789) });
  assert.equal(r1.status, 200);
  assert.equal(r2.status, 200);
  const strip = (t) => t.replace(/value="[^"]*"/g, '');
  assert.equal(strip(r1.text), strip(r2.text));
  assert.doesNotMatch(r1.text, /۰۹۱|091/, 'no masked number shown');
  const code = lastCode(u.id);
  assert.ok(code, 'an SMS with the code is queued');
  assert.equal(sql(`SELECT COUNT(*) FROM outbox WHERE user_id = ${u.id} AND template='reset_code' AND channel='email'`).trim(), '1');
  const ok = await c.post('/password/code', { national_id: u.nid, code: toPersian(code) });
  assert.equal(ok.status, 200);
  assert.match(ok.text, /name="grant"/);
  const grant = ok.text.match(/name="grant" value="([^"]+)"/)[1];
  const weak = await c.post('/password/new', { grant, password: 'short', repeat: 'short' });
  assert.ok(errorsOf(weak.text).length > 0);
  const done = await c.post('/password/new', { grant, password: 'reset long passphrase', repeat: 'reset long passphrase' });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/login?reset=1');
  assert.equal((await s.get('/account')).location, '/login', 'every session ended');
  assert.equal((await new Client().login(u.nid, 'reset long passphrase')).status, 303);
  // The grant and the code are single use.
  const again = await c.post('/password/new', { grant, password: 'yet another passphrase', repeat: 'yet another passphrase' }, { from: '/password/forgot' });
  assert.notEqual(again.status, 303);
  const reuse = await c.post('/password/code', { national_id: u.nid, code }, { from: '/password/forgot' });
  assert.doesNotMatch(reuse.text, /name="grant"/);
  assert.match(sql(`SELECT GROUP_CONCAT(action) FROM audit_log WHERE entity_id = ${u.id} AND entity_type='user'`), /reset\.request.*reset\.complete/);
  assert.equal(sql(`SELECT COUNT(*) FROM outbox WHERE user_id = ${u.id} AND template='password_reset'`).trim(), '2');
});

test('a reset code expires after 10 minutes and allows 5 tries', async () => {
  const u = makeUser();
  const c = new Client();
  c.now = nowS();
  await c.freshCsrf('/password/forgot');
  await c.post('/password/forgot', { national_id: u.nid });
  const code = lastCode(u.id);
  const wrong = code === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) {
    const r = await c.post('/password/code', { national_id: u.nid, code: wrong });
    assert.doesNotMatch(r.text, /name="grant"/);
  }
  const sixth = await c.post('/password/code', { national_id: u.nid, code });
  assert.doesNotMatch(sixth.text, /name="grant"/, 'the right code on the 6th try is refused');
  await c.post('/password/forgot', { national_id: u.nid });
  const fresh = lastCode(u.id);
  c.now += 11 * 60;
  const late = await c.post('/password/code', { national_id: u.nid, code: fresh });
  assert.doesNotMatch(late.text, /name="grant"/, 'expired');
});

function totpNow(secret, at) {
  const args = ['--totp', '-b', secret];
  if (at) args.push('--now', new Date(at * 1000).toISOString().replace('T', ' ').replace(/\..*/, ' UTC'));
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

test('staff pass TOTP (oathtool computes the code); a code is not accepted twice', async () => {
  const { reviewer } = demoAccounts();
  const c = new Client();
  const r = await c.login(reviewer.national_id, reviewer.password);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/totp');
  assert.equal((await c.get('/account')).location, '/totp', 'nothing before the second factor');
  await c.freshCsrf('/totp');
  const bad = await c.post('/totp', { code: '000000' === totpNow(reviewer.totp_secret) ? '111111' : '000000' });
  assert.equal(bad.status, 200);
  const code = totpNow(reviewer.totp_secret);
  const ok = await c.post('/totp', { code: toPersian(code) });
  assert.equal(ok.status, 303);
  assert.equal((await c.get('/account')).status, 200);
  const d = new Client();
  await d.login(reviewer.national_id, reviewer.password);
  await d.freshCsrf('/totp');
  const replay = await d.post('/totp', { code });
  assert.equal(replay.status, 200, 'the same code again is refused');
});

test('new staff enrol TOTP at first login, with a QR code', async () => {
  const u = makeUser({ role: 'hq' });
  const c = new Client();
  const r = await c.login(u.nid, u.password);
  assert.equal(r.location, '/totp/enroll');
  const page = await c.get('/totp/enroll');
  const secret = page.text.match(/<code>([A-Z2-7]+)<\/code>/)[1];
  assert.match(page.text, new RegExp(`<img class="totp-qr" src="/totp/qr.svg\\?k=${secret}"`));
  const qr = await c.get('/totp/qr.svg');
  assert.equal(qr.status, 200);
  assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
  assert.match(qr.text, /^<svg [^>]*><rect [^>]*\/><path fill="#000" d="M/);
  assert.equal((await new Client().get('/totp/qr.svg')).location, '/login', 'only for its owner');
  c.csrf = undefined;
  await c.freshCsrf('/totp/enroll');
  const secret2 = (await c.get('/totp/enroll')).text.match(/<code>([A-Z2-7]+)<\/code>/)[1];
  const ok = await c.post('/totp/enroll', { code: totpNow(secret2) });
  assert.equal(ok.status, 303, 'the key shown last is the one enrolled');
  assert.notEqual(secret, secret2);
  assert.equal(sql(`SELECT totp_enrolled_at IS NOT NULL FROM users WHERE id = ${u.id}`).trim(), '1');
  assert.equal((await c.get('/hq/staff')).status, 200);
});

test('geps audit verify passes on the log these tests wrote', () => {
  const r = geps(['audit', 'verify']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /intact/);
});
