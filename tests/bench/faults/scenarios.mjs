// The fault scenarios of issue 6, each run under a load of submissions (load.mjs)
// against a stack (stackEnv).  Each returns { figures, problems }: problems is the
// list of what went wrong (empty when the fault was survived as it should be), and
// figures what was measured.  tests/integration/faults.test.mjs runs them short
// (and asserts no problems); tests/bench/faults.sh runs them at length and prints
// the figures.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Load, verify, evidenceCheck, storeFiles, workerPids, gepsPid, gepsLog, request, sleep,
  makeOffices, evidenceBytes, sha256, one, PERSIAN_503,
} from './load.mjs';

const SRCDIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const stackSh = (cmd, env) => execFileSync(path.join(SRCDIR, 'tests/stack.sh'), [cmd, env.dir], { stdio: 'ignore' });
const confWorkers = (env) => Number((readFileSync(env.conf, 'utf8').match(/^workers = (\d+)$/m) ?? [])[1] ?? 0);
const logSince = (env, at) => gepsLog(env).slice(at);
const round1 = (x) => Math.round(x * 10) / 10;
export const ASAN = /AddressSanitizer|LeakSanitizer|runtime error:/;

async function until(fn, ms = 10000, step = 50) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await sleep(step);
  }
}

// What every scenario checks at its end: the load's own errors, the database and
// the store against what the client saw, and the evidence check.  allowTemps and
// allowOrphans bound what a fault may leave in the store (a killed upload's temp
// file, the object of an upload refused after its file was stored); those must be
// uploads of this load.
function common(env, load, before, { allowTemps = 0, allowOrphans = 0 } = {}) {
  const problems = [...load.errors.map((e) => `client: ${e}`)];
  const v = verify(env, load);
  problems.push(...v.problems);
  const ck = evidenceCheck(env);
  if (ck.missing || ck.corrupt) problems.push(`evidence check: ${ck.missing} missing, ${ck.corrupt} corrupt`);
  // An orphan must be the object of an upload of this load that failed at least
  // once and whose bytes no row names (its retry would have linked them).
  const failedUploads = new Set(load.uploads.filter((u) => u.failures > 0).map((u) => u.sha));
  const newOrphans = ck.orphanShas.filter((s) => !before.orphanShas.includes(s));
  for (const s of newOrphans) if (!failedUploads.has(s)) problems.push(`evidence check: orphan ${s} is no failed upload of this load`);
  if (newOrphans.length > allowOrphans) problems.push(`evidence check: ${newOrphans.length} new orphans (at most ${allowOrphans})`);
  if (ck.temps - before.temps > allowTemps) problems.push(`evidence check: ${ck.temps - before.temps} new temp files (at most ${allowTemps})`);
  if (ck.unref > before.unref) problems.push(`evidence check: ${ck.unref - before.unref} new unreferenced rows`);
  if (ASAN.test(logSince(env, before.logAt))) problems.push('the geps log has a sanitizer report');
  return { problems, v, ck, newOrphans, newTemps: ck.temps - before.temps };
}

function snapshot(env) {
  const ck = evidenceCheck(env);
  return { orphanShas: ck.orphanShas, temps: ck.temps, unref: ck.unref, logAt: gepsLog(env).length };
}

function summary(f) {
  return { submissions: f.submissions, per_s: round1(f.submissions / f.seconds), requests: f.requests,
    p50_ms: round1(f.p50), p90_ms: round1(f.p90), p99_ms: round1(f.p99), max_ms: round1(f.max) };
}

// kill -9 a random worker every intervalMs for seconds.
export async function killWorkers(env, { seconds = 5, intervalMs = 1000, clients = 4, fileBytes = 64 * 1024 } = {}) {
  const before = snapshot(env);
  const n = confWorkers(env);
  const load = new Load(env, { clients, fileBytes });
  load.start();
  await sleep(500);
  const kills = [];
  const respawnMs = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const t = Date.now();
    const ws = workerPids(env);
    const victim = ws[Math.floor(Math.random() * ws.length)];
    try { process.kill(victim, 'SIGKILL'); kills.push(victim); } catch { /* already gone */ }
    const back = await until(() => {
      const now = workerPids(env);
      return now.length >= n && !now.includes(victim);
    }, intervalMs, 10);
    if (back) respawnMs.push(Date.now() - t);
    await sleep(Math.max(0, t + intervalMs - Date.now()));
  }
  const f = await load.stop();
  const problems = [];
  const ws = await until(() => (workerPids(env).length === n ? workerPids(env) : null), 5000);
  if (!ws) problems.push(`workers: ${workerPids(env).length} of ${n} after the kills`);
  else for (const k of kills) if (ws.includes(k)) problems.push(`killed worker ${k} still listed`);
  const log = logSince(env, before.logAt);
  for (const k of kills) if (!new RegExp(`event=worker_died pid=${k} .*signal=9`).test(log)) problems.push(`no worker_died for ${k}`);
  // A killed worker fails at most the one request it was serving (nginx: 502).
  const failed = load.failures;
  if (failed.length > kills.length) problems.push(`${failed.length} failed requests for ${kills.length} kills`);
  for (const x of failed) if (x.status !== 502 && x.status !== 0) problems.push(`a ${x.status} at ${x.step}: ${x.text}`);
  if (f.submissions === 0) problems.push('no submission went through');
  // Each kill can leave one upload's temp file (killed mid-body) or one object
  // stored but not linked (killed between the rename and the commit; the client's
  // retry of the same bytes then links it, so this is rare).
  const c = common(env, load, before, { allowTemps: kills.length, allowOrphans: kills.length });
  problems.push(...c.problems);
  return {
    problems,
    figures: {
      ...summary(f), kills: kills.length, failed: failed.length,
      failed_by_step: failed.reduce((a, x) => ({ ...a, [x.step]: (a[x.step] ?? 0) + 1 }), {}),
      failed_by_status: failed.reduce((a, x) => ({ ...a, [x.status]: (a[x.status] ?? 0) + 1 }), {}),
      respawn_ms_max: respawnMs.length ? Math.max(...respawnMs) : null,
      respawn_ms_median: respawnMs.length ? respawnMs.sort((a, b) => a - b)[respawnMs.length >> 1] : null,
      lost_answers: load.lostAnswers, checked_submissions: c.v.seen, checked_files: c.v.files,
      temp_files_left: c.newTemps, orphans_left: c.newOrphans.length,
    },
  };
}

// MariaDB stopped for downSeconds under load, then started again.
export async function dbOutage(env, { downSeconds = 4, clients = 4, fileBytes = 64 * 1024, after = 2 } = {}) {
  const before = snapshot(env);
  const master = gepsPid(env);
  const workers = workerPids(env).sort();
  const load = new Load(env, { clients, fileBytes, retryMs: 200, giveUpMs: (downSeconds + 60) * 1000, freshBytesOnRetry: true });
  load.start();
  await sleep(1000);
  // A probe: the home page every 100 ms, its answers kept.
  const probe = [];
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const t = Date.now();
      const r = await request(env, '/');
      probe.push({ t, end: Date.now(), status: r.status, persian: PERSIAN_503.test(r.text), retry: r.headers.get('retry-after') });
      await sleep(100);
    }
  })();
  const t0 = Date.now();
  stackSh('db-stop', env);
  const stopped = Date.now();
  await sleep(Math.max(0, t0 + downSeconds * 1000 - Date.now()));
  const t1 = Date.now();
  stackSh('db-start', env);
  const started = Date.now();
  const back = await until(() => probe.some((p) => p.t > started && p.status === 200), 30000);
  const backAt = probe.find((p) => p.t > started && p.status === 200)?.t;
  await sleep(after * 1000);
  probing = false;
  await prober;
  const f = await load.stop();
  const problems = [];
  const down = probe.filter((p) => p.t > stopped && p.end < t1);
  if (down.length === 0) problems.push('no probe while the database was down');
  for (const p of down) if (p.status !== 503 || !p.persian || p.retry !== '5') {
    problems.push(`while down, / answered ${p.status}${p.persian ? '' : ' without the Persian 503 page'} retry-after=${p.retry}`);
    break;
  }
  if (!back) problems.push('the home page did not come back');
  if (gepsPid(env) !== master) problems.push('the master changed');
  if (workerPids(env).sort().join() !== workers.join()) problems.push('a worker died or was replaced');
  if (/event=worker_died/.test(logSince(env, before.logAt))) problems.push('worker_died in the log');
  // The load's failures: every one a 503 (the database away), none other.
  for (const x of load.failures) if (x.status !== 503) { problems.push(`a ${x.status} at ${x.step}: ${x.text}`); break; }
  const afterSubs = load.submitted.filter((s) => s.at > (backAt ?? started)).length;
  if (afterSubs === 0) problems.push('no submission after the database returned');
  // An upload whose file was stored just before the database went away is refused
  // (503) and leaves its object unreferenced; the client's retry of the same bytes
  // links it.  Nothing else may be left.
  const c = common(env, load, before, { allowTemps: 0, allowOrphans: clients });
  problems.push(...c.problems);
  if (c.v.ambiguous > (logSince(env, before.logAt).match(/stmt=COMMIT .*outcome=unknown/g) ?? []).length) {
    problems.push(`${c.v.ambiguous} uploads committed though refused, fewer COMMIT cut-offs in the log`);
  }
  return {
    problems,
    figures: {
      ...summary(f), down_s: round1((t1 - t0) / 1000), stop_s: round1((stopped - t0) / 1000),
      start_s: round1((started - t1) / 1000), recovered_ms: backAt ? backAt - started : null,
      probes_down: down.length, probes_503: down.filter((p) => p.status === 503 && p.persian).length,
      load_503: load.failures.filter((x) => x.status === 503).length,
      submissions_after: afterSubs, checked_submissions: c.v.seen, checked_files: c.v.files,
      orphans_left: c.newOrphans.length, committed_but_refused: c.v.ambiguous,
      commits_cut_off: (logSince(env, before.logAt).match(/stmt=COMMIT .*outcome=unknown/g) ?? []).length,
    },
  };
}

// count SIGHUP reloads, one after the other, under load.
export async function reloads(env, { count = 10, clients = 4, fileBytes = 64 * 1024, gapMs = 300 } = {}) {
  const before = snapshot(env);
  const done = () => (gepsLog(env).match(/event=reload_done/g) ?? []).length;
  const first = workerPids(env);
  const load = new Load(env, { clients, fileBytes });
  load.start();
  await sleep(500);
  const problems = [];
  const took = [];
  for (let i = 0; i < count; i++) {
    const n = done();
    const t = Date.now();
    process.kill(gepsPid(env), 'SIGHUP');
    if (!await until(() => done() > n, 20000)) { problems.push(`reload ${i + 1} did not finish`); break; }
    took.push(Date.now() - t);
    await sleep(gapMs);
  }
  await sleep(500);
  const f = await load.stop();
  if (load.failures.length) problems.push(`${load.failures.length} failed requests: ${load.failures.slice(0, 3).map((x) => `${x.status} ${x.step}`).join(', ')}`);
  const now = workerPids(env);
  if (now.some((p) => first.includes(p))) problems.push('an old worker survived the reloads');
  if (/event=worker_died|event=reload_failed/.test(logSince(env, before.logAt))) problems.push('worker_died or reload_failed in the log');
  const c = common(env, load, before);
  problems.push(...c.problems);
  return {
    problems,
    figures: { ...summary(f), reloads: took.length, failed: load.failures.length,
      reload_ms_max: took.length ? Math.max(...took) : null, reload_ms_median: took.length ? took.sort((a, b) => a - b)[took.length >> 1] : null,
      checked_submissions: c.v.seen, checked_files: c.v.files },
  };
}

// The evidence file system fills (env's evidence dir is a small tmpfs: mountpoint),
// stays full for fullSeconds, then grows to bigSize (mount -o remount).
export async function diskFull(env, { mountpoint, bigSize = '256m', fullSeconds = 3, clients = 3, fileBytes = 256 * 1024 } = {}) {
  const before = snapshot(env);
  const load = new Load(env, { clients, fileBytes, retryMs: 250, giveUpMs: (fullSeconds + 60) * 1000, transient: [507] });
  const problems = [];
  load.start();
  // Until the first 507: uploads fill the disk.
  const full = await until(() => load.requests.some((r) => r.status === 507), 60000);
  if (!full) problems.push('the disk never filled');
  const tFull = Date.now();
  // While full: a form upload (no script) gets the Persian 507 page, the JSON one a
  // Persian message; the section pages and saves still work; the draft is there.
  const [o] = makeOffices(env, 1);
  const sec = load.rubric.sections.find((s) => s.reqs.length);
  const fd = new FormData();
  fd.append('csrf', o.s.csrf);
  fd.append('section', sec.code);
  fd.append('requirement', sec.reqs[0].code);
  fd.append('file', new Blob([evidenceBytes(fileBytes)]), 'سند.pdf');
  const page = await request(env, `/decl/${o.office}/upload`, { method: 'POST', body: fd, headers: { cookie: o.s.cookie } });
  if (page.status !== 507 || !/فضای ذخیره‌سازی/.test(page.text)) problems.push(`a form upload on a full disk: ${page.status} ${page.text.slice(0, 200)}`);
  const json = load.failures.find((x) => x.status === 507 && x.step === 'upload');
  if (json && !/"ok":false/.test(json.text) && !/"ok": false/.test(json.text)) problems.push(`a 507 upload answered ${json.text}`);
  if (json && !/فضای ذخیره‌سازی سامانه کافی نیست/.test(JSON.parse(json.text).message ?? '')) problems.push(`a 507 upload's message: ${json.text}`);
  const sectionPage = await request(env, `/decl/${o.office}/section/${sec.code}`, { headers: { cookie: o.s.cookie } });
  if (sectionPage.status !== 200) problems.push(`a section page on a full disk: ${sectionPage.status}`);
  await sleep(Math.max(0, tFull + fullSeconds * 1000 - Date.now()));
  // Nothing half-written while full: no temp file stays behind a refused upload.
  const tmpsFull = storeFiles(env).tmps.length;
  const draftsFull = load.used.filter((x) => !load.submitted.some((s) => s.office === x.office)).length;
  const refused = load.failures.filter((x) => x.status === 507).length;
  execFileSync('mount', ['-o', `remount,size=${bigSize}`, mountpoint]);
  const tBack = Date.now();
  await until(() => load.submitted.some((s) => s.at > tBack), 30000);
  await sleep(1500);
  const f = await load.stop();
  if (!load.submitted.some((s) => s.at > tBack)) problems.push('no submission once space was back');
  for (const x of load.failures) if (x.status !== 507) { problems.push(`a ${x.status} at ${x.step}: ${x.text}`); break; }
  if (load.failures.some((x) => x.step !== 'upload')) problems.push('something other than an upload failed on a full disk');
  // The operator learns of it: each refusal is an error in the log.
  const logged = (logSince(env, before.logAt).match(/level=error .*event=evidence_store err=no_space/g) ?? []).length;
  if (logged === 0) problems.push('a full evidence disk is not in the log');
  const c = common(env, load, before, { allowTemps: 0, allowOrphans: 0 });
  problems.push(...c.problems);
  if (storeFiles(env).tmps.length) problems.push(`temp files left: ${storeFiles(env).tmps.join(' ')}`);
  return {
    problems,
    figures: { ...summary(f), refused_507: refused, logged_no_space: logged, drafts_waiting_while_full: draftsFull, temp_files_while_full: tmpsFull,
      submissions_after: load.submitted.filter((s) => s.at > tBack).length,
      checked_submissions: c.v.seen, checked_files: c.v.files },
  };
}

// Raw HTTP/1.1 uploads that send their body slowly (trickle: a few bytes a second),
// stop mid-body (stall: then nothing), or go away mid-body (abort), while a load of
// submissions measures what everyone else gets.
export async function slowBodies(env, { slow = 8, seconds = 5, waitTimeout = false, clients = 2, fileBytes = 64 * 1024 } = {}) {
  const before = snapshot(env);
  const problems = [];
  const offices = makeOffices(env, slow);
  const port = Number(new URL(env.url).port);
  // The reference: the same load with nobody slow.
  const ref = new Load(env, { clients, fileBytes });
  ref.start();
  await sleep(seconds * 1000);
  const refFig = await ref.stop();
  const load = new Load(env, { clients, fileBytes });
  const socks = offices.map((o, i) => {
    const kind = ['trickle', 'stall', 'abort', 'headers'][i % 4];
    const boundary = '----geps' + sha256(Buffer.from(String(i))).slice(0, 16);
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${o.s.csrf}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="section"\r\n\r\nspace\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="requirement"\r\n\r\nlease\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
    const total = head.length + 1024 * 1024;
    const s = { kind, office: o.office, got: '', closed: false, closedAt: 0 };
    s.sock = net.connect(port, '127.0.0.1', () => {
      // headers: the request line and part of the headers, then nothing.
      if (kind === 'headers') return s.sock.write(`POST /decl/${o.office}/upload?js=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${o.s.cookie}\r\n`);
      s.sock.write(`POST /decl/${o.office}/upload?js=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${o.s.cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${total}\r\n\r\n`);
      s.sock.write(head);
      s.sock.write(Buffer.alloc(32 * 1024, 0x41));
      if (kind === 'trickle') s.timer = setInterval(() => { if (!s.closed) s.sock.write('AAAA'); }, 1000);
      if (kind === 'abort') setTimeout(() => s.sock.destroy(), 500);
    });
    s.sock.on('data', (d) => { s.got += d.toString('latin1'); });
    s.sock.on('error', () => {});
    s.sock.on('close', () => { s.closed = true; s.closedAt = Date.now(); clearInterval(s.timer); });
    return s;
  });
  const t0 = Date.now();
  load.start();
  await sleep(seconds * 1000);
  const f = load.figures(t0, Date.now());
  let timedOut = null;
  if (waitTimeout) {
    // nginx's client_header_timeout (15 s) and client_body_timeout (30 s without a
    // byte) end the stalled ones; the tricklers keep theirs alive, holding only an
    // nginx connection.
    const stalled = socks.filter((s) => s.kind === 'stall' || s.kind === 'headers');
    await until(() => stalled.every((s) => s.closed), 45000, 250);
    timedOut = stalled.filter((s) => s.closed).map((s) => `${s.kind} ${round1((s.closedAt - t0) / 1000)} s ${(s.got.match(/^HTTP\/1\.1 (\d+)/) ?? [])[1] ?? 'closed'}`);
    if (stalled.some((s) => !s.closed)) problems.push('a stalled upload was still open after 45 s');
  }
  const all = await load.stop();
  for (const s of socks) { clearInterval(s.timer); s.sock.destroy(); }
  // geps never saw these requests: nginx holds a body until it is whole, and drops
  // it when the client goes.  (With fastcgi_request_buffering off, each one pins a
  // worker until nginx gives up on the client; they are logged once released.)
  await sleep(1000);
  const seen = offices.filter((o) => new RegExp(`path=/decl/${o.office}/upload `).test(logSince(env, before.logAt)));
  if (seen.length) problems.push(`${seen.length} slow uploads reached geps`);
  if (load.failures.length) problems.push(`${load.failures.length} failed requests of the other users`);
  if (f.requests < 0.3 * refFig.requests) problems.push(`other users made ${f.requests} requests against ${refFig.requests} without slow clients`);
  if (f.p99 > Math.max(3 * refFig.p99, refFig.p99 + 250)) problems.push(`other users' p99 ${round1(f.p99)} ms against ${round1(refFig.p99)} ms without slow clients`);
  if (all.submissions === 0) problems.push('no submission of the other users');
  const c = common(env, load, before);
  problems.push(...c.problems);
  // Nothing of the slow uploads was stored.
  const stored = Number(one(env, `SELECT COUNT(*) FROM declaration_evidence de JOIN declarations d
      ON d.id = de.declaration_id WHERE d.office_id IN (${offices.map((o) => o.office).join(',')})`));
  if (stored) problems.push(`${stored} files of the slow uploads stored`);
  return {
    problems,
    figures: {
      slow_clients: slow, ref_p50_ms: round1(refFig.p50), ref_p99_ms: round1(refFig.p99), ref_per_s: round1(refFig.submissions / refFig.seconds),
      ref_requests: refFig.requests, requests: f.requests,
      p50_ms: round1(f.p50), p99_ms: round1(f.p99), per_s: round1(f.submissions / f.seconds), failed: load.failures.length,
      reached_geps: seen.length, stalled_closed: timedOut,
    },
  };
}
