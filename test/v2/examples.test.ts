import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { type V2SandboxFixture, withV2Sandbox } from '../helpers/v2-sandbox.js';

// Every 2.x example runs against a sandbox of its own (the demo workspace, served as 2.x), with every
// answer checked against the 2.16 description; then the sandbox shows what the example did.

const run = promisify(execFile);
const dir = new URL('../../../dist/examples/v2/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'setup.js');

test('the 2.x README sections have examples', () => {
  assert.deepEqual(examples.sort(), ['companies.js', 'contacts.js', 'conversations.js', 'search.js', 'tickets.js']);
});

type Body = Record<string, unknown>;

/** Runs an example against the sandbox; its printed lines. Every request it sent was answered 2xx. */
async function runExample(fx: V2SandboxFixture, file: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [new URL(file, dir).pathname], {
    env: { ...process.env, INTERCOM_BASE_URL: fx.sandbox.url, INTERCOM_TOKEN: fx.sandbox.token },
    timeout: 60_000,
  });
  assert.ok(fx.sandbox.requests.length > 0, 'the example called the API');
  for (const request of fx.sandbox.requests) {
    assert.equal(request.headers['intercom-version'], '2.16', `${request.method} ${request.path}`);
    assert.ok(request.status >= 200 && request.status < 300, `${request.method} ${request.path} answered ${request.status}`);
  }
  return stdout.trimEnd().split('\n');
}

/** What an example printed after `what ->`. */
function printed(lines: string[], what: string): string {
  const line = lines.find((l) => l.trimStart().startsWith(`${what} -> `));
  assert.ok(line !== undefined, `the example printed ${what}: ${lines.join(' | ')}`);
  return line.slice(line.indexOf(' -> ') + 4);
}

async function withSandbox(check: (fx: V2SandboxFixture) => Promise<void>): Promise<void> {
  const fx = await withV2Sandbox();
  try {
    await check(fx);
  } finally {
    await fx.done();
  }
}

test('2.x example contacts.js: the contact it creates is found, updated and archived in the sandbox', () =>
  withSandbox(async (fx) => {
    const lines = await runExample(fx, 'contacts.js');
    const id = /^user (\w+)$/.exec(printed(lines, 'contacts.create({ email, name, role })'))?.[1];
    assert.ok(id !== undefined);
    assert.equal(printed(lines, 'contacts.find({ contact_id })'), 'joe@example.com');
    assert.equal(printed(lines, 'contacts.archive({ contact_id })'), 'archived: true');
    const contact = (await fx.call('GET', `/contacts/${id}`)).body as Body;
    assert.equal(contact.email, 'joe@example.com');
    assert.equal(contact.role, 'user');
    assert.deepEqual(contact.custom_attributes, { average_monthly_spend: 49 });
  }));

test('2.x example companies.js: the company it creates holds the contact it attaches', () =>
  withSandbox(async (fx) => {
    const first = ((await fx.call('GET', '/contacts?per_page=1')).body as { data: Body[] }).data[0];
    const lines = await runExample(fx, 'companies.js');
    const id = /\((\w+)\)$/.exec(printed(lines, 'companies.createOrUpdate({ company_id, name, plan })'))?.[1];
    assert.ok(id !== undefined);
    const company = (await fx.call('GET', `/companies/${id}`)).body as Body;
    assert.equal(company.company_id, 'acme');
    assert.equal((company.plan as Body | undefined)?.name, 'enterprise');
    const members = ((await fx.call('GET', `/companies/${id}/contacts`)).body as { data: Body[] }).data;
    assert.deepEqual(
      members.map((c) => c.id),
      [first?.id],
    );
    assert.ok(printed(lines, 'for await (companies.list())').split(', ').includes('Acme'));
  }));

test("2.x example conversations.js: the workspace's latest conversation gets the reply, note, assignment and close", () =>
  withSandbox(async (fx) => {
    const listed = ((await fx.call('GET', '/conversations?per_page=1')).body as { conversations: Body[] }).conversations[0];
    const me = (await fx.call('GET', '/me')).body as Body;
    const lines = await runExample(fx, 'conversations.js');
    assert.equal(printed(lines, 'conversations.close(...)'), 'closed');
    const conversation = (await fx.call('GET', `/conversations/${listed?.id}`)).body as Body;
    assert.equal(conversation.state, 'closed');
    assert.equal(String(conversation.admin_assignee_id), me.id);
    const parts = (conversation.conversation_parts as { conversation_parts: Body[] }).conversation_parts;
    const bodies = parts.map((p) => `${p.part_type}: ${p.body}`);
    for (const expected of ['comment: On it!', 'note: Customer is on the enterprise plan', 'close: Closing: solved'])
      assert.ok(
        bodies.some((b) => b.startsWith(expected.split(': ')[0] as string) && b.includes(expected.split(': ')[1] as string)),
        `${expected} in ${bodies.join(' | ')}`,
      );
  }));

test('2.x example search.js: the query finds the workspace users it describes; a three-level query is refused', () =>
  withSandbox(async (fx) => {
    const lines = await runExample(fx, 'search.js');
    const found = await fx.call('POST', '/contacts/search', {
      query: {
        operator: 'AND',
        value: [
          { field: 'role', operator: '=', value: 'user' },
          {
            operator: 'OR',
            value: [
              { field: 'email', operator: '$', value: '@example.com' },
              { field: 'custom_attributes.plan', operator: '=', value: 'pro' },
            ],
          },
        ],
      },
      pagination: { per_page: 150 },
    });
    const emails = ((found.body as { data: Body[] }).data ?? []).map((c) => c.email);
    assert.ok(emails.length > 0, 'the demo workspace has users the query describes');
    assert.deepEqual(printed(lines, 'for await (contacts.search({ query }))').split(', ').sort(), [...emails].sort());
    assert.match(printed(lines, 'contacts.search(three levels)'), /^InvalidParameterError: .*2 levels/);
  }));

test('2.x example tickets.js: a ticket of the workspace type is created for its contact and worked on', () =>
  withSandbox(async (fx) => {
    const lines = await runExample(fx, 'tickets.js');
    for (const what of [
      'tickets.create({ ticket_type_id, contacts })',
      'tickets.note(...)',
      'tickets.assign(...)',
      'tickets.close(...)',
    ])
      printed(lines, what);
    const sent = fx.sandbox.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
    assert.ok(sent.includes('POST /tickets'), sent.join(', '));
  }));
