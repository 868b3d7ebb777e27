/**
 * The seed's help center: every workspace has one (Intercom makes it with the workspace); the demo
 * seed adds a collection with two articles, one published and one draft. Ids are fixed, taken from
 * no sequence, so that the rest of the seed keeps its ids.
 */
import { addHelpCenter, helpCenterContentOf } from './domain/help-center.js';
import type { Store } from './domain/store.js';

/** The id of the seed's help center. */
export const SEED_HELP_CENTER_ID = '21';

/** Adds the help center; with `content`, its collection and articles too. */
export function seedHelpCenter(store: Store, now: number, content: boolean): void {
  const day = 86_400;
  addHelpCenter(store, {
    id: SEED_HELP_CENTER_ID,
    identifier: 'serenity',
    display_name: 'Serenity Help Center',
    website_turned_on: true,
    created_at: now - 400 * day,
    updated_at: now - 400 * day,
  });
  if (!content) return;
  const { collections, articles } = helpCenterContentOf(store);
  collections.set('31', {
    id: '31',
    help_center_id: SEED_HELP_CENTER_ID,
    parent_id: null,
    name: 'Getting started',
    description: 'Your first steps',
    icon: 'book-bookmark',
    order: 0,
    created_at: now - 30 * day,
    updated_at: now - 30 * day,
  });
  articles.set('41', {
    id: '41',
    title: 'How do I export my data?',
    description: 'Exports as CSV or JSON',
    body: '<p>Open Settings, then Export, and pick CSV or JSON.</p>',
    author_id: '394051',
    state: 'published',
    parent_id: '31',
    created_at: now - 20 * day,
    updated_at: now - 10 * day,
  });
  articles.set('42', {
    id: '42',
    title: 'Changing your plan',
    description: 'Upgrades and downgrades',
    body: '<p>Plans change under Settings, then Billing.</p>',
    author_id: '493881',
    state: 'draft',
    parent_id: '31',
    created_at: now - 5 * day,
    updated_at: now - 5 * day,
  });
}
