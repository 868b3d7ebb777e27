import { type ApiError, invalid, missing, notFound } from '../api-error.js';
import { readCompanyFields } from '../company-write.js';
import { pagedList, sortByQuery } from '../pages.js';
import { bodyObject, optionalIdentifier } from '../payload.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import type { CompanyRecord, CompanyStats, Store, UserRecord } from '../store.js';
import { renderUser } from './users.js';

const NO_USERS: CompanyStats = { userCount: 0, sessionCount: 0, lastRequestAt: null };

/**
 * The wire form of a company. `user_count`, `session_count` and `last_request_at` come from the
 * company's users (`stats`, from {@link Store.companyStats}).
 */
export function renderCompany(store: Store, company: CompanyRecord, stats: Map<string, CompanyStats>): Record<string, unknown> {
  const own = stats.get(company.id) ?? NO_USERS;
  const tags = [];
  for (const id of company.tag_ids) {
    const tag = store.tags.get(id);
    if (tag !== undefined) tags.push({ type: 'tag', id: tag.id, name: tag.name });
  }
  const lastRequestAt =
    own.lastRequestAt !== null && own.lastRequestAt > (company.last_request_at ?? 0)
      ? own.lastRequestAt
      : company.last_request_at;
  return {
    type: 'company',
    id: company.id,
    company_id: company.company_id,
    app_id: store.appId,
    name: company.name,
    created_at: company.created_at,
    updated_at: company.updated_at,
    remote_created_at: company.remote_created_at,
    last_request_at: lastRequestAt,
    monthly_spend: company.monthly_spend,
    session_count: company.session_count + own.sessionCount,
    user_count: own.userCount,
    plan: company.plan,
    size: company.size,
    website: company.website,
    industry: company.industry,
    custom_attributes: { ...company.custom_attributes },
    tags: { type: 'tag.list', tags },
    segments: { type: 'segment.list', segments: company.segment_ids.map((id) => ({ type: 'segment', id })) },
  };
}

const companyNotFound = (): ApiError => notFound('Company Not Found');

function companyOr404(store: Store, id: string): CompanyRecord {
  const company = store.companies.get(id);
  if (company === undefined) throw companyNotFound();
  return company;
}

/** The company a lookup query names: `?company_id=`, else `?name=`. */
function lookup(ctx: RouteContext): CompanyRecord {
  const { store, query } = ctx;
  const companyId = query.get('company_id');
  const company = companyId !== null ? store.companyByCompanyId(companyId) : store.companyByName(query.get('name') ?? '');
  if (company === undefined) throw companyNotFound();
  return company;
}

/** A company's users as a paged `user.list`; `path` is where `pages.next` points. */
function usersOf(ctx: RouteContext, company: CompanyRecord, path: string): RouteResult {
  const { store } = ctx;
  const users = sortByQuery(ctx.query, store.usersOfCompany(company.id), ['created_at']);
  const body = pagedList(
    ctx,
    users,
    { path, type: 'user.list', key: 'users', defaultPerPage: 50, maxPerPage: 60, totalCount: true },
    (record: UserRecord) => renderUser(store, record, ctx),
  );
  return { status: 200, body };
}

function listCompanies(ctx: RouteContext): RouteResult {
  const { store, query } = ctx;
  let companies = [...store.companies.values()];
  const tagId = query.get('tag_id');
  if (tagId !== null) companies = companies.filter((c) => c.tag_ids.includes(tagId));
  const segmentId = query.get('segment_id');
  if (segmentId !== null) companies = companies.filter((c) => c.segment_ids.includes(segmentId));
  const stats = store.companyStats();
  const body = pagedList(
    ctx,
    sortByQuery(query, companies, ['created_at', 'updated_at']),
    { path: '/companies', type: 'company.list', key: 'companies', defaultPerPage: 50, maxPerPage: 60, totalCount: true },
    (company) => renderCompany(store, company, stats),
  );
  return { status: 200, body };
}

/**
 * `POST /companies`: create or update the company keyed by `company_id`. An `id` may ride along (the
 * gem's save sends both); it must name the same company, since `company_id` cannot change.
 */
function upsertCompany(ctx: RouteContext): RouteResult {
  const { store } = ctx;
  const body = bodyObject(ctx.body);
  const companyId = optionalIdentifier(body, 'company_id');
  const id = optionalIdentifier(body, 'id');
  if (companyId === undefined || companyId === '') throw missing('company_id');
  const apply = readCompanyFields(body);
  const created = id === undefined && store.companyByCompanyId(companyId) === undefined;
  let company: CompanyRecord | undefined;
  if (id !== undefined) {
    company = companyOr404(store, id);
    if (company.company_id !== companyId) {
      throw invalid(
        `company_id cannot be changed (the company with id ${id} has company_id ${company.company_id})`,
        'company_id',
      );
    }
  } else {
    company = store.companyByCompanyId(companyId) ?? store.newCompany(companyId);
  }
  apply(company);
  if (created) store.emit('company.created', () => renderCompany(store, company, store.companyStats()));
  return { status: 200, body: renderCompany(store, company, store.companyStats()) };
}

/** Registers `/companies`, `/companies/scroll`, `/companies/{id}` and `/companies/{id}/users`. */
export function companyRoutes(router: Router): void {
  router.add('POST', '/companies', upsertCompany);

  router.add('GET', '/companies', (ctx) => {
    const { query } = ctx;
    const identified = query.has('company_id') || query.has('name');
    if (identified && query.get('type') === 'user') return usersOf(ctx, lookup(ctx), '/companies');
    if (identified) return { status: 200, body: renderCompany(ctx.store, lookup(ctx), ctx.store.companyStats()) };
    return listCompanies(ctx);
  });

  router.add('GET', '/companies/scroll', (ctx) => {
    const { store } = ctx;
    const page = store.scrollPage('companies', ctx.query.get('scroll_param'), () => [...store.companies.keys()]);
    const stats = store.companyStats();
    const companies = [];
    for (const id of page.ids) {
      const company = store.companies.get(id);
      if (company !== undefined) companies.push(renderCompany(store, company, stats));
    }
    return { status: 200, body: { type: 'company.list', companies, scroll_param: page.param } };
  });

  router.add('GET', '/companies/:id', (ctx) => {
    const company = companyOr404(ctx.store, ctx.params.id as string);
    return { status: 200, body: renderCompany(ctx.store, company, ctx.store.companyStats()) };
  });

  router.add('GET', '/companies/:id/users', (ctx) => {
    const company = companyOr404(ctx.store, ctx.params.id as string);
    return usersOf(ctx, company, `/companies/${encodeURIComponent(company.id)}/users`);
  });
}
