import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;

test('bin/intercom.js in a checkout without dist/ says to build first, without a stack trace', async (t) => {
  const checkout = mkdtempSync(join(tmpdir(), 'intercom-ts-unbuilt-'));
  t.after(() => rmSync(checkout, { recursive: true, force: true }));
  cpSync(join(root, 'bin'), join(checkout, 'bin'), { recursive: true });
  writeFileSync(join(checkout, 'package.json'), JSON.stringify({ name: 'intercom-ts', type: 'module' }));
  const failure = await run(process.execPath, [join(checkout, 'bin/intercom.js'), '--help']).then(
    () => assert.fail('the command succeeded without a build'),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  assert.equal(failure.code, 1);
  assert.equal(failure.stdout, '');
  assert.match(failure.stderr, /run npm run build first\n$/);
  assert.doesNotMatch(failure.stderr, /ERR_MODULE_NOT_FOUND|\n\s+at /);
});
