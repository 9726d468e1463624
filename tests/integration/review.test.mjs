// The regional review against the real stack.  A round of its own (code 1399-1,
// between the demo rounds, with the default rubric, put under review), files made directly in the database for fresh
// offices in regions 1 and 2 (and one demo office, for the rank band), reviewers of
// both regions and HQ with sessions made in the database, and the test clock:
// the review runs until the end of 30 Jul 2026 (Tehran) and "now" is 22 Jul.
// Covers scope (404 outside the region, in SQL), verification with its required
// note, the association score's range, violations, the optimistic version,
// completion, send-back -> the licensee edits only the marked sections ->
// resubmits -> back in the queue, the correction deadline (day 6 refused), the
// review window, HQ's reopening and overdue list, and the audit of every action.
// Everything made here is removed at the end (the users stay: audit rows name them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { http, sql, STACK, SRCDIR } from './lib/stack.mjs';
import { nidFrom, dbSession, makeUser, toPersian, lastMessage } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const CODE = '1399-1';
const REVIEW_END = '2026-07-30';
// Unix time of a Tehran wall-clock moment.
const at = (day, time = '10:00:00') => Math.floor(Date.parse(`${day}T${time}+03:30`) / 1000);
const T0 = at('2026-07-22');
const DAY = 86400;

let round;		// { id, correction_days }
let crits;		// every criterion: { id, code, kind, filled_by, section, min, max, opts: [{id, code}] }
let reqs;		// evidence requirements with min_files > 0
let vtypes;		// violation types of the round: { id, points }
let rev1, rev2, hq;	// users
let serial = Number(String(Date.now()).slice(-6));
const evidenceShas = [];

function cleanup() {
  const id = one(`SELECT COALESCE(MAX(id), 0) FROM rounds WHERE code = '${CODE}'`);
  if (id === '0') return;
  sql(`DELETE FROM declarations WHERE round_id = ${id};
       DELETE FROM rounds WHERE id = ${id}`);
}

before(() => {
  cleanup();
  // Between the demo rounds 1404-2 (April) and 1405-1 (November), made in SQL so
  // that another test's round cannot refuse it as overlapping; the default rubric
  // (as `geps round create` installs it when there is no earlier round).
  sql(`INSERT INTO rounds (code, title, decl_start_date, decl_end_date, review_end_date, rank1_min_x100, rank2_min_x100)
       VALUES ('${CODE}', 'آزمون بررسی منطقه', '2026-07-01', '2026-07-20', '${REVIEW_END}', 7000, 4000);
       SET @round_id = LAST_INSERT_ID();
       ${readFileSync(path.join(SRCDIR, 'sql/reference/rubric/default.sql'), 'utf8')}`);
  sql(`UPDATE rounds SET state = 'review', rubric_frozen_at = UTC_TIMESTAMP(6) WHERE code = '${CODE}'`);
  const [id, cd, rend] = rows(`SELECT id, correction_days, review_end_date FROM rounds WHERE code = '${CODE}'`)[0];
  assert.equal(rend, REVIEW_END);
  round = { id: Number(id), correction_days: Number(cd) };
  crits = rows(`SELECT c.id, c.code, c.kind, c.filled_by, s.code, COALESCE(c.min_value, 0), COALESCE(c.max_value, 1000)
      FROM criteria c JOIN rubric_sections s ON s.id = c.section_id WHERE c.round_id = ${round.id}
      ORDER BY s.position, c.position`).map(([cid, code, kind, filled_by, section, min, max]) => ({
    id: Number(cid), code, kind, filled_by, section, min: Number(min), max: Number(max),
    opts: rows(`SELECT id, code FROM criterion_options WHERE criterion_id = ${cid} ORDER BY position, id`)
      .map(([oid, ocode]) => ({ id: Number(oid), code: ocode })),
  }));
  reqs = rows(`SELECT e.id, e.section_id FROM evidence_requirements e JOIN rubric_sections s ON s.id = e.section_id
      WHERE s.round_id = ${round.id} AND e.min_files > 0`).map(([rid, sid]) => ({ id: Number(rid), section_id: Number(sid) }));
  vtypes = rows(`SELECT violation_type_id, points_x100 FROM round_violation_types WHERE round_id = ${round.id}`)
    .map(([tid, p]) => ({ id: Number(tid), points: Number(p) }));
  assert.ok(crits.some((c) => c.filled_by === 'reviewer'), 'the rubric has the association score');
  assert.ok(vtypes.length > 0, 'the round has violation types');
  rev1 = makeUser({ role: 'reviewer', region: 1 });
  rev2 = makeUser({ role: 'reviewer', region: 2 });
  hq = makeUser({ role: 'hq' });
});

after(() => {
  cleanup();
  for (const sha of evidenceShas) {
    sql(`DELETE FROM evidence WHERE sha256 = UNHEX('${sha}') AND NOT EXISTS
         (SELECT 1 FROM declaration_evidence de WHERE de.evidence_id = evidence.id)`);
    rmSync(path.join(STACK, 'evidence', 'objects', sha.slice(0, 2), sha), { force: true });
  }
});

// A licensee with an office of their own in a province of region (a copy of a demo
// office there), with one insured staff member so the office data is complete.
function freshOffice(region) {
  const n = serial++;
  const nid = nidFrom(300000000 + n);
  sql(`INSERT INTO users (national_id, role, first_name, last_name, mobile, email, password_kind)
       VALUES ('${nid}', 'licensee', 'آزمون', 'بررسی', '0913${String(n % 10000000).padStart(7, '0')}',
       'rv${n}@mail.example', 'none')`);
  const uid = Number(one(`SELECT id FROM users WHERE national_id = '${nid}'`));
  const code = `8${String(n).padStart(8, '0')}`;
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address, postal_code,
         phone, opening_hours, area_m2, accessibility_json, licensee_user_id)
       SELECT '${code}', o.kind, 'دفتر آزمون بررسی', 'RV-${code}', o.province_id, o.region_id, o.city_id, o.address,
         '1234567890', '02100000000', o.opening_hours, 48, '{"ramp": true}', ${uid}
       FROM offices o JOIN provinces p ON p.id = o.province_id WHERE p.region_id = ${region}
       ORDER BY o.id LIMIT 1`);
  const office = Number(one(`SELECT id FROM offices WHERE code = '${code}'`));
  sql(`INSERT INTO office_staff (office_id, national_id, first_name, last_name, job_title, insured)
       VALUES (${office}, '${nidFrom(200000000 + n)}', 'کارمند', 'آزمون', 'مدیر دفتر', 1)`);
  return { uid, nid, office, code, license: `RV-${code}` };
}

// The value a file declares for c (mid-range number, first option; "yes" for yes/no).
const declared = (c) => (c.kind === 'number' ? [Math.floor((c.min + c.max) / 2), null]
  : [null, (c.opts.find((o) => o.code === 'yes') ?? c.opts[0]).id]);

// A submitted file of office o in the round, every licensee and system value
// declared, and the required documents in the store.
function submittedFile(o) {
  sql(`INSERT INTO declarations (round_id, office_id, province_id, region_id, state, version, tracking_no,
         due_date, first_submitted_at, submitted_at, submit_count)
       SELECT ${round.id}, id, province_id, region_id, 'submitted', 3, CONCAT('T1399', code), '${REVIEW_END}',
         '2026-07-15 08:00:00', '2026-07-15 08:00:00', 1 FROM offices WHERE id = ${o.office}`);
  const decl = Number(one(`SELECT id FROM declarations WHERE round_id = ${round.id} AND office_id = ${o.office}`));
  const vals = crits.filter((c) => c.filled_by !== 'reviewer').map((c) => {
    const [num, opt] = declared(c);
    return `(${decl}, ${round.id}, ${c.id}, ${num ?? 'NULL'}, ${opt ?? 'NULL'})`;
  });
  sql(`INSERT INTO declaration_values (declaration_id, round_id, criterion_id, declared_num, declared_option_id)
       VALUES ${vals.join(', ')}`);
  for (const q of reqs) {
    const bytes = `%PDF-1.4 review test ${decl} ${q.id} ${randomBytes(8).toString('hex')}`;
    const sha = createHash('sha256').update(bytes).digest('hex');
    evidenceShas.push(sha);
    mkdirSync(path.join(STACK, 'evidence', 'objects', sha.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(STACK, 'evidence', 'objects', sha.slice(0, 2), sha), bytes);
    sql(`INSERT INTO evidence (sha256, size_bytes, mime, storage_name)
         VALUES (UNHEX('${sha}'), ${bytes.length}, 'application/pdf', 'objects/${sha.slice(0, 2)}/${sha}');
         INSERT INTO declaration_evidence (declaration_id, round_id, section_id, requirement_id, evidence_id,
           original_name, uploaded_by_user_id)
         VALUES (${decl}, ${round.id}, ${q.section_id}, ${q.id}, LAST_INSERT_ID(), 'مدرک ${q.id}.pdf',
           (SELECT licensee_user_id FROM offices WHERE id = ${o.office}))`);
  }
  return decl;
}

// Requests as user u at unix time t (a session made for that moment).
function as(u, t = T0) {
  const s = dbSession(u.id ?? u.uid, t);
  const headers = { cookie: s.cookie, 'x-geps-test-now': String(t) };
  return {
    get: (p) => http(p, { headers }),
    post: (p, fields) => http(p, {
      method: 'POST', body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    }),
  };
}

const version = (decl) => one(`SELECT version FROM declarations WHERE id = ${decl}`);
const stateOf = (decl) => one(`SELECT state FROM declarations WHERE id = ${decl}`);
const crit = (code) => crits.find((c) => c.code === code);
const value = (decl, code) => rows(`SELECT verify_state, COALESCE(verified_num, 'NULL'), COALESCE(verified_option_id, 'NULL'),
    COALESCE(verify_note, 'NULL'), COALESCE(declared_num, 'NULL') FROM declaration_values
    WHERE declaration_id = ${decl} AND criterion_id = ${crit(code).id}`)[0];
const audits = (decl, action) => rows(`SELECT COALESCE(old_json, 'NULL'), COALESCE(new_json, 'NULL'), actor_user_id
    FROM audit_log WHERE entity_type = 'declaration' AND entity_id = ${decl} AND action = '${action}' ORDER BY id`);

// Fixtures shared by the tests, in order.
let A, B, C, R2, demo;		// offices
let fa, fb, fc, f2, fdemo;	// their files

test('the queue shows only the region\'s files, filtered, searched and most urgent first', async () => {
  A = freshOffice(1); B = freshOffice(1); C = freshOffice(1); R2 = freshOffice(2);
  fa = submittedFile(A); fb = submittedFile(B); fc = submittedFile(C); f2 = submittedFile(R2);
  // A file sent back earlier has the nearer due date: it comes first.
  sql(`UPDATE declarations SET due_date = '2026-07-25' WHERE id = ${fc}`);
  // A demo office of region 1 ranked 1 in the published round 1404-2: the rank band.
  const [dOffice, dCode] = rows(`SELECT o.id, o.code FROM declarations d JOIN offices o ON o.id = d.office_id
      JOIN provinces p ON p.id = o.province_id JOIN rounds r ON r.id = d.round_id
      JOIN users u ON u.id = o.licensee_user_id
      WHERE r.code = '1404-2' AND d.public_rank = 1 AND p.region_id = 1 AND u.national_id <> '8806458353'
      ORDER BY o.id LIMIT 1`)[0];
  demo = { office: Number(dOffice), code: dCode };
  fdemo = submittedFile(demo);

  const r1 = as(rev1);
  let q = await r1.get(`/review?round=${round.id}`);
  assert.equal(q.status, 200, text(q.text).slice(0, 400));
  for (const o of [A, B, C, demo]) assert.ok(q.text.includes(toPersian(o.code)), `${o.code} in the region-1 queue`);
  assert.ok(!q.text.includes(toPersian(R2.code)), 'another region\'s office is not listed');
  assert.ok(q.text.indexOf(toPersian(C.code)) < q.text.indexOf(toPersian(A.code)), 'the nearest due date first');
  assert.match(text(q.text), /ارسال شده: ۴/, 'counts per state of the region');

  q = await as(rev2).get(`/review?round=${round.id}`);
  assert.ok(q.text.includes(toPersian(R2.code)));
  assert.ok(!q.text.includes(toPersian(A.code)));

  // Search by office code, license number and the licensee's national ID (Persian digits too).
  for (const term of [A.code, toPersian(A.code), A.license, A.nid]) {
    q = await r1.get(`/review?round=${round.id}&q=${encodeURIComponent(term)}`);
    assert.equal(q.status, 200);
    assert.ok(q.text.includes(toPersian(A.code)), `found by ${term}`);
    assert.ok(!q.text.includes(toPersian(B.code)), `only A for ${term}`);
  }
  q = await r1.get(`/review?round=${round.id}&q=${encodeURIComponent("x' OR 1=1 --")}`);
  assert.equal(q.status, 400);
  assert.match(text(q.text), /جست‌وجو/);

  // The rank band of the previous published round.
  q = await r1.get(`/review?round=${round.id}&rank=1`);
  assert.ok(q.text.includes(toPersian(demo.code)));
  assert.ok(!q.text.includes(toPersian(A.code)));
  q = await r1.get(`/review?round=${round.id}&rank=none`);
  assert.ok(!q.text.includes(toPersian(demo.code)));
  assert.ok(q.text.includes(toPersian(A.code)));
  // Province and state filters; a province of another region is 404.
  const prov = one(`SELECT province_id FROM offices WHERE id = ${A.office}`);
  q = await r1.get(`/review?round=${round.id}&province=${prov}&state=todo`);
  assert.equal(q.status, 200);
  assert.ok(q.text.includes(toPersian(A.code)));
  const city = one(`SELECT city_id FROM offices WHERE id = ${A.office}`);
  q = await r1.get(`/review?round=${round.id}&province=${prov}&city=${city}`);
  assert.equal(q.status, 200);
  assert.ok(q.text.includes(toPersian(A.code)));
  assert.match(q.text, new RegExp(`<option value="${city}" selected>`), 'the city list of the province');
  q = await r1.get(`/review?round=${round.id}&province=${prov}&city=999999`);
  assert.ok(!q.text.includes(toPersian(A.code)));
  q = await r1.get(`/review?round=${round.id}&state=reviewed`);
  assert.ok(!q.text.includes(toPersian(A.code)));
  const prov2 = one(`SELECT province_id FROM offices WHERE id = ${R2.office}`);
  assert.equal((await r1.get(`/review?round=${round.id}&province=${prov2}`)).status, 404);
  assert.equal((await r1.get(`/review?round=999999`)).status, 404);
  assert.equal((await r1.get(`/review?round=abc`)).status, 400);
});

// The queue's order and paging, on a round of its own with 64 files of demo
// offices of region 1 (one of region 2): due dates with NULLs and ties, submission
// times with NULLs (unsubmitted files) and ties, so that the order falls through
// to the id.  The oracle is the order the queue has always had, written out.
const QCODE = '1399-2';
const ORDER = 'd.due_date IS NULL, d.due_date, d.submitted_at IS NULL, d.submitted_at, d.id';

test('the queue pages in urgency order across page boundaries, NULL dates last, with totals with and without filters', async () => {
  sql(`DELETE d FROM declarations d JOIN rounds r ON r.id = d.round_id WHERE r.code = '${QCODE}';
       DELETE FROM rounds WHERE code = '${QCODE}';
       INSERT INTO rounds (code, title, state, decl_start_date, decl_end_date, review_end_date, rank1_min_x100, rank2_min_x100)
       VALUES ('${QCODE}', 'آزمون صف بررسی', 'review', '2026-07-02', '2026-07-20', '${REVIEW_END}', 7000, 4000)`);
  const rid = Number(one(`SELECT id FROM rounds WHERE code = '${QCODE}'`));
  try {
    // Taken in turn from the region's provinces, so that a province filter picks some.
    const offs = rows(`SELECT id FROM offices WHERE region_id = 1 AND code NOT LIKE '8%'
        ORDER BY ROW_NUMBER() OVER (PARTITION BY province_id ORDER BY id), province_id LIMIT 63`).map(([id]) => Number(id));
    assert.equal(offs.length, 63, 'enough demo offices in region 1');
    const states = ['submitted', 'resubmitted', 'returned', 'reviewed'];
    const values = offs.map((o, i) => {
      // 56 sent files: four due dates or none, two submission times (ties);
      // 7 unsubmitted: a due date or none, submitted earlier or never.
      const sent = i < 56;
      const due = i % 5 === 0 ? 'NULL' : `'2026-08-0${1 + (i % 4)}'`;
      const sub = sent ? `'2026-07-1${i % 2} 08:00:00'` : i % 2 ? `'2026-07-05 08:00:00'` : 'NULL';
      return `(${rid}, ${o}, ${sent ? `'${states[i % 4]}'` : i % 3 ? "'draft'" : "'not_submitted'"}, ${due}, ${sub})`;
    });
    // Inserted in an order unlike the queue's, so that the id decides only ties.
    values.reverse();
    sql(`CREATE TEMPORARY TABLE qf (round_id INT, office_id INT, state VARCHAR(16), due_date DATE, submitted_at DATETIME(6));
         INSERT INTO qf VALUES ${values.join(', ')};
         INSERT INTO declarations (round_id, office_id, province_id, region_id, state, due_date, submitted_at)
         SELECT q.round_id, o.id, o.province_id, o.region_id, q.state, q.due_date, q.submitted_at
         FROM qf q JOIN offices o ON o.id = q.office_id;
         INSERT INTO declarations (round_id, office_id, province_id, region_id, state, due_date, submitted_at)
         SELECT ${rid}, id, province_id, region_id, 'submitted', NULL, '2026-07-10 08:00:00'
         FROM offices WHERE region_id = 2 ORDER BY id LIMIT 1`);
    const SENT = "d.state IN ('submitted', 'resubmitted', 'returned', 'reviewed')";
    const expect = (where, region = 1) => rows(`SELECT d.id FROM declarations d
        LEFT JOIN declarations pd ON pd.office_id = d.office_id
          AND pd.round_id = (SELECT id FROM rounds WHERE code = '1404-2')
        JOIN offices o ON o.id = d.office_id
        WHERE d.round_id = ${rid} ${region ? `AND o.region_id = ${region}` : ''} AND ${where}
        ORDER BY ${ORDER}`).map(([id]) => Number(id));
    const ids = (html) => [...html.matchAll(/href="\/review\/file\/(\d+)"/g)].map((m) => Number(m[1]));
    const total = (html) => text(html).match(/([۰-۹]+) پرونده، به ترتیب فوریت/)?.[1];
    const pager = (html) => text(html).match(/صفحه ([۰-۹]+) از ([۰-۹]+)/)?.slice(1).join('/') ?? null;
    const fa = (n) => toPersian(String(n));
    const r1 = as(rev1);

    // The default: every sent file of the region, 50 a page, page 2 going on where page 1 stopped.
    const all = expect(SENT);
    assert.equal(all.length, 56);
    assert.ok(all.length > 50 && new Set(all.slice(0, 50)).size === 50);
    let q = await r1.get(`/review?round=${rid}`);
    assert.equal(q.status, 200);
    assert.deepEqual(ids(q.text), all.slice(0, 50), 'page 1 in urgency order');
    assert.equal(total(q.text), fa(56));
    assert.equal(pager(q.text), `${fa(1)}/${fa(2)}`);
    assert.match(text(q.text), new RegExp(`ارسال شده: ${fa(14)}`), 'counts per state');
    q = await r1.get(`/review?round=${rid}&page=2`);
    assert.deepEqual(ids(q.text), all.slice(50), 'page 2: the rest, NULL due dates last');
    assert.equal(total(q.text), fa(56));
    assert.equal(pager(q.text), `${fa(2)}/${fa(2)}`);
    const nullDue = Number(one(`SELECT COUNT(*) FROM declarations d WHERE d.round_id = ${rid} AND d.region_id = 1 AND ${SENT} AND d.due_date IS NULL`));
    assert.ok(nullDue > 6, 'NULL due dates reach back over the page boundary');
    q = await r1.get(`/review?round=${rid}&page=3`);
    assert.deepEqual(ids(q.text), []);
    assert.equal(total(q.text), fa(56));
    assert.match(text(q.text), /پرونده‌ای با این مشخصات پیدا نشد/);

    // Unsubmitted files: submission NULL after the files submitted, within a due date.
    const non = expect("d.state IN ('draft', 'not_submitted')");
    assert.equal(non.length, 7);
    q = await r1.get(`/review?round=${rid}&state=nonsubmit`);
    assert.deepEqual(ids(q.text), non);
    assert.equal(total(q.text), fa(7));
    assert.equal(pager(q.text), null);

    // Totals from the counts (state, province) and from the join (city, rank band, search).
    const check = async (qs, where, label) => {
      const want = expect(where);
      const r = await r1.get(`/review?round=${rid}${qs}`);
      assert.equal(r.status, 200, label);
      assert.equal(total(r.text), fa(want.length), `total, ${label}`);
      assert.deepEqual(ids(r.text), want.slice(0, 50), `rows, ${label}`);
    };
    await check('&state=returned', "d.state = 'returned'", 'one state');
    await check('&state=todo', "d.state IN ('submitted', 'resubmitted')", 'two states');
    const [prov, city] = rows(`SELECT o.province_id, o.city_id FROM declarations d JOIN offices o ON o.id = d.office_id
        WHERE d.round_id = ${rid} AND o.region_id = 1 GROUP BY o.province_id, o.city_id ORDER BY COUNT(*) DESC LIMIT 1`)[0];
    await check(`&province=${prov}`, `${SENT} AND o.province_id = ${prov}`, 'a province');
    await check(`&province=${prov}&state=reviewed`, `d.state = 'reviewed' AND o.province_id = ${prov}`, 'a province and a state');
    await check(`&province=${prov}&city=${city}`, `${SENT} AND o.city_id = ${city}`, 'a city');
    await check('&rank=1', `${SENT} AND pd.public_rank = 1`, 'a rank band');
    await check('&rank=none', `${SENT} AND pd.public_rank IS NULL`, 'no rank');
    const code = one(`SELECT o.code FROM declarations d JOIN offices o ON o.id = d.office_id WHERE d.id = ${all[3]}`);
    await check(`&q=${code}`, `${SENT} AND o.code = '${code}'`, 'a search');

    // HQ: every region, in the same order.
    const every = expect(SENT, 0);
    assert.equal(every.length, 57);
    q = await as(hq).get(`/review?round=${rid}`);
    assert.deepEqual(ids(q.text), every.slice(0, 50));
    assert.equal(total(q.text), fa(57));
    q = await as(hq).get(`/review?round=${rid}&page=2`);
    assert.deepEqual(ids(q.text), every.slice(50));
  } finally {
    sql(`DELETE FROM declarations WHERE round_id = ${rid}; DELETE FROM rounds WHERE id = ${rid}`);
  }
});

test('another region\'s file is 404 for reading and for every action; HQ reads but does not review', async () => {
  const r1 = as(rev1);
  assert.equal((await r1.get(`/review/file/${f2}`)).status, 404);
  assert.equal((await r1.get(`/review/file/999999999`)).status, 404);
  const v = version(f2);
  for (const [p, f] of [['verify', { criterion: crit('area_m2').id, decision: 'confirm' }],
    ['complete', {}], ['send-back', { remarks: 'x', s_space: '1', r_space: 'x' }],
    ['association', { criterion: crit('association').id, value: '50' }]]) {
    const r = await r1.post(`/review/file/${f2}/${p}`, { version: v, ...f });
    assert.equal(r.status, 404, `${p} on another region's file`);
  }
  assert.equal(version(f2), v, 'nothing written');
  const own = await as(rev2).get(`/review/file/${f2}`);
  assert.equal(own.status, 200);
  assert.match(own.text, /action="\/review\/file\/\d+\/verify"/);

  const h = as(hq);
  const page = await h.get(`/review/file/${fa}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /action="\/review\/file\/\d+\/verify"/, 'HQ has no review forms');
  assert.equal((await h.post(`/review/file/${fa}/verify`, { version: version(fa), criterion: crit('area_m2').id,
    decision: 'confirm' })).status, 403);
  // A licensee has no business here at all.
  const lic = as({ id: A.uid });
  assert.equal((await lic.get('/review')).status, 403);
  assert.equal((await lic.get(`/review/file/${fa}`)).status, 403);
});

test('the file page shows values, evidence beside them and the office\'s history', async () => {
  const p = await as(rev1).get(`/review/file/${fdemo}`);
  assert.equal(p.status, 200);
  const file = one(`SELECT id FROM declaration_evidence WHERE declaration_id = ${fdemo} ORDER BY id LIMIT 1`);
  assert.ok(p.text.includes(`href="/decl/${demo.office}/file/${file}"`), 'a link to the protected download');
  const dl = await as(rev1).get(`/decl/${demo.office}/file/${file}`);
  assert.equal(dl.status, 200, 'the region\'s reviewer may open the document');
  assert.match(dl.text, /^%PDF-1\.4 review test/);
  assert.equal((await as(rev2).get(`/decl/${demo.office}/file/${file}`)).status, 404, 'another region\'s may not');
  assert.match(text(p.text), /سابقه دفتر/);
  assert.match(text(p.text), /رتبه: ۱/, 'the rank of 1404-2');
  assert.ok(p.text.includes(toPersian(String(Math.floor((crit('area_m2').min + crit('area_m2').max) / 2)))),
    'the declared area');
});

test('verify: confirm, correct with its required note; refusals write nothing', async () => {
  const r1 = as(rev1);
  let v = version(fa);
  const audits0 = audits(fa, 'review.verify').length;
  // Correct without a note: 422, the form as typed, nothing written.
  let r = await r1.post(`/review/file/${fa}/verify`, { version: v, criterion: crit('area_m2').id,
    decision: 'correct', value: '۳۵', note: '' });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /توضیح آن را بنویسید/);
  assert.match(r.text, /value="(35|۳۵)"/, 'the value as typed (digits folded)');
  assert.equal(value(fa, 'area_m2')[0], 'pending');
  assert.equal(version(fa), v);
  assert.equal(audits(fa, 'review.verify').length, audits0);
  // Out of range, and not a number.
  r = await r1.post(`/review/file/${fa}/verify`, { version: v, criterion: crit('area_m2').id,
    decision: 'correct', value: '99999', note: 'سند' });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /خارج از بازه/);
  r = await r1.post(`/review/file/${fa}/verify`, { version: v, criterion: crit('area_m2').id,
    decision: 'correct', value: 'بیست', note: 'سند' });
  assert.equal(r.status, 422);
  // An option of another criterion.
  r = await r1.post(`/review/file/${fa}/verify`, { version: v, criterion: crit('location').id,
    decision: 'correct', value: 'no_such', note: 'عکس' });
  assert.equal(r.status, 422);
  assert.equal(version(fa), v);

  // Correct with a note.
  r = await r1.post(`/review/file/${fa}/verify`, { version: v, criterion: crit('area_m2').id,
    decision: 'correct', value: '۳۵', note: 'مساحت سند ۳۵ متر است' });
  assert.equal(r.status, 303, text(r.text).slice(0, 400));
  assert.equal(r.headers.get('location'), `/review/file/${fa}?verified=1`);
  assert.deepEqual(value(fa, 'area_m2').slice(0, 4), ['corrected', '35', 'NULL', 'مساحت سند 35 متر است']);
  assert.equal(Number(version(fa)), Number(v) + 1);
  const [old, nu, actor] = audits(fa, 'review.verify').at(-1);
  assert.equal(JSON.parse(old).verify_state, 'pending');
  assert.deepEqual([JSON.parse(nu).verify_state, JSON.parse(nu).verified_num], ['corrected', 35]);
  assert.equal(Number(actor), rev1.id);
  // A choice corrected to another option.
  const loc = crit('location');
  v = version(fa);
  r = await r1.post(`/review/file/${fa}/verify`, { version: v, criterion: loc.id,
    decision: 'correct', value: loc.opts.at(-1).code, note: 'عکس محل' });
  assert.equal(r.status, 303);
  assert.equal(value(fa, 'location')[2], String(loc.opts.at(-1).id));
  // Confirm: the declared value stands, verified_* NULL.
  v = version(fa);
  r = await r1.post(`/review/file/${fa}/verify`, { version: v, criterion: crit('activity_years').id, decision: 'confirm' });
  assert.equal(r.status, 303);
  assert.deepEqual(value(fa, 'activity_years').slice(0, 3), ['confirmed', 'NULL', 'NULL']);
  const page = await r1.get(`/review/file/${fa}?verified=1`);
  assert.match(text(page.text), /بررسی مقدار ثبت شد/);
  assert.match(text(page.text), /مساحت سند ۳۵ متر است/);
});

test('a stale form is refused with 409 and writes nothing', async () => {
  const r1 = as(rev1);
  const v = Number(version(fa));
  const r = await r1.post(`/review/file/${fa}/verify`, { version: v - 1, criterion: crit('satisfaction').id,
    decision: 'confirm' });
  assert.equal(r.status, 409);
  assert.match(text(r.text), /تغییر کرده است/);
  assert.equal(value(fa, 'satisfaction')[0], 'pending');
  assert.equal(Number(version(fa)), v);
});

test('the association score: within its range, stored verified and confirmed', async () => {
  const r1 = as(rev1);
  const a = crit('association');
  let v = version(fa);
  let r = await r1.post(`/review/file/${fa}/association`, { version: v, criterion: a.id, value: '150' });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /خارج از بازه/);
  assert.equal(value(fa, 'association'), undefined, 'nothing stored');
  r = await r1.post(`/review/file/${fa}/association`, { version: v, criterion: a.id, value: '-1' });
  assert.equal(r.status, 422);
  // The association score is not verified like a declared value.
  r = await r1.post(`/review/file/${fa}/verify`, { version: v, criterion: a.id, decision: 'confirm' });
  assert.equal(r.status, 422);
  r = await r1.post(`/review/file/${fa}/association`, { version: v, criterion: a.id, value: '۸۵' });
  assert.equal(r.status, 303);
  assert.deepEqual(value(fa, 'association'), ['confirmed', '85', 'NULL', 'NULL', 'NULL']);
  const [old, nu] = audits(fa, 'review.association').at(-1);
  assert.equal(JSON.parse(old).verify_state, 'none');
  assert.equal(JSON.parse(nu).verified_num, 85);
  // A licensee criterion is not an association score.
  v = version(fa);
  r = await r1.post(`/review/file/${fa}/association`, { version: v, criterion: crit('area_m2').id, value: '10' });
  assert.equal(r.status, 422);
});

test('violations: added with the round\'s points, revoked with a reason', async () => {
  const r1 = as(rev1);
  const t = vtypes[0];
  let v = version(fa);
  let r = await r1.post(`/review/file/${fa}/violation`, { version: v, type: '65000', occurrences: '1', note: 'x' });
  assert.equal(r.status, 422, 'a type outside the round');
  r = await r1.post(`/review/file/${fa}/violation`, { version: v, type: t.id, occurrences: '0', note: 'x' });
  assert.equal(r.status, 422);
  r = await r1.post(`/review/file/${fa}/violation`, { version: v, type: t.id, occurrences: '2', note: '' });
  assert.equal(r.status, 422);
  assert.equal(one(`SELECT COUNT(*) FROM violations WHERE declaration_id = ${fa}`), '0');
  r = await r1.post(`/review/file/${fa}/violation`, { version: v, type: t.id, occurrences: '۲', note: 'دریافت وجه اضافه' });
  assert.equal(r.status, 303);
  const [vid, occ, pts, revoked] = rows(`SELECT id, occurrences, points_each_x100, revoked_at IS NOT NULL
      FROM violations WHERE declaration_id = ${fa}`)[0];
  assert.deepEqual([occ, Number(pts), revoked], ['2', t.points, '0']);
  let [old, nu] = audits(fa, 'review.violation_add').at(-1);
  assert.deepEqual([JSON.parse(old).in_force, JSON.parse(nu).in_force, JSON.parse(nu).occurrences], [0, 1, 2]);

  v = version(fa);
  r = await r1.post(`/review/file/${fa}/violation/${vid}/revoke`, { version: v, reason: '' });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /دلیل لغو/);
  r = await r1.post(`/review/file/${fa}/violation/99999999/revoke`, { version: v, reason: 'x' });
  assert.equal(r.status, 404);
  r = await r1.post(`/review/file/${fa}/violation/${vid}/revoke`, { version: v, reason: 'رسید بازپرداخت ارائه شد' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT revoke_reason FROM violations WHERE id = ${vid}`), 'رسید بازپرداخت ارائه شد');
  [old, nu] = audits(fa, 'review.violation_revoke').at(-1);
  assert.deepEqual([JSON.parse(old).revoked, JSON.parse(nu).revoked], [false, true]);
  r = await r1.post(`/review/file/${fa}/violation/${vid}/revoke`, { version: version(fa), reason: 'دوباره' });
  assert.equal(r.status, 409, 'already revoked');
});

test('violation documents: attached by the region with the file\'s version, read only by those who may', async () => {
  const t = vtypes[0];
  const r1 = as(rev1);
  let r = await r1.post(`/review/file/${fa}/violation`, { version: version(fa), type: t.id, occurrences: '1', note: 'جابه‌جایی بدون موافقت' });
  assert.equal(r.status, 303);
  const vid = Number(one(`SELECT MAX(id) FROM violations WHERE declaration_id = ${fa}`));
  const s = dbSession(rev1.id, T0);
  const send = (who, v, bytes, name = 'گزارش بازدید.pdf') => {
    const fd = new FormData();
    fd.append('csrf', who.csrf);
    fd.append('version', String(v));
    fd.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    return http(`/review/file/${fa}/violation/${vid}/upload`, { method: 'POST', body: fd,
      headers: { cookie: who.cookie, 'x-geps-test-now': String(T0) } });
  };
  const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% visit ${randomBytes(6).toString('hex')}\n%%EOF\n`);
  // A stale version is refused and nothing is linked.
  r = await send(s, Number(version(fa)) - 1, pdf);
  assert.equal(r.status, 409);
  assert.equal(one(`SELECT COUNT(*) FROM violation_evidence WHERE violation_id = ${vid}`), '0');
  r = await send(s, version(fa), pdf);
  assert.equal(r.status, 303, r.text.slice(0, 200));
  const ev = Number(one(`SELECT evidence_id FROM violation_evidence WHERE violation_id = ${vid}`));
  evidenceShas.push(createHash('sha256').update(pdf).digest('hex'));
  assert.equal(audits(fa, 'review.violation_attach').length, 1);
  // Another region's reviewer can neither attach nor read; the licensee and HQ read.
  r = await send(dbSession(rev2.id, T0), version(fa), pdf, 'x.pdf');
  assert.equal(r.status, 404);
  const read = (uid) => http(`/violation/${vid}/file/${ev}`, { headers: { cookie: dbSession(uid, T0).cookie, 'x-geps-test-now': String(T0) } });
  assert.equal((await read(rev2.id)).status, 404);
  assert.equal((await read(rev1.id)).status, 200);
  assert.equal((await read(A.uid)).status, 200);
  assert.match((await as(rev1).get(`/review/file/${fa}`)).text, new RegExp(`/violation/${vid}/file/${ev}`));
  r = await r1.post(`/review/file/${fa}/violation/${vid}/revoke`, { version: version(fa), reason: 'آزمون پیوست' });
  assert.equal(r.status, 303);
});

test('complete is refused while values are pending, then locks the file', async () => {
  const r1 = as(rev1);
  let r = await r1.post(`/review/file/${fa}/complete`, { version: version(fa) });
  assert.equal(r.status, 409);
  assert.match(text(r.text), /بررسی کامل نیست/);
  assert.equal(stateOf(fa), 'submitted');
  // Confirm what is left, section by section.
  for (const s of [...new Set(crits.filter((c) => c.filled_by !== 'reviewer').map((c) => c.section))]) {
    const pending = Number(one(`SELECT COUNT(*) FROM declaration_values v JOIN criteria c ON c.id = v.criterion_id
        JOIN rubric_sections s ON s.id = c.section_id WHERE v.declaration_id = ${fa} AND s.code = '${s}'
        AND v.verify_state = 'pending'`));
    r = await r1.post(`/review/file/${fa}/confirm-section`, { version: version(fa), section: s });
    assert.equal(r.status, pending > 0 ? 303 : 422, `section ${s}`);
  }
  assert.equal(one(`SELECT COUNT(*) FROM declaration_values WHERE declaration_id = ${fa} AND verify_state = 'pending'`), '0');
  r = await r1.post(`/review/file/${fa}/complete`, { version: version(fa) });
  assert.equal(r.status, 303);
  const [state, reviewer, reviewedAt] = rows(`SELECT state, reviewer_user_id, reviewed_at IS NOT NULL FROM declarations WHERE id = ${fa}`)[0];
  assert.deepEqual([state, Number(reviewer), reviewedAt], ['reviewed', rev1.id, '1']);
  const [old, nu] = audits(fa, 'review.complete').at(-1);
  assert.deepEqual([JSON.parse(old).state, JSON.parse(nu).state], ['submitted', 'reviewed']);
  // Locked: no further change.
  r = await r1.post(`/review/file/${fa}/verify`, { version: version(fa), criterion: crit('area_m2').id, decision: 'confirm' });
  assert.equal(r.status, 409);
  assert.match(text(r.text), /قفل شده/);
});

test('HQ reopens a reviewed file with a reason, audited; a reviewer cannot', async () => {
  const v = version(fa);
  let r = await as(rev1).post(`/review/file/${fa}/reopen`, { version: v, reason: 'x' });
  assert.equal(r.status, 403);
  r = await as(hq).post(`/review/file/${fa}/reopen`, { version: v, reason: '' });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /دلیل بازگشایی/);
  assert.equal(stateOf(fa), 'reviewed');
  r = await as(hq).post(`/review/file/${fa}/reopen`, { version: v, reason: 'اعتراض کتبی دفتر به ستاد' });
  assert.equal(r.status, 303);
  assert.equal(stateOf(fa), 'submitted', 'back to the state it had (never sent back)');
  const [old, nu, actor] = audits(fa, 'review.reopen').at(-1);
  assert.equal(JSON.parse(old).state, 'reviewed');
  assert.deepEqual([JSON.parse(nu).state, JSON.parse(nu).reason], ['submitted', 'اعتراض کتبی دفتر به ستاد']);
  assert.equal(Number(actor), hq.id);
  r = await as(hq).post(`/review/file/${fa}/reopen`, { version: version(fa), reason: 'دوباره' });
  assert.equal(r.status, 409, 'only a reviewed file');
});

test('send back -> the licensee sees the remarks, edits only the marked section -> resubmits -> back in the queue', async () => {
  const r1 = as(rev1);
  const v = version(fb);
  // Refusals: no section, a section without its remark, no general remarks.
  let r = await r1.post(`/review/file/${fb}/send-back`, { version: v, remarks: 'کلی' });
  assert.equal(r.status, 422);
  r = await r1.post(`/review/file/${fb}/send-back`, { version: v, remarks: 'کلی', s_location: '1' });
  assert.equal(r.status, 422);
  r = await r1.post(`/review/file/${fb}/send-back`, { version: v, remarks: '', s_location: '1', r_location: 'عکس' });
  assert.equal(r.status, 422);
  r = await r1.post(`/review/file/${fb}/send-back`, { version: v, remarks: 'کلی', s_association: '1', r_association: 'x' });
  assert.equal(r.status, 422, 'the association section is not the licensee\'s');
  assert.equal(stateOf(fb), 'submitted');
  // Confirm a value of the section first: a send-back reopens its verification.
  r = await r1.post(`/review/file/${fb}/verify`, { version: v, criterion: crit('location').id, decision: 'confirm' });
  assert.equal(r.status, 303);
  r = await r1.post(`/review/file/${fb}/send-back`, { version: version(fb),
    remarks: 'عکس سردر دفتر با نشانی اعلام‌شده نمی‌خواند', s_location: '1', r_location: 'عکس تازه از سردر و خیابان' });
  assert.equal(r.status, 303, text(r.text).slice(0, 400));
  const due = '2026-07-27';	// 22 Jul + 5 days
  const [state, dueDate, returns] = rows(`SELECT state, due_date, return_count FROM declarations WHERE id = ${fb}`)[0];
  assert.deepEqual([state, dueDate, returns], ['returned', due, '1']);
  const [sb, sbDue, resub] = rows(`SELECT id, due_date, resubmitted_at IS NULL FROM send_backs WHERE declaration_id = ${fb}`)[0];
  assert.deepEqual([sbDue, resub], [due, '1']);
  assert.deepEqual(rows(`SELECT s.code, x.remark FROM send_back_sections x JOIN rubric_sections s ON s.id = x.section_id
      WHERE x.send_back_id = ${sb}`), [['location', 'عکس تازه از سردر و خیابان']]);
  assert.equal(value(fb, 'location')[0], 'pending', 'the marked section is verified again');
  const [old, nu] = audits(fb, 'review.send_back').at(-1);
  assert.equal(JSON.parse(old).state, 'submitted');
  assert.deepEqual([JSON.parse(nu).state, JSON.parse(nu).due_date, JSON.parse(nu).sections], ['returned', due, 'location']);
  // The licensee is told, with the office code and the due day in Jalali.
  const msg = lastMessage(B.uid, 'send_back');
  assert.ok(msg && msg.includes(toPersian(B.code)), msg);
  assert.ok(msg.includes('۱۴۰۵/۰۵/۰۵'), msg);
  assert.equal(Number(one(`SELECT COUNT(*) FROM outbox WHERE user_id = ${B.uid} AND template = 'send_back'`)), 2, 'SMS and email');

  // The licensee's side, two days later.
  const lic = as({ id: B.uid }, T0 + 2 * DAY);
  const sum = await lic.get(`/decl/${B.office}`);
  assert.equal(sum.status, 200);
  assert.match(text(sum.text), /عکس سردر دفتر با نشانی اعلام‌شده نمی‌خواند/);
  const lv = () => String(sum.text.match(/name="version" value="(\d+)"/)?.[1] ?? version(fb));
  const loc = crit('location');
  r = await lic.post(`/decl/${B.office}/section/performance`, { version: version(fb), c_activity_years: '12' });
  assert.equal(r.status, 409, 'a section not marked cannot change');
  r = await lic.post(`/decl/${B.office}/section/location`, { version: version(fb), c_location: loc.opts.at(-1).code });
  assert.equal(r.status, 303, text(r.text).slice(0, 300));
  assert.equal(one(`SELECT declared_option_id FROM declaration_values WHERE declaration_id = ${fb} AND criterion_id = ${loc.id}`),
    String(loc.opts.at(-1).id));
  assert.ok(lv());
  r = await lic.post(`/decl/${B.office}/submit`, { version: version(fb) });
  assert.equal(r.status, 303, text(r.text).slice(0, 400));
  assert.equal(stateOf(fb), 'resubmitted');
  assert.equal(one(`SELECT resubmitted_at IS NOT NULL FROM send_backs WHERE id = ${sb}`), '1');
  // Back in the region's queue as resubmitted.
  const q = await as(rev1, T0 + 2 * DAY).get(`/review?round=${round.id}&state=resubmitted`);
  assert.ok(q.text.includes(toPersian(B.code)));
  assert.ok(!q.text.includes(toPersian(C.code)));
  const page = await as(rev1, T0 + 2 * DAY).get(`/review/file/${fb}`);
  assert.match(text(page.text), /سابقه ارجاع برای اصلاح/);
  assert.match(text(page.text), /عکس تازه از سردر و خیابان/);
  // Sent back a second time: the history keeps both.
  r = await as(rev1, T0 + 2 * DAY).post(`/review/file/${fb}/send-back`, { version: version(fb),
    remarks: 'دوباره', s_space: '1', r_space: 'اجاره‌نامه' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT COUNT(*) FROM send_backs WHERE declaration_id = ${fb}`), '2');
  assert.equal(one(`SELECT return_count FROM declarations WHERE id = ${fb}`), '2');
});

test('a correction on day 6 after the send-back is refused', async () => {
  const r = await as(rev1).post(`/review/file/${fc}/send-back`, { version: version(fc),
    remarks: 'فهرست بیمه ناخواناست', s_staff: '1', r_staff: 'فهرست بیمه تازه' });
  assert.equal(r.status, 303);
  // Day 5 (27 Jul) is the last day; day 6 is refused.
  const late = as({ id: C.uid }, at('2026-07-28', '00:00:01'));
  const sum = await late.get(`/decl/${C.office}`);
  assert.match(text(sum.text), /مهلت اصلاح پرونده به پایان رسیده است/);
  let x = await late.post(`/decl/${C.office}/submit`, { version: version(fc) });
  assert.equal(x.status, 409);
  x = await late.post(`/decl/${C.office}/section/staff`, { version: version(fc) });
  assert.equal(x.status, 409);
  assert.equal(stateOf(fc), 'returned');
  // The last second of day 5 still counts.
  x = await as({ id: C.uid }, at('2026-07-27', '23:59:59')).post(`/decl/${C.office}/submit`, { version: version(fc) });
  assert.equal(x.status, 303, text(x.text).slice(0, 300));
  assert.equal(stateOf(fc), 'resubmitted');
});

test('after the review window every action is refused; the queue stays visible; HQ sees the overdue files', async () => {
  const late = at('2026-07-31');
  const r1 = as(rev1, late);
  const v = version(fdemo);
  let r = await r1.post(`/review/file/${fdemo}/verify`, { version: v, criterion: crit('area_m2').id, decision: 'confirm' });
  assert.equal(r.status, 409);
  assert.match(text(r.text), /مهلت بررسی منطقه/);
  r = await r1.post(`/review/file/${fdemo}/complete`, { version: v });
  assert.equal(r.status, 409);
  assert.equal(version(fdemo), v);
  const q = await r1.get(`/review?round=${round.id}`);
  assert.equal(q.status, 200);
  assert.match(text(q.text), /فقط قابل مشاهده/);
  const page = await r1.get(`/review/file/${fdemo}`);
  assert.doesNotMatch(page.text, /action="\/review\/file\/\d+\/verify"/);

  // The last day itself is still open.
  r = await as(rev1, at(REVIEW_END, '23:59:00')).post(`/review/file/${fdemo}/verify`, { version: v,
    criterion: crit('area_m2').id, decision: 'confirm' });
  assert.equal(r.status, 303);

  // HQ's list of overdue files, by region with counts.
  const before = await as(hq, T0).get('/hq/review/overdue');
  assert.equal(before.status, 200);
  assert.ok(!before.text.includes(toPersian(A.code)), 'not overdue before the end of the review');
  const o = await as(hq, late).get('/hq/review/overdue');
  assert.equal(o.status, 200);
  for (const x of [A, demo, R2, C]) assert.ok(o.text.includes(toPersian(x.code)), `${x.code} overdue`);
  assert.ok(!o.text.includes(toPersian(B.code)), 'a file waiting for its licensee is not the region\'s delay');
  // Per region: at least this test's files (another test's round may add to them).
  const count = (n) => Number(text(o.text).match(new RegExp(`منطقه ${n}: ([۰-۹]+)`))[1]
    .replace(/[۰-۹]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
  assert.ok(count('۱') >= 3 && count('۲') >= 1);
  assert.equal((await as(rev1, late).get('/hq/review/overdue')).status, 403);
});

test('every review action left an audit row with old and new values', () => {
  const ids = [fa, fb, fc, f2, fdemo].join(',');
  const acts = rows(`SELECT action, old_json IS NOT NULL AND new_json IS NOT NULL FROM audit_log
      WHERE entity_type = 'declaration' AND entity_id IN (${ids}) AND action LIKE 'review.%'`);
  const seen = new Set(acts.map((a) => a[0]));
  for (const a of ['review.verify', 'review.association', 'review.violation_add', 'review.violation_revoke',
    'review.send_back', 'review.complete', 'review.reopen']) assert.ok(seen.has(a), `${a} audited`);
  for (const [a, both] of acts) assert.equal(both, '1', `${a} has old and new values`);
});
