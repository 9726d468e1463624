// The published pages' cache (lib/model/page_cache.h, conf/nginx/geps-pages.conf.in)
// against the real stack: nginx answers a province's list and an office's
// verification from its cache for anonymous GETs, with the bytes and headers geps
// sends; a publication through `geps publish`, an objection decision by the region
// (accepted or rejected) and the final publication each move nginx to new keys
// before they commit, so the next request is rendered from the new data, never
// served stale; a page read while a change is in flight is not stored; a change that
// rolls back after moving "current" is repaired.
//
// The test stack's nginx uses the cache only for requests with X-Geps-Page-Cache
// (tests/stack.sh: other tests change published data with SQL); every request here
// that may be cached carries it.
//
// Fixtures: round 1398-1 (long past) with hand-made files of two demo offices,
// ranked (every active office gets a file), published, objected to and finalised
// here; removed at the end, and the cache moved past it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { lstatSync, readlinkSync, readdirSync, existsSync, mkdirSync, symlinkSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { http, sql, geps, gepsLog, until, STACK } from './lib/stack.mjs';
import { dbSession, makeUser, toPersian } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const main = (html) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const fa = (s) => toPersian(String(s));
const ROUND = '1398-1';
const PAGES = path.join(STACK, 'evidence', 'pages');

// A request that the test stack's nginx may answer from its cache (see above).
const cached = (p, opts = {}) => http(p, { ...opts, headers: { 'x-geps-page-cache': '1', ...(opts.headers || {}) } });
const hit = (r) => r.headers.get('x-geps-cache') === 'HIT';
// Requests p until nginx answers it from its cache (on a fresh stack the first ones
// record the directory and point "current" at the generation).
async function warm(p) {
  for (let i = 0; i < 8; i++) {
    const r = await cached(p);
    assert.equal(r.status, 200, p);
    if (hit(r)) return r;
  }
  assert.fail(`${p} is never served from the cache`);
}
const generation = () => Number(one('SELECT generation FROM page_cache WHERE id = 1'));
const serving = () => Number(readlinkSync(path.join(PAGES, 'current')).replace(/^g/, ''));

// What page_cache_invalidate() does to "current" for generation gen.
function inflightFlip(gen) {
  mkdirSync(path.join(PAGES, `g${gen}`), { recursive: true });
  symlinkSync(`g${gen}`, path.join(PAGES, '.current.test'));
  renameSync(path.join(PAGES, '.current.test'), path.join(PAGES, 'current'));
}

// A change in flight: a transaction of its own that has incremented the generation
// and holds the row, as page_cache_invalidate() leaves it until its caller commits.
async function inflight() {
  const c = spawn('mariadb', ['--no-defaults', `--socket=${STACK}/mysql.sock`, `-u${process.env.USER || 'root'}`,
    '-N', '-B', '--unbuffered', 'geps'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  c.stdout.on('data', (d) => { out += d; });
  const said = (w) => until(() => out.includes(w), 10000, 20);
  c.stdin.write(`BEGIN; UPDATE page_cache SET generation = generation + 1, invalidated_by = 'test'
    WHERE id = 1; SELECT CONCAT('gen=', generation) FROM page_cache WHERE id = 1;\n`);
  assert.ok(await said('gen='));
  const gen = Number(out.match(/gen=(\d+)/)[1]);
  const end = async (how) => {
    c.stdin.write(`${how}; SELECT 'ended';\n`);
    assert.ok(await said('ended'));
    c.stdin.end();
  };
  return { gen, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
}

const post = (s, p, fields) => http(p, {
  method: 'POST',
  body: new URLSearchParams({ csrf: s.csrf, ...fields }).toString(),
  headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
});

// Published data changed by hand (as this file's fixtures do) needs the cache moved
// by hand, as the README says: a new generation, and "current" removed (the next
// worker to answer makes it again, naming the new generation).
function invalidateByHand() {
  sql(`UPDATE page_cache SET generation = generation + 1, invalidated_by = 'hand' WHERE id = 1`);
  rmSync(path.join(PAGES, 'current'), { force: true });
}

function cleanup() {
  sql(`DELETE FROM declarations WHERE round_id IN (SELECT id FROM rounds WHERE code = '${ROUND}');
       DELETE FROM rounds WHERE code = '${ROUND}'`);
  invalidateByHand();
}

// Two demo offices of licensees with one office each: A objects and is accepted,
// B objects and is refused.
const [A, B] = rows(`SELECT o.id, o.licensee_user_id, o.province_id, p.region_id, o.code
    FROM offices o JOIN provinces p ON p.id = o.province_id
    WHERE o.status = 'active' AND o.licensee_user_id IN
      (SELECT licensee_user_id FROM offices GROUP BY licensee_user_id HAVING COUNT(*) = 1)
    ORDER BY o.id DESC LIMIT 2`).map(([id, user, prov, region, code]) =>
  ({ id: Number(id), user: Number(user), prov: Number(prov), region: Number(region), code }));
let R, dA, dB;

// A reviewed file with values by criterion code (the default rubric, copied by
// `geps round create`); [declared, verified] for a corrected value.
function file(o, values) {
  sql(`INSERT INTO declarations (round_id, office_id, province_id, region_id, state, submitted_at, submit_count)
       VALUES (${R}, ${o.id}, ${o.prov}, ${o.region}, 'reviewed', NOW(6), 1)`);
  const d = Number(one(`SELECT id FROM declarations WHERE round_id = ${R} AND office_id = ${o.id}`));
  for (const [code, v] of Object.entries(values)) {
    const crit = `(SELECT id FROM criteria WHERE round_id = ${R} AND code = '${code}')`;
    const isNum = typeof v === 'number';
    sql(`INSERT INTO declaration_values (declaration_id, round_id, criterion_id, declared_num, declared_option_id, verify_state)
         VALUES (${d}, ${R}, ${crit}, ${isNum ? v : 'NULL'},
           ${isNum ? 'NULL' : `(SELECT o.id FROM criterion_options o WHERE o.criterion_id = ${crit} AND o.code = '${v}')`},
           'confirmed')`);
  }
  return d;
}

// The rank shown for ROUND in an office's history on its verification page.
function historyRank(html) {
  const m = main(html).match(new RegExp(`\\(<span dir="ltr">${fa(ROUND)}</span>\\)</span></th><td>([^<]+)</td><td>([^<]+)</td>`));
  return m ? [m[1], m[2]] : null;
}

before(() => {
  cleanup();
  const r = geps(['round', 'create', '--code', ROUND, '--title', 'آزمون حافظه صفحه‌ها', '--start', '1398/01/15']);
  assert.equal(r.status, 0, r.stderr);
  R = Number(one(`SELECT id FROM rounds WHERE code = '${ROUND}'`));
  sql(`UPDATE rounds SET state = 'review', rubric_frozen_at = NOW(6) WHERE id = ${R}`);
  // A: 74 - 5 (one overcharge) = 69, rank 2; association 79 -> 80 on objection: 73, rank 1.
  dA = file(A, { area_m2: 45, accessibility: 2, staff_count: 4, staff_insured: 3, staff_disabled: 0,
    location: 'main_street', activity_years: 10, satisfaction: 70, data_complete: 'yes', association: 79 });
  sql(`INSERT INTO violations (declaration_id, round_id, violation_type_id, occurrences, points_each_x100, created_by_user_id)
       SELECT ${dA}, ${R}, t.violation_type_id, 1, t.points_x100, (SELECT id FROM users WHERE role = 'hq' LIMIT 1)
       FROM round_violation_types t JOIN violation_types v ON v.id = t.violation_type_id
       WHERE t.round_id = ${R} AND v.code = 'overcharge'`);
  dB = file(B, { area_m2: 25, accessibility: 0, staff_count: 1, staff_insured: 0, staff_disabled: 1,
    location: 'alley', activity_years: 3, satisfaction: 40, data_complete: 'no', association: 50 });
  const k = geps(['rank', ROUND]);
  assert.equal(k.status, 0, k.stderr);
  assert.equal(one(`SELECT \`rank\` FROM declarations WHERE id = ${dA}`), '2');
});

after(cleanup);

test('the cache: anonymous GETs, the bytes and headers geps sends; never a session', async () => {
  const p = `/verify?code=${A.code}`;
  const h = await warm(p);
  // The stored page is what geps renders for the same request.
  const g = await http(p);
  assert.equal(g.status, 200);
  assert.equal(g.headers.get('x-geps-cache'), 'BYPASS', 'without the test header the test stack asks geps');
  assert.equal(h.text, g.text);
  for (const name of ['content-type', 'content-security-policy', 'x-content-type-options', 'referrer-policy',
    'x-frame-options', 'cross-origin-opener-policy', 'permissions-policy', 'cache-control', 'content-length'])
    assert.equal(h.headers.get(name), g.headers.get(name), name);
  assert.equal(h.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(h.headers.get('cache-control'), 'no-store', 'browsers keep nothing');
  assert.equal(h.headers.get('x-accel-expires'), null);
  const head = await cached(p, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.ok(hit(head));

  // The key's generation: "current" names it, an empty directory beside it.
  const gen = generation();
  assert.equal(serving(), gen);
  assert.ok(lstatSync(path.join(PAGES, 'current')).isSymbolicLink());
  assert.deepEqual(readdirSync(path.join(PAGES, `g${gen}`)), []);
  assert.ok(readdirSync(path.join(STACK, 'nginx', 'tmp', 'pages')).length > 0, "nginx's cache has files");

  // Never from the cache: a signed-in visitor (a session cookie, valid or not), a
  // test clock, another method, a page that is not 200.
  const never = [
    [p, { headers: { cookie: 'geps=abc' } }],
    [p, { headers: { cookie: 'a=1; __Host-geps=abc' } }],
    [p, { headers: { 'x-geps-test-now': String(Math.floor(Date.now() / 1000)) } }],
    [p, { method: 'POST', body: 'code=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['/verify?code=ZZ-NO-SUCH-9', {}],
    [`/ranks?round=${ROUND}&province=${A.prov}`, {}],	// not public yet: 404
  ];
  for (let i = 0; i < 3; i++)
    for (const [q, o] of never) {
      const r = await cached(q, o);
      assert.ok(!hit(r), `${o.method || 'GET'} ${q} ${JSON.stringify(o.headers || {})} came from the cache`);
    }
  assert.equal((await cached(`/ranks?round=${ROUND}&province=${A.prov}`)).status, 404);
  // A signed-in visitor sees their own page, not the stored one.
  const s = dbSession(A.user);
  const mine = await cached(p, { headers: { cookie: s.cookie } });
  assert.ok(!hit(mine));
  assert.notEqual(mine.text, h.text);
  // The same page asked in another form (Persian digits) is a page of its own.
  await warm(`/verify?code=${encodeURIComponent(fa(A.code))}`);
  // A province's list is cached too.
  const l = await warm(`/ranks?round=1404-2&province=${A.prov}`);
  assert.match(text(main(l.text)), /رتبه/);
});

test('geps publish: every stored page is retired before it commits; the next one is new', async () => {
  const v = await warm(`/verify?code=${A.code}`);
  assert.equal(historyRank(v.text), null, 'not public yet');
  await warm(`/ranks?round=1404-2&province=${A.prov}`);
  const g0 = generation();

  const r = geps(['publish', ROUND]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(generation(), g0 + 1);
  assert.equal(one('SELECT invalidated_by FROM page_cache WHERE id = 1'), 'round.publish');
  assert.equal(serving(), g0 + 1, '"current" names the new generation');
  assert.ok(!existsSync(path.join(PAGES, `g${g0 - 1}`)), 'generations before the previous one are removed');
  assert.ok(existsSync(path.join(PAGES, `g${g0}`)));

  // Not one stale answer: the first request after the publication is rendered anew.
  const after1 = await cached(`/verify?code=${A.code}`);
  assert.ok(!hit(after1));
  assert.deepEqual(historyRank(after1.text), [`رتبه ${fa(2)}`, 'اولیه']);
  const again = await warm(`/verify?code=${A.code}`);
  assert.deepEqual(historyRank(again.text), [`رتبه ${fa(2)}`, 'اولیه']);
  // Every page was retired, not only the ones whose data changed.
  assert.ok(!hit(await cached(`/ranks?round=1404-2&province=${A.prov}`)));
  // The new round's list: A is rank 2 there.
  const list = await warm(`/ranks?round=${ROUND}&province=${A.prov}`);
  assert.ok(list.text.includes(`/verify?code=${A.code}`));
});

test('objection decisions retire the stored pages: accepted (a new rank) and rejected', async () => {
  const la = dbSession(A.user);
  let res = await post(la, `/result/${A.id}/objection`, { round: R, body: 'امتیاز انجمن با نامه انجمن نمی‌خواند.', crit_association: '1' });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const lb = dbSession(B.user);
  res = await post(lb, `/result/${B.id}/objection`, { round: R, body: 'رتبه ما درست محاسبه نشده است.' });
  assert.equal(res.status, 303);
  const oA = Number(one(`SELECT id FROM objections WHERE declaration_id = ${dA}`));
  const oB = Number(one(`SELECT id FROM objections WHERE declaration_id = ${dB}`));
  const sr = dbSession(makeUser({ role: 'reviewer', region: A.region }).id);
  const srb = B.region === A.region ? sr : dbSession(makeUser({ role: 'reviewer', region: B.region }).id);

  // A refused decision (no note) changes nothing and retires nothing.
  await warm(`/verify?code=${A.code}`);
  let g0 = generation();
  res = await post(sr, `/review/objection/${oA}/accept`, { v_association: '80' });
  assert.equal(res.status, 422);
  assert.equal(generation(), g0);
  assert.ok(hit(await cached(`/verify?code=${A.code}`)));

  res = await post(sr, `/review/objection/${oA}/accept`, { v_association: '80', note: 'نامه انجمن دیده شد: ۸۰' });
  assert.equal(res.status, 303);
  assert.equal(generation(), g0 + 1);
  assert.equal(one('SELECT invalidated_by FROM page_cache WHERE id = 1'), 'objection.accept');
  let v = await cached(`/verify?code=${A.code}`);
  assert.ok(!hit(v));
  assert.deepEqual(historyRank(v.text), [`رتبه ${fa(1)}`, 'اولیه']);
  v = await warm(`/verify?code=${A.code}`);
  assert.deepEqual(historyRank(v.text), [`رتبه ${fa(1)}`, 'اولیه']);

  await warm(`/verify?code=${B.code}`);
  g0 = generation();
  res = await post(srb, `/review/objection/${oB}/reject`, { reason: 'مدرکی پیوست نشده است.' });
  assert.equal(res.status, 303);
  assert.equal(generation(), g0 + 1);
  assert.equal(one('SELECT invalidated_by FROM page_cache WHERE id = 1'), 'objection.reject');
  assert.ok(!hit(await cached(`/verify?code=${B.code}`)));
});

test('geps publish --final retires them too: the final ranks show at once', async () => {
  let v = await warm(`/verify?code=${A.code}`);
  assert.deepEqual(historyRank(v.text), [`رتبه ${fa(1)}`, 'اولیه']);
  // The objection window is over.
  sql(`UPDATE rounds SET objection_end_date = CURDATE() - INTERVAL 2 DAY WHERE id = ${R}`);
  const g0 = generation();
  const r = geps(['publish', '--final', ROUND]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(generation(), g0 + 1);
  assert.equal(one('SELECT invalidated_by FROM page_cache WHERE id = 1'), 'round.publish_final');
  v = await cached(`/verify?code=${A.code}`);
  assert.ok(!hit(v));
  assert.deepEqual(historyRank(v.text), [`رتبه ${fa(1)}`, 'نهایی']);
});

test('a page read while a change is in flight is not stored; after the commit it is', async () => {
  await warm(`/verify?code=${A.code}`);
  const g = generation();
  const change = await inflight();
  assert.equal(change.gen, g + 1);
  // The change has moved "current" (page_cache_invalidate() does, before its commit).
  inflightFlip(g + 1);
  for (let i = 0; i < 3; i++) {
    const r = await cached(`/verify?code=${A.code}`);
    assert.equal(r.status, 200);
    assert.ok(!hit(r), 'a page of the old data under the new key');
  }
  assert.equal(serving(), g + 1, 'no repair while the change holds the row');
  await change.commit();
  await warm(`/verify?code=${A.code}`);
  assert.equal(generation(), g + 1);
});

test('a change that rolls back after moving "current" is repaired; the cache serves again', async () => {
  await warm(`/verify?code=${A.code}`);
  const g = generation();
  const change = await inflight();
  inflightFlip(g + 1);
  assert.ok(!hit(await cached(`/verify?code=${A.code}`)));
  await change.rollback();
  const r = await cached(`/verify?code=${A.code}`);
  assert.equal(r.status, 200);
  assert.equal(serving(), g, 'the worker pointed "current" back at the committed generation');
  assert.match(gepsLog(), new RegExp(`event=page_cache_repair from=${g + 1} to=${g}`));
  // The old key's pages are still good: the data never changed.
  assert.ok(hit(await cached(`/verify?code=${A.code}`)));
  assert.equal(generation(), g);
});
