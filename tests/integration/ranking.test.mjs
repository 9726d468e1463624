// Ranking, publication and objections against the real stack: `geps rank` scores
// every office of a round with the engine (values verified by the region win over
// the declared ones, violations deduct, bands' lower edges are inside), offices that
// never submitted are ranked on their last known data or left not evaluated as the
// round says; HQ previews and publishes once; the licensee sees the breakdown and
// objects within the window (not on day 8); the region accepts with a changed value
// and the final rank follows; HQ publishes the final ranks after the window; the
// exports open (CSV with BOM, XLSX read by openpyxl).  Everything is audited.
//
// The rounds made here (1397-1, 1397-2) are long past and removed at the end.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { http, sql, geps } from './lib/stack.mjs';
import { dbSession, makeUser } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const audits = (action) => Number(one(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`));
const DAY = 86400;
const now = () => Math.floor(Date.now() / 1000);

const post = (s, p, fields, at) => http(p, {
  method: 'POST', redirect: 'manual',
  body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
  headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded',
    ...(at ? { 'x-geps-test-now': String(at) } : {}) },
});
const get = (s, p, at) => http(p, { headers: { cookie: s.cookie, ...(at ? { 'x-geps-test-now': String(at) } : {}) } });

after(() => sql(`DELETE FROM declarations WHERE round_id IN (SELECT id FROM rounds WHERE code LIKE '1397-%');
                 UPDATE rounds SET copied_from_round_id = NULL WHERE code LIKE '1397-%';
                 DELETE FROM rounds WHERE code LIKE '1397-%'`));

// Three demo offices of different licensees: A and B submit, C never does.
const [A, B, C] = rows(`SELECT o.id, o.licensee_user_id, o.province_id, p.region_id, o.code
    FROM offices o JOIN provinces p ON p.id = o.province_id
    WHERE o.status = 'active' AND o.licensee_user_id IN
      (SELECT licensee_user_id FROM offices GROUP BY licensee_user_id HAVING COUNT(*) = 1)
    ORDER BY o.id LIMIT 3`).map(([id, user, prov, region, code]) =>
  ({ id: Number(id), user: Number(user), prov: Number(prov), region: Number(region), code }));

function makeRound(code, start) {
  const r = geps(['round', 'create', '--code', code, '--title', `آزمون رتبه‌بندی ${code}`, '--start', start]);
  assert.equal(r.status, 0, r.stderr);
  const id = Number(one(`SELECT id FROM rounds WHERE code = '${code}'`));
  sql(`UPDATE rounds SET state = 'review', rubric_frozen_at = NOW(6) WHERE id = ${id}`);
  return id;
}

// A reviewed file of office o in round r with values by criterion code: a number,
// or an option code; [declared, verified] for a value the region corrected.
function file(r, o, values, state = 'reviewed') {
  sql(`INSERT INTO declarations (round_id, office_id, province_id, region_id, state, submitted_at, first_submitted_at, submit_count)
       SELECT ${r}, id, province_id, region_id, '${state}', ${state === 'draft' ? 'NULL' : 'NOW(6)'}, NULL, 1
       FROM offices WHERE id = ${o.id}`);
  const d = Number(one(`SELECT id FROM declarations WHERE round_id = ${r} AND office_id = ${o.id}`));
  for (const [code, v] of Object.entries(values)) {
    const [decl, ver] = Array.isArray(v) ? v : [v, null];
    const crit = `(SELECT id FROM criteria WHERE round_id = ${r} AND code = '${code}')`;
    const opt = (x) => `(SELECT o.id FROM criterion_options o WHERE o.criterion_id = ${crit} AND o.code = '${x}')`;
    const num = (x) => (typeof x === 'number' ? x : 'NULL');
    const op = (x) => (typeof x === 'string' ? opt(x) : 'NULL');
    sql(`INSERT INTO declaration_values (declaration_id, round_id, criterion_id, declared_num, declared_option_id,
           verify_state, verified_num, verified_option_id, verify_note)
         VALUES (${d}, ${r}, ${crit}, ${num(decl)}, ${op(decl)}, '${ver === null ? 'confirmed' : 'corrected'}',
           ${ver === null ? 'NULL' : num(ver)}, ${ver === null ? 'NULL' : op(ver)}, ${ver === null ? 'NULL' : "'سند'"})`);
  }
  return d;
}

function violation(r, d, type, n) {
  sql(`INSERT INTO violations (declaration_id, round_id, violation_type_id, occurrences, points_each_x100, created_by_user_id)
       SELECT ${d}, ${r}, t.violation_type_id, ${n}, t.points_x100, (SELECT id FROM users WHERE role = 'hq' LIMIT 1)
       FROM round_violation_types t JOIN violation_types v ON v.id = t.violation_type_id
       WHERE t.round_id = ${r} AND v.code = '${type}'`);
}

// Hand-computed with sql/reference/rubric/default.sql:
// A: area 45 (verified; 55 declared) 12 + accessibility 2: 4 + staff 4: 8 + insured 3: 8
//    + disabled 0: 0 + main street 12 + 10 years (lower edge of 10+) 10 + satisfaction 70
//    (lower edge of 70-85) 10 + data complete 4 + association 79: 6 = 74; overcharge -5 -> 69.
// B: 25: 8 + 0: 0 + 1: 2 + 0: 0 + 1: 4 + alley 5 + 3 years 5 + 40 %: 0 + no 0 + 50: 3 = 27;
//    forgery twice -20 -> 7.
const VALUES_A = { area_m2: [55, 45], accessibility: 2, staff_count: 4, staff_insured: 3, staff_disabled: 0,
  location: 'main_street', activity_years: 10, satisfaction: 70, data_complete: 'yes', association: 79 };
const VALUES_B = { area_m2: 25, accessibility: 0, staff_count: 1, staff_insured: 0, staff_disabled: 1,
  location: 'alley', activity_years: 3, satisfaction: 40, data_complete: 'no', association: 50 };

let R1, dA, dB, objectionId;
const hq = () => dbSession(Number(one(`SELECT id FROM users WHERE role = 'hq' LIMIT 1`)));

test('geps check-sql: every statement prepares with the right columns', () => {
  const r = geps(['check-sql']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, / 0 failed/);
});

test('geps rank: the engine on hand-computed files, non-submitters not evaluated, one transaction', () => {
  R1 = makeRound('1397-1', '1397/01/15');
  dA = file(R1, A, VALUES_A);
  violation(R1, dA, 'overcharge', 1);
  dB = file(R1, B, VALUES_B);
  violation(R1, dB, 'forgery', 2);
  file(R1, C, { area_m2: 90 }, 'draft');
  const active = Number(one(`SELECT COUNT(*) FROM offices WHERE status = 'active'`));

  // A round that is still open cannot be ranked.
  let r = geps(['rank', '1405-1']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /پس از پایان خوداظهاری/);
  const before = audits('round.rank');
  r = geps(['rank', '1397-1']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`ranked: ${active} files`));
  assert.equal(audits('round.rank'), before + 1);
  assert.equal(one(`SELECT state FROM rounds WHERE id = ${R1}`), 'scoring');

  const got = (d) => rows(`SELECT score_x100, \`rank\`, rank_basis, state FROM declarations WHERE id = ${d}`)[0];
  assert.deepEqual(got(dA), ['6900', '2', 'declared', 'reviewed']);
  assert.deepEqual(got(dB), ['700', '3', 'declared', 'reviewed']);
  // C's draft became not_submitted; with no earlier data it is not evaluated.
  const dC = Number(one(`SELECT id FROM declarations WHERE round_id = ${R1} AND office_id = ${C.id}`));
  assert.deepEqual(got(dC), ['NULL', 'NULL', 'not_evaluated', 'not_submitted']);
  // Every active office has a file now.
  assert.equal(Number(one(`SELECT COUNT(*) FROM declarations WHERE round_id = ${R1}`)), active);

  const bd = JSON.parse(one(`SELECT breakdown_json FROM declarations WHERE id = ${dA}`));
  const line = (c) => bd.criteria.find((x) => x.code === c);
  assert.deepEqual(line('area_m2'), { code: 'area_m2', value: 45, band: 'm30_50', points: 1200 });
  assert.equal(line('activity_years').band, 'y10');
  assert.equal(line('satisfaction').band, 'p70_85');
  assert.equal(line('location').value, 'main_street');
  assert.deepEqual(bd.deductions, [{ type: 'overcharge', occurrences: 1, counted: 1, each: -500, points: -500 }]);
  assert.equal(bd.criteria_x100, 7400);
  assert.equal(bd.total_x100, 6900);
  assert.equal(bd.rank, 2);
  assert.equal(bd.criteria.reduce((s, x) => s + x.points, 0), bd.criteria_x100);

  // Ranking again gives the same result (deterministic) and may be repeated before publication.
  r = geps(['rank', '1397-1']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(got(dA), ['6900', '2', 'declared', 'reviewed']);
});

test('HQ preview: distribution charts and tables, then publish exactly once', async () => {
  const s = hq();
  let res = await get(s, `/hq/round/${R1}/results`);
  assert.equal(res.status, 200);
  assert.match(res.text, /<svg class="chart"/);
  assert.match(res.text, /<rect class="bar--r2"/);
  assert.match(text(res.text), /کل کشور/);
  assert.match(text(res.text), /دوره منتشرشده‌ای پیش از این دوره نیست/);
  // Not public yet: the licensee sees nothing of it.
  const la = dbSession(A.user);
  res = await get(la, `/result/${A.id}?round=${R1}`);
  assert.equal(res.status, 404);

  const before = audits('round.publish');
  res = await post(s, `/hq/round/${R1}/publish`, {});
  assert.equal(res.status, 303);
  assert.equal(audits('round.publish'), before + 1);
  const [state, end] = rows(`SELECT state, objection_end_date FROM rounds WHERE id = ${R1}`)[0];
  assert.equal(state, 'published');
  assert.equal(end, one(`SELECT DATE(CONVERT_TZ(NOW(), '+00:00', '+03:30')) + INTERVAL 7 DAY`));
  assert.ok(Number(one(`SELECT COUNT(*) FROM outbox WHERE user_id = ${A.user} AND template = 'published'`)) >= 1);
  res = await post(s, `/hq/round/${R1}/publish`, {});
  assert.equal(res.status, 409);
  assert.match(text(res.text), /پیش‌تر منتشر شده/);
  assert.equal(audits('round.publish'), before + 1);
  // Ranking after publication is refused.
  const r = geps(['rank', '1397-1']);
  assert.equal(r.status, 1);
});

test('the licensee sees the breakdown, the points missing and where to gain them', async () => {
  const la = dbSession(A.user);
  const res = await get(la, `/result/${A.id}?round=${R1}`);
  assert.equal(res.status, 200);
  const t = text(res.text);
  assert.match(t, /رتبه ۲/);
  assert.match(t, /امتیاز کل: ۶۹/);
  // 70 - 69 = 1 point to rank 1.
  assert.match(t, /برای رسیدن به رتبه ۱ ۱ امتیاز دیگر لازم است/);
  assert.match(t, /کجا می‌توان امتیاز گرفت/);
  assert.match(t, /−۵/);
  // Another licensee's office is not found.
  const lb = dbSession(B.user);
  assert.equal((await get(lb, `/result/${A.id}?round=${R1}`)).status, 404);
});

test('objections: one per office, within 7 days; not on day 8; not for an office not evaluated', async () => {
  const la = dbSession(A.user);
  const n0 = Number(one(`SELECT COUNT(*) FROM objections`));
  const day8 = now() + 8 * DAY;
  let res = await post(dbSession(A.user, day8), `/result/${A.id}/objection`,
    { round: R1, body: 'امتیاز انجمن با نامه انجمن نمی‌خواند.', crit_association: '1' }, day8);
  assert.equal(res.status, 409);
  assert.match(text(res.text), /به پایان رسیده است/);
  assert.equal(Number(one(`SELECT COUNT(*) FROM objections`)), n0);

  res = await post(la, `/result/${A.id}/objection`, { round: R1, body: 'کوتاه' });
  assert.equal(res.status, 422);

  const before = audits('objection.file');
  res = await post(la, `/result/${A.id}/objection`, { round: R1, body: 'امتیاز انجمن با نامه انجمن نمی‌خواند.\nنامه پیوست است.', crit_association: '1', crit_nonexistent: '1' });
  assert.equal(res.status, 303);
  assert.equal(audits('objection.file'), before + 1);
  objectionId = Number(one(`SELECT o.id FROM objections o WHERE o.declaration_id = ${dA}`));
  assert.equal(one(`SELECT body FROM objections WHERE id = ${objectionId}`).includes('نمی‌خواند'), true);
  assert.deepEqual(rows(`SELECT c.code FROM objection_criteria oc JOIN criteria c ON c.id = oc.criterion_id WHERE oc.objection_id = ${objectionId}`),
    [['association']]);
  res = await post(la, `/result/${A.id}/objection`, { round: R1, body: 'دوباره اعتراض می‌کنم به همین رتبه.' });
  assert.equal(res.status, 409);
  assert.match(text(res.text), /یک بار اعتراض ثبت شده/);
  res = await get(la, `/result/${A.id}?round=${R1}`);
  assert.match(text(res.text), /در حال رسیدگی/);

  const lc = dbSession(C.user);
  res = await post(lc, `/result/${C.id}/objection`, { round: R1, body: 'چرا ارزیابی نشده‌ایم؟ مدارک داریم.' });
  assert.equal(res.status, 409);
  assert.match(text(res.text), /ارزیابی نشده/);
});

// A one-page PDF, the smallest the evidence store types as application/pdf.
function pdf(text) {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Comment (${text}) >>`];
  let body = '%PDF-1.4\n';
  const offs = [];
  objs.forEach((o, i) => { offs.push(body.length); body += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body);
}

function attach(s, office, name, bytes, fields = {}) {
  const fd = new FormData();
  fd.append('csrf', s.csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
  return http(`/result/${office}/objection/upload?round=${R1}`, { method: 'POST', body: fd, headers: { cookie: s.cookie } });
}

test('objection documents: attached while filed, read by the licensee and the region only', async () => {
  const la = dbSession(A.user);
  const before = audits('objection.attach');
  let res = await attach(la, A.id, 'نامه انجمن.pdf', pdf('letter'));
  assert.equal(res.status, 303, res.text.slice(0, 300));
  assert.equal(audits('objection.attach'), before + 1);
  const ev = Number(one(`SELECT evidence_id FROM objection_evidence WHERE objection_id = ${objectionId}`));
  assert.ok(ev > 0);
  // The same bytes twice: refused, nothing added.
  res = await attach(la, A.id, 'دوباره.pdf', pdf('letter'));
  assert.equal(res.status, 409);
  // A section field has no place here; a foreign CSRF token is refused before storing.
  res = await attach(la, A.id, 'x.pdf', pdf('x'), { section: 'space' });
  assert.equal(res.status, 400);
  res = await attach({ ...la, csrf: 'f'.repeat(64) }, A.id, 'y.pdf', pdf('y'));
  assert.equal(res.status, 403);
  assert.equal(Number(one(`SELECT COUNT(*) FROM objection_evidence WHERE objection_id = ${objectionId}`)), 1);
  // Another licensee cannot attach to A's objection.
  res = await attach(dbSession(B.user), A.id, 'z.pdf', pdf('z'));
  assert.equal(res.status, 404);

  res = await get(la, `/result/${A.id}?round=${R1}`);
  assert.match(res.text, new RegExp(`/objection/${objectionId}/file/${ev}`));
  res = await get(la, `/objection/${objectionId}/file/${ev}`);
  assert.equal(res.status, 200);
  assert.match(res.text, /^%PDF-1\.4/);
  const other = makeUser({ role: 'reviewer', region: A.region === 1 ? 2 : 1 });
  assert.equal((await get(dbSession(other.id), `/objection/${objectionId}/file/${ev}`)).status, 404);
  assert.equal((await get(dbSession(B.user), `/objection/${objectionId}/file/${ev}`)).status, 404);
  const rev = makeUser({ role: 'reviewer', region: A.region });
  assert.equal((await get(dbSession(rev.id), `/objection/${objectionId}/file/${ev}`)).status, 200);
});

test('the region accepts with a changed value: the final rank follows, audited old and new', async () => {
  const other = makeUser({ role: 'reviewer', region: A.region === 1 ? 2 : 1 });
  const so = dbSession(other.id);
  assert.equal((await get(so, `/review/objection/${objectionId}`)).status, 404);
  let res = await post(so, `/review/objection/${objectionId}/reject`, { reason: 'خارج از منطقه' });
  assert.equal(res.status, 404);

  const rev = makeUser({ role: 'reviewer', region: A.region });
  const sr = dbSession(rev.id);
  res = await get(sr, '/review/objections');
  assert.equal(res.status, 200);
  assert.match(res.text, new RegExp(`/review/objection/${objectionId}"`));
  res = await get(sr, `/review/objection/${objectionId}`);
  assert.equal(res.status, 200);
  assert.match(text(res.text), /امتیاز انجمن/);

  // A note is required; a value out of the criterion's range is refused; nothing changes.
  res = await post(sr, `/review/objection/${objectionId}/accept`, { v_association: '80' });
  assert.equal(res.status, 422);
  res = await post(sr, `/review/objection/${objectionId}/accept`, { v_association: '500', note: 'نامه انجمن دیده شد' });
  assert.equal(res.status, 422);
  assert.equal(one(`SELECT state FROM objections WHERE id = ${objectionId}`), 'filed');

  const before = audits('objection.accept');
  res = await post(sr, `/review/objection/${objectionId}/accept`, { v_association: '۸۰', note: 'نامه انجمن دیده شد: ۸۰' });
  assert.equal(res.status, 303);
  assert.deepEqual(rows(`SELECT final_score_x100, final_rank, public_rank FROM declarations WHERE id = ${dA}`)[0], ['7300', '1', '1']);
  assert.equal(one(`SELECT state FROM objections WHERE id = ${objectionId}`), 'accepted');
  assert.equal(audits('objection.accept'), before + 1);
  const [oldJ, newJ] = rows(`SELECT old_json, new_json FROM audit_log WHERE action = 'objection.accept' ORDER BY id DESC LIMIT 1`)[0];
  assert.deepEqual(JSON.parse(oldJ), { state: 'filed', values: { association: 79 }, rank: 2, score_x100: 6900 });
  assert.equal(JSON.parse(newJ).final_rank, 1);
  assert.equal(JSON.parse(newJ).values.association, 80);
  assert.ok(Number(one(`SELECT COUNT(*) FROM outbox WHERE user_id = ${A.user} AND template = 'objection_decided'`)) >= 1);
  // Decided once; no more documents after the decision.
  res = await post(sr, `/review/objection/${objectionId}/reject`, { reason: 'دوباره' });
  assert.equal(res.status, 409);
  res = await attach(dbSession(A.user), A.id, 'دیر.pdf', pdf('late'));
  assert.equal(res.status, 409);

  const la = dbSession(A.user);
  res = await get(la, `/result/${A.id}?round=${R1}`);
  const t = text(res.text);
  assert.match(t, /رتبه ۱/);
  assert.match(t, /امتیاز کل: ۷۳/);
  assert.match(t, /نتیجه نخست: رتبه ۲ با ۶۹ امتیاز/);
  assert.match(t, /پذیرفته شد/);
});

test('final ranks: not before the window ends, then once; files without objection keep their rank', async () => {
  const s = hq();
  let res = await post(s, `/hq/round/${R1}/final`, {});
  assert.equal(res.status, 409);
  assert.match(text(res.text), /مهلت اعتراض هنوز تمام نشده/);
  const day8 = now() + 8 * DAY;
  const s8 = dbSession(Number(one(`SELECT id FROM users WHERE role = 'hq' LIMIT 1`)), day8);
  res = await post(s8, `/hq/round/${R1}/final`, {}, day8);
  assert.equal(res.status, 303);
  assert.equal(one(`SELECT state FROM rounds WHERE id = ${R1}`), 'final');
  assert.deepEqual(rows(`SELECT final_score_x100, final_rank FROM declarations WHERE id = ${dB}`)[0], ['700', '3']);
  assert.deepEqual(rows(`SELECT final_score_x100, final_rank FROM declarations WHERE id = ${dA}`)[0], ['7300', '1']);
  res = await post(s8, `/hq/round/${R1}/final`, {}, day8);
  assert.equal(res.status, 409);
});

test('exports: CSV with a BOM and the breakdown, XLSX that openpyxl reads', async () => {
  const s = hq();
  const files = Number(one(`SELECT COUNT(*) FROM declarations WHERE round_id = ${R1}`));
  let res = await fetch(process.env.GEPS_URL + `/hq/round/${R1}/export.csv`, { headers: { cookie: s.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/csv/);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = buf.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(lines.length, files + 1);
  assert.match(lines[0], /^کد دفتر,نام دفتر/);
  const rowA = lines.find((l) => l.startsWith(A.code + ','));
  assert.match(rowA, /,69\.00,2,73\.00,1,1,/);
  assert.match(rowA, /,45,12\.00,/);		// the verified area and its points
  // The breakdown is of the current (final) values: association 80 gives 10, so 78 - 5.
  assert.match(rowA, /,80,10\.00,-5\.00,78\.00$/);
  const before = audits('round.export');

  res = await fetch(process.env.GEPS_URL + `/hq/round/${R1}/export.xlsx`, { headers: { cookie: s.cookie } });
  assert.equal(res.status, 200);
  const dir = mkdtempSync(path.join(tmpdir(), 'geps-xlsx-'));
  try {
    const f = path.join(dir, 'r.xlsx');
    writeFileSync(f, Buffer.from(await res.arrayBuffer()));
    // Debian's python3, where python3-openpyxl is installed (./dev deps).
    const py = spawnSync('/usr/bin/python3', ['-c', `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active
rows = list(ws.iter_rows(values_only=True))
print(len(rows))
print(rows[0][0])
a = [r for r in rows if r[0] == sys.argv[2]][0]
print(a[7], a[8], a[9], a[10])
`, f, A.code], { encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    const [n, head, vals] = py.stdout.trim().split('\n');
    assert.equal(Number(n), files + 1);
    assert.equal(head, 'کد دفتر');
    assert.equal(vals, '69 2 73 1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(audits('round.export'), before + 1);
  // Not for a licensee.
  const la = dbSession(A.user);
  assert.equal((await get(la, `/hq/round/${R1}/export.csv`)).status, 403);
});

test('non-submitters: last known data when the round says so, else not evaluated', () => {
  const R2 = makeRound('1397-2', '1397/07/15');
  file(R2, A, VALUES_A);
  let r = geps(['rank', '1397-2']);
  assert.equal(r.status, 0, r.stderr);
  // B did not take part: its 1397-1 values (27 points; violations are not carried) rank it.
  const got = (o) => rows(`SELECT score_x100, \`rank\`, rank_basis FROM declarations WHERE round_id = ${R2} AND office_id = ${o.id}`)[0];
  assert.deepEqual(got(B), ['2700', '3', 'last_known']);
  assert.equal(JSON.parse(one(`SELECT breakdown_json FROM declarations WHERE round_id = ${R2} AND office_id = ${B.id}`)).source_round, '1397-1');
  assert.deepEqual(got(C), ['NULL', 'NULL', 'not_evaluated']);
  // A's association is the value it declared this round (79), not last round's correction.
  assert.deepEqual(got(A), ['7400', '1', 'declared']);
  sql(`UPDATE rounds SET nonsubmit_rule = 'not_evaluated' WHERE id = ${R2}`);
  r = geps(['rank', '1397-2']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(got(B), ['NULL', 'NULL', 'not_evaluated']);
});
