/**
 * `intercom users import FILE` and `intercom events import FILE`: every row checked first (bad rows
 * reported with their line numbers; nothing is sent for them), then the good ones sent through bulk
 * jobs in chunks, each job followed to its end and its error feed reported by line; last, the tags
 * of the user rows (which a bulk job cannot carry) are given to the users that landed. Exit 0 only
 * when every row landed. User rows are upserts, so running the same import again is safe; whatever
 * `users export` writes (CSV, JSON Lines, JSON) imports again.
 *
 * @module
 */
import { extname } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  BadRequestError,
  type BulkUserItem,
  type Client,
  type CreateEventParams,
  type FinishedJob,
  IntercomError,
  type Job,
  type JsonObject,
  type RequestOptions,
  type TagUserItem,
} from '../index.js';
import { group, handler, integerArg, leaf, optionsOf } from './command-kit.js';
import type { Cli } from './context.js';
import type { InputFormat } from './import-files.js';
import { eventRows, type Row, type UserColumns, userRows } from './import-rows.js';
import { count, duration } from './progress.js';
import { CommandFailed, UsageError } from './usage-error.js';

/** Items a bulk request carries at most (Intercom's working limit). */
export const MAX_CHUNK = 100;
/** Milliseconds between two reads of a job's state. */
const POLL_INTERVAL_MS = 500;

/** What differs between the user and the event import. */
interface Importer {
  noun: string;
  rows(path: string, format: InputFormat, command: Command): AsyncIterable<Row<JsonObject>>;
  submit(client: Client, items: JsonObject[], jobId: string | undefined, options: RequestOptions): Promise<Job>;
  /** What names an item in the job's error feed (from the item's data as sent). */
  key(data: JsonObject): string;
}

/** The users to give a tag, once their bulk jobs have ended: by item key, with how to name them. */
type TagPlan = Map<string, Map<string, TagUserItem>>;

/** How a tag names a user item: user_id, else email, else Intercom id (the order users are matched in). */
function tagUserOf(item: JsonObject): TagUserItem {
  if (typeof item.user_id === 'string' || typeof item.user_id === 'number') return { user_id: item.user_id };
  if (typeof item.email === 'string') return { email: item.email };
  return { id: String(item.id) };
}

/**
 * Gives each tag of {@link TagPlan} to its users that landed (`rejected`: item keys the jobs refused),
 * {@link MAX_CHUNK} users a request. Returns how many users could not be tagged.
 */
async function applyTags(
  cli: Cli,
  client: Client,
  plan: TagPlan,
  rejected: ReadonlySet<string>,
  context: { path: string; requestOptions: RequestOptions },
): Promise<number> {
  let failed = 0;
  for (const [name, users] of plan) {
    const landed = [...users].filter(([key]) => !rejected.has(key)).map(([, user]) => user);
    for (let i = 0; i < landed.length; i += MAX_CHUNK) {
      const chunk = landed.slice(i, i + MAX_CHUNK);
      try {
        await client.tags.tag({ name, users: chunk }, context.requestOptions);
      } catch (error) {
        if (!(error instanceof IntercomError)) throw error;
        failed += chunk.length;
        cli.warn(`${context.path}: could not give tag '${name}' to ${count(chunk.length)} user(s): ${error.message}`);
      }
    }
  }
  return failed;
}

/** A job and the lines of the rows it carries, by item key. */
interface JobRun {
  job: Job;
  lines: Map<string, number[]>;
  items: number;
}

/** `1 row`, `2 rows`. */
const rowCount = (n: number): string => `${count(n)} row${n === 1 ? '' : 's'}`;

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** Users are matched by user_id, else email, else id: the same order names them in the error feed. */
const userKey = (data: JsonObject): string => {
  const userId = textOf(data.user_id);
  if (userId !== undefined) return `user_id:${userId}`;
  const email = textOf(data.email);
  if (email !== undefined) return `email:${email.toLowerCase()}`;
  return `id:${textOf(data.id) ?? ''}`;
};

function inputFormat(command: Command, path: string): InputFormat {
  const given = optionsOf(command).inputFormat as InputFormat | undefined;
  if (given !== undefined) return given;
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.json') return 'json';
  throw new UsageError(`cannot tell the format of ${path} from its name: pass --input-format csv, jsonl or json`);
}

async function runImport(cli: Cli, command: Command, path: string, importer: Importer): Promise<void> {
  const options = optionsOf(command);
  const format = inputFormat(command, path);
  const chunkSize = options.chunkSize as number;
  const started = Date.now();

  // 1. Check every row; report the bad ones.
  let good = 0;
  let bad = 0;
  const checking = cli.progress(command, (n) => `checking ${path}: ${rowCount(n)}`);
  for await (const row of importer.rows(path, format, command)) {
    checking.add(1);
    if (row.error === undefined) good += 1;
    else {
      bad += 1;
      cli.warn(`${path}:${row.line}: ${row.error}`);
    }
  }
  cli.clearProgress();
  const total = good + bad;
  if (options.dryRun === true) {
    cli.note(command, `Dry run: ${count(good)} of ${count(total)} rows are valid, ${count(bad)} bad; nothing was sent.`);
    if (bad > 0) throw new CommandFailed('bad rows', true);
    return;
  }
  if (good === 0) {
    cli.note(command, `Nothing to import: ${count(bad)} bad rows, no valid one.`);
    if (bad > 0) throw new CommandFailed('bad rows', true);
    return;
  }

  // 2. Send the good rows in chunks, appended to an open job (a new one when it closes).
  const client = await cli.client(command);
  const requestOptions = cli.requestOptions(command);
  const runs: JobRun[] = [];
  const tagPlan: TagPlan = new Map();
  const sending = cli.progress(command, (n, ms) => `sending ${path}: ${count(n)} of ${rowCount(good)}, ${duration(ms)}`);
  let chunk: Array<Row<JsonObject> & { item: JsonObject }> = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const items = chunk.map((row) => row.item);
    let run = runs.at(-1);
    let job: Job;
    try {
      job = await importer.submit(client, items, run?.job.id, requestOptions);
    } catch (error) {
      // The job stopped taking items (15 minutes after it opened): start another.
      if (!(run !== undefined && error instanceof BadRequestError && error.code === 'job_closed')) throw error;
      run = undefined;
      job = await importer.submit(client, items, undefined, requestOptions);
    }
    if (run === undefined || run.job.id !== job.id) {
      run = { job, lines: new Map(), items: 0 };
      runs.push(run);
    }
    for (const row of chunk) {
      const key = importer.key(row.item);
      for (const tag of row.tags ?? []) {
        const users = tagPlan.get(tag) ?? new Map<string, TagUserItem>();
        users.set(key, tagUserOf(row.item));
        tagPlan.set(tag, users);
      }
      const lines = run.lines.get(key);
      if (lines === undefined) run.lines.set(key, [row.line]);
      else lines.push(row.line);
    }
    run.items += chunk.length;
    sending.add(chunk.length);
    chunk = [];
  };
  try {
    for await (const row of importer.rows(path, format, command)) {
      if (row.error !== undefined) continue;
      chunk.push(row);
      if (chunk.length >= chunkSize) await flush();
    }
    await flush();
  } catch (error) {
    if (sending.count > 0) {
      const jobs = runs.map((run) => run.job.id).join(', ');
      cli.warn(`Stopped after sending ${count(sending.count)} of ${rowCount(good)} (bulk job ${jobs}); the error follows.`);
    }
    throw error;
  }
  cli.clearProgress();

  // 3. Follow each job to its end; report its failed items by line.
  let rejected = 0;
  const rejectedKeys = new Set<string>();
  const timeout = (options.waitTimeout as number) * 1000;
  for (const run of runs) {
    cli.note(command, `Waiting for bulk job ${run.job.id} (${rowCount(run.items)})...`);
    // The wait's own timeout is checked between status reads; the signal also ends a read that hangs.
    const finished: FinishedJob = await client.jobs.wait(run.job, {
      timeout,
      interval: POLL_INTERVAL_MS,
      signal: AbortSignal.timeout(timeout + requestOptions.timeout),
    });
    if (finished.state === 'completed') continue;
    const feed = await client.jobs.errors(finished, requestOptions);
    for (const entry of feed.items) {
      rejectedKeys.add(importer.key(entry.data ?? {}));
      const line = run.lines.get(importer.key(entry.data ?? {}))?.shift();
      const where = line === undefined ? `${path}: an item of job ${run.job.id}` : `${path}:${line}`;
      cli.warn(`${where}: rejected by Intercom: ${entry.error.message} (${entry.error.code})`);
    }
    if (finished.state === 'failed' && feed.items.length === 0) {
      cli.warn(`${path}: bulk job ${run.job.id} failed; none of its ${rowCount(run.items)} can be counted as imported`);
      rejected += run.items;
      for (const key of run.lines.keys()) rejectedKeys.add(key);
    } else {
      rejected += feed.items.length;
    }
  }

  // 4. Tags: a bulk job cannot carry them; each tag goes to its users that landed.
  const untagged = await applyTags(cli, client, tagPlan, rejectedKeys, { path, requestOptions });

  const landed = good - rejected;
  const jobs = runs.length === 1 ? `1 bulk job (${runs[0]?.job.id})` : `${runs.length} bulk jobs`;
  const tags = tagPlan.size === 0 ? '' : `, ${count(tagPlan.size)} tag${tagPlan.size === 1 ? '' : 's'} given`;
  cli.note(
    command,
    `Imported ${count(landed)} of ${count(total)} rows in ${duration(Date.now() - started)}: ` +
      `${count(bad)} bad, ${count(rejected)} rejected by Intercom; ${jobs}${tags}.`,
  );
  if (landed < total || untagged > 0) throw new CommandFailed('not every row landed', true);
}

const USER_IMPORT_HELP = `
Columns (CSV) or keys (JSON Lines, JSON array):
  user_id, email        match the user (upsert): user_id first, else email; id (Intercom's) only without either
  name, phone, last_seen_ip, last_seen_user_agent, owner_id, unsubscribed_from_emails (true/false)
  signed_up_at, remote_created_at, last_request_at   epoch seconds or ISO 8601 dates (UTC unless an offset is given);
                        a number too large for seconds (milliseconds, as Date.now() gives) is a bad row
  custom_attributes.<name>   a custom attribute; a CSV value reads as a number or true/false when it is exactly one
  companies             the user's companies: company_ids joined by ';' (CSV), or company objects (JSON)
  tags                  tag names joined by ';' (CSV), or tag objects (JSON): given once the users have landed
  --attr plan=Plan           the column 'Plan' holds the custom attribute 'plan'
  Columns an export carries that Intercom sets itself (created_at, session_count, segments...) are skipped:
  whatever 'intercom users export' writes, in any format, imports again.
  Other columns are an error. An empty cell leaves the field as it is.
`;

const EVENT_IMPORT_HELP = `
Each line (or item of a JSON array) is an event object as 'events.create' takes it:
  {"event_name": "ordered-item", "created_at": 1714560000, "email": "bob@example.com", "metadata": {"order_id": "A1"}}
  created_at: epoch seconds (not milliseconds) or an ISO 8601 date; the user by user_id, email or id (Intercom's).
  Lines printed by 'intercom events list --format jsonl' work as they are.
Events are not upserts: importing a file twice records its events twice (unless Intercom drops duplicates).
`;

const commonOptions = (command: Command): Command =>
  command
    .option('--dry-run', 'check every row and report; send nothing')
    .addOption(
      new Option('--chunk-size <n>', `items per bulk request, 1 to ${MAX_CHUNK}`)
        .argParser((v) => {
          const n = integerArg(1)(v);
          if (n > MAX_CHUNK) throw new InvalidArgumentError(`must be at most ${MAX_CHUNK}.`);
          return n;
        })
        .default(MAX_CHUNK),
    )
    .addOption(
      new Option('--wait-timeout <seconds>', 'longest wait for a bulk job to end').argParser(integerArg(1)).default(300),
    );

/** Registers `users import` and `events import`. */
export function registerImportCommands(cli: Cli, program: Command): void {
  let reportedIgnored = false;
  const userImporter: Importer = {
    noun: 'users',
    rows: (path, format, command) => {
      const attr = (optionsOf(command).attr as Array<[string, string]> | undefined) ?? [];
      if (attr.length > 0 && format !== 'csv') throw new UsageError('--attr maps CSV columns; JSON rows use custom_attributes');
      const onColumns = (columns: UserColumns): void => {
        if (columns.ignored.length > 0 && !reportedIgnored) {
          reportedIgnored = true;
          cli.note(command, `Skipping columns Intercom sets itself: ${columns.ignored.join(', ')}`);
        }
      };
      return userRows(path, format, attr, onColumns);
    },
    submit: (client, items, jobId, options) =>
      client.users.submitBulkJob(
        {
          // Each item passed the client's own checks when its row was read.
          create_items: items as unknown as BulkUserItem[],
          ...(jobId === undefined ? {} : { job_id: jobId }),
        },
        options,
      ),
    key: userKey,
  };
  commonOptions(leaf(group(program, 'users'), 'import <file>', 'create or update users from a CSV, JSON Lines or JSON file'))
    .addOption(
      new Option('--input-format <format>', 'csv, jsonl or json (default: from the file name)').choices(['csv', 'jsonl', 'json']),
    )
    .option(
      '--attr <name=column>',
      'read custom attribute <name> from CSV column <column> (repeatable)',
      (value: string, previous: Array<[string, string]> | undefined) => {
        const eq = value.indexOf('=');
        if (eq <= 0 || eq === value.length - 1) throw new InvalidArgumentError(`expected <name>=<column>, got '${value}'.`);
        return [...(previous ?? []), [value.slice(0, eq), value.slice(eq + 1)] as [string, string]];
      },
    )
    .addHelpText('after', USER_IMPORT_HELP)
    .action(handler((command, [path]) => runImport(cli, command, path as string, userImporter)));

  const eventImporter: Importer = {
    noun: 'events',
    rows: (path, format) => {
      if (format === 'csv') throw new UsageError('events import reads JSON Lines (.jsonl) or a JSON array (.json)');
      return eventRows(path, format);
    },
    submit: (client, items, jobId, options) =>
      client.events.submitBulkJob(
        {
          create_items: items as unknown as CreateEventParams[],
          ...(jobId === undefined ? {} : { job_id: jobId }),
        },
        options,
      ),
    key: (data) =>
      `${textOf(data.user_id) ?? textOf(data.email)?.toLowerCase() ?? textOf(data.id)}|${String(data.event_name).toLowerCase()}|${String(data.created_at)}`,
  };
  commonOptions(leaf(group(program, 'events'), 'import <file>', 'record events from a JSON Lines (or JSON) file'))
    .addOption(new Option('--input-format <format>', 'jsonl or json (default: from the file name)').choices(['jsonl', 'json']))
    .addHelpText('after', EVENT_IMPORT_HELP)
    .action(handler((command, [path]) => runImport(cli, command, path as string, eventImporter)));
}
