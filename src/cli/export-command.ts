/**
 * `intercom users|companies|contacts export [--out FILE]`: every record through a scroll, streamed
 * to stdout or a file (constant memory), with a progress line on a terminal and a summary at the end.
 *
 * A file export never leaves anything partial at FILE: records go to `FILE.partial` beside it, which
 * is renamed to FILE once the last record is written. A failed export leaves an earlier FILE as it
 * was; one stopped midway (an error, SIGINT, SIGTERM, a crash) leaves `FILE.partial`, and says on
 * stderr how many records it holds.
 *
 * @module
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { Client, RequestOptions } from '../index.js';
import { group, handler, leaf, optionsOf, stopOnSignal, stringOption } from './command-kit.js';
import type { Cli } from './context.js';
import { type Format, OutputClosed, type RecordSink, type View } from './output.js';
import { count, duration, rate } from './progress.js';
import { SCROLL_WAIT_MS, scrollWhenFree } from './scroll-wait.js';
import { CommandFailed, CommandInterrupted, UsageError } from './usage-error.js';
import { VIEWS } from './views.js';

interface Exportable {
  group: 'users' | 'companies' | 'contacts';
  noun: string;
  view: View;
  scroll: (client: Client, options: RequestOptions) => AsyncIterable<object>;
}

const EXPORTABLE: readonly Exportable[] = [
  {
    group: 'users',
    noun: 'users',
    view: VIEWS.users,
    scroll: (client, options) => client.users.scroll(options),
  },
  {
    group: 'companies',
    noun: 'companies',
    view: VIEWS.companies,
    scroll: (client, options) => client.companies.scroll(options),
  },
  {
    group: 'contacts',
    noun: 'leads',
    view: VIEWS.contacts,
    scroll: (client, options) => client.contacts.scroll(options),
  },
];

/** The format of a file, from its extension: .csv, .json, else jsonl. */
export function formatOfFile(path: string): Format {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : 'jsonl';
}

/** The name an export writes to until it is complete. */
export const partialPathOf = (path: string): string => `${path}.partial`;

/** Opens `path` for writing; a failure is a usage error naming the file. */
async function openOut(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // A later write error destroys the stream; runExport reports it.
  stream.on('error', () => {});
  return stream;
}

/** Closes `file` once everything written to it is flushed. */
async function closeFile(file: WriteStream): Promise<void> {
  if (file.closed) return;
  file.end();
  await once(file, 'close');
}

async function runExport(cli: Cli, command: Command, what: Exportable): Promise<void> {
  const outPath = stringOption(optionsOf(command), 'out');
  const explicit = cli.globals(command).format;
  const format = explicit ?? (outPath === undefined ? cli.format(command) : formatOfFile(outPath));
  const client = await cli.client(command);
  const partialPath = outPath === undefined ? undefined : partialPathOf(outPath);
  const file = partialPath === undefined ? undefined : await openOut(partialPath);
  const sink = cli.sink(command, { view: what.view, format, ...(file === undefined ? {} : { out: file }) });
  const progress = cli.progress(
    command,
    (n, ms) => `${what.noun}: ${count(n)} exported, ${rate(n, ms)}, ${duration(ms)} elapsed`,
  );
  const stop = stopOnSignal();
  const records = scrollWhenFree(() => what.scroll(client, cli.requestOptions(command, stop.signal)), {
    clock: cli.io.clock,
    stderr: cli.io.stderr,
    talk: !cli.globals(command).quiet,
    signal: stop.signal,
  });
  try {
    for await (const record of records) {
      await sink.write(record);
      progress.add(1);
    }
    await sink.end();
    if (file !== undefined && outPath !== undefined && partialPath !== undefined) {
      await closeFile(file);
      await rename(partialPath, outPath);
    }
  } catch (error) {
    throw await exportFailed(cli, { what, outPath, partialPath, file, sink, written: progress.count }, stop.received, error);
  } finally {
    stop.dispose();
  }
  cli.clearProgress();
  const ms = progress.elapsed;
  const where = outPath === undefined ? '' : ` to ${outPath}`;
  cli.note(command, `Exported ${count(progress.count)} ${what.noun}${where} in ${duration(ms)} (${rate(progress.count, ms)}).`);
}

/** An export that stopped: what it leaves behind. */
interface StoppedExport {
  what: Exportable;
  outPath: string | undefined;
  partialPath: string | undefined;
  file: WriteStream | undefined;
  sink: RecordSink;
  /** Records handed to the sink. */
  written: number;
}

/**
 * Says what a stopped export left behind and returns the error to throw: `FILE.partial` kept with
 * the records written so far (removed when it holds none); FILE itself untouched.
 */
async function exportFailed(
  cli: Cli,
  stopped: StoppedExport,
  signal: NodeJS.Signals | undefined,
  error: unknown,
): Promise<unknown> {
  const { what, outPath, partialPath, file, written } = stopped;
  const reason = signal === undefined ? error : new CommandInterrupted(signal);
  if (file === undefined || outPath === undefined || partialPath === undefined) {
    if (written > 0 && !(error instanceof OutputClosed)) cli.warn(`Export stopped after ${count(written)} ${what.noun}.`);
    return reason;
  }
  if (error instanceof OutputClosed && file.errored) {
    return new CommandFailed(
      `cannot write ${partialPath}: ${file.errored.message}; it holds at most the first ${count(written)} ${what.noun}, ` +
        `and ${outPath} was left as it was`,
    );
  }
  // What the sink holds back (a CSV's first rows, a JSON array's end) goes to the file too.
  if (written > 0) await stopped.sink.end().catch(() => {});
  await closeFile(file).catch(() => {});
  if (written === 0) {
    await rm(partialPath, { force: true });
    return reason;
  }
  cli.warn(
    `Export stopped after ${count(written)} ${what.noun}: ${partialPath} holds them, and ${outPath} was left as it was. ` +
      `A scroll cannot be resumed: run the same command again to export from the start (if Intercom refuses with ` +
      `scroll_exists, the command waits up to ${SCROLL_WAIT_MS / 1000} s for the stopped scroll to close).`,
  );
  return reason;
}

/** Registers `users export`, `companies export` and `contacts export`. */
export function registerExportCommands(cli: Cli, program: Command): void {
  for (const what of EXPORTABLE) {
    leaf(group(program, what.group), 'export', `every ${what.noun.replace(/s$/, '')} through a scroll, streamed`)
      .option('--out <file>', 'write to this file (format from its extension: .csv, .json, else jsonl) instead of stdout')
      .addHelpText(
        'after',
        `\nA progress line (count, rate, time elapsed) shows on stderr when it is a terminal, and a summary at the end.\n` +
          'Only one scroll may be open per app at a time, across users, companies and leads: when another is open,\n' +
          `the export waits for it to close (at most ${SCROLL_WAIT_MS / 1000} s, a countdown on stderr; Ctrl-C stops).\n` +
          'With --out FILE, records go to FILE.partial, renamed to FILE at the end: a failed or stopped export\n' +
          'leaves an earlier FILE as it was. Stopped by Ctrl-C, it exits 130 (SIGTERM: 143).\n',
      )
      .action(handler((command) => runExport(cli, command, what)));
  }
}
