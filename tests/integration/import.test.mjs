// geps import-offices and geps user add against the stack's real database.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { geps, sql } from './lib/stack.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'geps-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// A valid national ID from its first nine digits (the checksum of DOMAIN.md).
function nid(nine) {
  let s = 0;
  for (let i = 0; i < 9; i++) s += Number(nine[i]) * (10 - i);
  const r = s % 11;
  return nine + String(r < 2 ? r : 11 - r);
}
const fa = (s) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);

// IDs and codes far from the demo data (which uses 8-digit office codes).
const A = nid('971300001');
const B = nid('971300002');
const C = nid('971300003');
const HEADER = 'office_code,kind,license_no,province,city,address,national_id,first_name,last_name,mobile,email';

function file(name, rows, { bom = true, crlf = true } = {}) {
  const p = path.join(dir, name);
  const nl = crlf ? '\r\n' : '\n';
  writeFileSync(p, (bom ? '\ufeff' : '') + [HEADER, ...rows].join(nl) + nl);
  return p;
}

// Row 1 and 2: one licensee (A, Arabic yeh/kaf, Persian digits) with two offices.
const rows = [
  `ITST-001,urban,ITST-L-001,تهران,تهران,"خیابان آزادی، پلاک ۱۲",${fa(A)},علي,كريمي,${fa('09121110001')},`,
  `ITST-002,rural_ict,ITST-L-002,IR-23,ری,"کوچه ۵, واحد ۲",${A},علی,کریمی,+989121110001,`,
  `ITST-003,شهری,ITST-L-003,اصفهان,اصفهان,خیابان چهارباغ,${B},مریم,احمدی,09131110002,maryam@example.ir`,
];

const count = (q) => Number(sql(q).trim());
const outboxFor = (n) => count(`SELECT COUNT(*) FROM outbox o JOIN users u ON u.id = o.user_id WHERE u.national_id = '${n}'`);

test('a valid registry file creates offices and accounts, with a code in the outbox', () => {
  const r = geps(['import-offices', file('ok.csv', rows)]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /created: offices 3, accounts 2; updated: offices 0, accounts 0; unchanged: offices 0, accounts 0/);
  const a = sql(`SELECT role, first_name, last_name, mobile, password_kind, password_hash IS NOT NULL, initial_secret_hash IS NOT NULL FROM users WHERE national_id = '${A}'`).trim().split('\t');
  assert.deepEqual(a, ['licensee', 'علی', 'کریمی', '09121110001', 'initial', '1', '1']);
  assert.equal(count(`SELECT COUNT(*) FROM offices o JOIN users u ON u.id = o.licensee_user_id WHERE u.national_id = '${A}'`), 2);
  assert.equal(sql("SELECT kind FROM offices WHERE code = 'ITST-002'").trim(), 'rural_ict');
  assert.equal(sql("SELECT p.code FROM offices o JOIN provinces p ON p.id = o.province_id WHERE o.code = 'ITST-003'").trim(), 'IR-10');
  assert.equal(sql(`SELECT email FROM users WHERE national_id = '${B}'`).trim(), 'maryam@example.ir');
  for (const n of [A, B]) {
    assert.equal(outboxFor(n), 1);
    const body = sql(`SELECT o.body FROM outbox o JOIN users u ON u.id = o.user_id WHERE u.national_id = '${n}' AND o.template = 'initial_secret' AND o.channel = 'sms'`);
    assert.match(body, /[A-Za-z0-9]{10}/);
  }
  // The secret is never printed.
  assert.doesNotMatch(r.stdout + r.stderr, /[A-Za-z2-9]{10}/);
  assert.match(sql("SELECT new_json FROM audit_log WHERE action = 'import.offices' ORDER BY id DESC LIMIT 1"), /"file_sha256":"[0-9a-f]{64}"/);
});

test('the same file again changes nothing and queues nothing', () => {
  const before = sql("SELECT code, updated_at FROM offices WHERE code LIKE 'ITST-%' ORDER BY code");
  const outbox = count('SELECT COUNT(*) FROM outbox');
  const r = geps(['import-offices', file('ok.csv', rows)]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /created: offices 0, accounts 0; updated: offices 0, accounts 0; unchanged: offices 3, accounts 2/);
  assert.equal(count('SELECT COUNT(*) FROM outbox'), outbox);
  assert.equal(sql("SELECT code, updated_at FROM offices WHERE code LIKE 'ITST-%' ORDER BY code"), before);
});

test('a changed address updates one office', () => {
  const changed = [...rows];
  changed[2] = changed[2].replace('خیابان چهارباغ', 'خیابان چهارباغ بالا');
  const r = geps(['import-offices', file('changed.csv', changed, { bom: false, crlf: false })]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /created: offices 0, accounts 0; updated: offices 1, accounts 0; unchanged: offices 2, accounts 2/);
  assert.equal(sql("SELECT address FROM offices WHERE code = 'ITST-003'").trim(), 'خیابان چهارباغ بالا');
});

test('an office moved to a province of another region takes its region and its files along', () => {
  const place = (q) => sql(q).trim().split('\t');
  sql(`INSERT INTO declarations (round_id, office_id, province_id, region_id, state)
       SELECT r.id, o.id, o.province_id, o.region_id, 'draft' FROM offices o
       JOIN rounds r ON r.code = '1404-2' WHERE o.code = 'ITST-003'`);
  const fileOf = `SELECT p.code, d.region_id FROM declarations d JOIN offices o ON o.id = d.office_id
      JOIN provinces p ON p.id = d.province_id WHERE o.code = 'ITST-003'`;
  const officeOf = `SELECT p.code, o.region_id, p.region_id FROM offices o JOIN provinces p ON p.id = o.province_id
      WHERE o.code = 'ITST-003'`;
  try {
    assert.deepEqual(place(fileOf), ['IR-10', '6']);
    const moved = [...rows];
    moved[2] = moved[2].replace('اصفهان,اصفهان', 'تهران,تهران');
    const r = geps(['import-offices', file('moved.csv', moved)]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /updated: offices 1/);
    assert.deepEqual(place(officeOf), ['IR-23', '1', '1']);
    assert.deepEqual(place(fileOf), ['IR-23', '1'], 'the file follows its office into region 1');
    // And back.
    assert.equal(geps(['import-offices', file('back.csv', rows)]).status, 0);
    assert.deepEqual(place(fileOf), ['IR-10', '6']);
  } finally {
    sql(`DELETE d FROM declarations d JOIN offices o ON o.id = d.office_id WHERE o.code = 'ITST-003'`);
  }
});

test('a file with errors lists each with its line and writes nothing', () => {
  const offices = count('SELECT COUNT(*) FROM offices');
  const users = count('SELECT COUNT(*) FROM users');
  const outbox = count('SELECT COUNT(*) FROM outbox');
  const bad = [
    `ITST-010,urban,ITST-L-010,تهران,تهران,آدرس,${C},رضا,رضایی,09121110003,`, // line 2: fine
    'ITST-011,urban,ITST-L-011,تهران,تهران,آدرس,0183382391,رضا,رضایی,09121110003,', // line 3: checksum
    `ITST-010,urban,ITST-L-012,تهران,تهران,آدرس,${C},رضا,رضایی,09121110003,`, // line 4: duplicate code
    `ITST-013,urban,ITST-L-013,تهرانستان,تهران,آدرس,${C},رضا,رضایی,09121110003,`, // line 5: province
    `ITST-014,urban,ITST-L-014,تهران,اصفهان,آدرس,${C},رضا,رضایی,12345,bad@`, // line 6: city, mobile, email
    `ITST-015,urban,ITST-L-015,تهران,تهران,آدرس,${C},حسن,رضایی,09121110003,`, // line 7: name differs
    `x,urban,ITST-L-016,تهران,تهران,آدرس,${nid('971300006')},رضا,رضایی,09121110003,`, // line 8: code
    `ITST-017,urban,ITST-L-017,تهران,تهران,آدرس,5586124300,رضا,رضایی,09121110003,`, // line 9: an hq account
    'ITST-018,urban,"unterminated', // line 10: CSV error
  ];
  const r = geps(['import-offices', file('bad.csv', bad)]);
  assert.equal(r.status, 1);
  const e = r.stderr;
  assert.match(e, /^line 3: national_id: /m);
  assert.match(e, /^line 4: office_code: .*line 2/m);
  assert.match(e, /^line 5: province: /m);
  assert.match(e, /^line 6: city: /m);
  assert.match(e, /^line 6: mobile: /m);
  assert.match(e, /^line 6: email: /m);
  assert.match(e, /^line 7: first_name: .*line 2/m);
  assert.match(e, /^line 8: office_code: /m);
  assert.match(e, /^line 9: national_id: .*hq/m);
  assert.match(e, /^line 10: file: .*quote/m);
  assert.doesNotMatch(e, /^line 2:/m);
  assert.match(e, /nothing was written/);
  assert.equal(count('SELECT COUNT(*) FROM offices'), offices);
  assert.equal(count('SELECT COUNT(*) FROM users'), users);
  assert.equal(count('SELECT COUNT(*) FROM outbox'), outbox);
  assert.equal(count("SELECT COUNT(*) FROM offices WHERE code = 'ITST-010'"), 0);
});

test('a header without the required columns is refused', () => {
  const p = path.join(dir, 'header.csv');
  writeFileSync(p, 'office_code,kind,province\nITST-020,urban,تهران\n');
  const r = geps(['import-offices', p]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^line 1: header: column "license_no" is missing/m);
});

const R = nid('971300004');
const H = nid('971300005');

test('geps user add creates a reviewer and an hq user with a one-time code', () => {
  let r = geps(['user', 'add', '--role', 'reviewer', '--national-id', fa(R), '--first-name', 'كارشناس',
    '--last-name', 'آزمون', '--mobile', '۰۹۱۲۱۱۱۰۰۰۴', '--email', 'rev@example.ir', '--region', '3']);
  assert.equal(r.status, 0, r.stderr);
  const id = Number(r.stdout.trim());
  assert.ok(id > 0);
  assert.deepEqual(sql(`SELECT id, role, region_id, first_name, password_kind FROM users WHERE national_id = '${R}'`).trim().split('\t'),
    [String(id), 'reviewer', '3', 'کارشناس', 'initial']);
  assert.equal(sql(`SELECT GROUP_CONCAT(channel ORDER BY channel) FROM outbox WHERE user_id = ${id}`).trim(), 'sms,email');
  assert.match(sql(`SELECT body FROM outbox WHERE user_id = ${id} AND channel = 'sms'`), /[A-Za-z0-9]{10}/);
  assert.equal(count(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.create' AND entity_id = ${id}`), 1);

  r = geps(['user', 'add', '--role=hq', `--national-id=${H}`, '--first-name=مدیر', '--last-name=آزمون', '--mobile=09121110005']);
  assert.equal(r.status, 0, r.stderr);
  const hid = Number(r.stdout.trim());
  assert.equal(sql(`SELECT role, region_id IS NULL FROM users WHERE id = ${hid}`).trim(), 'hq\t1');
  assert.equal(count(`SELECT COUNT(*) FROM outbox WHERE user_id = ${hid}`), 1);
});

test('geps user add refuses bad input and an existing national ID', () => {
  const users = count('SELECT COUNT(*) FROM users');
  const base = ['--national-id', nid('971300007'), '--first-name', 'الف', '--last-name', 'ب', '--mobile', '09121110007'];
  const cases = [
    [['--role', 'reviewer', ...base], /--region: a reviewer needs a region/],
    [['--role', 'hq', '--region', '2', ...base], /--region: only reviewers/],
    [['--role', 'reviewer', '--region', '10', ...base], /--region must be a number 1\.\.9/],
    [['--role', 'licensee', ...base], /--role: must be reviewer or hq/],
    [['--role', 'hq', ...base.slice(0, 6), '--mobile', '0912'], /--mobile: /],
    [['--role', 'hq', '--national-id', '0183382391', ...base.slice(2)], /--national-id: /],
    [['--role', 'hq', '--national-id', R, ...base.slice(2)], /--national-id: an account with this national ID exists/],
    [['--role', 'hq', ...base, '--email', 'nope'], /--email: /],
  ];
  for (const [args, re] of cases) {
    const r = geps(['user', 'add', ...args]);
    assert.notEqual(r.status, 0, args.join(' '));
    assert.match(r.stderr, re, args.join(' '));
  }
  const r = geps(['user', 'add', '--role', 'hq']);
  assert.equal(r.status, 2);
  assert.equal(count('SELECT COUNT(*) FROM users'), users);
});
