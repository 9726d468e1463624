// A load of licensees' submissions for the fault tests (tests/integration/faults.test.mjs,
// small, and tests/bench/faults.sh, at length): clients that each take a fresh office,
// save every section of the open round with values, upload the required documents
// (real PDF and JPEG headers, random bytes, a different SHA-256 each) and submit, as a
// browser would, through nginx.  A request that fails (a killed worker's 502, a 503
// while the database is away) is counted and retried from the page that carries the
// form, as a person would reload and send again; what the client saw succeed is kept
// so that verify() can hold the database and the evidence store to it.
//
// Everything takes an `env` (stackEnv(dir)): several stacks can be driven at once.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The stack started by tests/stack.sh in dir (its stack.env).
export function stackEnv(dir) {
  const vars = Object.fromEntries(readFileSync(path.join(dir, 'stack.env'), 'utf8').trim().split('\n')
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { dir, url: vars.GEPS_URL, sock: vars.GEPS_DB_SOCKET, conf: vars.GEPS_CONF, bin: vars.GEPS_BIN };
}

export function sql(env, query) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${env.sock}`,
    `-u${process.env.USER || 'root'}`, '-N', '-B', 'geps', '-e', query], { encoding: 'utf8' });
}
export const rows = (env, q) => sql(env, q).split('\n').filter(Boolean).map((l) => l.split('\t'));
export const one = (env, q) => (rows(env, q)[0] ?? [])[0];

export function geps(env, args) {
  return spawnSync(env.bin, args, { encoding: 'utf8', env: { ...process.env, GEPS_CONF: env.conf } });
}

export function gepsPid(env) {
  return Number(readFileSync(path.join(env.dir, 'geps.pid'), 'utf8'));
}
export const gepsLog = (env) => readFileSync(path.join(env.dir, 'geps.log'), 'utf8');
// The master's workers: its children that hold its listening socket (not the
// outbox sender, a short-lived child of the master's timer that closes it).
const sockets = (pid) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).map((fd) => { try { return readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { return ''; } })
      .filter((l) => l.startsWith('socket:'));
  } catch { return []; }
};
export function workerPids(env) {
  const m = gepsPid(env);
  const f = `/proc/${m}/task/${m}/children`;
  if (!existsSync(f)) return [];
  const listen = new Set(sockets(m));
  return readFileSync(f, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
    .filter((p) => sockets(p).some((x) => listen.has(x)));
}

// A valid national ID from 9 digits (the checksum of DOMAIN.md).
function nidFrom(nine) {
  const d = String(nine).padStart(9, '0').split('').map(Number);
  const s = d.reduce((a, x, i) => a + x * (10 - i), 0) % 11;
  return d.join('') + String(s < 2 ? s : 11 - s);
}

// Sessions made directly in the database (as lib/client.mjs's dbSession), two hours
// long, for users uids: [{ cookie, csrf }] in the same order.
function sessions(env, uids) {
  const out = uids.map(() => ({ token: randomBytes(32).toString('base64url'), secret: randomBytes(32) }));
  sql(env, `INSERT INTO sessions (token_hash, user_id, csrf_secret, mfa_at, created_at, last_seen_at, expires_at) VALUES ` +
    out.map((x, i) => `(UNHEX(SHA2('${x.token}', 256)), ${Number(uids[i])}, UNHEX('${x.secret.toString('hex')}'), UTC_TIMESTAMP(6),
       UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 2 HOUR)`).join(','));
  return out.map((x) => ({ cookie: `__Host-geps=${x.token}`, csrf: createHmac('sha256', x.secret).update('csrf').digest('hex') }));
}

// The open round's rubric as a licensee fills it: the criteria to type per section
// and the documents required (min_files > 0, unconditional) per section.
export function openRubric(env) {
  const [id, code] = rows(env, `SELECT id, code FROM rounds WHERE state = 'open'`)[0];
  const sections = rows(env, `SELECT code, id FROM rubric_sections WHERE round_id = ${id} ORDER BY position, id`)
    .map(([scode, sid]) => ({
      code: scode,
      crits: rows(env, `SELECT code, kind, COALESCE(min_value, 0), COALESCE(max_value, 100), decimals, id
          FROM criteria WHERE section_id = ${sid} AND filled_by = 'licensee' ORDER BY position, id`)
        .map(([c, kind, min, max, dec, cid]) => ({
          code: c, kind, id: Number(cid),
          value: kind === 'number' ? String(Math.floor((Number(min) + Number(max)) / 2 / 10 ** Number(dec)))
            : one(env, `SELECT code FROM criterion_options WHERE criterion_id = ${cid} ORDER BY position, id LIMIT 1`),
        })),
      reqs: rows(env, `SELECT code, min_files FROM evidence_requirements WHERE section_id = ${sid}
          AND min_files > 0 AND only_if_option_id IS NULL ORDER BY position, id`)
        .map(([rc, min]) => ({ code: rc, min: Number(min) })),
    }));
  return { id: Number(id), code, sections };
}

let serial = (Date.now() % 100000) * 100;
const created = new Map();	// stack dir -> ids of the offices made here (retireOffices)
// n licensees, each with one office of complete base data (a copy of the place of the
// first office of the last region that has one, so that region 1's demo reviewer, whose
// queue other tests read, never sees them) and an insured staff member, and a
// session.  Codes "4" + 9 digits.
export function makeOffices(env, n) {
  const out = [];
  const users = [];
  if (n <= 0) return out;
  for (let i = 0; i < n; i++) {
    const k = serial++;
    users.push({ k, nid: nidFrom(450000000 + (k % 50000000)), code: `4${String(k).padStart(9, '0')}` });
  }
  sql(env, `INSERT INTO users (national_id, role, first_name, last_name, mobile, password_kind) VALUES ` +
    users.map((u) => `('${u.nid}', 'licensee', 'آزمون', 'خرابی', '0914${String(u.k % 10000000).padStart(7, '0')}', 'none')`).join(','));
  const ids = Object.fromEntries(rows(env, `SELECT national_id, id FROM users WHERE national_id IN (${users.map((u) => `'${u.nid}'`).join(',')})`));
  sql(env, users.map((u) => `INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address,
        postal_code, phone, opening_hours, area_m2, accessibility_json, licensee_user_id)
      SELECT '${u.code}', o.kind, 'دفتر آزمون خرابی', 'F-${u.code}', o.province_id, o.region_id, o.city_id, o.address, '1234567890',
        '02100000000', o.opening_hours, 48, '{"ramp": true}', ${ids[u.nid]} FROM offices o
      JOIN provinces p ON p.id = o.province_id ORDER BY p.region_id DESC, o.id LIMIT 1;`).join('\n'));
  const offices = Object.fromEntries(rows(env, `SELECT code, id FROM offices WHERE code IN (${users.map((u) => `'${u.code}'`).join(',')})`));
  sql(env, `INSERT INTO office_staff (office_id, national_id, first_name, last_name, job_title, insured) VALUES ` +
    users.map((u) => `(${offices[u.code]}, '${nidFrom(460000000 + (u.k % 50000000))}', 'کارمند', 'آزمون', 'مدیر دفتر', 1)`).join(','));
  if (!created.has(env.dir)) created.set(env.dir, []);
  for (const u of users) created.get(env.dir).push(Number(offices[u.code]));
  const ss = sessions(env, users.map((u) => ids[u.nid]));
  users.forEach((u, i) => out.push({ uid: Number(ids[u.nid]), office: Number(offices[u.code]), code: u.code, s: ss[i] }));
  return out;
}

// Takes the offices made here out of later rounds (status closed): a shared test
// database keeps them, harmless, with their submissions in the open round.
export function retireOffices(env) {
  const ids = created.get(env.dir) ?? [];
  if (ids.length) sql(env, `UPDATE offices SET status = 'closed' WHERE id IN (${ids.join(',')})`);
  created.delete(env.dir);
}

// Evidence bytes: a PDF or a JPEG header, then random bytes (a new SHA-256 each time).
const JPEG_HEAD = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
export function evidenceBytes(size, jpeg = false) {
  const head = jpeg ? JPEG_HEAD : Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
  const tail = jpeg ? Buffer.from('ffd9', 'hex') : Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(Math.max(16, size - head.length - tail.length)), tail]);
}
export const sha256 = (b) => createHash('sha256').update(b).digest('hex');

const version = (html) => (html.match(/name="version" value="(\d+)"/) ?? [])[1];
export const PERSIAN_503 = /سامانه موقتاً در دسترس نیست/;

// One HTTP request through nginx, timed; never throws (a socket error is status 0).
export async function request(env, p, { method = 'GET', body, headers = {}, timeout = 60000 } = {}) {
  const t0 = performance.now();
  try {
    const res = await fetch(env.url + p, {
      method, body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeout),
    });
    const text = await res.text();
    return { status: res.status, text, headers: res.headers, ms: performance.now() - t0 };
  } catch (e) {
    return { status: 0, text: String(e.cause?.code ?? e.name ?? e), headers: new Headers(), ms: performance.now() - t0 };
  }
}

// Statuses a client meets when the server side fails under it and that a retry
// may cure: a socket error, a killed worker (502), the database away (503), a
// timeout (504).  Anything else unexpected is a bug and stops the journey.
const TRANSIENT = new Set([0, 502, 503, 504]);

export class Load {
  // opts: clients (concurrent journeys), fileBytes, retryMs, giveUpMs, offices (how
  // many to prepare; more are made when they run out), transient (more statuses to
  // count and retry, e.g. 507 while the disk is full).
  constructor(env, opts = {}) {
    this.env = env;
    this.o = { clients: 4, fileBytes: 64 * 1024, retryMs: 150, giveUpMs: 60000, offices: 40, ...opts };
    this.rubric = openRubric(env);
    this.pool = makeOffices(env, this.o.offices);
    this.used = [];			// every office a client took (verify() checks all)
    this.submitted = [];		// { office, code, shas: Set } the client saw succeed
    this.requests = [];		// { step, status, ms, t, ok }
    this.failures = [];		// transient failures seen (each retried)
    this.errors = [];		// unexpected answers (bugs)
    this.uploads = [];		// every upload attempted: { office, sha, outcome }
    this.lostAnswers = 0;		// submits found done on the retry
    this.saved = new Map();		// office -> criterion codes the client saw saved
    this.transient = new Set([...TRANSIENT, ...(this.o.transient ?? [])]);
    this.running = false;
  }

  note(r, step, ok) {
    this.requests.push({ step, status: r.status, ms: r.ms, t: Date.now(), ok });
    if (!ok && this.transient.has(r.status)) this.failures.push({ step, status: r.status, t: Date.now(), text: r.text.slice(0, 200) });
    return r;
  }

  // Runs attempt() until it returns true; attempt returns true (done), false (a
  // transient failure: retry) or throws (a bug: the journey stops).
  async retry(step, attempt) {
    const end = Date.now() + this.o.giveUpMs;
    for (;;) {
      if (await attempt()) return;
      if (Date.now() > end) throw new Error(`${step}: still failing after ${this.o.giveUpMs} ms`);
      await sleep(this.o.retryMs);
    }
  }

  async step(o, p, opts, step, want) {
    const r = this.note(await request(this.env, p, { ...opts, headers: { cookie: o.s.cookie, ...(opts?.headers ?? {}) } }), step, false);
    const ok = want(r);
    if (ok) this.requests.at(-1).ok = true;
    else if (!this.transient.has(r.status)) throw new Error(`${step} ${p}: unexpected ${r.status} ${r.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`);
    return ok ? r : null;
  }

  async save(o, sec) {
    await this.retry(`save ${sec.code}`, async () => {
      const page = await this.step(o, `/decl/${o.office}/section/${sec.code}`, {}, 'section', (r) => r.status === 200 && version(r.text));
      if (!page) return false;
      const fields = new URLSearchParams({ csrf: o.s.csrf, version: version(page.text) });
      for (const c of sec.crits) fields.set(`c_${c.code}`, c.value);
      return !!await this.step(o, `/decl/${o.office}/section/${sec.code}`, {
        method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }, 'save', (r) => r.status === 303);
    });
    const set = this.saved.get(o.office) ?? new Set();
    for (const c of sec.crits) set.add(c.code);
    this.saved.set(o.office, set);
  }

  // Uploads one document; on a failure sends the same bytes again, or, with the
  // option freshBytesOnRetry, another file (a person who gives up on that scan: the
  // refused one may stay in the store as an orphan, which the checks attribute).
  async upload(o, sec, req, k) {
    let bytes, sha, rec;
    const pick = () => {
      bytes = evidenceBytes(this.o.fileBytes, k % 2 === 1);
      sha = sha256(bytes);
      rec = { office: o.office, sha, outcome: 'failed', failures: 0 };
      this.uploads.push(rec);
    };
    pick();
    await this.retry(`upload ${req.code}`, async () => {
      const fd = new FormData();
      fd.append('csrf', o.s.csrf);
      fd.append('section', sec.code);
      fd.append('requirement', req.code);
      fd.append('file', new Blob([bytes], { type: k % 2 ? 'image/jpeg' : 'application/pdf' }), k % 2 ? `عکس ${k}.jpg` : `سند ${k}.pdf`);
      const r = await this.step(o, `/decl/${o.office}/upload?js=1`, { method: 'POST', body: fd }, 'upload', (x) => {
        if (x.status === 200) {
          const j = JSON.parse(x.text);
          if (j.ok !== true || j.sha256 !== sha) throw new Error(`upload answered ${x.text}`);
          rec.outcome = 'stored';
          return true;
        }
        // A retry of an upload whose answer was lost (the worker died after the
        // commit): the server says it already has these bytes in this section.
        if (x.status === 409 && /پیش‌تر در همین بخش بارگذاری شده است/.test(x.text)) {
          rec.outcome = 'already';
          return true;
        }
        return false;
      });
      if (!r) {
        rec.failures++;
        if (this.o.freshBytesOnRetry) pick();
      }
      return !!r;
    });
    return sha;
  }

  async submit(o) {
    await this.retry('submit', async () => {
      const receipt = `href="/decl/${o.office}/receipt"`;
      const sum = await this.step(o, `/decl/${o.office}`, {}, 'summary',
        (r) => r.status === 200 && (version(r.text) || r.text.includes(receipt)));
      if (!sum) return false;
      // Submitted already: an earlier submit went through and its answer was lost
      // (its worker died after the commit); the page says so and links the receipt.
      if (!version(sum.text)) {
        this.lostAnswers++;
        return true;
      }
      const body = new URLSearchParams({ csrf: o.s.csrf, version: version(sum.text) }).toString();
      return !!await this.step(o, `/decl/${o.office}/submit`, {
        method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }, 'submit', (r) => r.status === 303 && (r.headers.get('location') ?? '').startsWith(`/decl/${o.office}/receipt`));
    });
  }

  async journey(o) {
    const shas = new Set();
    for (const sec of this.rubric.sections) {
      if (sec.crits.length) await this.save(o, sec);
      for (const req of sec.reqs) for (let k = 0; k < req.min; k++) shas.add(await this.upload(o, sec, req, shas.size));
    }
    await this.submit(o);
    this.submitted.push({ office: o.office, code: o.code, shas, at: Date.now() });
  }

  nextOffice() {
    if (this.pool.length === 0) this.pool = makeOffices(this.env, this.o.offices);
    const o = this.pool.shift();
    this.used.push(o);
    return o;
  }

  // Starts the clients; they run until stop().
  start() {
    this.running = true;
    this.t0 = Date.now();
    this.clients = Array.from({ length: this.o.clients }, async () => {
      while (this.running) {
        const o = this.nextOffice();
        try {
          await this.journey(o);
        } catch (e) {
          this.errors.push(`office ${o.office}: ${e.message}`);
          await sleep(this.o.retryMs);
        }
      }
    });
  }

  // Lets every journey in progress finish (with retries), then returns the figures.
  async stop() {
    this.running = false;
    await Promise.all(this.clients);
    this.t1 = Date.now();
    return this.figures();
  }

  figures(from = this.t0, to = this.t1 ?? Date.now()) {
    const reqs = this.requests.filter((r) => r.t >= from && r.t <= to);
    const ms = reqs.filter((r) => r.ok).map((r) => r.ms).sort((a, b) => a - b);
    const pct = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] : 0);
    return {
      seconds: (to - from) / 1000,
      submissions: this.submitted.filter((s) => s.at >= from && s.at <= to).length,
      requests: reqs.length,
      failed: reqs.filter((r) => !r.ok).length,
      byStatus: reqs.filter((r) => !r.ok).reduce((a, r) => ({ ...a, [r.status]: (a[r.status] ?? 0) + 1 }), {}),
      p50: pct(50), p90: pct(90), p99: pct(99), max: ms.at(-1) ?? 0,
      errors: this.errors.length,
    };
  }
}

// Holds the database and the store to what the client saw, for every office the
// load used.  Returns a list of problems (empty: all is well) and a few counts.
export function verify(env, load) {
  const problems = [];
  const ids = load.used.map((o) => o.office);
  if (!ids.length) return { problems: ['the load used no office'] };
  const round = load.rubric.id;
  const decls = Object.fromEntries(rows(env, `SELECT office_id, id, state, submit_count, COALESCE(tracking_no, ''),
      submitted_at IS NOT NULL FROM declarations WHERE round_id = ${round} AND office_id IN (${ids.join(',')})`)
    .map(([office, id, state, count, tracking, at]) => [office, { id, state, count: Number(count), tracking, at: at === '1' }]));
  const files = {};
  for (const [office, sha, name, size] of rows(env, `SELECT d.office_id, LOWER(HEX(e.sha256)), e.storage_name, e.size_bytes
      FROM declaration_evidence de JOIN declarations d ON d.id = de.declaration_id JOIN evidence e ON e.id = de.evidence_id
      WHERE d.round_id = ${round} AND d.office_id IN (${ids.join(',')})`)) (files[office] ??= []).push({ sha, name, size: Number(size) });
  const audits = Object.fromEntries(rows(env, `SELECT entity_id, COUNT(*) FROM audit_log WHERE action = 'declaration.submit'
      AND entity_id IN (SELECT id FROM declarations WHERE round_id = ${round} AND office_id IN (${ids.join(',')}))
      GROUP BY entity_id`));
  const values = {};
  for (const [office, code] of rows(env, `SELECT d.office_id, c.code FROM declaration_values v
      JOIN declarations d ON d.id = v.declaration_id JOIN criteria c ON c.id = v.criterion_id
      WHERE d.round_id = ${round} AND d.office_id IN (${ids.join(',')}) AND c.filled_by = 'licensee'
        AND (v.declared_num IS NOT NULL OR v.declared_option_id IS NOT NULL)`)) (values[office] ??= new Set()).add(code);
  const wantValues = load.rubric.sections.flatMap((s) => s.crits.map((c) => c.code));
  const wantFiles = load.rubric.sections.reduce((a, s) => a + s.reqs.reduce((b, q) => b + q.min, 0), 0);
  let checkedFiles = 0;
  let ambiguous = 0;
  const failedHere = new Set(load.uploads.filter((u) => u.failures > 0 && u.outcome === 'failed').map((u) => `${u.office}/${u.sha}`));

  // Every file row of these offices: its object on disk, whole (SHA-256 of the bytes).
  for (const [office, list] of Object.entries(files)) {
    const shas = list.map((f) => f.sha);
    if (new Set(shas).size !== shas.length) problems.push(`office ${office}: the same file linked twice`);
    for (const f of list) {
      const p = path.join(env.dir, 'evidence', f.name);
      if (!existsSync(p)) { problems.push(`office ${office}: ${f.name} missing on disk`); continue; }
      const b = readFileSync(p);
      if (b.length !== f.size || sha256(b) !== f.sha) problems.push(`office ${office}: ${f.name} differs from its row`);
      checkedFiles++;
    }
  }
  // What the client saw succeed is there, once, with exactly its files.
  for (const s of load.submitted) {
    const d = decls[s.office];
    if (!d) { problems.push(`office ${s.office}: submitted but no declaration`); continue; }
    if (d.state !== 'submitted') problems.push(`office ${s.office}: state ${d.state}, the client saw it submitted`);
    if (d.count !== 1) problems.push(`office ${s.office}: submit_count ${d.count}`);
    if (Number(audits[d.id] ?? 0) !== 1) problems.push(`office ${s.office}: ${audits[d.id] ?? 0} submission audit rows`);
    const got = (files[s.office] ?? []).map((f) => f.sha);
    for (const w of s.shas) if (!got.includes(w)) problems.push(`office ${s.office}: uploaded ${w} is not linked`);
    // More than the client saw stored: only an upload it was told failed (502, 503)
    // whose transaction committed as the answer was lost, and which it replaced
    // with another file (freshBytesOnRetry).  The same bytes again would have been
    // answered "already uploaded".
    for (const g of got) {
      if (s.shas.has(g)) continue;
      if (failedHere.has(`${s.office}/${g}`)) ambiguous++;
      else problems.push(`office ${s.office}: file ${g} linked, never uploaded by the client`);
    }
  }
  // A draft keeps every value the client saw saved.
  for (const [office, codes] of load.saved) {
    for (const c of codes) if (!values[office]?.has(c)) problems.push(`office ${office}: saved ${c} is gone`);
  }
  // No half-written declaration: a submitted one is complete, anything else a draft.
  for (const [office, d] of Object.entries(decls)) {
    if (d.state === 'submitted') {
      if (!d.tracking || !d.at) problems.push(`office ${office}: submitted without tracking number or time`);
      if ((files[office] ?? []).length < wantFiles) problems.push(`office ${office}: submitted with ${(files[office] ?? []).length} of ${wantFiles} files`);
      for (const c of wantValues) if (!values[office]?.has(c)) problems.push(`office ${office}: submitted without ${c}`);
      if (d.count !== 1) problems.push(`office ${office}: submit_count ${d.count}`);
    } else if (d.state !== 'draft') problems.push(`office ${office}: state ${d.state}`);
  }
  return {
    problems,
    offices: ids.length,
    declarations: Object.keys(decls).length,
    submitted: Object.values(decls).filter((d) => d.state === 'submitted').length,
    seen: load.submitted.length,
    files: checkedFiles,
    ambiguous,
  };
}

// `geps evidence check` (never --clean): the counts and what it listed.
export function evidenceCheck(env) {
  const r = geps(env, ['evidence', 'check', '--grace', '0']);
  const m = r.stdout.match(/(\d+) rows, (\d+) missing, (\d+) corrupt, (\d+) orphans, (\d+) unreferenced, (\d+) old temp files, (\d+) strays/);
  if (!m) throw new Error(`geps evidence check: ${r.stdout} ${r.stderr}`);
  const [rowsN, missing, corrupt, orphans, unref, temps, strays] = m.slice(1).map(Number);
  const lines = r.stdout.split('\n');
  const orphanShas = lines.filter((l) => l.startsWith('orphan ')).map((l) => l.split(' ')[1].split('/')[2]);
  return { rows: rowsN, missing, corrupt, orphans, unref, temps, strays, orphanShas, out: r.stdout };
}

// Objects and temp files now in the store (names), to tell what a fault added.
export function storeFiles(env) {
  const root = path.join(env.dir, 'evidence');
  const objs = existsSync(path.join(root, 'objects'))
    ? readdirSync(path.join(root, 'objects')).flatMap((d) => readdirSync(path.join(root, 'objects', d))) : [];
  const tmps = existsSync(path.join(root, 'tmp')) ? readdirSync(path.join(root, 'tmp')) : [];
  return { objs, tmps };
}
