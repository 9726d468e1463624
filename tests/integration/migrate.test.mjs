// geps migrate against the stack's real database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { geps, sql, SRCDIR } from './lib/stack.mjs';

const migrations = readdirSync(path.join(SRCDIR, 'sql')).filter((f) => /^\d{4}_.+\.sql$/.test(f));

test('every migration is recorded with its checksum', () => {
  const rows = sql('SELECT version, name, LENGTH(checksum) FROM schema_migrations ORDER BY version')
    .trim().split('\n').map((l) => l.split('\t'));
  assert.equal(rows.length, migrations.length);
  for (const [i, f] of migrations.sort().entries()) {
    assert.equal(rows[i][1], f);
    assert.equal(rows[i][2], '64');
  }
});

test('running migrate again applies nothing and changes nothing', () => {
  const before = sql('CHECKSUM TABLE regions, provinces, cities, rounds');
  const r = geps(['migrate']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /migrations: 0 applied/);
  assert.equal(sql('CHECKSUM TABLE regions, provinces, cities, rounds'), before);
});

test('the full data model exists, with utf8mb4 and ASCII national IDs', () => {
  const tables = sql("SELECT table_name FROM information_schema.tables WHERE table_schema='geps'");
  for (const t of ['regions', 'provinces', 'cities', 'offices', 'users', 'sessions', 'password_resets',
    'outbox', 'rounds', 'violation_types', 'declarations', 'declaration_values', 'evidence',
    'violations', 'objections', 'services', 'city_services', 'office_services', 'audit_log']) {
    assert.match(tables, new RegExp(`^${t}$`, 'm'), `table ${t}`);
  }
  const cs = sql("SELECT character_set_name FROM information_schema.columns WHERE table_schema='geps' AND table_name='users' AND column_name='national_id'");
  assert.equal(cs.trim(), 'ascii');
  const engines = sql("SELECT DISTINCT engine FROM information_schema.tables WHERE table_schema='geps'");
  assert.equal(engines.trim(), 'InnoDB');
});

test('reference data: 9 regions, 31 provinces each in a region', () => {
  assert.equal(sql('SELECT COUNT(*) FROM regions').trim(), '9');
  assert.equal(sql('SELECT COUNT(*) FROM provinces').trim(), '31');
  assert.equal(sql('SELECT COUNT(*) FROM provinces WHERE region_id IS NULL').trim(), '0');
  assert.ok(Number(sql('SELECT COUNT(*) FROM cities').trim()) > 40);
});

test('a database newer than this geps is refused before anything changes', () => {
  sql("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, '9999_future.sql', REPEAT('0', 64), UTC_TIMESTAMP(6))");
  try {
    const r = geps(['migrate']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /newer than this geps/);
  } finally {
    sql('DELETE FROM schema_migrations WHERE version = 9999');
  }
});

test('an applied migration edited afterwards is refused', () => {
  sql("UPDATE schema_migrations SET checksum = REPEAT('f', 64) WHERE version = 1");
  const saved = migrations.sort()[0];
  try {
    const r = geps(['migrate']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, new RegExp(`${saved} was changed`));
  } finally {
    // Put the true checksum back by asking sha256 of the file.
    const sum = createHash('sha256').update(readFileSync(path.join(SRCDIR, 'sql', saved))).digest('hex');
    sql(`UPDATE schema_migrations SET checksum = '${sum}' WHERE version = 1`);
  }
  assert.equal(geps(['migrate']).status, 0);
});

