// Stopping and reloading `geps serve` under a load of many concurrent connections,
// through nginx: what the kernel had already queued on the listening socket when
// the signal came must be served, not reset.
//
// The load is 200 clients, each sending GET /?load=<n> on a new connection (no
// keep-alive) as soon as its previous answer came.  Each request takes 20 ms in
// geps (X-Geps-Test-Delay-Ms, test clock only), so that the 4 workers, not nginx
// or this client, are the bottleneck: nginx holds about 200 FastCGI connections,
// of which the workers serve 4 and the kernel queues the rest.  Every request
// carries its own number, which nginx's error log repeats, so each failure is tied
// to nginx's reason for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodeHttp from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { http, workerPids, gepsPid, gepsLog, until, STACK, SRCDIR, BIN, URL_BASE } from './lib/stack.mjs';

const CLIENTS = 200;
const DELAY_MS = 20;

// A stack's processes and logs: the suite's (tests/run.sh) or one of a test's own.
function stackOf(dir, base) {
  const file = (f) => path.join(dir, f);
  const pid = () => Number(readFileSync(file('geps.pid'), 'utf8'));
  return {
    dir, base,
    pid,
    workers: () => {
      const f = `/proc/${pid()}/task/${pid()}/children`;
      return existsSync(f) ? readFileSync(f, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [];
    },
    logSize: () => statSync(file('geps.log')).size,
    // geps's log from byte offset `from`.
    log: (from = 0) => readFileSync(file('geps.log')).subarray(from).toString('utf8'),
    errorLogSize: () => statSync(file('nginx/error.log')).size,
    // nginx's error-log lines since byte offset `from` that name a load request,
    // by request number.
    nginxErrors: (from) => {
      const byId = new Map();
      for (const line of readFileSync(file('nginx/error.log')).subarray(from).toString('utf8').split('\n')) {
        const m = line.match(/request: "GET \/\?load=(\d+) /);
        if (m) byId.set(Number(m[1]), line);
      }
      return byId;
    },
    sh: (...args) => execFileSync(path.join(SRCDIR, 'tests/stack.sh'), [...args, dir],
      { encoding: 'utf8', env: { ...process.env, GEPS_BIN: BIN } }),
  };
}

// One GET on a connection of its own: { id, status, complete } (status 0 and error
// when no HTTP answer came at all).
function get(base, id) {
  return new Promise((resolve) => {
    const done = (r) => resolve({ id, ...r });
    const req = nodeHttp.get(`${base}/?load=${id}`,
      { agent: false, headers: { 'x-geps-test-delay-ms': String(DELAY_MS) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => done({ status: res.statusCode, complete: body.trimEnd().endsWith('</html>') }));
      res.on('error', (e) => done({ status: 0, error: e.code }));
    });
    req.on('error', (e) => done({ status: 0, error: e.code }));
  });
}

// CLIENTS loops of get(); a loop ends at its first answer other than 200 or when
// stop() is called.  ended() and stop() resolve to every result once all have ended.
function load(base) {
  const results = [];
  let next = 0, running = true;
  const loops = Array.from({ length: CLIENTS }, async () => {
    while (running) {
      const r = await get(base, next++);
      results.push(r);
      if (r.status !== 200) return;
    }
  });
  return {
    count: () => results.length,
    stop: async () => { running = false; await Promise.all(loops); return results; },
    ended: () => Promise.all(loops).then(() => results),
  };
}

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

// nginx could not connect to geps at all, so never sent it the request: the socket's
// name was gone (2), nobody listened any more (111), or no answer to the SYN came in
// time.  A connection reset (104) is not one of these, even when nginx's message
// says "while connecting": on TCP, nginx has not written to a connection the kernel
// accepted for geps yet, and that queued connection was reset when the socket closed.
const couldNotConnect = (line) =>
  /connect\(\) (to \S+ )?failed \((2|111): [^)]*\) while connecting to upstream/.test(line) ||
  /upstream timed out \(110: [^)]*\) while connecting to upstream/.test(line);

// What is asserted: every request either got a whole 200 page, or failed because
// nginx could not connect to geps after the stop (as nginx's error log says for that
// very request, above).  A request whose connection geps's socket had accepted, in
// progress or queued in the backlog at the stop, must never fail; before the drain,
// those still queued when the last copy of the socket closed were reset (a 502).
// And the drain must have been exercised: geps served many requests after the
// signal (its log): with 20 ms each, they were queued when it came.
async function stopUnderLoad(t, s) {
  const master = s.pid();
  const workers = s.workers();
  const l = load(s.base);
  assert.ok(await until(() => l.count() >= 100, 20000, 20), 'the load runs');
  const from = s.errorLogSize();
  const logFrom = s.logSize();
  const tStop = Date.now();
  process.kill(master, 'SIGTERM');
  const gone = await until(() => !alive(master), 15000, 20);
  const tGone = Date.now();
  const results = await l.ended();
  assert.ok(gone, 'the master exited');
  for (const w of workers) assert.ok(!alive(w), `worker ${w} exited`);

  const errs = s.nginxErrors(from);
  const ok = results.filter((r) => r.status === 200);
  const failed = results.filter((r) => r.status !== 200);
  const unexplained = failed.filter((r) => !couldNotConnect(errs.get(r.id) ?? ''));
  const log = s.log(logFrom);
  const afterSignal = log.slice(Math.max(0, log.indexOf('event=shutdown')));
  const servedAfter = (afterSignal.match(/event=request /g) || []).length;
  const drained = [...afterSignal.matchAll(/event=worker_exit worker=\d+ drained=(\d+)/g)]
    .reduce((a, m) => a + Number(m[1]), 0);
  // nginx's reasons for the failures, counted.
  const reasons = {};
  for (const r of failed) {
    const why = (errs.get(r.id) ?? `no nginx error, status ${r.status} ${r.error ?? ''}`)
      .replace(/^.*?\*\d+ /, '').replace(/ to \S+ failed/, ' failed').replace(/, client: .*$/, '');
    reasons[why] = (reasons[why] ?? 0) + 1;
  }
  const figures = {
    requests: results.length, ok: ok.length, served_after_signal: servedAfter,
    served_while_draining: drained, could_not_connect: failed.length - unexplained.length,
    other_failures: unexplained.length, stop_ms: tGone - tStop, reasons,
  };
  t.diagnostic(JSON.stringify(figures));
  assert.deepEqual(unexplained.slice(0, 3).map((r) => `${r.status} ${r.error ?? ''} ${errs.get(r.id) ?? '(not in nginx error.log)'}`), [],
    `requests failed other than by a failed connect: ${JSON.stringify(figures)}`);
  assert.ok(ok.every((r) => r.complete), 'every 200 is a whole page');
  assert.ok(servedAfter >= 50, `the stop found connections queued and served them: ${JSON.stringify(figures)}`);
  assert.ok(failed.length > 0, 'the load ran past the stop');
  assert.ok(tGone - tStop < 10000, `within shutdown_seconds (${tGone - tStop} ms)`);
}

test('SIGTERM under a load of 200 connections on the unix socket: every queued connection is served, only later connects fail', async (t) => {
  const s = stackOf(STACK, URL_BASE);
  try {
    await stopUnderLoad(t, s);
  } finally {
    s.sh('geps-start');
  }
  assert.ok(await until(async () => (await http('/')).status === 200), 'serving again');
});

// The same on a TCP socket (as geps hosts behind one nginx listen), on a stack of
// its own: a TCP socket has no name to remove, so new connections are kept out by
// dropping their SYNs while the queue drains.  Before the drain, the workers went
// on accepting the connections that kept coming until shutdown_seconds, when the
// master killed them with about 200 requests queued or in progress.
// GEPS_KEEP_SHUTDOWN=1 keeps the stack's directory for a look at its logs.
test('SIGTERM under a load of 200 connections on a TCP socket: every queued connection is served, only later connects fail', async (t) => {
  const dir = mkdtempSync('/tmp/geps-shutdown-tcp.');
  const s = stackOf(dir, null);
  try {
    execFileSync(path.join(SRCDIR, 'tests/stack.sh'), ['start', dir, '--test'],
      { encoding: 'utf8', env: { ...process.env, GEPS_BIN: BIN, GEPS_LISTEN: 'tcp', GEPS_ACCESS_LOG: 'off' } });
    s.base = readFileSync(path.join(dir, 'stack.env'), 'utf8').match(/^GEPS_URL=(.*)$/m)[1];
    assert.match(readFileSync(path.join(dir, 'geps.conf'), 'utf8'), /^listen = 127\.0\.0\.1:\d+$/m);
    await stopUnderLoad(t, s);
  } finally {
    try { s.sh('stop'); } catch { /* reported above */ }
    if (!process.env.GEPS_KEEP_SHUTDOWN) rmSync(dir, { recursive: true, force: true });
  }
});

// SIGHUP: the old generation finishes the requests it accepted and leaves the
// queue to the new one, which shares the socket, so no request may fail at all.
// Before, an old worker with connections always queued never saw its SIGTERM
// (ppoll() reports a ready socket first) and the old generation never left.
test('SIGHUP twice under a load of 200 connections: no request fails', async (t) => {
  const reloads = () => (gepsLog().match(/event=reload_done/g) || []).length;
  const l = load(URL_BASE);
  assert.ok(await until(() => l.count() >= 100, 20000, 20), 'the load runs');
  for (let i = 0; i < 2; i++) {
    const old = workerPids();
    const before = reloads();
    process.kill(gepsPid(), 'SIGHUP');
    assert.ok(await until(() => reloads() > before && workerPids().every((p) => !old.includes(p)), 15000, 20),
      'the old generation is gone');
  }
  const mark = l.count();
  await until(() => l.count() >= mark + 200, 10000, 20);
  const results = await l.stop();
  const failed = results.filter((r) => r.status !== 200 || !r.complete);
  t.diagnostic(JSON.stringify({ requests: results.length, failed: failed.length }));
  assert.deepEqual(failed.slice(0, 5), [], `${failed.length} of ${results.length} failed`);
});
