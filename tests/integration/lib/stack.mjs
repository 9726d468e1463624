// Helpers for integration tests: the running stack started by tests/run.sh
// (tests/stack.sh writes its stack.env into the environment), real HTTP, and the
// stack's processes.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';

export const URL_BASE = process.env.GEPS_URL;
export const STACK = process.env.GEPS_STACK;
export const SRCDIR = process.env.GEPS_SRCDIR || process.cwd();
export const BIN = process.env.GEPS_BIN;

if (!URL_BASE || !STACK) {
  throw new Error('GEPS_URL and GEPS_STACK must be set (run through ./dev test)');
}

// A GET (or any method) against the stack; returns status, headers and text.
export async function http(p, opts = {}) {
  const res = await fetch(URL_BASE + p, { redirect: 'manual', ...opts });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

// Raw HTTP/1.1 through curl, for requests fetch() refuses to send (bad paths).
export function curl(args) {
  const dir = mkdtempSync(path.join(tmpdir(), 'geps-curl-'));
  const out = path.join(dir, 'body');
  try {
    const r = spawnSync('curl', ['-sS', '-o', out, '-w', '%{http_code}', ...args], { encoding: 'utf8' });
    return { status: Number(r.stdout), body: existsSync(out) ? readFileSync(out, 'utf8') : '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function stack(cmd) {
  execFileSync(path.join(SRCDIR, 'tests/stack.sh'), [cmd, STACK], { stdio: 'inherit' });
}

export function gepsPid() {
  return Number(readFileSync(path.join(STACK, 'geps.pid'), 'utf8'));
}

// The worker processes of the master (its children).
export function workerPids() {
  const master = gepsPid();
  const f = `/proc/${master}/task/${master}/children`;
  if (!existsSync(f)) return [];
  return readFileSync(f, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

export function gepsLog() {
  return readFileSync(path.join(STACK, 'geps.log'), 'utf8');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls fn until it returns a truthy value or the time runs out.
export async function until(fn, ms = 10000, step = 100) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) return v;
    await sleep(step);
  }
}

export function geps(args, input) {
  return spawnSync(BIN, args, {
    input, encoding: 'utf8', env: { ...process.env, GEPS_CONF: path.join(STACK, 'geps.conf') },
  });
}

export function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${STACK}/mysql.sock`,
    `-u${process.env.USER || 'root'}`, '-N', '-B', 'geps', '-e', query], { encoding: 'utf8' });
}

export const PERSIAN_DIGIT = /[۰-۹]/;

// A free loopback port below the ephemeral range (as tests/stack.sh picks them).
export async function freePort() {
  for (let i = 0; i < 200; i++) {
    const p = 20000 + Math.floor(Math.random() * 12000);
    const ok = await new Promise((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return p;
  }
  throw new Error('no free port');
}
