// Upload throughput through nginx (tests/bench/upload.sh runs it against a fresh
// stack): N evidence uploads of SIZE bytes (a real PDF, different bytes each time)
// with C at a time, each checked (200 and ok in the JSON), then the same bodies to
// nginx's /_sink, which reads and discards them.  Prints MB/s and files/s.
import { createHmac, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';

const [n = 200, conc = 4, size = 1 << 20] = process.argv.slice(2).map(Number);
const url = process.env.GEPS_URL;
const sql = (q) => execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.GEPS_STACK}/mysql.sock`,
  `-u${process.env.USER || 'root'}`, '-N', '-B', 'geps', '-e', q], { encoding: 'utf8' }).trim();

// One licensee with enough offices: a requirement takes 3 files (lease), 5 per office.
const nid = `9${String(Date.now()).slice(-9)}`;
sql(`INSERT INTO users (national_id, role, first_name, last_name, mobile, password_kind)
     VALUES ('${nid}', 'licensee', 'بار', 'آزمون', '09120000000', 'none')`);
const uid = sql(`SELECT id FROM users WHERE national_id = '${nid}'`);
const offices = [];
for (let i = 0; i < Math.ceil(n / 3); i++) {
  const code = `5${String(i).padStart(4, '0')}${nid.slice(-4)}`;
  sql(`INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address, licensee_user_id)
       SELECT '${code}', kind, 'دفتر بار', 'B-${code}', province_id, region_id, city_id, address, ${uid} FROM offices LIMIT 1`);
  offices.push(sql(`SELECT id FROM offices WHERE code = '${code}'`));
}
const token = randomBytes(32).toString('base64url');
const secret = randomBytes(32);
sql(`INSERT INTO sessions (token_hash, user_id, csrf_secret, mfa_at, created_at, last_seen_at, expires_at)
     VALUES (UNHEX(SHA2('${token}', 256)), ${uid}, UNHEX('${secret.toString('hex')}'), UTC_TIMESTAMP(6),
     UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)`);
const csrf = createHmac('sha256', secret).update('csrf').digest('hex');
const cookie = `__Host-geps=${token}`;

const head = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%');
const bodies = Array.from({ length: n }, () => Buffer.concat([head, randomBytes(size - head.length - 6), Buffer.from('\n%%EOF')]));
const form = (i) => {
  const fd = new FormData();
  fd.append('csrf', csrf);
  fd.append('section', 'space');
  fd.append('requirement', 'lease');
  fd.append('file', new Blob([bodies[i]]), `scan-${i}.pdf`);
  return fd;
};

async function run(label, target) {
  let next = 0, failed = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: conc }, async () => {
    for (let i = next++; i < n; i = next++) {
      const res = await fetch(url + target(i), { method: 'POST', body: form(i), headers: { cookie } });
      const ok = target === sink ? res.status === 204 : res.status === 200 && (await res.json()).ok === true;
      if (!ok && failed++ === 0) console.error(`first failure: ${res.status} ${res.bodyUsed ? "" : await res.text()}`);
      else if (target === sink) await res.arrayBuffer();
    }
  }));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const mb = (n * size) / (1 << 20);
  console.log(`${label.padEnd(8)} ${String(n).padStart(5)} files of ${(size / 1024).toFixed(0)} KiB, ${conc} at a time: ` +
    `${(mb / s).toFixed(1)} MB/s, ${(n / s).toFixed(1)} files/s, ${failed} failed`);
  return mb / s;
}
const up = (i) => `/decl/${offices[Math.floor(i / 3)]}/upload?js=1`;
const sink = () => '/_sink';
const g = await run('geps', up);
const x = await run('nginx', sink);
console.log(`geps / nginx sink: ${((100 * g) / x).toFixed(1)} %`);
