/** Companies, tags, notes, segments, admins and teams in the 2.x shapes. */
import type {
  AdminRecord,
  CompanyRecord,
  NoteRecord,
  SegmentRecord,
  SubscriptionTypeRecord,
  TagRecord,
  TeamRecord,
} from '../../domain/records.js';
import type { Store } from '../../domain/store.js';

/** `{ type: 'tag', id, name }`. */
export function renderTag(tag: TagRecord): Record<string, unknown> {
  return { type: 'tag', id: tag.id, name: tag.name };
}

/** A tag as applied to something: who applied it is not kept, so `applied_at`/`applied_by` are null. */
export function renderAppliedTag(tag: TagRecord): Record<string, unknown> {
  return { type: 'tag', id: tag.id, name: tag.name, applied_at: null, applied_by: null };
}

/** `{ type: 'segment', ... }`; `count` only when asked for. */
export function renderSegment(segment: SegmentRecord, count?: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'segment',
    id: segment.id,
    name: segment.name,
    created_at: segment.created_at,
    updated_at: segment.updated_at,
    person_type: segment.person_type === 'user' ? 'user' : 'contact',
  };
  if (count !== undefined) out.count = count;
  return out;
}

/** How many people (users and leads) a company has. */
export function contactCountOf(store: Store, company: CompanyRecord): number {
  let count = 0;
  for (const record of store.users.values()) if (record.company_ids.includes(company.id)) count += 1;
  return count;
}

/** The wire form of a company; 2.x types custom attribute values as strings. */
export function renderCompany(store: Store, company: CompanyRecord): Record<string, unknown> {
  const customAttributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(company.custom_attributes)) {
    if (value !== null) customAttributes[key] = String(value);
  }
  const tags = company.tag_ids.flatMap((id) => {
    const tag = store.tags.get(id);
    return tag === undefined ? [] : [renderTag(tag)];
  });
  const segments = company.segment_ids.flatMap((id) => {
    const segment = store.segments.get(id);
    return segment === undefined ? [] : [renderSegment(segment)];
  });
  const out: Record<string, unknown> = {
    type: 'company',
    id: company.id,
    name: company.name ?? '',
    app_id: store.appId,
    company_id: company.company_id,
    remote_created_at: company.remote_created_at ?? 0,
    created_at: company.created_at,
    updated_at: company.updated_at,
    last_request_at: company.last_request_at ?? 0,
    size: company.size ?? 0,
    website: company.website ?? '',
    industry: company.industry ?? '',
    monthly_spend: company.monthly_spend,
    session_count: company.session_count,
    user_count: contactCountOf(store, company),
    custom_attributes: customAttributes,
    tags: { type: 'tag.list', tags },
    segments: { type: 'segment.list', segments },
  };
  if (company.plan !== null) out.plan = { type: 'plan', id: company.plan, name: company.plan };
  return out;
}

/** The wire form of an admin. */
export function renderAdmin(admin: AdminRecord): Record<string, unknown> {
  return {
    type: 'admin',
    id: admin.id,
    name: admin.name,
    email: admin.email,
    job_title: admin.job_title ?? '',
    away_mode_enabled: admin.away_mode_enabled,
    away_mode_reassign: admin.away_mode_reassign,
    away_status_reason_id: null,
    has_inbox_seat: true,
    team_ids: [...admin.team_ids],
    avatar: null,
  };
}

/** The wire form of a team. */
export function renderTeam(team: TeamRecord): Record<string, unknown> {
  return {
    type: 'team',
    id: team.id,
    name: team.name,
    admin_ids: [...team.admin_ids],
    assignment_limit: null,
    distribution_method: null,
  };
}

/** The wire form of a note about a contact, its author in full. */
export function renderNote(store: Store, note: NoteRecord): Record<string, unknown> {
  const admin = store.admins.get(note.admin_id);
  return {
    type: 'note',
    id: note.id,
    created_at: note.created_at,
    contact: { type: 'contact', id: note.user_id },
    author: admin === undefined ? null : renderAdmin(admin),
    body: note.body,
  };
}

/** The wire form of a subscription type. */
export function renderSubscriptionType(type: SubscriptionTypeRecord): Record<string, unknown> {
  const translation = { name: type.name, description: type.description, locale: 'en' };
  return {
    type: 'subscription',
    id: type.id,
    state: type.state,
    default_translation: translation,
    translations: [translation],
    consent_type: type.consent_type,
    content_types: [...type.content_types],
  };
}
