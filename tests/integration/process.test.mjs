// The prefork master under faults: a killed worker, a stopped database, reloads
// under load, and a bounded shutdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { http, stack, workerPids, gepsPid, gepsLog, until, sleep, URL_BASE } from './lib/stack.mjs';

test('a worker killed with SIGKILL is respawned and requests keep working', async () => {
  const before = workerPids();
  assert.ok(before.length >= 2, `workers: ${before}`);
  const victim = before[0];
  process.kill(victim, 'SIGKILL');
  const after = await until(() => {
    const now = workerPids();
    return now.length === before.length && !now.includes(victim) ? now : null;
  });
  assert.ok(after, 'the master replaced the killed worker');
  assert.match(gepsLog(), new RegExp(`event=worker_died pid=${victim} .*signal=9`));
  for (let i = 0; i < 20; i++) {
    const r = await http('/');
    assert.equal(r.status, 200);
  }
});

test('MariaDB stopped gives the Persian 503 page; restarted, service returns without restarting geps', async () => {
  const master = gepsPid();
  const workers = workerPids().sort();
  assert.equal((await http('/')).status, 200);
  stack('db-stop');
  try {
    for (let i = 0; i < 8; i++) {
      const r = await http('/');
      assert.equal(r.status, 503);
      assert.match(r.text, /سامانه موقتاً در دسترس نیست/);
      assert.equal(r.headers.get('retry-after'), '5');
    }
    // Pages that do not need the database still work.
    assert.equal((await http('/login')).status, 200);
  } finally {
    stack('db-start');
  }
  const ok = await until(async () => (await http('/')).status === 200, 15000, 200);
  assert.ok(ok, 'home page 200 again after the database returned');
  for (let i = 0; i < 8; i++) assert.equal((await http('/')).status, 200);
  assert.equal(gepsPid(), master, 'the same master');
  assert.deepEqual(workerPids().sort(), workers, 'no worker died');
});

test('SIGHUP under load replaces the workers with zero failed requests', async () => {
  const old = workerPids();
  const wrk = spawnSync('bash', ['-c',
    `wrk -t2 -c8 -d5s --latency ${URL_BASE}/ > /tmp/geps-hup-wrk.$$ 2>&1 & w=$!;
     sleep 1; for i in 1 2 3; do kill -HUP ${gepsPid()}; sleep 1; done; wait $w;
     cat /tmp/geps-hup-wrk.$$; rm -f /tmp/geps-hup-wrk.$$`], { encoding: 'utf8' });
  const out = wrk.stdout;
  const m = out.match(/(\d+) requests in/);
  assert.ok(m && Number(m[1]) > 100, `wrk ran: ${out}`);
  assert.doesNotMatch(out, /Non-2xx or 3xx responses/, out);
  assert.doesNotMatch(out, /Socket errors/, out);
  const now = await until(() => {
    const w = workerPids();
    return w.length === old.length && w.every((p) => !old.includes(p)) ? w : null;
  });
  assert.ok(now, 'every worker is new after the reloads');
  assert.match(gepsLog(), /event=reload_done/);
});

test('a request is logged as one key=value line', async () => {
  await http('/login?x=1');
  const lines = gepsLog().trim().split('\n').filter((l) => l.includes('event=request') && l.includes('path=/login'));
  assert.ok(lines.length > 0);
  assert.match(lines.at(-1), /^ts=\S+ level=info role=worker pid=\d+ event=request method=GET path=\/login status=200 us=\d+ worker=\d+$/);
});

test('SIGTERM drains and exits within the bound; the stack starts again', async () => {
  const master = gepsPid();
  const workers = workerPids();
  const t0 = Date.now();
  process.kill(master, 'SIGTERM');
  const gone = await until(() => {
    try { process.kill(master, 0); return false; } catch { return true; }
  }, 15000, 50);
  assert.ok(gone, 'master exited');
  assert.ok(Date.now() - t0 < 12000, 'within shutdown_seconds');
  for (const w of workers) {
    assert.throws(() => process.kill(w, 0), undefined, `worker ${w} exited with the master`);
  }
  assert.equal((await http('/')).status, 502);
  stack('geps-start');
  assert.ok(await until(async () => (await http('/')).status === 200), 'serving again');
});

test('workers die with their master even when it is SIGKILLed', async () => {
  const master = gepsPid();
  const workers = workerPids();
  process.kill(master, 'SIGKILL');
  const gone = await until(() => workers.every((w) => {
    try { process.kill(w, 0); return false; } catch { return true; }
  }), 10000, 50);
  assert.ok(gone, 'no orphan worker');
  stack('geps-start');
  assert.ok(await until(async () => (await http('/')).status === 200), 'serving again');
});

test('a reload whose new workers cannot start keeps the old workers serving', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const conf = `${process.env.GEPS_STACK}/geps.conf`;
  const good = readFileSync(conf, 'utf8');
  const old = workerPids().sort();
  writeFileSync(conf, good.replace(/^views_dir = .*$/m, 'views_dir = /nonexistent-views'));
  try {
    process.kill(gepsPid(), 'SIGHUP');
    const failed = await until(() => /event=reload_failed/.test(gepsLog()), 10000);
    assert.ok(failed, 'the master noticed the new generation could not start');
    for (let i = 0; i < 10; i++) assert.equal((await http('/')).status, 200);
    assert.deepEqual(workerPids().sort(), old, 'the old workers still serve');
  } finally {
    writeFileSync(conf, good);
  }
  process.kill(gepsPid(), 'SIGHUP');
  const replaced = await until(() => {
    const w = workerPids();
    return w.length === old.length && w.every((p) => !old.includes(p));
  });
  assert.ok(replaced, 'a good reload afterwards replaces them');
  assert.equal((await http('/')).status, 200);
});

test('logins beyond the hashing slots get a Persian "try again shortly" form, never an error', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { Client, makeUser } = await import('./lib/client.mjs');
  const conf = `${process.env.GEPS_STACK}/geps.conf`;
  const good = readFileSync(conf, 'utf8');
  const reloads = () => (gepsLog().match(/event=reload_done/g) || []).length;
  const users = Array.from({ length: 6 }, () => makeUser());
  // No waiting for a slot at all: with 2 slots and 4 workers, some logins must be turned away.
  let before = reloads();
  writeFileSync(conf, good.replace(/^hash_wait_ms = .*$/m, '') + 'hash_wait_ms = 0\n');
  try {
    process.kill(gepsPid(), 'SIGHUP');
    assert.ok(await until(() => reloads() > before), 'reloaded');
    const died = (gepsLog().match(/event=worker_died/g) || []).length;
    const results = await Promise.all(Array.from({ length: 32 }, (_, i) => {
      const u = users[i % users.length];
      return new Client().login(u.nid, u.password);
    }));
    const busy = results.filter((r) => r.status === 503);
    assert.ok(busy.length > 0, `some were turned away: ${results.map((r) => r.status)}`);
    for (const r of busy) {
      assert.match(r.text, /سامانه در این لحظه شلوغ است/);
      assert.match(r.text, /name="national_id"/, 'the form again, not an error page');
      assert.equal(r.headers.get('retry-after'), '5');
    }
    assert.ok(results.every((r) => r.status === 303 || r.status === 503), results.map((r) => r.status).join());
    assert.equal((gepsLog().match(/event=worker_died/g) || []).length, died, 'no worker died');
  } finally {
    writeFileSync(conf, good);
    before = reloads();
    process.kill(gepsPid(), 'SIGHUP');
    await until(() => reloads() > before);
  }
});

test("the master's timer delivers queued messages by itself", async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { sql } = await import('./lib/stack.mjs');
  const conf = `${process.env.GEPS_STACK}/geps.conf`;
  const good = readFileSync(conf, 'utf8');
  const reloads = () => (gepsLog().match(/event=reload_done/g) || []).length;
  sql("INSERT INTO outbox (channel, recipient, template, subject, body) VALUES ('sms', '09190000001', 'timer_test', '', 'timer test message')");
  const id = sql("SELECT MAX(id) FROM outbox WHERE template = 'timer_test'").trim();
  let before = reloads();
  writeFileSync(conf, good.replace(/^outbox_interval = .*$/m, 'outbox_interval = 1'));
  try {
    process.kill(gepsPid(), 'SIGHUP');
    assert.ok(await until(() => reloads() > before), 'reloaded');
    const sent = await until(() => sql(`SELECT state FROM outbox WHERE id = ${id}`).trim() === 'sent', 15000, 200);
    assert.ok(sent, 'delivered without anyone running geps outbox send');
    assert.equal(sql(`SELECT body FROM outbox WHERE id = ${id}`).trim(), '', 'body cleared once sent');
    assert.match(readFileSync(process.env.GEPS_OUTBOX, 'utf8'), /to=09190000001 .*body="timer test message"/);
  } finally {
    writeFileSync(conf, good);
    before = reloads();
    process.kill(gepsPid(), 'SIGHUP');
    await until(() => reloads() > before);
  }
});
