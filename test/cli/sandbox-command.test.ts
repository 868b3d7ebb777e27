import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { BIN, type CliRun, runCli } from '../helpers/cli.js';
import { assertError, client, ok } from '../helpers/raw-http.js';

const LINE =
  /^Intercom sandbox listening on (http:\/\/127\.0\.0\.1:\d+) \(token: ([^\s,]+)(?:, app id: (\S+), api key: (\S+))?\)$/;

interface Running {
  child: ChildProcess;
  url: string;
  token: string;
  /** Resolves when the process exits, with its code and everything it printed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `intercom sandbox` and waits for its line. */
async function startCli(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const line = await new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const end = stdout.indexOf('\n');
      if (end >= 0) resolve(stdout.slice(0, end));
    };
    child.stdout?.on('data', check);
    void exited.then(({ code }) => reject(new Error(`sandbox exited (${code}) before listening: ${stderr}`)));
  });
  const m = LINE.exec(line);
  assert.ok(m, `the one line: ${line}`);
  return { child, url: m[1] as string, token: m[2] as string, exited };
}

/** Runs `intercom sandbox ...` to its end (for flags that must fail). */
function runSandbox(args: string[]): Promise<CliRun> {
  return runCli(['sandbox', ...args], { env: process.env as Record<string, string>, timeoutMs: 20_000 });
}

test('intercom sandbox prints one line, serves the API, and exits 0 on SIGTERM', async () => {
  const cli = await startCli(['--token', 'cli-token', '--seed', 'empty']);
  assert.equal(cli.token, 'cli-token');
  const call = client(cli);
  const me = ok(await call('GET', '/me'));
  assert.equal(me.type, 'admin');
  const users = ok(await call('GET', '/users'));
  assert.equal(users.total_count, 0, 'the empty seed has no users');
  const user = ok(await call('POST', '/users', { user_id: 'cli-1', email: 'cli@example.com' }));
  assert.equal(user.user_id, 'cli-1');
  assertError(await call('GET', '/me', undefined, { authorization: 'Bearer sandbox-token' }), 401, 'unauthorized');
  cli.child.kill('SIGTERM');
  const { code, signal, stdout, stderr } = await cli.exited;
  assert.equal(signal, null);
  assert.equal(code, 0);
  assert.equal(stdout.split('\n').filter(Boolean).length, 1, `exactly one line: ${stdout}`);
  assert.equal(stderr, '');
});

test('intercom sandbox exits 0 on SIGINT; defaults: token sandbox-token, demo seed', async () => {
  const cli = await startCli([]);
  assert.equal(cli.token, 'sandbox-token');
  const users = ok(await client(cli)('GET', '/users'));
  assert.ok((users.total_count as number) > 0, 'the demo seed has users');
  cli.child.kill('SIGINT');
  assert.equal((await cli.exited).code, 0);
});

test('--rate-limit, --faults and --fault-kinds reach the sandbox', async () => {
  const cli = await startCli(['--rate-limit', '3/1m', '--faults', '1', '--fault-kinds', '503']);
  try {
    const call = client(cli);
    const first = await call('GET', '/me');
    assertError(first, 503, 'service_unavailable');
    assert.equal(first.headers['x-ratelimit-limit'], '3');
    assertError(await call('GET', '/me'), 503, 'service_unavailable');
    assertError(await call('GET', '/me'), 503, 'service_unavailable');
    assertError(await call('GET', '/me'), 429, 'rate_limit_exceeded');
  } finally {
    cli.child.kill('SIGTERM');
    assert.equal((await cli.exited).code, 0);
  }
});

test('--fault-kinds reset means both reset kinds; --latency is accepted', async () => {
  const cli = await startCli(['--faults', '1', '--fault-kinds', 'reset', '--latency', '1']);
  try {
    const call = client(cli);
    for (let i = 0; i < 3; i++) await assert.rejects(call('GET', '/me'));
  } finally {
    cli.child.kill('SIGTERM');
    assert.equal((await cli.exited).code, 0);
  }
});

test('top-level help lists sandbox without arguments it does not take', async () => {
  const { code, stdout } = await runCli(['--help']);
  assert.equal(code, 0);
  assert.match(stdout, /^ {2}sandbox \[options\] /m);
  assert.doesNotMatch(stdout, /\[extra\.\.\.\]|\[args\.\.\.\]/);
});

test('--format prints the address as a record', async () => {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--format', 'jsonl', '-q'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const line = await new Promise<string>((resolve) => {
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      if (stdout.includes('\n')) resolve(stdout);
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  const record = JSON.parse(line) as { url: string; token: string };
  assert.match(record.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(record.token, 'sandbox-token');
});

test('--help prints the options and exits 0', async () => {
  const { code, stdout } = await runSandbox(['--help']);
  assert.equal(code, 0);
  for (const flag of [
    '--port',
    '--host',
    '--token',
    '--api-key',
    '--seed',
    '--rate-limit',
    '--latency',
    '--faults',
    '--fault-kinds',
  ]) {
    assert.ok(stdout.includes(flag), flag);
  }
});

test('bad flags exit 2 with a message naming the problem', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--seed', 'full'], /--seed/],
    [['--rate-limit', 'lots'], /--rate-limit/],
    [['--rate-limit', '0/10s'], /--rate-limit/],
    [['--latency', '-1'], /--latency/],
    [['--faults', '1.5'], /--faults/],
    [['--faults', 'some'], /--faults/],
    [['--fault-kinds', '500,teapot'], /--fault-kinds.*teapot/],
    [['--fault-kinds', ','], /--fault-kinds/],
    [['--fault-seed', '1.5'], /--fault-seed/],
    [['--slow', 'x'], /--slow/],
    [['--token', ''], /--token/],
    [['--nope'], /nope/],
    [['extra'], /extra/],
    [['--port'], /port/],
  ];
  const results = await Promise.all(cases.map(([args]) => runSandbox(args)));
  results.forEach(({ code, stdout, stderr }, i) => {
    const [args, message] = cases[i] as [string[], RegExp];
    assert.equal(code, 2, `${args.join(' ')}: exit code (stderr: ${stderr})`);
    assert.match(stderr, message, args.join(' '));
    assert.equal(stdout, '', `${args.join(' ')}: nothing on stdout`);
  });
});

test('a port in use exits 2 with a message', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    const { code, stderr } = await runSandbox(['--port', String(port)]);
    assert.equal(code, 2);
    assert.match(stderr, /EADDRINUSE/);
    assert.match(stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is taken`));
    assert.match(stderr, /pass --port 0 to pick a free one/);
    assert.doesNotMatch(stderr, /--help/, 'the command line was right: no pointer to the usage');
  } finally {
    blocker.close();
  }
});

test('--api-key also accepts Basic base64(app id:key), the app id printed and reported by /me', async () => {
  const cli = await startCli(['--api-key', 'cli-key']);
  try {
    const call = client(cli);
    const appId = (ok(await call('GET', '/me')).app as { id_code: string }).id_code;
    const legacy = (key: string): string => `Basic ${Buffer.from(`${appId}:${key}`).toString('base64')}`;
    ok(await call('GET', '/me', undefined, { authorization: legacy('cli-key') }));
    assertError(await call('GET', '/me', undefined, { authorization: legacy('other-key') }), 401, 'unauthorized');
  } finally {
    cli.child.kill('SIGTERM');
    assert.equal((await cli.exited).code, 0);
  }
  const { code, stderr } = await runSandbox(['--api-key', 'has space']);
  assert.equal(code, 2);
  assert.match(stderr, /--api-key/);
});

test('--api-version serves requests without Intercom-Version in that version; 1.x stays the default', async () => {
  const v2 = await startCli(['--api-version', '2.16', '--seed', 'empty']);
  try {
    const call = client(v2);
    const contacts = ok(await call('GET', '/contacts'));
    assert.equal(contacts.type, 'list', 'a 2.x contact list, with no Intercom-Version sent');
    assert.equal((await call('GET', '/users')).status, 404, '2.x has no /users');
    assert.equal(ok(await call('GET', '/users', undefined, { 'intercom-version': '1.4' })).type, 'user.list');
  } finally {
    v2.child.kill('SIGTERM');
    assert.equal((await v2.exited).code, 0);
  }
  const unstable = await startCli(['--api-version', 'Unstable', '--seed', 'empty']);
  try {
    assert.equal(ok(await client(unstable)('GET', '/contacts')).type, 'list');
  } finally {
    unstable.child.kill('SIGTERM');
    await unstable.exited;
  }
  const v1 = await startCli(['--api-version', '1.1', '--seed', 'empty']);
  try {
    assert.equal(ok(await client(v1)('GET', '/users')).type, 'user.list');
  } finally {
    v1.child.kill('SIGTERM');
    await v1.exited;
  }
});

test('an --api-version Intercom does not have exits 2 naming the flag', async () => {
  for (const version of ['2.6', '2.17', 'unstable', '']) {
    const { code, stdout, stderr } = await runSandbox(['--api-version', version]);
    assert.equal(code, 2, `${version}: exit code (stderr: ${stderr})`);
    assert.match(stderr, /--api-version/);
    assert.equal(stdout, '');
  }
});
