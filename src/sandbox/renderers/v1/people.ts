/** Users, leads and visitors in the 1.x shape: a lead is a `contact`, as 1.x calls it. */
import { versionAtLeast } from '../../api-version.js';
import type { UserRecord } from '../../domain/records.js';
import type { RenderContext } from './render-context.js';

/** The wire form of a user, lead or visitor. */
export function renderUser(ctx: RenderContext, record: UserRecord): Record<string, unknown> {
  const { store } = ctx;
  const type = record.role;
  const companies = [];
  for (const id of record.company_ids) {
    const company = store.companies.get(id);
    if (company !== undefined)
      companies.push({ type: 'company', company_id: company.company_id, id: company.id, name: company.name });
  }
  const tags = [];
  for (const id of record.tag_ids) {
    const tag = store.tags.get(id);
    if (tag !== undefined) tags.push({ type: 'tag', id: tag.id, name: tag.name });
  }
  const out: Record<string, unknown> = {
    type,
    id: record.id,
    user_id: record.user_id,
    anonymous: type !== 'user',
    email: record.email,
    phone: record.phone,
    name: record.name,
    pseudonym: record.pseudonym,
    avatar: { type: 'avatar', image_url: null },
    app_id: store.appId,
    companies: { type: 'company.list', companies },
    location_data: {},
    last_request_at: record.last_request_at,
    created_at: record.created_at,
    remote_created_at: record.remote_created_at,
    signed_up_at: record.signed_up_at,
    updated_at: record.updated_at,
    session_count: record.session_count,
    social_profiles: { type: 'social_profile.list', social_profiles: [] },
    owner_id: record.owner_id,
    unsubscribed_from_emails: record.unsubscribed_from_emails,
    marked_email_as_spam: false,
    has_hard_bounced: false,
    tags: { type: 'tag.list', tags },
    segments: { type: 'segment.list', segments: record.segment_ids.map((id) => ({ type: 'segment', id })) },
    custom_attributes: { ...record.custom_attributes },
    referrer: null,
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    do_not_track: null,
  };
  // API 1.2 stopped returning these (privacy).
  if (!versionAtLeast(ctx.version, '1.2')) {
    out.last_seen_ip = record.last_seen_ip;
    out.user_agent_data = record.last_seen_user_agent;
  }
  return out;
}

/** What a `user.deleted` notification carries: the identifiers only. */
export function renderDeletedUser(record: UserRecord): Record<string, unknown> {
  return { type: 'user', id: record.id, user_id: record.user_id, email: record.email };
}
