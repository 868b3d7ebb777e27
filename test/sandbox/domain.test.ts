import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addCustomerReply, startConversation } from '../../src/sandbox/domain/conversations.js';
import { DomainError } from '../../src/sandbox/domain/errors.js';
import { addNote, addNoteAbout, notesOf } from '../../src/sandbox/domain/notes.js';
import { convertToUser, createLead, deletePerson, upsertUser } from '../../src/sandbox/domain/people.js';
import { setTagged, tagNamed } from '../../src/sandbox/domain/tags.js';
import { recordingStore } from '../helpers/recording-store.js';

/** Asserts that `run` throws a domain error of `kind`. */
function assertRefused(run: () => unknown, kind: DomainError['kind'], message?: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof DomainError, `a DomainError, not ${String(error)}`);
    assert.equal(error.kind, kind);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

describe('sandbox domain, without HTTP', () => {
  test('a user upserted by user_id is found again by email and updated, not duplicated', () => {
    const { store } = recordingStore();
    const created = upsertUser(store, { user_id: 'u-1', email: 'Ann@Example.com' }, { name: 'Ann' });
    const again = upsertUser(store, { email: 'ann@example.com' }, { name: 'Ann Smith', attributes: { plan: 'pro' } });
    assert.equal(again, created);
    assert.equal(store.users.size, 1);
    assert.equal(again.user_id, 'u-1');
    assert.equal(again.name, 'Ann Smith');
    assert.deepEqual(again.custom_attributes, { plan: 'pro' });
    assert.equal(store.userByUserId('u-1', 'user'), created);
  });

  test('an unknown Intercom id is not found, and a user_id held by another user is a conflict', () => {
    const { store } = recordingStore();
    assertRefused(() => upsertUser(store, { id: 'nope' }, {}), 'not_found', 'User Not Found');
    upsertUser(store, { user_id: 'a' }, {});
    const b = upsertUser(store, { user_id: 'b' }, {});
    assertRefused(() => upsertUser(store, { id: b.id, user_id: 'a' }, {}), 'conflict');
    assert.equal(store.userByUserId('b', 'user'), b, 'nothing changed');
  });

  test('a lead merged into a user hands over its notes and conversations, fills gaps, and is gone', () => {
    const { store } = recordingStore();
    const user = upsertUser(store, { user_id: 'u-2', email: 'bo@example.com' }, {});
    const lead = createLead(store, { name: 'Bo', phone: '555', attributes: { source: 'ad' } });
    addNote(store, lead, '7', 'met at the fair');
    const conversation = startConversation(store, {
      customer: lead,
      author: { type: 'lead', id: lead.id },
      messageId: store.nextId(),
      subject: '',
      body: '<p>hi</p>',
      deliveredAs: 'customer_initiated',
    });
    const merged = convertToUser(store, lead, { email: 'bo@example.com' });
    assert.equal(merged, user);
    assert.equal(store.users.get(lead.id), undefined, 'the lead is removed');
    assert.equal(user.name, 'Bo');
    assert.equal(user.phone, '555');
    assert.deepEqual(user.custom_attributes, { source: 'ad' });
    assert.deepEqual(
      notesOf(store, user).map((n) => n.body),
      ['<p>met at the fair</p>'],
    );
    assert.equal(conversation.customer_id, user.id);
    assert.deepEqual(conversation.message.author, { type: 'user', id: user.id });
  });

  test('a note on a person who does not exist is a not-found domain error, and nothing is stored', () => {
    const { store } = recordingStore();
    assertRefused(() => addNoteAbout(store, { key: 'user_id', value: 'ghost' }, '7', 'hello'), 'not_found', 'User Not Found');
    assertRefused(() => addNoteAbout(store, { key: 'email', value: 'ghost@example.com' }, '7', 'hello'), 'not_found');
    assert.equal(store.notes.size, 0);
  });

  test('a note by an unknown admin is refused before it is stored', () => {
    const { store } = recordingStore();
    const user = upsertUser(store, { user_id: 'u-3' }, {});
    assertRefused(() => addNote(store, user, '999', 'hello'), 'not_found', 'Admin Not Found');
    assert.equal(store.notes.size, 0);
  });
});

describe('sandbox domain events', () => {
  test('the sink receives what changed, with the live records, in order', () => {
    const { store, events } = recordingStore();
    const user = upsertUser(store, { user_id: 'u-4' }, { companies: [{ companyId: 'c-1', remove: false, changes: {} }] });
    upsertUser(store, { user_id: 'u-4' }, { name: 'changed' });
    const tag = tagNamed(store, 'VIP');
    setTagged(store, user, tag, false);
    setTagged(store, user, tag, false);
    const conversation = startConversation(store, {
      customer: user,
      author: { type: 'user', id: user.id },
      messageId: store.nextId(),
      subject: '',
      body: '<p>help</p>',
      deliveredAs: 'customer_initiated',
    });
    addCustomerReply(store, conversation, { text: 'still there?', attachments: [] });
    deletePerson(store, user);

    assert.deepEqual(
      events.map((e) => e.type),
      [
        'company.created',
        'person.created',
        'person.tagged',
        'conversation.started',
        'conversation.customer_replied',
        'person.deleted',
      ],
      'an update publishes nothing; tagging twice publishes once',
    );
    const created = events[1];
    assert.ok(created?.type === 'person.created');
    assert.equal(created.person, user);
    const started = events[3];
    assert.ok(started?.type === 'conversation.started');
    assert.equal(started.by, 'customer');
  });

  test('a refused operation publishes nothing', () => {
    const { store, events } = recordingStore();
    const lead = createLead(store, {});
    events.length = 0;
    assertRefused(() => convertToUser(store, lead, { id: 'missing' }), 'not_found');
    assert.deepEqual(events, []);
    assert.equal(store.users.get(lead.id), lead);
  });
});
