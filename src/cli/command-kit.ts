/**
 * Small helpers for declaring commands with commander: command groups, leaf commands with the
 * global options, option parsers that turn bad values into usage errors.
 *
 * @module
 */
import { type Command, InvalidArgumentError } from 'commander';
import { addGlobalOptions } from './context.js';
import { CommandInterrupted, UsageError } from './usage-error.js';

/** The command groups (`intercom <group> <command>`), in the order help lists them. */
export const GROUPS = {
  users: 'users: get, find, list, export, import, create',
  contacts: 'leads (API 1.x calls them contacts): get, find, list, export',
  companies: 'companies: get, find, list, users, export',
  customers: 'search across users and leads',
  admins: 'admins (teammates): get, me, list',
  teams: 'teams of admins: get, list',
  tags: 'tags: get, find, list, tag, untag',
  segments: 'segments of users and companies: get, list',
  notes: "notes on users and leads: get, a user's notes",
  conversations: 'conversations: get, list, reply',
  messages: 'messages: send',
  events: "data events: a user's events, import",
  counts: 'counts of users, companies, conversations',
  subscriptions: 'webhook subscriptions: get, list (API 1.x only: 2.x moved them to the Developer Hub)',
  jobs: 'bulk jobs (the imports make them): get, errors, wait (API 1.x; on 2.x an import runs its own)',
  webhooks: 'webhook notifications: verify a signature, listen for them',
} as const;

/** The command group `name` (`intercom users ...`), created on first use by whichever family needs it. */
export function group(program: Command, name: keyof typeof GROUPS): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing !== undefined) return existing;
  return program.command(name).description(GROUPS[name]);
}

/** Commands made by {@link leaf}: they get the global options once all their own are declared. */
const leaves = new WeakSet<Command>();

/** A command under `parent` that talks to the API: it takes the global options too. */
export function leaf(parent: Command, nameAndArgs: string, description: string): Command {
  const command = parent.command(nameAndArgs).description(description);
  leaves.add(command);
  return command;
}

/** Makes an existing command (a group with an action of its own, such as `counts`) take the global options. */
export function asLeaf(command: Command): Command {
  leaves.add(command);
  return command;
}

/** Adds the global options to every {@link leaf} under `program`, after its own (so help lists those first). */
export function finishLeaves(program: Command): void {
  for (const command of program.commands) {
    if (leaves.has(command)) addGlobalOptions(command);
    finishLeaves(command);
  }
}

/**
 * Wraps a command handler for commander's `.action()`: the handler gets the command (for its
 * options) and its positional arguments.
 */
export function handler(run: (command: Command, args: string[]) => Promise<void>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    await run(command, command.processedArgs as string[]);
  };
}

/** The command's own option values. */
export const optionsOf = (command: Command): Record<string, unknown> => command.opts();

/** A string option's value, if given. */
export function stringOption(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' ? value : undefined;
}

/** Parser of a whole number >= `min` (for `.argParser`). */
export const integerArg =
  (min: number) =>
  (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`must be a whole number >= ${min}.`);
    return n;
  };

/** Parser of a repeatable option: collects the values. */
export const repeatable = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Parser of a repeatable `key=value` option. */
export function keyValueArg(value: string, previous: Array<[string, string]> | undefined): Array<[string, string]> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got '${value}'.`);
  return [...(previous ?? []), [value.slice(0, eq), value.slice(eq + 1)]];
}

/**
 * Exactly one of `keys` (option attribute names) must be given; returns it and its value. `flags`
 * names them in the message.
 */
export function exactlyOne<K extends string>(options: Record<string, unknown>, keys: readonly K[]): [K, string] {
  const given = keys.filter((key) => options[key] !== undefined);
  const flag = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (given.length !== 1) {
    throw new UsageError(
      given.length === 0
        ? `give one of ${keys.map(flag).join(', ')}`
        : `give only one of ${keys.map(flag).join(', ')} (got ${given.map(flag).join(' and ')})`,
    );
  }
  const key = given[0] as K;
  return [key, String(options[key])];
}

/** At most `limit` items of `items` (all of them without a limit). */
export async function* upTo<T>(items: AsyncIterable<T>, limit: number | undefined): AsyncGenerator<T> {
  if (limit === undefined) {
    yield* items;
    return;
  }
  if (limit <= 0) return;
  let n = 0;
  for await (const item of items) {
    yield item;
    n += 1;
    if (n >= limit) return;
  }
}

/** A way to stop a command from outside: SIGINT (Ctrl-C) or SIGTERM, as an abort signal. */
export interface StopSignal {
  /** Aborts at the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Stops listening (the default handling of the signals comes back). */
  dispose(): void;
}

/**
 * Listens for SIGINT and SIGTERM while a command works, so that it can stop cleanly (an export keeps
 * what it wrote under a name that says it is partial) instead of dying mid-write.
 */
export function stopOnSignal(): StopSignal {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const stop = (name: NodeJS.Signals): void => {
    if (received !== undefined) return;
    received = name;
    controller.abort(new CommandInterrupted(name));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose() {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/** Resolves at the first SIGINT or SIGTERM: how long-running commands (`sandbox`, `webhooks listen`) wait. */
export function untilStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
