import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Client, InvalidParameterError } from 'intercom-ts';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

// Every public method refuses bad input with an InvalidParameterError naming the parameter, before
// any request: the sandbox records nothing.

let fixture: SandboxFixture;
before(async () => {
  fixture = await withSandbox();
});
after(() => fixture.done());

// biome-ignore lint/suspicious/noExplicitAny: the point is to pass what the types forbid
type Loose = any;
const bad = (value: unknown): Loose => value;
const huge = 'x'.repeat(10);

type Case = [string, (c: Client) => unknown];
const cases: Case[] = [
  // users
  ['users.find with no identifier', (c) => c.users.find(bad({}))],
  ['users.find with two identifiers', (c) => c.users.find(bad({ email: 'a@b.c', user_id: '1' }))],
  ['users.find with an empty id', (c) => c.users.find({ id: '' })],
  ['users.find with a blank id', (c) => c.users.find({ id: '   ' })],
  ['users.find with an object id', (c) => c.users.find(bad({ id: { $ne: 1 } }))],
  ['users.find with NaN id', (c) => c.users.find(bad({ id: Number.NaN }))],
  ['users.find with null params', (c) => c.users.find(bad(null))],
  ['users.find with a string', (c) => c.users.find(bad('bob@example.com'))],
  ['users.create with no identifier', (c) => c.users.create(bad({ name: 'x' }))],
  ['users.create with an empty email', (c) => c.users.create({ email: '' })],
  [
    'users.create with nested custom attributes',
    (c) => c.users.create({ email: 'a@b.c', custom_attributes: bad({ a: { b: 1 } }) }),
  ],
  ['users.create with an array custom attribute', (c) => c.users.create({ email: 'a@b.c', custom_attributes: bad({ a: [1] }) })],
  [
    'users.create with an Infinity custom attribute',
    (c) => c.users.create({ email: 'a@b.c', custom_attributes: { a: Number.POSITIVE_INFINITY } }),
  ],
  ['users.create with a dotted attribute name', (c) => c.users.create({ email: 'a@b.c', custom_attributes: { 'a.b': 1 } })],
  ['users.create with a $ attribute name', (c) => c.users.create({ email: 'a@b.c', custom_attributes: { $a: 1 } })],
  ['users.create with an invalid Date', (c) => c.users.create({ email: 'a@b.c', signed_up_at: new Date('nope') })],
  ['users.create with a NaN timestamp', (c) => c.users.create({ email: 'a@b.c', remote_created_at: Number.NaN })],
  ['users.create with a string timestamp', (c) => c.users.create({ email: 'a@b.c', last_request_at: bad('yesterday') })],
  ['users.create with companies not an array', (c) => c.users.create({ email: 'a@b.c', companies: bad({ company_id: 1 }) })],
  ['users.create with custom_attributes an array', (c) => c.users.create({ email: 'a@b.c', custom_attributes: bad([1]) })],
  ['users.load without id', (c) => c.users.load(bad({}))],
  ['users.load with null', (c) => c.users.load(bad(null))],
  ['users.archive without id', (c) => c.users.archive(bad({ email: 'a@b.c' }))],
  ['users.requestHardDelete without id', (c) => c.users.requestHardDelete(bad({}))],
  ['users.findAll with null', (c) => c.users.findAll(bad(null))],
  ['users.byTag with an empty id', (c) => c.users.byTag('')],
  ['users.bySegment with an object', (c) => c.users.bySegment(bad({}))],
  ['users.save of a non-object', (c) => c.users.save(bad(42))],
  ['users.submitBulkJob with nothing', (c) => c.users.submitBulkJob(bad({}))],
  [
    'users.submitBulkJob with nested attributes',
    (c) => c.users.submitBulkJob({ create_items: [{ email: 'a@b.c', custom_attributes: bad({ a: {} }) }] }),
  ],
  ['users.submitBulkJob with items not an array', (c) => c.users.submitBulkJob(bad({ create_items: { email: 'a@b.c' } }))],
  // admins, teams
  ['admins.find without id', (c) => c.admins.find(bad({}))],
  ['admins.find with an empty id', (c) => c.admins.find({ id: '' })],
  ['admins.find with null', (c) => c.admins.find(bad(null))],
  ['teams.find without id', (c) => c.teams.find(bad({}))],
  ['teams.find with an array id', (c) => c.teams.find(bad({ id: ['1'] }))],
  // companies
  ['companies.find with nothing', (c) => c.companies.find(bad({}))],
  ['companies.find with two keys', (c) => c.companies.find(bad({ company_id: '1', name: 'x' }))],
  ['companies.find with an empty name', (c) => c.companies.find({ name: '' })],
  ['companies.create without company_id', (c) => c.companies.create(bad({ name: 'x' }))],
  ['companies.create with nested attributes', (c) => c.companies.create({ company_id: '1', custom_attributes: bad({ a: [] }) })],
  ['companies.create with a NaN monthly_spend', (c) => c.companies.create({ company_id: '1', monthly_spend: Number.NaN })],
  ['companies.create with an object plan', (c) => c.companies.create({ company_id: '1', plan: bad({ name: 'Paid' }) })],
  ['companies.load without id', (c) => c.companies.load(bad({}))],
  ['companies.findAll with null', (c) => c.companies.findAll(bad(null))],
  ['companies.byTag with an empty id', (c) => c.companies.byTag('')],
  ['companies.bySegment with undefined', (c) => c.companies.bySegment(bad(undefined))],
  ['companies.usersByIntercomCompanyId with an empty id', (c) => c.companies.usersByIntercomCompanyId('')],
  ['companies.usersByCompanyId with null', (c) => c.companies.usersByCompanyId(bad(null))],
  ['companies.save of null', (c) => c.companies.save(bad(null))],
  // tags
  ['tags.create without name', (c) => c.tags.create(bad({}))],
  ['tags.create with an empty name', (c) => c.tags.create({ name: '' })],
  ['tags.tag without users or companies', (c) => c.tags.tag(bad({ name: 'blue' }))],
  [
    'tags.tag with both users and companies',
    (c) => c.tags.tag(bad({ name: 'blue', users: [{ id: '1' }], companies: [{ id: '2' }] })),
  ],
  ['tags.tag with an empty users list', (c) => c.tags.tag({ name: 'blue', users: [] })],
  ['tags.tag with a user without identifier', (c) => c.tags.tag({ name: 'blue', users: [bad({ name: 'x' })] })],
  ['tags.tag without name', (c) => c.tags.tag(bad({ users: [{ id: '1' }] }))],
  ['tags.untag with a company without identifier', (c) => c.tags.untag({ name: 'blue', companies: [bad({})] })],
  ['tags.delete without id', (c) => c.tags.delete(bad({}))],
  ['tags.findAll with null', (c) => c.tags.findAll(bad(null))],
  // segments
  ['segments.find without id', (c) => c.segments.find(bad({}))],
  ['segments.find with an empty id', (c) => c.segments.find({ id: '' })],
  ['segments.find with a string include_count', (c) => c.segments.find(bad({ id: '1', include_count: 'yes' }))],
  ['segments.findAll with null', (c) => c.segments.findAll(bad(null))],
  // contacts, visitors
  ['contacts.create with nested attributes', (c) => c.contacts.create({ custom_attributes: bad({ a: { b: 1 } }) })],
  ['contacts.create with an invalid Date', (c) => c.contacts.create({ email: 'a@b.c', signed_up_at: new Date('x') })],
  ['contacts.find with nothing', (c) => c.contacts.find(bad({}))],
  ['contacts.find with two keys', (c) => c.contacts.find(bad({ id: '1', email: 'a@b.c' }))],
  ['contacts.find with an empty email', (c) => c.contacts.find({ email: '' })],
  ['contacts.load without id', (c) => c.contacts.load(bad({}))],
  ['contacts.archive without id', (c) => c.contacts.archive(bad({}))],
  ['contacts.convert without a contact identifier', (c) => c.contacts.convert(bad({}), { email: 'a@b.c' })],
  ['contacts.convert without a user identifier', (c) => c.contacts.convert({ id: '1', user_id: 'u' }, bad({}))],
  ['contacts.convert with null user', (c) => c.contacts.convert({ id: '1', user_id: 'u' }, bad(null))],
  ['contacts.findAll with null', (c) => c.contacts.findAll(bad(null))],
  ['contacts.save of null', (c) => c.contacts.save(bad(null))],
  ['visitors.find with nothing', (c) => c.visitors.find(bad({}))],
  ['visitors.find with an empty user_id', (c) => c.visitors.find({ user_id: '' })],
  ['visitors.delete without id', (c) => c.visitors.delete(bad({}))],
  ['visitors.convert without identifier', (c) => c.visitors.convert(bad({}))],
  ['visitors.save of a number', (c) => c.visitors.save(bad(1))],
  // notes
  ['notes.create without body', (c) => c.notes.create(bad({ email: 'a@b.c' }))],
  ['notes.create without a user', (c) => c.notes.create(bad({ body: 'x' }))],
  ['notes.create with two user identifiers', (c) => c.notes.create(bad({ body: 'x', email: 'a@b.c', user_id: '1' }))],
  ['notes.create with a non-string body', (c) => c.notes.create(bad({ body: 5, email: 'a@b.c' }))],
  ['notes.create with an empty admin_id', (c) => c.notes.create({ body: 'x', email: 'a@b.c', admin_id: '' })],
  ['notes.find without id', (c) => c.notes.find(bad({}))],
  ['notes.findAll with nothing', (c) => c.notes.findAll(bad({}))],
  ['notes.findAll with two identifiers', (c) => c.notes.findAll(bad({ email: 'a@b.c', user_id: '1' }))],
  // customers
  ['customers.search without query', (c) => c.customers.search(bad({}))],
  [
    'customers.search with an unknown operator',
    (c) => c.customers.search({ query: bad({ field: 'name', operator: '===', value: 'x' }) }),
  ],
  [
    'customers.search with a group nested 3 deep',
    (c) =>
      c.customers.search({
        query: bad({
          operator: 'AND',
          value: [{ operator: 'OR', value: [{ operator: 'AND', value: [{ field: 'name', operator: '=', value: 'x' }] }] }],
        }),
      }),
  ],
  [
    'customers.search with 16 filters in a group',
    (c) =>
      c.customers.search({
        query: bad({ operator: 'AND', value: Array.from({ length: 16 }, () => ({ field: 'name', operator: '=', value: 'x' })) }),
      }),
  ],
  [
    'customers.search with per_page 0',
    (c) => c.customers.search({ query: { field: 'name', operator: '=', value: 'x' }, per_page: 0 }),
  ],
  [
    'customers.search with a bad sort_order',
    (c) => c.customers.search({ query: { field: 'name', operator: '=', value: 'x' }, sort_field: 'name', sort_order: bad('up') }),
  ],
  [
    'customers.search with IN and a scalar value',
    (c) => c.customers.search({ query: bad({ field: 'name', operator: 'IN', value: 'x' }) }),
  ],
  // events
  ['events.create without event_name', (c) => c.events.create(bad({ created_at: 1, email: 'a@b.c' }))],
  ['events.create without a user', (c) => c.events.create(bad({ event_name: 'x', created_at: 1 }))],
  ['events.create with an invalid Date', (c) => c.events.create({ event_name: 'x', created_at: new Date('x'), email: 'a@b.c' })],
  [
    'events.create with nested metadata',
    (c) => c.events.create({ event_name: 'x', created_at: 1, email: 'a@b.c', metadata: bad({ a: { b: 1 } }) }),
  ],
  [
    'events.create with array metadata',
    (c) => c.events.create({ event_name: 'x', created_at: 1, email: 'a@b.c', metadata: bad({ a: [1] }) }),
  ],
  [
    'events.create with a NaN amount',
    (c) =>
      c.events.create({
        event_name: 'x',
        created_at: 1,
        email: 'a@b.c',
        metadata: { p: { amount: Number.NaN, currency: 'usd' } },
      }),
  ],
  ['events.findAll without identifier', (c) => c.events.findAll(bad({ type: 'user' }))],
  ['events.findAll with a wrong type', (c) => c.events.findAll(bad({ type: 'company', email: 'a@b.c' }))],
  [
    'events.submitBulkJob with delete_items',
    (c) => c.events.submitBulkJob(bad({ create_items: [], delete_items: [{ user_id: '1' }] })),
  ],
  [
    'events.submitBulkJob with an item without event_name',
    (c) => c.events.submitBulkJob({ create_items: [bad({ created_at: 1, user_id: '1' })] }),
  ],
  // jobs
  ['jobs.find without id', (c) => c.jobs.find(bad({}))],
  ['jobs.errors with an empty id', (c) => c.jobs.errors({ id: '' })],
  ['jobs.wait with a negative timeout', (c) => c.jobs.wait('job_1', { timeout: -1 })],
  ['jobs.wait with an empty id', (c) => c.jobs.wait('')],
  // subscriptions
  ['subscriptions.create without url', (c) => c.subscriptions.create(bad({ topics: ['user.created'] }))],
  [
    'subscriptions.create with an unknown topic',
    (c) => c.subscriptions.create({ url: 'http://127.0.0.1:1/', topics: bad(['user.exploded']) }),
  ],
  ['subscriptions.create with no topics', (c) => c.subscriptions.create({ url: 'http://127.0.0.1:1/', topics: [] })],
  ['subscriptions.create with a malformed url', (c) => c.subscriptions.create({ url: 'not a url', topics: ['user.created'] })],
  ['subscriptions.find without id', (c) => c.subscriptions.find(bad({}))],
  ['subscriptions.delete without id', (c) => c.subscriptions.delete(bad({}))],
  // conversations, messages, counts
  ['conversations.find without id', (c) => c.conversations.find(bad({}))],
  ['conversations.find with an empty id', (c) => c.conversations.find({ id: '' })],
  ['conversations.findAll with a wrong type', (c) => c.conversations.findAll(bad({ type: 'team', id: '1' }))],
  ['conversations.findAll admin form without id', (c) => c.conversations.findAll(bad({ type: 'admin' }))],
  ['conversations.findAll user form without identifier', (c) => c.conversations.findAll(bad({ type: 'user' }))],
  [
    'conversations.reply without id',
    (c) => c.conversations.reply(bad({ type: 'admin', admin_id: '1', message_type: 'comment', body: 'x' })),
  ],
  [
    'conversations.reply admin without admin_id',
    (c) => c.conversations.reply(bad({ id: '147', type: 'admin', message_type: 'comment', body: 'x' })),
  ],
  [
    'conversations.reply user without identifier',
    (c) => c.conversations.reply(bad({ id: '147', type: 'user', message_type: 'comment', body: 'x' })),
  ],
  [
    'conversations.reply with an unknown message_type',
    (c) => c.conversations.reply(bad({ id: '147', type: 'admin', admin_id: '1', message_type: 'shout', body: 'x' })),
  ],
  [
    'conversations.reply assignment without assignee_id',
    (c) => c.conversations.reply(bad({ id: '147', type: 'admin', admin_id: '1', message_type: 'assignment' })),
  ],
  [
    'conversations.reply with attachment_urls not an array',
    (c) =>
      c.conversations.reply(
        bad({ id: '147', type: 'user', email: 'a@b.c', message_type: 'comment', body: 'x', attachment_urls: 'http://x' }),
      ),
  ],
  [
    'conversations.replyToLast without a user',
    (c) => c.conversations.replyToLast(bad({ type: 'user', message_type: 'comment', body: 'x' })),
  ],
  ['conversations.open without admin_id', (c) => c.conversations.open(bad({ id: '147' }))],
  ['conversations.close without id', (c) => c.conversations.close(bad({ admin_id: '1' }))],
  ['conversations.assign without assignee_id', (c) => c.conversations.assign(bad({ id: '147', admin_id: '1' }))],
  ['conversations.snooze without snoozed_until', (c) => c.conversations.snooze(bad({ id: '147', admin_id: '1' }))],
  [
    'conversations.snooze with a NaN snoozed_until',
    (c) => c.conversations.snooze({ id: '147', admin_id: '1', snoozed_until: Number.NaN }),
  ],
  ['conversations.markRead with an empty id', (c) => c.conversations.markRead('')],
  ['messages.create without from', (c) => c.messages.create(bad({ body: 'x' }))],
  ['messages.create without body', (c) => c.messages.create(bad({ from: { type: 'user', id: '1' } }))],
  ['messages.create with an unknown sender type', (c) => c.messages.create(bad({ from: { type: 'bot', id: '1' }, body: 'x' }))],
  [
    'messages.create email without subject',
    (c) =>
      c.messages.create(
        bad({
          message_type: 'email',
          body: 'x',
          template: 'plain',
          from: { type: 'admin', id: '1' },
          to: { type: 'user', id: '2' },
        }),
      ),
  ],
  [
    'messages.create admin message without to',
    (c) => c.messages.create(bad({ message_type: 'inapp', body: 'x', from: { type: 'admin', id: '1' } })),
  ],
  [
    'messages.create with a bad template',
    (c) =>
      c.messages.create(
        bad({
          message_type: 'email',
          subject: 's',
          body: 'x',
          template: 'fancy',
          from: { type: 'admin', id: '1' },
          to: { type: 'user', id: '2' },
        }),
      ),
  ],
  ['counts.forType with an unknown type', (c) => c.counts.forType(bad({ type: 'lead' }))],
  ['counts.forType with an unknown count', (c) => c.counts.forType(bad({ type: 'user', count: 'admin' }))],
  ['counts.forType with null', (c) => c.counts.forType(bad(null))],
  // the low-level calls and per-call options
  ['get with an empty path', (c) => c.get('')],
  ['get with CR/LF in a header', (c) => c.get('/me', undefined, { headers: { 'X-A': 'a\r\nb: c' } })],
  ['get with an invalid header name', (c) => c.get('/me', undefined, { headers: { 'X A': 'x' } })],
  ['get with a negative maxRetries', (c) => c.get('/me', undefined, { maxRetries: -1 })],
  ['get with a NaN timeout', (c) => c.get('/me', undefined, { timeout: Number.NaN })],
  ['post with a zero timeout', (c) => c.post('/notes', {}, { timeout: 0 })],
  ['admins.me with a header value that is not a string', (c) => c.admins.me({ headers: bad({ 'X-A': 5 }) })],
  [
    'user.increment by Infinity',
    async (c) => (await c.users.find({ email: 'alice@example.com' })).increment('karma', Number.POSITIVE_INFINITY),
  ],
  [
    'user.increment of a string attribute',
    async (c) => {
      const alice = await c.users.find({ email: 'alice@example.com' });
      alice.custom_attributes.plan = 'pro';
      return alice.increment('plan');
    },
  ],
  // issue 14: list parameters and id types, checked before anything is sent
  ['users.findAll with per_page NaN', (c) => c.users.findAll({ per_page: Number.NaN })],
  ['users.findAll with created_since Infinity', (c) => c.users.findAll({ created_since: Number.POSITIVE_INFINITY })],
  ['users.findAll with created_since -1', (c) => c.users.findAll({ created_since: -1 })],
  ['users.findAll with page -1', (c) => c.users.findAll({ page: -1 })],
  ['users.findAll with page 0', (c) => c.users.findAll({ page: 0 })],
  ['users.findAll with per_page 2.5', (c) => c.users.findAll({ per_page: 2.5 })],
  ['users.findAll with per_page a string', (c) => c.users.findAll(bad({ per_page: '10' }))],
  ['users.findAll with an unknown order', (c) => c.users.findAll(bad({ order: 'up' }))],
  ['users.findAll with an unknown sort', (c) => c.users.findAll(bad({ sort: 'name' }))],
  ['users.findAll with an object tag_id', (c) => c.users.findAll(bad({ tag_id: {} }))],
  ['users.findAll with an unknown key', (c) => c.users.findAll(bad({ perpage: 10 }))],
  ['companies.findAll with per_page -Infinity', (c) => c.companies.findAll({ per_page: Number.NEGATIVE_INFINITY })],
  ['companies.findAll with page NaN', (c) => c.companies.findAll({ page: Number.NaN })],
  ['companies.findAll with an unknown key', (c) => c.companies.findAll(bad({ name: 'Acme' }))],
  ['contacts.findAll with per_page 0', (c) => c.contacts.findAll({ per_page: 0 })],
  ['contacts.findAll with page Infinity', (c) => c.contacts.findAll({ page: Number.POSITIVE_INFINITY })],
  ['conversations.findAll with per_page NaN', (c) => c.conversations.findAll({ type: 'admin', id: '7', per_page: Number.NaN })],
  ['conversations.findAll with page -1', (c) => c.conversations.findAll({ type: 'admin', id: '7', page: -1 })],
  ['conversations.findAll with an unknown sort', (c) => c.conversations.findAll(bad({ type: 'admin', id: '7', sort: 'x' }))],
  [
    'events.findAll with per_page Infinity',
    (c) => c.events.findAll({ type: 'user', user_id: '1', per_page: Number.POSITIVE_INFINITY }),
  ],
  ['counts.forType with per_page NaN', (c) => c.counts.forType({ type: 'company', count: 'user', per_page: Number.NaN })],
  ['users.find with a number id', (c) => c.users.find(bad({ id: 5 }))],
  ['companies.find with a number id', (c) => c.companies.find(bad({ id: 5 }))],
  ['contacts.find with a number id', (c) => c.contacts.find(bad({ id: 5 }))],
  // issue 13: a millisecond time where epoch seconds are due (Date.now() would be stored in the year 58894)
  ['users.create with signed_up_at in milliseconds', (c) => c.users.create({ email: 'a@b.c', signed_up_at: Date.now() })],
  ['users.create with remote_created_at in milliseconds', (c) => c.users.create({ email: 'a@b.c', remote_created_at: 1e12 })],
  [
    'events.create with created_at in milliseconds',
    (c) => c.events.create({ event_name: 'x', email: 'a@b.c', created_at: Date.now() }),
  ],
  [
    'companies.create with remote_created_at in milliseconds',
    (c) => c.companies.create({ company_id: '1', remote_created_at: Date.now() }),
  ],
  ['contacts.create with last_request_at in milliseconds', (c) => c.contacts.create({ last_request_at: Date.now() })],
  [
    'conversations.findAll with before in milliseconds',
    (c) => c.conversations.findAll({ type: 'admin', id: '7', before: Date.now() }),
  ],
  [
    'users.submitBulkJob with signed_up_at in milliseconds',
    (c) => c.users.submitBulkJob({ create_items: [{ email: 'a@b.c', signed_up_at: Date.now() }] }),
  ],
];

void huge;
test(`the bad-input suite has at least 100 cases (${cases.length})`, () => {
  assert.ok(cases.length >= 100);
});

for (const [name, call] of cases) {
  test(`bad input: ${name}`, async () => {
    const { intercom, sandbox } = fixture;
    // Calls that need a model first make their GETs before the count is taken.
    let before = sandbox.requests.length;
    await assert.rejects(
      async () => {
        const result = call(intercom);
        before = sandbox.requests.length;
        if (result && typeof (result as { toArray?: unknown }).toArray === 'function') {
          await (result as { toArray(): Promise<unknown> }).toArray();
        } else {
          await result;
        }
      },
      (error: unknown) => {
        assert.ok(error instanceof InvalidParameterError, `${name}: got ${String(error)}`);
        assert.ok(error.parameter.length > 0, 'the error names the parameter');
        return true;
      },
    );
    const isAsyncModelCase = name.startsWith('user.increment');
    if (!isAsyncModelCase) assert.equal(sandbox.requests.length, before, `${name}: nothing was sent`);
  });
}

test('a millisecond timestamp is refused with a message that says so; a Date and epoch seconds are taken', async () => {
  const { intercom } = fixture;
  const now = Date.now();
  await assert.rejects(
    intercom.events.create({ event_name: 'ms', email: 'alice@example.com', created_at: now }),
    (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError);
      assert.equal(error.parameter, 'params.created_at');
      assert.match(error.message, /milliseconds/);
      assert.match(error.message, /Date/);
      return true;
    },
  );
  await intercom.events.create({ event_name: 'date', email: 'alice@example.com', created_at: new Date(now) });
  await intercom.events.create({ event_name: 'seconds', email: 'alice@example.com', created_at: Math.floor(now / 1000) });
  const user = await intercom.users.create({ email: 'alice@example.com', signed_up_at: new Date(now) });
  assert.equal(user.signed_up_at, Math.floor(now / 1000));
});

test('an unknown key is named, with the closest known one suggested', async () => {
  const { intercom, sandbox } = fixture;
  const before = sandbox.requests.length;
  const checks: Array<[string, () => unknown, string, RegExp]> = [
    [
      'users.find({ mail })',
      () => intercom.users.find(bad({ mail: 'bob@example.com' })),
      'params.mail',
      /'mail' is not a parameter; did you mean 'email'\?/,
    ],
    ['users.find({ userId })', () => intercom.users.find(bad({ userId: '1' })), 'params.userId', /did you mean 'user_id'\?/],
    [
      'companies.find({ companyId })',
      () => intercom.companies.find(bad({ companyId: '1' })),
      'params.companyId',
      /did you mean 'company_id'\?/,
    ],
    ['contacts.find({ emial })', () => intercom.contacts.find(bad({ emial: 'a@b.c' })), 'params.emial', /did you mean 'email'\?/],
    [
      'users.findAll({ perPage })',
      () => intercom.users.findAll(bad({ perPage: 10 })),
      'params.perPage',
      /did you mean 'per_page'\?/,
    ],
    [
      'visitors.find({ userid })',
      () => intercom.visitors.find(bad({ userid: 'v' })),
      'params.userid',
      /did you mean 'user_id'\?/,
    ],
    [
      'users.findAll({ zzz })',
      () => intercom.users.findAll(bad({ zzz: 1 })),
      'params.zzz',
      /'zzz' is not a parameter \(expected /,
    ],
  ];
  for (const [name, call, parameter, message] of checks) {
    await assert.rejects(
      async () => {
        const result = call();
        if (result && typeof (result as { toArray?: unknown }).toArray === 'function')
          await (result as { toArray(): Promise<unknown> }).toArray();
        else await result;
      },
      (error: unknown) => {
        assert.ok(error instanceof InvalidParameterError, `${name}: got ${String(error)}`);
        assert.equal(error.parameter, parameter, name);
        assert.match(error.message, message, name);
        return true;
      },
    );
  }
  assert.equal(sandbox.requests.length, before, 'nothing was sent');
});
