/**
 * Replays every session (```console block) of the README's CLI section, in order, against one
 * demo-seeded sandbox, from a directory holding a copy of examples/ (the files the sessions read),
 * and compares what each command prints with what the README shows. Ids, dates, ports, durations
 * and rates vary from run to run and are compared by shape.
 *
 * A plain `intercom ...` command runs in this process on a pretend terminal (stdout and stderr
 * both, as the README's sessions were typed), so that tables show as they do there; a command with
 * a pipe runs in `sh`, the way a shell would run it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { main } from '../../src/cli/main.js';
import { BIN, cliEnv } from '../helpers/cli.js';

const ROOT = new URL('../../../', import.meta.url);
const README = readFileSync(new URL('README.md', ROOT), 'utf8');

/** One command of a session and what the README shows it printing (stdout and stderr, as on a terminal). */
interface Step {
  command: string;
  expected: string;
}

/** The README's CLI section. */
function cliSection(): string {
  const start = README.indexOf('\n## CLI: the `intercom` command');
  assert.ok(start >= 0, 'the README has a CLI section');
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The commands of every ```console block of `text`, in order. */
export function sessionSteps(text: string): Step[] {
  const steps: Step[] = [];
  for (const block of text.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: Step | undefined;
    for (const line of (block[1] as string).split('\n').slice(0, -1)) {
      if (line.startsWith('$ ')) {
        current = { command: line.slice(2), expected: '' };
        steps.push(current);
      } else {
        assert.ok(current, `output before any command: ${line}`);
        current.expected += `${line}\n`;
      }
    }
  }
  return steps;
}

const ERASE_LINE = '\r\u001b[2K';

/** What a terminal shows once the progress lines (drawn, then erased before anything else) are gone. */
export function withoutProgress(text: string): string {
  const [before = '', ...after] = text.split(ERASE_LINE);
  // After an erase: a drawn line (no line break) that the next erase wipes, or text that stays.
  return before + after.map((part, i) => (i < after.length - 1 && !part.includes('\n') ? '' : part)).join('');
}

/** What varies from run to run, replaced by its kind. */
export function normalize(text: string): string {
  return withoutProgress(text)
    .replace(/\b[0-9a-f]{24}\b/g, '<id>')
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z/g, '<date>')
    .replace(/\b1[7-9]\d{8}\b/g, '<epoch>')
    .replace(/\b1[7-9]\d{3,7}$/gm, '<epoch cut short>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/job_[0-9a-z_]+/g, '<job>')
    .replace(/request [0-9a-z]+/g, 'request <request>')
    .replace(/\b\d+ min \d+ s\b|\b\d+(\.\d+)? m?s\b/g, '<duration>')
    .replace(/\b[\d,]+\/s\b/g, '<rate>');
}

/** Splits a command line into words as `sh` would (quotes, no expansions). */
function words(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      assert.ok(end > i, `unbalanced quote in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === ' ') {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** A stream that collects what is written and says it is a terminal of unknown size. */
function terminal(): Writable & { isTTY: boolean; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  }) as Writable & { isTTY: boolean; text: () => string };
  stream.isTTY = true;
  stream.text = () => text;
  return stream;
}

let sandbox: Sandbox;
let dir: string;
let env: Record<string, string>;

before(async () => {
  sandbox = await startSandbox({ port: 0, token: 'sandbox-token' });
  dir = mkdtempSync(join(tmpdir(), 'intercom-readme-'));
  cpSync(new URL('examples', ROOT), join(dir, 'examples'), { recursive: true });
  writeFileSync(join(dir, 'intercom'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(dir, 'intercom'), 0o755);
  env = cliEnv({ INTERCOM_TOKEN: sandbox.token, INTERCOM_BASE_URL: sandbox.url, PATH: `${dir}:${process.env.PATH ?? ''}` });
});

after(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const EXIT_CODE = /; echo "exit code \$\?"$/;

/** Runs one command line as the README's reader would, and returns what it printed. */
async function run(line: string): Promise<string> {
  const plain = line.replace(EXIT_CODE, '');
  // Shell syntax outside quotes: the shell runs it.
  if (/^intercom [^|<>;&]*$/.test(plain.replace(/'[^']*'|"[^"]*"/g, "''"))) {
    const screen = terminal();
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const code = await main(words(plain).slice(1), screen, screen, env);
      return screen.text() + (plain === line ? '' : `exit code ${code}\n`);
    } finally {
      process.chdir(previous);
    }
  }
  return await new Promise<string>((resolve, reject) => {
    const child = spawn('sh', ['-c', `(${line}) 2>&1`], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => {
      text += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', () => resolve(text));
  });
}

test("every session of the README's CLI section replays as shown", async () => {
  const steps = sessionSteps(cliSection());
  assert.ok(steps.length >= 30, `${steps.length} commands`);
  const transcript: Array<{ command: string; actual: string }> = [];
  const mismatches: string[] = [];
  for (const step of steps) {
    const actual = await run(step.command);
    transcript.push({ command: step.command, actual: withoutProgress(actual) });
    if (normalize(actual) !== normalize(step.expected)) {
      mismatches.push(`$ ${step.command}\n--- README\n${step.expected}--- now\n${withoutProgress(actual)}`);
    }
  }
  // To refresh the README from a real run: README_TRANSCRIPT=<file> writes what each command printed.
  if (process.env.README_TRANSCRIPT) writeFileSync(process.env.README_TRANSCRIPT, JSON.stringify(transcript, null, 2));
  assert.deepEqual(mismatches, [], mismatches.join('\n'));
});
