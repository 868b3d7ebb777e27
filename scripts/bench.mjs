// Compiles the benchmarks (with the test build) and runs each one in its own process.
// Usage: npm run bench [-- name ...]   (names: overhead, sandbox-throughput, ...)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const helpers = new Set(['harness', 'fixed-user-server', 'sandbox-child', 'export-client', 'shared-budget-worker']);
const all = readdirSync('bench')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .filter((name) => !helpers.has(name));
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;
for (const name of chosen) {
  console.log(`\n## ${name}`);
  // --expose-gc: measure() collects before each sample (see bench/harness.ts).
  const run = spawnSync(process.execPath, ['--expose-gc', `.test-build/bench/${name}.js`], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
