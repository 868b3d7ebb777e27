import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, cliEnv, seedUsers } from '../helpers/cli.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

// A pseudo-terminal from util-linux's `script` (part of every Debian/Ubuntu base system): the CLI
// sees a terminal on stdout and stderr, as in an interactive shell.
const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

let fx: SandboxFixture;

before(async () => {
  // Each page of the scroll takes at least 150 ms, longer than the progress line's redraw interval
  // (100 ms): the line is redrawn once per page.
  fx = await withSandbox({ seed: 'empty', latencyMs: 150 });
});

after(async () => {
  await fx.done();
});

/** What the progress line writes before its text: carriage return, erase the line. */
const ERASE = '\r\u001b[2K';

const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** Runs the CLI in a pseudo-terminal; resolves to everything the terminal showed and the exit code. */
function inTerminal(args: string[]): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: cliEnv({ INTERCOM_TOKEN: fx.sandbox.token, TERM: 'xterm' }),
    });
    let screen = '';
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      screen += c.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

test('in a terminal, export shows a progress line that updates in place, then the table and a summary', {
  skip: !hasScript && 'needs util-linux script',
}, async () => {
  await seedUsers(fx.intercom, 450);
  const { code, screen } = await inTerminal(['users', 'export', '--base-url', fx.sandbox.url]);
  assert.equal(code, 0, screen);

  // The progress line is redrawn in place: carriage return, erase line, then its text. Output that
  // follows a drawn line erases it first.
  const segments = screen.split(ERASE);
  const isProgress = (segment: string): boolean => /^users: [\d,]+ exported, [\d,]+\/s, [\d.]+ (?:ms|s) elapsed$/.test(segment);
  const progress = segments
    .filter(isProgress)
    .map((segment) => Number((/^users: ([\d,]+)/.exec(segment)?.[1] ?? '').replace(/,/g, '')));
  assert.ok(progress.length >= 3, `the line was redrawn several times: ${progress.join(', ')}`);
  assert.ok(
    progress.every((n, i) => i === 0 || n > (progress[i - 1] as number)),
    `the count only grows: ${progress.join(', ')}`,
  );
  assert.ok((progress.at(-1) as number) > 100, 'it counted beyond the first page');

  // The table: a header, then one row per user, alone on its line.
  const text = segments
    .filter((segment) => !isProgress(segment))
    .join('')
    .replace(/\r/g, '');
  const rows = text.split('\n');
  const header = rows.findIndex((line) => /^id\s+user_id\s+email\s+name\b/.test(line));
  assert.ok(header >= 0, `a table header in:\n${text.slice(0, 500)}`);
  const userRows = rows.filter((line) => /^[0-9a-f]{24}\s+u\d+\s+u\d+@example\.com\s+User \d+/.test(line));
  assert.equal(userRows.length, 450);
  assert.match(text, /Exported 450 users in [\d.]+ (?:ms|s) \([\d,]+\/s\)\.\n/);
});

test('in a terminal, --quiet shows no progress line and no summary; lists default to a table', {
  skip: !hasScript && 'needs util-linux script',
}, async () => {
  const quiet = await inTerminal(['users', 'export', '--quiet', '--base-url', fx.sandbox.url]);
  assert.equal(quiet.code, 0, quiet.screen);
  assert.ok(!quiet.screen.includes(ERASE), 'no progress line');
  assert.doesNotMatch(quiet.screen, /exported|Exported/);
  const list = await inTerminal(['users', 'list', '--limit', '3', '--base-url', fx.sandbox.url]);
  assert.match(list.screen, /^id\s+user_id\s+email\s+name/m);
  assert.equal(list.screen.trim().split('\n').length, 4);
});
