// A worker's memory after sign-ins.  scrypt takes one block of 16 MiB (ln=14, the
// test stack's cost; 128 MiB at production's ln=17) for each sign-in; glibc would
// keep the freed block in the heap after the first one (its mmap threshold rises to
// the block's size), so that every worker that ever signed someone in stayed that
// much bigger.  geps fixes the threshold: the block is given back when freed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { workerPids } from './lib/stack.mjs';
import { Client, makeUser } from './lib/client.mjs';

const anonKiB = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/RssAnon:\s+(\d+) kB/)[1]);

test('sign-ins leave every worker as small as it was (the scrypt block is given back)', async () => {
  const u = makeUser();
  // Enough sign-ins, one after another, that every worker very likely does some.
  for (let i = 0; i < 12; i++) {
    const c = new Client();
    const r = await c.login(u.nid, u.password);
    assert.equal(r.status, 303, 'signed in');
  }
  const pids = workerPids();
  assert.ok(pids.length > 0);
  for (const pid of pids) {
    const kib = anonKiB(pid);
    assert.ok(kib < 12 * 1024, `worker ${pid}: ${kib} KiB of anonymous memory (a kept scrypt block is 16 384)`);
  }
});
