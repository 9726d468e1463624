// The licensee's office data against the real stack: base data and staff edited
// while the file is editable, validated with Persian messages, registry data
// untouchable, the deadline enforced, other licensees kept out, every change
// audited, and the declaration's system criteria following the staff list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { http, sql } from './lib/stack.mjs';
import { nidFrom, dbSession } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
let serial = Number(String(Date.now()).slice(-6)) + 500000;

const session = dbSession;

function freshOffice() {
  const n = serial++;
  const nid = nidFrom(620000000 + n);
  sql(`INSERT INTO users (national_id, role, first_name, last_name, mobile, password_kind)
       VALUES ('${nid}', 'licensee', 'آزمون', 'دفتر', '0914${String(n).padStart(7, '0')}', 'none')`);
  const uid = Number(one(`SELECT id FROM users WHERE national_id = '${nid}'`));
  const code = `6${String(n).padStart(8, '0')}`;
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address, licensee_user_id)
       SELECT '${code}', kind, 'دفتر آزمون داده', 'D-${code}', province_id, region_id, city_id, 'نشانی نخست', ${uid}
       FROM offices ORDER BY id LIMIT 1`);
  return { uid, office: Number(one(`SELECT id FROM offices WHERE code = '${code}'`)), code, s: session(uid) };
}

const post = (s, p, fields, now) => http(p, { method: 'POST', redirect: 'manual',
  body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
  headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(now ? { 'x-geps-test-now': String(now) } : {}) } });
const get = (s, p) => http(p, { headers: { cookie: s.cookie } });

test('base data: saved with Persian digits, validated, registry data untouched, audited', async () => {
  const o = freshOffice();
  let r = await get(o.s, `/office-data/${o.office}`);
  assert.equal(r.status, 200);
  assert.match(text(r.text), /برای تغییر این موارد با منطقه خود تماس بگیرید/);
  r = await post(o.s, `/office-data/${o.office}`, { address: 'خیابان آزادی، پلاک ۱۲', postal_code: '۱۲۳۴۵۶۷۸۹۰',
    phone: '۰۲۱۸۸۷۷۶۶۵۵', opening_hours: 'شنبه تا چهارشنبه ۸ تا ۱۶', area: '۶۴', ramp: '1', toilet: '1',
    license_no: 'HACKED', province_id: '1', city_id: '1', code: 'X' });
  assert.equal(r.status, 303, text(r.text).slice(0, 300));
  assert.deepEqual(rows(`SELECT address, postal_code, phone, area_m2, license_no, code FROM offices WHERE id = ${o.office}`)[0],
    ['خیابان آزادی، پلاک 12', '1234567890', '02188776655', '64', `D-${o.code}`, o.code], 'digits are stored folded to ASCII');
  const acc = JSON.parse(one(`SELECT accessibility_json FROM offices WHERE id = ${o.office}`));
  assert.deepEqual(acc, { ramp: true, lift: false, toilet: true, priority_counter: false });
  assert.equal(one(`SELECT COUNT(*) FROM audit_log WHERE action = 'office.update' AND entity_id = ${o.office}`), '1');
  r = await post(o.s, `/office-data/${o.office}`, { address: '', postal_code: '123', phone: 'abc', area: '0' });
  assert.equal(r.status, 422);
  const t = text(r.text);
  for (const m of [/نشانی دفتر را وارد کنید/]) assert.match(t, m);
  r = await post(o.s, `/office-data/${o.office}`, { address: 'x', postal_code: '123', phone: '021', area: '12' });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /کد پستی باید ده رقم باشد/);
  assert.match(text(r.text), /شماره تلفن/);
  assert.equal(one(`SELECT postal_code FROM offices WHERE id = ${o.office}`), '1234567890', 'nothing written');
});

test('staff: add, edit, remove; duplicates and bad national IDs refused; the system criteria follow', async () => {
  const o = freshOffice();
  const a = nidFrom(630000000 + serial++);
  let r = await post(o.s, `/office-data/${o.office}/staff/add`, { national_id: a.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]),
    first_name: 'مریم', last_name: 'رضایی', job_title: 'کارشناس', insured: '1' });
  assert.equal(r.status, 303, text(r.text).slice(0, 300));
  const id = one(`SELECT id FROM office_staff WHERE office_id = ${o.office} AND national_id = '${a}'`);
  r = await post(o.s, `/office-data/${o.office}/staff/add`, { national_id: a, first_name: 'x', last_name: 'y' });
  assert.equal(r.status, 409);
  assert.match(text(r.text), /پیش‌تر در فهرست/);
  r = await post(o.s, `/office-data/${o.office}/staff/add`, { national_id: '1234567890', first_name: 'x', last_name: 'y' });
  assert.equal(r.status, 422);
  assert.match(r.text, /value="x"/, 'typed values stay');
  r = await post(o.s, `/office-data/${o.office}/staff/${id}`, { first_name: 'مریم', last_name: 'رضایی', job_title: 'مدیر دفتر', insured: '1', disabled: '1' });
  assert.equal(r.status, 303);
  assert.deepEqual(rows(`SELECT job_title, insured, disabled FROM office_staff WHERE id = ${id}`)[0], ['مدیر دفتر', '1', '1']);
  // The declaration's staff section counts the list as it is now.
  r = await get(o.s, `/decl/${o.office}/section/staff`);
  assert.match(text(r.text), /کارکنان دارای معلولیت ۱ نفر/);
  r = await post(o.s, `/office-data/${o.office}/staff/${id}/remove`, {});
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT active FROM office_staff WHERE id = ${id}`), '0');
  for (const act of ['office.staff_add', 'office.staff_update', 'office.staff_remove']) {
    assert.equal(one(`SELECT COUNT(*) FROM audit_log WHERE action = '${act}' AND entity_id = ${o.office}`), '1', act);
  }
});

test('another licensee gets 404, and after the deadline nothing changes', async () => {
  const a = freshOffice();
  const b = freshOffice();
  assert.equal((await get(b.s, `/office-data/${a.office}`)).status, 404);
  assert.equal((await post(b.s, `/office-data/${a.office}`, { address: 'x', area: '10' })).status, 404);
  assert.equal((await post(b.s, `/office-data/${a.office}/staff/add`, { national_id: nidFrom(640000000 + serial++), first_name: 'x', last_name: 'y' })).status, 404);
  const end = one(`SELECT decl_end_date FROM rounds WHERE state = 'open'`);
  const deadline = Math.floor(Date.parse(`${end}T23:59:59+03:30`) / 1000);
  const s = session(a.uid, deadline - 10);
  let r = await post(s, `/office-data/${a.office}`, { address: 'سر وقت', area: '30' }, deadline);
  assert.equal(r.status, 303);
  r = await post(s, `/office-data/${a.office}`, { address: 'دیر', area: '31' }, deadline + 1);
  assert.equal(r.status, 409);
  assert.match(text(r.text), /مهلت خوداظهاری به پایان رسیده است/);
  assert.equal(one(`SELECT address FROM offices WHERE id = ${a.office}`), 'سر وقت');
});
