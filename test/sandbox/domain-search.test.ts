import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type ConversationQuery,
  conversationMatches,
  recordMatches,
  type Value,
} from '../../src/sandbox/domain/conversation-search.js';
import {
  type Comparison,
  compareEntries,
  isScalarValue,
  type Scalar,
  SEARCHABLE_FIELDS,
  type SearchNode,
  searchableField,
  searchPeople,
} from '../../src/sandbox/domain/people-search.js';
import type { ConversationRecord, TicketRecord } from '../../src/sandbox/domain/records.js';
import { Store } from '../../src/sandbox/domain/store.js';
import { isTicketSearchField, TICKET_SEARCH_FIELD_NAMES, ticketMatches } from '../../src/sandbox/domain/ticket-search.js';

// How the sandbox evaluates a search, without HTTP: each operator on each kind of field, with a
// record that matches and one that does not, so that a search never returns a record it should not.

describe('people search', () => {
  /** A store of two users, a lead and a visitor, named by their `name` (the lead has none). */
  function people() {
    const store = new Store({ sink: { publish: () => {} } });
    const acme = store.newCompany('c-acme');
    const ann = store.newUser('user', {
      user_id: 'u-ann',
      email: 'Ann@Example.com',
      name: 'Ann Smith',
      created_at: 100,
      session_count: 3,
      custom_attributes: { plan: 'pro', seats: 5, vip: true, word: 'null', truth: 'true', street: 'Strasse' },
      tag_ids: ['t1'],
      company_ids: [acme.id],
    });
    const bob = store.newUser('user', {
      user_id: 'u-bob',
      email: 'bob@test.org',
      name: 'Bob',
      created_at: 200,
      custom_attributes: { plan: 'free' },
      tag_ids: ['t1', 't2'],
      owner_id: 7,
    });
    const cat = store.newUser('contact', { email: 'cat@example.com', created_at: 300 });
    store.newUser('visitor', { email: 'vic@example.com', created_at: 50, name: 'Vic' });
    const names = new Map<string, string>([
      [ann.id, 'ann'],
      [bob.id, 'bob'],
      [cat.id, 'cat'],
    ]);
    return { store, acme, ann, bob, cat, names };
  }

  const filter = (name: string, operator: Comparison, value: Scalar | Scalar[]): SearchNode => {
    const field = searchableField(name);
    assert.ok(field !== undefined, `${name} is searchable`);
    return { kind: 'filter', field, name, operator, value };
  };
  const and = (...items: SearchNode[]): SearchNode => ({ kind: 'group', operator: 'AND', items });
  const or = (...items: SearchNode[]): SearchNode => ({ kind: 'group', operator: 'OR', items });
  const byCreated = {
    field: searchableField('created_at') as NonNullable<ReturnType<typeof searchableField>>,
    descending: false,
  };

  /** The names of the people `query` finds, in created_at order. */
  function found(query: SearchNode, world = people()): string[] {
    return searchPeople(world.store, query, byCreated).map((entry) => world.names.get(entry.record.id) ?? entry.record.id);
  }

  const cases: Array<[string, SearchNode, string[]]> = [
    // Equality ignores case; a number equals its text; booleans equal booleans only.
    ['= on text ignores case', filter('name', '=', 'BOB'), ['bob']],
    ['= by email (the email index) ignores case', filter('email', '=', 'ANN@example.COM'), ['ann']],
    ['= by email finds leads too', filter('email', '=', 'cat@example.com'), ['cat']],
    ['= by the email of a visitor finds nobody', filter('email', '=', 'vic@example.com'), []],
    ['= null: no value', filter('name', '=', null), ['cat']],
    ['= the text null is not "no value"', filter('name', '=', 'null'), []],
    ['= null is not the text null', filter('custom_attributes.word', '=', null), ['bob', 'cat']],
    ['= a boolean is not its text', filter('custom_attributes.truth', '=', true), []],
    ['= a boolean attribute', filter('custom_attributes.vip', '=', true), ['ann']],
    ['= ignores case, but does not fold ß into ss', filter('custom_attributes.street', '=', 'straße'), []],
    ['= ignores case of an attribute', filter('custom_attributes.street', '=', 'STRASSE'), ['ann']],
    ['!= null: a value', filter('name', '!=', null), ['ann', 'bob']],
    ['!= text: the others, those without a value included', filter('name', '!=', 'bob'), ['ann', 'cat']],
    ['= on a number with its text', filter('session_count', '=', '3'), ['ann']],
    ['= on a number', filter('session_count', '=', 0), ['bob', 'cat']],
    ['= on a boolean', filter('anonymous', '=', true), ['cat']],
    ['= on a boolean with text is no match', filter('anonymous', '=', 'true'), []],
    ['= on a boolean with false', filter('anonymous', '=', false), ['ann', 'bob']],
    ['role = user', filter('role', '=', 'user'), ['ann', 'bob']],
    ['role = lead', filter('role', '=', 'lead'), ['cat']],
    ['IN: any of the values, ignoring case', filter('name', 'IN', ['bob', 'ANN SMITH', 'zed']), ['ann', 'bob']],
    ['IN never matches a missing value', filter('name', 'IN', [null, 'bob']), ['bob']],
    ['NIN: none of the values (a missing value is none)', filter('name', 'NIN', ['bob']), ['ann', 'cat']],
    ['> on numbers is strict', filter('created_at', '>', 100), ['bob', 'cat']],
    ['< on numbers is strict', filter('created_at', '<', 300), ['ann', 'bob']],
    ['> between values', filter('created_at', '>', 299), ['cat']],
    ['< between values', filter('created_at', '<', 101), ['ann']],
    ['> of a number with text is no match', filter('created_at', '>', '1'), []],
    ['< of a number with text is no match', filter('created_at', '<', '1000'), []],
    ['> on text ignores case; a missing value is no match', filter('name', '>', 'B'), ['bob']],
    ['< on text ignores case', filter('name', '<', 'b'), ['ann']],
    ['> with null is no match', filter('owner_id', '>', null), []],
    ['~ contains, ignoring case', filter('name', '~', 'SMI'), ['ann']],
    ['!~ does not contain; a missing value does not', filter('name', '!~', 'smi'), ['bob', 'cat']],
    ['^ starts with', filter('email', '^', 'BOB@'), ['bob']],
    ['$ ends with', filter('email', '$', 'EXAMPLE.com'), ['ann', 'cat']],
    ['^ is not "contains"', filter('name', '^', 'smith'), []],
    ['$ is not "contains"', filter('name', '$', 'ann'), []],
    ['~ on a number is no match', filter('session_count', '~', '3'), []],
    ['!~ on a number matches', filter('session_count', '!~', '3'), ['ann', 'bob', 'cat']],
    // Sets of ids.
    ['set = an id', filter('tag_id', '=', 't1'), ['ann', 'bob']],
    ['set = null: empty', filter('tag_id', '=', null), ['cat']],
    ['set != null: not empty', filter('tag_id', '!=', null), ['ann', 'bob']],
    ['set != an id: without it', filter('tag_id', '!=', 't2'), ['ann', 'cat']],
    ['set IN: any of them', filter('tag_id', 'IN', ['t2', 'zz']), ['bob']],
    ['set NIN: none of them', filter('tag_id', 'NIN', ['t2', 'zz']), ['ann', 'cat']],
    ['company_id is the company_id, not the Intercom id', filter('company_id', '=', 'c-acme'), ['ann']],
    // Custom attributes.
    ['a custom attribute, ignoring case', filter('custom_attributes.plan', '=', 'PRO'), ['ann']],
    ['a custom attribute compared', filter('custom_attributes.seats', '>', 4), ['ann']],
    ['a custom attribute nobody has is null', filter('custom_attributes.nothing', '=', null), ['ann', 'bob', 'cat']],
    ['an inherited name is not an attribute', filter('custom_attributes.toString', '=', null), ['ann', 'bob', 'cat']],
    ['a custom attribute is null where missing', filter('custom_attributes.plan', '=', null), ['cat']],
    // Groups.
    ['AND: all of them', and(filter('name', '~', 'b'), filter('role', '=', 'user')), ['bob']],
    ['AND with an email still matches the rest', and(filter('email', '=', 'ann@example.com'), filter('name', '=', 'Bob')), []],
    ['AND with the email second', and(filter('name', '~', 'ann'), filter('email', '=', 'ann@example.com')), ['ann']],
    ['OR: any of them', or(filter('name', '=', 'bob'), filter('email', '=', 'cat@example.com')), ['bob', 'cat']],
    [
      'OR with an email does not narrow to it',
      or(filter('email', '=', 'ann@example.com'), filter('name', '=', 'Bob')),
      ['ann', 'bob'],
    ],
    ['!= on email does not narrow to it', filter('email', '!=', 'ann@example.com'), ['bob', 'cat']],
    ['IN on email does not narrow', filter('email', 'IN', ['bob@test.org', 'cat@example.com']), ['bob', 'cat']],
    [
      'nested groups',
      or(and(filter('role', '=', 'lead'), filter('email', '~', 'cat')), filter('owner_id', '=', 7)),
      ['bob', 'cat'],
    ],
    ['a visitor is never found', filter('name', '=', 'Vic'), []],
  ];

  for (const [what, query, expected] of cases) {
    test(what, () => {
      assert.deepEqual(found(query), expected);
    });
  }

  test('= on a name that is not the email is not an email lookup', () => {
    // An email-like name: finding it through the email index would miss it.
    const world = people();
    world.ann.name = 'bob@test.org';
    assert.deepEqual(found(filter('name', '=', 'bob@test.org'), world), ['ann']);
  });

  test('each searchable field: its kind (what a request may compare it with) and what it reads', () => {
    const { store, ann, acme } = people();
    Object.assign(ann, {
      phone: '+1 555',
      pseudonym: 'Lime Camel from Dublin',
      last_seen_ip: '10.0.0.1',
      updated_at: 110,
      signed_up_at: 120,
      remote_created_at: 130,
      last_request_at: 140,
      owner_id: 7,
      unsubscribed_from_emails: true,
      segment_ids: ['s1'],
    });
    const expected: Record<string, [string, unknown]> = {
      id: ['string', ann.id],
      user_id: ['string', 'u-ann'],
      email: ['string', 'Ann@Example.com'],
      name: ['string', 'Ann Smith'],
      phone: ['string', '+1 555'],
      pseudonym: ['string', 'Lime Camel from Dublin'],
      role: ['string', 'user'],
      last_seen_ip: ['string', '10.0.0.1'],
      created_at: ['number', 100],
      updated_at: ['number', 110],
      signed_up_at: ['number', 120],
      remote_created_at: ['number', 130],
      last_request_at: ['number', 140],
      session_count: ['number', 3],
      owner_id: ['number', 7],
      anonymous: ['boolean', false],
      unsubscribed_from_emails: ['boolean', true],
      tag_id: ['set', ['t1']],
      segment_id: ['set', ['s1']],
      company_id: ['set', [acme.company_id]],
    };
    assert.deepEqual(Object.keys(SEARCHABLE_FIELDS), Object.keys(expected));
    for (const [name, [kind, value]] of Object.entries(expected)) {
      assert.equal(SEARCHABLE_FIELDS[name]?.kind, kind, name);
      assert.deepEqual(SEARCHABLE_FIELDS[name]?.read(ann, store), value, name);
    }
  });

  test('a scalar value is a string, a boolean or a finite number', () => {
    for (const value of ['', 'a', true, false, 0, -1.5]) assert.equal(isScalarValue(value), true, String(value));
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, {}, ['a'], 1n]) {
      assert.equal(isScalarValue(value), false, String(value));
    }
  });

  test('only known fields and custom_attributes.<name> are searchable', () => {
    assert.equal(searchableField('nope'), undefined);
    assert.equal(searchableField('custom_attributes.'), undefined);
    assert.equal(searchableField('custom_attributes'), undefined);
    assert.equal(searchableField('email')?.kind, 'string');
    assert.equal(searchableField('custom_attributes.x')?.kind, 'any');
    const { store, ann, cat } = people();
    assert.equal(searchableField('role')?.read(cat, store), 'lead');
    assert.equal(searchableField('anonymous')?.read(ann, store), false);
    assert.deepEqual(searchableField('company_id')?.read({ ...ann, company_ids: ['gone'] }, store), ['gone']);
  });

  test('results are ordered by the sort field, nulls last either way, then by id', () => {
    const world = people();
    const names = (field: string, descending: boolean) =>
      searchPeople(world.store, filter('role', '!=', 'x'), { field: searchableField(field) as never, descending }).map((entry) =>
        world.names.get(entry.record.id),
      );
    assert.deepEqual(names('created_at', false), ['ann', 'bob', 'cat']);
    assert.deepEqual(names('created_at', true), ['cat', 'bob', 'ann']);
    assert.deepEqual(names('name', false), ['ann', 'bob', 'cat']);
    assert.deepEqual(names('name', true), ['bob', 'ann', 'cat']);
    const byId = [world.ann, world.bob, world.cat].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => world.names.get(r.id));
    assert.deepEqual(names('unsubscribed_from_emails', false), byId);
    assert.deepEqual(names('unsubscribed_from_emails', true), byId, 'ties are by id, ascending, either way');
    const entries = searchPeople(world.store, filter('name', '=', 'bob'), byCreated);
    assert.deepEqual(entries[0]?.v, 200, 'each entry carries its sort value');
  });

  test('compareEntries: values of one type, then numbers, text, booleans, null; ties by id', () => {
    const cmp = (a: Scalar, b: Scalar, descending = false, ids: [string, string] = ['a', 'b']) =>
      Math.sign(compareEntries({ v: a, id: ids[0] }, { v: b, id: ids[1] }, descending));
    assert.equal(cmp(1, 2), -1);
    assert.equal(cmp(2, 1), 1);
    assert.equal(cmp(1, 2, true), 1);
    assert.equal(cmp(1, 1, false, ['b', 'a']), 1);
    assert.equal(cmp(1, 1, true, ['a', 'b']), -1);
    assert.equal(cmp(1, 1, false, ['a', 'a']), 0);
    assert.equal(cmp('apple', 'Banana'), -1, 'text ignores case first');
    assert.equal(cmp('Banana', 'apple'), 1);
    assert.equal(cmp('B', 'b'), -1, 'then upper case first');
    assert.equal(cmp('b', 'B'), 1);
    assert.equal(cmp('b', 'b', false, ['b', 'a']), 1);
    assert.equal(cmp('B', 'b', false, ['b', 'a']), -1, 'upper case first, before the id');
    assert.equal(cmp('b', 'B', false, ['a', 'b']), 1);
    assert.equal(cmp(null, 1), 1, 'null last');
    assert.equal(cmp(1, null), -1);
    assert.equal(cmp(null, 1, true), 1, 'null last when descending too');
    assert.equal(cmp(1, null, true), -1);
    assert.equal(cmp(null, null, false, ['b', 'a']), 1);
    assert.equal(cmp(5, 'a'), -1, 'numbers before text');
    assert.equal(cmp('a', 5), 1);
    assert.equal(cmp('a', true), -1, 'text before booleans');
    assert.equal(cmp(true, 'a'), 1);
    assert.equal(cmp(false, true), -1);
    assert.equal(cmp(true, false), 1);
    assert.equal(cmp(9, true), -1);
  });
});

describe('conversation and ticket search evaluation', () => {
  /** A record with fields `f` read by name; a name not in it is no field. */
  const matchesRecord = (query: ConversationQuery, record: Record<string, Value | string[]>) =>
    recordMatches(query, record, (field, r) => (Object.hasOwn(r, field) ? r[field] : undefined));
  const where = (field: string, operator: Comparison, value: Value | Value[]): ConversationQuery => ({
    kind: 'filter',
    field,
    operator,
    value,
  });

  const record = {
    text: 'Hello World',
    street: 'Strasse',
    word: 'null',
    n: 10,
    none: null,
    flag: true,
    ids: ['1', '2'],
    empty: [] as string[],
  };
  const cases: Array<[ConversationQuery, boolean]> = [
    [where('text', '=', 'hello world'), true],
    [where('text', '=', 'hello'), false],
    [where('street', '=', 'STRASSE'), true],
    [where('street', '=', 'straße'), false],
    [where('word', '=', null), false],
    [where('none', '=', 'null'), false],
    [where('text', '!=', 'hello'), true],
    [where('text', '!=', 'HELLO WORLD'), false],
    [where('n', '=', '10'), true],
    [where('n', '=', 11), false],
    [where('none', '=', null), true],
    [where('none', '=', 'x'), false],
    [where('text', '=', null), false],
    [where('none', '!=', null), false],
    [where('text', '!=', null), true],
    [where('flag', '=', true), true],
    [where('flag', '=', false), false],
    [where('text', 'IN', ['x', 'HELLO world']), true],
    [where('text', 'IN', ['x', 'y']), false],
    [where('text', 'NIN', ['x', 'y']), true],
    [where('text', 'NIN', ['x', 'hello world']), false],
    [where('n', '>', 9), true],
    [where('n', '>', 10), false],
    [where('n', '<', 11), true],
    [where('n', '<', 10), false],
    [where('n', '>', '9'), true],
    [where('n', '<', '9'), false],
    [where('text', '>', 'HELLO'), true],
    [where('text', '<', 'HELLO'), false],
    [where('text', '<', 'i'), true],
    [where('text', '>', 'i'), false],
    [where('none', '>', 1), false],
    [where('none', '<', 1), false],
    [where('n', '>', null), false],
    [where('n', '<', null), false],
    [where('text', '~', 'O W'), true],
    [where('text', '~', 'xyz'), false],
    [where('text', '!~', 'xyz'), true],
    [where('text', '!~', 'WORLD'), false],
    [where('text', '^', 'HELLO'), true],
    [where('text', '^', 'world'), false],
    [where('text', '$', 'WORLD'), true],
    [where('text', '$', 'hello'), false],
    [where('n', '~', '1'), false],
    [where('n', '!~', '1'), true],
    [where('none', '^', ''), false],
    // Sets of ids.
    [where('ids', '=', 2), true],
    [where('ids', '=', '3'), false],
    [where('ids', '=', null), false],
    [where('empty', '=', null), true],
    [where('ids', '!=', null), true],
    [where('empty', '!=', null), false],
    [where('ids', '!=', '3'), true],
    [where('ids', '!=', '1'), false],
    [where('ids', 'IN', ['3', '2']), true],
    [where('ids', 'IN', ['3', '4']), false],
    [where('ids', 'NIN', ['3', '4']), true],
    [where('ids', 'NIN', ['3', '1']), false],
    [where('ids', '~', '1'), false],
    [where('ids', '>', '0'), false],
    [where('ids', '!~', '1'), false],
    // A field the record does not have matches nothing, negations included.
    [where('missing', '!=', 'x'), false],
    [where('missing', '!~', 'x'), false],
    [where('missing', '=', null), false],
    // Groups.
    [{ kind: 'group', operator: 'AND', items: [where('n', '=', 10), where('flag', '=', true)] }, true],
    [{ kind: 'group', operator: 'AND', items: [where('n', '=', 10), where('flag', '=', false)] }, false],
    [{ kind: 'group', operator: 'OR', items: [where('n', '=', 11), where('flag', '=', true)] }, true],
    [{ kind: 'group', operator: 'OR', items: [where('n', '=', 11), where('flag', '=', false)] }, false],
  ];
  for (const [query, expected] of cases) {
    test(`${JSON.stringify(query)} ${expected ? 'matches' : 'does not match'}`, () => {
      assert.equal(matchesRecord(query, record), expected);
    });
  }

  const conversation = (changes: Partial<ConversationRecord> = {}): ConversationRecord => ({
    id: '17',
    created_at: 100,
    updated_at: 200,
    waiting_since: null,
    snoozed_until: null,
    state: 'open',
    read: false,
    assignee: { type: 'admin', id: '7' },
    customer_id: 'c1',
    message: {
      id: 'm1',
      subject: 'Billing',
      body: '<p>My invoice</p>',
      author: { type: 'user', id: 'c1' },
      attachments: [],
      delivered_as: 'customer_initiated',
    },
    parts: [],
    tag_ids: ['t9'],
    ...changes,
  });

  test("a conversation's fields as the search reads them", () => {
    const open = conversation();
    const closed = conversation({ state: 'closed', assignee: { type: 'team', id: '5' }, extra_contact_ids: ['c2', 'c1'] });
    const yes = (query: ConversationQuery, c: ConversationRecord) => assert.equal(conversationMatches(query, c), true);
    const no = (query: ConversationQuery, c: ConversationRecord) => assert.equal(conversationMatches(query, c), false);
    yes(where('open', '=', true), open);
    no(where('open', '=', true), closed);
    yes(where('open', '=', true), conversation({ state: 'snoozed' }));
    yes(where('state', '=', 'closed'), closed);
    yes(where('admin_assignee_id', '=', 7), open);
    no(where('admin_assignee_id', '=', 5), closed);
    yes(where('admin_assignee_id', '=', null), closed);
    yes(where('team_assignee_id', '=', 5), closed);
    no(where('team_assignee_id', '=', 7), open);
    yes(where('team_assignee_id', '=', null), open);
    yes(where('admin_assignee_id', '>', 6), open);
    yes(where('contact_ids', '=', 'c2'), closed);
    no(where('contact_ids', '=', 'c2'), open);
    yes(where('contact_ids', '=', 'c1'), open);
    yes(where('tag_ids', '=', 't9'), open);
    yes(where('source.author.id', '=', 'c1'), open);
    yes(where('source.author.type', '=', 'user'), open);
    yes(where('source.body', '~', 'invoice'), open);
    yes(where('source.subject', '=', 'billing'), open);
    yes(where('source.delivered_as', '=', 'customer_initiated'), open);
    yes(where('id', '=', '17'), open);
    yes(where('read', '=', false), open);
    yes(where('created_at', '<', 101), open);
    yes(where('updated_at', '>', 199), open);
    yes(where('waiting_since', '=', null), open);
    yes(where('snoozed_until', '=', null), open);
    no(where('no_such_field', '!=', 'x'), open);
  });

  /** A store with one ticket type (a `priority` attribute) and a ticket of it. */
  function ticketWorld(changes: Partial<TicketRecord> = {}) {
    const store = new Store({ sink: { publish: () => {} } });
    // Only what the search reads of a ticket type: its attributes' ids and names.
    const attribute = (id: string, name: string) => ({ id, name });
    (store.ticketTypes as Map<string, unknown>).set('tt1', {
      id: 'tt1',
      attributes: [attribute('a1', '_default_title_'), attribute('a2', 'priority'), attribute('a3', 'files')],
    });
    const ticket: TicketRecord = {
      id: '40',
      ticket_id: '3',
      ticket_type_id: 'tt1',
      category: 'Back-office',
      state: 'in_progress',
      ticket_state_id: null,
      previous_ticket_state_id: null,
      open: true,
      snoozed_until: null,
      assignee: { type: 'admin', id: '7' },
      is_shared: false,
      conversation_id: null,
      company_id: null,
      contact_ids: ['c1'],
      attributes: { _default_title_: 'Printer on fire', _default_description_: 'Smoke', priority: 'High', files: ['f1'] },
      parts: [
        { id: 'p1', part_type: 'note', body: 'x', created_at: 1, author: { type: 'admin', id: '7' }, assigned_to: null },
        { id: 'p2', part_type: 'note', body: 'y', created_at: 2, author: { type: 'admin', id: '7' }, assigned_to: null },
        { id: 'p3', part_type: 'comment', body: 'z', created_at: 3, author: { type: 'user', id: 'c1' }, assigned_to: null },
        { id: 'p4', part_type: 'note', body: 'w', created_at: 4, author: { type: 'admin', id: '8' }, assigned_to: null },
      ],
      tag_ids: [],
      created_at: 100,
      updated_at: 200,
      ...changes,
    };
    return { store, ticket };
  }

  test("a ticket's fields as the search reads them, ticket_attribute.<id> by the type's attributes", () => {
    const { store, ticket } = ticketWorld();
    const yes = (query: ConversationQuery, t = ticket) =>
      assert.equal(ticketMatches(store, query, t), true, JSON.stringify(query));
    const no = (query: ConversationQuery, t = ticket) =>
      assert.equal(ticketMatches(store, query, t), false, JSON.stringify(query));
    yes(where('category', '=', 'task'));
    no(where('category', '=', 'Back-office'));
    yes(where('category', '=', 'request'), { ...ticket, category: 'Customer' });
    yes(where('category', '=', 'tracker'), { ...ticket, category: 'Tracker' });
    yes(where('title', '~', 'fire'));
    yes(where('description', '=', 'smoke'));
    yes(where('description', '=', null), { ...ticket, attributes: {} });
    yes(where('title', '=', null), { ...ticket, attributes: { _default_title_: ['a', 'b'] } });
    yes(where('teammate_ids', '=', '7'));
    yes(where('teammate_ids', '=', '8'));
    no(where('teammate_ids', '=', 'c1'), ticket);
    assert.equal(ticketMatches(store, where('teammate_ids', 'NIN', ['7']), ticket), false);
    yes(where('admin_assignee_id', '=', '7'));
    yes(where('team_assignee_id', '=', null));
    yes(where('team_assignee_id', '=', '5'), { ...ticket, assignee: { type: 'team', id: '5' } });
    yes(where('admin_assignee_id', '=', null), { ...ticket, assignee: { type: 'team', id: '5' } });
    no(where('admin_assignee_id', '=', '5'), { ...ticket, assignee: { type: 'team', id: '5' } });
    yes(where('ticket_attribute.a2', '=', 'high'));
    no(where('ticket_attribute.a2', '=', 'low'));
    yes(where('ticket_attribute.a1', '^', 'printer'));
    yes(where('ticket_attribute.a3', '=', null), ticket);
    yes(where('ticket_attribute.zz', '=', null), ticket);
    no(where('ticket_attribute.zz', '=', 'High'), ticket);
    no(where('ticket_attribute.a2', '=', 'High'), { ...ticket, ticket_type_id: 'other' });
    yes(where('open', '=', true));
    yes(where('state', '=', 'in_progress'));
    yes(where('id', '=', '40'));
    yes(where('ticket_type_id', '=', 'tt1'));
    yes(where('contact_ids', '=', 'c1'));
    yes(where('created_at', '>', 99));
    yes(where('updated_at', '<', 201));
    yes(where('snoozed_until', '=', null));
    yes(where('tag_ids', '=', null));
    no(where('priority', '=', 'High'));
    no(where('ticket_attribute', '!=', 'x'));
  });

  test('the searchable ticket fields, and ticket_attribute.<id> for any id', () => {
    assert.equal(isTicketSearchField('title'), true);
    assert.equal(isTicketSearchField('ticket_attribute.a1'), true);
    assert.equal(isTicketSearchField('ticket_attribute.'), false);
    assert.equal(isTicketSearchField('ticket_attribute'), false);
    assert.equal(isTicketSearchField('priority'), false);
    assert.deepEqual(TICKET_SEARCH_FIELD_NAMES, [
      'id',
      'created_at',
      'updated_at',
      'title',
      'description',
      'category',
      'ticket_type_id',
      'contact_ids',
      'teammate_ids',
      'admin_assignee_id',
      'team_assignee_id',
      'open',
      'state',
      'snoozed_until',
      'tag_ids',
      'ticket_attribute.{id}',
    ]);
  });
});
