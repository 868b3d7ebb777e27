/**
 * Help center content: help centers, their collections (nested by `parent_id`) and articles (in a
 * collection, or standing alone). Kept beside a store, one set per store: a reset starts afresh.
 */
import { DomainError, notFound } from './errors.js';
import { nowSeconds } from './records.js';
import type { Store } from './store.js';

/** A help center: the seed defines it (Intercom makes them in its UI). */
export interface HelpCenterRecord {
  id: string;
  identifier: string;
  display_name: string;
  website_turned_on: boolean;
  created_at: number;
  updated_at: number;
}

/** A collection of articles; one with a `parent_id` is a section of that collection. */
export interface CollectionRecord {
  id: string;
  help_center_id: string;
  parent_id: string | null;
  name: string;
  description: string | null;
  icon: string;
  /** Position among its siblings, from 0. */
  order: number;
  created_at: number;
  updated_at: number;
}

/** An article, in a collection (`parent_id`) or standing alone. */
export interface ArticleRecord {
  id: string;
  title: string;
  description: string | null;
  /** HTML. */
  body: string | null;
  /** The admin who wrote it. */
  author_id: string;
  state: 'published' | 'draft';
  parent_id: string | null;
  created_at: number;
  updated_at: number;
}

/** The help center content of one store. */
export interface HelpCenterContent {
  readonly helpCenters: Map<string, HelpCenterRecord>;
  readonly collections: Map<string, CollectionRecord>;
  readonly articles: Map<string, ArticleRecord>;
}

const contents = new WeakMap<Store, HelpCenterContent>();

/** What Intercom answers for an unknown article, collection or help center. */
const RESOURCE_NOT_FOUND = 'Resource Not Found';

/** The help center content of `store`, empty on first use. */
export function helpCenterContentOf(store: Store): HelpCenterContent {
  let content = contents.get(store);
  if (content === undefined) {
    content = { helpCenters: new Map(), collections: new Map(), articles: new Map() };
    contents.set(store, content);
  }
  return content;
}

/** Defines a help center (the seed does). */
export function addHelpCenter(store: Store, record: HelpCenterRecord): HelpCenterRecord {
  helpCenterContentOf(store).helpCenters.set(record.id, record);
  return record;
}

/** The help center with this id, or not found. */
export function helpCenterById(store: Store, id: string): HelpCenterRecord {
  const record = helpCenterContentOf(store).helpCenters.get(id);
  if (record === undefined) throw notFound(RESOURCE_NOT_FOUND);
  return record;
}

/** The collection with this id, or not found. */
export function collectionById(store: Store, id: string, field?: string): CollectionRecord {
  const record = helpCenterContentOf(store).collections.get(id);
  if (record === undefined) throw notFound(RESOURCE_NOT_FOUND, field === undefined ? {} : { field });
  return record;
}

/** The article with this id, or not found. */
export function articleById(store: Store, id: string): ArticleRecord {
  const record = helpCenterContentOf(store).articles.get(id);
  if (record === undefined) throw notFound(RESOURCE_NOT_FOUND);
  return record;
}

/** What a collection write may change; `undefined` leaves a field alone. */
export interface CollectionChanges {
  name?: string | undefined;
  description?: string | null | undefined;
  /** `null` moves the collection to the top level. */
  parentId?: string | null | undefined;
  helpCenterId?: string | undefined;
}

/** True when `ancestorId` is `collection` or one of its parents. */
function isWithin(content: HelpCenterContent, collection: CollectionRecord, ancestorId: string): boolean {
  for (let c: CollectionRecord | undefined = collection; c !== undefined; ) {
    if (c.id === ancestorId) return true;
    c = c.parent_id === null ? undefined : content.collections.get(c.parent_id);
  }
  return false;
}

/** The next `order` among the children of `parentId` in a help center. */
function nextOrder(content: HelpCenterContent, helpCenterId: string, parentId: string | null): number {
  let order = 0;
  for (const c of content.collections.values()) {
    if (c.help_center_id === helpCenterId && c.parent_id === parentId) order = Math.max(order, c.order + 1);
  }
  return order;
}

/**
 * A new collection: in the parent's help center when it has a parent, else in the help center named
 * (the first one by default). An unknown parent or help center is not found.
 */
export function createCollection(store: Store, changes: CollectionChanges & { name: string }): CollectionRecord {
  const content = helpCenterContentOf(store);
  const parent = changes.parentId == null ? undefined : collectionById(store, changes.parentId, 'parent_id');
  const helpCenterId =
    parent?.help_center_id ??
    (changes.helpCenterId !== undefined
      ? helpCenterById(store, changes.helpCenterId).id
      : content.helpCenters.keys().next().value);
  if (helpCenterId === undefined)
    throw new DomainError('invalid', 'The workspace has no help center', { field: 'help_center_id' });
  const now = nowSeconds();
  const record: CollectionRecord = {
    id: store.nextId(),
    help_center_id: helpCenterId,
    parent_id: parent?.id ?? null,
    name: changes.name,
    description: changes.description ?? null,
    icon: 'book-bookmark',
    order: nextOrder(content, helpCenterId, parent?.id ?? null),
    created_at: now,
    updated_at: now,
  };
  content.collections.set(record.id, record);
  return record;
}

/** Changes a collection; a parent inside the collection itself is refused. */
export function updateCollection(store: Store, record: CollectionRecord, changes: CollectionChanges): void {
  const content = helpCenterContentOf(store);
  if (changes.parentId != null) {
    const parent = collectionById(store, changes.parentId, 'parent_id');
    if (isWithin(content, parent, record.id)) {
      throw new DomainError('invalid', 'A collection cannot be moved into itself or one of its sections', {
        field: 'parent_id',
      });
    }
  }
  if (changes.name !== undefined) record.name = changes.name;
  if (changes.description !== undefined) record.description = changes.description;
  if (changes.parentId !== undefined) record.parent_id = changes.parentId;
  record.updated_at = nowSeconds();
}

/** Deletes a collection: its sections move up to its parent, its articles stand alone. */
export function deleteCollection(store: Store, record: CollectionRecord): void {
  const content = helpCenterContentOf(store);
  content.collections.delete(record.id);
  for (const c of content.collections.values()) if (c.parent_id === record.id) c.parent_id = record.parent_id;
  for (const a of content.articles.values()) if (a.parent_id === record.id) a.parent_id = null;
}

/** What an article write may change; `undefined` leaves a field alone. */
export interface ArticleChanges {
  title?: string | undefined;
  description?: string | undefined;
  body?: string | undefined;
  authorId?: string | undefined;
  state?: ArticleRecord['state'] | undefined;
  /** `null` takes the article out of its collection. */
  parentId?: string | null | undefined;
}

/** An author must be an admin of the workspace; a parent, a known collection. */
function checkArticleChanges(store: Store, changes: ArticleChanges): void {
  if (changes.authorId !== undefined && !store.admins.has(changes.authorId)) {
    throw new DomainError('invalid', 'author_id must be a teammate on the help center workspace', { field: 'author_id' });
  }
  if (changes.parentId != null) collectionById(store, changes.parentId, 'parent_id');
}

/** A new article, a draft unless `state` says otherwise. */
export function createArticle(store: Store, changes: ArticleChanges & { title: string; authorId: string }): ArticleRecord {
  checkArticleChanges(store, changes);
  const now = nowSeconds();
  const record: ArticleRecord = {
    id: store.nextId(),
    title: changes.title,
    description: changes.description ?? null,
    body: changes.body ?? null,
    author_id: changes.authorId,
    state: changes.state ?? 'draft',
    parent_id: changes.parentId ?? null,
    created_at: now,
    updated_at: now,
  };
  helpCenterContentOf(store).articles.set(record.id, record);
  return record;
}

/** Changes an article. */
export function updateArticle(store: Store, record: ArticleRecord, changes: ArticleChanges): void {
  checkArticleChanges(store, changes);
  if (changes.title !== undefined) record.title = changes.title;
  if (changes.description !== undefined) record.description = changes.description;
  if (changes.body !== undefined) record.body = changes.body;
  if (changes.authorId !== undefined) record.author_id = changes.authorId;
  if (changes.state !== undefined) record.state = changes.state;
  if (changes.parentId !== undefined) record.parent_id = changes.parentId;
  record.updated_at = nowSeconds();
}

/** Deletes an article. */
export function deleteArticle(store: Store, record: ArticleRecord): void {
  helpCenterContentOf(store).articles.delete(record.id);
}

/** The help center an article is in (through its collection), or undefined when it stands alone. */
export function helpCenterIdOf(store: Store, article: ArticleRecord): string | undefined {
  return article.parent_id === null ? undefined : helpCenterContentOf(store).collections.get(article.parent_id)?.help_center_id;
}

/** Newest first by `updated_at`, then by id (newest first), as Intercom lists articles and collections. */
export function byRecentUpdate<T extends { id: string; updated_at: number }>(a: T, b: T): number {
  return b.updated_at - a.updated_at || Number(b.id) - Number(a.id);
}

/** The plain text of some HTML. */
export function plainText(html: string | null): string {
  return (html ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Which articles a search returns: by state (`all` by default), help center and phrase (in title, description or body). */
export interface ArticleQuery {
  phrase?: string | undefined;
  state?: 'published' | 'draft' | 'all' | undefined;
  helpCenterId?: string | undefined;
}

/** The articles matching a search, most recently updated first. */
export function searchArticles(store: Store, query: ArticleQuery): ArticleRecord[] {
  const words = (query.phrase ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const out: ArticleRecord[] = [];
  for (const article of helpCenterContentOf(store).articles.values()) {
    if (query.state !== undefined && query.state !== 'all' && article.state !== query.state) continue;
    if (query.helpCenterId !== undefined && helpCenterIdOf(store, article) !== query.helpCenterId) continue;
    const text = `${article.title} ${article.description ?? ''} ${plainText(article.body)}`.toLowerCase();
    if (words.every((word) => text.includes(word))) out.push(article);
  }
  return out.sort(byRecentUpdate);
}
