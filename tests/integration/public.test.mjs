// The public pages (no login) against the real stack with the demo data: the
// verification of an office by its code (ASCII or Persian digits) and its history,
// the certificate with its QR code, a province's published list with counts and
// paging, and the JSON of a round, each checked against the database.  Rounds that
// are not public stay invisible; hostile input is refused with a 400 and never
// echoed unescaped; no national ID or phone number of anyone appears anywhere.
//
// Fixtures: rounds 1417-1 and 1417-2, dated far in the future so that they would be
// the newest if a page did not filter on the state, with files of two demo offices;
// removed at the end.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { http, sql, URL_BASE } from './lib/stack.mjs';
import { toPersian } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const main = (html) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const fa = (n) => toPersian(String(n));
const DEMO = '1404-2';
const HIDDEN_TITLE = 'دوره آزمون عمومی پنهان';
const LATER_TITLE = 'دوره آزمون عمومی تازه';

const PUBLIC = `('published', 'objection', 'final', 'closed')`;
// The newest public round in which an office has a file, as the pages must find it
// (other test files may have left public rounds of their own).
function newestFor(officeId) {
  const [code, title, rank] = rows(`SELECT r.code, r.title, COALESCE(d.public_rank, 0) FROM declarations d
      JOIN rounds r ON r.id = d.round_id WHERE d.office_id = ${officeId} AND r.state IN ${PUBLIC}
      ORDER BY r.decl_start_date DESC, r.id DESC LIMIT 1`)[0];
  return { code, title, rank: Number(rank) };
}
const newestRound = () => one(`SELECT code FROM rounds WHERE state IN ${PUBLIC} ORDER BY decl_start_date DESC, id DESC LIMIT 1`);

// Everything personal that must never reach a public page.
let secrets;
// Every public body fetched, checked against the secrets at the end.
const bodies = [];
async function get(p) {
  const r = await http(p);
  bodies.push([p, r.text]);
  return r;
}

function cleanup() {
  sql(`DELETE d FROM declarations d JOIN rounds r ON r.id = d.round_id WHERE r.code IN ('1417-1', '1417-2');
       DELETE FROM rounds WHERE code IN ('1417-1', '1417-2')`);
}

// Two demo offices of 1404-2: one ranked, one more for "not evaluated".
let A, B;

before(() => {
  cleanup();
  secrets = [
    ...rows(`SELECT national_id FROM users`).map((r) => r[0]),
    ...rows(`SELECT national_id FROM office_staff`).map((r) => r[0]),
    ...rows(`SELECT mobile FROM users WHERE mobile IS NOT NULL`).map((r) => r[0]),
    ...rows(`SELECT phone FROM offices WHERE phone IS NOT NULL AND phone <> ''`).map((r) => r[0]),
  ];
  assert.ok(secrets.length > 200);
  const pick = (off) => {
    const [id, code, province, rank] = rows(`SELECT o.id, o.code, o.province_id, d.public_rank
        FROM offices o JOIN declarations d ON d.office_id = o.id JOIN rounds r ON r.id = d.round_id
        WHERE r.code = '${DEMO}' AND d.public_rank IS NOT NULL ORDER BY o.id LIMIT 1 OFFSET ${off}`)[0];
    return { id: Number(id), code, province: Number(province), rank: Number(rank) };
  };
  A = pick(0);
  B = pick(1);
  // A round in scoring, ranks computed but not public: newer than anything.
  sql(`INSERT INTO rounds (code, title, state, decl_start_date, decl_end_date, review_end_date, ranked_at)
       VALUES ('1417-1', '${HIDDEN_TITLE}', 'scoring', '2038-04-05', '2038-04-24', '2038-05-04', UTC_TIMESTAMP())`);
  const hidden = one(`SELECT id FROM rounds WHERE code = '1417-1'`);
  sql(`INSERT INTO declarations (round_id, office_id, province_id, region_id, state, submitted_at, score_x100, \`rank\`, rank_basis)
       SELECT ${hidden}, id, province_id, region_id, 'reviewed', UTC_TIMESTAMP(), 1234, ${(A.rank % 3) + 1}, 'declared'
       FROM offices WHERE id = ${A.id}`);
});

after(cleanup);

test('verify by code: the rank of the newest public round, from the database', async () => {
  const r = await get(`/verify?code=${A.code}`);
  assert.equal(r.status, 200);
  const t = text(main(r.text));
  const [name, city, province] = rows(`SELECT o.name, c.name, p.name FROM offices o
      JOIN cities c ON c.id = o.city_id JOIN provinces p ON p.id = o.province_id WHERE o.id = ${A.id}`)[0];
  assert.ok(t.includes(name), 'office name');
  assert.ok(t.includes(city) && t.includes(province), 'city and province');
  assert.ok(t.includes(fa(A.code)), 'office code in Persian digits');
  const n = newestFor(A.id);
  assert.match(t, new RegExp(`رتبه در آخرین دوره منتشرشده ${n.rank ? `رتبه ${fa(n.rank)}` : 'ارزیابی نشده'} ${n.title}`));
  // The demo round is in the history: final, published 2026-05-20 05:30 UTC, which is
  // 30 Ordibehesht 1405 in Tehran.
  const demoRow = main(r.text).match(new RegExp(`<tr><th scope="row">[^<]+ <span[^>]*>\\(<span dir="ltr">${fa(DEMO)}</span>\\)</span></th>(.*?)</tr>`));
  assert.ok(demoRow, 'the demo round in the history');
  assert.equal(text(demoRow[1]).trim(), `رتبه ${fa(A.rank)} نهایی ۱۴۰۵/۰۲/۳۰ گواهی دوره ${fa(DEMO)}`);
  assert.match(r.text, new RegExp(`href="/certificate\\?office=${A.code}&amp;round=${DEMO}"`));
});

test('verify: Persian digits and spaces are folded; the form keeps the code', async () => {
  const ascii = await get(`/verify?code=${A.code}`);
  const persian = await get(`/verify?code=${encodeURIComponent(` ${fa(A.code)} `)}`);
  assert.equal(persian.status, 200);
  assert.equal(main(persian.text), main(ascii.text));
  assert.match(persian.text, new RegExp(`name="code"[^>]*value="${A.code}"`));
  const arabic = await get(`/verify?code=${encodeURIComponent(A.code.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[d]))}`);
  assert.equal(main(arabic.text), main(ascii.text));
});

test('verify: no code shows the form; an unknown code is 404 with the form and a message', async () => {
  let r = await get('/verify');
  assert.equal(r.status, 200);
  assert.match(r.text, /<form[^>]*action="\/verify"/);
  r = await get('/verify?code=');
  assert.equal(r.status, 200);
  r = await get('/verify?code=ZZ-NO-SUCH-9');
  assert.equal(r.status, 404);
  assert.match(r.text, /<form[^>]*action="\/verify"/);
  assert.match(text(r.text), /دفتری با این کد پیدا نشد/);
  assert.match(r.text, /value="ZZ-NO-SUCH-9"/);
  assert.match(r.text, /aria-invalid="true"/);
});

test('verify: hostile input is a 400 with a Persian message, never echoed unescaped', async () => {
  const hostile = ['<script>alert(1)</script>', "1' OR '1'='1", `${A.code}'--`, '"><img src=x onerror=alert(1)>',
    'A'.repeat(17), 'A'.repeat(500), 'ab', '../../etc/passwd', '1 2 3 4'];
  for (const h of hostile) {
    const r = await get(`/verify?code=${encodeURIComponent(h)}`);
    assert.equal(r.status, 400, h);
    assert.match(text(r.text), /کد دفتر معتبر نیست/, h);
    assert.ok(!r.text.includes('<script>alert'), h);
    assert.ok(!r.text.includes('<img src=x'), h);
    assert.ok(!r.text.includes("' OR '1'='1\""), h);
  }
  // What was typed comes back escaped in the field (when it was short enough to keep).
  const r = await get(`/verify?code=${encodeURIComponent('<b>x</b>')}`);
  assert.match(r.text, /value="&lt;b&gt;x&lt;\/b&gt;"/);
  // A bad UTF-8 byte, a NUL and a repeated key are refused too.
  assert.equal((await get('/verify?code=%ff%fe')).status, 400);
  assert.equal((await get('/verify?code=ABC%00DEF')).status, 400);
  assert.equal((await get(`/verify?code=${A.code}&code=${B.code}`)).status, 400);
});

test('a round in scoring is invisible on every public page', async () => {
  let r = await get(`/verify?code=${A.code}`);
  assert.ok(!r.text.includes(HIDDEN_TITLE));
  assert.ok(!r.text.includes('1417-1') && !r.text.includes(fa('1417-1')));
  assert.ok(text(main(r.text)).includes(`رتبه ${fa(A.rank)}`));
  r = await get('/ranks.json?round=1417-1');
  assert.equal(r.status, 404);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(JSON.parse(r.text).error, 'round_not_found');
  r = await get('/ranks.json');
  assert.equal(r.status, 200);
  assert.equal(JSON.parse(r.text).round.code, newestRound(), 'no round given: the newest public one');
  assert.notEqual(newestRound(), '1417-1');
  assert.equal((await get(`/ranks?round=1417-1&province=${A.province}`)).status, 404);
  assert.equal((await get(`/certificate?office=${A.code}&round=1417-1`)).status, 404);
  r = await get(`/ranks?province=${A.province}`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes(HIDDEN_TITLE) && !r.text.includes('1417-1'));
  r = await get(`/certificate?office=${A.code}`);
  assert.equal(r.status, newestFor(A.id).rank ? 200 : 404);
  assert.ok(!r.text.includes(HIDDEN_TITLE));
});

test('certificate: the office, the round, the rank, an inline SVG QR code and the verification URL', async () => {
  const r = await get(`/certificate?office=${A.code}&round=${DEMO}`);
  assert.equal(r.status, 200);
  const t = text(main(r.text));
  assert.match(t, /گواهی رتبه/);
  assert.match(t, new RegExp(`رتبه ${fa(A.rank)} را کسب کرده است`));
  assert.ok(t.includes(fa(A.code)));
  const url = `${URL_BASE}/verify?code=${A.code}`;
  assert.ok(r.text.includes(`href="${url}"`), url);
  const svg = r.text.match(/<svg class="qr"[^>]*viewBox="0 0 (\d+) \1"[^>]*>(.*?)<\/svg>/s);
  assert.ok(svg, 'an inline SVG');
  // A QR code of version v is 17 + 4v modules wide, plus 4 of quiet zone each side.
  assert.equal((Number(svg[1]) - 8 - 17) % 4, 0);
  const d = svg[2].match(/<path fill="#000" d="((?:M\d+ \d+h\d+v1h-\d+z)+)"\/>/);
  assert.ok(d && d[1].length > 500, 'the modules as one path');
  // The finder pattern: a run of 7 dark modules at the top-left corner.
  assert.ok(d[1].startsWith('M4 4h7v1h-7z'));
  assert.match(r.text, /<script src="\/assets\/js\/print\.js/);
  // The QR code is of the URL: the same every time, another for another office.
  const again = await get(`/certificate?office=${A.code}&round=${DEMO}`);
  assert.equal(again.text.match(/ d="([^"]+)"/)[1], d[1]);
  const other = await get(`/certificate?office=${B.code}&round=${DEMO}`);
  assert.equal(other.status, 200);
  assert.ok(other.text.includes(`href="${URL_BASE}/verify?code=${B.code}"`));
  assert.notEqual(other.text.match(/ d="([^"]+)"/)[1], d[1]);
});

test('certificate: refusals', async () => {
  assert.equal((await get('/certificate')).status, 400);
  assert.equal((await get('/certificate?office=%3Cscript%3E')).status, 400);
  assert.equal((await get(`/certificate?office=${A.code}&round=1404-3`)).status, 400);
  assert.equal((await get(`/certificate?office=${A.code}&round=%3Cx%3E`)).status, 400);
  assert.equal((await get('/certificate?office=ZZ-NO-SUCH-9')).status, 404);
  assert.equal((await get(`/certificate?office=${A.code}&round=1399-1`)).status, 404);
});

// The province of 1404-2 with the most offices, for paging.
function bigProvince() {
  const [id, code, n] = rows(`SELECT d.province_id, p.code, COUNT(*) AS n FROM declarations d
      JOIN rounds r ON r.id = d.round_id JOIN provinces p ON p.id = d.province_id
      WHERE r.code = '${DEMO}' GROUP BY d.province_id, p.code ORDER BY n DESC, d.province_id LIMIT 1`)[0];
  return { id: Number(id), code, n: Number(n) };
}
const listed = (html) => [...html.matchAll(/<td><a href="\/verify\?code=([0-9A-Za-z-]+)"/g)].map((m) => m[1]);

test('province list: counts per rank and the first page match the database', async () => {
  const p = bigProvince();
  assert.ok(p.n > 50, `the demo data has a province of more than 50 offices (${p.n})`);
  const r = await get(`/ranks?round=${DEMO}&province=${p.id}`);
  assert.equal(r.status, 200);
  const t = text(main(r.text));
  const counts = Object.fromEntries(rows(`SELECT COALESCE(public_rank, 0), COUNT(*) FROM declarations d
      JOIN rounds r ON r.id = d.round_id WHERE r.code = '${DEMO}' AND d.province_id = ${p.id}
      GROUP BY public_rank`));
  assert.ok(t.includes(`همه دفاتر ${fa(p.n)}`));
  for (const k of [1, 2, 3]) assert.ok(t.includes(`رتبه ${fa(k)} ${fa(counts[k] ?? 0)}`), `rank ${k}`);
  const expected = rows(`SELECT o.code FROM declarations d JOIN offices o ON o.id = d.office_id
      JOIN rounds r ON r.id = d.round_id WHERE r.code = '${DEMO}' AND d.province_id = ${p.id}
      ORDER BY d.public_rank IS NULL, d.public_rank, o.code LIMIT 50`).map((x) => x[0]);
  assert.deepEqual(listed(r.text), expected);
  // The province by its code gives the same list; the select shows it chosen.
  const byCode = await get(`/ranks?round=${DEMO}&province=${p.code}`);
  assert.deepEqual(listed(byCode.text), expected);
  assert.match(r.text, new RegExp(`<option value="${p.id}" selected>`));
  // Page links in Persian digits.
  assert.match(r.text, new RegExp(`<a href="/ranks\\?round=${DEMO}&amp;province=${p.id}&amp;page=2">${fa(2)}</a>`));
});

test('province list: page 2 differs, and a page past the end is 404', async () => {
  const p = bigProvince();
  const pages = Math.ceil(p.n / 50);
  const one1 = listed((await get(`/ranks?round=${DEMO}&province=${p.id}&page=1`)).text);
  const r2 = await get(`/ranks?round=${DEMO}&province=${p.id}&page=2`);
  assert.equal(r2.status, 200);
  const two = listed(r2.text);
  assert.equal(two.length, Math.min(50, p.n - 50));
  assert.ok(two.every((c) => !one1.includes(c)), 'no office on both pages');
  const expected = rows(`SELECT o.code FROM declarations d JOIN offices o ON o.id = d.office_id
      JOIN rounds r ON r.id = d.round_id WHERE r.code = '${DEMO}' AND d.province_id = ${p.id}
      ORDER BY d.public_rank IS NULL, d.public_rank, o.code LIMIT 50 OFFSET 50`).map((x) => x[0]);
  assert.deepEqual(two, expected);
  assert.match(text(main(r2.text)), /ردیف/);
  assert.ok(text(main(r2.text)).includes(` ${fa(51)} `), 'rows are numbered across pages');
  const past = await get(`/ranks?round=${DEMO}&province=${p.id}&page=${pages + 1}`);
  assert.equal(past.status, 404);
  assert.deepEqual(listed(past.text), []);
  assert.match(text(past.text), /این صفحه وجود ندارد/);
  assert.equal((await get(`/ranks?round=${DEMO}&province=${p.id}&page=0`)).status, 400);
  assert.equal((await get(`/ranks?round=${DEMO}&province=${p.id}&page=abc`)).status, 400);
  assert.equal((await get(`/ranks?round=${DEMO}&province=${p.id}&page=99999999999`)).status, 400);
});

test('province list: without a province, the choice of the 31; bad or unknown ones refused', async () => {
  let r = await get('/ranks');
  assert.equal(r.status, 200);
  assert.equal([...r.text.matchAll(/<option value="\d+"/g)].length, 31);
  assert.match(r.text, new RegExp(`<option value="${DEMO}" selected>`));
  assert.match(text(main(r.text)), /یک استان را انتخاب کنید/);
  assert.equal((await get('/ranks?province=250')).status, 404);
  assert.equal((await get('/ranks?province=IR-99')).status, 404);
  assert.equal((await get(`/ranks?province=${encodeURIComponent("1' OR 1=1 --")}`)).status, 404);
  assert.equal((await get(`/ranks?province=${'9'.repeat(30)}`)).status, 400);
  assert.equal((await get('/ranks?round=1404-9&province=1')).status, 400);
  assert.equal((await get('/ranks?round=1399-1&province=1')).status, 404);
});

test('JSON: every office of the round, as in the database', async () => {
  const r = await get(`/ranks.json?round=${DEMO}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  const j = JSON.parse(r.text);
  const [title, state, pub] = rows(`SET time_zone = '+00:00';
      SELECT title, state, DATE_FORMAT(published_at, '%Y-%m-%dT%H:%i:%sZ') FROM rounds WHERE code = '${DEMO}'`)[0];
  assert.deepEqual(j.round, { code: DEMO, title, state, published_at: pub });
  const db = rows(`SELECT o.code, o.name, o.kind, p.name, c.name, COALESCE(d.public_rank, 'null'),
      COALESCE(COALESCE(d.final_score_x100, d.score_x100), 'null')
      FROM declarations d JOIN rounds r ON r.id = d.round_id JOIN offices o ON o.id = d.office_id
      JOIN provinces p ON p.id = o.province_id JOIN cities c ON c.id = o.city_id
      WHERE r.code = '${DEMO}' ORDER BY o.code`);
  assert.equal(j.offices.length, db.length);
  assert.ok(db.length >= 200);
  j.offices.forEach((o, i) => {
    const [code, name, kind, province, city, rank, score] = db[i];
    assert.deepEqual(Object.keys(o), ['code', 'name', 'kind', 'province', 'city', 'rank', 'score']);
    assert.deepEqual(o, { code, name, kind, province, city,
      rank: rank === 'null' ? null : Number(rank), score: score === 'null' ? null : Number(score) / 100 }, code);
  });
  // Scores are written with two decimals (72.50), exactly the stored hundredths.
  assert.match(r.text, /"score":-?\d+\.\d\d[,}]/);
  assert.equal((await get('/ranks.json?round=1404-3')).status, 400);
  assert.equal(JSON.parse((await get('/ranks.json?round=%3Cscript%3E')).text).error, 'bad_round');
  assert.equal((await get('/ranks.json?round=1399-1')).status, 404);
});

test('publication is visible at once: the history, the older certificate, not evaluated', async () => {
  // 1417-1 is published now, and a later round 1417-2 where A has no rank.
  sql(`UPDATE rounds SET state = 'published', published_at = UTC_TIMESTAMP() WHERE code = '1417-1'`);
  sql(`INSERT INTO rounds (code, title, state, decl_start_date, decl_end_date, review_end_date, published_at)
       VALUES ('1417-2', '${LATER_TITLE}', 'objection', '2038-10-05', '2038-10-24', '2038-11-04', UTC_TIMESTAMP())`);
  const later = one(`SELECT id FROM rounds WHERE code = '1417-2'`);
  sql(`INSERT INTO declarations (round_id, office_id, province_id, region_id, state, rank_basis)
       SELECT ${later}, id, province_id, region_id, 'not_submitted', 'not_evaluated' FROM offices WHERE id = ${A.id}`);
  const newRank = (A.rank % 3) + 1;
  let r = await get(`/verify?code=${A.code}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('cache-control'), /no-store|no-cache/);
  const t = text(main(r.text));
  assert.match(t, new RegExp(`رتبه در آخرین دوره منتشرشده ارزیابی نشده ${LATER_TITLE}`));
  assert.match(t, /در مهلت اعتراض/);
  // The history: every public round, newest first, final or not.
  const hist = [...main(r.text).matchAll(/<tr><th scope="row">([^<]+) <span[^>]*>\(<span dir="ltr">([^<]+)<\/span>\)<\/span><\/th><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)]
    .map((m) => [m[2], m[3], m[4]]);
  assert.deepEqual(hist.slice(0, 2), [
    [fa('1417-2'), 'ارزیابی نشده', 'اولیه'],
    [fa('1417-1'), `رتبه ${fa(newRank)}`, 'اولیه'],
  ]);
  assert.ok(hist.some((h) => h.join() === [fa(DEMO), `رتبه ${fa(A.rank)}`, 'نهایی'].join()));
  assert.equal(hist.length, Number(one(`SELECT COUNT(*) FROM declarations d JOIN rounds r ON r.id = d.round_id
      WHERE d.office_id = ${A.id} AND r.state IN ${PUBLIC}`)));
  // No certificate for a round without a rank.
  assert.equal((await get(`/certificate?office=${A.code}&round=1417-2`)).status, 404);
  assert.equal((await get(`/certificate?office=${A.code}`)).status, 404);
  r = await get(`/certificate?office=${A.code}&round=${DEMO}`);
  assert.equal(r.status, 200);
  assert.match(text(r.text), new RegExp(`دوره تازه‌تر ${fa('1417-2')}`));
  r = await get(`/certificate?office=${A.code}&round=1417-1`);
  assert.equal(r.status, 200);
  assert.match(text(main(r.text)), new RegExp(`رتبه ${fa(newRank)} را کسب کرده است`));
  // The JSON of the new round: its one office, unranked.
  const j = JSON.parse((await get('/ranks.json?round=1417-2')).text);
  assert.equal(j.round.state, 'objection');
  assert.deepEqual(j.offices.map((o) => [o.code, o.rank, o.score]), [[A.code, null, null]]);
  assert.equal(JSON.parse((await get('/ranks.json')).text).round.code, '1417-2');
  // The province list of the new round: not evaluated is counted and shown.
  r = await get(`/ranks?round=1417-2&province=${A.province}`);
  assert.equal(r.status, 200);
  assert.match(text(main(r.text)), new RegExp(`ارزیابی نشده ${fa(1)}`));
  assert.deepEqual(listed(r.text), [A.code]);
  // B has no file in either new round: its newest is older.
  const nb = newestFor(B.id);
  assert.notEqual(nb.code.slice(0, 4), '1417');
  r = await get(`/verify?code=${B.code}`);
  assert.ok(text(main(r.text)).includes(`رتبه در آخرین دوره منتشرشده ${nb.rank ? `رتبه ${fa(nb.rank)}` : 'ارزیابی نشده'} ${nb.title}`));
});

test('an office of another province has an empty list page for a round it alone is in', async () => {
  const other = one(`SELECT id FROM provinces WHERE id <> ${A.province} ORDER BY id LIMIT 1`);
  const r = await get(`/ranks?round=1417-2&province=${other}`);
  assert.equal(r.status, 200);
  assert.match(text(main(r.text)), /دفتری از این استان رتبه‌بندی نشده است/);
  assert.equal((await get(`/ranks?round=1417-2&province=${other}&page=2`)).status, 404);
});

test('no national ID, mobile or phone number on any public page', () => {
  assert.ok(bodies.length > 50);
  for (const [p, body] of bodies)
    for (const s of secrets)
      assert.ok(!body.includes(s), `${p} shows ${s.slice(0, 3)}…`);
});
