import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startSandbox } from 'intercom-ts/sandbox';

const run = promisify(execFile);
const dir = new URL('../../dist/examples/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'setup.js');

test('every README section has an example', () => {
  assert.ok(examples.includes('users.js') && examples.includes('admins.js'), examples.join(', '));
});

for (const file of examples) {
  test(`example ${file} runs green against a fresh sandbox`, async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const { stdout } = await run(process.execPath, [new URL(file, dir).pathname], {
        env: { ...process.env, INTERCOM_BASE_URL: sandbox.url, INTERCOM_TOKEN: sandbox.token },
        timeout: 60_000,
      });
      assert.match(stdout, /->/, 'the example printed what happened');
      assert.ok(sandbox.requests.length > 0, 'the example talked to the sandbox');
      assert.ok(
        sandbox.requests.every((r) => r.status < 500),
        'no request made the sandbox fail',
      );
    } finally {
      await sandbox.close();
    }
  });
}
