// A MariaDB primary and a replica on loopback (two mariadbd in a temp dir, each with
// conf/mariadb/geps.cnf and conf/multihost/mariadb-{primary,replica}.cnf, GTID
// replication), and one `geps serve` (behind an nginx of its own) whose database is
// the primary and whose read-only DSN (db_read_* in geps.conf) is the replica, with
// an account that may only SELECT.
//
// The public pages read the replica: with the replica's SQL thread stopped (a lagging
// replica), a round that `geps publish` made public on the primary is not on them;
// once the replica has caught up (MASTER_GTID_WAIT) it is.  What writes goes to the
// primary (a sign-in's session), and the replica refuses writes.  When the replica
// goes away, the public pages are read from the primary with no failed page.
//
// Everything here is its own (databases, geps, nginx, ports); the suite's stack is
// only the source of the geps binary, views and settings.  Processes are stopped by
// their pids in after().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync,
  readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { STACK, SRCDIR, BIN, sleep, until, freePort } from './lib/stack.mjs';

const isRoot = process.getuid() === 0;
const me = execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const ROUND = '1399-1';
const TITLE = 'دوره آزمون تکثیر';

let dir;
const db = {};		// primary, replica: { name, port, data, sock, pidFile, log }
let gepsProc, gepsExited, gepsPort, nginxPid = 0, base;
let conf;		// this geps's geps.conf
const pw = { geps: randomBytes(12).toString('hex'), ro: randomBytes(12).toString('hex'), repl: randomBytes(12).toString('hex') };

const connects = (port) => new Promise((resolve) => {
  const c = net.connect(port, '127.0.0.1');
  c.once('connect', () => { c.destroy(); resolve(true); });
  c.once('error', () => resolve(false));
});

// SQL as the administrator, over the server's unix socket.
function q(server, query) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${server.sock}`, `-u${me}`, '-N', '-B', '-e', query],
    { encoding: 'utf8' }).replace(/\n$/, '');
}
const one = (server, query) => q(server, query).split('\n')[0].split('\t')[0];
const semiSync = () => Object.fromEntries(q(db.primary, "SHOW STATUS LIKE 'Rpl_semi_sync_master_%'")
  .split('\n').map((l) => l.split('\t')));
// SHOW SLAVE STATUS as { column: value }.
function slaveStatus(server) {
  const [head, row] = execFileSync('mariadb', ['--no-defaults', `--socket=${server.sock}`, `-u${me}`, '-B', '-e',
    'SHOW SLAVE STATUS'], { encoding: 'utf8' }).split('\n').map((l) => l.split('\t'));
  return Object.fromEntries(head.map((k, i) => [k, row[i]]));
}

// Starts one server with geps.cnf followed by the multihost file of its role; the
// command line sets only places, the port, and a small buffer pool.
async function startDb(s) {
  const child = spawn('mariadbd', [`--defaults-file=${s.cnf}`, ...(isRoot ? ['--user=root'] : []),
    `--datadir=${s.data}`, `--socket=${s.sock}`, `--pid-file=${s.pidFile}`, `--port=${s.port}`,
    '--bind-address=127.0.0.1', `--log-error=${s.log}`, '--innodb-buffer-pool-size=64M',
    '--innodb-log-file-size=48M', `--tmpdir=${path.join(dir, 'tmp')}`], { stdio: 'ignore', detached: true });
  child.unref();
  s.exited = new Promise((resolve) => child.once('exit', resolve));
  const up = await until(() => spawnSync('mariadb-admin', ['--no-defaults', `--socket=${s.sock}`, `-u${me}`, 'ping'],
    { stdio: 'ignore' }).status === 0, 30000, 100);
  if (!up) throw new Error(`mariadbd ${s.name} did not start: ${existsSync(s.log) ? readFileSync(s.log, 'utf8').slice(-2000) : ''}`);
  s.pid = Number(readFileSync(s.pidFile, 'utf8'));
}

async function stopDb(s) {
  if (!s?.pid) return;
  try { process.kill(s.pid, 'SIGTERM'); } catch { return; }
  await until(() => { try { process.kill(s.pid, 0); return false; } catch { return true; } }, 60000, 100);
  s.pid = 0;
}

// The replica has applied everything the primary has committed (at most ms).
function caughtUp(ms = 30000) {
  const pos = one(db.primary, 'SELECT @@gtid_binlog_pos');
  return one(db.replica, `SELECT MASTER_GTID_WAIT('${pos}', ${ms / 1000})`) === '0';
}

function geps(args, env = {}) {
  return spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, GEPS_CONF: conf, ...env } });
}

async function get(p, opts = {}) {
  const res = await fetch(base + p, { redirect: 'manual', ...opts });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

before(async () => {
  dir = mkdtempSync('/tmp/geps-replica-');
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, 'tmp'));
  for (const name of ['primary', 'replica']) {
    db[name] = { name, port: await freePort(), data: path.join(dir, name), cnf: path.join(dir, `${name}.cnf`),
      sock: path.join(dir, `${name}.sock`), pidFile: path.join(dir, `${name}.pid`), log: path.join(dir, `${name}.log`) };
  }
  // One fresh installation, copied: the replica starts as the primary's twin.
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${db.primary.data}`, `--user=${me}`,
    '--auth-root-authentication-method=socket', '--skip-test-db'], { stdio: 'ignore' });
  execFileSync('cp', ['-a', db.primary.data, db.replica.data]);
  for (const s of [db.primary, db.replica]) {
    writeFileSync(s.cnf, readFileSync(path.join(SRCDIR, 'conf/mariadb/geps.cnf'), 'utf8') + '\n' +
      readFileSync(path.join(SRCDIR, `conf/multihost/mariadb-${s.name}.cnf`), 'utf8'));
  }
  await Promise.all([startDb(db.primary), startDb(db.replica)]);

  // Replication first, from the primary's first transaction: everything after it
  // (the database, the accounts, the schema, the demo data) reaches the replica.
  // The replication account is the twins' own, outside the binlog; skip_name_resolve
  // (geps.cnf): accounts are named by address.
  for (const s of [db.primary, db.replica]) {
    q(s, `SET sql_log_bin = 0; CREATE USER repl@'127.0.0.1' IDENTIFIED BY '${pw.repl}';
        GRANT REPLICATION SLAVE ON *.* TO repl@'127.0.0.1'`);
  }
  q(db.replica, `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${db.primary.port},
      MASTER_USER = 'repl', MASTER_PASSWORD = '${pw.repl}', MASTER_USE_GTID = slave_pos,
      MASTER_CONNECT_RETRY = 1; START SLAVE`);
  // Semi-synchronous from the first transaction on: the replica is connected.
  assert.ok(await until(() => semiSync().Rpl_semi_sync_master_clients === '1', 10000), 'the replica connects');
  q(db.primary, `CREATE DATABASE geps CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
      CREATE USER geps@'127.0.0.1' IDENTIFIED BY '${pw.geps}';
      GRANT ALL PRIVILEGES ON geps.* TO geps@'127.0.0.1';
      CREATE USER geps_ro@'127.0.0.1' IDENTIFIED BY '${pw.ro}';
      GRANT SELECT ON geps.* TO geps_ro@'127.0.0.1'`);

  // geps.conf: the suite's settings, this test's databases, store and listening port.
  gepsPort = await freePort();
  conf = path.join(dir, 'geps.conf');
  const own = new Set(['listen', 'listen_mode', 'listen_group', 'workers', 'db_socket', 'db_host', 'db_port',
    'db_user', 'db_password', 'evidence_dir', 'outbox_file']);
  const lines = readFileSync(path.join(STACK, 'geps.conf'), 'utf8').split('\n')
    .filter((l) => !own.has(l.split('=')[0].trim()));
  writeFileSync(conf, [...lines,
    `listen = 127.0.0.1:${gepsPort}`, 'workers = 2',
    'db_socket =', 'db_host = 127.0.0.1', `db_port = ${db.primary.port}`, 'db_user = geps', `db_password = ${pw.geps}`,
    'db_read_host = 127.0.0.1', `db_read_port = ${db.replica.port}`, 'db_read_user = geps_ro', `db_read_password = ${pw.ro}`,
    `evidence_dir = ${path.join(dir, 'evidence')}`, `outbox_file = ${path.join(dir, 'outbox.log')}`, ''].join('\n'),
  { mode: 0o600 });
  mkdirSync(path.join(dir, 'evidence'), { mode: 0o750 });
  if (isRoot) chownSync(path.join(dir, 'evidence'), 0, Number(execFileSync('id', ['-g', 'www-data']).toString()));

  // Schema and demo data on the primary, through the app's own migrations.
  let r = geps(['migrate', '--demo']);
  assert.equal(r.status, 0, r.stderr);
  r = geps(['demo-accounts', path.join(dir, 'demo-accounts.tsv')]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(caughtUp(), 'the replica caught up with the migrations');

  const fd = openSync(path.join(dir, 'geps.log'), 'a');
  gepsProc = spawn(BIN, ['serve'], { stdio: ['ignore', fd, fd], env: { ...process.env, GEPS_CONF: conf } });
  closeSync(fd);
  gepsExited = new Promise((resolve) => gepsProc.once('exit', resolve));
  assert.ok(await until(() => connects(gepsPort), 10000), 'geps serve listens');

  const port = await freePort();
  const ngx = path.join(dir, 'nginx');
  mkdirSync(path.join(ngx, 'tmp'), { recursive: true });
  writeFileSync(path.join(ngx, 'geps-app.conf'),
    readFileSync(path.join(SRCDIR, 'conf/nginx/geps-app.conf.in'), 'utf8')
      .replaceAll('@ASSETS_ROOT@', path.join(SRCDIR, 'views'))
      .replaceAll('@FASTCGI@', `127.0.0.1:${gepsPort}`)
      .replaceAll('@EVIDENCE_DIR@', path.join(dir, 'evidence')));
  writeFileSync(path.join(ngx, 'nginx.conf'), `# Written by tests/integration/replica.test.mjs.
${isRoot ? 'user www-data www-data;' : ''}
worker_processes 1;
pid ${ngx}/nginx.pid;
error_log ${ngx}/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${ngx}/tmp/body;
    fastcgi_temp_path ${ngx}/tmp/fastcgi;
    proxy_temp_path ${ngx}/tmp/proxy;
    uwsgi_temp_path ${ngx}/tmp/uwsgi;
    scgi_temp_path ${ngx}/tmp/scgi;
    limit_req_zone $binary_remote_addr zone=geps_auth:10m rate=100r/s;
    server {
        listen 127.0.0.1:${port};
        server_name localhost;
        include ${ngx}/geps-app.conf;
    }
}
`);
  if (isRoot) chownSync(path.join(ngx, 'tmp'), Number(execFileSync('id', ['-u', 'www-data']).toString()), 0);
  execFileSync('nginx', ['-p', ngx, '-c', path.join(ngx, 'nginx.conf'), '-e', path.join(ngx, 'error.log')]);
  nginxPid = Number(readFileSync(path.join(ngx, 'nginx.pid'), 'utf8'));
  base = `http://127.0.0.1:${port}`;
  assert.ok(await until(async () => (await fetch(`${base}/_health`).catch(() => ({}))).status === 200, 10000),
    'nginx answers');
});

after(async () => {
  if (nginxPid) {
    try { process.kill(nginxPid, 'SIGTERM'); } catch { /* gone */ }
    await until(() => { try { process.kill(nginxPid, 0); return false; } catch { return true; } }, 5000);
  }
  if (gepsProc && gepsProc.exitCode === null && gepsProc.signalCode === null) {
    gepsProc.kill('SIGTERM');
    let timer;
    const done = await Promise.race([gepsExited.then(() => true),
      new Promise((resolve) => { timer = setTimeout(resolve, 15000, false); })]);
    clearTimeout(timer);
    if (!done) gepsProc.kill('SIGKILL');
  }
  await Promise.all([stopDb(db.replica), stopDb(db.primary)]);
  const log = path.join(dir ?? '', 'geps.log');
  if (existsSync(log)) assert.doesNotMatch(readFileSync(log, 'utf8'), /ERROR: AddressSanitizer|runtime error:/, 'geps log');
  if (dir && !process.env.GEPS_KEEP_REPLICA) rmSync(dir, { recursive: true, force: true });
});

test('the replica follows the primary by GTID, and refuses writes', () => {
  const st = slaveStatus(db.replica);
  assert.equal(st.Slave_IO_Running, 'Yes');
  assert.equal(st.Slave_SQL_Running, 'Yes');
  assert.equal(st.Using_Gtid, 'Slave_Pos');
  // Semi-synchronous: the primary waited for the replica's acknowledgement of each commit.
  const semi = semiSync();
  assert.equal(semi.Rpl_semi_sync_master_status, 'ON');
  assert.ok(Number(semi.Rpl_semi_sync_master_yes_tx) > 10);
  assert.equal(semi.Rpl_semi_sync_master_clients, '1');
  assert.equal(semi.Rpl_semi_sync_master_no_tx, '0', 'no commit went without the acknowledgement');
  assert.equal(one(db.replica, 'SELECT @@read_only'), '1');
  assert.equal(one(db.replica, 'SELECT COUNT(*) FROM geps.offices'), one(db.primary, 'SELECT COUNT(*) FROM geps.offices'));
  assert.equal(one(db.replica, 'SELECT @@gtid_slave_pos'), one(db.primary, 'SELECT @@gtid_binlog_pos'));
  // Neither geps's account nor the read DSN's writes on the replica (read_only), and
  // the read DSN's account could not write anywhere (SELECT only: see it on the primary).
  for (const [server, user, pass, err] of [[db.replica, 'geps', pw.geps, /ERROR 1290/],
    [db.replica, 'geps_ro', pw.ro, /ERROR 1290/], [db.primary, 'geps_ro', pw.ro, /ERROR 1142/]]) {
    const r = spawnSync('mariadb', ['--no-defaults', '-h127.0.0.1', `-P${server.port}`, `-u${user}`, `-p${pass}`,
      'geps', '-e', `UPDATE offices SET name = 'x' WHERE id = 1`], { encoding: 'utf8' });
    assert.notEqual(r.status, 0, `${user} cannot write on the ${server.name}`);
    assert.match(r.stderr, err);
  }
});

test('a publication on the primary shows on the public pages once the replica has caught up', async (t) => {
  // A round in scoring with three ranked offices of one province, on the primary.
  const province = one(db.primary, `SELECT province_id FROM geps.offices GROUP BY province_id HAVING COUNT(*) >= 3 ORDER BY province_id LIMIT 1`);
  const offices = q(db.primary, `SELECT id, code FROM geps.offices WHERE province_id = ${province} ORDER BY id LIMIT 3`)
    .split('\n').map((l) => l.split('\t'));
  q(db.primary, `INSERT INTO geps.rounds (code, title, state, decl_start_date, decl_end_date, review_end_date, ranked_at)
      VALUES ('${ROUND}', '${TITLE}', 'scoring', '2020-03-20', '2020-04-08', '2020-04-18', UTC_TIMESTAMP());
    INSERT INTO geps.declarations (round_id, office_id, province_id, region_id, state, submitted_at, score_x100, \`rank\`, rank_basis)
      SELECT r.id, o.id, o.province_id, o.region_id, 'reviewed', UTC_TIMESTAMP(), 7000 + o.id, 1 + o.id % 3, 'declared'
      FROM geps.rounds r JOIN geps.offices o ON o.id IN (${offices.map((o) => o[0]).join(',')}) WHERE r.code = '${ROUND}'`);
  assert.ok(caughtUp());
  const json = `/ranks.json?round=${ROUND}`;
  const list = `/ranks?round=${ROUND}&province=${province}`;
  assert.equal((await get(json)).status, 404, 'a round in scoring is not public');

  // The replica lags: its SQL thread stops (it still receives the binlog).
  q(db.replica, 'STOP SLAVE SQL_THREAD');
  const r = geps(['publish', ROUND]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(one(db.primary, `SELECT state FROM geps.rounds WHERE code = '${ROUND}'`), 'published');
  assert.equal(one(db.replica, `SELECT state FROM geps.rounds WHERE code = '${ROUND}'`), 'scoring');
  // The pages read the replica: not public there yet.
  assert.equal((await get(json)).status, 404, 'ranks.json is read from the replica');
  assert.equal((await get(list)).status, 404, 'the list is read from the replica');
  const v = await get(`/verify?code=${offices[0][1]}`);
  assert.equal(v.status, 200);
  assert.ok(!v.text.includes(TITLE), 'the verification is read from the replica');

  // Catch-up.
  const t0 = performance.now();
  q(db.replica, 'START SLAVE SQL_THREAD');
  assert.ok(caughtUp(), 'the replica caught up');
  const ms = performance.now() - t0;
  const j = await get(json);
  assert.equal(j.status, 200);
  const body = JSON.parse(j.text);
  assert.equal(body.round.state, 'published');
  assert.deepEqual(body.offices.map((o) => o.code).sort(), offices.map((o) => o[1]).sort());
  const l = await get(list);
  assert.equal(l.status, 200);
  for (const [, code] of offices) assert.ok(l.text.includes(code), `${code} in the province's list`);
  const v2 = await get(`/verify?code=${offices[0][1]}`);
  assert.ok(v2.text.includes(TITLE), 'the verification shows the round');
  t.diagnostic(`replica caught up ${ms.toFixed(0)} ms after its SQL thread started again`);
});

test('what writes goes to the primary: a sign-in, its session replicated', async () => {
  const [, nid, password] = readFileSync(path.join(dir, 'demo-accounts.tsv'), 'utf8').split('\n')
    .find((l) => l.startsWith('licensee\t')).split('\t');
  const page = await get('/login');
  const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const before = one(db.primary, 'SELECT COUNT(*) FROM geps.sessions');
  const r = await get('/login', {
    method: 'POST', body: new URLSearchParams({ csrf, national_id: nid, password }).toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(r.status, 303, text(r.text).slice(0, 300));
  assert.equal(r.headers.get('location'), '/dashboard');
  assert.equal(Number(one(db.primary, 'SELECT COUNT(*) FROM geps.sessions')), Number(before) + 1);
  assert.ok(caughtUp());
  assert.equal(one(db.replica, 'SELECT COUNT(*) FROM geps.sessions'), String(Number(before) + 1));
  // Signed in, the public pages still answer (the session from the primary, the facts from the replica).
  const session = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const d = await get('/dashboard', { headers: { cookie: session } });
  assert.equal(d.status, 200);
  assert.equal((await get(`/ranks.json?round=${ROUND}`, { headers: { cookie: session } })).status, 200);
});

test('without the replica the public pages are read from the primary, and no page fails', async (t) => {
  await stopDb(db.replica);
  // Each worker notices on its next public page (a lost connection, then the
  // primary); every page answers.
  const times = [];
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    const r = await get(`/ranks.json?round=${ROUND}`);
    times.push(performance.now() - t0);
    assert.equal(r.status, 200, r.text);
    assert.equal(JSON.parse(r.text).offices.length, 3);
    const v = await get('/verify?code=' + one(db.primary, `SELECT o.code FROM geps.offices o JOIN geps.declarations d
        ON d.office_id = o.id JOIN geps.rounds r ON r.id = d.round_id WHERE r.code = '${ROUND}' LIMIT 1`));
    assert.equal(v.status, 200);
    assert.ok(v.text.includes(TITLE));
  }
  const log = readFileSync(path.join(dir, 'geps.log'), 'utf8');
  assert.match(log, /event=replica_down/);
  t.diagnostic(`pages without the replica: max ${Math.max(...times).toFixed(1)} ms, ` +
    `${(log.match(/event=replica_down/g) || []).length} replica_down events`);

  // Back: after the retry interval the replica is used again (not waited for here:
  // 30 s); the replica itself catches up on what it missed.
  await startDb(db.replica);
  assert.ok(caughtUp(), 'the restarted replica catches up by GTID');
});
