/**
 * The official SDK, `intercom-client` 7.0.3, unmodified, against the sandbox's 2.x routes: a
 * stateful tour where every step checks what a user of the SDK would expect to see.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Intercom, IntercomClient, IntercomError } from 'intercom-client';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';

let sandbox: Sandbox;
let client: IntercomClient;
before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  client = new IntercomClient({ token: sandbox.token, baseUrl: sandbox.url });
});
after(() => sandbox.close());

/** The status of the IntercomError `call` fails with. */
async function statusOf(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof IntercomError, String(error));
    return error.statusCode;
  }
  assert.fail('the call succeeded');
}

/** Every item of an SDK page, following its pages to the end. */
async function all<T>(page: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of page) out.push(item);
  return out;
}

describe('the official SDK tour of the 2.x sandbox', { concurrency: false }, () => {
  let contactId = '';
  let leadId = '';
  const email = 'tour@example.com';

  test('1. create a contact (a user with an external id)', async () => {
    const created = await client.contacts.create({ email, external_id: 'tour-1', name: 'Tour Guide' });
    assert.equal(created.type, 'contact');
    assert.equal(created.role, 'user');
    assert.equal(created.email, email);
    assert.equal(created.external_id, 'tour-1');
    assert.equal(created.name, 'Tour Guide');
    contactId = created.id;
    assert.ok(sandbox.store.users.has(contactId));
  });

  test('2. creating it again is a 409 conflict naming the existing contact', async () => {
    assert.equal(await statusOf(client.contacts.create({ email })), 409);
    const answer = sandbox.requests.at(-1);
    assert.equal(answer?.status, 409);
  });

  test('3. find it by email through search', async () => {
    const found = await all(await client.contacts.search({ query: { field: 'email', operator: '=', value: email } }));
    assert.deepEqual(
      found.map((c) => c.id),
      [contactId],
    );
  });

  test('4. find it by id and by external id', async () => {
    const byId = await client.contacts.find({ contact_id: contactId });
    assert.equal(byId.email, email);
    const byExternal = await client.contacts.showContactByExternalId({ external_id: 'tour-1' });
    assert.equal(byExternal.id, contactId);
  });

  test('5. update it: name, phone and a custom attribute', async () => {
    // A custom attribute is written only once the workspace defines it, as on Intercom. The SDK's
    // request type (API 2.14) lacks the name and model 2.16 requires; it sends them as given.
    const planLevel = { name: 'plan_level', model: 'contact', data_type: 'string' as const };
    await client.dataAttributes.create(planLevel);
    const updated = await client.contacts.update({
      contact_id: contactId,
      name: 'Tour Leader',
      phone: '+353 1 555 0100',
      custom_attributes: { plan_level: 'gold' },
    });
    assert.equal(updated.name, 'Tour Leader');
    assert.equal(updated.phone, '+353 1 555 0100');
    assert.deepEqual(updated.custom_attributes, { plan_level: 'gold' });
  });

  test('6. search with nested AND/OR groups and a page size of 1 pages to the end', async () => {
    await client.contacts.create({ email: 'second@example.com', external_id: 'tour-2' });
    const page = await client.contacts.search({
      query: {
        operator: 'AND',
        value: [
          {
            operator: 'AND',
            value: [
              { field: 'role', operator: '=', value: 'user' },
              { field: 'external_id', operator: 'IN', value: ['tour-1', 'tour-2'] },
            ],
          },
          {
            operator: 'OR',
            value: [
              { field: 'email', operator: '$', value: '@example.com' },
              { field: 'external_id', operator: '^', value: 'tour-' },
            ],
          },
        ],
      },
      pagination: { per_page: 1 },
    });
    assert.equal(page.data.length, 1);
    const ids = (await all(page)).map((c) => c.external_id);
    assert.deepEqual(ids.sort(), ['tour-1', 'tour-2']);
  });

  test('7. list contacts with cursor pagination: every contact once', async () => {
    const listed = await all(await client.contacts.list({ per_page: 2 }));
    const ids = listed.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes(contactId));
    const people = [...sandbox.store.users.values()].filter((r) => r.role !== 'visitor');
    assert.equal(ids.length, people.length);
  });

  test('8. archive it: out of the list; unarchive it: back', async () => {
    const archived = await client.contacts.archive({ contact_id: contactId });
    assert.equal(archived.archived, true);
    let ids = (await all(await client.contacts.list({ per_page: 50 }))).map((c) => c.id);
    assert.ok(!ids.includes(contactId));
    const unarchived = await client.contacts.unarchive({ contact_id: contactId });
    assert.equal(unarchived.archived, false);
    ids = (await all(await client.contacts.list({ per_page: 50 }))).map((c) => c.id);
    assert.ok(ids.includes(contactId));
  });

  test('9. merge a lead into the user: merge_history, the lead answers 410', async () => {
    const lead = await client.contacts.create({ role: 'lead', name: 'Leady', phone: '+1 555 0199' });
    assert.equal(lead.role, 'lead');
    leadId = lead.id;
    // 2.16 adds `merge_history` (with `include_merge_history=true`), which the SDK (built from 2.14)
    // neither types nor names: its requestOptions.queryParams sends the parameter.
    const merged = (await client.contacts.mergeLeadInUser(
      { from: leadId, into: contactId },
      { queryParams: { include_merge_history: 'true' } },
    )) as Intercom.Contact & {
      merge_history?: { source_contact_id: string; source_contact_role: string }[];
    };
    assert.equal(merged.id, contactId);
    assert.equal(merged.phone, '+353 1 555 0100', "the user's own values win");
    assert.equal(merged.merge_history?.[0]?.source_contact_id, leadId);
    assert.equal(merged.merge_history?.[0]?.source_contact_role, 'lead');
    assert.equal(await statusOf(client.contacts.find({ contact_id: leadId })), 410);
  });

  test('10. block a contact', async () => {
    const second = await client.contacts.showContactByExternalId({ external_id: 'tour-2' });
    const blocked = await client.contacts.blockContact({ contact_id: second.id });
    assert.equal(blocked.blocked, true);
  });

  let tagId = '';
  let companyIntercomId = '';

  test('11. create a tag', async () => {
    const tag = await client.tags.create({ name: 'VIP tour' });
    assert.equal(tag.name, 'VIP tour');
    tagId = tag.id;
    const listed = await client.tags.list();
    assert.ok(listed.data?.some((t) => t.id === tagId));
  });

  test('12. tag the contact; its tags list it', async () => {
    const applied = await client.tags.tagContact({ contact_id: contactId, id: tagId });
    assert.equal(applied.id, tagId);
    const tags = await client.contacts.listAttachedTags({ contact_id: contactId });
    assert.deepEqual(
      tags.data?.map((t) => t.id),
      [tagId],
    );
    const contact = await client.contacts.find({ contact_id: contactId });
    assert.equal(contact.tags?.total_count, 1);
  });

  test('13. list tagged contacts through search', async () => {
    const tagged = await all(await client.contacts.search({ query: { field: 'tag_id', operator: '=', value: tagId } }));
    assert.deepEqual(
      tagged.map((c) => c.id),
      [contactId],
    );
  });

  test('14. create a company and attach the contact to it', async () => {
    const company = await client.companies.createOrUpdate({ company_id: 'tour-co', name: 'Tour Co', plan: 'pro' });
    assert.equal(company.company_id, 'tour-co');
    assert.equal(company.user_count, 0);
    companyIntercomId = company.id;
    const attached = await client.companies.attachContact({ contact_id: contactId, id: companyIntercomId });
    assert.equal(attached.user_count, 1);
  });

  test("15. the contact's companies and the company's contacts agree", async () => {
    const companies = await all(await client.contacts.listAttachedCompanies({ contact_id: contactId }));
    assert.deepEqual(
      companies.map((c) => c.company_id),
      ['tour-co'],
    );
    const contacts = await client.companies.listAttachedContacts({ company_id: companyIntercomId });
    assert.deepEqual(
      contacts.data?.map((c) => c.id),
      [contactId],
    );
  });

  test('16. add a note; it is listed and found', async () => {
    const note = await client.notes.create({ contact_id: contactId, body: 'Met at the tour', admin_id: '394051' });
    assert.equal(note.body, '<p>Met at the tour</p>');
    assert.equal(note.author?.id, '394051');
    const notes = await all(await client.notes.list({ contact_id: contactId }));
    assert.deepEqual(
      notes.map((n) => n.id),
      [note.id],
    );
    const found = await client.notes.find({ note_id: Number(note.id) });
    assert.equal(found.body, note.body);
  });

  test('17. track an event; its summary counts it', async () => {
    await client.events.create({ event_name: 'tour-step', created_at: 1_700_000_000, user_id: 'tour-1' });
    await client.events.create({ event_name: 'tour-step', created_at: 1_700_000_100, user_id: 'tour-1' });
    const summary = await client.events.list({ type: 'user', user_id: 'tour-1', summary: true });
    assert.equal(summary.events?.[0]?.name, 'tour-step');
    assert.equal(summary.events?.[0]?.count, 2);
  });

  test('18. identify the admin, list admins and teams, set away', async () => {
    const me = await client.admins.identify();
    assert.equal(me?.id, '394051');
    const admins = await client.admins.list();
    assert.equal(admins.admins?.length, 3);
    const away = await client.admins.away({ admin_id: 814860, away_mode_enabled: true, away_mode_reassign: false });
    assert.equal(away?.away_mode_enabled, true);
    assert.equal((await client.admins.find({ admin_id: 814860 }))?.away_mode_enabled, true);
    const teams = await client.teams.list();
    assert.deepEqual(
      teams.teams?.map((t) => t.name),
      [...sandbox.store.teams.values()].map((t) => t.name),
    );
  });

  let conversationId = '';
  const ADMIN = '394051';

  test('19. start a conversation as the contact', async () => {
    const message = await client.conversations.create({ from: { type: 'user', id: contactId }, body: 'Where is my order?' });
    assert.equal(message.type, 'user_message');
    assert.ok(message.conversation_id);
    conversationId = message.conversation_id as string;
    const conversation = await client.conversations.find({ conversation_id: conversationId });
    assert.equal(conversation.state, 'open');
    assert.equal(conversation.source?.body, '<p>Where is my order?</p>');
    assert.deepEqual(
      conversation.contacts?.contacts?.map((c) => c.id),
      [contactId],
    );
  });

  test('20. reply as an admin: the part is there and the contact no longer waits', async () => {
    const replied = await client.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: 'comment', type: 'admin', admin_id: ADMIN, body: 'On its way!' },
    });
    const parts = replied.conversation_parts?.conversation_parts ?? [];
    assert.equal(parts.at(-1)?.part_type, 'comment');
    assert.equal(parts.at(-1)?.body, '<p>On its way!</p>');
    assert.equal(parts.at(-1)?.author?.type, 'admin');
    assert.equal(replied.waiting_since, null);
  });

  test('21. reply as the contact', async () => {
    const replied = await client.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: 'comment', type: 'user', intercom_user_id: contactId, body: 'Thanks!' },
    });
    const last = replied.conversation_parts?.conversation_parts?.at(-1);
    assert.equal(last?.author?.id, contactId);
    assert.equal(last?.author?.type, 'user');
  });

  test('22. close it', async () => {
    const closed = await client.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: 'close', type: 'admin', admin_id: ADMIN, body: 'Closing' },
    });
    assert.equal(closed.state, 'closed');
    assert.equal(closed.open, false);
  });

  test('23. reopen it', async () => {
    const opened = await client.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: 'open', admin_id: ADMIN },
    });
    assert.equal(opened.state, 'open');
  });

  test('24. snooze it until a time', async () => {
    const until = Math.floor(Date.now() / 1000) + 3600;
    const snoozed = await client.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: 'snoozed', admin_id: ADMIN, snoozed_until: until },
    });
    assert.equal(snoozed.state, 'snoozed');
    assert.equal(snoozed.snoozed_until, until);
  });

  test('25. assign it to a teammate', async () => {
    const assigned = await client.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: 'assignment', type: 'admin', admin_id: ADMIN, assignee_id: '814860' },
    });
    assert.equal(assigned.admin_assignee_id, 814860);
    assert.equal(assigned.conversation_parts?.conversation_parts?.at(-1)?.part_type, 'assignment');
  });

  test('26. search conversations by assignee and contact', async () => {
    const found = await all(
      await client.conversations.search({
        query: {
          operator: 'AND',
          value: [
            { field: 'admin_assignee_id', operator: '=', value: '814860' },
            { field: 'contact_ids', operator: '=', value: contactId },
          ],
        },
      }),
    );
    assert.deepEqual(
      found.map((c) => c.id),
      [conversationId],
    );
  });

  test('27. list conversations: it is there, once', async () => {
    const listed = (await all(await client.conversations.list({ per_page: 2 }))).map((c) => c.id);
    assert.equal(listed.filter((id) => id === conversationId).length, 1);
    assert.equal(listed.length, sandbox.store.conversations.size);
  });

  test('28. tag the conversation', async () => {
    await client.tags.tagConversation({ conversation_id: conversationId, id: tagId, admin_id: ADMIN });
    const conversation = await client.conversations.find({ conversation_id: conversationId });
    assert.deepEqual(
      conversation.tags?.tags?.map((t) => t.id),
      [tagId],
    );
  });

  test('29. attach a second contact, then detach it', async () => {
    const other = await client.contacts.create({ email: 'friend@example.com' });
    const attached = await client.conversations.attachContactAsAdmin({
      conversation_id: conversationId,
      admin_id: ADMIN,
      customer: { intercom_user_id: other.id },
    });
    assert.deepEqual(
      attached.contacts?.contacts?.map((c) => c.id),
      [contactId, other.id],
    );
    const detached = await client.conversations.detachContactAsAdmin({
      conversation_id: conversationId,
      contact_id: other.id,
      admin_id: ADMIN,
    });
    assert.deepEqual(
      detached.contacts?.contacts?.map((c) => c.id),
      [contactId],
    );
  });

  test('30. redact the contact reply', async () => {
    const before = await client.conversations.find({ conversation_id: conversationId });
    const reply = before.conversation_parts?.conversation_parts?.find((p) => p.author?.id === contactId);
    assert.ok(reply?.id);
    const redacted = await client.conversations.redactConversationPart({
      type: 'conversation_part',
      conversation_id: conversationId,
      conversation_part_id: reply.id,
    });
    const part = redacted.conversation_parts?.conversation_parts?.find((p) => p.id === reply.id);
    assert.equal(part?.redacted, true);
    assert.ok(!part?.body?.includes('Thanks'));
  });

  test('31. convert it to a ticket; the ticket is found and linked', async () => {
    const ticket = await client.conversations.convertToTicket({ conversation_id: Number(conversationId), ticket_type_id: '1' });
    assert.equal(ticket?.type, 'ticket');
    assert.equal(ticket?.ticket_type?.name, 'Bug report');
    assert.equal(ticket?.ticket_state?.category, 'submitted');
    assert.deepEqual(
      ticket?.contacts?.contacts?.map((c) => c.id),
      [contactId],
    );
    const found = await client.tickets.get({ ticket_id: ticket?.id as string });
    assert.equal(found?.id, ticket?.id);
    const conversation = await client.conversations.find({ conversation_id: conversationId });
    assert.equal(conversation.linked_objects?.data?.[0]?.id, ticket?.id);
  });

  test('32. an unknown ticket type is a 404, and nothing is made', async () => {
    const before = sandbox.store.tickets.size;
    assert.equal(
      await statusOf(client.conversations.convertToTicket({ conversation_id: Number(conversationId), ticket_type_id: '999' })),
      404,
    );
    assert.equal(sandbox.store.tickets.size, before);
  });

  test('33. a reply without an admin_id is refused with 400 before anything is stored', async () => {
    const parts = sandbox.store.conversations.get(conversationId)?.parts.length;
    const raw = await fetch(`${sandbox.url}/conversations/${conversationId}/reply`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.token}`,
        accept: 'application/json',
        'content-type': 'application/json',
        'intercom-version': '2.14',
      },
      body: JSON.stringify({ message_type: 'comment', type: 'admin', body: 'x' }),
    });
    assert.equal(raw.status, 400);
    const body = (await raw.json()) as { type: string; request_id: string; errors: { code: string; message: string }[] };
    assert.equal(body.type, 'error.list');
    assert.equal(typeof body.request_id, 'string');
    assert.equal(body.errors[0]?.code, 'parameter_not_found');
    assert.equal(sandbox.store.conversations.get(conversationId)?.parts.length, parts);
  });

  test('34. delete the conversation: it is gone', async () => {
    const deleted = await client.conversations.deleteConversation({ conversation_id: Number(conversationId) });
    assert.equal(deleted.deleted, true);
    assert.equal(await statusOf(client.conversations.find({ conversation_id: conversationId })), 404);
  });

  test('35. untag the contact and delete the tag', async () => {
    await client.tags.untagContact({ contact_id: contactId, tag_id: tagId });
    assert.deepEqual((await client.contacts.listAttachedTags({ contact_id: contactId })).data, []);
    await client.tags.delete({ tag_id: tagId });
    assert.equal(await statusOf(client.tags.find({ tag_id: tagId })), 404);
  });

  test('36. detach the company; the company has no contacts left', async () => {
    const company = await client.companies.detachContact({ contact_id: contactId, company_id: companyIntercomId });
    assert.equal(company.user_count, 0);
    const companies = await all(await client.contacts.listAttachedCompanies({ contact_id: contactId }));
    assert.deepEqual(companies, []);
  });

  test('37. list and scroll companies: every company once', async () => {
    const listed = (await all(await client.companies.list({ per_page: 1 }))).map((c) => c.id);
    assert.equal(new Set(listed).size, sandbox.store.companies.size);
    const scrolled = (await all(await client.companies.scroll())).map((c) => c.id);
    assert.equal(new Set(scrolled).size, sandbox.store.companies.size);
  });

  test('38. a lead cannot be merged into a lead', async () => {
    const a = await client.contacts.create({ role: 'lead' });
    const b = await client.contacts.create({ role: 'lead' });
    assert.equal(await statusOf(client.contacts.mergeLeadInUser({ from: a.id, into: b.id })), 404);
    assert.ok(sandbox.store.users.has(a.id));
  });

  test("39. the contact's segments and subscription types", async () => {
    const segments = await client.contacts.listAttachedSegments({ contact_id: contactId });
    assert.deepEqual(segments.data, []);
    const bob = [...sandbox.store.users.values()].find((r) => r.segment_ids.length > 0);
    assert.ok(bob);
    const bobs = await client.contacts.listAttachedSegments({ contact_id: bob.id });
    assert.deepEqual(
      bobs.data?.map((s) => s.id),
      bob.segment_ids,
    );
  });

  test('40. an admin messages the contact: a conversation it can be found by', async () => {
    const message = await client.messages.create({
      message_type: 'inapp',
      body: 'Your order shipped',
      from: { type: 'admin', id: 394051 },
      to: { type: 'user', id: contactId },
    });
    assert.equal(message.message_type, 'inapp');
    const conversation = await client.conversations.find({ conversation_id: message.conversation_id as string });
    assert.equal(conversation.source?.author?.type, 'admin');
    assert.equal(conversation.source?.delivered_as, 'admin_initiated');
  });

  test('41. subscription types: opt in, then opt out', async () => {
    const types = await client.subscriptionTypes.list();
    assert.deepEqual(
      types.data?.map((t) => t.id),
      ['37846', '37847'],
    );
    const initial = await client.contacts.listAttachedSubscriptions({ contact_id: contactId });
    assert.deepEqual(
      initial.data?.map((t) => t.id),
      ['37846'],
      'an opt-out type holds everyone until they leave it',
    );
    await client.contacts.attachSubscription({ contact_id: contactId, id: '37847', consent_type: 'opt_in' });
    await client.contacts.detachSubscription({ contact_id: contactId, subscription_id: '37846' });
    const after = await client.contacts.listAttachedSubscriptions({ contact_id: contactId });
    assert.deepEqual(
      after.data?.map((t) => t.id),
      ['37847'],
    );
  });

  test('42. delete a contact: it is gone', async () => {
    const second = await client.contacts.showContactByExternalId({ external_id: 'tour-2' });
    const deleted = await client.contacts.delete({ contact_id: second.id });
    assert.equal(deleted.deleted, true);
    assert.equal(await statusOf(client.contacts.find({ contact_id: second.id })), 404);
  });
});
