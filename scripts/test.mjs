// Compiles the tests, examples and benchmarks to .test-build/ and runs every *.test.js with Node's
// test runner. Expects `npm run build` to have produced dist/ (the tests import the package by name).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('.test-build', { recursive: true, force: true });
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const only = process.argv.slice(2);
const run = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=2', '--test-timeout=120000', ...(only.length ? only : ['.test-build/test/'])],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(run.status ?? 1);
