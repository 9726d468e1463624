// Several hosts: two `geps serve` on different loopback TCP ports ("hosts" A and B)
// behind one nginx of this test's own that runs conf/multihost/geps-upstream.conf
// (the upstream and failover settings of production, only the server addresses
// replaced) and the application part conf/nginx/geps-app.conf.in.  Both hosts use
// the suite's MariaDB and its evidence store (the shared storage), as production
// hosts share theirs.
//
// A licensee's journey (sign in, dashboard, open the file, save every section,
// upload every required document, submit, receipt) runs while host A is killed
// with SIGKILL, master and workers at once, as a crashed machine; a second client
// reads the dashboard with the same session all along.  Every response must be a
// success, the requests after the kill must all come from B with the session
// signed in on A's watch, and the database must hold one submission with every
// file on disk.  Then A comes back and gets requests again, and both hosts are
// restarted one after the other as conf/multihost/README.md says (out of the
// upstream, restart, back in) under four clients sending POSTs, every one of which
// geps must answer.  The figures (requests
// per host, requests nginx moved to the other host, latencies) are printed as
// test diagnostics.
//
// Fixtures: fresh licensees with fresh offices in the open round (like
// declaration.test.mjs), one left submitted.  Every process started here is stopped by
// its pid (geps by its process group) in after().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync,
  readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { STACK, SRCDIR, BIN, sql, sleep, until, freePort } from './lib/stack.mjs';
import { makeUser } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const isRoot = process.getuid() === 0;

let dir;		// this test's processes' directory
let base;		// http://127.0.0.1:<nginx port>
const hosts = {};	// A and B: { name, port, addr, conf, log, proc }
let nginxPid = 0;

function connects(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
}

// The suite's geps.conf with this host's listening address: the same database,
// secret key (a CSRF token made on one host is good on the other) and evidence store.
function hostConf(h) {
  const own = new Set(['listen', 'listen_mode', 'listen_group', 'workers']);
  const lines = readFileSync(path.join(STACK, 'geps.conf'), 'utf8').split('\n')
    .filter((l) => !own.has(l.split('=')[0].trim()));
  writeFileSync(h.conf, [...lines, `listen = ${h.addr}`, 'workers = 2', ''].join('\n'), { mode: 0o600 });
}

// Starts a host's `geps serve` as the leader of a process group of its own, so that
// its master and workers can be killed at once, like a machine that goes down.
async function startHost(h) {
  const fd = openSync(h.log, 'a');
  h.proc = spawn(BIN, ['serve'], {
    detached: true,
    stdio: ['ignore', fd, fd],
    // libfcgi accepts FastCGI connections from these addresses only (production:
    // the nginx host's address; see conf/multihost/geps-host.conf).
    env: { ...process.env, GEPS_CONF: h.conf, FCGI_WEB_SERVER_ADDRS: '127.0.0.1' },
  });
  closeSync(fd);
  h.exited = new Promise((resolve) => h.proc.once('exit', resolve));
  assert.ok(await until(() => connects(h.port), 10000), `geps ${h.name} listens on ${h.addr}`);
}

function killHost(h, sig = 'SIGKILL') {
  try { process.kill(-h.proc.pid, sig); } catch { /* already gone */ }
}

function nginxConf(port) {
  const ngx = path.join(dir, 'nginx');
  mkdirSync(path.join(ngx, 'tmp'), { recursive: true });
  // The production upstream file, with the test's two hosts for its server lines.
  const servers = readFileSync(path.join(SRCDIR, 'conf/multihost/geps-upstream.conf'), 'utf8');
  const example = servers.match(/^\s*server\s+\S+:9000\s.*$/gm);
  assert.equal(example?.length, 2, 'geps-upstream.conf has two server lines');
  writeFileSync(path.join(ngx, 'geps-upstream.conf'), servers
    .replace(example[0], example[0].replace(/\S+:9000/, hosts.A.addr))
    .replace(example[1], example[1].replace(/\S+:9000/, hosts.B.addr)));
  writeFileSync(path.join(ngx, 'geps-app.conf'),
    readFileSync(path.join(SRCDIR, 'conf/nginx/geps-app.conf.in'), 'utf8')
      .replaceAll('@ASSETS_ROOT@', path.join(SRCDIR, 'views'))
      .replaceAll('@FASTCGI@', 'geps')
      .replaceAll('@EVIDENCE_DIR@', path.join(STACK, 'evidence')));
  writeFileSync(path.join(ngx, 'nginx.conf'), `# Written by tests/integration/multihost.test.mjs.
${isRoot ? 'user www-data www-data;' : ''}
worker_processes 1;
pid ${ngx}/nginx.pid;
error_log ${ngx}/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format hosts '$msec $request_method $uri $status up=$upstream_addr '
                     'ustatus=$upstream_status rt=$request_time';
    access_log ${ngx}/access.log hosts;
    client_body_temp_path ${ngx}/tmp/body;
    fastcgi_temp_path ${ngx}/tmp/fastcgi;
    proxy_temp_path ${ngx}/tmp/proxy;
    uwsgi_temp_path ${ngx}/tmp/uwsgi;
    scgi_temp_path ${ngx}/tmp/scgi;
    limit_req_zone $binary_remote_addr zone=geps_auth:10m rate=100r/s;
    include ${ngx}/geps-upstream.conf;
    server {
        listen 127.0.0.1:${port};
        server_name localhost;
        # Which host answered (the test's evidence; not in production).
        add_header X-Geps-Upstream $upstream_addr always;
        include ${ngx}/geps-app.conf;
    }
}
`);
  if (isRoot) chownSync(path.join(ngx, 'tmp'), Number(execFileSync('id', ['-u', 'www-data']).toString()),
    Number(execFileSync('id', ['-g', 'www-data']).toString()));
  return ngx;
}

before(async () => {
  dir = mkdtempSync('/tmp/geps-multihost-');
  // nginx's workers (www-data when we are root) write their temp files under it.
  chmodSync(dir, 0o755);
  for (const name of ['A', 'B']) {
    const port = await freePort();
    hosts[name] = { name, port, addr: `127.0.0.1:${port}`,
      conf: path.join(dir, `geps-${name}.conf`), log: path.join(dir, `geps-${name}.log`) };
    hostConf(hosts[name]);
  }
  await Promise.all([startHost(hosts.A), startHost(hosts.B)]);
  const port = await freePort();
  const ngx = nginxConf(port);
  execFileSync('nginx', ['-p', ngx, '-c', path.join(ngx, 'nginx.conf'), '-e', path.join(ngx, 'error.log')]);
  nginxPid = Number(readFileSync(path.join(ngx, 'nginx.pid'), 'utf8'));
  base = `http://127.0.0.1:${port}`;
  assert.ok(await until(async () => (await fetch(`${base}/_health`).catch(() => ({}))).status === 200, 10000),
    'nginx answers through the upstream');
});

after(async () => {
  if (nginxPid) {
    try { process.kill(nginxPid, 'SIGTERM'); } catch { /* gone */ }
    await until(() => { try { process.kill(nginxPid, 0); return false; } catch { return true; } }, 5000);
  }
  for (const h of Object.values(hosts)) {
    if (!h.proc || h.proc.exitCode !== null || h.proc.signalCode !== null) continue;
    killHost(h, 'SIGTERM');
    let timer;
    const done = await Promise.race([h.exited.then(() => true),
      new Promise((resolve) => { timer = setTimeout(resolve, 15000, false); })]);
    clearTimeout(timer);
    if (!done) killHost(h, 'SIGKILL');
  }
  // A geps log with an AddressSanitizer report fails the file.
  for (const h of Object.values(hosts)) {
    if (existsSync(h.log)) assert.doesNotMatch(readFileSync(h.log, 'utf8'), /ERROR: AddressSanitizer|runtime error:/, `geps ${h.name} log`);
  }
  if (dir && !process.env.GEPS_KEEP_MULTIHOST) rmSync(dir, { recursive: true, force: true });
});

// A browser-like client of our nginx: a cookie jar, and for every response the host
// that answered and the time it took.
class Client {
  constructor(label) { this.label = label; this.jar = new Map(); this.log = []; }

  async req(method, p, body, headers = {}) {
    const h = { ...headers };
    if (this.jar.size) h.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const t0 = performance.now(), start = Date.now();
    let res, status, txt;
    try {
      res = await fetch(base + p, { method, body, headers: h, redirect: 'manual' });
      txt = await res.text();
      status = res.status;
    } catch (e) {
      status = 0;
      txt = String(e);
    }
    const entry = { label: this.label, method, path: p, status, ms: performance.now() - t0,
      start, host: res?.headers.get('x-geps-upstream') ?? '' };
    this.log.push(entry);
    if (res) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        const k = pair.slice(0, i), v = pair.slice(i + 1);
        if (v === '' || /max-age=0/i.test(c)) this.jar.delete(k); else this.jar.set(k, v);
      }
    }
    return { status, text: txt, location: res?.headers.get('location') ?? null, host: entry.host };
  }

  get(p) { return this.req('GET', p); }

  post(p, fields) {
    return this.req('POST', p, new URLSearchParams(fields).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' });
  }
}

const csrfOf = (html) => html.match(/name="csrf" value="([0-9a-f]{64})"/)?.[1];
const versionOf = (html) => html.match(/name="version" value="(\d+)"/)?.[1];
// "A", "B", or "A>B" when nginx tried A and then B ($upstream_addr lists them in order).
const hostName = (addr) => addr.split(', ')
  .map((a) => Object.values(hosts).find((h) => h.addr === a)?.name ?? '?').join('>');

// The open round's required values and documents, as declaration.test.mjs reads them.
function rubric() {
  const [id] = rows(`SELECT id FROM rounds WHERE state = 'open'`)[0];
  const sections = rows(`SELECT code FROM rubric_sections WHERE round_id = ${id} ORDER BY position, id`).map((r) => r[0]);
  const crits = rows(`SELECT c.code, c.kind, s.code, COALESCE(c.min_value, 0), COALESCE(c.max_value, 1000), c.decimals, c.id
      FROM criteria c JOIN rubric_sections s ON s.id = c.section_id
      WHERE c.round_id = ${id} AND c.filled_by = 'licensee' AND c.required = 1
      ORDER BY s.position, c.position`).map(([code, kind, section, min, max, dec, cid]) => ({
    code, kind, section, value: kind === 'number'
      ? String(Math.floor((Number(min) + Number(max)) / 2 / 10 ** Number(dec)))
      : one(`SELECT code FROM criterion_options WHERE criterion_id = ${cid} ORDER BY position, id LIMIT 1`),
  }));
  const docs = rows(`SELECT s.code, e.code, e.min_files FROM evidence_requirements e
      JOIN rubric_sections s ON s.id = e.section_id
      WHERE s.round_id = ${id} AND e.min_files > 0 AND e.only_if_option_id IS NULL
      ORDER BY s.position, e.position`).map(([section, code, min]) => ({ section, code, min: Number(min) }));
  return { id: Number(id), sections, crits, docs };
}

// A licensee who signs in with a password, and an office of their own.
function freshLicensee() {
  const u = makeUser({ password: 'a long multihost passphrase' });
  const code = `8${String(Date.now() % 100000000).padStart(8, '0')}`;
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address, postal_code,
         phone, opening_hours, area_m2, accessibility_json, licensee_user_id)
       SELECT '${code}', kind, 'دفتر آزمون چند میزبان', 'M-${code}', province_id, region_id, city_id, address, '1234567890',
         '02100000000', opening_hours, 48, '{"ramp": true}', ${u.id}
       FROM offices ORDER BY id LIMIT 1`);
  const office = Number(one(`SELECT id FROM offices WHERE code = '${code}'`));
  sql(`INSERT INTO office_staff (office_id, national_id, first_name, last_name, job_title, insured)
       SELECT ${office}, national_id, 'کارمند', 'آزمون', 'مدیر دفتر', 1 FROM users WHERE id = ${u.id}`);
  return { ...u, office };
}

const pdf = (tag) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${tag} ${randomBytes(8).toString('hex')}\n` +
  'trailer\n<< /Root 1 0 R >>\n%%EOF\n');

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
}

test('a licensee\'s journey completes with no error while one host is killed, and the session survives', async (t) => {
  const rb = rubric();
  assert.ok(rb.crits.length > 0 && rb.docs.length > 0, 'the open round has required values and documents');
  const lic = freshLicensee();
  const c = new Client('journey');
  const ok = (r, what, want = 200) => assert.equal(r.status, want, `${what}: ${r.status} ${text(r.text).slice(0, 200)}`);

  // Sign in (the pre-login CSRF cookie and token, then the password).
  let r = await c.get('/login');
  ok(r, 'login page');
  r = await c.post('/login', { csrf: csrfOf(r.text), national_id: lic.nid, password: lic.password });
  ok(r, 'sign in', 303);
  assert.equal(r.location, '/dashboard');
  r = await c.get('/dashboard');
  ok(r, 'dashboard');
  assert.ok(r.text.includes(`/decl/${lic.office}`), 'the office is on the dashboard');

  // Another tab reads the dashboard with the same session the whole time.
  const reader = new Client('reader');
  reader.jar = new Map(c.jar);
  let reading = true;
  const readerDone = (async () => {
    while (reading) {
      await reader.get('/dashboard');
      await sleep(5);
    }
  })();

  const uploaded = [];
  let beforeKill, killedAt;
  try {
    r = await c.get(`/decl/${lic.office}`);
    ok(r, 'open the file');
    // The first section on both hosts' watch, then host A goes down.
    const save = async (sec) => {
      const page = await c.get(`/decl/${lic.office}/section/${sec}`);
      ok(page, `section ${sec}`);
      const fields = { csrf: csrfOf(page.text), version: versionOf(page.text) };
      for (const k of rb.crits.filter((x) => x.section === sec)) fields[`c_${k.code}`] = k.value;
      const s = await c.post(`/decl/${lic.office}/section/${sec}`, fields);
      ok(s, `save ${sec}`, 303);
    };
    await save(rb.sections[0]);
    beforeKill = c.log.length;
    const servedBefore = new Set(c.log.map((e) => hostName(e.host)));
    assert.ok(servedBefore.has('A') && servedBefore.has('B'), `both hosts served the journey before the kill (${[...servedBefore]})`);

    killedAt = Date.now();
    killHost(hosts.A);
    await hosts.A.exited;
    // The workers' exits close the last copies of the listening socket.
    assert.ok(await until(async () => !(await connects(hosts.A.port)), 5000), 'host A is down');

    for (const sec of rb.sections.slice(1)) await save(sec);
    // Every required document, through the real upload path (multipart, CSRF in the body).
    for (const d of rb.docs) {
      for (let k = 0; k < d.min; k++) {
        const page = await c.get(`/decl/${lic.office}/section/${d.section}`);
        ok(page, `section ${d.section} for an upload`);
        const bytes = pdf(`${d.code} ${k}`);
        const fd = new FormData();
        fd.append('csrf', csrfOf(page.text));
        fd.append('section', d.section);
        fd.append('requirement', d.code);
        fd.append('file', new Blob([bytes]), `${d.code}-${k}.pdf`);
        const u = await c.req('POST', `/decl/${lic.office}/upload?js=1`, fd);
        ok(u, `upload ${d.code}`);
        assert.equal(JSON.parse(u.text).ok, true);
        uploaded.push(createHash('sha256').update(bytes).digest('hex'));
      }
    }
    r = await c.get(`/decl/${lic.office}`);
    ok(r, 'the file before submitting');
    r = await c.post(`/decl/${lic.office}/submit`, { csrf: csrfOf(r.text), version: versionOf(r.text) });
    ok(r, 'submit', 303);
    assert.match(r.location, new RegExp(`^/decl/${lic.office}/receipt`));
    r = await c.get(r.location);
    ok(r, 'receipt');
  } finally {
    reading = false;
    await readerDone;
  }

  // Nothing failed, and everything after the kill came from B.
  const all = [...c.log, ...reader.log];
  const failed = all.filter((e) => e.status === 0 || e.status >= 400);
  assert.deepEqual(failed, [], 'no request failed');
  const after = all.filter((e) => e.start > killedAt);
  assert.ok(after.length > 10);
  assert.deepEqual([...new Set(after.map((e) => hostName(e.host).split('>').at(-1)))], ['B'],
    'after the kill, B answered everything');
  assert.ok(c.log.slice(beforeKill).every((e) => hostName(e.host) === 'B' || hostName(e.host) === 'A>B'));

  // The database: one submission, every document linked and on disk byte for byte.
  const [state, count] = rows(`SELECT state, submit_count FROM declarations WHERE office_id = ${lic.office} AND round_id = ${rb.id}`)[0];
  assert.deepEqual([state, count], ['submitted', '1']);
  const stored = rows(`SELECT LOWER(HEX(e.sha256)), e.storage_name FROM declaration_evidence de
      JOIN evidence e ON e.id = de.evidence_id JOIN declarations d ON d.id = de.declaration_id
      WHERE d.office_id = ${lic.office}`);
  assert.deepEqual(stored.map((x) => x[0]).sort(), [...uploaded].sort());
  for (const [sha, name] of stored) {
    assert.equal(createHash('sha256').update(readFileSync(path.join(STACK, 'evidence', name))).digest('hex'), sha);
  }
  assert.equal(one(`SELECT COUNT(*) FROM audit_log WHERE action = 'declaration.submit'
      AND entity_id = (SELECT id FROM declarations WHERE office_id = ${lic.office} AND round_id = ${rb.id})`), '1');

  // The figures.
  const moved = readFileSync(path.join(dir, 'nginx', 'access.log'), 'utf8').split('\n')
    .filter((l) => / up=\S+, /.test(l));
  const per = (h) => all.filter((e) => hostName(e.host).split('>').at(-1) === h).length;
  const ms = all.map((e) => e.ms);
  const firstAfter = c.log[beforeKill];
  t.diagnostic(`requests: ${all.length} (journey ${c.log.length}, reader ${reader.log.length}), failed: ${failed.length}`);
  t.diagnostic(`answered by A: ${per('A')}, by B: ${per('B')}; moved by nginx from A to B: ${moved.length}`);
  for (const l of moved) t.diagnostic(`  moved: ${l}`);
  t.diagnostic(`latency ms: p50 ${pct(ms, 50).toFixed(1)}, p90 ${pct(ms, 90).toFixed(1)}, p99 ${pct(ms, 99).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}`);
  const slowest = all.reduce((a, b) => (b.ms > a.ms ? b : a));
  t.diagnostic(`slowest: ${slowest.method} ${slowest.path} ${slowest.ms.toFixed(1)} ms via ${hostName(slowest.host)}`);
  for (const l of readFileSync(path.join(dir, 'nginx', 'error.log'), 'utf8').split('\n').filter((x) => /upstream/.test(x))) {
    t.diagnostic(`  nginx: ${l.replace(/^.*\[(error|warn)\] \d+#\d+: \*\d+ /, '').replace(/, client:.*?, server: [^,]*/, '')}`);
  }
  t.diagnostic(`first journey request after the kill: ${firstAfter.method} ${firstAfter.path} ${firstAfter.status} via ${hostName(firstAfter.host)} in ${firstAfter.ms.toFixed(1)} ms`);
  assert.ok(moved.length >= 1, 'nginx moved at least one request from the dead host');
});

test('the killed host comes back and gets requests again', async (t) => {
  await startHost(hosts.A);
  const t0 = Date.now();
  // nginx tries A again once fail_timeout (10 s in geps-upstream.conf) has passed.
  const c = new Client('rejoin');
  const seen = await until(async () => {
    const r = await c.get('/verify');
    assert.equal(r.status, 200);
    return hostName(r.host) === 'A';
  }, 20000, 200);
  assert.ok(seen, 'host A answers again');
  t.diagnostic(`A answered again ${((Date.now() - t0) / 1000).toFixed(1)} s after its restart, after ${c.log.length} requests, none failed`);
});

// Marks a host `down` in our nginx's upstream (or back), and reloads nginx.
async function upstreamDown(h, down) {
  const f = path.join(dir, 'nginx', 'geps-upstream.conf');
  const re = new RegExp(`^(\\s*server\\s+${h.addr.replaceAll('.', '\\.')}\\b[^;]*?)( down)?;`, 'm');
  const conf = readFileSync(f, 'utf8');
  assert.match(conf, re);
  writeFileSync(f, conf.replace(re, down ? '$1 down;' : '$1;'));
  process.kill(nginxPid, 'SIGHUP');
  // nginx's old workers finish what they hold; new requests see the new upstream.
  await sleep(1000);
}

test('a rolling restart as conf/multihost/README.md says (out of the upstream, restart, back) fails no request', async (t) => {
  // POSTs, which nginx never sends twice: each must reach a host that answers it.
  // A form without its CSRF token is refused by geps (403) at little cost and
  // changes nothing; what matters is that geps, not nginx, answered.
  const c = new Client('restart');
  const lic = freshLicensee();
  let r = await c.get('/login');
  r = await c.post('/login', { csrf: csrfOf(r.text), national_id: lic.nid, password: lic.password });
  assert.equal(r.status, 303);
  // Each POST on a connection of its own: nginx's reload closes its idle keep-alive
  // connections, which races a request sent on one at that instant (nginx's, for
  // any reload; a browser sends such a request again), and that is not what is
  // measured here.
  const cookie = [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const post = () => new Promise((resolve) => {
    const start = Date.now();
    const req = http.request(`${base}/decl/${lic.office}/section/space`, {
      method: 'POST', agent: false,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    }, (res) => {
      res.resume();
      res.on('end', () => {
        c.log.push({ status: res.statusCode, start, host: res.headers['x-geps-upstream'] ?? '' });
        resolve();
      });
    });
    req.on('error', (e) => { c.log.push({ status: 0, start, host: '', err: String(e) }); resolve(); });
    req.end('version=0');
  });
  let running = true;
  const load = async () => {
    while (running) await post();
  };
  const loaders = [load(), load(), load(), load()];
  const restart = async (h) => {
    await upstreamDown(h, true);
    const t0 = Date.now();
    killHost(h, 'SIGTERM');
    await h.exited;
    await startHost(h);
    await upstreamDown(h, false);
    assert.ok(await until(() => c.log.some((e) => e.start > t0 && hostName(e.host) === h.name), 10000),
      `nginx sends requests to ${h.name} again`);
  };
  try {
    await sleep(300);
    await restart(hosts.B);
    await restart(hosts.A);
  } finally {
    running = false;
    await Promise.all(loaders);
  }
  const counts = {};
  for (const e of c.log.slice(2)) counts[e.status] = (counts[e.status] ?? 0) + 1;
  const per = { A: 0, B: 0 };
  for (const e of c.log.slice(2)) per[hostName(e.host)] = (per[hostName(e.host)] ?? 0) + 1;
  t.diagnostic(`POSTs during the rolling restart of both hosts: ${c.log.length - 2}, by status ${JSON.stringify(counts)}, by host ${JSON.stringify(per)}`);
  assert.deepEqual(Object.keys(counts), ['403'], 'geps answered every POST');
});
