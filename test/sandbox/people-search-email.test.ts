/**
 * A search that requires an email reads the store's email index instead of trying every person: it
 * must find exactly what trying every person finds (case-insensitive, after changes of email, role
 * and removal), and a query that does not require the email still tries everyone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SearchNode, searchableField, searchPeople } from '../../src/sandbox/domain/people-search.js';
import { Store } from '../../src/sandbox/domain/store.js';

const filter = (name: string, operator: '=' | '!=', value: string): SearchNode => ({
  kind: 'filter',
  field: searchableField(name) as NonNullable<ReturnType<typeof searchableField>>,
  name,
  operator,
  value,
});
const sortById = { field: searchableField('id') as NonNullable<ReturnType<typeof searchableField>>, descending: false };
const found = (store: Store, query: SearchNode): string[] => searchPeople(store, query, sortById).map((e) => e.record.id);

test('an email search finds the same people through the index as by trying everyone', () => {
  const store = new Store({ sink: { publish: () => {} } });
  const ann = store.newUser('user', { user_id: 'ann', email: 'Ann@Example.com' });
  const lead = store.newUser('contact', { email: 'ann@example.com' });
  store.newUser('visitor', { email: 'ann@example.com' });
  const bob = store.newUser('user', { user_id: 'bob', email: 'bob@example.com' });
  const byEmail = filter('email', '=', 'ANN@example.COM');

  assert.deepEqual(found(store, byEmail), [ann.id, lead.id].sort(), 'users and leads, any case; never visitors');
  assert.deepEqual(found(store, { kind: 'group', operator: 'AND', items: [filter('role', '=', 'user'), byEmail] }), [ann.id]);
  // An OR does not require the email: everyone is tried.
  const either: SearchNode = { kind: 'group', operator: 'OR', items: [byEmail, filter('email', '=', 'bob@example.com')] };
  assert.deepEqual(found(store, either), [ann.id, lead.id, bob.id].sort());

  store.setEmail(bob, 'ann@example.com');
  store.setEmail(ann, 'ann.new@example.com');
  assert.deepEqual(found(store, byEmail), [lead.id, bob.id].sort(), 'after changes of email');
  store.setRole(lead, 'user');
  store.removeUser(bob);
  assert.deepEqual(found(store, byEmail), [lead.id], 'after a change of role and a removal');
  assert.deepEqual(found(store, filter('email', '!=', 'ann@example.com')), [ann.id], '!= tries everyone');
});
