import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { recordedAnswers } from './recorded-answers.js';

// Every 2.x example runs green against recorded answers (the description's own examples), until the
// sandbox serves API 2.x.

const run = promisify(execFile);
const dir = new URL('../../../dist/examples/v2/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'setup.js');

test('the 2.x README sections have examples', () => {
  assert.deepEqual(examples.sort(), ['companies.js', 'contacts.js', 'conversations.js', 'search.js', 'tickets.js']);
});

for (const file of examples) {
  test(`2.x example ${file} runs green against recorded answers`, async () => {
    const server = await recordedAnswers();
    try {
      const { stdout } = await run(process.execPath, [new URL(file, dir).pathname], {
        env: { ...process.env, INTERCOM_BASE_URL: server.url, INTERCOM_TOKEN: 'recorded' },
        timeout: 60_000,
      });
      assert.match(stdout, /->/, 'the example printed what happened');
      assert.ok(server.requests.length > 0, 'the example called the API');
      assert.deepEqual(
        server.requests.filter((r) => !r.matched),
        [],
        'every request is an operation of the description',
      );
    } finally {
      await server.close();
    }
  });
}
