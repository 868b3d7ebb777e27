import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { firstError, type RawAnswer, raw } from '../helpers/raw-http.js';

let sandbox: Sandbox;

/** The people searched: four users and two leads, on an empty workspace. */
const USERS = [
  { user_id: 'u1', email: 'ann@alpha.io', name: 'Ann Archer', signed_up_at: 100, custom_attributes: { plan: 'pro', seats: 10 } },
  { user_id: 'u2', email: 'ben@beta.io', name: 'Ben Baker', signed_up_at: 200, custom_attributes: { plan: 'free', seats: 1 } },
  { user_id: 'u3', email: 'cat@alpha.io', name: 'Cat Cooper', signed_up_at: 300, custom_attributes: { plan: 'pro', seats: 5 } },
  { user_id: 'u4', email: 'dan@delta.io', name: 'dan dyer', signed_up_at: 400, custom_attributes: {} },
];
const LEADS = [
  { email: 'eve@alpha.io', name: 'Eve', custom_attributes: { plan: 'trial' } },
  { email: null, name: 'Anonymous Fox', custom_attributes: { seats: 2 } },
];

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'empty' });
  for (const user of USERS) assert.equal((await raw(sandbox, 'POST', '/users', user)).status, 200);
  for (const lead of LEADS) assert.equal((await raw(sandbox, 'POST', '/contacts', lead)).status, 200);
  // Visitors are not customers.
  sandbox.store.newUser('visitor', { name: 'Ann Visitor', email: 'visitor@alpha.io' });
});
after(() => sandbox.close());

const search = (body: unknown): Promise<RawAnswer> => raw(sandbox, 'POST', '/customers/search', body);

/** The names a query finds, sorted, so that tests state sets. */
async function names(query: unknown): Promise<string[]> {
  const answer = await search({ query, pagination: { per_page: 150 } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.customers.map((c: { name: string }) => c.name).sort();
}

const filter = (field: string, operator: string, value: unknown) => ({ field, operator, value });

describe('operators', () => {
  test('= and != on strings ignore case; null tests for no value', async () => {
    assert.deepEqual(await names(filter('name', '=', 'DAN DYER')), ['dan dyer']);
    assert.deepEqual(await names(filter('email', '=', 'ben@beta.io')), ['Ben Baker']);
    assert.equal((await names(filter('name', '!=', 'Eve'))).length, 5);
    assert.deepEqual(await names(filter('email', '=', null)), ['Anonymous Fox']);
    assert.equal((await names(filter('email', '!=', null))).length, 5);
  });

  test('IN and NIN', async () => {
    assert.deepEqual(await names(filter('user_id', 'IN', ['u1', 'u3', 'nope'])), ['Ann Archer', 'Cat Cooper']);
    assert.deepEqual(await names(filter('custom_attributes.plan', 'NIN', ['pro', 'free'])), ['Anonymous Fox', 'Eve', 'dan dyer']);
  });

  test('> and < on numbers (timestamps, custom attributes) and on strings', async () => {
    assert.deepEqual(await names(filter('signed_up_at', '>', 200)), ['Cat Cooper', 'dan dyer']);
    assert.deepEqual(await names(filter('signed_up_at', '<', 200)), ['Ann Archer']);
    assert.deepEqual(await names(filter('custom_attributes.seats', '>', 4)), ['Ann Archer', 'Cat Cooper']);
    assert.deepEqual(await names(filter('custom_attributes.seats', '<', 2)), ['Ben Baker']);
    assert.deepEqual(await names(filter('name', '<', 'B')), ['Ann Archer', 'Anonymous Fox']);
  });

  test('~ !~ ^ $ on text', async () => {
    assert.deepEqual(await names(filter('email', '~', 'ALPHA')), ['Ann Archer', 'Cat Cooper', 'Eve']);
    assert.deepEqual(await names(filter('email', '!~', 'alpha')), ['Anonymous Fox', 'Ben Baker', 'dan dyer']);
    assert.deepEqual(await names(filter('name', '^', 'an')), ['Ann Archer', 'Anonymous Fox']);
    assert.deepEqual(await names(filter('email', '$', '.io')).then((n) => n.length), 5);
    assert.deepEqual(await names(filter('email', '$', 'delta.io')), ['dan dyer']);
  });

  test('role tells users from leads; visitors are never found', async () => {
    assert.deepEqual(await names(filter('role', '=', 'lead')), ['Anonymous Fox', 'Eve']);
    assert.equal((await names(filter('role', '=', 'user'))).length, 4);
    assert.deepEqual(await names(filter('name', '~', 'visitor')), []);
  });

  test('answers a customer.list of customers with role', async () => {
    const answer = await search({ query: filter('email', '=', 'eve@alpha.io') });
    assert.equal(answer.body.type, 'customer.list');
    assert.equal(answer.body.total_count, 1);
    const [eve] = answer.body.customers;
    assert.equal(eve.type, 'customer');
    assert.equal(eve.role, 'lead');
    assert.equal(eve.anonymous, true);
    assert.equal(eve.custom_attributes.plan, 'trial');
    assert.deepEqual(answer.body.pages, { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 1 });
  });
});

describe('AND / OR groups', () => {
  test('AND and OR, nested two levels', async () => {
    assert.deepEqual(await names({ operator: 'AND', value: [filter('email', '~', 'alpha'), filter('role', '=', 'user')] }), [
      'Ann Archer',
      'Cat Cooper',
    ]);
    assert.deepEqual(await names({ operator: 'OR', value: [filter('name', '=', 'Eve'), filter('user_id', '=', 'u2')] }), [
      'Ben Baker',
      'Eve',
    ]);
    const nested = {
      operator: 'OR',
      value: [
        { operator: 'AND', value: [filter('custom_attributes.plan', '=', 'pro'), filter('custom_attributes.seats', '<', 8)] },
        { operator: 'AND', value: [filter('role', '=', 'lead'), filter('email', '=', null)] },
      ],
    };
    assert.deepEqual(await names(nested), ['Anonymous Fox', 'Cat Cooper']);
  });

  test('a third level of nesting is refused', async () => {
    const tooDeep = {
      operator: 'AND',
      value: [{ operator: 'OR', value: [{ operator: 'AND', value: [filter('name', '=', 'Eve')] }] }],
    };
    const answer = await search({ query: tooDeep });
    assert.equal(answer.status, 400);
    const error = firstError(answer);
    assert.equal(error.code, 'parameter_invalid');
    assert.match(error.message ?? '', /nested at most 2 levels/);
    assert.equal(error.field, 'query.value[0].value[0]');
  });

  test('15 filters per group are fine, 16 are refused', async () => {
    const fifteen = Array.from({ length: 15 }, (_, i) => filter('user_id', '=', `u${i}`));
    assert.deepEqual(await names({ operator: 'OR', value: fifteen }), ['Ann Archer', 'Ben Baker', 'Cat Cooper', 'dan dyer']);
    const answer = await search({ query: { operator: 'OR', value: [...fifteen, filter('name', '=', 'Eve')] } });
    assert.equal(answer.status, 400);
    assert.match(firstError(answer).message ?? '', /has 16 filters; an OR group may hold at most 15/);
    const inner = await search({
      query: { operator: 'AND', value: [{ operator: 'OR', value: [...fifteen, filter('name', '=', 'Eve')] }] },
    });
    assert.equal(inner.status, 400, 'the limit holds in nested groups too');
  });
});

describe('sort', () => {
  const sorted = async (sort: unknown): Promise<string[]> => {
    const answer = await search({ query: filter('email', '!=', 'nobody'), sort });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.customers.map((c: { name: string }) => c.name);
  };

  test('by a field, ascending or descending, text ignoring case', async () => {
    assert.deepEqual(await sorted({ field: 'name', order: 'ascending' }), [
      'Ann Archer',
      'Anonymous Fox',
      'Ben Baker',
      'Cat Cooper',
      'dan dyer',
      'Eve',
    ]);
    assert.deepEqual(await sorted({ field: 'signed_up_at', order: 'descending' }).then((n) => n.slice(0, 4)), [
      'dan dyer',
      'Cat Cooper',
      'Ben Baker',
      'Ann Archer',
    ]);
    assert.deepEqual(await sorted({ field: 'name' }).then((n) => n[0]), 'Ann Archer', 'an explicit field defaults to ascending');
  });

  test('missing values sort last in either order', async () => {
    const asc = await sorted({ field: 'custom_attributes.seats', order: 'ascending' });
    const desc = await sorted({ field: 'custom_attributes.seats', order: 'descending' });
    assert.deepEqual(asc.slice(0, 4), ['Ben Baker', 'Anonymous Fox', 'Cat Cooper', 'Ann Archer']);
    assert.deepEqual(desc.slice(0, 4), ['Ann Archer', 'Cat Cooper', 'Anonymous Fox', 'Ben Baker']);
    assert.deepEqual(new Set(asc.slice(4)), new Set(['dan dyer', 'Eve']));
    assert.deepEqual(new Set(desc.slice(4)), new Set(['dan dyer', 'Eve']));
  });
});

describe('pagination', () => {
  test('starting_after walks every page once, in order, and the last page has next: null', async () => {
    const body = (startingAfter?: string) => ({
      query: filter('email', '!=', 'nobody'),
      sort: { field: 'name', order: 'ascending' },
      pagination: startingAfter === undefined ? { per_page: 4 } : { per_page: 4, starting_after: startingAfter },
    });
    const first = await search(body());
    assert.equal(first.body.pages.page, 1);
    assert.equal(first.body.pages.total_pages, 2);
    assert.equal(first.body.total_count, 6);
    assert.equal(first.body.pages.next.page, 2);
    assert.equal(typeof first.body.pages.next.starting_after, 'string');
    const second = await search(body(first.body.pages.next.starting_after));
    assert.equal(second.body.pages.page, 2);
    assert.equal(second.body.pages.next, null);
    const walked = [...first.body.customers, ...second.body.customers].map((c: { name: string }) => c.name);
    assert.deepEqual(walked, ['Ann Archer', 'Anonymous Fox', 'Ben Baker', 'Cat Cooper', 'dan dyer', 'Eve']);
  });

  test('a cursor survives changes: a removed record does not shift the next page', async () => {
    const body = (startingAfter?: string) => ({
      query: filter('role', '=', 'user'),
      sort: { field: 'signed_up_at', order: 'ascending' },
      pagination: startingAfter === undefined ? { per_page: 2 } : { per_page: 2, starting_after: startingAfter },
    });
    const first = await search(body());
    assert.deepEqual(
      first.body.customers.map((c: { name: string }) => c.name),
      ['Ann Archer', 'Ben Baker'],
    );
    const ann = first.body.customers[0];
    const archived = await raw(sandbox, 'DELETE', `/users/${ann.id}`, {});
    assert.equal(archived.status, 200);
    try {
      const second = await search(body(first.body.pages.next.starting_after));
      assert.deepEqual(
        second.body.customers.map((c: { name: string }) => c.name),
        ['Cat Cooper', 'dan dyer'],
      );
    } finally {
      await raw(sandbox, 'POST', '/users', USERS[0]);
    }
  });

  test('a cursor from another query, or not from this API, is refused', async () => {
    const first = await search({ query: filter('role', '=', 'user'), pagination: { per_page: 1 } });
    const cursor = first.body.pages.next.starting_after;
    const other = await search({ query: filter('role', '=', 'lead'), pagination: { per_page: 1, starting_after: cursor } });
    assert.equal(other.status, 400);
    assert.match(firstError(other).message ?? '', /different query or sort/);
    const resorted = await search({
      query: filter('role', '=', 'user'),
      sort: { field: 'name' },
      pagination: { per_page: 1, starting_after: cursor },
    });
    assert.equal(resorted.status, 400);
    const forged = await search({ query: filter('role', '=', 'user'), pagination: { starting_after: 'EnCrYpTeDsTrInG' } });
    assert.equal(forged.status, 400);
    assert.equal(firstError(forged).field, 'pagination.starting_after');
  });
});

describe('violations answer 400 with a clear message', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['no query', {}, 'query', /query is a required parameter/],
    ['query not an object', { query: 'name=Ann' }, 'query', /must be a filter/],
    ['unknown field', { query: filter('shoe_size', '=', 1) }, 'query.field', /'shoe_size' is not a searchable field/],
    ['unknown operator', { query: filter('name', 'LIKE', 'A') }, 'query.operator', /must be one of = != IN NIN > < ~ !~ \^ \$/],
    ['missing operator', { query: { field: 'name', value: 'A' } }, 'query.operator', /operator is required/],
    ['missing value', { query: { field: 'name', operator: '=' } }, 'query.value', /value is required/],
    ['missing field', { query: { operator: '=', value: 'A' } }, 'query.field', /field is required/],
    ['IN without an array', { query: filter('name', 'IN', 'Ann') }, 'query.value', /non-empty array/],
    ['> with text on a number field', { query: filter('signed_up_at', '>', 'soon') }, 'query.value', /needs a number/],
    ['~ on a number field', { query: filter('session_count', '~', '1') }, 'query.operator', /applies to text/],
    ['~ with a number', { query: filter('name', '~', 1) }, 'query.value', /non-empty string/],
    ['empty group', { query: { operator: 'AND', value: [] } }, 'query.value', /non-empty array/],
    [
      'bad item in a group',
      { query: { operator: 'OR', value: [filter('name', '=', 'A'), 3] } },
      'query.value[1]',
      /must be a filter/,
    ],
    ['bad sort order', { query: filter('name', '=', 'A'), sort: { field: 'name', order: 'up' } }, 'sort.order', /ascending/],
    ['unsortable field', { query: filter('name', '=', 'A'), sort: { field: 'tag_id' } }, 'sort.field', /cannot be sorted/],
    ['per_page 0', { query: filter('name', '=', 'A'), pagination: { per_page: 0 } }, 'pagination.per_page', /1 to 150/],
    ['per_page 151', { query: filter('name', '=', 'A'), pagination: { per_page: 151 } }, 'pagination.per_page', /1 to 150/],
  ];
  for (const [name, body, field, message] of cases) {
    test(name, async () => {
      const answer = await search(body);
      assert.equal(answer.status, 400);
      const error = firstError(answer);
      assert.ok(['parameter_invalid', 'parameter_not_found'].includes(error.code ?? ''), error.code);
      assert.equal(error.field, field);
      assert.match(error.message ?? '', message);
    });
  }

  test('malformed JSON', async () => {
    const response = await raw(sandbox, 'POST', '/customers/search', '{"query": {');
    assert.equal(response.status, 400);
  });
});
