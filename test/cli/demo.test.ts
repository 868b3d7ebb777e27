import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = new URL('../../../bin/intercom.js', import.meta.url).pathname;

test('intercom demo walks the README sections against an embedded sandbox, with no token', async () => {
  const env = { ...process.env };
  delete env.INTERCOM_TOKEN;
  delete env.INTERCOM_BASE_URL;
  const { stdout } = await run(process.execPath, [bin, 'demo'], { env, timeout: 120_000 });
  assert.match(stdout, /^Embedded Intercom sandbox at http:\/\/127\.0\.0\.1:\d+/);
  assert.match(stdout, /== admins\n/);
  assert.match(stdout, /== users\n/);
  assert.match(stdout, /users\.find\(\{ email \}\) -> Bob Smith/);
  assert.match(stdout, /Done: \d+ requests served by the sandbox\./);
});

test('intercom --version prints the version; unknown commands exit 2', async () => {
  const { stdout } = await run(process.execPath, [bin, '--version']);
  assert.match(stdout, /^\d+\.\d+\.\d+\n$/);
  await assert.rejects(run(process.execPath, [bin, 'frobnicate']), (error: { code?: number; stderr?: string }) => {
    assert.equal(error.code, 2);
    assert.match(error.stderr ?? '', /unknown command 'frobnicate'/);
    return true;
  });
});
