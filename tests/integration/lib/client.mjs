// A small browser-like HTTP client for the accounts tests: a cookie jar, forms
// posted with their CSRF token, and the test clock header.  Accounts with a known
// password are made directly in SQL with a hash computed by node's own scrypt, in
// the format geps stores ("$scrypt$ln=..,r=8,p=1$salt$hash"), which also checks
// that geps verifies a hash it did not make.
import { scryptSync, randomBytes, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { URL_BASE, sql } from './stack.mjs';

export class Client {
  constructor() { this.jar = new Map(); this.now = 0; }

  headers(extra = {}) {
    const h = { ...extra };
    if (this.jar.size) h.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.now) h['x-geps-test-now'] = String(this.now);
    return h;
  }

  absorb(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i), v = pair.slice(i + 1);
      if (v === '' || /max-age=0/i.test(c)) this.jar.delete(k); else this.jar.set(k, v);
    }
  }

  async get(path) {
    const res = await fetch(URL_BASE + path, { redirect: 'manual', headers: this.headers() });
    this.absorb(res);
    return { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get('location') };
  }

  async post(path, fields, { csrf = true, from } = {}) {
    const body = new URLSearchParams(fields);
    if (csrf) {
      const token = from ? await this.freshCsrf(from) : this.csrf ?? await this.freshCsrf(path);
      body.set('csrf', token);
    }
    const res = await fetch(URL_BASE + path, {
      method: 'POST', redirect: 'manual', body,
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
    });
    this.absorb(res);
    const text = await res.text();
    // A redirect may follow a new session token (and CSRF secret): forget the old one.
    this.csrf = res.status === 303 ? undefined : csrfOf(text) ?? this.csrf;
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  // Loads a page with a form and keeps its CSRF token.
  async freshCsrf(path) {
    const r = await this.get(path);
    const t = csrfOf(r.text);
    if (!t) throw new Error(`no csrf token on ${path} (${r.status})`);
    this.csrf = t;
    return t;
  }

  async login(nid, password) {
    this.csrf = undefined;
    await this.freshCsrf('/login');
    const r = await this.post('/login', { national_id: nid, password });
    this.csrf = undefined;
    return r;
  }
}

export function csrfOf(html) {
  const m = html.match(/name="csrf" value="([0-9a-f]{64})"/);
  return m ? m[1] : null;
}

// The visible error messages of a page (summary and fields).
export function errorsOf(html) {
  return [...html.matchAll(/<(?:li><a href="#[a-z_]+"|p id="[a-z_]+-error" class="field-error"><span class="visually-hidden">[^<]*<\/span)>([^<]+)</g)]
    .map((m) => m[1]);
}

export function scryptHash(password, ln = 14) {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 2 ** ln, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  const b64 = (b) => b.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${ln},r=8,p=1$${b64(salt)}$${b64(hash)}`;
}

// A valid national ID from 9 digits (the checksum of DOMAIN.md).
export function nidFrom(nine) {
  const d = String(nine).padStart(9, '0').split('').map(Number);
  const s = d.reduce((a, x, i) => a + x * (10 - i), 0) % 11;
  return d.join('') + String(s < 2 ? s : 11 - s);
}

let serial = Date.now() % 1000000;
// A fresh licensee (with no office) whose password is known; kind 'chosen' or 'initial'.
export function makeUser({ role = 'licensee', kind = 'chosen', password = 'a fine long passphrase', region = null, mobile = null, email = null } = {}) {
  let nid;
  // Each test user has a mobile of its own, so that its messages can be found.
  mobile ??= '0919' + String(serial % 10000000).padStart(7, '0');
  do { nid = nidFrom(700000000 + (serial++ % 99999999)); } while (/^(\d)\1{9}$/.test(nid));
  const h = scryptHash(password);
  sql(`INSERT INTO users (national_id, role, region_id, first_name, last_name, mobile, email,
        password_hash, password_kind, initial_secret_hash)
       VALUES ('${nid}', '${role}', ${region ?? 'NULL'}, 'آزمون', 'کاربر', '${mobile}',
        ${email ? `'${email}'` : 'NULL'}, '${h}', '${kind}', ${kind === 'initial' ? `'${h}'` : 'NULL'})`);
  const id = Number(sql(`SELECT id FROM users WHERE national_id='${nid}'`).trim());
  return { id, nid, password };
}

export function demoAccounts() {
  const [head, ...rows] = readFileSync(process.env.GEPS_DEMO_ACCOUNTS, 'utf8').trim().split('\n');
  const keys = head.split('\t');
  return Object.fromEntries(rows.map((r) => {
    const o = Object.fromEntries(r.split('\t').map((v, i) => [keys[i], v ?? '']));
    return [o.role, o];
  }));
}

export const toPersian = (s) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
export { createHmac };

// The text of the newest message of `template` to user `userId`: from its outbox
// row, or, when the master's timer already delivered it (and cleared the body, which
// may hold a code), from the file transport's log (var/outbox.log, GEPS_OUTBOX).
export function lastMessage(userId, template) {
  const row = sql(`SELECT recipient, body FROM outbox WHERE user_id = ${userId} AND template = '${template}' ORDER BY id DESC LIMIT 1`).replace(/\n$/, '');
  if (!row) return null;
  const [recipient, body] = row.split('\t');
  if (body) return body;
  const lines = readFileSync(process.env.GEPS_OUTBOX, 'utf8').split('\n').filter((l) => l.includes(` to=${recipient} `));
  const m = lines.length ? lines.at(-1).match(/ body="(.*)"$/) : null;
  return m ? m[1] : null;
}

// A session of userId made directly in the database, as if signed in at unix time
// at (the test clock may be days ahead), its second factor passed: the cookie and
// the CSRF token its forms carry (HMAC-SHA256(csrf secret, "csrf"), as the server).
export function dbSession(userId, at = Math.floor(Date.now() / 1000)) {
  const token = randomBytes(32).toString('base64url');
  const secret = randomBytes(32);
  sql(`SET time_zone = '+00:00';
       INSERT INTO sessions (token_hash, user_id, csrf_secret, mfa_at, created_at, last_seen_at, expires_at)
       VALUES (UNHEX(SHA2('${token}', 256)), ${Number(userId)}, UNHEX('${secret.toString('hex')}'),
       FROM_UNIXTIME(${at}), FROM_UNIXTIME(${at}), FROM_UNIXTIME(${at}), FROM_UNIXTIME(${at}) + INTERVAL 1 HOUR)`);
  return { cookie: `__Host-geps=${token}`, csrf: createHmac('sha256', secret).update('csrf').digest('hex') };
}
