/** `/companies` (API 1.x): create or update by `company_id`, find, list, scroll, and a company's users. */

import { missing } from '../../api-error.js';
import { companyById, upsertCompany } from '../../domain/companies.js';
import { notFound } from '../../domain/errors.js';
import type { CompanyRecord, UserRecord } from '../../domain/records.js';
import { pagedList, sortByQuery } from '../../pages.js';
import { renderCompany } from '../../renderers/v1/companies.js';
import { renderUser } from '../../renderers/v1/people.js';
import { readCompanyChanges } from '../../requests/v1/company-changes.js';
import { bodyObject, optionalIdentifier } from '../../requests/v1/payload.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

const companyNotFound = () => notFound('Company Not Found');

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
    (record: UserRecord) => renderUser(ctx, record),
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
    (company) => renderCompany(ctx, company, stats),
  );
  return { status: 200, body };
}

/**
 * `POST /companies`: create or update the company keyed by `company_id`. An `id` may ride along (the
 * gem's save sends both); it must name the same company, since `company_id` cannot change.
 */
function postCompany(ctx: RouteContext): RouteResult {
  const body = bodyObject(ctx.body);
  const companyId = optionalIdentifier(body, 'company_id');
  const id = optionalIdentifier(body, 'id');
  if (companyId === undefined || companyId === '') throw missing('company_id');
  const company = upsertCompany(ctx.store, companyId, id, readCompanyChanges(body));
  return { status: 200, body: renderCompany(ctx, company) };
}

/** Registers `/companies`, `/companies/scroll`, `/companies/{id}` and `/companies/{id}/users`. */
export function companyRoutes(router: Router): void {
  router.add('POST', '/companies', postCompany);

  router.add('GET', '/companies', (ctx) => {
    const { query } = ctx;
    const identified = query.has('company_id') || query.has('name');
    if (identified && query.get('type') === 'user') return usersOf(ctx, lookup(ctx), '/companies');
    if (identified) return { status: 200, body: renderCompany(ctx, lookup(ctx)) };
    return listCompanies(ctx);
  });

  router.add('GET', '/companies/scroll', (ctx) => {
    const { store } = ctx;
    const page = store.scrollPage('companies', ctx.query.get('scroll_param'), () => [...store.companies.keys()]);
    const stats = store.companyStats();
    const companies = [];
    for (const id of page.ids) {
      const company = store.companies.get(id);
      if (company !== undefined) companies.push(renderCompany(ctx, company, stats));
    }
    return { status: 200, body: { type: 'company.list', companies, scroll_param: page.param } };
  });

  router.add('GET', '/companies/:id', (ctx) => {
    const company = companyById(ctx.store, ctx.params.id as string);
    return { status: 200, body: renderCompany(ctx, company) };
  });

  router.add('GET', '/companies/:id/users', (ctx) => {
    const company = companyById(ctx.store, ctx.params.id as string);
    return usersOf(ctx, company, `/companies/${encodeURIComponent(company.id)}/users`);
  });
}
