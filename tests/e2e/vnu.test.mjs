// The W3C Nu HTML checker (vnu-jar from npm, run on the machine's Java) over every
// page of pages.mjs: each page is fetched with its real status, saved to a temp dir,
// and the validator runs once over all the files. Zero errors allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pages } from './pages.mjs';
import { url } from './lib/browser.mjs';
import { sessionToken, resolvePath } from './lib/session.mjs';

// The jar inside the npm package (its own vnu-jar.js uses the same path). Run with
// the machine's java directly: the package's wrapper may try to download a JDK.
const require = createRequire(import.meta.url);
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

function runVnu(files) {
  return new Promise((resolve, reject) => {
    execFile('java', ['-Xss1m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files],
      { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        // vnu exits 1 when it found errors; the report is JSON on stderr.
        if (err && typeof err.code !== 'number') { reject(err); return; }
        try {
          resolve(JSON.parse(stderr || '{"messages":[]}').messages);
        } catch (e) {
          reject(new Error(`vnu did not print JSON (exit ${err?.code ?? 0}):\n${stderr}\n${stdout}`));
        }
      });
  });
}

test('Nu validator: every page is valid HTML', async () => {
  assert.ok(existsSync(VNU_JAR), `vnu.jar not found at ${VNU_JAR}; run npm ci`);
  const dir = mkdtempSync(path.join(tmpdir(), 'geps-vnu-'));
  try {
    const files = [];
    const byFile = new Map();
    for (const [i, pg] of pages.entries()) {
      const p = resolvePath(pg);
      const headers = pg.as ? { cookie: `__Host-geps=${sessionToken(pg.as)}` } : {};
      const res = await fetch(url(p), { redirect: 'manual', headers });
      assert.equal(res.status, pg.status, `${p} answered ${res.status}, expected ${pg.status}`);
      const file = path.join(dir, `${String(i).padStart(2, '0')}-${pg.name}.html`);
      writeFileSync(file, await res.text());
      files.push(file);
      byFile.set(`file:${file}`, p);
    }
    const messages = await runVnu(files);
    const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    const report = errors.map((m) => {
      const where = `${byFile.get(m.url) ?? m.url}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
      const extract = m.extract ? `\n      ${m.extract.replace(/\n/g, '↵')}` : '';
      return `  ${where}  ${m.message}${extract}`;
    }).join('\n');
    if (errors.length) console.log(`vnu errors:\n${report}`);
    assert.equal(errors.length, 0, `vnu found ${errors.length} error(s):\n${report}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
