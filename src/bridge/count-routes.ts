/**
 * The bridge's translation of counts to API 2.x. 2.x has no `/counts`: each count is worked out from
 * the totals 2.x lists and searches give (`total_count`), segments with `include_count`, and companies'
 * `user_count`, and answered in the 1.x shape. Counts are reads; what each costs in 2.x requests is
 * said beside it (N: the number of tags or admins).
 *
 * Where the figures may differ from 1.x:
 * - the app's segment count counts people segments (user and lead): 2.x lists no company segments;
 * - users per segment lists the `user` segments only: 2.x segments say `contact` for both lead and
 *   company segments; the count is 2.x's `count` of the segment (its contacts);
 * - users per company is the company's 2.x `user_count` (its contacts, leads included);
 * - companies per segment has no 2.x equivalent (2.x cannot list company segments):
 *   {@link UnavailableOnApi2Error}.
 *
 * @module
 */
import { UnavailableOnApi2Error } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import type { BridgeCall, BridgeContext, BridgeRoutes } from './route-table.js';
import { arrayOf, objectOf, readV2, searchV2, totalCountOf } from './v2-sends.js';

/** 1.x pages grouped company counts 50 a page, at most 60. */
const COMPANY_COUNTS_PER_PAGE = 50;

type Filter = JsonObject;

/** How many contacts match a 2.x contact search: one search, one item a page. */
async function contactTotal(context: BridgeContext, query: Filter, options: RequestOptions | undefined): Promise<number> {
  return totalCountOf(await searchV2(context.v2, '/contacts/search', { query, pagination: { per_page: 1 } }, options));
}

/** How many conversations match a 2.x conversation search: one search, one item a page. */
async function conversationTotal(context: BridgeContext, query: Filter, options: RequestOptions | undefined): Promise<number> {
  return totalCountOf(await searchV2(context.v2, '/conversations/search', { query, pagination: { per_page: 1 } }, options));
}

const filter = (field: string, operator: string, value: unknown): Filter => ({ field, operator, value });
const and = (...value: Filter[]): Filter => ({ operator: 'AND', value });

/** The workspace's tags (`GET /tags`): one read. */
async function tagsOf(context: BridgeContext, options: RequestOptions | undefined): Promise<JsonObject[]> {
  return arrayOf(await readV2(context.v2, '/tags', undefined, options), 'data');
}

/** `GET /counts`: users, leads, companies, tags, segments. 5 requests. */
async function appCounts(context: BridgeContext, options: RequestOptions | undefined): Promise<JsonObject> {
  const [users, leads, companies, tags, segments] = await Promise.all([
    contactTotal(context, filter('role', '=', 'user'), options),
    contactTotal(context, filter('role', '=', 'lead'), options),
    readV2(context.v2, '/companies', { per_page: 1 }, options).then(totalCountOf),
    tagsOf(context, options).then((list) => list.length),
    readV2(context.v2, '/segments', undefined, options).then((list) => arrayOf(list, 'segments').length),
  ]);
  return {
    type: 'count.hash',
    company: { count: companies },
    user: { count: users },
    lead: { count: leads },
    tag: { count: tags },
    segment: { count: segments },
  };
}

/** Users per segment (1 request: `GET /segments?include_count=true`) or per tag (1 + N: a search per tag). */
async function userCounts(context: BridgeContext, call: BridgeCall): Promise<JsonObject> {
  const items: Array<Record<string, number>> = [];
  if (call.query.count === 'segment') {
    const segments = arrayOf(await readV2(context.v2, '/segments', { include_count: 'true' }, call.options), 'segments');
    for (const segment of segments) {
      if (segment.person_type !== 'user') continue;
      items.push({ [String(segment.name)]: typeof segment.count === 'number' ? segment.count : 0 });
    }
    return { type: 'count', user: { segment: items } };
  }
  for (const tag of await tagsOf(context, call.options)) {
    const users = await contactTotal(
      context,
      and(filter('role', '=', 'user'), filter('tag_id', '=', String(tag.id))),
      call.options,
    );
    items.push({ [String(tag.name)]: users });
  }
  return { type: 'count', user: { tag: items } };
}

/** A page of grouped company counts, paged as 1.x did: `pages: { pages }` when there is more than one page. */
function companyCountPage(
  context: BridgeContext,
  call: BridgeCall,
  items: unknown[],
  totalPages: number,
  page: number,
  perPage: number,
): JsonObject {
  const count = call.query.count as string;
  let pages: JsonObject = {};
  if (totalPages > 1) {
    const next =
      page < totalPages ? `${context.baseUrl}/counts?type=company&count=${count}&page=${page + 1}&per_page=${perPage}` : null;
    pages = { pages: { type: 'pages', next, page, per_page: perPage, total_pages: totalPages } };
  }
  return { type: 'count', company: { [count]: items }, pages };
}

const positive = (value: string | undefined, fallback: number): number => {
  const n = value === undefined || value === '' ? Number.NaN : Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * Companies per tag (1 + N requests: `GET /tags`, then `GET /companies?tag_id=` per tag) or users per
 * company (1 request: a `GET /companies` page, each company's `user_count`).
 */
async function companyCounts(context: BridgeContext, call: BridgeCall): Promise<JsonObject> {
  const page = positive(call.query.page, 1);
  const perPage = Math.min(positive(call.query.per_page, COMPANY_COUNTS_PER_PAGE), 60);
  if (call.query.count === 'segment') {
    throw new UnavailableOnApi2Error(
      'count of companies per segment',
      "2.x cannot list company segments (GET /segments lists contact segments); count one segment you know with GET /companies?segment_id=...'s total_count",
    );
  }
  if (call.query.count === 'tag') {
    const items: Array<Record<string, number>> = [];
    for (const tag of await tagsOf(context, call.options)) {
      const answer = await readV2(context.v2, '/companies', { tag_id: String(tag.id), per_page: 1 }, call.options);
      items.push({ [String(tag.name)]: totalCountOf(answer) });
    }
    const totalPages = Math.ceil(items.length / perPage);
    return companyCountPage(context, call, items.slice((page - 1) * perPage, page * perPage), totalPages, page, perPage);
  }
  const answer = objectOf(await readV2(context.v2, '/companies', { page, per_page: perPage }, call.options));
  const items = arrayOf(answer, 'data').map((company) => ({
    [String(company.name ?? company.company_id)]: typeof company.user_count === 'number' ? company.user_count : 0,
    remote_company_id: String(company.company_id),
  }));
  const totalPages = Number(objectOf(answer.pages).total_pages ?? 1);
  return companyCountPage(context, call, items, totalPages, page, perPage);
}

/**
 * Conversations open, closed, assigned and unassigned (3 searches: open, closed, open and assigned to an
 * admin or team; unassigned is open less assigned), or open and closed per admin (1 + 2N: `GET /admins`,
 * then two searches per admin).
 */
async function conversationCounts(context: BridgeContext, call: BridgeCall): Promise<JsonObject> {
  const { options } = call;
  const open = filter('state', '=', 'open');
  const closed = filter('state', '=', 'closed');
  if (call.query.count === 'admin') {
    const admins = arrayOf(await readV2(context.v2, '/admins', undefined, options), 'admins');
    const admin: JsonObject[] = [];
    for (const a of admins) {
      if (a.type !== 'admin') continue;
      const mine = filter('admin_assignee_id', '=', String(a.id));
      admin.push({
        id: String(a.id),
        name: a.name,
        open: await conversationTotal(context, and(mine, open), options),
        closed: await conversationTotal(context, and(mine, closed), options),
      });
    }
    return { type: 'count', conversation: { admin } };
  }
  const assignedQuery = and(open, {
    operator: 'OR',
    value: [filter('admin_assignee_id', '>', 0), filter('team_assignee_id', '>', 0)],
  });
  const [openCount, closedCount, assigned] = await Promise.all([
    conversationTotal(context, open, options),
    conversationTotal(context, closed, options),
    conversationTotal(context, assignedQuery, options),
  ]);
  return {
    type: 'count',
    conversation: { assigned, closed: closedCount, open: openCount, unassigned: openCount - assigned },
  };
}

/** The 1.x routes of counts. */
export const countRoutes: BridgeRoutes = (context) => [
  {
    method: 'GET',
    path: '/counts',
    handle: (call) => {
      const type = call.query.type;
      if (type === undefined || type === '') return appCounts(context, call.options);
      if (type === 'user') return userCounts(context, call);
      if (type === 'company') return companyCounts(context, call);
      return conversationCounts(context, call);
    },
  },
];
