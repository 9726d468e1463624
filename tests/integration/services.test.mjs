// Services by rank against the real stack: the CSV import from the command line
// and HQ's upload form (twice changes nothing; a bad file is refused whole with line
// numbers), each office's quota from its current
// rank (compared with SQL counts, for ranks 1, 2, 3 and none, and the edges 0, 1 at
// 30 %, 3 at 70 %), grants within the quota, refusals beyond it or outside the
// office's area (nothing written), two grants at quota - 1 at once (one wins),
// withdrawals (reason required, audited with old and new), the over-quota list after
// a rank drops, the agency view, the catalogue and area editing, and access.
//
// Fixtures of its own: places IR-23-901..904, agencies zz-test*, services zz.*,
// offices ZT398*, rounds 1371-1 (closed), 1371-2 (final) and 1372-1 (scoring, so
// not yet a rank that counts); all removed at the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { http, sql, geps, SRCDIR } from './lib/stack.mjs';
import { dbSession, makeUser } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const fromFa = (s) => Number(s.replace(/[۰-۹]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
const post = (s, p, fields) => {
  const body = new URLSearchParams({ csrf: s.csrf });
  for (const [k, v] of Object.entries(fields)) {
    for (const x of [v].flat()) body.append(k, String(x));
  }
  return http(p, { method: 'POST', redirect: 'manual', body: body.toString(),
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
};
const get = (s, p) => http(p, { headers: { cookie: s.cookie } });
const audits = (action, id) => Number(one(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}'${id ? ` AND entity_id = ${id}` : ''}`));
const fixture = (f) => path.join(SRCDIR, 'tests/fixtures', f);

const OFFICES = "SELECT id FROM offices WHERE code LIKE 'ZT398%'";
function cleanup() {
  sql(`DELETE FROM office_services WHERE office_id IN (${OFFICES}) OR service_id IN (SELECT id FROM services WHERE code LIKE 'zz.%');
       DELETE FROM declarations WHERE office_id IN (${OFFICES}) OR round_id IN (SELECT id FROM rounds WHERE code IN ('1371-1', '1371-2', '1372-1'));
       DELETE FROM offices WHERE code LIKE 'ZT398%';
       DELETE FROM rounds WHERE code IN ('1371-1', '1371-2', '1372-1');
       DELETE FROM city_services WHERE service_id IN (SELECT id FROM services WHERE code LIKE 'zz.%')
         OR city_id IN (SELECT id FROM cities WHERE code LIKE 'IR-23-9%');
       DELETE FROM services WHERE code LIKE 'zz.%';
       DELETE FROM agencies WHERE code LIKE 'zz-%';
       DELETE FROM cities WHERE code LIKE 'IR-23-9%'`);
}

let hq, lic, city, office, svc, licensee;
const placeSql = (code) => `SELECT id FROM cities WHERE code = '${code}'`;

before(() => {
  cleanup();
  const prov = one(`SELECT id FROM provinces WHERE code = 'IR-23'`);
  const region = one(`SELECT region_id FROM provinces WHERE code = 'IR-23'`);
  sql(`INSERT INTO cities (code, province_id, kind, name, county) VALUES
       ('IR-23-901', ${prov}, 'city', 'آزمون‌شهر یک', 'آزمون'),
       ('IR-23-902', ${prov}, 'city', 'آزمون‌شهر دو', 'آزمون'),
       ('IR-23-903', ${prov}, 'village', 'آزمون‌ده سه', 'آزمون'),
       ('IR-23-904', ${prov}, 'city', 'آزمون‌شهر چهار', 'آزمون')`);
  city = Object.fromEntries(['901', '902', '903', '904'].map((c) => [c, Number(one(placeSql(`IR-23-${c}`)))]));
  licensee = makeUser();
  hq = dbSession(Number(one(`SELECT id FROM users WHERE role = 'hq' ORDER BY id LIMIT 1`)));
  lic = dbSession(licensee.id);
  // Offices: ZT398001..005 in 901 (10 services), 006 in 902 (none), 007 in the
  // village 903 (1 service), 008 in 904 (3 services).
  const places = { 1: '901', 2: '901', 3: '901', 4: '901', 5: '901', 6: '902', 7: '903', 8: '904' };
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address, licensee_user_id) VALUES ` +
    Object.entries(places).map(([n, c]) => `('ZT39800${n}', '${c === '903' ? 'rural_ict' : 'urban'}', 'دفتر آزمون خدمات ${n}',
      'ZT-L-39800${n}', ${prov}, ${region}, ${city[c]}, 'نشانی آزمون', ${licensee.id})`).join(', '));
  office = Object.fromEntries(rows(`SELECT code, id FROM offices WHERE code LIKE 'ZT398%'`).map(([c, id]) => [Number(c.slice(-1)), Number(id)]));
  sql(`INSERT INTO rounds (code, title, state, decl_start_date, decl_end_date, review_end_date, published_at, final_published_at) VALUES
       ('1371-1', 'آزمون خدمات ۱۳۷۱-۱', 'closed', '1992-04-05', '1992-04-24', '1992-05-04', '1992-05-20 06:00:00', '1992-06-10 06:00:00'),
       ('1371-2', 'آزمون خدمات ۱۳۷۱-۲', 'final', '1992-10-01', '1992-10-20', '1992-10-30', '1992-11-15 06:00:00', '1992-12-05 06:00:00'),
       ('1372-1', 'آزمون خدمات ۱۳۷۲-۱', 'scoring', '1993-04-05', '1993-04-24', '1993-05-04', NULL, NULL)`);
  const decl = (round, n, rank) => `((SELECT id FROM rounds WHERE code = '${round}'), ${office[n]}, ${prov}, ${region},
    ${rank ? `'reviewed', '1992-04-20 08:00:00', 6000, ${rank}, 'declared'` : `'not_submitted', NULL, NULL, NULL, 'not_evaluated'`})`;
  sql(`INSERT INTO declarations (round_id, office_id, province_id, region_id, state, submitted_at, score_x100, \`rank\`, rank_basis) VALUES
       ${decl('1371-2', 1, 1)}, ${decl('1371-2', 2, 2)}, ${decl('1371-2', 3, 3)}, ${decl('1371-2', 4, null)},
       ${decl('1371-1', 5, 1)}, ${decl('1371-2', 5, null)}, ${decl('1371-2', 6, 1)}, ${decl('1371-2', 7, 3)},
       ${decl('1371-2', 8, 2)}, ${decl('1372-1', 3, 1)}`);
});

after(cleanup);

test('geps services import: the catalogue and the areas; a second run changes nothing', () => {
  const before = audits('services.import');
  let r = geps(['services', 'import', fixture('services.csv')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /agencies: created 2, updated 0, unchanged 0; services: created 13, updated 0, unchanged 0; areas: added 14, unchanged 0/);
  assert.equal(audits('services.import'), before + 1);
  svc = Object.fromEntries(rows(`SELECT code, id FROM services WHERE code LIKE 'zz.%'`));
  // Persian digits folded, a quoted comma kept, the lower-case city code matched.
  assert.equal(one(`SELECT title FROM services WHERE code = 'zz.s07'`), 'خدمت آزمون 7');
  assert.equal(one(`SELECT title FROM services WHERE code = 'zz.s12'`), 'خدمت آزمون، با "ویرگول"');
  assert.equal(one(`SELECT COUNT(*) FROM city_services WHERE city_id = ${city['903']}`), '1');
  const counts = () => one(`SELECT CONCAT((SELECT COUNT(*) FROM agencies), '/', (SELECT COUNT(*) FROM services), '/',
      (SELECT COUNT(*) FROM city_services), '/', (SELECT MAX(updated_at) FROM services))`);
  const was = counts();
  r = geps(['services', 'import', fixture('services.csv')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /created 0, updated 0, unchanged 2; services: created 0, updated 0, unchanged 13; areas: added 0, unchanged 14/);
  assert.equal(counts(), was);
  assert.equal(audits('services.import'), before + 1, 'nothing changed, nothing to audit');
  assert.equal(geps(['services', 'import']).status, 2);
});

test('a CSV with bad rows is refused whole, with line numbers', () => {
  const was = one(`SELECT CONCAT((SELECT COUNT(*) FROM agencies), '/', (SELECT COUNT(*) FROM services), '/', (SELECT COUNT(*) FROM city_services))`);
  const r = geps(['services', 'import', fixture('services_bad.csv')]);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /line 3: city_code: no such city or village code/);
  assert.match(r.stderr, /line 4: service_title: empty/);
  assert.match(r.stderr, /line 5: service_code: 1 to 32 letters/);
  assert.match(r.stderr, /line 6: agency_name: agency zz-bad is named "دستگاه نادرست" on line 2/);
  assert.match(r.stderr, /line 7: city_code: service zz.bad1 in IR-23-901 already appears on line 2/);
  assert.match(r.stderr, /\(شهر یا روستایی با این کد نیست/, 'Persian beside English');
  assert.match(r.stderr, /nothing was written/);
  assert.equal(one(`SELECT COUNT(*) FROM agencies WHERE code = 'zz-bad'`), '0');
  assert.equal(one(`SELECT CONCAT((SELECT COUNT(*) FROM agencies), '/', (SELECT COUNT(*) FROM services), '/', (SELECT COUNT(*) FROM city_services))`), was);
  const missing = geps(['services', 'import', '/nonexistent/file.csv']);
  assert.equal(missing.status, 1);
});

// A multipart upload of the CSV as the page's form sends it (the CSRF field first).
function upload(s, name, { csrf = s.csrf, fileFirst = false } = {}) {
  const form = new FormData();
  const file = new Blob([readFileSync(fixture(name))], { type: 'text/csv' });
  if (fileFirst) form.append('file', file, name);
  if (csrf) form.append('csrf', csrf);
  if (!fileFirst) form.append('file', file, name);
  return http('/hq/services/import', { method: 'POST', redirect: 'manual', body: form, headers: { cookie: s.cookie } });
}

test('the HQ upload form imports the same CSV: all or nothing, errors by line in Persian', async () => {
  const counts = () => one(`SELECT CONCAT((SELECT COUNT(*) FROM agencies), '/', (SELECT COUNT(*) FROM services), '/', (SELECT COUNT(*) FROM city_services))`);
  const was = counts();
  const page = await get(hq, '/hq/services');
  assert.match(page.text, /action="\/hq\/services\/import" enctype="multipart\/form-data"/);
  let r = await upload(hq, 'services.csv');
  assert.equal(r.status, 200, text(r.text).slice(0, 400));
  assert.match(text(r.text), /پرونده وارد شد\. دستگاه‌ها: ۰ تازه، ۰ به‌روز شده؛ خدمت‌ها: ۰ تازه، ۰ به‌روز شده، ۱۳ بی‌تغییر؛ خدمت شهرها و روستاها: ۰ تازه، ۱۴ از پیش ثبت‌شده/);
  r = await upload(hq, 'services_bad.csv');
  assert.equal(r.status, 422);
  assert.match(text(r.text), /پرونده پذیرفته نشد و هیچ تغییری ثبت نشد/);
  assert.match(text(r.text), /سطر ۳، ستون city_code ?: شهر یا روستایی با این کد نیست/);
  assert.match(text(r.text), /سطر ۴، ستون service_title ?: خالی است/);
  assert.match(text(r.text), /سطر ۶، ستون agency_name ?: دستگاه zz-bad در سطر ۲ نام دیگری دارد/);
  assert.equal(counts(), was);
  // The CSRF field must come, and be right, before any byte of the file is kept.
  assert.equal((await upload(hq, 'services_bad.csv', { csrf: 'f'.repeat(64) })).status, 403);
  assert.equal((await upload(hq, 'services_bad.csv', { fileFirst: true })).status, 403);
  assert.equal((await upload(hq, 'services_bad.csv', { csrf: null })).status, 403);
  assert.equal((await upload(lic, 'services_bad.csv')).status, 403);
  r = await http('/hq/services/import', { method: 'POST', redirect: 'manual', body: 'csrf=x',
    headers: { cookie: hq.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 400);
  assert.equal(counts(), was);
  assert.equal(one(`SELECT COUNT(*) FROM agencies WHERE code = 'zz-bad'`), '0');
});

// The quota shown on an office's page and the one computed here from SQL counts.
async function quotaOf(n) {
  const r = await get(hq, `/hq/services/office/${office[n]}`);
  assert.equal(r.status, 200);
  const m = r.text.match(/<dt>سهمیه<\/dt><dd>([۰-۹]+) خدمت<\/dd>/);
  assert.ok(m, 'the page shows the quota');
  return fromFa(m[1]);
}
function expectedQuota(n) {
  const avail = Number(one(`SELECT COUNT(*) FROM city_services cs JOIN services s ON s.id = cs.service_id
      JOIN offices o ON o.city_id = cs.city_id WHERE o.id = ${office[n]} AND s.active = 1`));
  const [pct] = rows(`SELECT CASE d.public_rank WHEN 1 THEN r.quota_rank1_pct WHEN 2 THEN r.quota_rank2_pct ELSE r.quota_rank3_pct END
      FROM declarations d JOIN rounds r ON r.id = d.round_id WHERE d.office_id = ${office[n]} AND d.public_rank IS NOT NULL
      AND r.state IN ('published', 'objection', 'final', 'closed') ORDER BY r.decl_start_date DESC LIMIT 1`)[0] ?? ['0'];
  return Math.floor((Number(pct) * avail) / 100);
}

test('quota = floor(share x active services of the area) by the current rank', async () => {
  const want = { 1: 10, 2: 7, 3: 3, 4: 0, 5: 10, 6: 0, 7: 0, 8: 2 };
  for (const [n, q] of Object.entries(want)) {
    assert.equal(expectedQuota(n), q, `SQL for office ${n}`);
    assert.equal(await quotaOf(n), q, `page for office ${n}`);
  }
  // Rank 3 in 1371-2; its rank 1 in 1372-1 (still scoring) does not count yet.
  let r = text((await get(hq, `/hq/services/office/${office[3]}`)).text);
  assert.match(r, /رتبه ۳ در آزمون خدمات ۱۳۷۱-۲/);
  // No rank in 1371-2: the rank of the newest round that ranked it (1371-1).
  r = text((await get(hq, `/hq/services/office/${office[5]}`)).text);
  assert.match(r, /رتبه ۱ در آزمون خدمات ۱۳۷۱-۱/);
  assert.match(text((await get(hq, `/hq/services/office/${office[4]}`)).text), /بدون رتبه/);
  // The shares are data of the round.
  sql(`UPDATE rounds SET quota_rank2_pct = 50 WHERE code = '1371-2'`);
  try {
    assert.equal(await quotaOf(2), 5);
    assert.equal(expectedQuota(2), 5);
  } finally {
    sql(`UPDATE rounds SET quota_rank2_pct = 70 WHERE code = '1371-2'`);
  }
});

const granted = (n) => Number(one(`SELECT COUNT(*) FROM office_services WHERE office_id = ${office[n]}`));
const grant = (n, code, s = hq) => post(s, `/hq/services/office/${office[n]}/grant`, { service: svc[code] });

test('grants within the quota; beyond it refused and nothing written', async () => {
  const before = audits('service.grant', office[3]);
  const sms = () => Number(one(`SELECT COUNT(*) FROM outbox WHERE user_id = ${licensee.id} AND template = 'service_grant'`));
  const sms0 = sms();
  for (const code of ['zz.s01', 'zz.s02', 'zz.s03']) {
    const r = await grant(3, code);
    assert.equal(r.status, 303, text(r.text).slice(0, 300));
    assert.equal(r.headers.get('location'), `/hq/services/office/${office[3]}?granted=1`);
  }
  assert.equal(granted(3), 3);
  assert.equal(audits('service.grant', office[3]), before + 3);
  assert.equal(sms(), sms0 + 3, 'the licensee is told by SMS');
  const [oldj, newj] = rows(`SELECT old_json, new_json FROM audit_log WHERE action = 'service.grant' AND entity_id = ${office[3]} ORDER BY id DESC LIMIT 1`)[0];
  assert.deepEqual(JSON.parse(oldj), { granted: 2 });
  assert.deepEqual(JSON.parse(newj), { service: 'zz.s03', title: 'خدمت آزمون 3', round: '1371-2', rank: 3, pct: 30, available: 10, quota: 3, granted: 3 });

  const r = await grant(3, 'zz.s04');
  assert.equal(r.status, 409);
  assert.match(text(r.text), /سهمیه این دفتر پر است: رتبه ۳ در دوره ۱۳۷۱-۲، ۳۰ درصد از ۱۰ خدمت محل دفتر، یعنی ۳ خدمت/);
  assert.equal(granted(3), 3);
  assert.equal(audits('service.grant', office[3]), before + 3);
  assert.equal(sms(), sms0 + 3);
  // The full office offers no grant buttons.
  assert.doesNotMatch((await get(hq, `/hq/services/office/${office[3]}`)).text, /\/grant"/);
});

test('refusals: not in the area, no rank, quota 0, already granted, unknown ids', async () => {
  let r = await grant(1, 'zz.s11');
  assert.equal(r.status, 409);
  assert.match(text(r.text), /در شهر یا روستای این دفتر ارائه نمی‌شود/);
  r = await grant(4, 'zz.s01');
  assert.equal(r.status, 409);
  assert.match(text(r.text), /هنوز رتبه‌ای ندارد/);
  r = await grant(7, 'zz.s11');
  assert.equal(r.status, 409, 'one service at 30 %: quota 0');
  assert.match(text(r.text), /یعنی ۰ خدمت/);
  r = await grant(3, 'zz.s01');
  assert.equal(r.status, 409);
  assert.match(text(r.text), /پیش‌تر به این دفتر واگذار شده است/);
  assert.deepEqual([granted(1), granted(4), granted(7), granted(3)], [0, 0, 0, 3]);
  r = await post(hq, `/hq/services/office/${office[1]}/grant`, { service: 'abc' });
  assert.equal(r.status, 422);
  r = await post(hq, `/hq/services/office/${office[1]}/grant`, { service: '4000000000' });
  assert.equal(r.status, 404);
  r = await post(hq, `/hq/services/office/4000000000/grant`, { service: svc['zz.s01'] });
  assert.equal(r.status, 404);
  assert.equal((await get(hq, '/hq/services/office/4000000000')).status, 404);
  assert.equal(granted(1), 0);
});

test('two grants at quota - 1 at once: exactly one succeeds', async () => {
  for (const code of ['zz.s01', 'zz.s02', 'zz.s03', 'zz.s04', 'zz.s05', 'zz.s06']) {
    assert.equal((await grant(2, code)).status, 303);
  }
  assert.equal(granted(2), 6);
  // As many at once as the stack has workers: without the office's row lock
  // several would read 6 granted and pass.
  const rs = await Promise.all(['zz.s07', 'zz.s08', 'zz.s09', 'zz.s10'].map((c) => grant(2, c)));
  assert.deepEqual(rs.map((r) => r.status).sort(), [303, 409, 409, 409]);
  assert.equal(granted(2), 7);
});

test('withdraw: reason required, audited with the grant as it was', async () => {
  const code = one(`SELECT s.code FROM office_services os JOIN services s ON s.id = os.service_id
      WHERE os.office_id = ${office[2]} AND s.code IN ('zz.s07', 'zz.s08', 'zz.s09', 'zz.s10')`);
  const before = audits('service.withdraw', office[2]);
  let r = await post(hq, `/hq/services/office/${office[2]}/withdraw`, { service: svc[code] });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /دلیل پس گرفتن خدمت را بنویسید/);
  assert.equal(granted(2), 7);
  r = await post(hq, `/hq/services/office/${office[2]}/withdraw`, { service: svc[code], reason: 'درخواست دستگاه <b>خدمت‌دهنده</b>' });
  assert.equal(r.status, 303);
  assert.equal(granted(2), 6);
  assert.equal(audits('service.withdraw', office[2]), before + 1);
  const [oldj, newj] = rows(`SELECT old_json, new_json FROM audit_log WHERE action = 'service.withdraw' AND entity_id = ${office[2]} ORDER BY id DESC LIMIT 1`)[0];
  const o = JSON.parse(oldj);
  assert.equal(o.service, code);
  assert.equal(o.round_id, Number(one(`SELECT id FROM rounds WHERE code = '1371-2'`)));
  assert.ok(o.granted_at && o.granted_by);
  assert.deepEqual(JSON.parse(newj), { service: null, reason: 'درخواست دستگاه <b>خدمت‌دهنده</b>' });
  r = await post(hq, `/hq/services/office/${office[2]}/withdraw`, { service: svc[code], reason: 'دوباره' });
  assert.equal(r.status, 404, 'not granted any more');
});

test('a rank drop puts the office on the over-quota list until HQ withdraws', async () => {
  for (const code of ['zz.s01', 'zz.s02', 'zz.s03', 'zz.s04', 'zz.s05', 'zz.s06', 'zz.s07', 'zz.s08']) {
    assert.equal((await grant(1, code)).status, 303);
  }
  const link = `/hq/services/office/${office[1]}"`;
  const prov = one(`SELECT id FROM provinces WHERE code = 'IR-23'`);
  const other = one(`SELECT id FROM provinces WHERE code = 'IR-25'`);
  assert.doesNotMatch((await get(hq, '/hq/services/over-quota')).text, new RegExp(link));
  sql(`UPDATE declarations SET final_rank = 3 WHERE office_id = ${office[1]} AND round_id = (SELECT id FROM rounds WHERE code = '1371-2')`);
  try {
    let r = await get(hq, '/hq/services/over-quota');
    assert.equal(r.status, 200);
    assert.match(r.text, new RegExp(link));
    const row = text(r.text.slice(r.text.indexOf(link)).split('</tr>')[0]);
    assert.match(row, /رتبه ۳ در دوره ۱۳۷۱-۲ \(۳۰٪\) ۱۰ ۳ ۸ ۵/);
    assert.match((await get(hq, `/hq/services/over-quota?province=${prov}`)).text, new RegExp(link));
    assert.doesNotMatch((await get(hq, `/hq/services/over-quota?province=${other}`)).text, new RegExp(link));
    r = await get(hq, `/hq/services/office/${office[1]}`);
    assert.match(text(r.text), /این دفتر ۵ خدمت بیش از سهمیه کنونی خود دارد/);
    assert.equal((await grant(1, 'zz.s09')).status, 409);
    // HQ withdraws down to the quota: off the list.
    for (const code of ['zz.s04', 'zz.s05', 'zz.s06', 'zz.s07', 'zz.s08']) {
      assert.equal((await post(hq, `/hq/services/office/${office[1]}/withdraw`, { service: svc[code], reason: 'کاهش رتبه' })).status, 303);
    }
    assert.doesNotMatch((await get(hq, '/hq/services/over-quota')).text, new RegExp(link));
    assert.equal((await grant(1, 'zz.s04')).status, 409);
  } finally {
    sql(`UPDATE declarations SET final_rank = NULL WHERE office_id = ${office[1]} AND round_id = (SELECT id FROM rounds WHERE code = '1371-2')`);
  }
  assert.equal(await quotaOf(1), 10);
  assert.equal((await grant(1, 'zz.s04')).status, 303);
  // The demo data has offices over quota too (its rank-3 offices hold their whole area).
  assert.match((await get(hq, '/hq/services/over-quota')).text, /\/hq\/services\/office\/\d+"/);
});

test('agency view: the offices allowed to offer a service in an area, with their rank', async () => {
  const s01 = svc['zz.s01'];
  let r = await get(hq, `/hq/services/offices?service=${s01}&city=${city['901']}`);
  assert.equal(r.status, 200);
  for (const n of [1, 2, 3]) assert.match(r.text, new RegExp(`/hq/services/office/${office[n]}"`));
  for (const n of [4, 5, 8]) assert.doesNotMatch(r.text, new RegExp(`/hq/services/office/${office[n]}"`));
  assert.match(text(r.text), /۳ دفتر مجاز/);
  const row = text(r.text.slice(r.text.indexOf(`/hq/services/office/${office[3]}"`)).split('</tr>')[0]);
  assert.match(row, /شهر آزمون‌شهر یک ۳ /, 'rank 3');
  const prov = one(`SELECT id FROM provinces WHERE code = 'IR-23'`);
  r = await get(hq, `/hq/services/offices?service=${s01}&province=${prov}`);
  assert.match(r.text, new RegExp(`/hq/services/office/${office[1]}"`));
  r = await get(hq, `/hq/services/offices?service=${s01}&city=${city['904']}`);
  assert.match(text(r.text), /۰ دفتر مجاز/);
  const other = one(`SELECT id FROM provinces WHERE code = 'IR-25'`);
  assert.equal((await get(hq, `/hq/services/offices?service=${s01}&province=${other}&city=${city['901']}`)).status, 404);
  assert.equal((await get(hq, `/hq/services/offices?service=1e5`)).status, 400);
  assert.equal((await get(hq, `/hq/services/offices?service=4000000000`)).status, 404);
  // Reachable from the catalogue.
  assert.match((await get(hq, '/hq/services')).text, new RegExp(`/hq/services/offices\\?service=${s01}"`));
});

test('catalogue: add, rename, deactivate (out of every quota), activate; all audited', async () => {
  const agency = one(`SELECT id FROM agencies WHERE code = 'zz-test'`);
  let r = await post(hq, '/hq/services/service', { agency, code: 'zz.s13', title: 'خدمت تازه آزمون' });
  assert.equal(r.status, 303, text(r.text).slice(0, 300));
  const id = one(`SELECT id FROM services WHERE code = 'zz.s13'`);
  assert.equal(audits('service.create', id), 1);
  r = await post(hq, '/hq/services/service', { agency, code: 'zz.s13', title: 'دیگر' });
  assert.equal(r.status, 409);
  r = await post(hq, '/hq/services/service', { agency, code: 'zz s14', title: 'کد بد' });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /کد خدمت را با/);
  assert.match(r.text, /value="کد بد"/, 'what was typed stays');
  r = await post(hq, '/hq/services/service', { agency: '999', code: 'zz.s14', title: 'بی‌دستگاه' });
  assert.equal(r.status, 422);
  r = await post(hq, `/hq/services/service/${id}`, { title: 'خدمت تازه آزمون (ویرایش)' });
  assert.equal(r.status, 303);
  assert.deepEqual(rows(`SELECT old_json, new_json FROM audit_log WHERE action = 'service.rename' AND entity_id = ${id}`)[0].map(JSON.parse),
    [{ title: 'خدمت تازه آزمون' }, { title: 'خدمت تازه آزمون (ویرایش)' }]);
  r = await post(hq, `/hq/services/service/${svc['zz.s01']}`, { title: 'خدمت آزمون 2' });
  assert.equal(r.status, 409, 'two services of one agency with one title');
  r = await post(hq, `/hq/services/agency`, { code: 'zz-test3', name: 'دستگاه سوم آزمون' });
  assert.equal(r.status, 303);
  assert.equal(audits('agency.create', one(`SELECT id FROM agencies WHERE code = 'zz-test3'`)), 1);
  r = await post(hq, `/hq/services/agency`, { code: 'zz-test4', name: 'دستگاه سوم آزمون' });
  assert.equal(r.status, 409);

  // Deactivating a service of office 1's area lowers its quota; it cannot be granted.
  assert.equal(await quotaOf(1), 10);
  r = await post(hq, `/hq/services/service/${svc['zz.s10']}/active`, { active: '0' });
  assert.equal(r.status, 303);
  assert.equal(audits('service.deactivate', svc['zz.s10']), 1);
  assert.equal(await quotaOf(1), 9);
  r = await grant(1, 'zz.s10');
  assert.equal(r.status, 409);
  assert.match(text(r.text), /غیرفعال است/);
  r = await post(hq, `/hq/services/service/${svc['zz.s10']}/active`, { active: '0' });
  assert.equal(audits('service.deactivate', svc['zz.s10']), 1, 'a repeat changes nothing');
  r = await post(hq, `/hq/services/service/${svc['zz.s10']}/active`, { active: '1' });
  assert.equal(audits('service.activate', svc['zz.s10']), 1);
  assert.equal(await quotaOf(1), 10);
  r = await post(hq, `/hq/services/service/${svc['zz.s10']}/active`, { active: '2' });
  assert.equal(r.status, 422);
});

test('an area\'s services: one agency\'s checkboxes, audited; the quota follows', async () => {
  const agency = one(`SELECT id FROM agencies WHERE code = 'zz-test'`);
  const b = city['902'];
  let r = await get(hq, `/hq/services/city/${b}`);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`name="service" type="checkbox" value="${svc['zz.s01']}"`));
  assert.equal(await quotaOf(6), 0);
  r = await post(hq, `/hq/services/city/${b}`, { agency, service: [svc['zz.s01'], svc['zz.s02'], svc['zz.s03']] });
  assert.equal(r.status, 303, text(r.text).slice(0, 300));
  assert.equal(one(`SELECT COUNT(*) FROM city_services WHERE city_id = ${b}`), '3');
  assert.equal(await quotaOf(6), 3);
  const [oldj, newj] = rows(`SELECT old_json, new_json FROM audit_log WHERE action = 'city.services' AND entity_id = ${b} ORDER BY id DESC LIMIT 1`)[0].map(JSON.parse);
  assert.deepEqual([oldj.services, newj.services], ['', 'zz.s01,zz.s02,zz.s03']);
  r = await post(hq, `/hq/services/city/${b}`, { agency, service: [svc['zz.s02']] });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT GROUP_CONCAT(s.code) FROM city_services cs JOIN services s ON s.id = cs.service_id WHERE cs.city_id = ${b}`), 'zz.s02');
  // A service of another agency, a bad id: refused, nothing changed.
  r = await post(hq, `/hq/services/city/${b}`, { agency, service: [svc['zz.t01']] });
  assert.equal(r.status, 422);
  r = await post(hq, `/hq/services/city/${b}`, { agency, service: ['x1'] });
  assert.equal(r.status, 422);
  r = await post(hq, `/hq/services/city/${b}`, { service: [svc['zz.s01']] });
  assert.equal(r.status, 422);
  assert.equal(one(`SELECT COUNT(*) FROM city_services WHERE city_id = ${b}`), '1');
  r = await post(hq, `/hq/services/city/${b}`, { agency });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT COUNT(*) FROM city_services WHERE city_id = ${b}`), '0');
  assert.equal((await post(hq, '/hq/services/city/4000000000', { agency })).status, 404);
  assert.equal((await get(hq, '/hq/services/city?code=ir-23-902')).status, 200);
  assert.equal((await get(hq, '/hq/services/city?code=IR-99-999')).status, 404);
  r = await get(hq, `/hq/services/areas?province=${one(`SELECT id FROM provinces WHERE code = 'IR-23'`)}`);
  assert.match(r.text, new RegExp(`/hq/services/city/${b}"`));
  assert.equal((await get(hq, '/hq/services/areas?province=abc')).status, 400);
  assert.equal((await get(hq, '/hq/services/areas?province=250')).status, 404);
});

test('only HQ: a licensee or a reviewer gets 403 and changes nothing', async () => {
  const reviewer = dbSession(makeUser({ role: 'reviewer', region: 1 }).id);
  for (const s of [lic, reviewer]) {
    for (const p of ['/hq/services', '/hq/services/areas', `/hq/services/city/${city['901']}`, '/hq/services/over-quota',
      `/hq/services/offices?service=${svc['zz.s01']}`, `/hq/services/office/${office[1]}`, '/hq/services/office?code=ZT398001']) {
      assert.equal((await get(s, p)).status, 403, p);
    }
    const n = granted(8);
    assert.equal((await grant(8, 'zz.s01', s)).status, 403);
    assert.equal((await post(s, `/hq/services/office/${office[1]}/withdraw`, { service: svc['zz.s01'], reason: 'x' })).status, 403);
    assert.equal((await post(s, '/hq/services/service', { agency: '1', code: 'zz.x', title: 'x' })).status, 403);
    assert.equal(granted(8), n);
    assert.equal(granted(1), 4);
  }
  assert.equal((await http('/hq/services', { redirect: 'manual' })).status, 303, 'no session: to sign in');
  // An office found by its code.
  const r = await get(hq, '/hq/services/office?code=ZT398008');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/hq/services/office/${office[8]}`);
  assert.equal((await get(hq, '/hq/services/office?code=NO-SUCH-1')).status, 404);
});
