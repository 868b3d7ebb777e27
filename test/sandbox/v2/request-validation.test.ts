/**
 * Stateful 2.x routes check their request bodies against the 2.16 description (with its errata)
 * before anything is stored: a wrong type, a missing required field or a value outside an enum is
 * Intercom's 400 error list, and the workspace is as it was. Where a route has a finer answer of
 * Intercom's for a bad body, that answer wins.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { description } from '../../../src/sandbox/openapi/operations.js';
import { V2Api } from '../../../src/sandbox/openapi/v2-app.js';
import { FINER_BODY_REFUSALS } from '../../../src/sandbox/requests/v2/finer-refusals.js';
import type { RawAnswer } from '../../helpers/raw-http.js';
import { fileSandbox } from '../../helpers/v2-sandbox.js';

const fx = fileSandbox();
const { v2 } = fx;

/** Asserts Intercom's 2.x error list with one error of `code` whose message names `field`. */
function assertRefused(res: RawAnswer, code: string, field: string): void {
  assert.equal(res.status, 400, res.text);
  assert.equal(res.body.type, 'error.list');
  assert.equal(typeof res.body.request_id, 'string');
  assert.equal(res.body.errors.length, 1);
  assert.equal(res.body.errors[0].code, code);
  assert.match(res.body.errors[0].message, new RegExp(field));
}

/** A user contact to write against; answers its id. */
async function contact(): Promise<string> {
  const res = await v2('POST', '/contacts', { email: 'ada@example.com', external_id: 'ada' });
  assert.equal(res.status, 200, res.text);
  return res.body.id;
}

describe('bodies the description refuses are refused before anything is stored', () => {
  test('a contact whose avatar is not a string (wrong type): no contact is made', async () => {
    assertRefused(await v2('POST', '/contacts', { email: 'bob@example.com', avatar: 5 }), 'parameter_invalid', 'avatar');
    assert.equal(fx.sandbox.store.users.size, 0);
  });

  test('a company whose update_last_request_at is not a boolean (wrong type): no company is made', async () => {
    const res = await v2('POST', '/companies', { company_id: 'acme', update_last_request_at: 'yes' });
    assertRefused(res, 'parameter_invalid', 'update_last_request_at');
    assert.equal(fx.sandbox.store.companyByCompanyId('acme'), undefined);
    assert.equal(fx.sandbox.store.companies.size, 0);
  });

  test('a conversation whose created_at is not a timestamp (wrong type): none is started', async () => {
    const id = await contact();
    const res = await v2('POST', '/conversations', { from: { type: 'user', id }, body: 'Hello', created_at: 'now' });
    assertRefused(res, 'parameter_invalid', 'created_at');
    assert.equal(fx.sandbox.store.conversations.size, 0);
  });

  test('a close without the `type` the description requires (missing field): the conversation stays open', async () => {
    const id = await contact();
    const started = await v2('POST', '/conversations', { from: { type: 'user', id }, body: 'Hello' });
    assert.equal(started.status, 200, started.text);
    const conversation = fx.sandbox.store.conversations.get(started.body.conversation_id);
    const parts = conversation?.parts.length;
    const res = await v2('POST', `/conversations/${started.body.conversation_id}/parts`, {
      message_type: 'close',
      admin_id: '394051',
    });
    assertRefused(res, 'parameter_not_found', 'type');
    assert.equal(conversation?.state, 'open');
    assert.equal(conversation?.parts.length, parts);
  });

  test('a message to a recipient type the description does not list (bad enum): nothing is sent', async () => {
    const id = await contact();
    const res = await v2('POST', '/messages', {
      message_type: 'inapp',
      body: 'Your order shipped',
      from: { type: 'admin', id: 394051 },
      to: { type: 'contact', id },
    });
    assertRefused(res, 'parameter_invalid', 'to');
    assert.equal(fx.sandbox.store.conversations.size, 0);
  });

  test('an article whose translated_content has an unknown type (bad enum): no article is made', async () => {
    const before = (await v2('GET', '/articles')).body.total_count;
    const res = await v2('POST', '/articles', { title: 'Shipping', author_id: 394051, translated_content: { type: 'book' } });
    assertRefused(res, 'parameter_invalid', 'translated_content.type');
    assert.equal((await v2('GET', '/articles')).body.total_count, before);
  });
});

describe("a route's finer answer wins over the description's", () => {
  test('a contact search sorted `desc` is invalid_sort_order, as Intercom answers', async () => {
    const res = await v2('POST', '/contacts/search', {
      query: { field: 'role', operator: '=', value: 'user' },
      sort: { field: 'name', order: 'desc' },
    });
    assertRefused(res, 'invalid_sort_order', 'desc');
  });

  test('a data attribute of an unknown type is "Data Type isn\'t an option"; nothing is defined', async () => {
    const before = (await v2('GET', '/data_attributes?model=company')).body.data.length;
    const res = await v2('POST', '/data_attributes', { name: 'Ring', model: 'company', data_type: 'mithril' });
    assertRefused(res, 'parameter_invalid', "Data Type isn't an option");
    assert.equal((await v2('GET', '/data_attributes?model=company')).body.data.length, before);
  });

  test('an admin reply without admin_id is parameter_not_found naming it; nothing is added', async () => {
    const id = await contact();
    const started = await v2('POST', '/conversations', { from: { type: 'user', id }, body: 'Hello' });
    assert.equal(started.status, 200, started.text);
    const conversationId = started.body.conversation_id;
    const parts = fx.sandbox.store.conversations.get(conversationId)?.parts.length;
    const res = await v2('POST', `/conversations/${conversationId}/reply`, { message_type: 'comment', type: 'admin', body: 'x' });
    assertRefused(res, 'parameter_not_found', 'admin_id');
    assert.equal(fx.sandbox.store.conversations.get(conversationId)?.parts.length, parts);
  });

  test('each finer reader belongs to a described operation a stateful route serves', () => {
    const answered = new Set(new V2Api().answeredOperations());
    const described = new Set(description().operations.map((op) => `${op.method} ${op.path}`));
    for (const name of FINER_BODY_REFUSALS.keys()) {
      assert.ok(described.has(name), `${name} is in the description`);
      assert.ok(!answered.has(name), `${name} is served by a stateful route`);
    }
  });
});
