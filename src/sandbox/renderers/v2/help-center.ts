/** Help centers, collections and articles in the 2.x shapes. */
import type { ArticleRecord, CollectionRecord, HelpCenterRecord } from '../../domain/help-center.js';
import type { Store } from '../../domain/store.js';

/** Where the sandbox's help centers would be published. */
const HELP_CENTER_HOST = 'https://help.sandbox.test';

/** `how-do-i-export` from a title. */
function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The wire form of a help center. */
export function renderHelpCenter(store: Store, record: HelpCenterRecord): Record<string, unknown> {
  return {
    id: record.id,
    workspace_id: store.appId,
    created_at: record.created_at,
    updated_at: record.updated_at,
    identifier: record.identifier,
    website_turned_on: record.website_turned_on,
    display_name: record.display_name,
    url: `${HELP_CENTER_HOST}/${record.identifier}`,
    custom_domain: null,
  };
}

/** The wire form of a collection (`help_center_id` is a number, as Intercom sends it). */
export function renderCollection(store: Store, record: CollectionRecord): Record<string, unknown> {
  return {
    id: record.id,
    workspace_id: store.appId,
    name: record.name,
    url: `${HELP_CENTER_HOST}/${store.appId}/en/collections/${record.id}-${slugOf(record.name)}`,
    order: record.order,
    created_at: record.created_at,
    updated_at: record.updated_at,
    description: record.description,
    icon: record.icon,
    parent_id: record.parent_id,
    help_center_id: Number(record.help_center_id),
  };
}

/**
 * The wire form of an article: `parent_ids` (numbers) for its collection, `url` only once published.
 * With `statistics`, the statistics a find, create or update answers (a list leaves them out).
 */
export function renderArticle(store: Store, record: ArticleRecord, statistics: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: record.id,
    type: 'article',
    workspace_id: store.appId,
    parent_ids: record.parent_id === null ? [] : [Number(record.parent_id)],
  };
  if (statistics) {
    out.statistics = {
      type: 'article_statistics',
      views: 0,
      conversions: 0,
      reactions: 0,
      happy_reaction_percentage: 0,
      neutral_reaction_percentage: 0,
      sad_reaction_percentage: 0,
    };
  }
  return Object.assign(out, {
    tags: { type: 'tag.list', tags: [] },
    title: record.title,
    description: record.description ?? '',
    body: record.body ?? '',
    author_id: Number(record.author_id),
    state: record.state,
    created_at: record.created_at,
    updated_at: record.updated_at,
    url:
      record.state === 'published' ? `${HELP_CENTER_HOST}/${store.appId}/en/articles/${record.id}-${slugOf(record.title)}` : null,
  });
}

/** `{ id, object, deleted: true }`, as a delete answers. */
export function renderDeleted(id: string, object: 'article' | 'collection'): Record<string, unknown> {
  return { id, object, deleted: true };
}
