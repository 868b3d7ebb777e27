import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParameterError } from '../../src/core/errors.js';
import {
  CONTACT_SEARCH,
  CONVERSATION_SEARCH,
  type SearchLanguage,
  TICKET_SEARCH,
} from '../../src/v2/generated/search-languages.js';
import {
  checkSearchQuery,
  checkSearchRequest,
  SEARCH_LANGUAGES,
  SEARCH_MAX_DEPTH,
  SEARCH_MAX_GROUP_ITEMS,
  SEARCH_OPERATORS,
} from '../../src/v2/search.js';

// The checks a 2.x search query passes before it is sent (pure functions, no socket).

const filter = (field: unknown, operator: unknown, value: unknown) => ({ field, operator, value });
const group = (operator: 'AND' | 'OR', ...value: unknown[]) => ({ operator, value });

/** Asserts that the contact query is refused at `place`, with `message` when given. */
function refused(query: unknown, place: string, message?: string, language: SearchLanguage = CONTACT_SEARCH): void {
  assert.throws(
    () => checkSearchQuery(query, language),
    (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError, String(error));
      assert.equal(error.parameter, place);
      if (message !== undefined) assert.equal(error.message, `${place}: ${message}`);
      return true;
    },
  );
}
const accepted = (query: unknown, language: SearchLanguage = CONTACT_SEARCH) =>
  assert.doesNotThrow(() => checkSearchQuery(query, language));

test('the limits and operators of the query language', () => {
  assert.equal(SEARCH_MAX_DEPTH, 2);
  assert.equal(SEARCH_MAX_GROUP_ITEMS, 15);
  assert.deepEqual(SEARCH_OPERATORS, ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<=', '~', '!~', '^', '$']);
  assert.deepEqual(Object.keys(SEARCH_LANGUAGES), ['/contacts/search', '/conversations/search', '/tickets/search']);
  assert.equal(SEARCH_LANGUAGES['/tickets/search'], TICKET_SEARCH);
});

test('a query is a filter or a group', () => {
  for (const bad of [null, undefined, 'email = x', 5, [filter('email', '=', 'x')]]) {
    refused(bad, 'query', 'must be a filter ({ field, operator, value }) or a group ({ operator, value: [...] })');
  }
  accepted(filter('email', '=', 'a@example.com'));
  accepted(group('AND', filter('email', '=', 'a@example.com')));
});

test('groups nest two levels deep at most, hold 1 to 15 items, and name the place of a problem', () => {
  const leaf = filter('name', '=', 'a');
  accepted(group('AND', group('OR', leaf, leaf), leaf));
  refused(
    group('AND', leaf, group('OR', leaf, group('AND', leaf))),
    'query.value[1].value[1]',
    'AND/OR groups nest at most 2 levels deep',
  );
  refused(group('OR', ...Array.from({ length: 16 }, () => leaf)), 'query.value', 'holds 16 items; a group holds at most 15');
  accepted(group('OR', ...Array.from({ length: 15 }, () => leaf)));
  refused(group('AND'), 'query.value', 'must be a non-empty array of filters and groups');
  refused({ operator: 'OR', value: leaf }, 'query.value');
  refused(group('AND', leaf, group('OR', leaf, filter('name', 'LIKE', 'x'))), 'query.value[1].value[1].operator');
});

test('a filter has a field, a known operator, and a value that fits the operator', () => {
  refused(filter('', '=', 'x'), 'query.field', 'must be a non-empty string');
  refused(filter(5, '=', 'x'), 'query.field');
  refused(
    filter('email', 'LIKE', 'x'),
    'query.operator',
    'must be one of = != IN NIN > < >= <= ~ !~ ^ $ (or AND/OR for a group)',
  );
  refused(filter('email', 5, 'x'), 'query.operator');
  for (const operator of ['IN', 'NIN']) {
    refused(filter('email', operator, 'a'), 'query.value', `must be a non-empty array of values for ${operator}`);
    refused(filter('email', operator, []), 'query.value');
    refused(filter('email', operator, ['a', { b: 1 }]), 'query.value');
    accepted(filter('email', operator, ['a', null, 1, true]));
  }
  refused(filter('email', '=', ['a']), 'query.value', 'must be a string, number, boolean or null for =');
  refused(filter('email', '~', { a: 1 }), 'query.value');
  refused(filter('email', '=', undefined), 'query.value');
  for (const value of ['a', 1, false, null]) accepted(filter('name', '=', value));
});

test("an operator must apply to the field's kind; fields outside the tables are left to the API", () => {
  refused(filter('created_at', '~', '2020'), 'query.operator', "'~' does not apply to created_at (date)");
  refused(filter('created_at', '>=', 1), 'query.operator');
  accepted(filter('created_at', '>', 1));
  accepted(filter('created_at', '=', 1));
  refused(filter('tag_id', 'IN', ['1']), 'query.operator', "'IN' does not apply to tag_id (string)");
  accepted(filter('tag_id', '=', '1'));
  accepted(filter('segment_id', 'IN', ['1']));
  refused(filter('email', '>', 'a'), 'query.operator');
  accepted(filter('email', '$', '@example.com'));
  accepted(filter('not_in_the_table', '~', 'x'));
  accepted(filter('custom_attributes.seats', '>=', 3));
  accepted(filter('custom_attributes.plan', '~', 'pro'));
  // An operator a language does not list is not restricted by it.
  accepted(filter('created_at', '>=', 1), CONVERSATION_SEARCH);
  refused(filter('open', '~', 'x'), 'query.operator', undefined, TICKET_SEARCH);
  accepted(filter('ticket_attribute.a1', '>', 1), TICKET_SEARCH);
});

test('a search request is checked on the search paths only', () => {
  assert.doesNotThrow(() => checkSearchRequest('/contacts', 'anything'));
  assert.doesNotThrow(() => checkSearchRequest('/contacts/search/extra', null));
  for (const path of Object.keys(SEARCH_LANGUAGES)) {
    assert.throws(() => checkSearchRequest(path, null), { message: 'request: must be an object with a query' });
    assert.throws(
      () => checkSearchRequest(path, ['x']),
      (error: unknown) => (error as InvalidParameterError).parameter === 'request',
    );
    assert.throws(
      () => checkSearchRequest(path, {}),
      (error: unknown) => (error as InvalidParameterError).parameter === 'query',
    );
    assert.doesNotThrow(() => checkSearchRequest(path, { query: filter('id', '=', '1') }));
  }
  assert.throws(
    () => checkSearchRequest('/contacts/search', { query: filter('created_at', '~', 'x') }),
    (error: unknown) => (error as InvalidParameterError).parameter === 'query.operator',
  );
});
