/**
 * 2.x help center content: `/articles` (create, find, update, delete, list by page, search) and
 * `/help_center/collections` and `/help_center/help_centers`. Articles and collections are listed
 * most recently updated first, page by page (`page`, `per_page`).
 */
import {
  articleById,
  byRecentUpdate,
  collectionById,
  createArticle,
  createCollection,
  deleteArticle,
  deleteCollection,
  helpCenterById,
  helpCenterContentOf,
  plainText,
  searchArticles,
  updateArticle,
  updateCollection,
} from '../../domain/help-center.js';
import { renderArticle, renderCollection, renderDeleted, renderHelpCenter } from '../../renderers/v2/help-center.js';
import { readArticleChanges, readArticleQuery, readCollectionChanges } from '../../requests/v2/help-center.js';
import { numberedPage } from '../../requests/v2/numbered-list.js';
import type { RouteContext, Router } from '../../router.js';

/** Articles a page by default (Intercom's list answers 25) and at most. */
const ARTICLES_PER_PAGE = 25;
/** Collections a page by default (Intercom's list answers 20) and at most. */
const COLLECTIONS_PER_PAGE = 20;
const MAX_PER_PAGE = 150;
/**
 * Articles a search answers. `GET /articles/search` honours no `page` or `per_page` (intercom-node
 * issue 496): it answers its first page only, and the sandbox gives no `pages.next` a client could loop on.
 */
const SEARCH_PAGE_SIZE = 10;

type Chunk = { type: 'highlight' | 'plain'; text: string };

/** `text` cut into plain and highlighted chunks where the search's words appear. */
function highlighted(text: string, words: readonly string[]): Chunk[] {
  if (words.length === 0 || text === '') return text === '' ? [] : [{ type: 'plain', text }];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'gi');
  return text
    .split(pattern)
    .filter((part) => part !== '')
    .map((part) => ({ type: words.includes(part.toLowerCase()) ? 'highlight' : 'plain', text: part }));
}

/** Registers the article, collection and help center routes. */
export function helpCenterRoutes(router: Router): void {
  router.add('GET', '/articles', (ctx: RouteContext) => {
    const articles = [...helpCenterContentOf(ctx.store).articles.values()].sort(byRecentUpdate);
    const { slice, pages } = numberedPage(ctx, articles, ARTICLES_PER_PAGE, MAX_PER_PAGE);
    return {
      status: 200,
      body: {
        type: 'list',
        pages,
        total_count: articles.length,
        data: slice.map((a) => renderArticle(ctx.store, a, false)),
      },
    };
  });

  router.add('POST', '/articles', (ctx: RouteContext) => {
    const changes = readArticleChanges(ctx.body, true);
    const article = createArticle(ctx.store, {
      ...changes,
      title: changes.title as string,
      authorId: changes.authorId as string,
    });
    return { status: 200, body: renderArticle(ctx.store, article, true) };
  });

  router.add('GET', '/articles/search', (ctx: RouteContext) => {
    const query = readArticleQuery(ctx.query);
    const found = searchArticles(ctx.store, query);
    const page = found.slice(0, SEARCH_PAGE_SIZE);
    const words = (query.phrase ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const highlights = query.highlight
      ? page.map((a) => ({
          article_id: a.id,
          highlighted_title: highlighted(a.title, words),
          highlighted_summary: [highlighted(plainText(a.body).slice(0, 200), words)],
        }))
      : [];
    return {
      status: 200,
      body: {
        type: 'list',
        total_count: found.length,
        data: { articles: page.map((a) => renderArticle(ctx.store, a, true)), highlights },
        pages: {
          type: 'pages',
          page: 1,
          per_page: SEARCH_PAGE_SIZE,
          total_pages: Math.max(1, Math.ceil(found.length / SEARCH_PAGE_SIZE)),
        },
      },
    };
  });

  router.add('GET', '/articles/:id', (ctx: RouteContext) => ({
    status: 200,
    body: renderArticle(ctx.store, articleById(ctx.store, ctx.params.id as string), true),
  }));

  router.add('PUT', '/articles/:id', (ctx: RouteContext) => {
    const article = articleById(ctx.store, ctx.params.id as string);
    updateArticle(ctx.store, article, readArticleChanges(ctx.body, false));
    return { status: 200, body: renderArticle(ctx.store, article, true) };
  });

  router.add('DELETE', '/articles/:id', (ctx: RouteContext) => {
    const article = articleById(ctx.store, ctx.params.id as string);
    deleteArticle(ctx.store, article);
    return { status: 200, body: renderDeleted(article.id, 'article') };
  });

  router.add('GET', '/help_center/collections', (ctx: RouteContext) => {
    const collections = [...helpCenterContentOf(ctx.store).collections.values()].sort(byRecentUpdate);
    const { slice, pages } = numberedPage(ctx, collections, COLLECTIONS_PER_PAGE, MAX_PER_PAGE);
    return {
      status: 200,
      body: {
        type: 'list',
        data: slice.map((c) => renderCollection(ctx.store, c)),
        total_count: collections.length,
        pages,
      },
    };
  });

  router.add('POST', '/help_center/collections', (ctx: RouteContext) => {
    const changes = readCollectionChanges(ctx.body, true);
    const collection = createCollection(ctx.store, { ...changes, name: changes.name as string });
    return { status: 200, body: renderCollection(ctx.store, collection) };
  });

  router.add('GET', '/help_center/collections/:id', (ctx: RouteContext) => ({
    status: 200,
    body: renderCollection(ctx.store, collectionById(ctx.store, ctx.params.id as string)),
  }));

  router.add('PUT', '/help_center/collections/:id', (ctx: RouteContext) => {
    const collection = collectionById(ctx.store, ctx.params.id as string);
    updateCollection(ctx.store, collection, readCollectionChanges(ctx.body, false));
    return { status: 200, body: renderCollection(ctx.store, collection) };
  });

  router.add('DELETE', '/help_center/collections/:id', (ctx: RouteContext) => {
    const collection = collectionById(ctx.store, ctx.params.id as string);
    deleteCollection(ctx.store, collection);
    return { status: 200, body: renderDeleted(collection.id, 'collection') };
  });

  // Paged by `page` and `per_page` as the official SDK asks (a page past the end is empty, where it
  // stops), though the answer, as Intercom's, carries no `pages`.
  router.add('GET', '/help_center/help_centers', (ctx: RouteContext) => {
    const centers = [...helpCenterContentOf(ctx.store).helpCenters.values()];
    const { slice } = numberedPage(ctx, centers, COLLECTIONS_PER_PAGE, MAX_PER_PAGE);
    return { status: 200, body: { type: 'list', data: slice.map((h) => renderHelpCenter(ctx.store, h)) } };
  });

  router.add('GET', '/help_center/help_centers/:id', (ctx: RouteContext) => ({
    status: 200,
    body: renderHelpCenter(ctx.store, helpCenterById(ctx.store, ctx.params.id as string)),
  }));
}
