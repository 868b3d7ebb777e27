// Compiles the tests, examples and benchmarks to .test-build/ and runs every *.test.js with Node's
// test runner. Expects `npm run build` to have produced dist/ (the tests import the package by name).
// Every sandbox the suite starts (in-process or in a child process) checks its 2.x answers against the
// 2.16 description (INTERCOM_SANDBOX_VALIDATE_RESPONSES): the run fails when one answer did not match.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

rmSync('.test-build', { recursive: true, force: true });
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const only = process.argv.slice(2);
// Names as in src/sandbox/openapi/response-journal.ts.
const journal = mkdtempSync(path.join(tmpdir(), 'intercom-ts-responses-'));
const violationsFile = path.join(journal, 'violations.jsonl');
const checkedFile = path.join(journal, 'checked.count');
// The suite's token (test/helpers/secrets.ts) must never appear in anything the suite prints.
const SECRET = 'SUITE_SECRET';
let leaked = 0;
const child = spawn(
  process.execPath,
  ['--test', '--test-concurrency=2', '--test-timeout=120000', ...(only.length ? only : ['.test-build/test/'])],
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test', INTERCOM_SANDBOX_VALIDATE_RESPONSES: journal } },
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
/** The 2.x answers that failed the description during the run, printed; their count. */
function reportResponses() {
  const checked = existsSync(checkedFile) ? statSync(checkedFile).size : 0;
  const lines = existsSync(violationsFile) ? readFileSync(violationsFile, 'utf8').split('\n').filter(Boolean) : [];
  rmSync(journal, { recursive: true, force: true });
  if (lines.length === 0) {
    console.log(`\n${checked} sandbox 2.x answer(s) checked against the 2.16 description: all valid.`);
    return 0;
  }
  console.error(`\n${lines.length} of ${checked} sandbox 2.x answer(s) failed the 2.16 description's response schema:`);
  // One line per distinct failure, with how often it happened and the first request that showed it.
  const distinct = new Map();
  for (const line of lines) {
    const v = JSON.parse(line);
    const key = `${v.operation} -> ${v.status}: ${v.errors.join('; ')}`;
    const seen = distinct.get(key);
    if (seen === undefined) distinct.set(key, { count: 1, first: `${v.method} ${v.path}, request ${v.requestId}` });
    else seen.count += 1;
  }
  for (const [key, { count, first }] of distinct) console.error(`  ${count}x ${key} (first: ${first})`);
  return lines.length;
}

child.on('exit', (code) => {
  const invalid = reportResponses();
  if (leaked > 0) {
    console.error(`\nThe suite's secret token appeared ${leaked} time(s) in the test output: a credential leaked.`);
    process.exit(1);
  }
  if (invalid > 0) process.exit(1);
  process.exit(code ?? 1);
});
