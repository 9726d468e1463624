// Rounds and their rubric, from the command line and HQ's pages, against the real
// stack: creation rules and Jalali windows, the rubric copied from the previous
// round, one open round at a time, extensions for everyone and for one office, the
// rubric editable while the round is a draft and frozen once it opens; all audited.
// The rounds made here are far in the future (1410-1413) and removed at the end.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { http, sql, geps } from './lib/stack.mjs';
import { dbSession } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

after(() => sql(`DELETE FROM office_extensions WHERE round_id IN (SELECT id FROM rounds WHERE code LIKE '141%');
                 UPDATE rounds SET copied_from_round_id = NULL WHERE code LIKE '141%';
                 DELETE FROM rounds WHERE code LIKE '141%'`));

const session = dbSession;
const hq = () => session(Number(one(`SELECT id FROM users WHERE role = 'hq' LIMIT 1`)));
const post = (s, p, fields) => http(p, { method: 'POST', redirect: 'manual',
  body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
  headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
const get = (s, p) => http(p, { headers: { cookie: s.cookie } });
const audits = (action) => Number(one(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`));

const rubricShape = (id) => rows(`SELECT s.code, c.code, o.code, o.points_x100 FROM criterion_options o
    JOIN criteria c ON c.id = o.criterion_id JOIN rubric_sections s ON s.id = c.section_id
    WHERE c.round_id = ${id} ORDER BY s.code, c.code, o.code`).map((r) => r.join('/')).join(',');

test('geps round create: Jalali windows with defaults, the previous rubric, refusals with reasons', () => {
  const before = audits('round.create');
  let r = geps(['round', 'create', '--code', '1410-1', '--title', 'آزمون ۱۴۱۰', '--start', '۱۴۱۰/۰۱/۱۵']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /declaration: ۱۴۱۰\/۰۱\/۱۵ \(2031-04-04\)/);
  const [id, start, end, rend, cd, od, state] = rows(`SELECT id, decl_start_date, decl_end_date, review_end_date,
      correction_days, objection_days, state FROM rounds WHERE code = '1410-1'`)[0];
  // 20 days of declaration from 15 Farvardin, then 10 days of review.
  assert.deepEqual([start, end, rend, cd, od, state], ['2031-04-04', '2031-04-23', '2031-05-03', '5', '7', 'draft']);
  assert.match(r.stdout, /to ۱۴۱۰\/۰۲\/۰۳ \(2031-04-23\)/);
  // The rubric is a copy of the newest earlier round's (the open demo round).
  const open = one(`SELECT id FROM rounds WHERE state = 'open'`);
  assert.equal(rubricShape(id), rubricShape(open));
  assert.ok(rubricShape(id).length > 100);
  assert.equal(one(`SELECT COUNT(*) FROM evidence_requirements e JOIN rubric_sections s ON s.id = e.section_id WHERE s.round_id = ${id}`),
    one(`SELECT COUNT(*) FROM evidence_requirements e JOIN rubric_sections s ON s.id = e.section_id WHERE s.round_id = ${open}`));
  assert.equal(audits('round.create'), before + 1);

  const refuse = (args, re) => {
    const x = geps(['round', 'create', ...args]);
    assert.equal(x.status, 1, x.stdout);
    assert.match(x.stderr, re);
  };
  refuse(['--code', '1410-1', '--title', 'دوباره', '--start', '1411/01/15'], /پیش‌تر ساخته شده/);
  refuse(['--code', '1410-2', '--title', 'هم‌پوشان', '--start', '1410/02/01'], /هم‌پوشانی دارد/);
  refuse(['--code', '1411-1', '--title', 'وارونه', '--start', '1411/05/10', '--end', '1411/05/01'], /پیش از آغاز/);
  refuse(['--code', '1411-1', '--title', 'بررسی', '--start', '1411/05/10', '--review-end', '1411/05/20'], /پایان بررسی/);
  refuse(['--code', '99-1', '--title', 'کد', '--start', '1411/05/10'], /کد دوره/);
  refuse(['--code', '1411-1', '--title', 'تاریخ', '--start', '1411/13/40'], /تاریخ آغاز/);
  refuse(['--code', '1411-1', '--title', 'روز', '--start', '1411/05/10', '--correction-days', '90'], /مهلت اصلاح/);
  assert.equal(geps(['round', 'create', '--code']).status, 2);
});

test('one open round at a time; extensions move the windows and are audited', () => {
  let r = geps(['round', 'open', '1410-1']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /دوره دیگری برای خوداظهاری باز است/);
  r = geps(['round', 'extend', '1410-1', '--to', '1410/02/10']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(rows(`SELECT decl_end_date, review_end_date FROM rounds WHERE code = '1410-1'`)[0],
    ['2031-04-30', '2031-05-10']);
  r = geps(['round', 'extend', '1410-1', '--to', '1410/02/01']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /پس از پایان کنونی/);
  const hqNid = one(`SELECT national_id FROM users WHERE role = 'hq' LIMIT 1`);
  const office = one(`SELECT code FROM offices ORDER BY id LIMIT 1`);
  r = geps(['round', 'extend', '1410-1', '--to', '1410/02/15', '--office', office, '--reason', 'قطعی اینترنت منطقه', '--by', hqNid]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(rows(`SELECT e.decl_end_date, e.reason FROM office_extensions e JOIN rounds r ON r.id = e.round_id
      JOIN offices o ON o.id = e.office_id WHERE r.code = '1410-1' AND o.code = '${office}'`)[0],
    ['2031-05-05', 'قطعی اینترنت منطقه']);
  r = geps(['round', 'extend', '1410-1', '--to', '1410/02/16', '--office', office, '--by', hqNid]);
  assert.equal(r.status, 1, 'a reason is required');
  assert.match(r.stderr, /دلیل تمدید/);
  assert.ok(audits('round.extend') >= 1 && audits('round.extend_office') >= 1);
  r = geps(['round', 'show', '1410-1']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /state: draft/);
  assert.match(r.stdout, /rubric: \d+ sections, \d+ criteria/);
});

test('HQ pages: the rounds in Jalali, a new round with its errors beside the fields', async () => {
  const s = hq();
  let r = await get(s, '/hq/rounds');
  assert.equal(r.status, 200);
  assert.match(text(r.text), /۱۴۱۰\/۰۱\/۱۵ تا ۱۴۱۰\/۰۲\/۱۰/);
  r = await post(s, '/hq/rounds/new', { code: '1412-1', title: 'آزمون صفحه', start: '1412/06/10', end: '1412/06/01' });
  assert.equal(r.status, 422);
  assert.match(text(r.text), /پایان خوداظهاری پیش از آغاز آن است/);
  assert.match(r.text, /value="1412\/06\/10"/, 'what was typed stays');
  r = await post(s, '/hq/rounds/new', { code: '1412-1', title: 'آزمون صفحه', start: '۱۴۱۲/۰۶/۱۰' });
  assert.equal(r.status, 303, text(r.text).slice(0, 400));
  const id = one(`SELECT id FROM rounds WHERE code = '1412-1'`);
  assert.equal(r.headers.get('location'), `/hq/round/${id}?created=1`);
  r = await get(s, `/hq/round/${id}`);
  assert.equal(r.status, 200);
  assert.match(text(r.text), /۱۴۱۲\/۰۶\/۱۰ تا پایان روز ۱۴۱۲\/۰۶\/۲۹/);
  const lic = session(Number(one(`SELECT id FROM users WHERE role = 'licensee' LIMIT 1`)));
  assert.equal((await get(lic, '/hq/rounds')).status, 403);
  assert.equal((await post(lic, '/hq/rounds/new', { code: '1413-1', title: 'x', start: '1413/01/01' })).status, 403);
  assert.equal(one(`SELECT COUNT(*) FROM rounds WHERE code = '1413-1'`), '0');
});

test('the rubric is edited while the round is a draft and frozen once it opens', async () => {
  const s = hq();
  const id = one(`SELECT id FROM rounds WHERE code = '1412-1'`);
  const [opt, pts] = rows(`SELECT o.id, o.points_x100 FROM criterion_options o JOIN criteria c ON c.id = o.criterion_id
      WHERE c.round_id = ${id} AND c.code = 'location' AND o.code = 'alley'`)[0];
  let r = await get(s, `/hq/rubric/${id}`);
  assert.equal(r.status, 200);
  assert.match(text(r.text), /بیشترین امتیاز ممکن/);
  const before = audits('rubric.option');
  r = await post(s, `/hq/rubric/${id}/option`, { id: opt, title: 'در کوچه', points: '۶٫۵' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT points_x100 FROM criterion_options WHERE id = ${opt}`), '650');
  assert.equal(audits('rubric.option'), before + 1);
  assert.match(one(`SELECT old_json FROM audit_log WHERE action = 'rubric.option' ORDER BY id DESC LIMIT 1`), new RegExp(`"points_x100":${pts}`));
  r = await post(s, `/hq/rubric/${id}/thresholds`, { rank1: '۳۰', rank2: '۵۰' });
  assert.equal(r.status, 422);
  r = await post(s, `/hq/rubric/${id}/thresholds`, { rank1: '72.5', rank2: '41' });
  assert.equal(r.status, 303);
  assert.deepEqual(rows(`SELECT rank1_min_x100, rank2_min_x100 FROM rounds WHERE id = ${id}`)[0], ['7250', '4100']);
  const ev = one(`SELECT e.id FROM evidence_requirements e JOIN rubric_sections s ON s.id = e.section_id
      WHERE s.round_id = ${id} AND e.code = 'lease'`);
  r = await post(s, `/hq/rubric/${id}/evidence`, { id: ev, min: '3', max: '2' });
  assert.equal(r.status, 422);
  r = await post(s, `/hq/rubric/${id}/evidence`, { id: ev, min: '2', max: '4' });
  assert.equal(r.status, 303);
  const vt = one(`SELECT violation_type_id FROM round_violation_types WHERE round_id = ${id} LIMIT 1`);
  r = await post(s, `/hq/rubric/${id}/violation`, { type: vt, points: '3', max_count: '2' });
  assert.equal(r.status, 422, 'violation points are negative');
  r = await post(s, `/hq/rubric/${id}/violation`, { type: vt, points: '-۷٫۵', max_count: '2' });
  assert.equal(r.status, 303);
  assert.deepEqual(rows(`SELECT points_x100, max_count FROM round_violation_types WHERE round_id = ${id} AND violation_type_id = ${vt}`)[0], ['-750', '2']);
  const crit = one(`SELECT id FROM criteria WHERE round_id = ${id} AND code = 'area_m2'`);
  r = await post(s, `/hq/rubric/${id}/criterion`, { id: crit, title: 'مساحت دفتر', required: '1', help: 'مطابق اجاره‌نامه', unit: 'متر مربع' });
  assert.equal(r.status, 303);
  assert.deepEqual(rows(`SELECT title, help_text, unit, required FROM criteria WHERE id = ${crit}`)[0],
    ['مساحت دفتر', 'مطابق اجاره‌نامه', 'متر مربع', '1']);
  // An option of another round cannot be reached through this one.
  const foreign = one(`SELECT o.id FROM criterion_options o JOIN criteria c ON c.id = o.criterion_id
      WHERE c.round_id <> ${id} LIMIT 1`);
  assert.equal((await post(s, `/hq/rubric/${id}/option`, { id: foreign, title: 'x', points: '1' })).status, 404);

  // The open demo round's rubric is frozen: every edit is refused, nothing changes.
  const open = one(`SELECT id FROM rounds WHERE state = 'open'`);
  const shape = rubricShape(open);
  const oopt = one(`SELECT o.id FROM criterion_options o JOIN criteria c ON c.id = o.criterion_id WHERE c.round_id = ${open} LIMIT 1`);
  r = await get(s, `/hq/rubric/${open}`);
  assert.match(text(r.text), /قفل شده‌اند/);
  assert.doesNotMatch(r.text, /action="\/hq\/rubric\/\d+\/option"/);
  r = await post(s, `/hq/rubric/${open}/option`, { id: oopt, title: 'x', points: '99' });
  assert.equal(r.status, 409);
  assert.match(text(r.text), /قابل تغییر نیست/);
  r = await post(s, `/hq/rubric/${open}/thresholds`, { rank1: '1', rank2: '0' });
  assert.equal(r.status, 409);
  const ovt = one(`SELECT violation_type_id FROM round_violation_types WHERE round_id = ${open} LIMIT 1`);
  r = await post(s, `/hq/rubric/${open}/violation`, { type: ovt, points: '-1', max_count: '0' });
  assert.equal(r.status, 409);
  assert.equal(rubricShape(open), shape);
});
