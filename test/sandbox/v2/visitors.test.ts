/**
 * The 2.x visitors: find by `user_id`, update, convert into a lead, a new user or an existing user.
 * They are the 1.x visitors (one workspace, two views); every answer is checked against the description.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { IntercomClient as OfficialClient } from 'intercom-client';
import { IntercomClient, ResourceNotFound } from 'intercom-ts/v2';
import { type V2SandboxFixture, withV2Sandbox } from '../../helpers/v2-sandbox.js';

let fx: V2SandboxFixture;
let client: IntercomClient;
before(async () => {
  fx = await withV2Sandbox({ seed: 'demo' });
  client = new IntercomClient({ token: fx.sandbox.token, baseUrl: fx.sandbox.url, maxRetries: 0 });
});
after(() => fx.done());
beforeEach(() => fx.sandbox.reset());

/** The seed's visitor with a custom attribute. */
const VISITOR = '8a88a590-e1c3-41e2-a502-e0649dbf721c';
const V1 = { 'intercom-version': '1.4' };

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
type Json = Record<string, any>;
const body = (res: { body: unknown }): Json => res.body as Json;
const visitorId = (): string => fx.sandbox.store.userByUserId(VISITOR, 'visitor')?.id as string;

test('find by user_id: the seed visitor, its custom attributes as strings; unknown is 404, none is 400', async () => {
  const visitor = await client.visitors.find({ user_id: VISITOR });
  assert.ok(visitor);
  assert.equal(visitor.type, 'visitor');
  assert.equal(visitor.id, visitorId());
  assert.equal(visitor.user_id, VISITOR);
  assert.equal(visitor.anonymous, true);
  assert.deepEqual(visitor.custom_attributes, { landing_page: '/pricing' });
  await assert.rejects(client.visitors.find({ user_id: 'nobody' }), ResourceNotFound);
  const unknown = await fx.call('GET', '/visitors?user_id=nobody');
  assert.deepEqual(body(unknown).errors, [{ code: 'not_found', message: 'Visitor Not Found' }]);
  const missing = await fx.call('GET', '/visitors');
  assert.equal(missing.status, 400);
  assert.equal(body(missing).errors[0].code, 'parameter_not_found');
});

test('update by user_id or by id; 1.x reads the same record', async () => {
  const byUserId = await client.visitors.update({ user_id: VISITOR, name: 'Gareth Bale' });
  assert.ok(byUserId);
  assert.equal(byUserId.name, 'Gareth Bale');
  const byId = await client.visitors.update({ id: visitorId(), custom_attributes: { referrer_code: 'AB12' } });
  assert.ok(byId);
  assert.deepEqual(byId.custom_attributes, { landing_page: '/pricing', referrer_code: 'AB12' });
  assert.equal(byId.name, 'Gareth Bale');
  const seenIn1x = await fx.call('GET', `/visitors/${visitorId()}`, undefined, V1);
  assert.equal(body(seenIn1x).name, 'Gareth Bale');
  assert.equal(body(seenIn1x).custom_attributes.referrer_code, 'AB12');

  const unnamed = await fx.call('PUT', '/visitors', { name: 'Nobody' });
  assert.equal(unnamed.status, 400, 'id or user_id names the visitor');
  const unknown = await fx.call('PUT', '/visitors', { user_id: 'fail', name: 'Christian Fail' });
  assert.equal(unknown.status, 404);
});

test('convert to a lead: the same record, now a contact with role lead (no longer a visitor)', async () => {
  const id = visitorId();
  const lead = await client.visitors.mergeToContact({ type: 'lead', visitor: { user_id: VISITOR }, user: { id: 'unread' } });
  assert.equal(lead.type, 'contact');
  assert.equal(lead.role, 'lead');
  assert.equal(lead.id, id);
  assert.equal((await fx.call('GET', `/contacts/${id}`)).status, 200);
  assert.equal((await fx.call('GET', `/visitors?user_id=${VISITOR}`)).status, 404);
  const asLead1x = await fx.call('GET', `/contacts/${id}`, undefined, V1);
  assert.equal(body(asLead1x).type, 'contact', 'a lead, as 1.x names it');
});

test('convert to a new user: the visitor becomes it, the user identifiers replacing its own', async () => {
  const id = visitorId();
  const user = await client.visitors.mergeToContact({
    type: 'user',
    visitor: { id },
    user: { user_id: 'signed-up-1', email: 'signed@example.com' },
  });
  assert.equal(user.id, id);
  assert.equal(user.role, 'user');
  assert.equal(user.external_id, 'signed-up-1');
  assert.equal(user.email, 'signed@example.com');
  assert.equal(fx.sandbox.store.userByUserId(VISITOR, 'visitor'), undefined);
  const asUser1x = await fx.call('GET', '/users?user_id=signed-up-1', undefined, V1);
  assert.equal(body(asUser1x).id, id);
});

test("convert with the user's email alone (the description's own example): a new user with that email", async () => {
  const id = visitorId();
  const res = await fx.call('POST', '/visitors/convert', {
    type: 'user',
    visitor: { user_id: VISITOR },
    user: { email: 'only-email@example.com' },
  });
  assert.equal(res.status, 200, JSON.stringify(body(res)));
  assert.equal(body(res).id, id);
  assert.equal(body(res).role, 'user');
  assert.equal(body(res).email, 'only-email@example.com');
});

test('convert into an existing user: merged into it, the visitor deleted, the user returned', async () => {
  // A user without notes: the description types an inline note's `type` as a URI, which no note satisfies.
  const user = body(await fx.call('POST', '/contacts', { external_id: 'known-1', email: 'known@example.com' }));
  const id = visitorId();
  const merged = await client.visitors.mergeToContact({
    type: 'user',
    visitor: { user_id: VISITOR },
    user: { user_id: 'known-1' },
  });
  assert.equal(merged.id, user.id);
  assert.equal(merged.external_id, 'known-1');
  assert.equal(merged.email, 'known@example.com', "the user's own values win");
  assert.equal(merged.custom_attributes?.landing_page, '/pricing', 'what the user lacked comes from the visitor');
  assert.equal(fx.sandbox.store.users.has(id), false);
});

test('refusals before anything changes: no type, an odd type, no user for a user, an unknown visitor or user', async () => {
  const refusals: [Json, number][] = [
    [{ visitor: { user_id: VISITOR }, user: { user_id: 'x' } }, 400],
    [{ type: 'customer', visitor: { user_id: VISITOR }, user: { user_id: 'x' } }, 400],
    [{ type: 'user', visitor: { user_id: VISITOR } }, 400],
    [{ type: 'user', visitor: {}, user: { user_id: 'x' } }, 400],
    [{ type: 'user', visitor: { user_id: 'nobody' }, user: { user_id: 'x' } }, 404],
    [{ type: 'user', visitor: { user_id: VISITOR }, user: { id: '000000000000000000000000' } }, 404],
  ];
  for (const [request, status] of refusals) {
    const res = await fx.call('POST', '/visitors/convert', request);
    assert.equal(res.status, status, JSON.stringify(request));
    assert.equal(body(res).type, 'error.list');
  }
  assert.equal(fx.sandbox.store.userByUserId(VISITOR, 'visitor')?.role, 'visitor');
});

test('the official SDK finds, updates and converts a visitor', async () => {
  const official = new OfficialClient({ token: fx.sandbox.token, baseUrl: fx.sandbox.url });
  const found = await official.visitors.find({ user_id: VISITOR });
  assert.equal(found?.user_id, VISITOR);
  const updated = await official.visitors.update({ user_id: VISITOR, name: 'Official' });
  assert.equal(updated?.name, 'Official');
  const contact = await official.visitors.mergeToContact({
    type: 'user',
    visitor: { user_id: VISITOR },
    user: { user_id: 'official-1', email: 'official@example.com' },
  });
  assert.equal(contact.role, 'user');
  assert.equal(contact.external_id, 'official-1');
  assert.equal(contact.name, 'Official');
});
