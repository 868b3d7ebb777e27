import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startSandbox } from 'intercom-ts/sandbox';
import { assertOnly2xRequests } from './helpers/only-1x-paths.js';

const run = promisify(execFile);
const dir = new URL('../../dist/examples/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'setup.js');

/**
 * The examples with a call API 2.x has no equivalent for: on 2.x they stop at that call with this
 * error (sending nothing for it), as the README's "Moving to API 2.x" says, after printing `ranUpTo`
 * (everything before the call ran green).
 */
const NO_2X_EQUIVALENT: Readonly<Record<string, { error: RegExp; ranUpTo?: RegExp }>> = {
  'subscriptions.js': { error: /UnavailableOnApi2Error: API 2\.x has no webhook subscriptions: .*Developer Hub/ },
  'webhooks.js': { error: /UnavailableOnApi2Error: API 2\.x has no webhook subscriptions: .*Developer Hub/ },
  // Company segments: 2.x lists people segments only.
  'segments.js': {
    error: /UnavailableOnApi2Error: API 2\.x has no list of company segments: /,
    ranUpTo: /users\.bySegment\(segment\.id\) -> .*\n$/,
  },
  // "Reply and open": 2.x opens a conversation without a message (an open part has no body).
  'conversations.js': {
    error: /UnavailableOnApi2Error: API 2\.x has no message on an open part: open the conversation, then reply with a comment/,
    ranUpTo: /snooze\(\{ snoozed_until \}\) -> snoozed until \d+\n$/,
  },
};

test('every README section has an example', () => {
  assert.ok(examples.includes('users.js') && examples.includes('admins.js'), examples.join(', '));
});

/** The README tour runs twice: with API 1.0, and with 2.16 (every call translated to API 2.x). */
for (const apiVersion of ['1.0', '2.16']) {
  for (const file of examples) {
    const unavailable = apiVersion === '2.16' ? NO_2X_EQUIVALENT[file] : undefined;
    const outcome = unavailable === undefined ? 'runs green' : 'stops with UnavailableOnApi2Error';
    test(`example ${file} ${outcome} on API ${apiVersion} against a fresh sandbox`, async () => {
      const sandbox = await startSandbox({ port: 0 });
      try {
        const env = {
          ...process.env,
          INTERCOM_BASE_URL: sandbox.url,
          INTERCOM_TOKEN: sandbox.token,
          INTERCOM_API_VERSION: apiVersion,
        };
        const script = new URL(file, dir).pathname;
        if (unavailable === undefined) {
          const { stdout } = await run(process.execPath, [script], { env, timeout: 60_000 });
          assert.match(stdout, /->/, 'the example printed what happened');
          assert.ok(sandbox.requests.length > 0, 'the example talked to the sandbox');
        } else {
          const failed = await run(process.execPath, [script], { env, timeout: 60_000 }).then(
            () => assert.fail(`${file} ran green on ${apiVersion}: it should stop at its first call 2.x has no equivalent for`),
            (error: { code?: number; stdout?: string; stderr?: string }) => error,
          );
          assert.equal(failed.code, 1, String(failed.stderr));
          assert.match(String(failed.stderr), unavailable.error);
          if (unavailable.ranUpTo !== undefined) assert.match(String(failed.stdout), unavailable.ranUpTo);
        }
        assert.ok(
          sandbox.requests.every((r) => r.status < 500),
          'no request made the sandbox fail',
        );
        if (apiVersion === '2.16') assertOnly2xRequests(sandbox, '2.16', `example ${file} on 2.16`);
        else assert.ok(sandbox.requests.every((r) => r.headers['intercom-version'] === '1.0'));
      } finally {
        await sandbox.close();
      }
    });
  }
}
