// The fault scenarios at length (tests/bench/faults.sh starts the stacks and runs
// this): prints each scenario's figures and problems, exits 1 if any had one.
//
//   node tests/bench/faults/run.mjs STACK_DIR [DISK_STACK_DIR DISK_MOUNTPOINT] [--only NAME,...]
import { stackEnv, retireOffices } from './load.mjs';
import * as S from './scenarios.mjs';

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1].split(',') : null;
const [dir, diskDir, mountpoint] = args;
const env = stackEnv(dir);
const secs = (name, dflt) => Number(process.env[`FAULTS_${name}`] ?? dflt);

const plan = [
  ['kill', 'kill -9 a random worker every second', () => S.killWorkers(env, { seconds: secs('KILL_SECONDS', 30), clients: 6, fileBytes: 256 * 1024 })],
  ['db', 'MariaDB stopped, then started again', () => S.dbOutage(env, { downSeconds: secs('DB_DOWN_SECONDS', 10), clients: 6, fileBytes: 256 * 1024, after: 5 })],
  ['hup', 'SIGHUP reloads one after the other', () => S.reloads(env, { count: secs('RELOADS', 10), clients: 6, fileBytes: 256 * 1024, gapMs: 1000 })],
  ['slow', 'slow, stalled and abandoned upload bodies', () => S.slowBodies(env, { slow: 24, seconds: 10, waitTimeout: true, clients: 4, fileBytes: 256 * 1024 })],
  ['disk', 'the evidence disk full, then grown', () => (diskDir
    ? S.diskFull(stackEnv(diskDir), { mountpoint, fullSeconds: secs('DISK_FULL_SECONDS', 10), clients: 6, fileBytes: 300 * 1024 })
    : { problems: [], figures: { skipped: 'no tmpfs (mount failed: run as root with CAP_SYS_ADMIN)' } })],
];

let bad = 0;
for (const [name, title, run] of plan) {
  if (only && !only.includes(name)) continue;
  const t0 = Date.now();
  process.stdout.write(`\n== ${name}: ${title}\n`);
  let r;
  try {
    r = await run();
  } catch (e) {
    r = { problems: [`crashed: ${e.stack}`], figures: {} };
  }
  for (const [k, v] of Object.entries(r.figures)) console.log(`   ${k.padEnd(28)} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`);
  console.log(`   ${'took_s'.padEnd(28)} ${((Date.now() - t0) / 1000).toFixed(1)}`);
  if (r.problems.length) {
    bad++;
    console.log(`   FAILED (${r.problems.length} problems):`);
    for (const p of r.problems.slice(0, 30)) console.log(`     - ${p}`);
  } else console.log('   ok');
}
retireOffices(env);
console.log(`\nfaults: ${bad ? `${bad} scenario(s) FAILED` : 'every scenario ok'}`);
process.exit(bad ? 1 : 0);
