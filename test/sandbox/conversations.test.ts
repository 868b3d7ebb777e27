/**
 * The sandbox's conversations, over HTTP with raw requests: seed, lists and filters, fetch with parts,
 * replies and their state rules (api-1x-facts §7.3), mark read, errors.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { Client } from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import { rejectsWithApiError } from '../helpers/api-errors.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

interface WireRef {
  type: string;
  id: string | null;
}
interface WirePart {
  id: string;
  part_type: string;
  body: string | null;
  author: WireRef;
  assigned_to: WireRef | null;
  attachments: Array<{ type: string; name: string; url: string; content_type: string }>;
}
interface WireConversation {
  type: string;
  id: string;
  created_at: number;
  updated_at: number;
  waiting_since: number | null;
  snoozed_until: number | null;
  open: boolean;
  state: string;
  read: boolean;
  assignee: WireRef;
  user: WireRef;
  customers: WireRef[];
  conversation_message: { type: string; id: string; subject: string; body: string; author: WireRef; delivered_as: string };
  conversation_parts?: { type: string; conversation_parts: WirePart[]; total_count: number };
  tags?: { type: string; tags: unknown[] };
}
interface WireList {
  type: string;
  pages: { type: string; next: string | null; page: number; per_page: number; total_pages: number };
  conversations: WireConversation[];
}

const WASH = '394051';
const JAYNE = '814860';
const KAYLEE = '493881';

let fixture: SandboxFixture;
let sandbox: Sandbox;
let intercom: Client;

before(async () => {
  fixture = await withSandbox();
  ({ sandbox, intercom } = fixture);
});
after(() => fixture.done());
beforeEach(() => sandbox.reset());

const get = async (path: string): Promise<WireConversation> => (await intercom.get(path)) as WireConversation;
const list = async (path: string): Promise<WireList> => (await intercom.get(path)) as WireList;
const reply = async (id: string, body: Record<string, unknown>): Promise<WireConversation> =>
  (await intercom.post(`/conversations/${id}/reply`, body)) as WireConversation;
const ids = (l: WireList): string[] => l.conversations.map((c) => c.id);
const parts = (c: WireConversation): WirePart[] => c.conversation_parts?.conversation_parts ?? [];
const lastPart = (c: WireConversation): WirePart | undefined => parts(c).at(-1);
const userId = (email: string): string => {
  const record = sandbox.store.usersByEmail(email, 'user')[0];
  assert.ok(record, email);
  return record.id;
};
const now = (): number => Math.floor(Date.now() / 1000);

test('seed: conversation 147 is Bob’s, assigned to Wash, with its parts in order', async () => {
  const c = await get('/conversations/147');
  assert.equal(c.type, 'conversation');
  assert.deepEqual(c.user, { type: 'user', id: userId('bob@example.com') });
  assert.deepEqual(c.customers, [c.user]);
  assert.deepEqual(c.assignee, { type: 'admin', id: WASH });
  assert.equal(c.state, 'open');
  assert.equal(c.open, true);
  assert.equal(c.conversation_parts?.type, 'conversation_part.list');
  assert.deepEqual(
    parts(c).map((p) => [p.id, p.part_type, p.author.type]),
    [
      ['701', 'comment', 'user'],
      ['702', 'comment', 'admin'],
      ['703', 'comment', 'user'],
      ['704', 'assignment', 'admin'],
    ],
  );
  assert.deepEqual(parts(c)[3]?.assigned_to, { type: 'admin', id: WASH });
  assert.equal(c.conversation_parts?.total_count, 4);
  assert.deepEqual(c.tags, { type: 'tag.list', tags: [] });
});

test('API versions: conversation_message type and waiting_since of an answered conversation', async () => {
  const v12 = new Client({ token: sandbox.token, baseUrl: sandbox.url, apiVersion: '1.2', maxRetries: 0 });
  try {
    const old = await get('/conversations/148');
    const modern = (await v12.get('/conversations/148')) as WireConversation;
    assert.equal(old.conversation_message.type, 'conversation_message');
    assert.equal(modern.conversation_message.type, 'conversation');
    // An admin answered last: null from 1.2, a date ~2,000 years ahead before.
    assert.equal(modern.waiting_since, null);
    assert.ok((old.waiting_since ?? 0) > now() + 1000 * 365 * 86_400);
  } finally {
    v12.close();
  }
});

test('GET /conversations: most recently updated first, no parts in list items, 20 a page', async () => {
  const first = await list('/conversations');
  assert.equal(first.type, 'conversation.list');
  assert.deepEqual(ids(first), ['149', '150', '147', '148']);
  for (const c of first.conversations) {
    assert.equal(c.conversation_parts, undefined);
    assert.equal(c.tags, undefined);
  }
  for (let i = 0; i < 20; i++) await intercom.post('/messages', { from: { type: 'user', user_id: '3' }, body: `#${i}` });
  const page1 = await list('/conversations');
  assert.equal(page1.conversations.length, 20);
  assert.deepEqual(
    { ...page1.pages, next: undefined },
    { type: 'pages', next: undefined, page: 1, per_page: 20, total_pages: 2 },
  );
  assert.equal(page1.pages.next, `${sandbox.url}/conversations?per_page=20&page=2`);
  const page2 = await list(page1.pages.next ?? '');
  assert.equal(page2.conversations.length, 4);
  assert.equal(page2.pages.next, null);
  assert.equal(new Set([...ids(page1), ...ids(page2)]).size, 24);
});

test('admin filters: id or admin_id, open, before; 0 is the unassigned inbox', async () => {
  assert.deepEqual(ids(await list(`/conversations?type=admin&id=${WASH}`)), ['147']);
  assert.deepEqual(ids(await list(`/conversations?type=admin&admin_id=${KAYLEE}`)), ['148']);
  assert.deepEqual(ids(await list(`/conversations?type=admin&id=${KAYLEE}&open=true`)), []);
  assert.deepEqual(ids(await list(`/conversations?type=admin&id=${KAYLEE}&open=false`)), ['148']);
  // Snoozed is not open.
  assert.deepEqual(ids(await list(`/conversations?type=admin&id=${JAYNE}&open=false`)), ['150']);
  assert.deepEqual(ids(await list('/conversations?type=admin&id=0')), ['149']);
  const c148 = await get('/conversations/148');
  assert.deepEqual(ids(await list(`/conversations?type=admin&id=${KAYLEE}&open=false&before=${c148.updated_at}`)), []);
  assert.deepEqual(ids(await list(`/conversations?type=admin&id=${KAYLEE}&open=false&before=${c148.updated_at + 1}`)), ['148']);
  await rejectsWithApiError(intercom.get('/conversations?type=admin'), {
    status: 400,
    code: 'parameter_not_found',
    field: 'admin_id',
  });
  await rejectsWithApiError(intercom.get(`/conversations?type=admin&id=${WASH}&open=maybe`), {
    status: 400,
    code: 'parameter_invalid',
    field: 'open',
  });
  await rejectsWithApiError(intercom.get('/conversations?type=team'), { status: 400, code: 'parameter_invalid', field: 'type' });
});

test('user filters: email, user_id, intercom_user_id, unread', async () => {
  assert.deepEqual(ids(await list('/conversations?email=bob%40example.com&type=user')), ['147', '148']);
  assert.deepEqual(ids(await list('/conversations?type=user&user_id=2')), ['149', '150']);
  assert.deepEqual(ids(await list(`/conversations?type=user&intercom_user_id=${userId('bob@example.com')}`)), ['147', '148']);
  // 148 was answered and not read yet; unread=false lists read and unread alike.
  assert.deepEqual(ids(await list('/conversations?email=bob%40example.com&type=user&unread=true')), ['148']);
  assert.deepEqual(ids(await list('/conversations?email=bob%40example.com&type=user&unread=false')), ['147', '148']);
  await rejectsWithApiError(intercom.get('/conversations?type=user&email=nobody%40example.com'), {
    status: 404,
    code: 'not_found',
  });
  await rejectsWithApiError(intercom.get('/conversations?type=user'), {
    status: 400,
    code: 'parameter_not_found',
    field: 'intercom_user_id',
  });
});

test('a lead’s conversations are listed by intercom_user_id', async () => {
  const lead = sandbox.store.newUser('contact', { email: 'lead@example.com' });
  await intercom.post('/messages', { from: { type: 'contact', id: lead.id }, body: 'Hello?' });
  const found = await list(`/conversations?type=user&intercom_user_id=${lead.id}`);
  assert.equal(found.conversations.length, 1);
  assert.deepEqual(found.conversations[0]?.user, { type: 'lead', id: lead.id });
});

test('a user comment is the last part, reopens a closed conversation and waits for an answer', async () => {
  const before148 = await get('/conversations/148');
  assert.equal(before148.state, 'closed');
  const c = await reply('148', { type: 'user', email: 'bob@example.com', message_type: 'comment', body: 'One more <question>' });
  assert.equal(c.id, '148');
  assert.equal(parts(c).length, parts(before148).length + 1);
  assert.deepEqual(
    { ...lastPart(c), id: undefined },
    {
      id: undefined,
      type: 'conversation_part',
      part_type: 'comment',
      body: '<p>One more &lt;question&gt;</p>',
      created_at: c.updated_at,
      updated_at: c.updated_at,
      notified_at: c.updated_at,
      assigned_to: null,
      author: { type: 'user', id: userId('bob@example.com') },
      attachments: [],
      external_id: null,
    },
  );
  assert.equal(c.state, 'open');
  assert.equal(c.open, true);
  assert.equal(c.read, true);
  assert.ok(c.waiting_since !== null && c.waiting_since >= now() - 5);
  // The change is kept.
  assert.deepEqual(await get('/conversations/148'), c);
});

test('a user reply names a participant of the conversation', async () => {
  await rejectsWithApiError(reply('147', { type: 'user', email: 'alice@example.com', message_type: 'comment', body: 'hi' }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'intercom_user_id',
  });
  await rejectsWithApiError(reply('147', { type: 'user', email: 'ghost@example.com', message_type: 'comment', body: 'hi' }), {
    status: 404,
    code: 'not_found',
  });
  await rejectsWithApiError(reply('147', { type: 'user', user_id: '1', message_type: 'note', body: 'hi' }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'message_type',
  });
});

test('an admin comment answers: nobody waits, the customer has something unread; a closed conversation stays closed', async () => {
  const v12 = new Client({ token: sandbox.token, baseUrl: sandbox.url, apiVersion: '1.2', maxRetries: 0 });
  try {
    const c = (await v12.post('/conversations/147/reply', {
      type: 'admin',
      admin_id: WASH,
      message_type: 'comment',
      body: '<p>CSV <b>and</b> JSON.</p>',
    })) as WireConversation;
    assert.equal(lastPart(c)?.body, '<p>CSV <b>and</b> JSON.</p>', 'admins may send HTML');
    assert.deepEqual(lastPart(c)?.author, { type: 'admin', id: WASH });
    assert.equal(c.waiting_since, null);
    assert.equal(c.read, false);
    const closed = (await v12.post('/conversations/148/reply', {
      type: 'admin',
      admin_id: KAYLEE,
      message_type: 'comment',
      body: 'Anything else?',
    })) as WireConversation;
    assert.equal(closed.state, 'closed');
    assert.equal(lastPart(closed)?.body, '<p>Anything else?</p>');
  } finally {
    v12.close();
  }
});

test('a note is internal: state, waiting and read are unchanged', async () => {
  const before147 = await get('/conversations/147');
  const c = await reply('147', { type: 'admin', admin_id: JAYNE, message_type: 'note', body: 'VIP customer' });
  assert.equal(lastPart(c)?.part_type, 'note');
  assert.equal(c.state, before147.state);
  assert.equal(c.waiting_since, before147.waiting_since);
  assert.equal(c.read, before147.read);
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: JAYNE, message_type: 'note' }), {
    status: 400,
    code: 'parameter_not_found',
    field: 'body',
  });
});

test('close, open and snoozed change the state; a close may carry a message', async () => {
  let c = await reply('147', { type: 'admin', admin_id: WASH, message_type: 'close', body: 'Closing, write again anytime' });
  assert.deepEqual(
    [c.state, c.open, lastPart(c)?.part_type, lastPart(c)?.body],
    ['closed', false, 'close', '<p>Closing, write again anytime</p>'],
  );
  c = await reply('147', { type: 'admin', admin_id: WASH, message_type: 'open' });
  assert.deepEqual([c.state, c.open, lastPart(c)?.part_type, lastPart(c)?.body], ['open', true, 'open', null]);
  const until = now() + 3600;
  c = await reply('147', { type: 'admin', admin_id: WASH, message_type: 'snoozed', snoozed_until: String(until) });
  assert.deepEqual([c.state, c.open, c.snoozed_until, lastPart(c)?.part_type], ['snoozed', false, until, 'snoozed']);
  c = await reply('147', { type: 'admin', admin_id: WASH, message_type: 'open' });
  assert.deepEqual([c.state, c.snoozed_until], ['open', null], 'open unsnoozes');
});

test('snoozed_until is required and must be in the future', async () => {
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: WASH, message_type: 'snoozed' }), {
    status: 400,
    code: 'parameter_not_found',
    field: 'snoozed_until',
  });
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: WASH, message_type: 'snoozed', snoozed_until: now() - 60 }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'snoozed_until',
  });
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: WASH, message_type: 'snoozed', snoozed_until: 'soon' }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'snoozed_until',
  });
});

test('a snoozed conversation wakes when its time passes, when the customer replies, or when another admin answers', async () => {
  // 150 is snoozed by its assignee Jayne.
  const record = sandbox.store.conversations.get('150');
  assert.ok(record);
  record.snoozed_until = now() - 1;
  let c = await get('/conversations/150');
  assert.deepEqual([c.state, c.open, c.snoozed_until], ['open', true, null]);

  sandbox.reset();
  c = await reply('150', { type: 'admin', admin_id: JAYNE, message_type: 'comment', body: 'Still checking' });
  assert.equal(c.state, 'snoozed', 'the assignee answering keeps it snoozed');
  c = await reply('150', { type: 'admin', admin_id: WASH, message_type: 'comment', body: 'Found it' });
  assert.equal(c.state, 'open', 'another admin answering wakes it');

  sandbox.reset();
  c = await reply('150', { type: 'user', user_id: '2', message_type: 'comment', body: 'Any news?' });
  assert.deepEqual([c.state, c.snoozed_until], ['open', null]);
});

test('assignment: to an admin, to a team, and "0" unassigns; each adds an assignment part', async () => {
  let c = await reply('147', { type: 'admin', admin_id: WASH, message_type: 'assignment', assignee_id: KAYLEE });
  assert.deepEqual(c.assignee, { type: 'admin', id: KAYLEE });
  assert.deepEqual([lastPart(c)?.part_type, lastPart(c)?.assigned_to], ['assignment', { type: 'admin', id: KAYLEE }]);
  c = await reply('147', { type: 'admin', admin_id: WASH, message_type: 'assignment', assignee_id: 814866 });
  assert.deepEqual(c.assignee, { type: 'team', id: '814866' });
  c = await reply('147', { type: 'admin', admin_id: WASH, message_type: 'assignment', assignee_id: '0' });
  assert.deepEqual(c.assignee, { type: 'nobody_admin', id: null });
  assert.deepEqual(lastPart(c)?.assigned_to, { type: 'nobody_admin', id: null });
  assert.deepEqual(ids(await list('/conversations?type=admin&id=0')), ['147', '149']);
});

test('missing admin_id or assignee_id: 400 naming it; unknown admin, assignee or conversation: 404; nothing changes', async () => {
  const before147 = await get('/conversations/147');
  await rejectsWithApiError(reply('147', { type: 'admin', message_type: 'close' }), {
    status: 400,
    code: 'parameter_not_found',
    field: 'admin_id',
  });
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: WASH, message_type: 'assignment' }), {
    status: 400,
    code: 'parameter_not_found',
    field: 'assignee_id',
  });
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: '123', message_type: 'close' }), {
    status: 404,
    code: 'admin_not_found',
    field: 'admin_id',
  });
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: WASH, message_type: 'assignment', assignee_id: '124' }), {
    status: 404,
    code: 'admin_not_found',
    field: 'assignee_id',
  });
  await rejectsWithApiError(reply('9999', { type: 'admin', admin_id: WASH, message_type: 'close' }), {
    status: 404,
    code: 'not_found',
  });
  await rejectsWithApiError(intercom.get('/conversations/9999'), { status: 404, code: 'not_found' });
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: WASH, message_type: 'shout' }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'message_type',
  });
  await rejectsWithApiError(reply('147', { type: 'bot', message_type: 'comment', body: 'x' }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'type',
  });
  await rejectsWithApiError(reply('147', { admin_id: WASH, message_type: 'close' }), {
    status: 400,
    code: 'parameter_not_found',
    field: 'type',
  });
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: WASH, message_type: 'comment', body: 7 }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'body',
  });
  assert.deepEqual(await get('/conversations/147'), before147);
});

test('attachments: kept on the part; at most 10 http(s) URLs', async () => {
  const c = await reply('147', {
    type: 'user',
    email: 'bob@example.com',
    message_type: 'comment',
    body: 'foo',
    attachment_urls: ['http://www.example.com/attachment.jpg', 'https://example.com/files/report.pdf'],
  });
  assert.deepEqual(lastPart(c)?.attachments, [
    { type: 'upload', name: 'attachment.jpg', url: 'http://www.example.com/attachment.jpg', content_type: 'image/jpeg' },
    { type: 'upload', name: 'report.pdf', url: 'https://example.com/files/report.pdf', content_type: 'application/pdf' },
  ]);
  const base = { type: 'user', email: 'bob@example.com', message_type: 'comment', body: 'foo' };
  await rejectsWithApiError(reply('147', { ...base, attachment_urls: ['ftp://example.com/a.jpg'] }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'attachment_urls[0]',
  });
  await rejectsWithApiError(reply('147', { ...base, attachment_urls: 'http://example.com/a.jpg' }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'attachment_urls',
  });
  const eleven = Array.from({ length: 11 }, (_, i) => `http://example.com/${i}.png`);
  await rejectsWithApiError(reply('147', { ...base, attachment_urls: eleven }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'attachment_urls',
  });
});

test('last/reply: the named user’s most recently updated conversation, as user or admin', async () => {
  let c = (await intercom.post('/conversations/last/reply', {
    type: 'user',
    user_id: '1',
    message_type: 'comment',
    body: 'Thanks again',
    admin_id: '123',
  })) as WireConversation;
  assert.equal(c.id, '147');
  assert.equal(lastPart(c)?.body, '<p>Thanks again</p>');
  // Make 148 the most recent: the next reply to last goes there.
  await reply('148', { type: 'admin', admin_id: KAYLEE, message_type: 'note', body: 'bump' });
  c = (await intercom.post('/conversations/last/reply', {
    intercom_user_id: userId('bob@example.com'),
    type: 'admin',
    admin_id: KAYLEE,
    message_type: 'comment',
    body: 'bar',
  })) as WireConversation;
  assert.equal(c.id, '148');
  assert.deepEqual(lastPart(c)?.author, { type: 'admin', id: KAYLEE });
  await rejectsWithApiError(
    intercom.post('/conversations/last/reply', { type: 'user', user_id: '3', message_type: 'comment', body: 'x' }),
    { status: 404, code: 'not_found' },
  );
  await rejectsWithApiError(
    intercom.post('/conversations/last/reply', { type: 'user', user_id: '12345', message_type: 'comment', body: 'x' }),
    { status: 404, code: 'not_found' },
  );
  await rejectsWithApiError(
    intercom.post('/conversations/last/reply', { type: 'admin', admin_id: WASH, message_type: 'comment', body: 'x' }),
    { status: 400, code: 'parameter_not_found', field: 'intercom_user_id' },
  );
});

test('PUT {read:true} marks read; read is required', async () => {
  assert.equal((await get('/conversations/148')).read, false);
  const c = (await intercom.put('/conversations/148', { read: true })) as WireConversation;
  assert.equal(c.read, true);
  assert.equal(parts(c).length, 2, 'the whole conversation comes back');
  assert.deepEqual(ids(await list('/conversations?email=bob%40example.com&type=user&unread=true')), []);
  await rejectsWithApiError(intercom.put('/conversations/148', {}), { status: 400, code: 'parameter_not_found', field: 'read' });
  await rejectsWithApiError(intercom.put('/conversations/148', { read: 'yes' }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'read',
  });
  await rejectsWithApiError(intercom.put('/conversations/9999', { read: true }), { status: 404, code: 'not_found' });
});

test('display_as=plaintext strips HTML from bodies', async () => {
  const c = await get('/conversations/147?display_as=plaintext');
  assert.equal(c.conversation_message.body, 'Hi Bob,\nWe noticed you using our Product, do you have any questions?\n- Wash');
  assert.equal(parts(c)[0]?.body, 'Yes: how do I export my data?');
  assert.equal((await get('/conversations/147')).conversation_message.body.startsWith('<p>Hi Bob,</p>'), true);
});

test('malformed bodies answer 400 and never crash the sandbox', async () => {
  await rejectsWithApiError(intercom.post('/conversations/147/reply', [1, 2]), { status: 400, code: 'parameter_invalid' });
  await rejectsWithApiError(reply('147', { type: 'admin', admin_id: { id: WASH }, message_type: 'close' }), {
    status: 400,
    code: 'parameter_invalid',
    field: 'admin_id',
  });
  assert.ok(sandbox.requests.every((r) => r.status < 500));
});

test('converting a lead: its conversations become the user’s, merged or in place', async () => {
  const merged = (await intercom.post('/contacts', { email: 'asker@example.com' })) as { id: string };
  const inPlace = (await intercom.post('/contacts', { email: 'other-asker@example.com' })) as { id: string };
  await intercom.post('/messages', { from: { type: 'contact', id: merged.id }, body: 'Do you ship to Mars?' });
  await intercom.post('/messages', { from: { type: 'contact', id: inPlace.id }, body: 'And to Venus?' });
  const leadConversation = (await list(`/conversations?type=user&intercom_user_id=${merged.id}`)).conversations[0];
  assert.ok(leadConversation);
  assert.equal(leadConversation.user.type, 'lead');

  // Merged into Alice: the lead is gone, the conversation is Alice's, and so is what the lead wrote.
  await intercom.post('/contacts/convert', { contact: { id: merged.id }, user: { email: 'alice@example.com' } });
  const alice = userId('alice@example.com');
  const c = await get(`/conversations/${leadConversation.id}`);
  assert.deepEqual(c.user, { type: 'user', id: alice });
  assert.deepEqual(c.conversation_message.author, { type: 'user', id: alice });
  assert.ok(ids(await list('/conversations?type=user&email=alice%40example.com')).includes(leadConversation.id));
  const replied = await reply(leadConversation.id, {
    type: 'user',
    email: 'alice@example.com',
    message_type: 'comment',
    body: 'Me again',
  });
  assert.deepEqual(lastPart(replied)?.author, { type: 'user', id: alice });

  // Converted in place: the same record, now a user.
  await intercom.post('/contacts/convert', { contact: { id: inPlace.id }, user: { email: 'venus@example.com' } });
  const own = (await list(`/conversations?type=user&intercom_user_id=${inPlace.id}`)).conversations[0];
  assert.deepEqual(own?.user, { type: 'user', id: inPlace.id });
  assert.deepEqual(own?.conversation_message.author, { type: 'user', id: inPlace.id });
});
