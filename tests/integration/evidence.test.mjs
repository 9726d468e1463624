// Evidence uploads against the real stack (nginx in front, the store on disk):
// what is accepted and how it is stored, every kind of refusal, who may read or
// remove a file, the deadline, and what a killed worker leaves behind.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { URL_BASE, STACK, sql, geps, sleep, workerPids } from './lib/stack.mjs';
import { nidFrom, dbSession } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const STORE = path.join(STACK, 'evidence');
let round;
let serial = Number(String(Date.now()).slice(-6)) + 300000;

before(() => {
  const [id, end] = rows(`SELECT id, decl_end_date FROM rounds WHERE state = 'open'`)[0];
  round = { id: Number(id), end };
});

const session = dbSession;

// A licensee with an office in province pcode (default: the first office's).
function freshOffice(province = null) {
  const n = serial++;
  const nid = nidFrom(610000000 + n);
  sql(`INSERT INTO users (national_id, role, first_name, last_name, mobile, password_kind)
       VALUES ('${nid}', 'licensee', 'آزمون', 'مدارک', '0913${String(n).padStart(7, '0')}', 'none')`);
  const uid = Number(one(`SELECT id FROM users WHERE national_id = '${nid}'`));
  const code = `7${String(n).padStart(8, '0')}`;
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address, licensee_user_id)
       SELECT '${code}', kind, 'دفتر آزمون مدارک', 'V-${code}', province_id, region_id, city_id, address, ${uid}
       FROM offices ${province ? `WHERE province_id = ${province}` : ''} ORDER BY id LIMIT 1`);
  const office = Number(one(`SELECT id FROM offices WHERE code = '${code}'`));
  return { uid, office, s: session(uid) };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f00000000049454e44ae426082', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb0043000806060706050807070709090' +
  '80a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e3' +
  '33432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bff' +
  'da0008010100003f00d2cf20ffd9', 'hex');
const unique = (buf) => Buffer.concat([buf, Buffer.from(`\n% ${randomBytes(8).toString('hex')}\n`)]);

function form(s, parts, { csrf = true, section = 'space', requirement = 'lease' } = {}) {
  const fd = new FormData();
  if (csrf) fd.append('csrf', s.csrf);
  if (section) fd.append('section', section);
  if (requirement) fd.append('requirement', requirement);
  for (const [name, bytes] of parts) fd.append('file', new Blob([bytes]), name);
  return fd;
}

async function upload(o, fd, { js = true, now = 0, s = o.s, office = o.office } = {}) {
  const res = await fetch(`${URL_BASE}/decl/${office}/upload${js ? '?js=1' : ''}`, {
    method: 'POST', body: fd, redirect: 'manual',
    headers: { cookie: s.cookie, ...(now ? { 'x-geps-test-now': String(now) } : {}) },
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* a page */ }
  return { status: res.status, text, json, location: res.headers.get('location') };
}

const objects = () => (existsSync(path.join(STORE, 'objects'))
  ? readdirSync(path.join(STORE, 'objects')).flatMap((d) => readdirSync(path.join(STORE, 'objects', d))) : []);
const links = (office) => Number(one(`SELECT COUNT(*) FROM declaration_evidence de JOIN declarations d
    ON d.id = de.declaration_id WHERE d.office_id = ${office}`));

test('PDF, JPEG and PNG are stored by content hash, once, and read back byte for byte', async () => {
  const o = freshOffice();
  const pdf = unique(PDF);
  let r = await upload(o, form(o.s, [['سند اجاره.pdf', pdf]]));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ok, true);
  const sha = createHash('sha256').update(pdf).digest('hex');
  assert.equal(r.json.sha256, sha);
  assert.deepEqual(rows(`SELECT LOWER(HEX(sha256)), size_bytes, mime, storage_name FROM evidence WHERE sha256 = UNHEX('${sha}')`)[0],
    [sha, String(pdf.length), 'application/pdf', `objects/${sha.slice(0, 2)}/${sha}`]);
  assert.ok(existsSync(path.join(STORE, 'objects', sha.slice(0, 2), sha)));
  assert.equal(one(`SELECT original_name FROM declaration_evidence WHERE id = ${r.json.id}`), 'سند اجاره.pdf');
  // The same bytes under another name, in another section: one object, two links.
  const before = objects().length;
  r = await upload(o, form(o.s, [['copy.pdf', pdf]], { section: 'location', requirement: 'location_photo' }));
  assert.equal(r.status, 200, r.text);
  assert.equal(objects().length, before);
  assert.equal(one(`SELECT COUNT(*) FROM evidence WHERE sha256 = UNHEX('${sha}')`), '1');
  // Twice in the same section is refused.
  r = await upload(o, form(o.s, [['again.pdf', pdf]]));
  assert.equal(r.status, 409);
  assert.match(r.json.message, /پیش‌تر در همین بخش/);
  for (const [name, bytes, mime] of [['photo.jpg', unique(JPEG), 'image/jpeg'], ['scan.png', PNG, 'image/png']]) {
    r = await upload(o, form(o.s, [[name, bytes]], { section: 'location', requirement: 'location_photo' }));
    assert.equal(r.status, 200, `${name}: ${r.text}`);
    const got = await fetch(URL_BASE + r.json.url, { headers: { cookie: o.s.cookie } });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), mime);
    assert.match(got.headers.get('content-disposition'), /filename\*=UTF-8''/);
    assert.equal(got.headers.get('x-accel-redirect'), null, 'nginx consumed the internal redirect');
    assert.match(got.headers.get('content-security-policy'), /sandbox/);
    assert.equal(got.headers.get('strict-transport-security'), 'max-age=63072000; includeSubDomains');
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), bytes);
  }
  // Without JavaScript: a redirect back to the section's documents.
  r = await upload(o, form(o.s, [['lease2.pdf', unique(PDF)]]), { js: false });
  assert.equal(r.status, 303);
  assert.match(r.location, new RegExp(`^/decl/${o.office}/section/space\\?uploaded=1#evidence-lease$`));
  // The store itself is not reachable from outside.
  assert.equal((await fetch(`${URL_BASE}/_evidence/${sha.slice(0, 2)}/${sha}`)).status, 404);
});

test('content decides the type: a renamed .exe, an empty file, HTML are refused', async () => {
  const o = freshOffice();
  const cases = [
    ['setup.pdf', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), randomBytes(512)]), 415],
    ['empty.pdf', Buffer.alloc(0), 400],
    ['page.png', Buffer.from('<html><script>alert(1)</script></html>'), 415],
    ['anim.jpg', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 415],
    ['notes.pdf', Buffer.from('just some text, not a document\n'), 415],
  ];
  for (const [name, bytes, status] of cases) {
    const r = await upload(o, form(o.s, [[name, bytes]]));
    assert.equal(r.status, status, `${name}: ${r.text}`);
    assert.equal(r.json.ok, false);
    assert.match(r.json.message, /[آ-ی]/, 'a Persian message');
  }
  const page = await upload(o, form(o.s, [['setup.pdf', Buffer.from('MZ\x90\x00 exe')]]), { js: false });
  assert.equal(page.status, 415);
  assert.match(page.text, /فقط فایل PDF، JPEG یا PNG/);
  assert.equal(links(o.office), 0);
});

test('limits and malformed bodies are refused cleanly, nothing half-written', async () => {
  const o = freshOffice();
  const before = objects().length;
  // Over the per-file limit (10 MiB) but under nginx's body limit: geps refuses.
  let r = await upload(o, form(o.s, [['big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)])]]));
  assert.equal(r.status, 413);
  // Over nginx's limit: nginx refuses with geps's Persian page.
  r = await upload(o, form(o.s, [['huge.pdf', Buffer.alloc(13 * 1024 * 1024, 0x20)]]), { js: false });
  assert.equal(r.status, 413);
  assert.match(r.text, /[آ-ی]/);
  // More files than allowed in one request: refused at the sixth, no row at all
  // (the five stored before it are unreferenced objects for the cleaner).
  r = await upload(o, form(o.s, Array.from({ length: 6 }, (_, i) => [`f${i}.pdf`, unique(PDF)])));
  assert.equal(r.status, 413);
  assert.equal(links(o.office), 0);
  const afterMany = objects().length;
  // More parts than the parser accepts.
  const many = form(o.s, []);
  for (let i = 0; i < 40; i++) many.append(`x${i}`, 'y');
  r = await upload(o, many);
  assert.ok([400, 413].includes(r.status), String(r.status));
  // A malformed boundary, no boundary, a body that stops, not multipart at all.
  const raw = async (ct, body) => (await fetch(`${URL_BASE}/decl/${o.office}/upload?js=1`, {
    method: 'POST', body, headers: { cookie: o.s.cookie, 'content-type': ct } })).status;
  assert.equal(await raw('multipart/form-data; boundary="unterminated', '--x\r\n'), 400);
  assert.equal(await raw('multipart/form-data', '--x\r\n'), 400);
  assert.equal(await raw('multipart/form-data; boundary=abc',
    `--abc\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${o.s.csrf}\r\n--abc\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut`), 400);
  assert.equal(await raw('application/x-www-form-urlencoded', 'a=b'), 400);
  assert.equal(before + 5, afterMany);
  assert.equal(objects().length, afterMany, 'no object left by the other refusals');
  assert.equal(links(o.office), 0);
  assert.equal(readdirSync(path.join(STORE, 'tmp')).length, 0, 'no temp file left');
  const c = geps(['evidence', 'check']);
  assert.match(c.stdout, / 0 missing, 0 corrupt, 5 orphans/);
});

test('a path in the file name is only a name; a file before the CSRF field stores nothing', async () => {
  const o = freshOffice();
  let r = await upload(o, form(o.s, [['../../../../etc/passwd.pdf', unique(PDF)]]));
  assert.equal(r.status, 200, r.text);
  assert.equal(one(`SELECT original_name FROM declaration_evidence WHERE id = ${r.json.id}`), 'passwd.pdf');
  r = await upload(o, form(o.s, [['..\\..\\boot.ini.pdf', unique(PDF)]], { section: 'location', requirement: 'location_photo' }));
  assert.equal(r.status, 200, r.text);
  assert.equal(one(`SELECT original_name FROM declaration_evidence WHERE id = ${r.json.id}`), 'boot.ini.pdf');
  // The file first, the token after it: refused before a byte is kept.
  const before = objects().length;
  const fd = new FormData();
  fd.append('section', 'space');
  fd.append('requirement', 'lease');
  fd.append('file', new Blob([unique(PDF)]), 'a.pdf');
  fd.append('csrf', o.s.csrf);
  r = await upload(o, fd);
  assert.equal(r.status, 403);
  r = await upload(o, form({ csrf: 'f'.repeat(64) }, [['a.pdf', unique(PDF)]]));
  assert.equal(r.status, 403);
  assert.equal(objects().length, before);
  assert.equal(readdirSync(path.join(STORE, 'tmp')).length, 0);
});

test('only the office\'s licensee, a reviewer of its region and HQ read a file; only the licensee removes it', async () => {
  const a = freshOffice();
  const b = freshOffice();
  const r = await upload(a, form(a.s, [['lease.pdf', unique(PDF)]]));
  assert.equal(r.status, 200);
  const url = r.json.url;
  const get = async (s, u = url) => (await fetch(URL_BASE + u, { redirect: 'manual', headers: { cookie: s.cookie } })).status;
  assert.equal(await get(b.s), 404, 'another licensee');
  assert.equal(await get(b.s, url.replace(`/decl/${a.office}/`, `/decl/${b.office}/`)), 404, 'through their own office');
  const region = one(`SELECT p.region_id FROM offices o JOIN provinces p ON p.id = o.province_id WHERE o.id = ${a.office}`);
  const own = one(`SELECT id FROM users WHERE role = 'reviewer' AND region_id = ${region} LIMIT 1`);
  const other = one(`SELECT id FROM users WHERE role = 'reviewer' AND region_id <> ${region} LIMIT 1`);
  const hq = one(`SELECT id FROM users WHERE role = 'hq' LIMIT 1`);
  assert.equal(await get(session(own)), 200, 'a reviewer of the region');
  assert.equal(await get(session(other)), 404, 'a reviewer of another region');
  assert.equal(await get(session(hq)), 200, 'HQ');
  assert.equal((await fetch(URL_BASE + url, { redirect: 'manual' })).status, 303, 'nobody signed in: to the login page');
  // Another licensee can neither upload to nor remove from this file.
  const up = await upload(b, form(b.s, [['x.pdf', unique(PDF)]]), { office: a.office });
  assert.equal(up.status, 404);
  const del = async (o) => (await fetch(URL_BASE + r.json.delete_url, { method: 'POST', redirect: 'manual',
    body: new URLSearchParams({ csrf: o.s.csrf }), headers: { cookie: o.s.cookie, 'content-type': 'application/x-www-form-urlencoded' } })).status;
  assert.equal(await del(b), 404);
  assert.equal(links(a.office), 1);
  assert.equal(await del(a), 303);
  assert.equal(links(a.office), 0);
  assert.equal(await get(a.s), 404, 'gone');
});

test('first uploads to a new file at the same time all land (no lost deadlock)', async () => {
  const o = freshOffice();
  const reqs = [...Array(3).fill('lease'), ...Array(5).fill('access_photos')];
  const rs = await Promise.all(reqs.map((req) => upload(o, form(o.s, [[`${req}.pdf`, unique(PDF)]], { requirement: req }))));
  assert.deepEqual(rs.map((r) => r.status), reqs.map(() => 200), rs.map((r) => r.text).join('\n'));
  assert.equal(links(o.office), 8);
  assert.equal(one(`SELECT COUNT(*) FROM declarations WHERE office_id = ${o.office}`), '1');
});

test('after the deadline nothing is uploaded or removed', async () => {
  const o = freshOffice();
  const end = Math.floor(Date.parse(`${round.end}T23:59:59+03:30`) / 1000);
  o.s = session(o.uid, end - 30);
  let r = await upload(o, form(o.s, [['in-time.pdf', unique(PDF)]]), { now: end });
  assert.equal(r.status, 200, r.text);
  const before = objects().length;
  r = await upload(o, form(o.s, [['late.pdf', unique(PDF)]]), { now: end + 1 });
  assert.equal(r.status, 409);
  assert.match(r.json.message, /مهلت خوداظهاری به پایان رسیده است/);
  assert.equal(objects().length, before);
  assert.equal(links(o.office), 1);
});

test('a killed worker leaves no row without its object; the check finds and cleans leftovers', async () => {
  const o = freshOffice();
  // Kill workers while big uploads are in flight.
  for (let i = 0; i < 3; i++) {
    const p = upload(o, form(o.s, [[`big${i}.pdf`, Buffer.concat([PDF, randomBytes(9 * 1024 * 1024)])]])).catch(() => null);
    for (let t = 0; t < 200 && readdirSync(path.join(STORE, 'tmp')).length === 0; t++) await sleep(2);
    for (const pid of workerPids()) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    await p;
    await sleep(300);
  }
  // What a worker killed between the rename and the commit leaves: an object no row names.
  const orphan = unique(PDF);
  const sha = createHash('sha256').update(orphan).digest('hex');
  mkdirSync(path.join(STORE, 'objects', sha.slice(0, 2)), { recursive: true });
  writeFileSync(path.join(STORE, 'objects', sha.slice(0, 2), sha), orphan);
  writeFileSync(path.join(STORE, 'tmp', 'ev-killedworker000000000000'), 'partial');
  const old = new Date(Date.now() - 7200 * 1000);
  utimesSync(path.join(STORE, 'objects', sha.slice(0, 2), sha), old, old);
  // Every row names an object that is there.
  for (const [name] of rows('SELECT storage_name FROM evidence')) assert.ok(existsSync(path.join(STORE, name)), name);
  let c = geps(['evidence', 'check']);
  assert.equal(c.status, 1, c.stdout + c.stderr);
  assert.match(c.stdout, new RegExp(`orphan objects/${sha.slice(0, 2)}/${sha}`));
  assert.match(c.stdout, / 0 missing, 0 corrupt/);
  c = geps(['evidence', 'check', '--clean', '--grace', '0']);
  assert.match(c.stdout, /removed/);
  assert.ok(!existsSync(path.join(STORE, 'objects', sha.slice(0, 2), sha)));
  assert.equal(readdirSync(path.join(STORE, 'tmp')).length, 0);
  c = geps(['evidence', 'check']);
  assert.equal(c.status, 0, c.stdout + c.stderr);
  // A corrupted object is reported.
  const r = await upload(o, form(o.s, [['ok.pdf', unique(PDF)]]));
  assert.equal(r.status, 200, r.text);
  const f = path.join(STORE, 'objects', r.json.sha256.slice(0, 2), r.json.sha256);
  const good = readFileSync(f);
  writeFileSync(f, Buffer.concat([good.subarray(0, 10), Buffer.from('tampered')]));
  c = geps(['evidence', 'check']);
  assert.equal(c.status, 1);
  assert.match(c.stdout, new RegExp(`corrupt objects/.*${r.json.sha256}`));
  writeFileSync(f, good);
  assert.equal(geps(['evidence', 'check']).status, 0);
});
