import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blockPerson, mergeLeadIntoUser, setArchived } from '../../src/sandbox/domain/contact-lifecycle.js';
import { startConversation } from '../../src/sandbox/domain/conversations.js';
import { DomainError } from '../../src/sandbox/domain/errors.js';
import type { DomainEvent } from '../../src/sandbox/domain/event-sink.js';
import { addNote } from '../../src/sandbox/domain/notes.js';
import {
  applyPersonChanges,
  convertToUser,
  createLead,
  deletePerson,
  erasePerson,
  findAnonymous,
  findPerson,
  findUser,
  findUserOrLead,
  newAnonymous,
  pseudonym,
  upsertUser,
  visitorToLead,
} from '../../src/sandbox/domain/people.js';
import type { UserRecord } from '../../src/sandbox/domain/records.js';
import type { Store } from '../../src/sandbox/domain/store.js';
import { recordingStore } from '../helpers/recording-store.js';

// The sandbox's rules for people without HTTP: which identifier finds whom, upsert (create or
// update), and merging a lead into a user (what the user keeps, gains and records).

/** A recording store, with the kinds of the events it published so far. */
function world(): { store: Store; events: DomainEvent[]; kinds: () => string[] } {
  const { store, events } = recordingStore();
  return { store, events, kinds: () => events.map((event) => event.type) };
}

/** A time long past: a rule that touches `updated_at` moves it off this. */
const LONG_AGO = 1;

function assertRefused(
  run: () => unknown,
  kind: DomainError['kind'],
  expected: { message?: string | RegExp; field?: string } = {},
) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof DomainError, `a DomainError, not ${String(error)}`);
    assert.equal(error.kind, kind);
    if (typeof expected.message === 'string') assert.equal(error.message, expected.message);
    if (expected.message instanceof RegExp) assert.match(error.message, expected.message);
    if (expected.field !== undefined) assert.equal(error.field, expected.field);
    return true;
  });
}

describe('finding people', () => {
  function people() {
    const { store } = world();
    const ann = store.newUser('user', { user_id: 'u-ann', email: 'ann@example.com' });
    const lead = store.newUser('contact', { user_id: 'l-1', email: 'lead@example.com' });
    const visitor = store.newUser('visitor', { user_id: 'v-1' });
    return { store, ann, lead, visitor };
  }

  test('findUser: the strongest identifier given decides; weaker ones are not tried', () => {
    const { store, ann, lead } = people();
    assert.equal(findUser(store, { id: ann.id }), ann);
    assert.equal(findUser(store, { id: lead.id }), undefined, 'an id names a lead only with leads');
    assert.equal(findUser(store, { id: lead.id }, { leads: true }), lead);
    assert.equal(findUser(store, { id: 'nope', user_id: 'u-ann', email: 'ann@example.com' }), undefined);
    assert.equal(findUser(store, { id: 'nope' }, { leads: true }), undefined);
    assert.equal(findUser(store, { user_id: 'u-ann' }), ann);
    assert.equal(findUser(store, { user_id: 'l-1' }), undefined, 'a user_id names users only');
    assert.equal(findUser(store, { user_id: 'nope', email: 'ann@example.com' }), undefined);
    assert.equal(findUser(store, { email: 'ANN@example.com' }), ann);
    assert.equal(findUser(store, { email: 'lead@example.com' }), undefined);
    assert.equal(findUser(store, { email: null }), undefined);
    assert.equal(findUser(store, {}), undefined);
    store.newUser('user', { email: 'ann@example.com' });
    assertRefused(() => findUser(store, { email: 'ann@example.com' }), 'conflict', { message: /ann@example.com/ });
  });

  test('findPerson: roles in order, by id, user_id or email; an email shared within a role is a conflict', () => {
    const { store, ann, lead, visitor } = people();
    assert.equal(findPerson(store, ['user', 'contact'], 'id', lead.id), lead);
    assert.equal(findPerson(store, ['user'], 'id', lead.id), undefined);
    assert.equal(findPerson(store, ['user', 'contact'], 'user_id', 'l-1'), lead);
    assert.equal(findPerson(store, ['visitor'], 'user_id', 'v-1'), visitor);
    assert.equal(findPerson(store, ['user', 'contact'], 'user_id', 'nope'), undefined);
    assert.equal(findPerson(store, ['user', 'contact'], 'email', 'LEAD@example.com'), lead);
    assert.equal(findPerson(store, ['user', 'contact'], 'email', 'none@example.com'), undefined);
    assert.equal(findPerson(store, ['user'], 'id', ann.id), ann);
    const twin = store.newUser('contact', { email: 'ann@example.com' });
    assert.equal(findPerson(store, ['user', 'contact'], 'email', 'ann@example.com'), ann, 'users first');
    assert.equal(findPerson(store, ['contact', 'user'], 'email', 'ann@example.com'), twin, 'in the order given');
    store.newUser('contact', { email: 'lead@example.com' });
    assertRefused(() => findPerson(store, ['user', 'contact'], 'email', 'lead@example.com'), 'conflict');
  });

  test('findAnonymous: a lead or visitor by id, else by user_id; anything else is not found', () => {
    const { store, ann, lead, visitor } = people();
    assert.equal(findAnonymous(store, 'contact', { id: lead.id }), lead);
    assert.equal(findAnonymous(store, 'contact', { user_id: 'l-1' }), lead);
    assert.equal(findAnonymous(store, 'visitor', { user_id: 'v-1' }), visitor);
    assertRefused(() => findAnonymous(store, 'contact', { id: visitor.id, user_id: 'l-1' }), 'not_found', {
      message: 'User Not Found',
    });
    assertRefused(() => findAnonymous(store, 'contact', { id: ann.id }), 'not_found');
    assertRefused(() => findAnonymous(store, 'contact', { email: 'lead@example.com' }), 'not_found');
    assertRefused(() => findAnonymous(store, 'visitor', { user_id: 'l-1' }), 'not_found');
  });

  test('findUserOrLead: users first, then leads; by email the oldest lead; unknown is not found', () => {
    const { store, ann, lead } = people();
    assert.equal(findUserOrLead(store, 'id', ann.id), ann);
    assert.equal(findUserOrLead(store, 'id', lead.id), lead);
    assert.equal(findUserOrLead(store, 'user_id', 'u-ann'), ann);
    assert.equal(findUserOrLead(store, 'user_id', 'l-1'), lead);
    assert.equal(findUserOrLead(store, 'email', 'lead@example.com'), lead);
    store.newUser('contact', { email: 'lead@example.com' });
    assert.equal(findUserOrLead(store, 'email', 'lead@example.com'), lead, 'the oldest lead');
    store.newUser('contact', { email: 'ann@example.com' });
    assert.equal(findUserOrLead(store, 'email', 'ann@example.com'), ann, 'a user before a lead');
    for (const [key, value] of [
      ['id', 'nope'],
      ['user_id', 'nope'],
      ['email', 'nope@example.com'],
      ['user_id', 'v-1'],
    ] as const) {
      assertRefused(() => findUserOrLead(store, key, value), 'not_found', { message: 'User Not Found' });
    }
    store.newUser('user', { email: 'ann@example.com' });
    assertRefused(() => findUserOrLead(store, 'email', 'ann@example.com'), 'conflict');
  });
});

describe('creating and changing people', () => {
  test('an anonymous person gets a pseudonym and a UUID user_id', () => {
    // Every word of the lists is a capitalised word: enough draws reach each of the ten per list.
    for (let i = 0; i < 400; i++) assert.match(pseudonym(), /^[A-Z][a-z]+ [A-Z][a-z]+ from [A-Z][a-z]+( [A-Z][a-z]+)?$/);
    const { store } = world();
    const lead = newAnonymous(store, 'contact');
    assert.equal(lead.role, 'contact');
    assert.match(lead.pseudonym ?? '', / from /);
    assert.match(lead.user_id ?? '', /^[0-9a-f-]{36}$/);
    const named = newAnonymous(store, 'visitor', { pseudonym: 'Given', name: 'Vi' });
    assert.equal(named.pseudonym, 'Given');
    assert.equal(named.name, 'Vi');
    assert.equal(named.role, 'visitor');
  });

  test('each change sets its field; undefined leaves it; null clears it; updated_at moves', () => {
    const { store } = world();
    const record = store.newUser('user', {
      email: 'old@example.com',
      name: 'Old',
      phone: '1',
      session_count: 2,
      updated_at: LONG_AGO,
      custom_attributes: { keep: 1, drop: 2 },
    });
    applyPersonChanges(store, record, {
      email: 'new@example.com',
      name: null,
      phone: '555',
      lastSeenIp: '10.0.0.1',
      lastSeenUserAgent: 'curl',
      signedUpAt: 10,
      remoteCreatedAt: 20,
      lastRequestAt: 30,
      newSession: true,
      unsubscribedFromEmails: true,
      ownerId: 7,
      attributes: { drop: null, plan: 'pro' },
    });
    assert.equal(record.email, 'new@example.com');
    assert.equal(store.usersByEmail('new@example.com', 'user')[0], record, 'the email index follows');
    assert.deepEqual(store.usersByEmail('old@example.com', 'user'), []);
    assert.equal(record.name, null);
    assert.equal(record.phone, '555');
    assert.equal(record.last_seen_ip, '10.0.0.1');
    assert.equal(record.last_seen_user_agent, 'curl');
    assert.equal(record.signed_up_at, 10);
    assert.equal(record.remote_created_at, 20);
    assert.equal(record.last_request_at, 30);
    assert.equal(record.session_count, 3);
    assert.equal(record.unsubscribed_from_emails, true);
    assert.equal(record.owner_id, 7);
    assert.deepEqual(record.custom_attributes, { keep: 1, plan: 'pro' });
    assert.ok(record.updated_at > LONG_AGO);

    const before = structuredClone(record);
    record.updated_at = LONG_AGO;
    applyPersonChanges(store, record, { newSession: false, updateLastRequestAt: false });
    assert.deepEqual({ ...record, updated_at: before.updated_at }, before, 'nothing but updated_at changed');
    assert.ok(record.updated_at > LONG_AGO);

    applyPersonChanges(store, record, { updateLastRequestAt: true });
    assert.equal(record.last_request_at, record.updated_at, 'last_request_at is now');
  });

  test('companies: joined by company_id (created when unknown, once), by Intercom id, or left', () => {
    const { store, kinds } = world();
    const record = store.newUser('user');
    applyPersonChanges(store, record, { companies: [{ companyId: 'c-1', remove: false, changes: { name: 'One' } }] });
    const one = store.companyByCompanyId('c-1');
    assert.ok(one !== undefined);
    assert.equal(one.name, 'One');
    assert.deepEqual(record.company_ids, [one.id]);
    assert.deepEqual(kinds(), ['company.created']);
    applyPersonChanges(store, record, { companies: [{ companyId: 'c-1', remove: false, changes: { name: 'Uno' } }] });
    assert.deepEqual(record.company_ids, [one.id], 'joined once');
    assert.equal(one.name, 'Uno', 'a known company takes the changes');
    assert.deepEqual(kinds(), ['company.created'], 'a known company is not created again');
    const two = store.newCompany('c-2');
    applyPersonChanges(store, record, { companies: [{ id: two.id, remove: false, changes: {} }] });
    applyPersonChanges(store, record, { companies: [{ id: 'c-3', remove: false, changes: {} }] });
    const three = store.companyByCompanyId('c-3');
    assert.ok(three !== undefined, 'an unknown id is taken as a company_id, as 1.x does');
    assert.deepEqual(record.company_ids, [one.id, two.id, three.id]);
    applyPersonChanges(store, record, { companies: [{ id: 'c-2', remove: true, changes: {} }] });
    assert.deepEqual(record.company_ids, [one.id, three.id], 'left by its company_id');
    applyPersonChanges(store, record, { companies: [{ companyId: 'c-1', remove: true, changes: {} }] });
    applyPersonChanges(store, record, { companies: [{ companyId: 'c-9', remove: true, changes: {} }] });
    assert.deepEqual(record.company_ids, [three.id]);
    assert.equal(store.companyByCompanyId('c-9'), undefined, 'leaving an unknown company creates none');
  });
});

describe('upsert', () => {
  test('a new user_id creates a user holding the email that named it, published once', () => {
    const { store, kinds } = world();
    const created = upsertUser(store, { user_id: 'u-1', email: 'ann@example.com' }, { name: 'Ann' });
    assert.equal(created.role, 'user');
    assert.equal(created.user_id, 'u-1');
    assert.equal(created.email, 'ann@example.com');
    assert.equal(store.userByUserId('u-1', 'user'), created);
    assert.deepEqual(kinds(), ['person.created']);
    const again = upsertUser(store, { user_id: 'u-1' }, { name: 'Ann B' });
    assert.equal(again, created);
    assert.equal(again.email, 'ann@example.com', 'an email not given stays');
    assert.deepEqual(kinds(), ['person.created'], 'an update is not a creation');
  });

  test("the changes' email wins over the identifying one", () => {
    const { store } = world();
    const user = upsertUser(store, { email: 'a@example.com' }, { email: 'b@example.com' });
    assert.equal(user.email, 'b@example.com');
  });

  test('an id with a new user_id moves the user to it; its own user_id is no conflict', () => {
    const { store } = world();
    const ann = upsertUser(store, { user_id: 'u-1' }, {});
    assert.equal(upsertUser(store, { id: ann.id, user_id: 'u-1' }, { name: 'Same' }), ann);
    assert.equal(upsertUser(store, { id: ann.id, user_id: 'u-2' }, {}), ann);
    assert.equal(ann.user_id, 'u-2');
    assert.equal(store.userByUserId('u-2', 'user'), ann);
    assert.equal(store.userByUserId('u-1', 'user'), undefined);
    assert.equal(store.users.size, 1);
  });

  test('an unknown id is not found; a user_id held by another user is a unique_user_constraint conflict', () => {
    const { store, kinds } = world();
    assertRefused(() => upsertUser(store, { id: 'nope', user_id: 'u-9' }, {}), 'not_found', { message: 'User Not Found' });
    const a = upsertUser(store, { user_id: 'a' }, {});
    const b = upsertUser(store, { user_id: 'b' }, {});
    assert.throws(
      () => upsertUser(store, { id: b.id, user_id: 'a' }, { name: 'x' }),
      (error: unknown) =>
        error instanceof DomainError &&
        error.kind === 'conflict' &&
        error.field === 'user_id' &&
        error.reason === 'unique_user_constraint' &&
        error.message === "A user with user_id 'a' already exists",
    );
    assert.equal(b.user_id, 'b');
    assert.equal(b.name, null, 'nothing changed');
    assert.equal(a.user_id, 'a');
    assert.equal(store.users.size, 2);
    assert.deepEqual(kinds(), ['person.created', 'person.created']);
  });

  test('a lead with the user_id is no conflict for a user', () => {
    const { store } = world();
    store.newUser('contact', { user_id: 'shared' });
    const user = upsertUser(store, { user_id: 'x' }, {});
    upsertUser(store, { id: user.id, user_id: 'shared' }, {});
    assert.equal(user.user_id, 'shared');
  });

  test('createLead makes a lead with the changes, published', () => {
    const { store, kinds } = world();
    const lead = createLead(store, { name: 'Lee', email: 'lee@example.com' });
    assert.equal(lead.role, 'contact');
    assert.equal(lead.name, 'Lee');
    assert.equal(store.usersByEmail('lee@example.com', 'contact')[0], lead);
    assert.deepEqual(kinds(), ['person.created']);
  });

  test('deletePerson publishes the live record, then removes it; erasePerson tells nobody', () => {
    const { store, events, kinds } = world();
    const a = store.newUser('user', { user_id: 'a', email: 'a@example.com' });
    const b = store.newUser('user', { user_id: 'b' });
    deletePerson(store, a);
    assert.deepEqual(kinds(), ['person.deleted']);
    assert.equal((events[0] as { person: UserRecord }).person, a);
    assert.equal(store.users.get(a.id), undefined);
    assert.equal(store.userByUserId('a', 'user'), undefined);
    erasePerson(store, b);
    assert.equal(store.users.size, 0);
    assert.deepEqual(kinds(), ['person.deleted']);
  });

  test('a visitor becomes a lead keeping its user_id and pseudonym; touch: false keeps updated_at', () => {
    const { store } = world();
    const visitor = newAnonymous(store, 'visitor', { updated_at: LONG_AGO });
    const { user_id, pseudonym: name } = visitor;
    visitorToLead(store, visitor, { touch: false });
    assert.equal(visitor.role, 'contact');
    assert.equal(visitor.user_id, user_id);
    assert.equal(visitor.pseudonym, name);
    assert.equal(visitor.updated_at, LONG_AGO);
    assert.equal(store.userByUserId(user_id as string, 'contact'), visitor);
    const other = newAnonymous(store, 'visitor', { updated_at: LONG_AGO });
    visitorToLead(store, other);
    assert.ok(other.updated_at > LONG_AGO);
  });
});

describe('converting and merging a lead', () => {
  test('a lead whose target names no user becomes the user itself, with the given identifiers', () => {
    const { store, kinds } = world();
    const lead = createLead(store, { email: 'lee@example.com', name: 'Lee' });
    const uuid = lead.user_id as string;
    lead.updated_at = LONG_AGO;
    const user = convertToUser(store, lead, { user_id: 'u-lee' });
    assert.equal(user, lead);
    assert.equal(user.role, 'user');
    assert.equal(user.user_id, 'u-lee');
    assert.equal(user.email, 'lee@example.com', 'it keeps its email');
    assert.equal(user.pseudonym, null);
    assert.ok(user.updated_at > LONG_AGO);
    assert.equal(store.userByUserId('u-lee', 'user'), user);
    assert.equal(store.userByUserId(uuid, 'contact'), undefined, 'the UUID is gone');
    assert.equal(store.userByUserId(uuid, 'user'), undefined);
    assert.equal(store.usersByEmail('lee@example.com', 'user')[0], user);
    assert.deepEqual(kinds(), ['person.created', 'person.signed_up', 'person.created']);
  });

  test('a new email is taken; without identifiers the lead becomes a user without user_id', () => {
    const { store } = world();
    const lead = createLead(store, { email: 'lee@example.com' });
    convertToUser(store, lead, { email: 'new@example.com' });
    assert.equal(lead.role, 'user');
    assert.equal(lead.email, 'new@example.com');
    assert.equal(lead.user_id, null);
    const bare = createLead(store, { email: 'bare@example.com' });
    convertToUser(store, bare, {});
    assert.equal(bare.role, 'user');
    assert.equal(bare.user_id, null);
    assert.equal(bare.email, 'bare@example.com');
  });

  test('a target id that names no user is not found; an email shared by users is a conflict', () => {
    const { store } = world();
    const lead = createLead(store, {});
    assertRefused(() => convertToUser(store, lead, { id: 'nope' }), 'not_found', { message: 'User Not Found' });
    store.newUser('user', { email: 'two@example.com' });
    store.newUser('user', { email: 'two@example.com' });
    assertRefused(() => convertToUser(store, lead, { email: 'two@example.com' }), 'conflict');
    assert.equal(lead.role, 'contact', 'nothing changed');
    assert.equal(store.users.get(lead.id), lead);
  });

  /** A user with some values and a lead with others, a note and a conversation of the lead's. */
  function mergeWorld() {
    const w = world();
    const { store } = w;
    const user = store.newUser('user', {
      user_id: 'u-1',
      email: 'user@example.com',
      name: 'User',
      last_request_at: 100,
      session_count: 2,
      custom_attributes: { plan: 'pro' },
      tag_ids: ['t1'],
      company_ids: ['c1'],
      segment_ids: [],
      updated_at: LONG_AGO,
    });
    const lead = store.newUser('contact', {
      email: 'lead@example.com',
      name: 'Lead',
      phone: '555',
      signed_up_at: 5,
      remote_created_at: 6,
      last_seen_ip: '10.0.0.1',
      last_seen_user_agent: 'curl',
      owner_id: 7,
      last_request_at: 200,
      session_count: 3,
      custom_attributes: { plan: 'free', source: 'ad' },
      tag_ids: ['t1', 't2'],
      company_ids: ['c2'],
      segment_ids: ['s1'],
    });
    const note = addNote(store, lead, '7', 'met at the fair');
    const bystander = store.newUser('user', { user_id: 'u-other' });
    const otherNote = addNote(store, bystander, '7', 'not about the lead');
    const conversation = startConversation(store, {
      customer: lead,
      author: { type: 'lead', id: lead.id },
      messageId: store.nextId(),
      subject: '',
      body: '<p>hi</p>',
      deliveredAs: 'customer_initiated',
    });
    return { ...w, user, lead, note, conversation, bystander, otherNote };
  }

  test("a merge: the user's values win, it gains what it lacked, sums sessions, unites ids; the lead is gone", () => {
    const { store, user, lead, note, conversation, kinds, bystander, otherNote } = mergeWorld();
    const leadUserId = lead.user_id as string;
    assert.equal(convertToUser(store, lead, { user_id: 'u-1' }), user);
    assert.equal(user.name, 'User', "the user's own value wins");
    assert.equal(user.phone, '555');
    assert.equal(user.signed_up_at, 5);
    assert.equal(user.remote_created_at, 6);
    assert.equal(user.last_seen_ip, '10.0.0.1');
    assert.equal(user.last_seen_user_agent, 'curl');
    assert.equal(user.owner_id, 7);
    assert.equal(user.last_request_at, 200, 'the later last request');
    assert.equal(user.session_count, 5);
    assert.deepEqual(user.custom_attributes, { plan: 'pro', source: 'ad' });
    assert.deepEqual(user.tag_ids, ['t1', 't2']);
    assert.deepEqual(user.company_ids, ['c1', 'c2']);
    assert.deepEqual(user.segment_ids, ['s1']);
    assert.equal(user.email, 'user@example.com', "the lead's identifiers are never copied");
    assert.equal(user.user_id, 'u-1');
    assert.equal(note.user_id, user.id);
    assert.equal(otherNote.user_id, bystander.id, "another person's notes stay theirs");
    assert.equal(conversation.customer_id, user.id);
    assert.ok(user.updated_at > LONG_AGO);
    assert.equal(store.users.get(lead.id), undefined);
    assert.equal(store.userByUserId(leadUserId, 'contact'), undefined);
    assert.deepEqual(store.usersByEmail('lead@example.com', 'contact'), []);
    assert.ok(kinds().includes('person.signed_up'));
    assert.equal(kinds().filter((kind) => kind === 'person.created').length, 0, 'a merge creates nobody');
  });

  test("a merge keeps the user's later last request, and takes the lead's when the user has none", () => {
    const later = mergeWorld();
    later.user.last_request_at = 300;
    convertToUser(later.store, later.lead, { id: later.user.id });
    assert.equal(later.user.last_request_at, 300);
    const none = mergeWorld();
    none.user.last_request_at = null;
    convertToUser(none.store, none.lead, { email: 'USER@example.com' });
    assert.equal(none.user.last_request_at, 200);
    const leadNone = mergeWorld();
    leadNone.lead.last_request_at = null;
    convertToUser(leadNone.store, leadNone.lead, { id: leadNone.user.id });
    assert.equal(leadNone.user.last_request_at, 100);
    const bothNone = mergeWorld();
    bothNone.lead.last_request_at = null;
    bothNone.user.last_request_at = null;
    convertToUser(bothNone.store, bothNone.lead, { id: bothNone.user.id });
    assert.equal(bothNone.user.last_request_at, null);
  });

  test("a merge does not overwrite a user's value with the lead's null", () => {
    const { store, user, lead } = mergeWorld();
    lead.name = null;
    user.phone = '111';
    convertToUser(store, lead, { id: user.id });
    assert.equal(user.name, 'User');
    assert.equal(user.phone, '111');
  });

  test('mergeLeadIntoUser records the merge in merge_history and for the 410 of the lead', () => {
    const { store, user, lead } = mergeWorld();
    const merged = mergeLeadIntoUser(store, lead.id, user.id);
    assert.equal(merged, user);
    assert.equal(user.merge_history.length, 1);
    const [entry] = user.merge_history;
    assert.equal(entry?.source_contact_id, lead.id);
    assert.equal(entry?.source_contact_role, 'lead');
    assert.ok(typeof entry?.merged_at === 'number' && entry.merged_at > LONG_AGO);
    assert.equal(store.mergedInto(lead.id), user.id);
    assert.equal(store.users.get(lead.id), undefined);
  });

  test('mergeLeadIntoUser refuses a user as source, an unknown source or target, and a lead as target', () => {
    const { store, user, lead } = mergeWorld();
    const other = store.newUser('contact', {});
    assertRefused(() => mergeLeadIntoUser(store, user.id, user.id), 'invalid', {
      message: 'Only a lead can be merged into a user',
      field: 'from',
    });
    assertRefused(() => mergeLeadIntoUser(store, 'nope', user.id), 'not_found', { message: 'Contact Not Found', field: 'from' });
    assertRefused(() => mergeLeadIntoUser(store, lead.id, 'nope'), 'not_found', { message: 'Contact Not Found', field: 'into' });
    assertRefused(() => mergeLeadIntoUser(store, lead.id, other.id), 'not_found', { field: 'into' });
    assert.equal(store.users.get(lead.id), lead, 'nothing changed');
    assert.deepEqual(user.merge_history, []);
    assert.equal(store.mergedInto(lead.id), undefined);
  });

  test('archiving, unarchiving and blocking set their flag and updated_at', () => {
    const { store } = world();
    const record = store.newUser('user', { updated_at: LONG_AGO });
    setArchived(record, true);
    assert.equal(record.archived, true);
    assert.ok(record.updated_at > LONG_AGO);
    record.updated_at = LONG_AGO;
    setArchived(record, false);
    assert.equal(record.archived, false);
    assert.ok(record.updated_at > LONG_AGO);
    record.updated_at = LONG_AGO;
    blockPerson(record);
    assert.equal(record.blocked, true);
    assert.ok(record.updated_at > LONG_AGO);
  });
});
