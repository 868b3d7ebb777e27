/**
 * 2.x `/companies`: create or update by `company_id`, find (by id, or by `company_id` / `name` in the
 * query), update, delete, list (`GET` and `POST /companies/list`, paged by page number), scroll, and
 * a company's contacts and segments.
 */
import { ApiError } from '../../api-error.js';
import { applyCompanyChanges, upsertCompany } from '../../domain/companies.js';
import { checkCustomAttributes } from '../../domain/data-attributes.js';
import type { CompanyRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { renderContact } from '../../renderers/v2/contacts.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';
import { renderCompany, renderSegment } from '../../renderers/v2/workspace.js';
import { readCompanyChanges } from '../../requests/v1/company-changes.js';
import { bodyObject, optionalIdentifier } from '../../requests/v1/payload.js';
import { numberedPage } from '../../requests/v2/numbered-list.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

function companyOf(store: Store, id: string): CompanyRecord {
  const company = store.companies.get(id);
  if (company === undefined) throw resourceNotFound('Company');
  return company;
}

/** One page (by page number) of companies as a `list`. */
function companyPage(ctx: RouteContext, companies: readonly CompanyRecord[]): RouteResult {
  const { slice, pages } = numberedPage(ctx, companies, 15, 60);
  return {
    status: 200,
    body: {
      type: 'list',
      data: slice.map((company) => renderCompany(ctx.store, company)),
      total_count: companies.length,
      pages,
    },
  };
}

/** Registers the `/companies` routes. */
export function companyRoutes(router: Router): void {
  router.add('POST', '/companies', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    const companyId = optionalIdentifier(body, 'company_id');
    if (companyId === undefined || companyId === '') {
      throw new ApiError(400, 'parameter_not_found', 'company_id is a required parameter');
    }
    const changes = readCompanyChanges(body);
    checkCustomAttributes(ctx.store, 'company', changes.attributes);
    const company = upsertCompany(ctx.store, companyId, undefined, changes);
    return { status: 200, body: renderCompany(ctx.store, company) };
  });

  router.add('GET', '/companies', (ctx: RouteContext) => {
    const { store, query } = ctx;
    const companyId = query.get('company_id');
    const name = query.get('name');
    if (companyId !== null || name !== null) {
      // A lookup answers a one-company list, as the description and its example say.
      const company = companyId !== null ? store.companyByCompanyId(companyId) : store.companyByName(name as string);
      if (company === undefined) throw resourceNotFound('Company');
      return companyPage(ctx, [company]);
    }
    let companies = [...store.companies.values()];
    const tagId = query.get('tag_id');
    const segmentId = query.get('segment_id');
    if (tagId !== null) companies = companies.filter((c) => c.tag_ids.includes(tagId));
    if (segmentId !== null) companies = companies.filter((c) => c.segment_ids.includes(segmentId));
    return companyPage(ctx, companies);
  });

  router.add('POST', '/companies/list', (ctx: RouteContext) => {
    const order = ctx.query.get('order') ?? 'desc';
    const companies = [...ctx.store.companies.values()].sort((a, b) =>
      order === 'asc' ? a.created_at - b.created_at : b.created_at - a.created_at,
    );
    return companyPage(ctx, companies);
  });

  router.add('GET', '/companies/scroll', (ctx: RouteContext) => {
    const { store } = ctx;
    const page = store.scrollPage('companies-v2', ctx.query.get('scroll_param'), () => [...store.companies.keys()]);
    const data = page.ids.flatMap((id) => {
      const company = store.companies.get(id);
      return company === undefined ? [] : [renderCompany(store, company)];
    });
    const body: Record<string, unknown> = { type: 'list', data, total_count: store.companies.size };
    // The empty page ends the scroll: without a param, clients stop there.
    if (page.ids.length > 0) body.scroll_param = page.param;
    return { status: 200, body };
  });

  router.add('GET', '/companies/:id', (ctx: RouteContext) => ({
    status: 200,
    body: renderCompany(ctx.store, companyOf(ctx.store, ctx.params.id as string)),
  }));

  router.add('PUT', '/companies/:id', (ctx: RouteContext) => {
    const company = companyOf(ctx.store, ctx.params.id as string);
    const changes = readCompanyChanges(bodyObject(ctx.body));
    checkCustomAttributes(ctx.store, 'company', changes.attributes);
    applyCompanyChanges(company, changes);
    return { status: 200, body: renderCompany(ctx.store, company) };
  });

  router.add('DELETE', '/companies/:id', (ctx: RouteContext) => {
    const company = companyOf(ctx.store, ctx.params.id as string);
    ctx.store.removeCompany(company);
    return { status: 200, body: { id: company.id, object: 'company', deleted: true } };
  });

  router.add('GET', '/companies/:id/contacts', (ctx: RouteContext) => {
    const company = companyOf(ctx.store, ctx.params.id as string);
    const contacts = [...ctx.store.users.values()].filter((r) => r.role !== 'visitor' && r.company_ids.includes(company.id));
    return {
      status: 200,
      body: {
        type: 'list',
        data: contacts.map((r) => renderContact(ctx.store, r)),
        total_count: contacts.length,
        pages: { type: 'pages', page: 1, per_page: Math.max(50, contacts.length), total_pages: contacts.length === 0 ? 0 : 1 },
      },
    };
  });

  router.add('GET', '/companies/:id/segments', (ctx: RouteContext) => {
    const company = companyOf(ctx.store, ctx.params.id as string);
    const data = company.segment_ids.flatMap((id) => {
      const segment = ctx.store.segments.get(id);
      return segment === undefined ? [] : [renderSegment(segment)];
    });
    return { status: 200, body: { type: 'list', data } };
  });
}
