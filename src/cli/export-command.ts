/**
 * `intercom users|companies|contacts export [--out FILE]`: every record through a scroll, streamed
 * to stdout or a file (constant memory), with a progress line on a terminal and a summary at the end.
 *
 * @module
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { Client } from '../index.js';
import { group, handler, leaf, optionsOf, stringOption } from './command-kit.js';
import type { Cli } from './context.js';
import { type Format, OutputClosed, type View } from './output.js';
import { count, duration, rate } from './progress.js';
import { CommandFailed, UsageError } from './usage-error.js';
import { VIEWS } from './views.js';

interface Exportable {
  group: 'users' | 'companies' | 'contacts';
  noun: string;
  view: View;
  scroll: (client: Client) => AsyncIterable<object>;
}

const EXPORTABLE: readonly Exportable[] = [
  {
    group: 'users',
    noun: 'users',
    view: VIEWS.users,
    scroll: (client) => client.users.scroll(),
  },
  {
    group: 'companies',
    noun: 'companies',
    view: VIEWS.companies,
    scroll: (client) => client.companies.scroll(),
  },
  {
    group: 'contacts',
    noun: 'leads',
    view: VIEWS.contacts,
    scroll: (client) => client.contacts.scroll(),
  },
];

/** The format of a file, from its extension: .csv, .json, else jsonl. */
export function formatOfFile(path: string): Format {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : 'jsonl';
}

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

async function runExport(cli: Cli, command: Command, what: Exportable): Promise<void> {
  const outPath = stringOption(optionsOf(command), 'out');
  const explicit = cli.globals(command).format;
  const format = explicit ?? (outPath === undefined ? cli.format(command) : formatOfFile(outPath));
  const client = await cli.client(command);
  const file = outPath === undefined ? undefined : await openOut(outPath);
  const sink = cli.sink(command, { view: what.view, format, ...(file === undefined ? {} : { out: file }) });
  const progress = cli.progress(
    command,
    (n, ms) => `${what.noun}: ${count(n)} exported, ${rate(n, ms)}, ${duration(ms)} elapsed`,
  );
  const where = outPath === undefined ? '' : ` to ${outPath}`;
  try {
    for await (const record of what.scroll(client)) {
      await sink.write(record);
      progress.add(1);
    }
    await sink.end();
    if (file !== undefined) {
      file.end();
      await once(file, 'close');
    }
  } catch (error) {
    file?.destroy();
    if (error instanceof OutputClosed && file?.errored) {
      throw new CommandFailed(
        `cannot write ${outPath}: ${file.errored.message}; it holds the first ${count(progress.count)} ${what.noun}`,
      );
    }
    if (progress.count > 0 && !(error instanceof OutputClosed)) {
      cli.warn(
        `Export stopped after ${count(progress.count)} ${what.noun}${outPath === undefined ? '' : `; ${outPath} is incomplete`}.`,
      );
    }
    throw error;
  }
  cli.clearProgress();
  const ms = progress.elapsed;
  cli.note(command, `Exported ${count(progress.count)} ${what.noun}${where} in ${duration(ms)} (${rate(progress.count, ms)}).`);
}

/** Registers `users export`, `companies export` and `contacts export`. */
export function registerExportCommands(cli: Cli, program: Command): void {
  for (const what of EXPORTABLE) {
    leaf(group(program, what.group), 'export', `every ${what.noun.replace(/s$/, '')} through a scroll, streamed`)
      .option('--out <file>', 'write to this file (format from its extension: .csv, .json, else jsonl) instead of stdout')
      .addHelpText(
        'after',
        `\nA progress line (count, rate, time elapsed) shows on stderr when it is a terminal, and a summary at the end.\n` +
          'Only one scroll may be open per app at a time, across users, companies and leads.\n',
      )
      .action(handler((command) => runExport(cli, command, what)));
  }
}
