import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParameterError } from '../../src/core/errors.js';
import type { ApiRequest, RequestPipeline } from '../../src/core/request-pipeline.js';
import { Conversations } from '../../src/v2/conversation-parts.js';
import { Tickets } from '../../src/v2/ticket-parts.js';

// The conversation and ticket part operations without a socket: what each sends, that a part (a
// POST) is never repeated after a lost answer, and the input each refuses before anything is sent.

function recorder() {
  const sent: ApiRequest[] = [];
  const pipeline = {
    async send(request: ApiRequest): Promise<unknown> {
      sent.push(request);
      return { type: 'ok' };
    },
  } as unknown as RequestPipeline;
  const context = { headers: {}, timeoutMs: undefined };
  return { conversations: new Conversations(pipeline, context), tickets: new Tickets(pipeline, context), sent };
}

const later = Math.floor(Date.now() / 1000) + 3600;
const sentAs = (sent: ApiRequest[]) => sent.map((r) => [r.method, r.path, r.body, r.idempotent]);

async function refusedBeforeSending(call: () => Promise<unknown>, parameter: string, sent: ApiRequest[]): Promise<void> {
  const error = await call().then(
    () => assert.fail(`refused: ${parameter}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof InvalidParameterError, String(error));
  assert.equal(error.parameter, parameter);
  assert.equal(sent.length, 0);
}

test('conversation parts are POSTs never repeated, with optional bodies left out when not given', async () => {
  const { conversations, sent } = recorder();
  const who = { conversation_id: 'c1', admin_id: '9' };
  await conversations.close(who);
  await conversations.assign({ ...who, assignee_id: '42' });
  await conversations.assign({ ...who, assignee_id: '0', type: 'admin', body: 'Yours' });
  assert.deepEqual(sentAs(sent), [
    ['POST', '/conversations/c1/parts', { message_type: 'close', type: 'admin', admin_id: '9' }, false],
    ['POST', '/conversations/c1/parts', { message_type: 'assignment', type: 'admin', admin_id: '9', assignee_id: '42' }, false],
    [
      'POST',
      '/conversations/c1/parts',
      { message_type: 'assignment', type: 'admin', admin_id: '9', assignee_id: '0', body: 'Yours' },
      false,
    ],
  ]);
  await conversations.open(who);
  await conversations.snooze({ ...who, snoozed_until: later });
  await conversations.note({ ...who, body: 'n' });
  assert.ok(sent.every((r) => r.idempotent === false));
});

test('conversation parts refuse bad input before sending', async () => {
  const ok = { conversation_id: 'c1', admin_id: '9' };
  const cases: Array<[string, (c: Conversations) => Promise<unknown>]> = [
    ['request', (c) => c.open(null as never)],
    ['request', (c) => c.open('c1' as never)],
    ['conversation_id', (c) => c.open({ ...ok, conversation_id: '' })],
    ['conversation_id', (c) => c.open({ ...ok, conversation_id: '  ' })],
    ['conversation_id', (c) => c.open({ ...ok, conversation_id: 5 as never })],
    ['admin_id', (c) => c.close({ ...ok, admin_id: '' })],
    ['admin_id', (c) => c.close({ ...ok, admin_id: undefined as never })],
    ['snoozed_until', (c) => c.snooze({ ...ok, snoozed_until: 1000 })],
    ['snoozed_until', (c) => c.snooze({ ...ok, snoozed_until: Math.floor(Date.now() / 1000) })],
    ['snoozed_until', (c) => c.snooze({ ...ok, snoozed_until: later + 0.5 })],
    ['snoozed_until', (c) => c.snooze({ ...ok, snoozed_until: String(later) as never })],
    ['assignee_id', (c) => c.assign({ ...ok, assignee_id: ' ' })],
    ['type', (c) => c.assign({ ...ok, assignee_id: '1', type: 'bot' as never })],
    ['body', (c) => c.note({ ...ok, body: '' })],
    ['body', (c) => c.note({ ...ok, body: 5 as never })],
  ];
  for (const [parameter, call] of cases) {
    const { conversations, sent } = recorder();
    await refusedBeforeSending(() => call(conversations), parameter, sent);
  }
  const { conversations } = recorder();
  await assert.rejects(conversations.assign({ ...ok, assignee_id: '1', type: 'bot' as never }), {
    message: "type: must be 'admin' or 'team'",
  });
  await assert.rejects(conversations.note({ ...ok, body: '' }), { message: 'body: must be a non-empty string' });
  await assert.rejects(conversations.open(null as never), { message: 'request: must be an object' });
  await assert.rejects(conversations.snooze({ ...ok, snoozed_until: 1 }), {
    message: 'snoozed_until: must be a whole number of seconds since the epoch, in the future',
  });
});

test('ticket replies are POSTs never repeated; state changes are PUTs, repeatable', async () => {
  const { tickets, sent } = recorder();
  await tickets.note({ ticket_id: 't1', admin_id: 9, body: 'n' });
  await tickets.comment({ ticket_id: 't1', admin_id: '9', body: 'c' });
  await tickets.close({ ticket_id: 't1', admin_id: '9' });
  await tickets.reopen({ ticket_id: 't1', admin_id: 9 });
  await tickets.snooze({ ticket_id: 't1', admin_id: 9, snoozed_until: later });
  await tickets.assign({ ticket_id: 't1', admin_id: '9', assignee_id: '0' });
  await tickets.close({ ticket_id: 't1', admin_id: '1234' });
  assert.deepEqual(sentAs(sent), [
    ['POST', '/tickets/t1/reply', { message_type: 'note', type: 'admin', admin_id: '9', body: 'n' }, false],
    ['POST', '/tickets/t1/reply', { message_type: 'comment', type: 'admin', admin_id: '9', body: 'c' }, false],
    ['PUT', '/tickets/t1', { admin_id: 9, open: false }, true],
    ['PUT', '/tickets/t1', { admin_id: 9, open: true }, true],
    ['PUT', '/tickets/t1', { admin_id: 9, snoozed_until: later }, true],
    ['PUT', '/tickets/t1', { admin_id: 9, assignee_id: '0' }, true],
    ['PUT', '/tickets/t1', { admin_id: 1234, open: false }, true],
  ]);
});

test('ticket parts refuse bad input before sending', async () => {
  const ok = { ticket_id: 't1', admin_id: '9' };
  const cases: Array<[string, (t: Tickets) => Promise<unknown>]> = [
    ['request', (t) => t.close(null as never)],
    ['request', (t) => t.close(7 as never)],
    ['ticket_id', (t) => t.close({ ...ok, ticket_id: '' })],
    ['ticket_id', (t) => t.close({ ...ok, ticket_id: 5 as never })],
    ['admin_id', (t) => t.close({ ...ok, admin_id: 'bob' })],
    ['admin_id', (t) => t.close({ ...ok, admin_id: '' })],
    ['admin_id', (t) => t.reopen({ ...ok, admin_id: '9a' })],
    ['admin_id', (t) => t.reopen({ ...ok, admin_id: 'a9' })],
    ['admin_id', (t) => t.reopen({ ...ok, admin_id: -9 })],
    ['body', (t) => t.note({ ...ok, body: ' ' })],
    ['body', (t) => t.comment({ ...ok, body: '' })],
    ['body', (t) => t.note({ ...ok, body: 5 as never })],
    ['assignee_id', (t) => t.assign({ ...ok, assignee_id: 0 as never })],
    ['snoozed_until', (t) => t.snooze({ ...ok, snoozed_until: 1000 })],
    ['snoozed_until', (t) => t.snooze({ ...ok, snoozed_until: Math.floor(Date.now() / 1000) })],
    ['snoozed_until', (t) => t.snooze({ ...ok, snoozed_until: later + 0.5 })],
    ['assignee_id', (t) => t.assign({ ...ok, assignee_id: '' })],
  ];
  for (const [parameter, call] of cases) {
    const { tickets, sent } = recorder();
    await refusedBeforeSending(() => call(tickets), parameter, sent);
  }
  const { tickets } = recorder();
  await assert.rejects(tickets.close({ ...ok, ticket_id: '' }), { message: 'ticket_id: must be a non-empty string' });
  await assert.rejects(tickets.close({ ...ok, admin_id: 'x' }), { message: "admin_id: must be an admin's numeric id" });
  await assert.rejects(tickets.close(null as never), { message: 'request: must be an object' });
  await assert.rejects(tickets.comment({ ...ok, body: '' }), { message: 'body: must be a non-empty string' });
  await assert.rejects(tickets.snooze({ ...ok, snoozed_until: 1 }), {
    message: 'snoozed_until: must be a whole number of seconds since the epoch, in the future',
  });
});
