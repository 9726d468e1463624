// Signed-in pages for the validator and axe: a session of a demo account is made
// directly in the stack's database (its token's SHA-256 is what geps stores, the
// second factor marked as passed), so these checks need no password or TOTP.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

function sql(q) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.GEPS_STACK}/mysql.sock`,
    `-u${process.env.USER || 'root'}`, '-N', '-B', 'geps', '-e', q], { encoding: 'utf8' }).trim();
}

function demoNid(role) {
  const rows = readFileSync(process.env.GEPS_DEMO_ACCOUNTS, 'utf8').trim().split('\n').slice(1);
  const row = rows.map((r) => r.split('\t')).find((r) => r[0] === role);
  if (!row) throw new Error(`no demo ${role} account`);
  return row[1];
}

const cache = new Map();
// The cookie value of a fresh session of the demo account with this role.
export function sessionToken(role) {
  if (cache.has(role)) return cache.get(role);
  const token = randomBytes(32).toString('base64url');
  sql(`INSERT INTO sessions (token_hash, user_id, csrf_secret, mfa_at, created_at, last_seen_at, expires_at)
       SELECT UNHEX(SHA2('${token}', 256)), id, RANDOM_BYTES(32), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6),
              UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 12 HOUR
       FROM users WHERE national_id = '${demoNid(role)}'`);
  cache.set(role, token);
  return token;
}

export function demoIds() {
  return {
    licenseeOffice: Number(sql(`SELECT MIN(o.id) FROM offices o JOIN users u ON u.id = o.licensee_user_id
      WHERE u.national_id = '${demoNid('licensee')}'`)),
    openRound: Number(sql(`SELECT id FROM rounds WHERE state = 'open'`)),
    finalRound: Number(sql(`SELECT id FROM rounds WHERE state = 'final' ORDER BY decl_start_date DESC LIMIT 1`)),
    objection: Number(sql(`SELECT MIN(id) FROM objections`)),
  };
}

export function resolvePath(pg) {
  return typeof pg.path === 'function' ? pg.path(demoIds()) : pg.path;
}
