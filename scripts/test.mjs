// Compiles the tests, examples and benchmarks to .test-build/ and runs every *.test.js with Node's
// test runner. Expects `npm run build` to have produced dist/ (the tests import the package by name).
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('.test-build', { recursive: true, force: true });
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const only = process.argv.slice(2);
// The suite's token (test/helpers/secrets.ts) must never appear in anything the suite prints.
const SECRET = 'SUITE_SECRET';
let leaked = 0;
const child = spawn(
  process.execPath,
  ['--test', '--test-concurrency=2', '--test-timeout=120000', ...(only.length ? only : ['.test-build/test/'])],
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
);
for (const [stream, out] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  let tail = ''; // the end of the previous chunk, so that a token split across chunks is still seen
  stream.on('data', (chunk) => {
    const text = tail + chunk.toString('utf8');
    leaked += text.split(SECRET).length - tail.split(SECRET).length;
    tail = text.slice(-(SECRET.length - 1));
    out.write(chunk);
  });
}
child.on('exit', (code) => {
  if (leaked > 0) {
    console.error(`\nThe suite's secret token appeared ${leaked} time(s) in the test output: a credential leaked.`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
