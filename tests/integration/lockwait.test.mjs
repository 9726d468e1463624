// A row lock held elsewhere.  A save that finds its file locked by another
// transaction waits at most db_lock_wait_timeout (10 s by default, below the
// connection's 15 s read timeout), then answers the Persian "changed at the same
// time, send again" 409 on a connection that stays good, with nothing written; once
// the lock is gone the same save goes through.
// Without the setting the save waited InnoDB's 50 s default, and the client's read
// timeout cut the connection first while the server went on waiting with its locks.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { http, sql, STACK } from './lib/stack.mjs';
import { nidFrom, dbSession } from './lib/client.mjs';

const one = (q) => sql(q).split('\n')[0].split('\t')[0];
const rows = (q) => sql(q).split('\n').filter(Boolean).map((l) => l.split('\t'));
let user;

after(() => {
  if (user) sql(`DELETE FROM declarations WHERE office_id IN (SELECT id FROM offices WHERE licensee_user_id = ${user});
                 DELETE FROM office_staff WHERE office_id IN (SELECT id FROM offices WHERE licensee_user_id = ${user});
                 DELETE FROM offices WHERE licensee_user_id = ${user}`);
});

// Holds FOR UPDATE on a row for seconds, in its own connection; resolves when it ends.
function holdLock(table, id, seconds) {
  const p = spawn('mariadb', ['--no-defaults', `--socket=${STACK}/mysql.sock`, `-u${process.env.USER || 'root'}`,
    'geps', '-e', `BEGIN; SELECT id FROM ${table} WHERE id = ${id} FOR UPDATE; DO SLEEP(${seconds}); COMMIT;`]);
  return new Promise((resolve) => p.on('exit', resolve));
}

test('a save that finds its file locked answers 409 after db_lock_wait_timeout, then goes through', async () => {
  const serial = Number(String(Date.now()).slice(-6));
  const nid = nidFrom(880000000 + serial);
  sql(`INSERT INTO users (national_id, role, first_name, last_name, mobile, password_kind)
       VALUES ('${nid}', 'licensee', 'آزمون', 'قفل', '0917${String(serial).padStart(7, '0')}', 'none')`);
  user = Number(one(`SELECT id FROM users WHERE national_id = '${nid}'`));
  const code = `2${String(serial).padStart(8, '0')}`;
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address,
         postal_code, phone, opening_hours, area_m2, accessibility_json, licensee_user_id)
       SELECT '${code}', kind, 'دفتر آزمون قفل', 'LK-${code}', province_id, region_id, city_id, address,
         '1234567890', '02100000000', opening_hours, 48, '{"ramp": true}', ${user}
       FROM offices ORDER BY id LIMIT 1`);
  const office = Number(one(`SELECT id FROM offices WHERE code = '${code}'`));
  const round = Number(one(`SELECT id FROM rounds WHERE state = 'open'`));
  sql(`INSERT INTO declarations (round_id, office_id, province_id, region_id)
       SELECT ${round}, id, province_id, region_id FROM offices WHERE id = ${office}`);
  const decl = Number(one(`SELECT id FROM declarations WHERE office_id = ${office} AND round_id = ${round}`));
  const [section, crit, min] = rows(`SELECT s.code, c.code, COALESCE(c.min_value, 0) FROM criteria c
      JOIN rubric_sections s ON s.id = c.section_id WHERE c.round_id = ${round}
      AND c.filled_by = 'licensee' AND c.kind = 'number' ORDER BY s.position, c.position LIMIT 1`)[0];
  const s = dbSession(user);
  const headers = { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' };
  const form = async () => {
    const page = await http(`/decl/${office}/section/${section}`, { headers: { cookie: s.cookie } });
    assert.equal(page.status, 200);
    const version = page.text.match(/name="version" value="(\d+)"/)[1];
    return new URLSearchParams({ csrf: s.csrf, version, [`c_${crit}`]: String(min) }).toString();
  };
  const body = await form();

  const held = holdLock('declarations', decl, 14);
  // Let the other transaction take the lock first.
  for (let i = 0; i < 50 && one(`SELECT COUNT(*) FROM information_schema.innodb_trx`) === '0'; i++)
    await new Promise((r) => setTimeout(r, 100));
  const t0 = Date.now();
  const r = await http(`/decl/${office}/section/${section}`, { method: 'POST', headers, body });
  const ms = Date.now() - t0;
  assert.equal(r.status, 409, `answered ${r.status} after ${ms} ms`);
  assert.ok(ms >= 9000 && ms < 13000, `after db_lock_wait_timeout (10 s), not the read timeout (15 s): ${ms} ms`);
  assert.match(r.text, /<html lang="fa" dir="rtl">/);
  assert.match(r.text, /پرونده هم‌زمان در حال تغییر است. لطفاً دوباره بفرستید./);
  assert.equal(one(`SELECT COUNT(*) FROM declaration_values WHERE declaration_id = ${decl}`), '0', 'nothing half-written');
  await held;

  // The lock is gone: the same save goes through.
  const again = await http(`/decl/${office}/section/${section}`, { method: 'POST', headers, body: await form() });
  assert.equal(again.status, 303, again.text.slice(0, 200));
  assert.ok(Number(one(`SELECT COUNT(*) FROM declaration_values WHERE declaration_id = ${decl}`)) > 0);
});
