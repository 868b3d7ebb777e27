import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  contactSearch,
  conversationSearch,
  type Intercom,
  InvalidParameterError,
  type SearchQuery,
  ticketSearch,
} from 'intercom-ts/v2';
import { withV2Server } from './harness.js';

const list = { body: { type: 'list', data: [], pages: {} } };
const { where, and, or } = contactSearch;

test('the builder makes the query the API takes', () => {
  const query = and(where('role', '=', 'user'), or(where('email', '$', '@example.com'), where('created_at', '>', 1_700_000_000)));
  assert.deepEqual(query, {
    operator: 'AND',
    value: [
      { field: 'role', operator: '=', value: 'user' },
      {
        operator: 'OR',
        value: [
          { field: 'email', operator: '$', value: '@example.com' },
          { field: 'created_at', operator: '>', value: 1_700_000_000 },
        ],
      },
    ],
  });
  // Fields, operators and values are typed per field: these lines must not compile.
  // @ts-expect-error no such contact field
  where('emial', '=', 'x');
  // @ts-expect-error '~' (contains) does not apply to a date
  where('created_at', '~', '2020');
  // @ts-expect-error IN takes an array
  where('email', 'IN', 'a@example.com');
  // @ts-expect-error a boolean field takes a boolean
  where('has_hard_bounced', '=', 'yes');
  where('custom_attributes.plan', '=', 'pro');
  conversationSearch.where('admin_assignee_id', '=', 5);
  ticketSearch.where('open', '=', true);
});

test('a valid query is sent as built', async () => {
  await withV2Server(
    () => list,
    async (client, received) => {
      const query = and(where('email', 'IN', ['a@example.com', 'b@example.com']), where('role', '=', 'lead'));
      await client.contacts.search({ query });
      assert.deepEqual(received[0]?.body, { query });
    },
  );
});

/** A query as a caller might write it by hand, wrong or not. */
const raw = (query: unknown) => query as SearchQuery & Intercom.SingleFilterSearchRequest;

const refused: Array<[string, Intercom.SearchRequest['query'], string]> = [
  [
    'three levels of groups',
    and(where('role', '=', 'user'), or(where('name', '=', 'a'), and(where('name', '=', 'b'), where('name', '=', 'c')))),
    'query.value[1].value[1]',
  ],
  [
    'sixteen filters in a group',
    or(...Array.from({ length: 16 }, (_, i) => where('email', '=', `u${i}@example.com`))),
    'query.value',
  ],
  ['an empty group', raw({ operator: 'AND', value: [] }), 'query.value'],
  ['an operator that does not apply to the field', raw({ field: 'created_at', operator: '~', value: '2020' }), 'query.operator'],
  ['IN on tag_id, which the description excludes', raw({ field: 'tag_id', operator: 'IN', value: ['1'] }), 'query.operator'],
  ['IN without an array', raw({ field: 'email', operator: 'IN', value: 'a' }), 'query.value'],
  ['an unknown operator', raw({ field: 'email', operator: 'LIKE', value: 'a' }), 'query.operator'],
];

for (const [what, query, place] of refused) {
  test(`a search with ${what} is refused before it is sent`, async () => {
    await withV2Server(
      () => list,
      async (client, received) => {
        const error = await client.contacts.search({ query }).catch((e: unknown) => e);
        assert.ok(error instanceof InvalidParameterError, String(error));
        assert.equal(error.parameter, place);
        assert.equal(received.length, 0);
      },
    );
  });
}

test('two levels of groups and 15 filters per group are accepted; fields outside the tables are left to the API', async () => {
  await withV2Server(
    () => list,
    async (client, received) => {
      const fifteen = Array.from({ length: 15 }, (_, i) => where('email', '=', `u${i}@example.com`));
      await client.contacts.search({ query: and(or(...fifteen), where('role', '=', 'user')) });
      await client.contacts.search({ query: { field: 'custom_attributes.seats', operator: '>', value: 3 } });
      await client.conversations.search({ query: { field: 'not_in_the_table', operator: '=', value: 'x' } });
      await client.tickets.search({ query: ticketSearch.where('created_at', '>', 1) });
      assert.equal(received.length, 4);
    },
  );
});
