// geps outbox send and geps audit verify against the stack's real database.
//
// Each test runs geps with a copy of the stack's geps.conf whose outbox_* keys are
// replaced.  The stack's master also delivers on its timer (outbox_interval) with the
// stack's own conf, so the file test writes to the stack's outbox file (either sender
// then writes the same line), and the failure tests retry with a new row in the rare
// case the master delivered it first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, STACK, sql, until } from './lib/stack.mjs';

const TAG = `obx${process.pid}`;

// A copy of the stack's conf with these outbox keys instead of its own.
function confWith(name, keys) {
  const base = readFileSync(path.join(STACK, 'geps.conf'), 'utf8').split('\n')
    .filter((l) => !/^\s*(outbox_transport|outbox_file|sms_url|sms_token|smtp_\w+)\s*=/.test(l));
  const file = path.join(STACK, `${TAG}-${name}.conf`);
  writeFileSync(file, [...base, ...Object.entries(keys).map(([k, v]) => `${k} = ${v}`), ''].join('\n'),
    { mode: 0o600 });
  return file;
}

function gepsWith(conf, args) {
  return spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, GEPS_CONF: conf } });
}

const q = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function enqueue(channel, to, subject, body) {
  sql(`INSERT INTO outbox (channel, recipient, template, subject, body) VALUES
    (${q(channel)}, ${q(to)}, ${q(TAG)}, ${q(subject)}, ${q(body)})`);
  return sql(`SELECT MAX(id) FROM outbox WHERE template = ${q(TAG)}`).trim();
}

function row(id) {
  const [state, attempts, body, sent, future, lastError] = sql(`SELECT state, attempts, body,
    sent_at IS NOT NULL, next_attempt_at > UTC_TIMESTAMP(6), last_error FROM outbox WHERE id = ${id}`)
    .replace(/\n$/, '').split('\t');
  return { state, attempts: Number(attempts), body, sent: sent === '1', future: future === '1', lastError };
}

// Parses one line of the file transport (format documented in lib/transport.h).
function parseLine(line) {
  const m = /^ts=(\S+) channel=(sms|email) to=(\S+) subject="((?:[^"\\]|\\.)*)" body="((?:[^"\\]|\\.)*)"$/.exec(line);
  assert.ok(m, `bad outbox line: ${line}`);
  const un = (s) => s.replace(/\\(x[0-9a-f]{2}|.)/g, (_, e) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }[e]
    ?? String.fromCharCode(parseInt(e.slice(1), 16))));
  return { ts: m[1], channel: m[2], to: m[3], subject: un(m[4]), body: un(m[5]) };
}

// The stack's outbox file (tests/stack.sh writes outbox_file), else one of our own.
function stackOutboxFile() {
  const m = /^\s*outbox_file\s*=\s*(.+?)\s*$/m.exec(readFileSync(path.join(STACK, 'geps.conf'), 'utf8'));
  return m ? m[1] : path.join(STACK, 'outbox.log');
}

// Enqueues with make() and runs geps with conf until the row was handled by our run,
// not by the master's timer (which sends it through the stack's file transport).
function enqueueAndRun(conf, make) {
  for (let i = 0; i < 5; i++) {
    const id = make();
    const r = gepsWith(conf, ['outbox', 'send']);
    assert.equal(r.status, 0, r.stderr);
    if (row(id).state !== 'sent') return id;
  }
  assert.fail('the master delivered every try first');
}

test('outbox send delivers due rows through the file transport and clears their bodies', async () => {
  const file = stackOutboxFile();
  const conf = confWith('file', { outbox_transport: 'file', outbox_file: file });
  const sms = enqueue('sms', '09121234567', '', `کد بازیابی: 123456 ${TAG}\nGEPS "سامانه"`);
  const mail = enqueue('email', 'user@example.ir', 'بازیابی گذرواژه', `سلام\\دنیا ${TAG}`);
  const r = gepsWith(conf, ['outbox', 'send']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^sent \d+, failed \d+, queued \d+\n$/);
  // A row the master's timer claimed first is marked sent by it a moment later.
  await until(() => row(sms).state === 'sent' && row(mail).state === 'sent', 5000);

  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map(parseLine);
  const s = lines.find((l) => l.body.includes(TAG) && l.channel === 'sms');
  assert.ok(s, 'sms line');
  assert.equal(s.to, '09121234567');
  assert.equal(s.body, `کد بازیابی: 123456 ${TAG}\nGEPS "سامانه"`);
  assert.match(s.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  const e = lines.find((l) => l.body.includes(TAG) && l.channel === 'email');
  assert.equal(e.to, 'user@example.ir');
  assert.equal(e.channel, 'email');
  assert.equal(e.subject, 'بازیابی گذرواژه');
  assert.equal(e.body, `سلام\\دنیا ${TAG}`);

  for (const id of [sms, mail]) {
    const x = row(id);
    assert.equal(x.state, 'sent');
    assert.equal(x.attempts, 1);
    assert.equal(x.body, '', 'body cleared once sent');
    assert.ok(x.sent);
  }
  // Nothing is sent twice.
  const again = gepsWith(conf, ['outbox', 'send', '--once']);
  assert.equal(again.status, 0, again.stderr);
  const n = readFileSync(file, 'utf8').split('\n').filter((l) => l.includes(TAG)).length;
  assert.equal(n, 2);
});

test('a transport failure keeps the row queued with attempts, error and a later retry', () => {
  const conf = confWith('down', {
    outbox_transport: 'http', sms_url: 'http://127.0.0.1:1/sms', sms_token: 'secret-token',
  });
  const id = enqueueAndRun(conf, () => enqueue('sms', '09120000001', '', 'کد: 654321'));
  const x = row(id);
  assert.equal(x.state, 'queued');
  assert.equal(x.attempts, 1);
  assert.ok(x.future, 'next_attempt_at is in the future');
  assert.notEqual(x.lastError, '');
  assert.equal(x.body, 'کد: 654321', 'an unsent body is kept');
  assert.ok(!x.lastError.includes('654321'));

  // Not due yet: another run leaves it alone.
  gepsWith(conf, ['outbox', 'send']);
  assert.equal(row(id).attempts, 1);
  sql(`UPDATE outbox SET state = 'sent', body = '' WHERE id = ${id}`);
});

test('an email through the sms-only http transport is an error, not a delivery', () => {
  const conf = confWith('mismatch', { outbox_transport: 'http', sms_url: 'http://127.0.0.1:1/sms' });
  const id = enqueueAndRun(conf, () => enqueue('email', 'x@example.ir', 's', 'b'));
  const x = row(id);
  assert.equal(x.state, 'queued');
  assert.match(x.lastError, /email/);
  sql(`UPDATE outbox SET state = 'sent', body = '' WHERE id = ${id}`);
});

test('outbox send with an unreachable database exits 1', () => {
  const conf = confWith('nodb', { outbox_file: path.join(STACK, `${TAG}-x.log`) });
  const text = readFileSync(conf, 'utf8').replace(/^db_socket\s*=.*$/m, `db_socket = ${STACK}/nothing.sock`);
  writeFileSync(conf, text);
  const r = gepsWith(conf, ['outbox', 'send']);
  assert.equal(r.status, 1);
  assert.ok(!existsSync(path.join(STACK, `${TAG}-x.log`)));
});

// Appends one row the way lib/audit.c does (the encoding documented there), so
// that this test also checks the format: SHA-256(prev_hash || F(field)...), F being
// an 8-byte big-endian length and the bytes, or ff x 8 for NULL.
function auditAppend(action, newJson) {
  const fields = ['2025-01-02 03:04:05.060708', null, 'test', '127.0.0.1', action, 'user', '42', null, newJson];
  const tail = sql('SELECT HEX(row_hash) FROM audit_tail WHERE id = 1').trim();
  const prev = tail ? Buffer.from(tail, 'hex') : Buffer.alloc(32);
  const h = createHash('sha256').update(prev);
  for (const f of fields) {
    const len = Buffer.alloc(8);
    if (f === null) len.fill(0xff);
    else len.writeBigUInt64BE(BigInt(Buffer.byteLength(f)));
    h.update(len);
    if (f !== null) h.update(Buffer.from(f));
  }
  const hash = h.digest('hex');
  sql(`INSERT INTO audit_log (created_at, actor_user_id, actor_label, client_addr, action, entity_type,
    entity_id, old_json, new_json, prev_hash, row_hash) VALUES (${q(fields[0])}, NULL, 'test', '127.0.0.1',
    ${q(action)}, 'user', 42, NULL, ${q(newJson)}, UNHEX('${prev.toString('hex')}'), UNHEX('${hash}'))`);
  sql(`UPDATE audit_tail SET row_hash = UNHEX('${hash}') WHERE id = 1`);
  return sql(`SELECT id FROM audit_log WHERE row_hash = UNHEX('${hash}')`).trim();
}

test('audit verify passes, names an altered row, and passes again once it is restored', () => {
  const conf = path.join(STACK, 'geps.conf');
  const id = auditAppend(`test.${TAG}`, '{"role":"hq","name":"علی"}');
  const ok = gepsWith(conf, ['audit', 'verify']);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^audit log intact: [1-9]\d* rows\n$/);

  sql(`UPDATE audit_log SET new_json = '{"role":"licensee","name":"علی"}' WHERE id = ${id}`);
  try {
    const bad = gepsWith(conf, ['audit', 'verify']);
    assert.equal(bad.status, 1);
    assert.equal(bad.stdout, `audit log broken at row ${id}\n`);
  } finally {
    sql(`UPDATE audit_log SET new_json = '{"role":"hq","name":"علی"}' WHERE id = ${id}`);
  }
  const again = gepsWith(conf, ['audit', 'verify']);
  assert.equal(again.status, 0, again.stdout + again.stderr);
});

test('audit verify notices that the newest rows were deleted', () => {
  const conf = path.join(STACK, 'geps.conf');
  const tail = sql('SELECT HEX(row_hash) FROM audit_tail WHERE id = 1').trim();
  const id = auditAppend(`test.${TAG}.last`, '{"x":1}');
  const row = sql(`SELECT created_at, HEX(prev_hash), HEX(row_hash), action, new_json FROM audit_log WHERE id = ${id}`);
  assert.ok(row);
  sql(`DELETE FROM audit_log WHERE id = ${id}`);
  try {
    const r = gepsWith(conf, ['audit', 'verify']);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /broken at row/);
  } finally {
    sql(`UPDATE audit_tail SET row_hash = UNHEX('${tail}') WHERE id = 1`);
  }
  assert.equal(gepsWith(conf, ['audit', 'verify']).status, 0);
});
