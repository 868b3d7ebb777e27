/**
 * The 2.x help center: articles (create, find, update, delete, list by page, search), collections
 * and help centers, with state, every answer checked against the 2.16 description.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { IntercomClient as OfficialClient } from 'intercom-client';
import { IntercomClient, ResourceNotFound } from 'intercom-ts/v2';
import { type V2SandboxFixture, withV2Sandbox } from '../../helpers/v2-sandbox.js';

let fx: V2SandboxFixture;
let client: IntercomClient;
before(async () => {
  fx = await withV2Sandbox({ seed: 'demo' });
  client = new IntercomClient({ token: fx.sandbox.token, baseUrl: fx.sandbox.url, maxRetries: 0 });
});
after(() => fx.done());
beforeEach(() => fx.sandbox.reset());

/** The seed's help center, collection and articles. */
const SEED = { helpCenter: '21', collection: '31', published: '41', draft: '42' };

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
type Json = Record<string, any>;
const body = (res: { body: unknown }): Json => res.body as Json;

describe('the seed', () => {
  test('a help center, a collection and two articles in it (one published, one draft)', async () => {
    const centers = await client.helpCenters.list();
    assert.deepEqual(
      centers.data.map((h) => [h.id, h.display_name]),
      [[SEED.helpCenter, 'Serenity Help Center']],
    );
    const collection = await client.helpCenters.collections.find({ collection_id: Number(SEED.collection) });
    assert.equal(collection.name, 'Getting started');
    assert.equal(collection.help_center_id, Number(SEED.helpCenter));
    const articles = await (await client.articles.list()).toArray({ limit: 10 });
    assert.deepEqual(articles.map((a) => a.id).sort(), [SEED.published, SEED.draft]);
    for (const article of articles) assert.deepEqual(article.parent_ids, [Number(SEED.collection)]);
    const draft = articles.find((a) => a.id === SEED.draft);
    assert.equal(draft?.state, 'draft');
    assert.equal(draft?.url, null, 'a draft has no public URL');
  });

  test('the empty seed has the help center, and no collections or articles', async () => {
    const empty = await withV2Sandbox({ seed: 'empty' });
    try {
      assert.equal(body(await empty.call('GET', '/help_center/help_centers')).data.length, 1);
      assert.equal(body(await empty.call('GET', '/articles')).total_count, 0);
      assert.equal(body(await empty.call('GET', '/help_center/collections')).total_count, 0);
    } finally {
      await empty.done();
    }
  });
});

describe('articles', () => {
  test('create in a collection, find, update, delete: each read shows the last write', async () => {
    const created = await client.articles.create({
      title: 'Webhooks explained',
      author_id: 394051,
      body: '<p>Topics and signatures.</p>',
      state: 'published',
      parent_id: Number(SEED.collection),
      parent_type: 'collection',
    });
    assert.equal(created.type, 'article');
    assert.equal(created.title, 'Webhooks explained');
    assert.equal(created.author_id, 394051);
    assert.deepEqual(created.parent_ids, [Number(SEED.collection)]);
    assert.match(created.url ?? '', /\/articles\/\d+-webhooks-explained$/);
    assert.equal(created.statistics?.type, 'article_statistics');

    const id = Number(created.id);
    const updated = await client.articles.update({ article_id: id, title: 'Webhooks, explained', state: 'draft' });
    assert.equal(updated.title, 'Webhooks, explained');
    assert.equal(updated.state, 'draft');
    assert.equal(updated.body, '<p>Topics and signatures.</p>', 'what the update did not name stays');
    assert.equal((await client.articles.find({ article_id: id })).title, 'Webhooks, explained');

    const moved = await client.articles.update({ article_id: id, parent_id: null as unknown as string });
    assert.deepEqual(moved.parent_ids, [], 'parent_id null: the article stands alone');

    const deleted = await client.articles.delete({ article_id: id });
    assert.deepEqual(deleted, { id: created.id, object: 'article', deleted: true });
    await assert.rejects(client.articles.find({ article_id: id }), ResourceNotFound);
  });

  test('refusals before anything is stored: no title, no author, an unknown author or collection', async () => {
    const before = (await fx.call('GET', '/articles')).body as Json;
    const refusals: [Json, number, string][] = [
      [{ author_id: 394051 }, 400, 'parameter_not_found'],
      [{ title: 'No author' }, 400, 'parameter_not_found'],
      [{ title: 'Stranger', author_id: 1 }, 400, 'parameter_invalid'],
      [{ title: 'Lost', author_id: 394051, parent_id: 999_999 }, 404, 'not_found'],
      [{ title: 'Odd state', author_id: 394051, state: 'live' }, 400, 'parameter_invalid'],
    ];
    for (const [request, status, code] of refusals) {
      const res = await fx.call('POST', '/articles', request);
      assert.equal(res.status, status, JSON.stringify(request));
      assert.equal(body(res).errors[0].code, code, JSON.stringify(request));
    }
    assert.equal(body(await fx.call('GET', '/articles')).total_count, before.total_count);
    assert.equal(body(await fx.call('GET', '/articles/999999')).errors[0].code, 'not_found');
  });

  test('the title may come from the default locale of translated_content', async () => {
    const res = await fx.call('POST', '/articles', {
      author_id: 394051,
      translated_content: { en: { title: 'From the locale', body: '<p>Bonjour</p>' } },
    });
    assert.equal(res.status, 200);
    assert.equal(body(res).title, 'From the locale');
    assert.equal(body(res).body, '<p>Bonjour</p>');
  });

  test('the list pages by page and per_page, most recently updated first, to the end', async () => {
    for (let i = 0; i < 5; i++) await client.articles.create({ title: `Paged ${i}`, author_id: 394051 });
    const first = body(await fx.call('GET', '/articles?per_page=3'));
    assert.deepEqual(first.pages, { type: 'pages', page: 1, per_page: 3, total_pages: 3 });
    assert.equal(first.total_count, 7);
    assert.equal(first.data[0].title, 'Paged 4');
    const third = body(await fx.call('GET', '/articles?per_page=3&page=3'));
    assert.equal(third.data.length, 1);
    assert.equal(third.data[0].id, SEED.published, 'the least recently updated last');
    const all = await (await client.articles.list({ per_page: 2 })).toArray({ limit: 100 });
    assert.equal(all.length, 7);
    assert.equal(new Set(all.map((a) => a.id)).size, 7);
    assert.equal(body(await fx.call('GET', '/articles')).pages.per_page, 25, 'Intercom answers 25 a page by default');
  });

  test('search: by phrase, state and help center; one page of at most 10, with no pages.next to loop on', async () => {
    const found = await client.articles.search({ phrase: 'export' });
    assert.equal(found.total_count, 1);
    assert.equal(found.data?.articles?.[0]?.id, SEED.published);
    assert.equal((await client.articles.search({ phrase: 'plan', state: 'published' })).total_count, 0);
    assert.equal((await client.articles.search({ phrase: 'plan', state: 'draft' })).total_count, 1);
    assert.equal((await client.articles.search({ help_center_id: Number(SEED.helpCenter) })).total_count, 2);
    assert.equal((await client.articles.search({ help_center_id: 999 })).total_count, 0);

    for (let i = 0; i < 12; i++) await client.articles.create({ title: `Export recipe ${i}`, author_id: 394051 });
    const many = body(await fx.call('GET', '/articles/search?phrase=export&page=2&per_page=50'));
    assert.equal(many.total_count, 13);
    assert.equal(many.data.articles.length, 10, 'page and per_page are not honoured, as on the real API');
    assert.deepEqual(many.pages, { type: 'pages', page: 1, per_page: 10, total_pages: 2 });
    assert.equal('next' in many.pages, false);
  });

  test('search highlights the words of the phrase in titles', async () => {
    const res = body(await fx.call('GET', '/articles/search?phrase=export&highlight=true'));
    assert.deepEqual(res.data.highlights[0].highlighted_title, [
      { type: 'plain', text: 'How do I ' },
      { type: 'highlight', text: 'export' },
      { type: 'plain', text: ' my data?' },
    ]);
  });
});

describe('collections', () => {
  test('create (in the help center), a section under it, update, delete: sections move up, articles stand alone', async () => {
    const top = await client.helpCenters.collections.create({ name: 'Billing', description: 'Money matters' });
    assert.equal(top.help_center_id, Number(SEED.helpCenter));
    assert.equal(top.parent_id, null);
    const section = await client.helpCenters.collections.create({ name: 'Invoices', parent_id: top.id as string });
    assert.equal(section.parent_id, top.id);
    const article = await client.articles.create({ title: 'Refunds', author_id: 394051, parent_id: Number(top.id) });
    const renamed = await client.helpCenters.collections.update({ collection_id: Number(top.id), name: 'Billing & plans' });
    assert.equal(renamed.name, 'Billing & plans');
    assert.equal(renamed.description, 'Money matters');

    const loop = await fx.call('PUT', `/help_center/collections/${top.id}`, { parent_id: section.id });
    assert.equal(loop.status, 400, 'a collection cannot go inside its own section');

    const deleted = await client.helpCenters.collections.delete({ collection_id: Number(top.id) });
    assert.deepEqual(deleted, { id: top.id, object: 'collection', deleted: true });
    assert.equal((await client.helpCenters.collections.find({ collection_id: Number(section.id) })).parent_id, null);
    assert.deepEqual((await client.articles.find({ article_id: Number(article.id) })).parent_ids, []);
  });

  test('refusals: no name, an unknown parent or help center', async () => {
    const res = await fx.call('POST', '/help_center/collections', { description: 'Missing required parameter' });
    assert.equal(res.status, 400);
    assert.deepEqual(body(res).errors, [{ code: 'parameter_not_found', message: 'Name is a required parameter.' }]);
    assert.equal((await fx.call('POST', '/help_center/collections', { name: 'x', parent_id: '999' })).status, 404);
    assert.equal((await fx.call('POST', '/help_center/collections', { name: 'x', help_center_id: 999 })).status, 404);
    assert.equal(body(await fx.call('GET', '/help_center/collections')).total_count, 1);
    assert.equal((await fx.call('GET', '/help_center/help_centers/999')).status, 404);
  });

  test('the list pages by page and per_page', async () => {
    for (let i = 0; i < 3; i++) await client.helpCenters.collections.create({ name: `C${i}` });
    const page = body(await fx.call('GET', '/help_center/collections?per_page=2&page=2'));
    assert.equal(page.total_count, 4);
    assert.deepEqual(page.pages, { type: 'pages', page: 2, per_page: 2, total_pages: 2 });
    const all = await (await client.helpCenters.collections.list({ per_page: 3 })).toArray({ limit: 100 });
    assert.equal(all.length, 4);
  });
});

test('the official SDK reads and writes the same articles and collections', async () => {
  const official = new OfficialClient({ token: fx.sandbox.token, baseUrl: fx.sandbox.url });
  const collection = await official.helpCenters.collections.create({ name: 'From the SDK' });
  const article = await official.articles.create({
    title: 'SDK article',
    author_id: 394051,
    state: 'published',
    parent_id: Number(collection.id),
  });
  assert.deepEqual(article.parent_ids, [Number(collection.id)]);
  const found = await official.articles.find({ article_id: Number(article.id) });
  assert.equal(found.title, 'SDK article');
  const listed: string[] = [];
  for await (const item of await official.articles.list()) listed.push(item.id);
  assert.ok(listed.includes(article.id as string));
  const search = await official.articles.search({ phrase: 'SDK' });
  assert.equal(search.total_count, 1);
  const centers = await official.helpCenters.list();
  const ids: string[] = [];
  for await (const center of centers) ids.push(center.id as string);
  assert.deepEqual(ids, [SEED.helpCenter]);
  await official.articles.delete({ article_id: Number(article.id) });
  await official.helpCenters.collections.delete({ collection_id: Number(collection.id) });
  assert.equal(body(await fx.call('GET', '/articles')).total_count, 2);
});
