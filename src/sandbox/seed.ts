import type { AssigneeRef, AuthorRef, ConversationRecord, Store } from './store.js';

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
    store.admins.set(admin.id, {
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
  store.teams.set('814865', { type: 'team', id: '814865', name: 'Support', admin_ids: [394051, 814860] });
  store.teams.set('814866', { type: 'team', id: '814866', name: 'Sales', admin_ids: [493881] });
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

  seedConversations(store, now);
}

// --- conversations (conversations slice) ---

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
    store.conversations.set(record.id, record);
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
