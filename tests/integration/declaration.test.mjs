// The licensee's declaration against the real stack: the open demo round's rubric
// (read from the database, so the test follows the rubric's data), a fresh office
// and licensee per test, sessions made directly in the database.  Saving a section
// keeps the valid values when another is refused; submission is refused while a
// required value or document is missing; the deadline is enforced to the second
// (test clock); a double submit makes one submission; a save from a stale form is
// told to reload; nobody reaches another licensee's file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { http, sql, STACK } from './lib/stack.mjs';
import { nidFrom, dbSession } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

let round;		// { id, code, end } of the open round
let crits;		// licensee criteria: { id, code, kind, section, min, max, opts }
let sections;		// codes in order
let reqs;		// evidence requirements with min_files > 0: { id, section_id, min }
let serial = Number(String(Date.now()).slice(-6));

before(() => {
  const [id, code, end] = rows(`SELECT id, code, decl_end_date FROM rounds WHERE state = 'open'`)[0];
  round = { id: Number(id), code, end };
  sections = rows(`SELECT code FROM rubric_sections WHERE round_id = ${round.id} ORDER BY position, id`).map((r) => r[0]);
  crits = rows(`SELECT c.id, c.code, c.kind, s.code, COALESCE(c.min_value, 0), COALESCE(c.max_value, 1000), c.decimals
      FROM criteria c JOIN rubric_sections s ON s.id = c.section_id
      WHERE c.round_id = ${round.id} AND c.filled_by = 'licensee' AND c.required = 1
      ORDER BY s.position, c.position`).map(([id, code, kind, section, min, max, dec]) => ({
    id: Number(id), code, kind, section, min: Number(min), max: Number(max), dec: Number(dec),
    opts: rows(`SELECT code FROM criterion_options WHERE criterion_id = ${id} ORDER BY position, id`).map((r) => r[0]),
  }));
  reqs = rows(`SELECT e.id, e.section_id, e.min_files FROM evidence_requirements e
      JOIN rubric_sections s ON s.id = e.section_id
      WHERE s.round_id = ${round.id} AND e.min_files > 0 AND e.only_if_option_id IS NULL`)
    .map(([id, sid, min]) => ({ id: Number(id), section_id: Number(sid), min: Number(min) }));
  assert.ok(crits.length > 0 && reqs.length > 0, 'the open round has a rubric with required criteria and documents');
});

// A licensee with one office of their own (a copy of a demo office's data).
function freshOffice() {
  const n = serial++;
  const nid = nidFrom(600000000 + n);
  sql(`INSERT INTO users (national_id, role, first_name, last_name, mobile, password_kind)
       VALUES ('${nid}', 'licensee', 'آزمون', 'خوداظهاری', '0912${String(n).padStart(7, '0')}', 'none')`);
  const uid = Number(one(`SELECT id FROM users WHERE national_id = '${nid}'`));
  const code = `9${String(n).padStart(8, '0')}`;
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address, postal_code,
         phone, opening_hours, area_m2, accessibility_json, licensee_user_id)
       SELECT '${code}', kind, 'دفتر آزمون', 'T-${code}', province_id, region_id, city_id, address, '1234567890',
         '02100000000', opening_hours, 48, '{"ramp": true}', ${uid}
       FROM offices ORDER BY id LIMIT 1`);
  const office = Number(one(`SELECT id FROM offices WHERE code = '${code}'`));
  sql(`INSERT INTO office_staff (office_id, national_id, first_name, last_name, job_title, insured)
       VALUES (${office}, '${nidFrom(500000000 + n)}', 'کارمند', 'آزمون', 'مدیر دفتر', 1)`);
  return { uid, office, code, s: session(uid) };
}

const session = dbSession;

const headers = (s, now) => ({ cookie: s.cookie, ...(now ? { 'x-geps-test-now': String(now) } : {}) });
const get = (s, p, now) => http(p, { headers: headers(s, now) });
function post(s, p, fields, now) {
  return http(p, {
    method: 'POST', body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
    headers: { ...headers(s, now), 'content-type': 'application/x-www-form-urlencoded' },
  });
}
const version = (html) => Number(html.match(/name="version" value="(\d+)"/)[1]);
const dbVersion = (office) => one(`SELECT version FROM declarations WHERE office_id = ${office} AND round_id = ${round.id}`);
const valueOf = (c) => (c.kind === 'number' ? String(Math.floor((c.min + c.max) / 2 / 10 ** c.dec)) : c.opts[0]);
const saved = (declId) => Object.fromEntries(rows(`SELECT c.code, COALESCE(v.declared_num, o.code)
    FROM declaration_values v JOIN criteria c ON c.id = v.criterion_id
    LEFT JOIN criterion_options o ON o.id = v.declared_option_id WHERE v.declaration_id = ${declId}`));
const declOf = (office) => one(`SELECT id FROM declarations WHERE office_id = ${office} AND round_id = ${round.id}`);

// The last second of the round's declaration window: 23:59:59 Tehran (UTC+03:30).
const deadline = () => Math.floor(Date.parse(`${round.end}T23:59:59+03:30`) / 1000);

// Fills every required value, section by section, through the forms.
async function fillAll(o) {
  for (const sec of sections) {
    const page = await get(o.s, `/decl/${o.office}/section/${sec}`);
    assert.equal(page.status, 200);
    const fields = { version: String(version(page.text)) };
    for (const c of crits.filter((x) => x.section === sec)) fields[`c_${c.code}`] = valueOf(c);
    const r = await post(o.s, `/decl/${o.office}/section/${sec}`, fields);
    assert.equal(r.status, 303, `save ${sec}: ${text(r.text).slice(0, 300)}`);
  }
}

// Documents written straight into the store and the database, as an upload would
// leave them (the upload path has its own tests).
function addEvidence(decl, req, k) {
  const bytes = `%PDF-1.4 test ${decl} ${req.id} ${k} ${randomBytes(8).toString('hex')}`;
  const sha = createHash('sha256').update(bytes).digest('hex');
  mkdirSync(path.join(STACK, 'evidence', 'objects', sha.slice(0, 2)), { recursive: true });
  writeFileSync(path.join(STACK, 'evidence', 'objects', sha.slice(0, 2), sha), bytes);
  sql(`INSERT INTO evidence (sha256, size_bytes, mime, storage_name)
       VALUES (UNHEX('${sha}'), ${bytes.length}, 'application/pdf', 'objects/${sha.slice(0, 2)}/${sha}');
       INSERT INTO declaration_evidence (declaration_id, round_id, section_id, requirement_id, evidence_id,
         original_name, uploaded_by_user_id)
       SELECT ${decl}, ${round.id}, ${req.section_id}, ${req.id}, LAST_INSERT_ID(), 'مدرک ${k}.pdf', licensee_user_id
       FROM offices o JOIN declarations d ON d.office_id = o.id WHERE d.id = ${decl}`);
}

test('a save keeps the valid values and shows the refused one as typed, with its message', async () => {
  const o = freshOffice();
  const by = {};
  for (const c of crits.filter((x) => x.kind === 'number')) (by[c.section] ??= []).push(c);
  const sec = Object.keys(by).find((k) => crits.filter((c) => c.section === k).length >= 2);
  assert.ok(sec, 'some section has two required licensee criteria, one of them a number');
  const [bad] = by[sec];
  const good = crits.filter((c) => c.section === sec && c !== bad);
  const page = await get(o.s, `/decl/${o.office}/section/${sec}`);
  const fields = { version: String(version(page.text)), [`c_${bad.code}`]: 'دوازده' };
  for (const c of good) fields[`c_${c.code}`] = valueOf(c);
  const r = await post(o.s, `/decl/${o.office}/section/${sec}`, fields);
  assert.equal(r.status, 422);
  assert.match(text(r.text), /فقط رقم وارد کنید/);
  assert.match(r.text, /value="دوازده"/, 'what was typed is shown again');
  const vals = saved(declOf(o.office));
  for (const c of good) assert.ok(vals[c.code] !== undefined, `${c.code} saved`);
  assert.equal(vals[bad.code], undefined);
  // Persian digits are numbers too.
  const again = await get(o.s, `/decl/${o.office}/section/${sec}`);
  const r2 = await post(o.s, `/decl/${o.office}/section/${sec}`, {
    ...fields, version: String(version(again.text)), [`c_${bad.code}`]: '۱۲' });
  assert.equal(r2.status, 303);
  assert.ok(saved(declOf(o.office))[bad.code] !== undefined);
});

test('out-of-range numbers and unknown options are refused with Persian messages', async () => {
  const o = freshOffice();
  const num = crits.find((c) => c.kind === 'number');
  const page = await get(o.s, `/decl/${o.office}/section/${num.section}`);
  let r = await post(o.s, `/decl/${o.office}/section/${num.section}`,
    { version: String(version(page.text)), [`c_${num.code}`]: String(num.max / 10 ** num.dec + 1) });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /خارج از بازه مجاز/);
  const ch = crits.find((c) => c.kind !== 'number');
  const p2 = await get(o.s, `/decl/${o.office}/section/${ch.section}`);
  r = await post(o.s, `/decl/${o.office}/section/${ch.section}`,
    { version: String(version(p2.text)), [`c_${ch.code}`]: 'no_such_option' });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /یکی از گزینه‌ها را انتخاب کنید/);
});

test('submit is refused while documents are missing, then makes one submission with a receipt', async () => {
  const o = freshOffice();
  await fillAll(o);
  const decl = declOf(o.office);
  let sum = await get(o.s, `/decl/${o.office}`);
  assert.match(text(sum.text), /بارگذاری نشده است/);
  assert.doesNotMatch(sum.text, /action="\/decl\/\d+\/submit"/, 'no submit button while incomplete');
  let r = await post(o.s, `/decl/${o.office}/submit`, { version: dbVersion(o.office) });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /پرونده کامل نیست و ارسال نشد/);
  assert.equal(one(`SELECT state FROM declarations WHERE id = ${decl}`), 'draft');

  for (const q of reqs) for (let k = 0; k < q.min; k++) addEvidence(decl, q, k);
  sum = await get(o.s, `/decl/${o.office}`);
  assert.doesNotMatch(text(sum.text), /بارگذاری نشده است/);
  const v = String(version(sum.text));
  // A double click: two submits of the same form at once.
  const [a, b] = await Promise.all([
    post(o.s, `/decl/${o.office}/submit`, { version: v }),
    post(o.s, `/decl/${o.office}/submit`, { version: v }),
  ]);
  for (const x of [a, b]) {
    assert.equal(x.status, 303, text(x.text).slice(0, 300));
    assert.match(x.headers.get('location'), new RegExp(`^/decl/${o.office}/receipt`));
  }
  // A retry after a timeout.
  r = await post(o.s, `/decl/${o.office}/submit`, { version: v });
  assert.equal(r.status, 303);
  const [state, count, tracking] = rows(`SELECT state, submit_count, tracking_no FROM declarations WHERE id = ${decl}`)[0];
  assert.equal(state, 'submitted');
  assert.equal(count, '1');
  assert.equal(Number(one(`SELECT COUNT(*) FROM audit_log WHERE action = 'declaration.submit' AND entity_id = ${decl}`)), 1);
  // Every value the licensee did not type (office data, computed) was frozen as declared.
  const all = Number(one(`SELECT COUNT(*) FROM criteria WHERE round_id = ${round.id} AND filled_by <> 'reviewer'`));
  assert.ok(Number(one(`SELECT COUNT(*) FROM declaration_values WHERE declaration_id = ${decl}`)) >= all - 1);

  const rc = await get(o.s, `/decl/${o.office}/receipt`);
  assert.equal(rc.status, 200);
  assert.ok(rc.text.includes(tracking.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d])), 'tracking number on the receipt');
  const shas = rows(`SELECT LOWER(HEX(e.sha256)) FROM declaration_evidence de JOIN evidence e ON e.id = de.evidence_id
      WHERE de.declaration_id = ${decl}`).map((x) => x[0]);
  for (const h of shas) assert.ok(rc.text.includes(h), 'each file\'s SHA-256 on the receipt');

  // Submitted: the forms are locked until reopened; reopening before the deadline works.
  const sec = await get(o.s, `/decl/${o.office}/section/${sections[0]}`);
  r = await post(o.s, `/decl/${o.office}/section/${sections[0]}`, { version: String(version(sec.text)) });
  assert.equal(r.status, 409);
  r = await post(o.s, `/decl/${o.office}/reopen`, {});
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT state FROM declarations WHERE id = ${decl}`), 'draft');
  sum = await get(o.s, `/decl/${o.office}`);
  r = await post(o.s, `/decl/${o.office}/submit`, { version: String(version(sum.text)) });
  assert.equal(r.status, 303);
  assert.deepEqual(rows(`SELECT state, submit_count, tracking_no FROM declarations WHERE id = ${decl}`)[0],
    ['submitted', '2', tracking]);
});

test('the deadline is enforced to the second and the draft is kept', async () => {
  const o = freshOffice();
  const c = crits[0];
  const end = deadline();
  o.s = session(o.uid, end - 60);
  let page = await get(o.s, `/decl/${o.office}/section/${c.section}`, end);
  let r = await post(o.s, `/decl/${o.office}/section/${c.section}`,
    { version: String(version(page.text)), [`c_${c.code}`]: valueOf(c) }, end);
  assert.equal(r.status, 303, 'the last second of the window is still inside it');
  const before = saved(declOf(o.office));
  page = await get(o.s, `/decl/${o.office}/section/${c.section}`, end);
  const other = c.kind === 'number' ? String(Math.floor(c.min / 10 ** c.dec) + 1) : c.opts.at(-1);
  r = await post(o.s, `/decl/${o.office}/section/${c.section}`,
    { version: String(version(page.text)), [`c_${c.code}`]: other }, end + 1);
  assert.equal(r.status, 409);
  assert.match(text(r.text), /مهلت خوداظهاری به پایان رسیده است/);
  assert.ok(r.text.includes(`value="${other}"`) || c.kind !== 'number', 'the typed value is still on the page');
  assert.deepEqual(saved(declOf(o.office)), before, 'nothing changed');
  r = await post(o.s, `/decl/${o.office}/submit`, { version: dbVersion(o.office) }, end + 1);
  assert.equal(r.status, 409);
  // An extension for this office reopens it for that office only.
  sql(`INSERT INTO office_extensions (round_id, office_id, decl_end_date, reason, created_by_user_id)
       SELECT ${round.id}, ${o.office}, '${round.end}' + INTERVAL 2 DAY, 'آزمون', id FROM users WHERE role = 'hq' LIMIT 1`);
  page = await get(o.s, `/decl/${o.office}/section/${c.section}`, end + 1);
  r = await post(o.s, `/decl/${o.office}/section/${c.section}`,
    { version: String(version(page.text)), [`c_${c.code}`]: other }, end + 1);
  assert.equal(r.status, 303);
});

test('two tabs: the second save of the same version is told to reload and loses nothing', async () => {
  const o = freshOffice();
  const c = crits[0];
  const tab1 = await get(o.s, `/decl/${o.office}/section/${c.section}`);
  const tab2 = await get(o.s, `/decl/${o.office}/section/${c.section}`);
  const v1 = valueOf(c);
  const v2 = c.kind === 'number' ? String(Math.floor(c.min / 10 ** c.dec) + 2) : c.opts.at(-1);
  let r = await post(o.s, `/decl/${o.office}/section/${c.section}`, { version: String(version(tab1.text)), [`c_${c.code}`]: v1 });
  assert.equal(r.status, 303);
  const first = saved(declOf(o.office));
  r = await post(o.s, `/decl/${o.office}/section/${c.section}`, { version: String(version(tab2.text)), [`c_${c.code}`]: v2 });
  assert.equal(r.status, 409);
  assert.match(text(r.text), /تغییر کرده است/);
  assert.match(text(r.text), /دوباره باز کنید/);
  if (c.kind === 'number') assert.ok(r.text.includes(`value="${v2}"`));
  assert.deepEqual(saved(declOf(o.office)), first, 'the first save stands');
});

test('nobody reaches another licensee\'s file, and staff do not use the licensee pages', async () => {
  const a = freshOffice();
  const b = freshOffice();
  const sec = sections[0];
  for (const p of [`/decl/${a.office}`, `/decl/${a.office}/section/${sec}`, `/decl/${a.office}/receipt`]) {
    assert.equal((await get(b.s, p)).status, 404, p);
  }
  let r = await post(b.s, `/decl/${a.office}/section/${sec}`, { version: '0', [`c_${crits[0].code}`]: valueOf(crits[0]) });
  assert.equal(r.status, 404);
  r = await post(b.s, `/decl/${a.office}/submit`, { version: '0' });
  assert.equal(r.status, 404);
  assert.equal(one(`SELECT COUNT(*) FROM declarations WHERE office_id = ${a.office}`), '0');
  // Without the CSRF token nothing is written either.
  r = await http(`/decl/${a.office}/section/${sec}`, {
    method: 'POST', body: `version=0&c_${crits[0].code}=${valueOf(crits[0])}`,
    headers: { cookie: a.s.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 403);
  assert.equal(one(`SELECT COUNT(*) FROM declarations WHERE office_id = ${a.office}`), '0');
  // Unknown sections and malformed ids.
  assert.equal((await get(a.s, `/decl/${a.office}/section/nosuch`)).status, 404);
  assert.equal((await get(a.s, `/decl/0`)).status, 404);
  assert.equal((await get(a.s, `/decl/99999999999`)).status, 404);
  // A reviewer is not a licensee.
  const rev = Number(one(`SELECT id FROM users WHERE role = 'reviewer' LIMIT 1`));
  assert.equal((await get(session(rev), `/decl/${a.office}`)).status, 403);
});

test('the dashboard shows each office with the deadline in Jalali and what is missing', async () => {
  const o = freshOffice();
  const r = await get(o.s, '/dashboard');
  assert.equal(r.status, 200);
  const t = text(r.text);
  assert.match(t, /دفتر آزمون/);
  assert.match(t, /تا پایان روز [۰-۹]+ [آ-ی]+ [۰-۹]{4}/);
  assert.match(t, /[۰-۹]+ مورد از خوداظهاری هنوز کامل نشده است/);
  assert.ok(r.text.includes(`/decl/${o.office}`));
});
