/**
 * The suite-wide check of the sandbox's 2.x answers: with INTERCOM_SANDBOX_VALIDATE_RESPONSES naming a
 * directory, every sandbox a process starts checks its 2.x answers against the 2.16 description and
 * writes what it checked and what failed there (scripts/test.mjs sets it for the whole `npm test` and
 * fails the run when `violations.jsonl` is not empty).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  CHECKED_FILE,
  journalListener,
  VALIDATE_RESPONSES_ENV,
  VIOLATIONS_FILE,
} from '../../src/sandbox/openapi/response-journal.js';
import { V2Api } from '../../src/sandbox/openapi/v2-app.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

function withJournal(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'intercom-ts-journal-'));
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const sizeOf = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

test('a 2.x answer that fails its schema is journaled with its operation, status, schema path and request id', () =>
  withJournal(async (dir) => {
    const api = new V2Api({ validateResponses: true, listener: journalListener(dir) });
    const me = new URL('http://sandbox.invalid/me');
    api.checkAnswer('GET', me, { status: 200, body: JSON.stringify({ type: 'admin', id: 7 }) }, 'request-1');
    api.checkAnswer(
      'GET',
      new URL('http://sandbox.invalid/contacts/1'),
      { status: 404, body: '{"type":"error.list"}' },
      'request-2',
    );
    // Valid: an admin, and a 404 in the error list shape (undocumented statuses answer the error schema).
    api.checkAnswer('GET', me, { status: 200, body: JSON.stringify({ type: 'admin', id: '7' }) }, 'request-3');
    const error = { type: 'error.list', request_id: '2e4c2b8a-1d7e-4f3c-9b5a-0c6d8e9f1a2b', errors: [{ code: 'not_found' }] };
    api.checkAnswer(
      'GET',
      new URL('http://sandbox.invalid/contacts/1'),
      { status: 404, body: JSON.stringify(error) },
      'request-4',
    );
    // A path the description does not have is not checked.
    api.checkAnswer('GET', new URL('http://sandbox.invalid/nowhere'), { status: 200, body: '[]' }, 'request-5');

    assert.equal(sizeOf(path.join(dir, CHECKED_FILE)), 4, 'four answers checked');
    const lines = readFileSync(path.join(dir, VIOLATIONS_FILE), 'utf8').trim().split('\n');
    const violations = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      violations.map(({ operation, status, requestId }) => ({ operation, status, requestId })),
      [
        { operation: 'GET /me', status: 200, requestId: 'request-1' },
        { operation: 'GET /contacts/{contact_id}', status: 404, requestId: 'request-2' },
      ],
    );
    // The instance path, ajv's message, the schema keyword's path.
    assert.deepEqual(violations[0]?.errors, ['/id must be string (#/properties/id/type)']);
    assert.deepEqual(violations[1]?.errors, ["/ must have required property 'errors' (intercom#/definitions/error/required)"]);
    assert.equal(api.responseViolations.length, 2);
  }));

test('a sandbox in a child process checks its 2.x answers when the environment names a directory; 1.x answers are not', () =>
  withJournal(async (dir) => {
    const script = `
      import { startSandbox } from 'intercom-ts/sandbox';
      const sandbox = await startSandbox({ token: 'journal-token' });
      const call = (version, path) => fetch(sandbox.url + path, {
        headers: { authorization: 'Bearer journal-token', accept: 'application/json', 'intercom-version': version },
      }).then((res) => res.status);
      const statuses = [await call('2.16', '/me'), await call('2.16', '/contacts/missing'), await call('1.4', '/users')];
      await sandbox.close();
      console.log(JSON.stringify(statuses));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, [VALIDATE_RESPONSES_ENV]: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), [200, 404, 200]);
    assert.equal(sizeOf(path.join(dir, CHECKED_FILE)), 2, 'the two 2.x answers were checked, the 1.x one not');
    assert.equal(sizeOf(path.join(dir, VIOLATIONS_FILE)), 0, 'both valid');
  }));
