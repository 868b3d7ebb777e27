import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  dependencies?: Record<string, string>;
  exports: Record<string, unknown>;
};

test("require('intercom-ts') works from CommonJS and gives the same API", async () => {
  const script = `
    const { Client, ResourceNotFound, IntercomError, VERSION } = require('intercom-ts');
    const { startSandbox } = require('intercom-ts/sandbox');
    const { verifySignature, signatureOf, WebhookSignatureError } = require('intercom-ts/webhooks');
    const c = new Client({ token: 't' });
    if (!(new ResourceNotFound('x') instanceof IntercomError)) throw new Error('hierarchy');
    if (typeof startSandbox !== 'function') throw new Error('sandbox');
    if (!verifySignature('{}', signatureOf('{}', 's'), 's')) throw new Error('webhooks');
    if (!(new WebhookSignatureError('missing', 'x') instanceof IntercomError)) throw new Error('webhooks hierarchy');
    console.log(VERSION, c.baseUrl);`;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: root });
  assert.match(stdout, /^\d+\.\d+\.\d+ https:\/\/api\.intercom\.io\n$/);
});

test('the ESM entry points load by name', async () => {
  const { stdout } = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const m = await import('intercom-ts'); const s = await import('intercom-ts/sandbox'); const w = await import('intercom-ts/webhooks'); console.log(typeof m.Client, typeof s.startSandbox, typeof w.createWebhookHandler)",
    ],
    { cwd: root },
  );
  assert.equal(stdout, 'function function function\n');
});

test('the client has zero runtime dependencies', () => {
  assert.deepEqual(pkg.dependencies ?? {}, {});
});

test('exports map: ".", "./sandbox", "./webhooks" each with import and require conditions and types', () => {
  for (const entry of ['.', './sandbox', './webhooks']) {
    const conditions = pkg.exports[entry] as Record<string, { types: string; default: string }>;
    assert.ok(conditions.import?.types && conditions.import.default, entry);
    assert.ok(conditions.require?.types && conditions.require.default, entry);
  }
});
