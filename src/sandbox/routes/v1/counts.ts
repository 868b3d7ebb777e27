/**
 * `GET /counts` (API 1.x): app-wide totals, and counts grouped by segment, tag, company or admin,
 * all computed from the sandbox's state.
 */
import { invalid, missing } from '../../api-error.js';
import { wakeSnoozed } from '../../domain/conversations.js';
import { pagedList } from '../../pages.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

const USER_COUNTS = ['segment', 'tag'] as const;
const COMPANY_COUNTS = ['segment', 'tag', 'user'] as const;

function countParam<T extends string>(query: URLSearchParams, allowed: readonly T[], type: string): T {
  const count = query.get('count');
  if (count === null || count === '')
    throw missing('count', `count is required with type=${type} (one of ${allowed.join(', ')})`);
  if (!(allowed as readonly string[]).includes(count)) {
    throw invalid(`count must be one of ${allowed.join(', ')} with type=${type}`, 'count');
  }
  return count as T;
}

/** `{"type":"count.hash","company":{"count":8},...}` */
function appCounts(ctx: RouteContext): RouteResult {
  const { store } = ctx;
  let users = 0;
  let leads = 0;
  for (const record of store.users.values()) {
    if (record.role === 'user') users++;
    else if (record.role === 'contact') leads++;
  }
  return {
    status: 200,
    body: {
      type: 'count.hash',
      company: { count: store.companies.size },
      user: { count: users },
      lead: { count: leads },
      tag: { count: store.tags.size },
      segment: { count: store.segments.size },
    },
  };
}

/** Users per segment or per tag: `{"type":"count","user":{"segment":[{"Active":1},...]}}`. */
function userCounts(ctx: RouteContext): RouteResult {
  const { store } = ctx;
  const count = countParam(ctx.query, USER_COUNTS, 'user');
  const users = store.peopleOf('user');
  const items: Array<Record<string, number>> = [];
  if (count === 'segment') {
    for (const segment of store.segments.values()) {
      if (segment.person_type === 'company') continue;
      items.push({ [segment.name]: users.filter((u) => u.segment_ids.includes(segment.id)).length });
    }
  } else {
    for (const tag of store.tags.values()) items.push({ [tag.name]: users.filter((u) => u.tag_ids.includes(tag.id)).length });
  }
  return { status: 200, body: { type: 'count', user: { [count]: items } } };
}

/**
 * Companies per segment or tag, or users per company (`{"Blue Sun":2,"remote_company_id":"44"}`). These
 * are paged: `pages.pages` (sic, doubly nested) when there is more than one page, else `{}`.
 */
function companyCounts(ctx: RouteContext): RouteResult {
  const { store } = ctx;
  const count = countParam(ctx.query, COMPANY_COUNTS, 'company');
  const companies = [...store.companies.values()];
  const items: Array<Record<string, number | string>> = [];
  if (count === 'segment') {
    for (const segment of store.segments.values()) {
      if (segment.person_type !== 'company') continue;
      items.push({ [segment.name]: companies.filter((c) => c.segment_ids.includes(segment.id)).length });
    }
  } else if (count === 'tag') {
    for (const tag of store.tags.values()) {
      items.push({ [tag.name]: companies.filter((c) => c.tag_ids.includes(tag.id)).length });
    }
  } else {
    for (const company of companies) {
      items.push({
        [company.name ?? company.company_id]: store.usersOfCompany(company.id).length,
        remote_company_id: company.company_id,
      });
    }
  }
  const page = pagedList(
    ctx,
    items,
    { path: '/counts', type: 'count', key: 'items', defaultPerPage: 50, maxPerPage: 60 },
    (i) => i,
  );
  const pages = page.pages as { total_pages: number };
  return {
    status: 200,
    body: { type: 'count', company: { [count]: page.items }, pages: pages.total_pages > 1 ? { pages } : {} },
  };
}

/** Open, closed, assigned and unassigned conversations; or open and closed per admin. */
function conversationCounts(ctx: RouteContext): RouteResult {
  const { store, query } = ctx;
  wakeSnoozed(store);
  const conversations = [...store.conversations.values()];
  const count = query.get('count');
  if (count === 'admin') {
    const admin = [...store.admins.values()].map((a) => {
      const mine = conversations.filter((c) => c.assignee.type === 'admin' && c.assignee.id === a.id);
      return {
        id: a.id,
        name: a.name,
        open: mine.filter((c) => c.state === 'open').length,
        closed: mine.filter((c) => c.state === 'closed').length,
      };
    });
    return { status: 200, body: { type: 'count', conversation: { admin } } };
  }
  if (count !== null && count !== '') throw invalid('count must be admin (or absent) with type=conversation', 'count');
  const open = conversations.filter((c) => c.state === 'open');
  const unassigned = open.filter((c) => c.assignee.type === 'nobody_admin').length;
  return {
    status: 200,
    body: {
      type: 'count',
      conversation: {
        assigned: open.length - unassigned,
        closed: conversations.filter((c) => c.state === 'closed').length,
        open: open.length,
        unassigned,
      },
    },
  };
}

/** Registers `GET /counts`. */
export function countRoutes(router: Router): void {
  router.add('GET', '/counts', (ctx) => {
    const type = ctx.query.get('type');
    if (type === null || type === '') return appCounts(ctx);
    if (type === 'user') return userCounts(ctx);
    if (type === 'company') return companyCounts(ctx);
    if (type === 'conversation') return conversationCounts(ctx);
    throw invalid("type must be 'user', 'company' or 'conversation'", 'type');
  });
}
