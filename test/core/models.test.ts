import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedFields, itemsKeyOf, rememberFields, unwrapLists } from '../../src/core/models.js';

const WRITABLE = new Set(['name', 'companies', 'custom_attributes', 'signed_up_at']);
const READ_ONLY = new Set(['id', 'type']);

/** A model as the API returned it: parsed from JSON, remembered. */
function returned(json: string): Record<string, unknown> {
  const model = JSON.parse(json) as Record<string, unknown>;
  rememberFields(model, WRITABLE);
  return model;
}

test('changedFields: nothing changed, nothing sent', () => {
  const model = returned(
    '{"type":"user","id":"1","name":"Bob","companies":[{"id":"c1","tags":{"list":[1,2]}}],"custom_attributes":{"a":1}}',
  );
  assert.deepEqual(changedFields(model, READ_ONLY), {});
});

test('changedFields: changes deep inside an object or array field are seen', () => {
  const model = returned('{"id":"1","companies":[{"id":"c1","tags":{"list":[1,2]}}],"custom_attributes":{"a":1}}');
  ((model.companies as Array<{ tags: { list: number[] } }>)[0] as { tags: { list: number[] } }).tags.list.push(3);
  (model.custom_attributes as Record<string, unknown>).a = 2;
  assert.deepEqual(Object.keys(changedFields(model, READ_ONLY)).sort(), ['companies', 'custom_attributes']);
});

test('changedFields: a value replaced by an equal one is unchanged; a primitive replaced by an object is changed', () => {
  const model = returned('{"id":"1","name":"Bob","custom_attributes":{"a":1,"b":"x"}}');
  model.custom_attributes = { a: 1, b: 'x' };
  assert.deepEqual(changedFields(model, READ_ONLY), {});
  model.name = { first: 'Bob' };
  assert.deepEqual(changedFields(model, READ_ONLY), { name: { first: 'Bob' } });
});

test('changedFields: a __proto__ key from JSON stays data in the remembered copy', () => {
  const model = returned('{"id":"1","custom_attributes":{"__proto__":{"polluted":true},"a":1}}');
  assert.deepEqual(changedFields(model, READ_ONLY), {}, 'the copy serialises like the original');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // An own data property named __proto__ (from JSON), read as data.
  const own = Object.getOwnPropertyDescriptor(model.custom_attributes, '__proto__')?.value as Record<string, unknown>;
  own.polluted = false;
  assert.deepEqual(Object.keys(changedFields(model, READ_ONLY)), ['custom_attributes']);
});

test('changedFields: a Date remembered after a save compares by its JSON', () => {
  const model: Record<string, unknown> = { id: '1', signed_up_at: { when: new Date(0) } };
  rememberFields(model, WRITABLE);
  assert.deepEqual(changedFields(model, READ_ONLY), {});
  (model.signed_up_at as { when: Date }).when = new Date(1000);
  assert.deepEqual(Object.keys(changedFields(model, READ_ONLY)), ['signed_up_at']);
});

test('changedFields: fields the caller added are sent unless read-only; a model never returned sends everything', () => {
  const model = returned('{"id":"1","name":"Bob"}');
  model.phone = '555';
  model.type = 'user';
  assert.deepEqual(changedFields(model, READ_ONLY), { phone: '555' });
  assert.deepEqual(changedFields({ id: '2', name: 'New' }, READ_ONLY), { name: 'New' });
});

test('itemsKeyOf and unwrapLists: list types map to their items key, also when asked again', () => {
  for (let i = 0; i < 2; i++) {
    assert.equal(itemsKeyOf('company.list'), 'companies');
    assert.equal(itemsKeyOf('user.list'), 'users');
    assert.equal(itemsKeyOf('social_profile.list'), 'social_profiles');
  }
  for (let i = 0; i < 300; i++) assert.equal(itemsKeyOf(`thing${i}.list`), `thing${i}s`, 'past the cache size too');
  const data: Record<string, unknown> = {
    companies: { type: 'company.list', companies: [{ id: 'c' }] },
    tags: { type: 'tag.list' },
  };
  unwrapLists(data, ['companies', 'tags']);
  assert.deepEqual(data, { companies: [{ id: 'c' }], tags: [] });
});

test('a __proto__ key in API data is dropped, never replacing the model prototype', async () => {
  const { User } = await import('../../src/resources/users.js');
  const user = new User(JSON.parse('{"type":"user","id":"1","__proto__":{"polluted":true},"custom_attributes":{}}'));
  assert.ok(user instanceof User);
  assert.equal(typeof user.increment, 'function');
});
