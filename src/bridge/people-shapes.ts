/**
 * The 2.x objects of the people family rendered as the bodies API 1.x answered: a 2.x `contact` as a
 * 1.x `user` (role `user`) or lead (`contact`, role `lead`), a 2.x `company` as a 1.x company, and
 * 1.x `pages` objects whose `next` is a link back to the bridge.
 *
 * Fields of a 1.x user or lead that a 2.x contact no longer has, and what the bridge answers for them:
 * - `session_count`, `last_seen_ip`, `user_agent_data`, `referrer`, `utm_source`, `utm_medium`,
 *   `utm_campaign`, `utm_term`, `utm_content`, `do_not_track`, `pseudonym`, `remote_created_at`: left out
 *   (the model reads them as `undefined`);
 * - `segments`: an empty list (a 2.x contact names no segments; `GET /contacts/{id}/segments` has them);
 * - `location_data`: `city_name`, `region_name`, `country_name`, `country_code`, `continent_code` from the
 *   2.x `location`; `latitude`, `longitude`, `postal_code` and `timezone` are gone;
 * - `companies` and `tags`: a 2.x contact lists only their ids. A single user or lead (find, create,
 *   save, archive) is answered with its companies and tags in full (one extra call each, only when the
 *   contact has some); a user or lead in a list carries their ids only (`{ type, id }`).
 * A 1.x company keeps its shape, but its `plan` is the 2.x plan's name.
 *
 * @module
 */
import type { JsonObject } from '../core/models.js';

/** The two kinds of 2.x contacts: 1.x users, and 1.x leads (which 1.x calls contacts). */
export type ContactRole = 'user' | 'lead';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The items of a 2.x list (`{ type: 'list', data: [...] }`) or of a named array, as objects. */
export function listItems(body: unknown, key = 'data'): JsonObject[] {
  if (!isObject(body)) return [];
  const items = body[key];
  return Array.isArray(items) ? items.filter(isObject) : [];
}

/** The JSON object body of a 1.x write (`{}` when it has none). */
export const bodyOf = (call: { readonly body: unknown }): JsonObject => (isObject(call.body) ? call.body : {});

/** The role of a 2.x contact. */
export const roleOfContact = (contact: JsonObject): ContactRole => (contact.role === 'lead' ? 'lead' : 'user');

/** The full objects a single user or lead is rendered with: its companies and tags, when fetched. */
export interface ContactRelations {
  companies?: readonly JsonObject[] | undefined;
  tags?: readonly JsonObject[] | undefined;
}

const nullable = (value: unknown): unknown => (value === undefined ? null : value);

/** The 1.x `location_data` of a 2.x `location`. */
function locationData(location: unknown): JsonObject {
  if (!isObject(location)) return {};
  const out: JsonObject = { type: 'location_data' };
  const names: Array<[string, string]> = [
    ['city', 'city_name'],
    ['region', 'region_name'],
    ['country', 'country_name'],
    ['country_code', 'country_code'],
    ['continent_code', 'continent_code'],
  ];
  for (const [from, to] of names) if (location[from] !== undefined) out[to] = location[from];
  return out;
}

/** A 1.x tag of a user: `{ type: 'tag', id, name }`. */
function userTag(tag: JsonObject): JsonObject {
  const out: JsonObject = { type: 'tag', id: String(tag.id) };
  if (tag.name !== undefined) out.name = tag.name;
  return out;
}

/** A 2.x contact as the 1.x body of a user (`role` user) or lead (`role` lead). */
export function renderPerson(contact: JsonObject, relations: ContactRelations = {}): JsonObject {
  const role = roleOfContact(contact);
  const email = typeof contact.email === 'string' && contact.email !== '' ? contact.email : null;
  const avatar = isObject(contact.avatar) ? contact.avatar : {};
  const companies = relations.companies?.map(renderCompany) ?? listItems(contact.companies).map(reference('company'));
  const tags = relations.tags?.map(userTag) ?? listItems(contact.tags).map(reference('tag'));
  const socialProfiles = listItems(contact.social_profiles).map((profile) => ({
    type: 'social_profile',
    name: profile.name,
    id: nullable(profile.id),
    username: nullable(profile.username),
    url: profile.url,
  }));
  return {
    type: role === 'user' ? 'user' : 'contact',
    id: contact.id,
    user_id: nullable(contact.external_id),
    anonymous: role === 'lead',
    email,
    phone: nullable(contact.phone),
    name: nullable(contact.name),
    app_id: contact.workspace_id,
    avatar: { type: 'avatar', image_url: nullable(avatar.image_url) },
    created_at: contact.created_at,
    updated_at: contact.updated_at,
    signed_up_at: nullable(contact.signed_up_at),
    last_request_at: nullable(contact.last_seen_at),
    unsubscribed_from_emails: contact.unsubscribed_from_emails === true,
    marked_email_as_spam: contact.marked_email_as_spam === true,
    has_hard_bounced: contact.has_hard_bounced === true,
    owner_id: nullable(contact.owner_id),
    location_data: locationData(contact.location),
    custom_attributes: isObject(contact.custom_attributes) ? { ...contact.custom_attributes } : {},
    companies: { type: 'company.list', companies },
    social_profiles: { type: 'social_profile.list', social_profiles: socialProfiles },
    segments: { type: 'segment.list', segments: [] },
    tags: { type: 'tag.list', tags },
  };
}

/** `{ type, id }` of an item a 2.x contact lists by id. */
const reference =
  (type: string) =>
  (item: JsonObject): JsonObject => ({ type, id: String(item.id) });

/** A 2.x company as the 1.x body of a company (the 2.x plan object becomes its name). */
export function renderCompany(company: JsonObject): JsonObject {
  const out: JsonObject = { ...company, type: 'company' };
  delete out.notes;
  if (isObject(company.plan)) out.plan = nullable(company.plan.name);
  if (!isObject(company.custom_attributes)) out.custom_attributes = {};
  for (const key of ['tags', 'segments'] as const) {
    const wrapper = company[key];
    const items = isObject(wrapper) && Array.isArray(wrapper[key]) ? wrapper[key] : listItems(wrapper);
    out[key] = { type: `${key.slice(0, -1)}.list`, [key]: items };
  }
  return out;
}

/**
 * A 2.x visitor as the 1.x visitor: the same shape, but the 2.x description spells `last_request_at`
 * `las_request_at`; either is answered as `last_request_at`.
 */
export function renderVisitor(visitor: unknown): unknown {
  if (!isObject(visitor) || visitor.las_request_at === undefined) return visitor;
  const { las_request_at: lastRequestAt, ...rest } = visitor;
  return { ...rest, last_request_at: rest.last_request_at ?? lastRequestAt };
}

/** A 1.x `pages` object: `next` is a link to the bridge, or null on the last page. */
export function listPages(page: number, perPage: number, totalPages: number, next: string | null): JsonObject {
  return { type: 'pages', next, page, per_page: perPage, total_pages: totalPages };
}
