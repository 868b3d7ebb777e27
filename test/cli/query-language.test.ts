import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery, QuerySyntaxError } from '../../src/cli/query-language.js';

/** Asserts that `query` fails at `column` (1-based) with a message matching `message`. */
function rejects(query: string, column: number, message: RegExp): void {
  assert.throws(
    () => parseQuery(query),
    (error: unknown) => {
      assert.ok(error instanceof QuerySyntaxError, `a QuerySyntaxError for ${query}`);
      assert.match(error.message, message, query);
      assert.equal(error.position + 1, column, `column of the mistake in: ${query}`);
      return true;
    },
  );
}

test('one condition compiles to a filter', () => {
  assert.deepEqual(parseQuery('name = Alice'), { field: 'name', operator: '=', value: 'Alice' });
  assert.deepEqual(parseQuery('name=Alice'), { field: 'name', operator: '=', value: 'Alice' });
  assert.deepEqual(parseQuery('  email   $   @example.com  '), { field: 'email', operator: '$', value: '@example.com' });
});

test("the issue's example: AND with an IN list of bare values", () => {
  assert.deepEqual(parseQuery('name = Alice AND custom_attributes.plan IN [pro,team]'), {
    operator: 'AND',
    value: [
      { field: 'name', operator: '=', value: 'Alice' },
      { field: 'custom_attributes.plan', operator: 'IN', value: ['pro', 'team'] },
    ],
  });
});

test('every operator', () => {
  const cases: Array<[string, unknown]> = [
    ['a = 1', { field: 'a', operator: '=', value: 1 }],
    ['a != 1', { field: 'a', operator: '!=', value: 1 }],
    ['a IN [1, 2]', { field: 'a', operator: 'IN', value: [1, 2] }],
    ['a NIN [x]', { field: 'a', operator: 'NIN', value: ['x'] }],
    ['a > 3', { field: 'a', operator: '>', value: 3 }],
    ['a < -2.5', { field: 'a', operator: '<', value: -2.5 }],
    ['a ~ ice', { field: 'a', operator: '~', value: 'ice' }],
    ['a !~ ice', { field: 'a', operator: '!~', value: 'ice' }],
    ['a ^ Al', { field: 'a', operator: '^', value: 'Al' }],
    ['a $ ce', { field: 'a', operator: '$', value: 'ce' }],
    ['a in [1]', { field: 'a', operator: 'IN', value: [1] }],
    ['a nin[1]', { field: 'a', operator: 'NIN', value: [1] }],
  ];
  for (const [query, expected] of cases) assert.deepEqual(parseQuery(query), expected, query);
});

test('values: quoted text, bare numbers, booleans and null; text on text fields and text operators', () => {
  assert.deepEqual(parseQuery('name = "Alice Smith"'), { field: 'name', operator: '=', value: 'Alice Smith' });
  assert.deepEqual(parseQuery("name = 'O\\'Brien'"), { field: 'name', operator: '=', value: "O'Brien" });
  assert.deepEqual(parseQuery('custom_attributes.karma = "5"'), { field: 'custom_attributes.karma', operator: '=', value: '5' });
  assert.deepEqual(parseQuery('custom_attributes.paid = true'), { field: 'custom_attributes.paid', operator: '=', value: true });
  assert.deepEqual(parseQuery('phone = null'), { field: 'phone', operator: '=', value: null });
  assert.deepEqual(parseQuery('user_id = 42'), { field: 'user_id', operator: '=', value: '42' }, 'user_id is text');
  assert.deepEqual(parseQuery('email IN [1, 2]'), { field: 'email', operator: 'IN', value: ['1', '2'] });
  assert.deepEqual(parseQuery('custom_attributes.code ~ 42'), { field: 'custom_attributes.code', operator: '~', value: '42' });
  assert.deepEqual(parseQuery('"custom_attributes.plan name" = pro'), {
    field: 'custom_attributes.plan name',
    operator: '=',
    value: 'pro',
  });
  assert.deepEqual(
    parseQuery('x = a=b'),
    { field: 'x', operator: '=', value: 'a=b' },
    'a bare value may hold operator characters',
  );
});

test('dates on timestamp fields become epoch seconds', () => {
  assert.deepEqual(parseQuery('created_at > 2024-05-01'), { field: 'created_at', operator: '>', value: 1714521600 });
  assert.deepEqual(parseQuery('signed_up_at < 2024-05-01T12:00:00Z'), {
    field: 'signed_up_at',
    operator: '<',
    value: 1714564800,
  });
  assert.deepEqual(parseQuery('custom_attributes.paid_at > 2024-05-01T12:00'), {
    field: 'custom_attributes.paid_at',
    operator: '>',
    value: 1714564800,
  });
  assert.deepEqual(parseQuery('custom_attributes.day = 2024-05-01'), {
    field: 'custom_attributes.day',
    operator: '=',
    value: '2024-05-01',
  });
});

test('AND binds tighter than OR; same-operator groups flatten; parentheses group', () => {
  const f = (field: string, value: number) => ({ field, operator: '=', value });
  assert.deepEqual(parseQuery('a = 1 AND b = 2 OR c = 3 AND d = 4'), {
    operator: 'OR',
    value: [
      { operator: 'AND', value: [f('a', 1), f('b', 2)] },
      { operator: 'AND', value: [f('c', 3), f('d', 4)] },
    ],
  });
  assert.deepEqual(parseQuery('a = 1 or b = 2 or c = 3'), { operator: 'OR', value: [f('a', 1), f('b', 2), f('c', 3)] });
  assert.deepEqual(parseQuery('(a = 1 OR b = 2) AND c = 3'), {
    operator: 'AND',
    value: [{ operator: 'OR', value: [f('a', 1), f('b', 2)] }, f('c', 3)],
  });
  assert.deepEqual(parseQuery('a = 1 AND (b = 2 AND c = 3)'), { operator: 'AND', value: [f('a', 1), f('b', 2), f('c', 3)] });
  assert.deepEqual(parseQuery('((a = 1))'), f('a', 1));
});

test('syntax errors point at the position of the mistake', () => {
  rejects('', 1, /empty/);
  rejects('name Alice', 6, /expected an operator .* after 'name', found 'Alice'/);
  rejects('name = ', 8, /expected a value after '='/);
  rejects('name = Alice Smith', 14, /expected AND, OR or the end.*'Smith'.*quote/);
  rejects('plan IN pro', 9, /IN needs a list in brackets/);
  rejects('plan IN []', 9, /list is empty/);
  rejects('plan IN [a, ]', 13, /expected a value after ','/);
  rejects('plan IN [a b]', 12, /expected ',' or ']'/);
  rejects('plan IN [a, b', 14, /'\[' at column 9 is never closed/);
  rejects('a = [1]', 5, /only IN and NIN take a list/);
  rejects('(a = 1', 7, /'\(' at column 1 is never closed/);
  rejects('a = 1)', 6, /unexpected '\)'/);
  rejects('a = 1 AND', 10, /expected a condition after AND/);
  rejects('a = 1 AND OR b = 2', 11, /expected a condition, found OR/);
  rejects("x = 'abc", 5, /unterminated quoted text/);
  rejects('() ', 2, /empty parentheses/);
  rejects('= 1', 1, /expected a field name/);
  rejects('a > true', 5, />.*number/);
  rejects('a > null', 5, /null only goes with = and !=/);
  rejects('a IN [1, null]', 10, /not null/);
  rejects('created_at > 2024-13-45', 14, /not a valid date/);
});

test('groups nest at most two levels and hold at most 15 items', () => {
  rejects('a = 1 AND (b = 2 OR (c = 3 AND d = 4))', 21, /at most 2 levels/);
  rejects('a = 1 AND (b = 2 OR c = 3 AND d = 4)', 21, /at most 2 levels/);
  // A parenthesised OR inside an OR is the same OR: it flattens instead of nesting.
  assert.deepEqual(parseQuery('a = 1 OR (b = 2 AND c = 3 OR d = 4)'), {
    operator: 'OR',
    value: [
      { field: 'a', operator: '=', value: 1 },
      {
        operator: 'AND',
        value: [
          { field: 'b', operator: '=', value: 2 },
          { field: 'c', operator: '=', value: 3 },
        ],
      },
      { field: 'd', operator: '=', value: 4 },
    ],
  });
  const sixteen = Array.from({ length: 16 }, (_, i) => `f${i} = ${i}`).join(' AND ');
  rejects(sixteen, sixteen.indexOf('f15') + 1, /at most 15/);
  const fifteen = Array.from({ length: 15 }, (_, i) => `f${i} = ${i}`).join(' AND ');
  const group = parseQuery(fifteen);
  assert.ok(Array.isArray(group.value) && group.value.length === 15);
});

test('explain() shows the query with a caret under the mistake', () => {
  try {
    parseQuery('name Alice');
    assert.fail('should throw');
  } catch (error) {
    assert.ok(error instanceof QuerySyntaxError);
    assert.equal(error.explain().split('\n').slice(1).join('\n'), '  name Alice\n       ^');
  }
});
