/** Companies in the 1.x shape. */
import type { CompanyRecord, CompanyStats } from '../../domain/records.js';
import type { RenderContext } from './render-context.js';

const NO_USERS: CompanyStats = { userCount: 0, sessionCount: 0, lastRequestAt: null };

/**
 * The wire form of a company. `user_count`, `session_count` and `last_request_at` come from the
 * company's users (`stats`, from `Store.companyStats`; computed when not given).
 */
export function renderCompany(
  ctx: Pick<RenderContext, 'store'>,
  company: CompanyRecord,
  stats: Map<string, CompanyStats> = ctx.store.companyStats(),
): Record<string, unknown> {
  const { store } = ctx;
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
