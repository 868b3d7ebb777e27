import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { Cli } from '../../src/cli/context.js';
import { buildProgram, main } from '../../src/cli/main.js';
import { type CliRun, cliEnv, cliFor, runCli } from '../helpers/cli.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fx: SandboxFixture;

before(async () => {
  fx = await withSandbox();
});

after(async () => {
  await fx.done();
});

/** Runs the CLI in this process (quicker than a spawn for the many small reads), against the sandbox. */
async function inProcess(args: string[], env: Record<string, string> = { INTERCOM_TOKEN: fx.sandbox.token }): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  const code = await main([...args, '--base-url', fx.sandbox.url], out, err, env);
  return { code, stdout: String(out.read() ?? ''), stderr: String(err.read() ?? '') };
}

const lines = (text: string): unknown[] =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

test('users get, find and list; jsonl when piped; json, csv and table on request', async () => {
  const cli = cliFor(fx.sandbox);
  const bob = await fx.intercom.users.find({ email: 'bob@example.com' });

  const get = await cli(['users', 'get', bob.id]);
  assert.equal(get.code, 0, get.stderr);
  assert.deepEqual(
    lines(get.stdout).map((u) => (u as { email: string }).email),
    ['bob@example.com'],
  );

  const find = await cli(['users', 'find', '--user-id', String(bob.user_id), '--format', 'json']);
  assert.equal((JSON.parse(find.stdout) as { id: string }).id, bob.id);

  const list = await cli(['users', 'list']);
  assert.equal(list.code, 0, list.stderr);
  const listed = lines(list.stdout) as Array<{ type: string; email: string }>;
  assert.ok(listed.length >= 3);
  assert.ok(listed.every((u) => u.type === 'user'));
  assert.equal(lines((await cli(['users', 'list', '--limit', '2'])).stdout).length, 2);

  const csv = await cli(['users', 'list', '--format', 'csv']);
  const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
  assert.deepEqual(rows.map((r) => r.email).sort(), listed.map((u) => u.email).sort());
  assert.ok('custom_attributes.karma' in (rows[0] ?? {}), 'custom attributes as dotted columns');

  const table = await cli(['users', 'list', '--format', 'table']);
  const [header, ...body] = table.stdout.trimEnd().split('\n');
  // Custom attributes head their columns by their own names.
  assert.match(header ?? '', /^id\s+user_id\s+email\s+name\s+average_monthly_spend\s+karma$/);
  assert.equal(body.length, listed.length);
  assert.ok(body.some((row) => /bob@example\.com\s+Bob Smith/.test(row)));

  // INTERCOM_BASE_URL and INTERCOM_TOKEN are enough.
  const env = await runCli(['users', 'get', bob.id], {
    env: cliEnv({ INTERCOM_TOKEN: fx.sandbox.token, INTERCOM_BASE_URL: fx.sandbox.url }),
  });
  assert.equal(env.code, 0, env.stderr);
  assert.equal((lines(env.stdout)[0] as { id: string }).id, bob.id);

  const single = await cli(['users', 'get', bob.id, '--format', 'table']);
  assert.match(single.stdout, /^email\s+bob@example\.com$/m);
  assert.match(single.stdout, /^created_at\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m, 'timestamps as dates in a table');
});

test('the other resources read: companies, contacts, admins, teams, tags, segments, notes, events, subscriptions, jobs', async () => {
  const ok = async (args: string[]): Promise<unknown[]> => {
    const run = await inProcess(args);
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    return run.stdout.trim() === '' ? [] : lines(run.stdout);
  };
  const company = (await ok(['companies', 'find', '--company-id', '6']))[0] as { id: string; name: string };
  assert.equal(company.name, 'Intercom');
  assert.equal(((await ok(['companies', 'get', company.id]))[0] as { id: string }).id, company.id);
  assert.ok((await ok(['companies', 'list'])).length >= 2);
  assert.ok((await ok(['companies', 'users', company.id])).length >= 1);
  assert.ok((await ok(['contacts', 'list'])).length >= 1);
  const me = (await ok(['admins', 'me']))[0] as { id: string; type: string };
  assert.equal(me.type, 'admin');
  assert.equal(((await ok(['admins', 'get', me.id]))[0] as { id: string }).id, me.id);
  assert.ok((await ok(['admins', 'list'])).length >= 1);
  const team = (await ok(['teams', 'list']))[0] as { id: string };
  assert.equal(((await ok(['teams', 'get', team.id]))[0] as { id: string }).id, team.id);
  const segment = (await ok(['segments', 'list', '--include-count']))[0] as { id: string };
  assert.equal(((await ok(['segments', 'get', segment.id]))[0] as { id: string }).id, segment.id);
  await fx.intercom.tags.create({ name: 'Green' });
  const tag = (await ok(['tags', 'find', '--name', 'green']))[0] as { id: string; name: string };
  assert.equal(tag.name, 'Green');
  assert.equal(((await ok(['tags', 'get', tag.id]))[0] as { name: string }).name, 'Green');
  const note = await fx.intercom.notes.create({ email: 'bob@example.com', body: 'Called about the invoice' });
  assert.equal(((await ok(['notes', 'get', note.id]))[0] as { body: string }).body, note.body);
  assert.ok((await ok(['notes', 'find', '--email', 'bob@example.com'])).some((n) => (n as { id: string }).id === note.id));
  await fx.intercom.events.create({ event_name: 'cli-tested', created_at: new Date(), email: 'bob@example.com' });
  assert.ok(
    (await ok(['events', 'list', '--email', 'bob@example.com'])).some(
      (e) => (e as { event_name: string }).event_name === 'cli-tested',
    ),
  );
  const summary = await ok(['events', 'find', '--email', 'bob@example.com', '--summary']);
  assert.ok(summary.some((s) => (s as { name: string; count: number }).name === 'cli-tested'));
  const sub = await fx.intercom.subscriptions.create({ url: 'http://127.0.0.1:8080/hooks', topics: ['user.created'] });
  assert.equal(((await ok(['subscriptions', 'get', sub.id]))[0] as { url: string }).url, 'http://127.0.0.1:8080/hooks');
  assert.ok((await ok(['subscriptions', 'list'])).length >= 1);
  const job = await fx.intercom.users.submitBulkJob({ create_items: [{ user_id: 'j1' }, { id: 'missing-user' }] });
  const waited = (await ok(['jobs', 'wait', job.id]))[0] as { state: string };
  assert.equal(waited.state, 'completed_with_errors');
  assert.equal(((await ok(['jobs', 'get', job.id]))[0] as { id: string }).id, job.id);
  const errors = (await ok(['jobs', 'errors', job.id])) as Array<{ error: { code: string } }>;
  assert.deepEqual(
    errors.map((e) => e.error.code),
    ['not_found'],
  );
});

test('customers search: the query language reaches the API; a syntax error exits 2 with a pointer to the position', async () => {
  const cli = cliFor(fx.sandbox);
  await fx.intercom.users.create({
    user_id: 'plan-1',
    email: 'p1@example.com',
    name: 'Alice',
    custom_attributes: { plan: 'pro' },
  });
  await fx.intercom.users.create({
    user_id: 'plan-2',
    email: 'p2@example.com',
    name: 'Alice',
    custom_attributes: { plan: 'free' },
  });
  const found = await cli(['customers', 'search', '--query', 'name = Alice AND custom_attributes.plan IN [pro,team]']);
  assert.equal(found.code, 0, found.stderr);
  assert.deepEqual(
    (lines(found.stdout) as Array<{ user_id: string }>).map((c) => c.user_id),
    ['plan-1'],
  );
  const request = fx.sandbox.requests.findLast((r) => r.path === '/customers/search');
  assert.ok(request);
  assert.deepEqual((request.body as { query: unknown }).query, {
    operator: 'AND',
    value: [
      { field: 'name', operator: '=', value: 'Alice' },
      { field: 'custom_attributes.plan', operator: 'IN', value: ['pro', 'team'] },
    ],
  });
  assert.equal(request.headers['intercom-version'], 'Unstable');

  const before = fx.sandbox.requests.length;
  const bad = await cli(['customers', 'search', '--query', 'name = Alice AND plan IN pro']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /bad query: IN needs a list in brackets, such as \[pro, team\]; found 'pro' \(at column 26\)/);
  assert.match(bad.stderr, /\n {2}name = Alice AND plan IN pro\n {27}\^\n/);
  assert.equal(fx.sandbox.requests.length, before, 'nothing sent');
});

test('users create and tags tag change the state; write errors exit 1 with the Intercom code and request id', async () => {
  const cli = cliFor(fx.sandbox);
  const created = await cli(['users', 'create', '--email', 'dan@example.com', '--attr', 'plan=pro', '--attr', 'seats=3']);
  assert.equal(created.code, 0, created.stderr);
  const dan = fx.sandbox.store.users.get((lines(created.stdout)[0] as { id: string }).id);
  assert.deepEqual(dan?.custom_attributes, { plan: 'pro', seats: 3 });

  const tagged = await cli(['tags', 'tag', 'blue', '--user', 'dan@example.com', '--user', '1']);
  assert.equal(tagged.code, 0, tagged.stderr);
  const blue = lines(tagged.stdout)[0] as { id: string; name: string };
  assert.equal(blue.name, 'blue');
  assert.ok(dan?.tag_ids.includes(blue.id));
  assert.ok(fx.sandbox.store.userByUserId('1', 'user')?.tag_ids.includes(blue.id));
  assert.equal((await cli(['tags', 'untag', 'blue', '--user', 'dan@example.com'])).code, 0);
  assert.ok(!dan?.tag_ids.includes(blue.id));

  const unknown = await cli(['tags', 'tag', 'blue', '--user', 'nobody@example.com']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^intercom: ResourceNotFound: User Not Found \(HTTP 404, not_found, request \w+\)\n$/);
});

test('conversations get, list and reply; messages send; counts', async () => {
  const ok = async (args: string[]): Promise<unknown[]> => {
    const run = await inProcess(args);
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    return lines(run.stdout);
  };
  const store = fx.sandbox.store;
  const all = (await ok(['conversations', 'list'])) as Array<{ id: string; assignee: { id: string | null } }>;
  assert.deepEqual(all.map((c) => c.id).sort(), [...store.conversations.keys()].sort());
  const [first] = [...store.conversations.values()].filter((c) => c.assignee.type === 'admin');
  assert.ok(first);
  const admin = String(first.assignee.id);
  const inbox = (await ok(['conversations', 'list', '--admin', admin])) as Array<{ assignee: { id: string } }>;
  assert.ok(inbox.length >= 1 && inbox.every((c) => String(c.assignee.id) === admin));
  const bob = store.userByUserId('1', 'user');
  const bobs = (await ok(['conversations', 'list', '--user', 'bob@example.com'])) as Array<{ user: { id: string } }>;
  assert.ok(bobs.length >= 1 && bobs.every((c) => c.user.id === bob?.id));

  const shown = (await ok(['conversations', 'get', first.id]))[0] as { id: string; conversation_parts: unknown[] };
  assert.equal(shown.conversation_parts.length, first.parts.length);
  const table = await inProcess(['conversations', 'get', first.id, '--format', 'table']);
  assert.match(table.stdout, /^state\s+\w+$/m);
  assert.match(table.stdout, /\n\ncreated_at\s+part_type\s+author\s+body\n/, 'the parts as a table after the fields');

  const parts = first.parts.length;
  const replied = await cliFor(fx.sandbox)(['conversations', 'reply', first.id, '--admin', admin, '--body', 'On it']);
  assert.equal(replied.code, 0, replied.stderr);
  assert.equal(first.parts.length, parts + 1);
  assert.match(String(first.parts.at(-1)?.body), /On it/);
  await ok(['conversations', 'reply', first.id, '--admin', admin, '--type', 'close']);
  assert.equal(first.state, 'closed');
  await ok(['conversations', 'reply', 'last', '--user', 'bob@example.com', '--body', 'One more thing']);
  const latest = [...store.conversations.values()]
    .filter((c) => c.customer_id === bob?.id)
    .sort((a, b) => b.updated_at - a.updated_at)[0];
  assert.match(String(latest?.parts.at(-1)?.body), /One more thing/);

  const before = store.conversations.size;
  const sent = (await ok(['messages', 'send', '--admin', admin, '--to', 'bob@example.com', '--body', 'Welcome aboard']))[0] as {
    type: string;
  };
  assert.equal(sent.type, 'admin_message');
  const email = (
    await ok(['messages', 'send', '--admin', admin, '--to', '1', '--email', '--subject', 'Hi', '--body', 'Hello'])
  )[0] as {
    message_type: string;
    subject: string;
  };
  assert.deepEqual([email.message_type, email.subject], ['email', 'Hi']);
  const fromUser = (await ok(['messages', 'send', '--from-user', 'bob@example.com', '--body', 'Help please']))[0] as {
    type: string;
  };
  assert.equal(fromUser.type, 'user_message');
  assert.equal(store.conversations.size, before + 3, 'each message starts a conversation');

  const app = (await ok(['counts'])) as Array<{ name: string; count: number }>;
  assert.equal(app.find((c) => c.name === 'user')?.count, [...store.users.values()].filter((u) => u.role === 'user').length);
  const byAdmin = (await ok(['counts', '--type', 'conversation', '--count', 'admin'])) as Array<{ id: string; open: number }>;
  assert.ok(byAdmin.some((row) => row.id === admin));
  const companies = (await ok(['counts', '--type', 'company', '--count', 'user'])) as Array<{ name: string; company_id: string }>;
  assert.ok(companies.some((row) => row.company_id === '6' && row.name === 'Intercom'));

  for (const [args, message] of [
    [['conversations', 'reply', first.id, '--body', 'x'], /give --admin <id> \(an admin reply\) or --user/],
    [['conversations', 'reply', first.id, '--admin', admin, '--type', 'assignment'], /needs --assignee/],
    [['conversations', 'reply', first.id, '--admin', admin, '--type', 'note'], /--body is required for a note/],
    [['conversations', 'list', '--open'], /--open and --closed go with --admin/],
    [['messages', 'send', '--body', 'x'], /give one of --admin, --from-user, --from-lead/],
    [['messages', 'send', '--body', 'x', '--admin', admin, '--to', 'a@b.c', '--email'], /--email needs --subject/],
    [['counts', '--type', 'user'], /--type user needs --count/],
  ] as Array<[string[], RegExp]>) {
    const run = await inProcess(args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, message, args.join(' '));
  }
});

test('usage errors exit 2 with a message on stderr and nothing on stdout', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['users', 'find'], /give one of --email, --user-id/],
    [['users', 'find', '--email', 'a@example.com', '--user-id', '1'], /only one of/],
    [['users', 'list', '--limit', '0'], /--limit.*whole number >= 1/],
    [['users', 'list', '--format', 'xml'], /--format.*choices/],
    [['users', 'frobnicate'], /unknown command 'frobnicate'/],
    [['users', 'get'], /missing required argument 'id'/],
    [['users', 'list', '--nope'], /unknown option '--nope'/],
    [['users', 'create', '--name', 'x'], /give --email or --user-id/],
    [['users', 'list', '--api-version', 'v9'], /apiVersion/],
    // 2.7 to 2.16 are spoken (test/cli/api-v2.test.ts); 2.x versions before 2.7, and 3.x, are not.
    [['users', 'list', '--api-version', '2.0'], /no API 2\.0 the CLI speaks: give 1\.0 to 1\.4, 2\.7 to 2\.16 or Unstable/],
    [['--api-version', '2.6', 'admins', 'me'], /no API 2\.6 the CLI speaks/],
    [['--api-version', '3.0', 'admins', 'me'], /no API 3\.0 the CLI speaks/],
    [['users', 'export', '--request-timeout', '0'], /--request-timeout.*from 1/],
    [['tags', 'tag', 'x', '--user', 'a', '--company', 'b'], /not both/],
  ];
  const runs = await Promise.all(cases.map(([args]) => inProcess(args)));
  runs.forEach((run, i) => {
    const [args, message] = cases[i] as [string[], RegExp];
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(' '));
    assert.equal(run.stdout, '', args.join(' '));
  });
  const noToken = await runCli(['users', 'list', '--base-url', fx.sandbox.url], { env: cliEnv() });
  assert.equal(noToken.stdout, '');
  assert.equal(noToken.code, 2);
  assert.match(noToken.stderr, /no access token: pass --token or set INTERCOM_TOKEN/);
  const badToken = await runCli(['users', 'list', '--base-url', fx.sandbox.url, '--token', 'wrong']);
  assert.equal(badToken.code, 1);
  assert.match(badToken.stderr, /AuthenticationError: .*HTTP 401, unauthorized, request \w+/);
});

test('--sandbox runs a command against an embedded sandbox, with no token', async () => {
  const run = await runCli(['users', 'find', '--email', 'bob@example.com', '--sandbox']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal((lines(run.stdout)[0] as { name: string }).name, 'Bob Smith');
  assert.match(run.stderr, /^Embedded sandbox at http:\/\/127\.0\.0\.1:\d+/);
  const quiet = await runCli(['--sandbox', '--quiet', 'users', 'list', '--limit', '1']);
  assert.equal(quiet.stderr, '');
  assert.equal(lines(quiet.stdout).length, 1);
});

/** Every command path under `command`, leaves and groups. */
function paths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((c) => [[...prefix, c.name()], ...paths(c, [...prefix, c.name()])]);
}

test('--help on every command: exit 0, its usage on stdout', async () => {
  const program = buildProgram(new Cli({ stdout: new PassThrough(), stderr: new PassThrough(), env: {} }));
  const all = paths(program);
  assert.ok(all.length > 40, `${all.length} commands`);
  for (const path of [[], ...all]) {
    const out = new PassThrough();
    const err = new PassThrough();
    const code = await main([...path, '--help'], out, err, {});
    const text = String(out.read() ?? '');
    assert.equal(code, 0, path.join(' '));
    assert.ok(
      text.startsWith(`Usage: intercom${path.length ? ` ${path.join(' ')}` : ''}`),
      `${path.join(' ')}: ${text.slice(0, 80)}`,
    );
  }
  // A group without its command: its help on stderr, exit 2.
  const err = new PassThrough();
  assert.equal(await main(['users'], new PassThrough(), err, {}), 2);
  assert.match(String(err.read()), /Usage: intercom users/);
  assert.equal(await main([], new PassThrough(), new PassThrough(), {}), 2);
  // `help <command>` and -v, as before commander.
  const help = new PassThrough();
  assert.equal(await main(['help', 'users'], help, new PassThrough(), {}), 0);
  assert.match(String(help.read()), /^Usage: intercom users/);
  const version = new PassThrough();
  assert.equal(await main(['-v'], version, new PassThrough(), {}), 0);
  assert.match(String(version.read()), /^\d+\.\d+\.\d+\n$/);
});
