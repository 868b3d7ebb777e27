/**
 * Reading: `intercom <resource> get <id>`, `find --<identifier> <value>` and `list [filters]` for
 * every resource of the client.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import { type Client, type ListUsersParams, type Tag, UnavailableOnApi2Error } from '../index.js';
import { exactlyOne, group, handler, integerArg, leaf, optionsOf, stringOption, upTo } from './command-kit.js';
import type { Cli } from './context.js';
import { CommandFailed } from './usage-error.js';
import { VIEWS } from './views.js';

const limitOption = (): Option =>
  new Option('--limit <n>', 'stop after n records (default: all of them)').argParser(integerArg(1));

/** `get <id>`: prints one record. */
function getCommand(
  cli: Cli,
  parent: Command,
  noun: string,
  view: (typeof VIEWS)[keyof typeof VIEWS],
  fetch: (command: Command, id: string) => Promise<object>,
): Command {
  return leaf(parent, 'get <id>', `show one ${noun} by Intercom id`).action(
    handler(async (command, [id]) => {
      await cli.printOne(command, await fetch(command, id as string), view);
    }),
  );
}

/** `list`: prints every record (or `--limit`). */
function listCommand(
  cli: Cli,
  parent: Command,
  description: string,
  view: (typeof VIEWS)[keyof typeof VIEWS],
  list: (command: Command, options: Record<string, unknown>) => Promise<AsyncIterable<object>>,
): Command {
  return leaf(parent, 'list', description)
    .addOption(limitOption())
    .action(
      handler(async (command) => {
        const options = optionsOf(command);
        const records = await list(command, options);
        await cli.print(command, upTo(records, options.limit as number | undefined), view);
      }),
    );
}

function users(cli: Cli, program: Command): void {
  const users = group(program, 'users');
  getCommand(cli, users, 'user', VIEWS.users, async (command, id) =>
    (await cli.client(command)).users.find({ id }, cli.requestOptions(command)),
  );
  leaf(users, 'find', 'show one user by email or user_id')
    .option('--email <email>', 'the email (several users with it: an error; use --user-id)')
    .option('--user-id <user_id>', 'your id of the user')
    .action(
      handler(async (command) => {
        const [key, value] = exactlyOne(optionsOf(command), ['email', 'userId']);
        const client = await cli.client(command);
        const user = await client.users.find(
          key === 'email' ? { email: value } : { user_id: value },
          cli.requestOptions(command),
        );
        await cli.printOne(command, user, VIEWS.users);
      }),
    );
  listCommand(cli, users, 'list users, newest first (at most 10,000: use export for more)', VIEWS.users, async (command, o) => {
    const params: ListUsersParams = {};
    const tagId = stringOption(o, 'tagId');
    const tagName = stringOption(o, 'tagName');
    const segmentId = stringOption(o, 'segmentId');
    const email = stringOption(o, 'email');
    if (tagId !== undefined) params.tag_id = tagId;
    if (tagName !== undefined) params.tag_name = tagName;
    if (segmentId !== undefined) params.segment_id = segmentId;
    if (email !== undefined) params.email = email;
    if (o.createdSince !== undefined) params.created_since = o.createdSince as number;
    if (o.sort !== undefined) params.sort = o.sort as NonNullable<ListUsersParams['sort']>;
    if (o.order !== undefined) params.order = o.order as 'asc' | 'desc';
    const client = await cli.client(command);
    return Object.keys(params).length === 0
      ? client.users.all(cli.requestOptions(command))
      : client.users.findAll(params, cli.requestOptions(command));
  })
    .option('--tag-id <id>', 'only users with this tag')
    .option('--tag-name <name>', 'only users with this tag')
    .option('--segment-id <id>', 'only users in this segment')
    .option('--email <email>', 'only users with this email (API 1.1+)')
    .addOption(new Option('--created-since <days>', 'only users created in the last n days').argParser(integerArg(0)))
    .addOption(
      new Option('--sort <field>', 'sort field').choices(['created_at', 'last_request_at', 'signed_up_at', 'updated_at']),
    )
    .addOption(new Option('--order <order>', 'sort order').choices(['asc', 'desc']));
}

function contacts(cli: Cli, program: Command): void {
  const contacts = group(program, 'contacts');
  getCommand(cli, contacts, 'lead', VIEWS.contacts, async (command, id) =>
    (await cli.client(command)).contacts.find({ id }, cli.requestOptions(command)),
  );
  leaf(contacts, 'find', 'show the lead with a user_id, or the leads with an email')
    .option('--email <email>', 'every lead with this email (emails are not unique among leads)')
    .option('--user-id <user_id>', "the lead's user_id")
    .action(
      handler(async (command) => {
        const [key, value] = exactlyOne(optionsOf(command), ['email', 'userId']);
        const client = await cli.client(command);
        if (key === 'email')
          await cli.print(command, client.contacts.findAll({ email: value }, cli.requestOptions(command)), VIEWS.contacts);
        else
          await cli.printOne(
            command,
            await client.contacts.find({ user_id: value }, cli.requestOptions(command)),
            VIEWS.contacts,
          );
      }),
    );
  listCommand(cli, contacts, 'list leads, newest first (use export for many)', VIEWS.contacts, async (command, o) => {
    const client = await cli.client(command);
    const email = stringOption(o, 'email');
    return email === undefined
      ? client.contacts.all(cli.requestOptions(command))
      : client.contacts.findAll({ email }, cli.requestOptions(command));
  }).option('--email <email>', 'only leads with this email');
}

function companies(cli: Cli, program: Command): void {
  const companies = group(program, 'companies');
  getCommand(cli, companies, 'company', VIEWS.companies, async (command, id) =>
    (await cli.client(command)).companies.find({ id }, cli.requestOptions(command)),
  );
  leaf(companies, 'find', 'show one company by company_id or name')
    .option('--company-id <company_id>', 'your id of the company')
    .option('--name <name>', 'its exact name')
    .action(
      handler(async (command) => {
        const [key, value] = exactlyOne(optionsOf(command), ['companyId', 'name']);
        const client = await cli.client(command);
        const company = await client.companies.find(
          key === 'name' ? { name: value } : { company_id: value },
          cli.requestOptions(command),
        );
        await cli.printOne(command, company, VIEWS.companies);
      }),
    );
  listCommand(cli, companies, 'list companies (use export for many)', VIEWS.companies, async (command, o) => {
    const client = await cli.client(command);
    const tagId = stringOption(o, 'tagId');
    const segmentId = stringOption(o, 'segmentId');
    if (tagId === undefined && segmentId === undefined) return client.companies.all(cli.requestOptions(command));
    return client.companies.findAll(
      {
        ...(tagId === undefined ? {} : { tag_id: tagId }),
        ...(segmentId === undefined ? {} : { segment_id: segmentId }),
      },
      cli.requestOptions(command),
    );
  })
    .option('--tag-id <id>', 'only companies with this tag')
    .option('--segment-id <id>', 'only companies in this segment');
  leaf(companies, 'users <id>', "list a company's users, by Intercom id of the company")
    .addOption(limitOption())
    .action(
      handler(async (command, [id]) => {
        const client = await cli.client(command);
        const limit = optionsOf(command).limit as number | undefined;
        await cli.print(
          command,
          upTo(client.companies.usersByIntercomCompanyId(id as string, cli.requestOptions(command)), limit),
          VIEWS.users,
        );
      }),
    );
}

function admins(cli: Cli, program: Command): void {
  const admins = group(program, 'admins');
  getCommand(cli, admins, 'admin', VIEWS.admins, async (command, id) =>
    (await cli.client(command)).admins.find({ id }, cli.requestOptions(command)),
  );
  leaf(admins, 'me', 'show the admin the token belongs to, with its app').action(
    handler(async (command) => {
      await cli.printOne(command, await (await cli.client(command)).admins.me(cli.requestOptions(command)), VIEWS.admins);
    }),
  );
  listCommand(cli, admins, 'list admins (and teams, as the API lists them)', VIEWS.admins, async (command) =>
    (await cli.client(command)).admins.all(cli.requestOptions(command)),
  );
}

function teams(cli: Cli, program: Command): void {
  const teams = group(program, 'teams');
  getCommand(cli, teams, 'team', VIEWS.teams, async (command, id) =>
    (await cli.client(command)).teams.find({ id }, cli.requestOptions(command)),
  );
  listCommand(cli, teams, 'list teams', VIEWS.teams, async (command) =>
    (await cli.client(command)).teams.all(cli.requestOptions(command)),
  );
}

/** The tag with `id` or `name`, from the tag list (the API has no lookup of one tag). */
async function findTag(cli: Cli, command: Command, key: 'id' | 'name', value: string): Promise<Tag> {
  const client = await cli.client(command);
  for await (const tag of client.tags.all(cli.requestOptions(command))) {
    if (key === 'id' ? tag.id === value : tag.name.toLowerCase() === value.toLowerCase()) return tag;
  }
  throw new CommandFailed(`no tag with ${key} '${value}'`);
}

function tags(cli: Cli, program: Command): void {
  const tags = group(program, 'tags');
  getCommand(cli, tags, 'tag', VIEWS.tags, (command, id) => findTag(cli, command, 'id', id));
  leaf(tags, 'find', 'show the tag with a name (names ignore case)')
    .requiredOption('--name <name>', 'the tag name')
    .action(
      handler(async (command) => {
        await cli.printOne(command, await findTag(cli, command, 'name', optionsOf(command).name as string), VIEWS.tags);
      }),
    );
  listCommand(cli, tags, 'list tags', VIEWS.tags, async (command) =>
    (await cli.client(command)).tags.all(cli.requestOptions(command)),
  );
}

function segments(cli: Cli, program: Command): void {
  const segments = group(program, 'segments');
  leaf(segments, 'get <id>', 'show one segment by id')
    .option('--include-count', 'with the number of members')
    .action(
      handler(async (command, [id]) => {
        const client = await cli.client(command);
        const includeCount = optionsOf(command).includeCount === true;
        const segment = await client.segments.find(
          { id: id as string, ...(includeCount ? { include_count: true } : {}) },
          cli.requestOptions(command),
        );
        await cli.printOne(command, segment, VIEWS.segments);
      }),
    );
  listCommand(cli, segments, 'list segments', VIEWS.segments, async (command, o) => {
    const client = await cli.client(command);
    if (o.type === undefined && o.includeCount === undefined) return client.segments.all(cli.requestOptions(command));
    return client.segments.findAll(
      {
        ...(o.type === undefined ? {} : { type: o.type as 'user' | 'company' }),
        ...(o.includeCount === true ? { include_count: true } : {}),
      },
      cli.requestOptions(command),
    );
  })
    .addOption(new Option('--type <type>', 'user segments (default) or company segments').choices(['user', 'company']))
    .option('--include-count', 'with the number of members');
}

/** `--email`, `--user-id` or `--id`: the user whose notes or events to read. */
const USER_FLAGS = ['email', 'userId', 'id'] as const;

function notes(cli: Cli, program: Command): void {
  const notes = group(program, 'notes');
  getCommand(cli, notes, 'note', VIEWS.notes, async (command, id) =>
    (await cli.client(command)).notes.find({ id }, cli.requestOptions(command)),
  );
  leaf(notes, 'find', "list a user's notes, newest first")
    .alias('list')
    .option('--email <email>', 'the user by email')
    .option('--user-id <user_id>', 'the user by user_id')
    .option('--id <id>', 'the user (or lead) by Intercom id')
    .addOption(limitOption())
    .action(
      handler(async (command) => {
        const options = optionsOf(command);
        const [key, value] = exactlyOne(options, USER_FLAGS);
        const client = await cli.client(command);
        const list = client.notes.findAll(
          key === 'email' ? { email: value } : key === 'userId' ? { user_id: value } : { id: value },
          cli.requestOptions(command),
        );
        await cli.print(command, upTo(list, options.limit as number | undefined), VIEWS.notes);
      }),
    );
}

function events(cli: Cli, program: Command): void {
  const events = group(program, 'events');
  leaf(events, 'find', "list a user's events of the last 90 days, newest first")
    .alias('list')
    .option('--email <email>', 'the user by email')
    .option('--user-id <user_id>', 'the user by user_id')
    .option('--id <id>', 'the user (or lead) by Intercom id')
    .option('--summary', 'how often the user did each event, instead of the events')
    .addOption(limitOption())
    .action(
      handler(async (command) => {
        const options = optionsOf(command);
        const [key, value] = exactlyOne(options, USER_FLAGS);
        const owner = key === 'email' ? { email: value } : key === 'userId' ? { user_id: value } : { intercom_user_id: value };
        const client = await cli.client(command);
        if (options.summary === true) {
          const summary = await client.events.summary({ type: 'user', ...owner }, cli.requestOptions(command));
          await cli.print(command, summary.events, { table: ['name', 'count', 'first', 'last', 'description'] });
          return;
        }
        const list = client.events.findAll({ type: 'user', ...owner }, cli.requestOptions(command));
        await cli.print(command, upTo(list, options.limit as number | undefined), VIEWS.events);
      }),
    );
}

function subscriptions(cli: Cli, program: Command): void {
  const subscriptions = group(program, 'subscriptions');
  getCommand(cli, subscriptions, 'subscription', VIEWS.subscriptions, async (command, id) =>
    (await cli.client(command)).subscriptions.find({ id }, cli.requestOptions(command)),
  );
  listCommand(cli, subscriptions, 'list subscriptions', VIEWS.subscriptions, async (command) =>
    (await cli.client(command)).subscriptions.all(cli.requestOptions(command)),
  );
}

/**
 * The client for a `jobs` command. On API 2.x the client runs bulk jobs itself, inside the process that
 * submitted them: a later command cannot see them, so it says so rather than answer "Job Not Found".
 */
async function jobsClient(cli: Cli, command: Command): Promise<Client> {
  if (cli.onApi2(command)) {
    throw new UnavailableOnApi2Error(
      'bulk jobs that another command can look up',
      'on 2.x the client runs a bulk job inside the command that submitted it; users import and events import wait for their own jobs and report their failed rows',
    );
  }
  return cli.client(command);
}

function jobs(cli: Cli, program: Command): void {
  const jobs = group(program, 'jobs');
  getCommand(cli, jobs, 'job', VIEWS.jobs, async (command, id) =>
    (await jobsClient(cli, command)).jobs.find({ id }, cli.requestOptions(command)),
  );
  leaf(jobs, 'errors <id>', "list a job's failed items, with the reason").action(
    handler(async (command, [id]) => {
      const feed = await (await jobsClient(cli, command)).jobs.errors({ id: id as string }, cli.requestOptions(command));
      await cli.print(command, feed.items, VIEWS.jobErrors);
    }),
  );
  leaf(jobs, 'wait <id>', 'wait until a job ends, then show it')
    .addOption(new Option('--timeout <seconds>', 'give up after this long').argParser(integerArg(0)).default(300))
    .action(
      handler(async (command, [id]) => {
        const client = await jobsClient(cli, command);
        const timeout = (optionsOf(command).timeout as number) * 1000;
        // The wait's own timeout is checked between status reads; the signal also ends a read that hangs.
        const signal = AbortSignal.timeout(timeout + cli.requestOptions(command).timeout);
        const job = await client.jobs.wait(id as string, { timeout, signal });
        await cli.printOne(command, job, VIEWS.jobs);
      }),
    );
}

/** Registers the read commands of every resource. */
export function registerReadCommands(cli: Cli, program: Command): void {
  users(cli, program);
  contacts(cli, program);
  companies(cli, program);
  admins(cli, program);
  teams(cli, program);
  tags(cli, program);
  segments(cli, program);
  notes(cli, program);
  events(cli, program);
  subscriptions(cli, program);
  jobs(cli, program);
}
