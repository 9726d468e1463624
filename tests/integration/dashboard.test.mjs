// The licensee's dashboard against the real stack.  It reads all of a licensee's
// offices with their current files and facts in one statement and their previous
// round's values in one more, and keeps a frozen rubric per worker; these tests
// show that what it says of each office is what the office's own file page says
// (which reads everything office by office), for a file with a previous round's
// values, one without, a draft with saved values and a file sent back in a round
// under review, and that the statements it runs do not grow with the offices.
// Everything made here is removed at the end (the users stay: audit rows name them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { http, sql, SRCDIR } from './lib/stack.mjs';
import { nidFrom, dbSession } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const fromPersian = (s) => Number(s.replace(/[۰-۹]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));

const CODE = '1399-2';
let open;		// the open demo round's id
let review;		// this test's round under review
let user, sess;		// the licensee of every office below
const offices = {};	// name -> office id
let serial = Number(String(Date.now()).slice(-6));

function cleanup() {
  const id = one(`SELECT COALESCE(MAX(id), 0) FROM rounds WHERE code = '${CODE}'`);
  if (id !== '0') sql(`DELETE FROM declarations WHERE round_id = ${id}; DELETE FROM rounds WHERE id = ${id}`);
  if (user) sql(`DELETE FROM declarations WHERE office_id IN (SELECT id FROM offices WHERE licensee_user_id = ${user});
                 DELETE FROM office_staff WHERE office_id IN (SELECT id FROM offices WHERE licensee_user_id = ${user});
                 DELETE FROM offices WHERE licensee_user_id = ${user}`);
}

// An office of the licensee (a copy of a demo office's data, one insured staff member).
function office(name) {
  const n = serial++;
  const code = `3${String(n).padStart(8, '0')}`;
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address,
         postal_code, phone, opening_hours, area_m2, accessibility_json, licensee_user_id)
       SELECT '${code}', kind, 'دفتر ${name}', 'DB-${code}', province_id, region_id, city_id, address, '1234567890',
         '02100000000', opening_hours, 48, '{"ramp": true}', ${user}
       FROM offices ORDER BY id LIMIT 1`);
  const id = Number(one(`SELECT id FROM offices WHERE code = '${code}'`));
  sql(`INSERT INTO office_staff (office_id, national_id, first_name, last_name, job_title, insured)
       VALUES (${id}, '${nidFrom(860000000 + n)}', 'کارمند', 'آزمون', 'مدیر دفتر', 1)`);
  offices[name] = id;
  return id;
}

// A file of office in round, its values copied from a demo file of the same round.
function file(officeId, roundId, state, extra = '') {
  sql(`INSERT INTO declarations (round_id, office_id, province_id, region_id, state, submitted_at, submit_count ${extra ? ', due_date' : ''})
       SELECT ${roundId}, id, province_id, region_id, '${state}', ${state === 'draft' ? 'NULL' : 'NOW(6)'},
         ${state === 'draft' ? 0 : 1} ${extra ? `, ${extra}` : ''} FROM offices WHERE id = ${officeId}`);
  return Number(one(`SELECT id FROM declarations WHERE office_id = ${officeId} AND round_id = ${roundId}`));
}

before(() => {
  cleanup();
  open = Number(one(`SELECT id FROM rounds WHERE state = 'open'`));
  const prev = Number(one(`SELECT id FROM rounds WHERE state = 'final' ORDER BY decl_start_date DESC LIMIT 1`));
  const nid = nidFrom(850000000 + (serial % 1000000));
  sql(`INSERT INTO users (national_id, role, first_name, last_name, mobile, password_kind)
       VALUES ('${nid}', 'licensee', 'آزمون', 'میز کار', '0915${String(serial % 10000000).padStart(7, '0')}', 'none')`);
  user = Number(one(`SELECT id FROM users WHERE national_id = '${nid}'`));
  sess = dbSession(user);

  // "withprev": a previous round's file whose values fill this round's form.
  const source = one(`SELECT d.id FROM declarations d WHERE d.round_id = ${prev}
      AND d.state = 'reviewed' AND (SELECT COUNT(*) FROM declaration_values v WHERE v.declaration_id = d.id) > 5
      ORDER BY d.id LIMIT 1`);
  const p = file(office('withprev'), prev, 'reviewed');
  sql(`INSERT INTO declaration_values (declaration_id, round_id, criterion_id, declared_num, declared_option_id)
       SELECT ${p}, round_id, criterion_id, declared_num, declared_option_id FROM declaration_values
       WHERE declaration_id = ${source}`);
  // "plain": nothing before.
  office('plain');
  // "draft": a draft of the open round with one required number saved.
  const d = file(office('draft'), open, 'draft');
  const [cid, min] = rows(`SELECT c.id, COALESCE(c.min_value, 0) FROM criteria c WHERE c.round_id = ${open}
      AND c.filled_by = 'licensee' AND c.required = 1 AND c.kind = 'number' AND c.prefill = 'previous_round'
      ORDER BY c.id LIMIT 1`)[0];
  sql(`INSERT INTO declaration_values (declaration_id, round_id, criterion_id, declared_num)
       VALUES (${d}, ${open}, ${cid}, ${min})`);
  // "returned": sent back in a round under review (before the open one), due in 3 days.
  sql(`INSERT INTO rounds (code, title, decl_start_date, decl_end_date, review_end_date, rank1_min_x100, rank2_min_x100)
       VALUES ('${CODE}', 'آزمون میز کار', '2026-07-01', '2026-07-20', CURDATE() + INTERVAL 20 DAY, 7000, 4000);
       SET @round_id = LAST_INSERT_ID();
       ${readFileSync(path.join(SRCDIR, 'sql/reference/rubric/default.sql'), 'utf8')}`);
  sql(`UPDATE rounds SET state = 'review', rubric_frozen_at = UTC_TIMESTAMP(6) WHERE code = '${CODE}'`);
  review = Number(one(`SELECT id FROM rounds WHERE code = '${CODE}'`));
  const r = file(office('returned'), review, 'returned', 'CURDATE() + INTERVAL 3 DAY');
  sql(`INSERT INTO send_backs (declaration_id, remarks, due_date, created_by_user_id)
       VALUES (${r}, 'مدارک بخش نیروی انسانی ناخواناست.', CURDATE() + INTERVAL 3 DAY, ${user})`);
});

after(cleanup);

// Each office's card on the dashboard: round title, state and missing count (null: ready).
function cards(html) {
  const out = {};
  for (const m of html.matchAll(/<section class="card office-card" aria-labelledby="office-(\d+)-title">([\s\S]*?)<\/section>/g)) {
    const body = m[2];
    const miss = body.match(/<p class="status status--warn">([۰-۹]+) مورد از خوداظهاری/);
    out[Number(m[1])] = {
      round: (body.match(/<dt>دوره جاری<\/dt><dd>([^<]*)<\/dd>/) || [])[1],
      state: (body.match(/<span class="badge badge--[a-z]+">([^<]*)<\/span>/) || [])[1],
      missing: miss ? fromPersian(miss[1]) : null,
      ready: body.includes('همه موارد لازم کامل است'),
    };
  }
  return out;
}

test('the dashboard says of each office what its file page says', async () => {
  const dash = await http('/dashboard', { headers: { cookie: sess.cookie } });
  assert.equal(dash.status, 200);
  const c = cards(dash.text);
  assert.deepEqual(Object.keys(c).map(Number).sort(), Object.values(offices).sort());
  const openTitle = one(`SELECT title FROM rounds WHERE id = ${open}`);
  for (const name of ['withprev', 'plain', 'draft']) assert.equal(c[offices[name]].round, openTitle, name);
  assert.equal(c[offices.returned].round, 'آزمون میز کار');
  assert.equal(c[offices.returned].state, 'برگشت برای اصلاح');
  assert.equal(c[offices.draft].state, 'پیش‌نویس (ارسال نشده)');
  for (const [name, id] of Object.entries(offices)) {
    const page = await http(`/decl/${id}`, { headers: { cookie: sess.cookie } });
    assert.equal(page.status, 200, name);
    const m = page.text.match(/<p class="status status--warn">([۰-۹]+) مورد هنوز کامل نشده است/);
    assert.ok(m, `${name}: the file page counts what is missing`);
    assert.equal(c[id].missing, fromPersian(m[1]), `${name}: the same count on both pages`);
  }
  // The previous round's values fill the form: fewer items are missing than for
  // the same office without them; a saved value counts as well.
  assert.ok(c[offices.withprev].missing < c[offices.plain].missing,
    `previous values count (${c[offices.withprev].missing} < ${c[offices.plain].missing})`);
  assert.equal(c[offices.draft].missing, c[offices.plain].missing - 1);
});

// Statements executed by the server for one dashboard request: the least of five
// (the outbox timer may run beside one of them).
async function statements(cookie) {
  let least = Infinity;
  const count = () => Number(rows(`SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'`)[0][1]);
  for (let i = 0; i < 5; i++) {
    const before = count();
    const r = await http('/dashboard', { headers: { cookie } });
    assert.equal(r.status, 200);
    least = Math.min(least, count() - before);
  }
  return least;
}

test('the statements of the dashboard do not grow with the offices of the open round', async () => {
  const four = await statements(sess.cookie);
  // Three more offices in the open round: one with a previous file, two without.
  const prev = Number(one(`SELECT id FROM rounds WHERE state = 'final' ORDER BY decl_start_date DESC LIMIT 1`));
  file(office('more1'), prev, 'reviewed');
  office('more2');
  office('more3');
  const seven = await statements(sess.cookie);
  assert.equal(seven, four, `the same statements for 7 offices as for 4 (${four})`);
  // Session, offices, previous values; the draft's values and files; the returned
  // file's send-back (2), values and files (2) and previous values (its round is another).
  assert.ok(four <= 10, `at most 10 statements (${four})`);
  // A licensee whose offices have no file yet: three statements.
  const nid = nidFrom(870000000 + (serial++ % 1000000));
  sql(`INSERT INTO users (national_id, role, first_name, last_name, mobile, password_kind)
       VALUES ('${nid}', 'licensee', 'آزمون', 'میز کار', '0916${String(serial % 10000000).padStart(7, '0')}', 'none')`);
  const other = Number(one(`SELECT id FROM users WHERE national_id = '${nid}'`));
  const saved = user;
  user = other;
  try {
    office('bare1');
    office('bare2');
    assert.equal(await statements(dbSession(other).cookie), 3);
  } finally {
    cleanup();
    user = saved;
  }
});
