/** Users and leads in the 2.x shape: one `contact` object whose `role` is `user` or `lead`. */
import type { MergeHistoryRecord, UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';

/** A user's `external_id` is its `user_id`; a lead's server-made UUID is not an external id. */
export const externalIdOf = (record: UserRecord): string | null => (record.role === 'user' ? record.user_id : null);

/** `user` or `lead`. */
export const roleOf = (record: UserRecord): 'user' | 'lead' => (record.role === 'user' ? 'user' : 'lead');

/** `{ type: 'contact', id, external_id }`. */
export function renderContactReference(record: UserRecord): Record<string, unknown> {
  return { type: 'contact', id: record.id, external_id: externalIdOf(record) };
}

/** A sub-list of a contact (tags, notes, companies): the first items and a URL for the rest. */
function addressableList(
  url: string,
  items: readonly { type: string; id: string; url: string }[],
  totalCount: number,
): Record<string, unknown> {
  return { type: 'list', data: items, url, total_count: totalCount, has_more: totalCount > items.length };
}

/** How many items of a sub-list a contact shows inline. */
const INLINE_ITEMS = 10;

/** What a contact answer holds beyond its fields. */
export interface ContactRenderOptions {
  /**
   * The contacts merged into it (`merge_history`), for a user: the request asked with
   * `include_merge_history=true`. Without it Intercom leaves the field out.
   */
  mergeHistory?: boolean;
}

/** One merge into a user, as `GET /contacts/{id}/merge_history` and `merge_history` list it. */
export function renderMergeHistoryItem(item: MergeHistoryRecord): Record<string, unknown> {
  return { type: 'merge_history', ...item };
}

/** The wire form of a contact. */
export function renderContact(store: Store, record: UserRecord, options: ContactRenderOptions = {}): Record<string, unknown> {
  // Paths, as Intercom answers them (openapi/description-errata.ts: the schema's `format: uri` is corrected).
  const base = `/contacts/${record.id}`;
  const tagIds = record.tag_ids.filter((id) => store.tags.has(id));
  const noteIds: string[] = [];
  for (const note of store.notes.values()) if (note.user_id === record.id) noteIds.push(note.id);
  const companyIds = record.company_ids.filter((id) => store.companies.has(id));
  const nullable = (value: number | null): number | null => value;
  const email = record.email ?? '';
  return {
    type: 'contact',
    id: record.id,
    workspace_id: store.appId,
    external_id: externalIdOf(record),
    role: roleOf(record),
    email,
    email_domain: email.includes('@') ? email.slice(email.indexOf('@') + 1) : '',
    phone: record.phone,
    name: record.name,
    owner_id: record.owner_id === null ? null : String(record.owner_id),
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: record.unsubscribed_from_emails,
    created_at: record.created_at,
    updated_at: record.updated_at,
    signed_up_at: nullable(record.signed_up_at),
    last_seen_at: nullable(record.last_request_at),
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    custom_attributes: { ...record.custom_attributes },
    avatar: null,
    tags: addressableList(
      `${base}/tags`,
      tagIds.slice(0, INLINE_ITEMS).map((id) => ({ type: 'tag', id, url: `/tags/${id}` })),
      tagIds.length,
    ),
    notes: addressableList(
      `${base}/notes`,
      noteIds.slice(0, INLINE_ITEMS).map((id) => ({ type: 'note', id, url: `/notes/${id}` })),
      noteIds.length,
    ),
    companies: addressableList(
      `${base}/companies`,
      companyIds.slice(0, INLINE_ITEMS).map((id) => ({ type: 'company', id, url: `/companies/${id}` })),
      companyIds.length,
    ),
    location: { type: 'location', country: null, region: null, city: null },
    social_profiles: { type: 'list', data: [] },
    ...(options.mergeHistory === true && record.role === 'user'
      ? { merge_history: record.merge_history.map(renderMergeHistoryItem) }
      : {}),
  };
}
