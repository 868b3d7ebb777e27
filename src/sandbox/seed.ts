import { addNote } from './domain/notes.js';
import { newAnonymous } from './domain/people.js';
import type { AssigneeRef, AuthorRef, ConversationRecord, SegmentRecord } from './domain/records.js';
import type { Store } from './domain/store.js';
import { defineDefaultTicketStates, defineTicketType } from './domain/ticket-types.js';
import { seedHelpCenter } from './seed-help-center.js';

/** What a sandbox starts with: `demo` data, or an `empty` workspace (admins and teams only). */
export type SeedName = 'demo' | 'empty';

/** The admins every sandbox has; the first one owns the token. */
export const SEED_ADMINS = [
  { id: '394051', name: 'Wash', email: 'wash@serenity.io', job_title: 'Pilot', team_ids: [814865] },
  { id: '814860', name: 'Jayne Cobb', email: 'jayne@serenity.io', job_title: null, team_ids: [814865] },
  { id: '493881', name: 'Kaylee Frye', email: 'kaylee@serenity.io', job_title: 'Mechanic', team_ids: [] },
] as const;

/** Fills a store with a seed. */
export function seedStore(store: Store, seed: SeedName): void {
  for (const admin of SEED_ADMINS) {
    store.addAdmin({
      type: 'admin',
      id: admin.id,
      name: admin.name,
      email: admin.email,
      job_title: admin.job_title,
      away_mode_enabled: false,
      away_mode_reassign: false,
      team_ids: [...admin.team_ids],
    });
  }
  store.addTeam({ type: 'team', id: '814865', name: 'Support', admin_ids: [394051, 814860] });
  store.addTeam({ type: 'team', id: '814866', name: 'Sales', admin_ids: [493881] });
  // Ticket states and types (2.x): what a conversation can be converted into, and tickets made of.
  defineDefaultTicketStates(store);
  const workspaceStart = 1_700_000_000;
  for (const [id, name, category, icon] of [
    ['1', 'Bug report', 'Customer', '🐞'],
    ['2', 'Billing question', 'Back-office', '💳'],
  ] as const) {
    defineTicketType(store, { id, name, description: `${name} tickets`, category, icon, created_at: workspaceStart });
  }
  // Subscription types (2.x): what people opt into or out of.
  store.subscriptionTypes.set('37846', {
    id: '37846',
    name: 'Newsletters',
    description: 'Monthly product news',
    state: 'live',
    consent_type: 'opt_out',
    content_types: ['email'],
  });
  store.subscriptionTypes.set('37847', {
    id: '37847',
    name: 'Product offers',
    description: 'Offers by SMS',
    state: 'live',
    consent_type: 'opt_in',
    content_types: ['sms_message'],
  });
  seedHelpCenter(store, Math.floor(Date.now() / 1000), seed === 'demo');
  if (seed === 'empty') return;

  const intercom = store.newCompany('6', { name: 'Intercom', custom_attributes: { referral_source: 'Google' } });
  const blueSun = store.newCompany('44', { name: 'Blue Sun', plan: 'Paid', monthly_spend: 49 });
  const day = 86_400;
  const now = Math.floor(Date.now() / 1000);
  const people = [
    { user_id: '1', email: 'bob@example.com', name: 'Bob Smith', spend: 1.5, karma: 3, company: intercom.id, age: 40 },
    { user_id: '2', email: 'alice@example.com', name: 'Alice Jones', spend: 320, karma: 12, company: blueSun.id, age: 20 },
    { user_id: '3', email: 'carol@example.com', name: 'Carol Danvers', spend: 0, karma: 0, company: intercom.id, age: 1 },
  ];
  for (const person of people) {
    store.newUser('user', {
      user_id: person.user_id,
      email: person.email,
      name: person.name,
      created_at: now - person.age * day,
      updated_at: now - person.age * day,
      signed_up_at: now - person.age * day,
      session_count: person.karma,
      custom_attributes: { average_monthly_spend: person.spend, karma: person.karma },
      company_ids: [person.company],
    });
  }

  // Segments, with the ids of the gem's fixtures; memberships on the users and companies.
  const segment = (id: string, name: string, personType: SegmentRecord['person_type'], ageDays: number): string => {
    const at = now - ageDays * day;
    store.segments.set(id, { id, name, person_type: personType, created_at: at, updated_at: at });
    return id;
  };
  const active = segment('5310d8e7598c9a0b24000002', 'Active', 'user', 400);
  const fresh = segment('5310d8e6598c9a0b24000001', 'New', 'user', 400);
  segment('5310d8e7598c9a0b24000003', 'Slipping Away', 'user', 400);
  const paying = segment('5310d8e7598c9a0b24000004', 'Paying companies', 'company', 400);
  const members: Record<string, string[]> = { '1': [active], '2': [active], '3': [fresh] };
  for (const [userId, segmentIds] of Object.entries(members)) {
    const record = store.userByUserId(userId, 'user');
    if (record !== undefined) record.segment_ids.push(...segmentIds);
  }
  blueSun.segment_ids.push(paying);

  // Data events of Bob and Alice, and one paused webhook subscription.
  const bob = store.userByUserId('1', 'user');
  const alice = store.userByUserId('2', 'user');
  const events = [
    { owner: bob, name: 'invited-friend', age: 30, metadata: { invitee_email: 'pi@example.org', invite_code: 'ADDAFRIEND' } },
    {
      owner: bob,
      name: 'placed-order',
      age: 3,
      metadata: {
        order_number: { url: 'https://example.org/orders/3434-3434', value: '3434-3434' },
        price: { amount: 2999, currency: 'usd' },
      },
    },
    { owner: alice, name: 'updated-plan', age: 10, metadata: { plan: 'pro' } },
  ];
  for (const event of events) {
    if (event.owner !== undefined) store.addEvent(event.owner.id, event.name, now - event.age * day, event.metadata);
  }
  store.addSubscription({
    id: 'nsub_6a5e4b10-4f55-11e5-a0a0-c5d1e0e8a9e2',
    created_at: now - 7 * day,
    updated_at: now - 7 * day,
    service_type: 'web',
    // Paused, as Intercom pauses an endpoint that keeps failing: nothing listens on it.
    url: 'http://127.0.0.1:8080/hooks',
    topics: ['user.created', 'conversation.user.created'],
    hub_secret: null,
    metadata: {},
    active: false,
  });
  seedLeadsVisitorsNotes(store, now, day);
  seedConversations(store, now);
}

/** Two leads (one named Alice, for the README's customer search), two visitors (known user_ids), and notes on Bob. */
function seedLeadsVisitorsNotes(store: Store, now: number, day: number): void {
  newAnonymous(store, 'contact', {
    name: 'Alice',
    email: 'alice@leads.example.com',
    created_at: now - 5 * day,
    updated_at: now - 5 * day,
    custom_attributes: { source: 'webinar' },
  });
  newAnonymous(store, 'contact', {
    name: "O'Brien",
    email: 'obrien@truth.org',
    phone: '00353875551234',
    created_at: now - 2 * day,
    updated_at: now - 2 * day,
    session_count: 2,
  });
  // Visitors cannot be listed or created through the API: fixed user_ids let the examples find them.
  newAnonymous(store, 'visitor', {
    user_id: '8a88a590-e1c3-41e2-a502-e0649dbf721c',
    created_at: now - day,
    updated_at: now - day,
    custom_attributes: { landing_page: '/pricing' },
  });
  newAnonymous(store, 'visitor', {
    user_id: '5b2a6e2c-7f1d-4c3e-9a8b-0d1e2f3a4b5c',
    created_at: now - 3600,
    updated_at: now - 3600,
  });
  const bob = store.userByUserId('1', 'user');
  if (bob !== undefined) {
    addNote(store, bob, '814860', 'Bob asked about upgrading to the Blue Sun plan.', now - 3 * day);
    addNote(store, bob, '394051', '<p>Called Bob back: <b>upgrade</b> scheduled.</p>', now - day);
  }
}

/**
 * Four conversations: Bob's `147` (the README's, with several parts, assigned to Wash, the token's admin)
 * and `148` (closed by Kaylee), Alice's `149` (open, unassigned) and `150` (snoozed by Jayne). Ids are
 * fixed (below the store's sequence) so that other seed data keeps its ids.
 */
function seedConversations(store: Store, now: number): void {
  const hour = 3600;
  const day = 86_400;
  const bob = store.usersByEmail('bob@example.com', 'user')[0];
  const alice = store.usersByEmail('alice@example.com', 'user')[0];
  if (bob === undefined || alice === undefined) return;
  const wash = { type: 'admin' as const, id: SEED_ADMINS[0].id as string };
  const jayne = { type: 'admin' as const, id: SEED_ADMINS[1].id as string };
  const kaylee = { type: 'admin' as const, id: SEED_ADMINS[2].id as string };
  const asBob = { type: 'user' as const, id: bob.id };
  const asAlice = { type: 'user' as const, id: alice.id };
  const part = (
    id: string,
    partType: string,
    author: AuthorRef,
    body: string | null,
    at: number,
    assignedTo: AssigneeRef | null = null,
  ) => ({
    id,
    part_type: partType,
    body,
    created_at: at,
    updated_at: at,
    notified_at: at,
    assigned_to: assignedTo,
    author,
    attachments: [],
  });
  const add = (record: ConversationRecord): void => {
    store.addConversation(record);
  };

  const started147 = now - 3 * day;
  add({
    id: '147',
    created_at: started147,
    updated_at: now - 2 * day + 60,
    waiting_since: now - 2 * day,
    snoozed_until: null,
    state: 'open',
    read: true,
    assignee: { ...wash },
    customer_id: bob.id,
    message: {
      id: '601',
      subject: '',
      body: '<p>Hi Bob,</p>\n<p>We noticed you using our Product, do you have any questions?</p>\n<p>- Wash</p>',
      author: { ...wash },
      attachments: [],
      delivered_as: 'admin_initiated',
    },
    parts: [
      part('701', 'comment', asBob, '<p>Yes: how do I export my data?</p>', started147 + hour),
      part('702', 'comment', { ...wash }, '<p>Settings, then Export. It takes a minute.</p>', started147 + 2 * hour),
      part('703', 'comment', asBob, '<p>Found it, thanks! Can I export as CSV too?</p>', now - 2 * day),
      part('704', 'assignment', { ...jayne }, null, now - 2 * day + 60, { ...wash }),
    ],
    tag_ids: [],
  });

  const started148 = now - 10 * day;
  add({
    id: '148',
    created_at: started148,
    updated_at: started148 + 2 * hour,
    waiting_since: null,
    snoozed_until: null,
    state: 'closed',
    read: false,
    assignee: { ...kaylee },
    customer_id: bob.id,
    message: {
      id: '602',
      subject: '',
      body: '<p>Can I change my plan?</p>',
      author: asBob,
      attachments: [],
      delivered_as: 'customer_initiated',
    },
    parts: [
      part('705', 'comment', { ...kaylee }, '<p>Yes, under Settings, then Billing.</p>', started148 + hour),
      part('706', 'close', { ...kaylee }, null, started148 + 2 * hour),
    ],
    tag_ids: [],
  });

  add({
    id: '149',
    created_at: now - 2 * hour,
    updated_at: now - 2 * hour,
    waiting_since: now - 2 * hour,
    snoozed_until: null,
    state: 'open',
    read: true,
    assignee: { type: 'nobody_admin', id: null },
    customer_id: alice.id,
    message: {
      id: '603',
      subject: '',
      body: '<p>Is there an API?</p>',
      author: asAlice,
      attachments: [],
      delivered_as: 'customer_initiated',
    },
    parts: [],
    tag_ids: [],
  });

  const started150 = now - day;
  add({
    id: '150',
    created_at: started150,
    updated_at: started150 + 2 * hour,
    waiting_since: null,
    snoozed_until: now + day,
    state: 'snoozed',
    read: false,
    assignee: { ...jayne },
    customer_id: alice.id,
    message: {
      id: '604',
      subject: '',
      body: '<p>My invoice shows the wrong address.</p>',
      author: asAlice,
      attachments: [],
      delivered_as: 'customer_initiated',
    },
    parts: [
      part('707', 'comment', { ...jayne }, '<p>Let me check with the team and come back to you tomorrow.</p>', started150 + hour),
      part('708', 'snoozed', { ...jayne }, null, started150 + 2 * hour),
    ],
    tag_ids: [],
  });
}
