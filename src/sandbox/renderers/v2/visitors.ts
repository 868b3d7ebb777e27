/** Visitors in the 2.x shape: anonymous people of the Messenger, with their companies, tags and segments. */
import type { UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { renderCompany, renderTag } from './workspace.js';

/**
 * The wire form of a visitor. Custom attribute values are strings, as the description types them; an
 * email or timestamp the visitor lacks is left out (the description allows no null for them).
 */
export function renderVisitor(store: Store, record: UserRecord): Record<string, unknown> {
  const customAttributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(record.custom_attributes)) {
    if (value !== null) customAttributes[key] = String(value);
  }
  const companies = record.company_ids.flatMap((id) => {
    const company = store.companies.get(id);
    return company === undefined ? [] : [renderCompany(store, company)];
  });
  const tags = record.tag_ids.flatMap((id) => {
    const tag = store.tags.get(id);
    return tag === undefined ? [] : [renderTag(tag)];
  });
  const out: Record<string, unknown> = {
    type: 'visitor',
    id: record.id,
    user_id: record.user_id ?? '',
    anonymous: true,
  };
  if (record.email !== null) out.email = record.email;
  Object.assign(out, {
    phone: record.phone,
    name: record.name,
    pseudonym: record.pseudonym,
    avatar: { type: 'avatar', image_url: null },
    app_id: store.appId,
    companies: { type: 'company.list', companies },
    location_data: {},
    last_request_at: record.last_request_at,
    created_at: record.created_at,
  });
  if (record.remote_created_at !== null) out.remote_created_at = record.remote_created_at;
  if (record.signed_up_at !== null) out.signed_up_at = record.signed_up_at;
  return Object.assign(out, {
    updated_at: record.updated_at,
    session_count: record.session_count,
    social_profiles: { type: 'social_profile.list', social_profiles: [] },
    owner_id: record.owner_id === null ? null : String(record.owner_id),
    unsubscribed_from_emails: record.unsubscribed_from_emails,
    marked_email_as_spam: false,
    has_hard_bounced: false,
    tags: { type: 'tag.list', tags },
    segments: { type: 'segment.list', segments: record.segment_ids.filter((id) => store.segments.has(id)) },
    custom_attributes: customAttributes,
    referrer: null,
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    do_not_track: null,
  });
}
