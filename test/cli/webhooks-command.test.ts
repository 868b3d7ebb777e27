import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { startSandbox } from 'intercom-ts/sandbox';
import { signatureOf } from 'intercom-ts/webhooks';
import { BIN, type CliRun, runCli } from '../helpers/cli.js';
import { raw, rawRequest } from '../helpers/raw-http.js';

const fixtures = JSON.parse(readFileSync(new URL('../../../test/fixtures/responses-1x.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

/** Runs `intercom webhooks ...` to its end with `input` on stdin. */
function run(args: string[], input: string | Buffer, env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['webhooks', ...args], {
    input,
    env: { ...process.env, INTERCOM_WEBHOOK_SECRET: '', ...env } as Record<string, string>,
    timeoutMs: 20_000,
  });
}

describe('intercom webhooks verify', () => {
  // RFC 2202 test case 2: HMAC-SHA1 of this text keyed with 'Jefe'.
  const BODY = 'what do ya want for nothing?';
  const SIGNATURE = 'sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79';

  test('a valid signature exits 0; the verdict is a message on stderr, not data on stdout', async () => {
    const result = await run(['verify', '--secret', 'Jefe', '--signature', SIGNATURE], BODY);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^valid signature \(28 bytes\)\n$/);
    assert.equal(result.stdout, '');
  });

  test('the global options work on verify: -q silences the verdict, --format prints it as a record', async () => {
    const quiet = await run(['verify', '--secret', 'Jefe', '--signature', SIGNATURE, '-q'], BODY);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stdout, '');
    assert.equal(quiet.stderr, '');
    const json = await run(['verify', '--secret', 'Jefe', '--signature', SIGNATURE, '--format', 'json', '--quiet'], BODY);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { valid: true, bytes: 28 });
    const invalid = await run(['verify', '--secret', 'Jefe', '--signature', SIGNATURE, '--format', 'jsonl', '-q'], `${BODY}!`);
    assert.equal(invalid.code, 1);
    assert.deepEqual(JSON.parse(invalid.stdout), { valid: false, bytes: 29, reason: 'mismatch' });
    assert.match(invalid.stderr, /^invalid signature \(mismatch\)/, 'a problem shows even with --quiet');
  });

  test('the secret may come from INTERCOM_WEBHOOK_SECRET', async () => {
    const result = await run(['verify', '--signature', SIGNATURE], BODY, { INTERCOM_WEBHOOK_SECRET: 'Jefe' });
    assert.equal(result.code, 0, result.stderr);
  });

  test('a tampered body, a wrong secret or a garbled signature exits 1, saying why', async () => {
    const tampered = await run(['verify', '--secret', 'Jefe', '--signature', SIGNATURE], `${BODY}!`);
    assert.equal(tampered.code, 1);
    assert.match(tampered.stderr, /^invalid signature \(mismatch\)/);
    assert.equal(tampered.stdout, '');
    assert.equal((await run(['verify', '--secret', 'jefe', '--signature', SIGNATURE], BODY)).code, 1);
    const garbled = await run(['verify', '--secret', 'Jefe', '--signature', 'sha256=abc'], BODY);
    assert.equal(garbled.code, 1);
    assert.match(garbled.stderr, /\(malformed\)/);
  });

  test('usage errors exit 2: no secret, no signature, no action, unknown action or flag', async () => {
    for (const args of [
      ['verify', '--signature', SIGNATURE],
      ['verify', '--secret', 'Jefe'],
      ['--secret', 'Jefe'],
      ['sign', '--secret', 'Jefe'],
      ['verify', '--secret', 'Jefe', '--signature', SIGNATURE, '--bogus'],
      [],
    ]) {
      const result = await run(args, BODY);
      assert.equal(result.code, 2, args.join(' '));
    }
    const help = await run(['--help'], '');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /intercom webhooks verify --secret/);
    const verifyHelp = await run(['verify', '--help'], '');
    assert.equal(verifyHelp.code, 0);
    assert.match(verifyHelp.stdout, /^Usage: intercom webhooks verify \[options\]/, 'commander declares it, as every command');
    assert.match(verifyHelp.stdout, /--signature <value>[\s\S]*Global options:[\s\S]*--quiet/);
  });
});

interface Listener {
  child: ChildProcess;
  url: string;
  /** Lines printed on stdout so far. */
  lines: string[];
  /** Resolves when `count` lines have been printed. */
  waitForLines(count: number): Promise<string[]>;
  /** Resolves when stderr matches `pattern` (the child writes it on its own schedule). */
  waitForStderr(pattern: RegExp): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `intercom webhooks listen` on a free port and waits for its address. */
async function startListener(secret: string): Promise<Listener> {
  const child = spawn(process.execPath, [BIN, 'webhooks', 'listen', '--port', '0', '--secret', secret], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
    const parts = stdout.split('\n');
    stdout = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      for (const wake of waiters.splice(0)) wake();
      const m = /Listening for Intercom webhooks on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) resolve(m[1] as string);
    });
    void exited.then((code) => reject(new Error(`listen exited (${code}): ${stderr}`)));
  });
  const waitForLines = async (count: number): Promise<string[]> => {
    while (lines.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return lines.slice();
  };
  const waitForStderr = async (pattern: RegExp): Promise<void> => {
    while (!pattern.test(stderr)) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { child, url, lines, waitForLines, waitForStderr, exited };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const { origin, pathname, search } = new URL(url);
  return (await rawRequest({ url: origin }, { method: 'POST', path: `${pathname}${search}`, body, headers })).status;
}

describe('intercom webhooks listen', () => {
  test('prints each verified notification as one JSON line, refuses the rest, exits 0 on SIGTERM', async () => {
    const listener = await startListener('cli-secret');
    try {
      const pretty = JSON.stringify(fixtures.test_user_notification, null, 2);
      assert.equal(await post(listener.url, pretty, { 'x-hub-signature': signatureOf(pretty, 'cli-secret') }), 200);
      assert.equal(await post(listener.url, pretty, { 'x-hub-signature': signatureOf(pretty, 'other') }), 401);
      assert.equal(await post(`${listener.url}/any/path`, '{}', { 'x-hub-signature': signatureOf('{}', 'cli-secret') }), 400);
      const [line] = await listener.waitForLines(1);
      assert.equal(line, JSON.stringify(fixtures.test_user_notification), 'compact, as it arrived (string timestamps kept)');
      assert.equal(listener.lines.length, 1, 'refused requests print nothing on stdout');
      await listener.waitForStderr(/refused a request \(401\): The X-Hub-Signature signature does not match/);
      await listener.waitForStderr(/refused a request \(400\)/);
    } finally {
      listener.child.kill('SIGTERM');
      assert.equal(await listener.exited, 0);
    }
  });

  test('receives what the sandbox delivers to a subscription; exits 0 on SIGINT', async () => {
    const listener = await startListener('from-the-sandbox');
    const sandbox = await startSandbox({ port: 0, seed: 'empty' });
    try {
      await raw(sandbox, 'POST', '/subscriptions', {
        url: `${listener.url}/hooks`,
        topics: ['user.created'],
        hub_secret: 'from-the-sandbox',
      });
      await raw(sandbox, 'POST', '/users', { user_id: 'cli-hook', email: 'cli-hook@example.com' });
      const [line] = await listener.waitForLines(1);
      const notification = JSON.parse(line as string);
      assert.equal(notification.topic, 'user.created');
      assert.equal(notification.data.item.email, 'cli-hook@example.com');
      await sandbox.waitForDeliveries();
      assert.equal(sandbox.deliveries[0]?.state, 'delivered');
    } finally {
      await sandbox.close();
      listener.child.kill('SIGINT');
      assert.equal(await listener.exited, 0);
    }
  });

  test('a bad --port or a missing secret exits 2', async () => {
    assert.equal((await run(['listen', '--port', 'eighty', '--secret', 's'], '')).code, 2);
    assert.equal((await run(['listen', '--port', '0'], '')).code, 2);
  });
});
