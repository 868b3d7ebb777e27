import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliEnv, cliFor, fastClock, runCli, runCliInProcess, seedUsers, startCli } from '../helpers/cli.js';
import { type ScriptedServer, scriptedServer } from '../helpers/raw-http.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'intercom-export-safety-'));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const EARLIER = '{"type":"user","id":"an earlier, good export"}\n';

/** A scroll that answers its first page of 3 users, then never answers again. */
async function stallingScroll(): Promise<ScriptedServer> {
  return scriptedServer((req) => {
    if (req.path === '/users/scroll') {
      return {
        body: {
          type: 'user.list',
          users: [1, 2, 3].map((i) => ({ type: 'user', id: `u${i}`, user_id: String(i), email: `u${i}@example.com` })),
          scroll_param: 'param-1',
        },
      };
    }
    return { hang: true };
  });
}

describe('a file export never leaves anything partial at FILE', () => {
  let fx: SandboxFixture;
  before(async () => {
    fx = await withSandbox({ seed: 'empty' });
    await seedUsers(fx.intercom, 120);
  });
  after(() => fx.done());

  test('a failed export (bad token, unreachable API) leaves an earlier FILE as it was, and no FILE.partial', async () => {
    const out = join(dir, 'failed.jsonl');
    writeFileSync(out, EARLIER);
    const badToken = await runCli(['users', 'export', '--out', out, '--base-url', fx.sandbox.url, '--token', 'wrong']);
    assert.equal(badToken.code, 1, badToken.stderr);
    assert.match(badToken.stderr, /AuthenticationError/);
    assert.equal(readFileSync(out, 'utf8'), EARLIER);
    assert.equal(existsSync(`${out}.partial`), false, 'no records: nothing kept');

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await runCli(['users', 'export', '--out', out, '--base-url', `http://127.0.0.1:${port}`, '--token', 't']);
    assert.equal(unreachable.code, 1, unreachable.stderr);
    assert.equal(readFileSync(out, 'utf8'), EARLIER);
  });

  test('a successful export replaces FILE whole, and leaves no FILE.partial', async () => {
    const out = join(dir, 'replaced.csv');
    writeFileSync(out, 'old,content\n');
    const run = await cliFor(fx.sandbox)(['users', 'export', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 121, 'a header and 120 users');
    assert.equal(existsSync(`${out}.partial`), false);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`an export stopped by ${signal} keeps what it read in FILE.partial, says how many, and leaves FILE alone`, async () => {
      const server = await stallingScroll();
      const out = join(dir, `stopped-${signal}.jsonl`);
      writeFileSync(out, EARLIER);
      try {
        const cli = startCli(['users', 'export', '--out', out, '--base-url', server.url], cliEnv({ INTERCOM_TOKEN: 't' }));
        // The first page is written; the second request never gets an answer.
        while (server.received.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
        cli.child.kill(signal);
        const { code, stderr } = await cli.exited;
        assert.equal(code, signal === 'SIGINT' ? 130 : 143, stderr);
        assert.equal(readFileSync(out, 'utf8'), EARLIER, 'FILE untouched');
        const partial = readFileSync(`${out}.partial`, 'utf8').trim().split('\n');
        assert.deepEqual(
          partial.map((line) => (JSON.parse(line) as { id: string }).id),
          ['u1', 'u2', 'u3'],
        );
        assert.match(stderr, new RegExp(`Export stopped after 3 users: .*stopped-${signal}\\.jsonl\\.partial holds them`));
        assert.match(stderr, /run the same command again/);
        assert.match(stderr, new RegExp(`intercom: stopped by ${signal}`));
      } finally {
        await server.close();
      }
    });
  }

  test('an export killed outright (kill -9) leaves nothing at FILE: its records are in FILE.partial', async () => {
    const server = await stallingScroll();
    const out = join(dir, 'killed.jsonl');
    try {
      const cli = startCli(['users', 'export', '--out', out, '--base-url', server.url], cliEnv({ INTERCOM_TOKEN: 't' }));
      // Killed once the first page is on disk (the write reaches the file on its own schedule).
      const linesOnDisk = (): number =>
        existsSync(`${out}.partial`) ? readFileSync(`${out}.partial`, 'utf8').trim().split('\n').filter(Boolean).length : 0;
      while (server.received.length < 2 || linesOnDisk() < 3) await new Promise((resolve) => setTimeout(resolve, 20));
      cli.child.kill('SIGKILL');
      await cli.exited;
      assert.equal(existsSync(out), false, 'nothing that looks complete');
      assert.equal(readFileSync(`${out}.partial`, 'utf8').trim().split('\n').length, 3);
    } finally {
      await server.close();
    }
  });
});

describe('an export right after an interrupted one waits for the open scroll', () => {
  /**
   * Opens a scroll and keeps it open (the sandbox's scrolls live a minute, as Intercom's) until the
   * CLI's first wait, when it reads the scroll to its end and so closes it: the export must see the
   * open scroll first and succeed after, however slow the machine.
   */
  async function scrollOpenUntilFirstWait(fx: SandboxFixture): Promise<ReturnType<typeof fastClock>> {
    const scroll = fx.intercom.users.scroll();
    let page = await scroll.next();
    const clock = fastClock(5);
    let closed: Promise<void> | undefined;
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      closed ??= (async () => {
        while (page.records.length > 0) page = await scroll.next(page);
      })();
      await closed;
      await sleep(ms, signal);
    };
    return clock;
  }

  test('it says so, counts down, and goes on once the scroll has closed', async () => {
    const fx = await withSandbox({ seed: 'empty' });
    try {
      await seedUsers(fx.intercom, 150);
      const clock = await scrollOpenUntilFirstWait(fx);
      const out = join(dir, 'after-wait.jsonl');
      const run = await runCliInProcess(['users', 'export', '--out', out, '--base-url', fx.sandbox.url], {
        env: { INTERCOM_TOKEN: fx.sandbox.token },
        clock,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /^Another scroll is open for this app .*Waiting for it, at most 70 s \(Ctrl-C to stop\)\.\n/);
      assert.match(run.stderr, /still open; trying again in 5 s \(70 s left\)/);
      assert.match(run.stderr, /Exported 150 users to .*after-wait\.jsonl/);
      assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 150);
    } finally {
      await fx.done();
    }
  });

  test('--quiet: no countdown; the export still waits', async () => {
    const fx = await withSandbox({ seed: 'empty' });
    try {
      await seedUsers(fx.intercom, 3);
      const clock = await scrollOpenUntilFirstWait(fx);
      const run = await runCliInProcess(['users', 'export', '-q', '--base-url', fx.sandbox.url], {
        env: { INTERCOM_TOKEN: fx.sandbox.token },
        clock,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      assert.equal(run.stdout.trim().split('\n').length, 3);
      assert.ok(clock.sleeps.length >= 1, 'it waited');
    } finally {
      await fx.done();
    }
  });

  test('Ctrl-C cancels the wait: exit 130 at once', async () => {
    const fx = await withSandbox({ seed: 'empty' });
    try {
      await seedUsers(fx.intercom, 3);
      await fx.intercom.users.scroll().next();
      const cli = startCli(['users', 'export', '--base-url', fx.sandbox.url], cliEnv({ INTERCOM_TOKEN: fx.sandbox.token }));
      await cli.waitForStderr(/trying again in 5 s/);
      cli.child.kill('SIGINT');
      const { code, stdout, stderr } = await cli.exited;
      assert.equal(code, 130, stderr);
      assert.equal(stdout, '');
      assert.match(stderr, /intercom: stopped by SIGINT\n$/);
    } finally {
      await fx.done();
    }
  });
});

describe('--request-timeout: no server can hang a command', () => {
  /** A server that answers the scroll with headers, then one byte of body every 300 ms, forever. */
  async function trickling(): Promise<{ url: string; close(): Promise<void> }> {
    const timers = new Set<NodeJS.Timeout>();
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      const timer = setInterval(() => res.write(' '), 300);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          for (const timer of timers) clearInterval(timer);
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }

  /** A server that sends `102 Processing` interim responses every 100 ms and never a final one. */
  async function endlesslyProcessing(): Promise<{ url: string; close(): Promise<void> }> {
    const timers = new Set<NodeJS.Timeout>();
    const server = http.createServer((_req, res) => {
      const timer = setInterval(() => res.writeProcessing(), 100);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          for (const timer of timers) clearInterval(timer);
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }

  for (const [name, start] of [
    ['a byte every 300 ms', trickling],
    ['endless interim responses', endlesslyProcessing],
  ] as const) {
    test(`an export against a server sending ${name} ends with exit 1 at the deadline`, async () => {
      const server = await start();
      const out = join(dir, `deadline-${name.length}.jsonl`);
      writeFileSync(out, EARLIER);
      try {
        const run = await runCli(['users', 'export', '--out', out, '--base-url', server.url, '--request-timeout', '1500'], {
          env: cliEnv({ INTERCOM_TOKEN: 't' }),
          timeoutMs: 60_000,
        });
        assert.equal(run.code, 1, run.stderr);
        assert.match(run.stderr, /^intercom: \w+Error: /m);
        assert.equal(readFileSync(out, 'utf8'), EARLIER);
      } finally {
        await server.close();
      }
    });
  }

  test('a job status read that hangs ends at the wait timeout: users import, jobs wait', async () => {
    const server = await scriptedServer((req) => {
      if (req.method === 'POST') return { body: { type: 'job', id: 'job_1', state: 'running', tasks: [] } };
      return { hang: true };
    });
    const file = join(dir, 'one-user-for-a-job.jsonl');
    writeFileSync(file, '{"user_id":"1","email":"one@example.com"}\n');
    try {
      for (const args of [
        ['users', 'import', file, '--wait-timeout', '1'],
        ['jobs', 'wait', 'job_1', '--timeout', '1'],
      ]) {
        const run = await runCli([...args, '--base-url', server.url, '--request-timeout', '500'], {
          env: cliEnv({ INTERCOM_TOKEN: 't' }),
          timeoutMs: 60_000,
        });
        assert.equal(run.code, 1, `${args.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, /^intercom: \w+Error: /m);
      }
    } finally {
      await server.close();
    }
  });

  test('the deadline bounds the other commands too: users list, users import', async () => {
    const server = await trickling();
    const file = join(dir, 'one-user.jsonl');
    writeFileSync(file, '{"user_id":"1","email":"one@example.com"}\n');
    try {
      for (const args of [
        ['users', 'list'],
        ['users', 'import', file],
      ]) {
        const run = await runCli([...args, '--base-url', server.url, '--request-timeout', '1000'], {
          env: cliEnv({ INTERCOM_TOKEN: 't' }),
          timeoutMs: 60_000,
        });
        assert.equal(run.code, 1, `${args.join(' ')}: ${run.stderr}`);
      }
    } finally {
      await server.close();
    }
  });
});
