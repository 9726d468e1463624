// Roles and objects: who may open which office, the account page and its sessions,
// and the HQ pages (staff list, staff creation, second-factor reset, audit log).
// Sessions are made directly in the database (token hash, CSRF secret, second factor
// passed), so these tests need no password hashing and no TOTP; the CSRF token is
// computed here exactly as the server does: hex HMAC-SHA256(csrf secret, "csrf").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { http, sql } from './lib/stack.mjs';

const COOKIE = '__Host-geps';

// One value (first column of the first row) or all rows as arrays of strings.
const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));

// A live session for user id, its second factor passed.  Returns what a browser
// would hold: the cookie, the CSRF token of its forms, and the session's id.
function login(userId) {
  const token = randomBytes(32).toString('base64url');
  const secret = randomBytes(32);
  const id = one(`INSERT INTO sessions (token_hash, user_id, csrf_secret, mfa_at, created_at,
      last_seen_at, expires_at, client_addr, user_agent)
    VALUES (UNHEX(SHA2('${token}', 256)), ${Number(userId)}, UNHEX('${secret.toString('hex')}'),
      UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 HOUR,
      '192.0.2.7', 'roles-test/${userId}');
    SELECT LAST_INSERT_ID();`);
  const csrf = createHmac('sha256', secret).update('csrf').digest('hex');
  return { cookie: `${COOKIE}=${token}`, csrf, id: Number(id), userId: Number(userId) };
}

function get(s, p) {
  return http(p, { headers: s ? { cookie: s.cookie } : {} });
}

function post(s, p, fields, { csrf = true } = {}) {
  const body = new URLSearchParams(csrf ? { csrf: s.csrf, ...fields } : fields);
  return http(p, {
    method: 'POST',
    body: body.toString(),
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

// A checksum-valid national ID that no account has.
function freshNationalId() {
  for (;;) {
    const d = Array.from(randomBytes(9), (b) => b % 10);
    const s = d.reduce((acc, v, i) => acc + v * (10 - i), 0) % 11;
    const check = s < 2 ? s : 11 - s;
    const nid = d.join('') + check;
    if (/^(\d)\1{9}$/.test(nid)) continue;
    if (one(`SELECT COUNT(*) FROM users WHERE national_id = '${nid}'`) === '0') return nid;
  }
}

const toPersian = (s) => s.replace(/[0-9]/g, (c) => '۰۱۲۳۴۵۶۷۸۹'[c]);

const hqId = one("SELECT id FROM users WHERE role = 'hq' ORDER BY id LIMIT 1");
const hqNid = one(`SELECT national_id FROM users WHERE id = ${hqId}`);
const reviewer1 = one("SELECT id FROM users WHERE role = 'reviewer' AND region_id = 1 ORDER BY id LIMIT 1");
const reviewer2 = one("SELECT id FROM users WHERE role = 'reviewer' AND region_id = 2 ORDER BY id LIMIT 1");
const officeOfRegion = (region) => rows(`SELECT o.id, o.code, o.licensee_user_id FROM offices o
  JOIN provinces p ON p.id = o.province_id WHERE p.region_id = ${region} ORDER BY o.id LIMIT 1`)[0];
const [office1, office1Code, licensee1] = officeOfRegion(1);
const [office2] = officeOfRegion(2);
const otherOffice = one(`SELECT id FROM offices WHERE licensee_user_id <> ${licensee1} ORDER BY id LIMIT 1`);

test('the demo data has what these tests need', () => {
  for (const v of [hqId, reviewer1, reviewer2, office1, office2, licensee1, otherOffice]) {
    assert.match(v, /^\d+$/);
  }
});

test('a reviewer of region 1 opens an office of region 1 but not one of region 2', async () => {
  const s = login(reviewer1);
  const mine = await get(s, `/office/${office1}`);
  assert.equal(mine.status, 200);
  assert.match(mine.text, new RegExp(toPersian(office1Code)));
  assert.match(mine.text, /دفتر پیشخوان خدمات دولت|دفتر ICT روستایی/);
  const theirs = await get(s, `/office/${office2}`);
  assert.equal(theirs.status, 404);
  assert.match(theirs.text, /صفحه پیدا نشد/);
});

test('an office out of reach looks exactly like one that does not exist', async () => {
  const s = login(reviewer1);
  const hidden = await get(s, `/office/${office2}`);
  const missing = await get(s, '/office/4000000000');
  assert.equal(missing.status, 404);
  assert.equal(hidden.text.replace(/value="[0-9a-f]{64}"/g, ''),
    missing.text.replace(/value="[0-9a-f]{64}"/g, ''));
  for (const bad of ['/office/abc', '/office/', '/office/1x', '/office/-1', '/office/0']) {
    assert.equal((await get(s, bad)).status, 404, bad);
  }
});

test('a licensee opens their own office and not another one', async () => {
  const s = login(licensee1);
  assert.equal((await get(s, `/office/${office1}`)).status, 200);
  assert.equal((await get(s, `/office/${otherOffice}`)).status, 404);
});

test('HQ opens any office', async () => {
  const s = login(hqId);
  for (const id of [office1, office2, otherOffice]) {
    assert.equal((await get(s, `/office/${id}`)).status, 200, `office ${id}`);
  }
});

test('without a session the office and account pages send to sign-in', async () => {
  for (const p of [`/office/${office1}`, '/account', '/hq/staff']) {
    const r = await http(p);
    assert.equal(r.status, 303, p);
    assert.equal(r.headers.get('location'), '/login');
  }
});

test('a licensee or reviewer on the HQ pages gets 403', async () => {
  const lic = login(licensee1);
  const rev = login(reviewer1);
  for (const p of ['/hq/staff', '/hq/staff/new', '/hq/audit']) {
    assert.equal((await get(lic, p)).status, 403, `licensee ${p}`);
    assert.equal((await get(rev, p)).status, 403, `reviewer ${p}`);
  }
  const r = await post(lic, '/hq/staff/totp-reset', { id: reviewer1 });
  assert.equal(r.status, 403);
});

test('the account page shows the user, masked, and their sessions', async () => {
  const s = login(licensee1);
  const other = login(licensee1);
  const nid = one(`SELECT national_id FROM users WHERE id = ${licensee1}`);
  const r = await get(s, '/account');
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`\\*{6}${toPersian(nid.slice(-4))}`));
  assert.doesNotMatch(r.text, new RegExp(nid));
  assert.doesNotMatch(r.text, new RegExp(toPersian(nid)));
  assert.match(r.text, /href="\/password\/change"/);
  assert.match(r.text, /تغییر رمز عبور/);
  assert.match(r.text, /نشست فعلی/);
  assert.match(r.text, /پایان این نشست/);
  assert.match(r.text, new RegExp(`name="id" value="${other.id}"`));
  assert.doesNotMatch(r.text, new RegExp(`name="id" value="${s.id}"`));
  // Jalali date and time in Persian digits.
  assert.match(r.text, /۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2} ساعت [۰-۹]{2}:[۰-۹]{2}/);
  assert.match(r.text, /roles-test/);
});

test('the account page shows its notices', async () => {
  const s = login(licensee1);
  assert.match((await get(s, '/account?changed=1')).text, /رمز عبور شما تغییر کرد\./);
  assert.match((await get(s, '/account?ended=1')).text, /نشست پایان یافت\./);
  assert.doesNotMatch((await get(s, '/account')).text, /نشست پایان یافت\./);
});

test('a POST without the CSRF token is refused with 403 and changes nothing', async () => {
  const s = login(licensee1);
  const other = login(licensee1);
  const r = await post(s, '/account/sessions/end', { id: other.id }, { csrf: false });
  assert.equal(r.status, 403);
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${other.id}`), '1');
  const wrong = await post(s, '/account/sessions/end', { id: other.id, csrf: 'a'.repeat(64) },
    { csrf: false });
  assert.equal(wrong.status, 403);
  const hq = login(hqId);
  const nid = freshNationalId();
  const c = await post(hq, '/hq/staff/new', { role: 'hq', national_id: nid, first_name: 'الف',
    last_name: 'ب', mobile: '09120000000' }, { csrf: false });
  assert.equal(c.status, 403);
  assert.equal(one(`SELECT COUNT(*) FROM users WHERE national_id = '${nid}'`), '0');
});

test("ending another user's session is 404 and leaves it alone", async () => {
  const s = login(licensee1);
  const victim = login(reviewer1);
  const r = await post(s, '/account/sessions/end', { id: victim.id });
  assert.equal(r.status, 404);
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${victim.id}`), '1');
  assert.equal((await get(victim, '/account')).status, 200);
});

test('ending one of my other sessions deletes it and is audited', async () => {
  const s = login(licensee1);
  const other = login(licensee1);
  const r = await post(s, '/account/sessions/end', { id: other.id });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/account?ended=1');
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${other.id}`), '0');
  const a = rows(`SELECT actor_user_id, entity_type, client_addr FROM audit_log
    WHERE action = 'session.revoke' AND entity_id = ${other.id}`);
  assert.equal(a.length, 1);
  assert.equal(a[0][0], String(licensee1));
  assert.equal(a[0][1], 'session');
  // The ended session no longer opens anything.
  assert.equal((await get(other, '/account')).status, 303);
  // And my own still works.
  assert.equal((await get(s, '/account')).status, 200);
});

test('ending the current session signs out', async () => {
  const s = login(licensee1);
  const r = await post(s, '/account/sessions/end', { id: s.id });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/login');
  assert.match(r.headers.get('set-cookie') || '', /__Host-geps=;.*Max-Age=0/);
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${s.id}`), '0');
});

test('the staff list shows reviewers and HQ with a reset form each', async () => {
  const s = login(hqId);
  const r = await get(s, '/hq/staff');
  assert.equal(r.status, 200);
  assert.match(r.text, /<caption>/);
  assert.match(r.text, /کارشناس منطقه/);
  assert.match(r.text, /ستاد/);
  assert.match(r.text, /بازنشانی عامل دوم/);
  assert.match(r.text, new RegExp(`name="id" value="${reviewer1}"`));
  assert.match(r.text, new RegExp(toPersian(hqNid)));
  // Licensees are not staff.
  assert.doesNotMatch(r.text, new RegExp(`name="id" value="${licensee1}"`));
  assert.match(r.text, /name="csrf" value="[0-9a-f]{64}"/);
});

test('the new staff form has the role radios, the 9 regions and the CSRF field', async () => {
  const s = login(hqId);
  const r = await get(s, '/hq/staff/new');
  assert.equal(r.status, 200);
  assert.match(r.text, /<fieldset[^>]*>\s*<legend>نقش<\/legend>/);
  assert.match(r.text, /type="radio" value="reviewer"/);
  assert.match(r.text, /type="radio" value="hq"/);
  assert.equal((r.text.match(/<option value="[1-9]"/g) || []).length, 9);
  assert.match(r.text, new RegExp(`name="csrf" value="${s.csrf}"`));
});

test('HQ creates a reviewer: initial secret, outbox message, audit row', async () => {
  const s = login(hqId);
  const nid = freshNationalId();
  const r = await post(s, '/hq/staff/new', {
    role: 'reviewer', national_id: toPersian(nid), first_name: 'كاظم', last_name: 'آزمون',
    mobile: '۰۹۱۲ ۳۴۵ ۶۷۸۹', email: 'new.reviewer@example.org', region: '3',
  });
  assert.equal(r.status, 303, r.text.slice(0, 2000));
  assert.equal(r.headers.get('location'), '/hq/staff?created=1');
  const [id, role, region, kind, hashed, initial, first, mobile] = rows(`SELECT id, role, region_id,
    password_kind, password_hash LIKE '$scrypt$%', password_hash = initial_secret_hash,
    first_name, mobile FROM users WHERE national_id = '${nid}'`)[0];
  assert.equal(role, 'reviewer');
  assert.equal(region, '3');
  assert.equal(kind, 'initial');
  assert.equal(hashed, '1');
  assert.equal(initial, '1');
  assert.equal(first, 'کاظم', 'Arabic kaf folded');
  assert.equal(mobile, '09123456789');
  const sms = rows(`SELECT channel, template, body FROM outbox WHERE user_id = ${id} ORDER BY id`);
  assert.deepEqual(sms.map((m) => m[0]), ['sms', 'email']);
  assert.equal(one(`SELECT recipient FROM outbox WHERE user_id = ${id} AND channel = 'sms'`),
    '09123456789');
  assert.equal(sms[0][1], 'initial_secret');
  assert.match(sms[0][2], /رمز یک‌بار مصرف: [A-Z2-9]{12}/);
  const audit = rows(`SELECT actor_user_id, entity_type, new_json FROM audit_log
    WHERE action = 'user.create' AND entity_id = ${id}`);
  assert.equal(audit.length, 1);
  assert.equal(audit[0][0], String(hqId));
  assert.equal(audit[0][1], 'user');
  const secret = sms[0][2].match(/[A-Z2-9]{12}/)[0];
  assert.ok(!audit[0][2].includes(secret), 'no secret in the audit row');
  assert.ok(!audit[0][2].includes('scrypt'), 'no hash in the audit row');
  assert.equal(JSON.parse(audit[0][2]).role, 'reviewer');
  const list = await get(s, '/hq/staff?created=1');
  assert.match(list.text, /حساب تازه ساخته شد/);
  assert.match(list.text, /آزمون/);
});

test('HQ creates an HQ account without region or email', async () => {
  const s = login(hqId);
  const nid = freshNationalId();
  const r = await post(s, '/hq/staff/new', {
    role: 'hq', national_id: nid, first_name: 'مدیر', last_name: 'دوم', mobile: '09351112233',
    email: '', region: '',
  });
  assert.equal(r.status, 303);
  const [role, region, email] = rows(`SELECT role, COALESCE(region_id, 'NULL'), COALESCE(email, 'NULL')
    FROM users WHERE national_id = '${nid}'`)[0];
  assert.deepEqual([role, region, email], ['hq', 'NULL', 'NULL']);
  assert.equal(one(`SELECT COUNT(*) FROM outbox o JOIN users u ON u.id = o.user_id
    WHERE u.national_id = '${nid}'`), '1');
});

test('invalid staff forms answer 422 with Persian messages next to the fields, writing nothing', async () => {
  const s = login(hqId);
  const before = one('SELECT COUNT(*) FROM users');
  const auditBefore = one('SELECT COUNT(*) FROM audit_log');
  const cases = [
    [{ role: 'reviewer', national_id: '1234567890', first_name: 'الف', last_name: 'ب',
      mobile: '09120000000', region: '1' }, 'national_id', /کد ملی/],
    [{ role: 'reviewer', national_id: freshNationalId(), first_name: 'الف', last_name: 'ب',
      mobile: '0912', region: '1' }, 'mobile', /۰۹/],
    [{ role: 'reviewer', national_id: freshNationalId(), first_name: 'الف', last_name: 'ب',
      mobile: '09120000000', region: '' }, 'region', /منطقه کارشناس را انتخاب کنید/],
    [{ role: 'hq', national_id: freshNationalId(), first_name: 'الف', last_name: 'ب',
      mobile: '09120000000', region: '2' }, 'region', /منطقه را خالی بگذارید/],
    [{ role: 'admin', national_id: freshNationalId(), first_name: 'الف', last_name: 'ب',
      mobile: '09120000000' }, 'role-reviewer', /نقش کاربر را انتخاب کنید/],
    [{ role: 'hq', national_id: freshNationalId(), first_name: '', last_name: 'ب',
      mobile: '09120000000' }, 'first_name', /نام را وارد کنید/],
    [{ role: 'hq', national_id: freshNationalId(), first_name: 'الف', last_name: 'ب',
      mobile: '09120000000', email: 'not an email' }, 'email', /پست الکترونیکی معتبر نیست/],
    [{ role: 'hq', national_id: hqNid, first_name: 'الف', last_name: 'ب',
      mobile: '09120000000' }, 'national_id', /از پیش وجود دارد/],
  ];
  for (const [fields, fieldId, message] of cases) {
    const r = await post(s, '/hq/staff/new', fields);
    assert.equal(r.status, 422, JSON.stringify(fields));
    assert.match(r.text, /class="error-summary"/);
    assert.match(r.text, new RegExp(`<a href="#${fieldId}">`), fieldId);
    assert.match(r.text, message, fieldId);
    assert.match(r.text, /class="field-error"/);
    if (fieldId !== 'role-reviewer') assert.match(r.text, /aria-invalid="true"/);
  }
  // What was typed comes back (escaped), never lost.
  const r = await post(s, '/hq/staff/new', { role: 'hq', national_id: 'x', first_name: '<b>علی</b>',
    last_name: 'ب', mobile: '09120000000' });
  assert.equal(r.status, 422);
  assert.match(r.text, /value="&lt;b&gt;علی&lt;\/b&gt;"/);
  assert.match(r.text, /value="hq" checked/);
  assert.equal(one('SELECT COUNT(*) FROM users'), before);
  assert.equal(one('SELECT COUNT(*) FROM audit_log'), auditBefore);
});

test('HQ resets a reviewer\'s second factor: TOTP columns cleared, sessions ended, audited', async () => {
  const hq = login(hqId);
  sql(`UPDATE users SET totp_secret = UNHEX(SHA2('k', 256)), totp_enrolled_at = UTC_TIMESTAMP(6),
    totp_last_step = 12345 WHERE id = ${reviewer2}`);
  const victim = login(reviewer2);
  const r = await post(hq, '/hq/staff/totp-reset', { id: reviewer2 });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/hq/staff?reset=1');
  assert.deepEqual(rows(`SELECT totp_secret IS NULL, totp_enrolled_at IS NULL, totp_last_step IS NULL
    FROM users WHERE id = ${reviewer2}`)[0], ['1', '1', '1']);
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE user_id = ${reviewer2}`), '0');
  assert.equal((await get(victim, '/account')).status, 303);
  const a = rows(`SELECT actor_user_id, entity_type, old_json, new_json FROM audit_log
    WHERE action = 'totp.reset' AND entity_id = ${reviewer2} ORDER BY id DESC LIMIT 1`)[0];
  assert.equal(a[0], String(hqId));
  assert.equal(a[1], 'user');
  assert.equal(JSON.parse(a[2]).totp_enrolled, true);
  assert.equal(JSON.parse(a[3]).totp_enrolled, false);
  assert.ok(JSON.parse(a[3]).sessions_ended >= 1);
  assert.doesNotMatch(a[2] + a[3], /secret/i);
  assert.match((await get(hq, '/hq/staff?reset=1')).text, /عامل دوم کاربر بازنشانی شد/);
});

test('the second-factor reset refuses a licensee id with 404', async () => {
  const hq = login(hqId);
  const lic = login(licensee1);
  const r = await post(hq, '/hq/staff/totp-reset', { id: licensee1 });
  assert.equal(r.status, 404);
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${lic.id}`), '1');
  assert.equal((await post(hq, '/hq/staff/totp-reset', { id: '999999999' })).status, 404);
});

test('the audit log lists rows newest first and filters by action', async () => {
  const s = login(hqId);
  const all = await get(s, '/hq/audit');
  assert.equal(all.status, 200);
  assert.match(all.text, /<caption>/);
  assert.match(all.text, /<th scope="col">/);
  assert.match(all.text, /user\.create/);
  assert.match(all.text, /<pre class="json" dir="ltr">\{&quot;/);
  assert.match(all.text, /۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2} ساعت/);
  const ids = [...all.text.matchAll(/<th scope="row">([۰-۹]+)<\/th>/g)]
    .map((m) => Number(m[1].replace(/[۰-۹]/g, (c) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(c))));
  assert.ok(ids.length > 0);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  const f = await get(s, '/hq/audit?action=session.revoke');
  assert.equal(f.status, 200);
  assert.match(f.text, /session\.revoke/);
  assert.doesNotMatch(f.text, /<code dir="ltr">user\.create<\/code>/);
  const none = await get(s, '/hq/audit?action=no.such.action');
  assert.equal(none.status, 200);
  assert.match(none.text, /رویدادی با این مشخصات پیدا نشد/);
});

test('the audit log filters by actor national ID and Jalali dates', async () => {
  const s = login(hqId);
  const byHq = await get(s, `/hq/audit?actor=${encodeURIComponent(toPersian(hqNid))}`);
  assert.equal(byHq.status, 200);
  assert.match(byHq.text, /user\.create/);
  const hqName = one(`SELECT CONCAT(first_name, ' ', last_name) FROM users WHERE id = ${hqId}`);
  const actors = [...byHq.text.matchAll(/<\/span><\/td>\s*<td>([^<]*)<\/td>/g)].map((m) => m[1]);
  const expected = Math.min(50, Number(one(`SELECT COUNT(*) FROM audit_log WHERE actor_user_id = ${hqId}`)));
  assert.equal(actors.length, expected);
  assert.ok(actors.every((a) => a === hqName), 'only rows by that actor');
  // Today in Tehran, as the page header shows it.
  const today = (await get(s, '/hq/audit')).text.match(/امروز <span class="date">([^<]+)<\/span>/)[1];
  const q = encodeURIComponent(today);
  const t = await get(s, `/hq/audit?from=${q}&to=${q}&action=user.create`);
  assert.equal(t.status, 200);
  assert.match(t.text, /user\.create/);
  const past = await get(s, '/hq/audit?from=1390/01/01&to=1390/12/29');
  assert.equal(past.status, 200);
  assert.match(past.text, /رویدادی با این مشخصات پیدا نشد/);
});

test('invalid audit filters give field messages with 422, not a 400', async () => {
  const s = login(hqId);
  const r = await get(s, '/hq/audit?from=1405/13/40&actor=123&action=' + encodeURIComponent('DROP TABLE'));
  assert.equal(r.status, 422);
  assert.match(r.text, /<a href="#from">/);
  assert.match(r.text, /<a href="#actor">/);
  assert.match(r.text, /<a href="#action">/);
  assert.match(r.text, /value="1405\/13\/40"/);
  const order = await get(s, '/hq/audit?from=1405/02/10&to=1405/02/01');
  assert.equal(order.status, 422);
  assert.match(order.text, /تاریخ پایان نباید پیش از تاریخ آغاز باشد/);
});

test('the audit log pages with ?before= (keyset)', async () => {
  const s = login(hqId);
  // Enough rows for two pages: each ended session writes one.
  const me = login(hqId);
  for (let i = 0; i < 52; i++) {
    const o = login(hqId);
    const r = await post(me, '/account/sessions/end', { id: o.id });
    assert.equal(r.status, 303);
  }
  const first = await get(s, '/hq/audit?action=session.revoke');
  const next = first.text.match(/href="(\/hq\/audit\?before=(\d+)[^"]*)"/);
  assert.ok(next, 'a link to older rows');
  assert.match(next[1], /action=session\.revoke/);
  const page2 = await get(s, next[1].replace(/&amp;/g, '&'));
  assert.equal(page2.status, 200);
  assert.match(page2.text, /بازگشت به تازه‌ترین رویدادها/);
  const maxOnPage2 = Math.max(...[...page2.text.matchAll(/<th scope="row">([۰-۹]+)<\/th>/g)]
    .map((m) => Number(m[1].replace(/[۰-۹]/g, (c) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(c)))));
  assert.ok(maxOnPage2 < Number(next[2]));
  assert.equal((first.text.match(/<th scope="row">/g) || []).length, 50);
});
