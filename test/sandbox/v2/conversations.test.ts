/** The 2.x conversation routes over raw HTTP: replies on `last`, refusals before anything is stored, search. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileSandbox } from '../../helpers/v2-sandbox.js';

const fx = fileSandbox();
const { v2 } = fx;

/** A contact and a conversation it started. */
async function started(email = 'c@a.test'): Promise<{ contactId: string; conversationId: string }> {
  const contact = await v2('POST', '/contacts', { email });
  const message = await v2('POST', '/conversations', { from: { type: 'user', id: contact.body.id }, body: 'Help' });
  assert.equal(message.status, 200, message.text);
  return { contactId: contact.body.id, conversationId: message.body.conversation_id };
}

test("a contact replies to 'last': its latest conversation, reopened and waiting", async () => {
  const { contactId } = await started();
  const { conversationId: latest } = await started('other@a.test');
  const mine = await v2('POST', '/conversations', { from: { type: 'user', id: contactId }, body: 'Again' });
  await v2('POST', `/conversations/${mine.body.conversation_id}/parts`, {
    message_type: 'close',
    type: 'admin',
    admin_id: '394051',
  });
  const reply = await v2('POST', '/conversations/last/reply', {
    type: 'user',
    message_type: 'comment',
    intercom_user_id: contactId,
    body: 'Still there?',
  });
  assert.equal(reply.status, 200, reply.text);
  assert.equal(reply.body.id, mine.body.conversation_id);
  assert.notEqual(reply.body.id, latest);
  assert.equal(reply.body.state, 'open');
  assert.equal(typeof reply.body.waiting_since, 'number');
});

test('refusals come before anything is stored: unknown admin, unknown assignee, last contact, bad snooze', async () => {
  const { contactId, conversationId } = await started();
  const parts = (): number => fx.sandbox.store.conversations.get(conversationId)?.parts.length ?? -1;
  const reply = await v2('POST', `/conversations/${conversationId}/reply`, {
    type: 'admin',
    message_type: 'comment',
    admin_id: '1',
    body: 'x',
  });
  assert.equal(reply.status, 404);
  assert.equal(reply.body.errors[0].code, 'admin_not_found');
  const assign = await v2('POST', `/conversations/${conversationId}/parts`, {
    message_type: 'assignment',
    type: 'admin',
    admin_id: '394051',
    assignee_id: '999',
  });
  assert.equal(assign.status, 404);
  const snooze = await v2('POST', `/conversations/${conversationId}/parts`, { message_type: 'snoozed', admin_id: '394051' });
  assert.equal(snooze.status, 400);
  assert.equal(snooze.body.errors[0].code, 'parameter_not_found');
  const detach = await v2('DELETE', `/conversations/${conversationId}/customers/${contactId}`, { admin_id: '394051' });
  assert.equal(detach.status, 400);
  assert.equal(parts(), 0);
  assert.equal(fx.sandbox.store.conversations.get(conversationId)?.customer_id, contactId);
});

test('conversation search: fields, operators, groups; an unknown field is refused', async () => {
  const a = await started('a@a.test');
  const b = await started('b@a.test');
  await v2('POST', `/conversations/${b.conversationId}/parts`, { message_type: 'close', type: 'admin', admin_id: '394051' });
  const ids = async (query: unknown): Promise<string[]> => {
    const res = await v2('POST', '/conversations/search', { query });
    assert.equal(res.status, 200, res.text);
    return res.body.conversations.map((c: { id: string }) => c.id).sort();
  };
  assert.deepEqual(await ids({ field: 'state', operator: '=', value: 'closed' }), [b.conversationId]);
  assert.deepEqual(await ids({ field: 'open', operator: '=', value: true }), [a.conversationId]);
  assert.deepEqual(
    await ids({ field: 'contact_ids', operator: 'IN', value: [a.contactId, b.contactId] }),
    [a.conversationId, b.conversationId].sort(),
  );
  assert.deepEqual(
    await ids({ field: 'source.body', operator: '~', value: 'HELP' }),
    [a.conversationId, b.conversationId].sort(),
  );
  assert.deepEqual(
    await ids({
      operator: 'OR',
      value: [
        { field: 'id', operator: '=', value: a.conversationId },
        {
          operator: 'AND',
          value: [
            { field: 'state', operator: '!=', value: 'open' },
            { field: 'created_at', operator: '>=', value: 0 },
          ],
        },
      ],
    }),
    [a.conversationId, b.conversationId].sort(),
  );
  const bad = await v2('POST', '/conversations/search', { query: { field: 'colour', operator: '=', value: 'red' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.type, 'error.list');
});

test('a redacted part keeps its place but loses its text; a deleted conversation is gone', async () => {
  const { contactId, conversationId } = await started();
  const replied = await v2('POST', `/conversations/${conversationId}/reply`, {
    type: 'user',
    message_type: 'comment',
    intercom_user_id: contactId,
    body: 'my card is 4242',
  });
  const part = replied.body.conversation_parts.conversation_parts[0];
  const redacted = await v2('POST', '/conversations/redact', {
    type: 'conversation_part',
    conversation_id: conversationId,
    conversation_part_id: part.id,
  });
  assert.equal(redacted.body.conversation_parts.conversation_parts[0].id, part.id);
  assert.equal(redacted.body.conversation_parts.conversation_parts[0].redacted, true);
  assert.ok(!JSON.stringify(fx.sandbox.store.conversations.get(conversationId)).includes('4242'));
  assert.equal((await v2('DELETE', `/conversations/${conversationId}`)).body.deleted, true);
  assert.equal((await v2('GET', `/conversations/${conversationId}`)).status, 404);
});
