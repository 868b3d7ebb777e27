/**
 * People: users, leads (role `contact`) and visitors. Finding them by their identifiers, creating
 * and updating them, converting a lead or visitor into a user (merging it into an existing one).
 */
import { randomInt } from 'node:crypto';
import { applyCompanyChanges, type CompanyChanges } from './companies.js';
import { reassignConversations } from './conversations.js';
import { DomainError, emailConflict, notFound } from './errors.js';
import { type Attributes, mergeAttributes, nowSeconds, type UserRecord } from './records.js';
import type { Store } from './store.js';

/** A person's role: a user, a lead (`contact`) or an anonymous visitor. */
export type PersonRole = UserRecord['role'];

/** Identifiers of a person, strongest first: Intercom `id`, then `user_id`, then `email`. */
export interface PersonIdentifiers {
  id?: string | undefined;
  user_id?: string | undefined;
  email?: string | null | undefined;
}

/** How a request may name a person. */
export type IdentifierKind = 'id' | 'user_id' | 'email';

/** `User Not Found`. */
export const userNotFound = (): DomainError => notFound('User Not Found');

/**
 * The user the strongest identifier given names (`id` > `user_id` > `email`; weaker ones are not
 * tried when a stronger one is given), or undefined. With `leads`, an `id` may also name a lead.
 * An email shared by several users is a conflict.
 */
export function findUser(store: Store, ids: PersonIdentifiers, options: { leads?: boolean } = {}): UserRecord | undefined {
  if (ids.id !== undefined) {
    return store.userById(ids.id, 'user') ?? (options.leads ? store.userById(ids.id, 'contact') : undefined);
  }
  if (ids.user_id !== undefined) return store.userByUserId(ids.user_id, 'user');
  if (typeof ids.email !== 'string') return undefined;
  const matches = store.usersByEmail(ids.email, 'user');
  if (matches.length > 1) throw emailConflict(ids.email);
  return matches[0];
}

/**
 * The person with this `id`, `user_id` or `email` among `roles` (tried in order). An email shared by
 * several people of one role is a conflict.
 */
export function findPerson(
  store: Store,
  roles: readonly PersonRole[],
  key: IdentifierKind,
  value: string,
): UserRecord | undefined {
  for (const role of roles) {
    if (key === 'id') {
      const record = store.userById(value, role);
      if (record !== undefined) return record;
    } else if (key === 'user_id') {
      const record = store.userByUserId(value, role);
      if (record !== undefined) return record;
    } else {
      const matches = store.usersByEmail(value, role);
      if (matches.length > 1) throw emailConflict(value);
      if (matches[0] !== undefined) return matches[0];
    }
  }
  return undefined;
}

/** The lead or visitor an `id` (else `user_id`) names, or a not-found error. */
export function findAnonymous(store: Store, role: 'contact' | 'visitor', ids: PersonIdentifiers): UserRecord {
  const record =
    ids.id !== undefined
      ? store.userById(ids.id, role)
      : ids.user_id !== undefined
        ? store.userByUserId(ids.user_id, role)
        : undefined;
  if (record === undefined) throw userNotFound();
  return record;
}

/**
 * The user or lead an identifier names, users first: by Intercom id, by `user_id`, or by email (an
 * email shared by several users is a conflict; else the oldest lead with it). Unknown: not found.
 */
export function findUserOrLead(store: Store, key: IdentifierKind, value: string): UserRecord {
  let record: UserRecord | undefined;
  if (key === 'id') {
    record = store.userById(value, 'user') ?? store.userById(value, 'contact');
  } else if (key === 'user_id') {
    record = store.userByUserId(value, 'user') ?? store.userByUserId(value, 'contact');
  } else {
    const users = store.usersByEmail(value, 'user');
    if (users.length > 1) throw emailConflict(value);
    record = users[0] ?? store.usersByEmail(value, 'contact')[0];
  }
  if (record === undefined) throw userNotFound();
  return record;
}

const COLOURS = ['Lime', 'Amber', 'Azure', 'Coral', 'Indigo', 'Olive', 'Ruby', 'Silver', 'Teal', 'Violet'];
const ANIMALS = ['Camel', 'Badger', 'Falcon', 'Heron', 'Lynx', 'Otter', 'Panda', 'Puffin', 'Walrus', 'Zebra'];
const CITIES = ['Dublin', 'London', 'San Francisco', 'Chicago', 'Sydney', 'Berlin', 'Paris', 'Lisbon', 'Toronto', 'Tokyo'];

const pick = (words: readonly string[]): string => words[randomInt(words.length)] as string;

/** The name Intercom gives an anonymous person: "Lime Camel from Dublin". */
export function pseudonym(): string {
  return `${pick(COLOURS)} ${pick(ANIMALS)} from ${pick(CITIES)}`;
}

/** A new lead (or visitor): a server-made UUID `user_id` and a pseudonym. */
export function newAnonymous(store: Store, role: 'contact' | 'visitor', fields: Partial<UserRecord> = {}): UserRecord {
  return store.newUser(role, { pseudonym: pseudonym(), ...fields });
}

/** A company a person joins (creating it when unknown) or, with `remove`, leaves. */
export interface CompanyMembership {
  /** The company's `company_id`. */
  companyId?: string | undefined;
  /** Intercom's id of a known company, or (as 1.x allows) a `company_id`. */
  id?: string | undefined;
  remove: boolean;
  changes: CompanyChanges;
}

/** The writable fields of a person; `undefined` leaves a field alone. */
export interface PersonChanges {
  email?: string | null | undefined;
  name?: string | null | undefined;
  phone?: string | null | undefined;
  lastSeenIp?: string | null | undefined;
  lastSeenUserAgent?: string | null | undefined;
  signedUpAt?: number | null | undefined;
  remoteCreatedAt?: number | null | undefined;
  lastRequestAt?: number | null | undefined;
  /** Sets `last_request_at` to now. */
  updateLastRequestAt?: boolean | undefined;
  /** Counts one more session. */
  newSession?: boolean | undefined;
  unsubscribedFromEmails?: boolean | undefined;
  ownerId?: number | undefined;
  /** Merged key by key; a `null` value clears the attribute. */
  attributes?: Attributes | undefined;
  companies?: readonly CompanyMembership[] | undefined;
}

/** Applies checked changes to a person and marks it updated; companies named and unknown are created. */
export function applyPersonChanges(store: Store, record: UserRecord, changes: PersonChanges): void {
  const now = nowSeconds();
  if (changes.email !== undefined) store.setEmail(record, changes.email);
  if (changes.name !== undefined) record.name = changes.name;
  if (changes.phone !== undefined) record.phone = changes.phone;
  if (changes.lastSeenIp !== undefined) record.last_seen_ip = changes.lastSeenIp;
  if (changes.lastSeenUserAgent !== undefined) record.last_seen_user_agent = changes.lastSeenUserAgent;
  if (changes.signedUpAt !== undefined) record.signed_up_at = changes.signedUpAt;
  if (changes.remoteCreatedAt !== undefined) record.remote_created_at = changes.remoteCreatedAt;
  if (changes.lastRequestAt !== undefined) record.last_request_at = changes.lastRequestAt;
  if (changes.updateLastRequestAt === true) record.last_request_at = now;
  if (changes.newSession === true) record.session_count += 1;
  if (changes.unsubscribedFromEmails !== undefined) record.unsubscribed_from_emails = changes.unsubscribedFromEmails;
  if (changes.ownerId !== undefined) record.owner_id = changes.ownerId;
  if (changes.attributes !== undefined) mergeAttributes(record.custom_attributes, changes.attributes);
  for (const membership of changes.companies ?? []) applyMembership(store, record, membership);
  record.updated_at = now;
}

function applyMembership(store: Store, record: UserRecord, membership: CompanyMembership): void {
  const { companyId, id } = membership;
  const existing =
    companyId !== undefined
      ? store.companyByCompanyId(companyId)
      : ((id !== undefined ? store.companies.get(id) : undefined) ?? store.companyByCompanyId(id as string));
  if (membership.remove) {
    if (existing !== undefined) record.company_ids = record.company_ids.filter((c) => c !== existing.id);
    return;
  }
  const company = existing ?? store.newCompany((companyId ?? id) as string);
  applyCompanyChanges(company, membership.changes);
  if (!record.company_ids.includes(company.id)) record.company_ids.push(company.id);
  if (existing === undefined) store.sink.publish({ type: 'company.created', company });
}

/**
 * Creates or updates a user found by `id`, else `user_id`, else `email` (which it then holds). An unknown `id` is not
 * found; moving a user to a `user_id` another user holds is a conflict (`unique_user_constraint`).
 */
export function upsertUser(store: Store, ids: PersonIdentifiers, changes: PersonChanges): UserRecord {
  let record = findUser(store, ids);
  if (record === undefined && ids.id !== undefined) throw userNotFound();
  const userId = ids.user_id;
  if (userId !== undefined && record !== undefined && record.user_id !== userId) {
    if (store.userByUserId(userId, 'user') !== undefined) {
      throw new DomainError('conflict', `A user with user_id '${userId}' already exists`, {
        field: 'user_id',
        reason: 'unique_user_constraint',
      });
    }
  }
  const created = record === undefined;
  if (record === undefined) record = store.newUser('user');
  if (userId !== undefined && record.user_id !== userId) store.setUserId(record, userId);
  // The email that names the user is also its email.
  applyPersonChanges(store, record, changes.email === undefined ? { ...changes, email: ids.email } : changes);
  if (created) store.sink.publish({ type: 'person.created', person: record });
  return record;
}

/** A new lead with these fields. */
export function createLead(store: Store, changes: PersonChanges): UserRecord {
  const record = newAnonymous(store, 'contact');
  applyPersonChanges(store, record, changes);
  store.sink.publish({ type: 'person.created', person: record });
  return record;
}

/** Removes a person (published first, while the record still holds its data). */
export function deletePerson(store: Store, record: UserRecord): void {
  store.sink.publish({ type: 'person.deleted', person: record });
  store.removeUser(record);
}

/** Removes a person without telling anyone (a visitor, a GDPR delete request). */
export function erasePerson(store: Store, record: UserRecord): void {
  store.removeUser(record);
}

/**
 * A visitor converted or who wrote: it becomes a lead, keeping its `user_id` and pseudonym. With
 * `touch: false` its `updated_at` stays (a visitor's first message does not update it).
 */
export function visitorToLead(store: Store, visitor: UserRecord, options: { touch?: boolean } = {}): void {
  store.setRole(visitor, 'contact');
  if (options.touch !== false) visitor.updated_at = nowSeconds();
}

/**
 * Converts a lead (or visitor) into a user. When `target` names an existing user (by its strongest
 * identifier) the lead merges into it (the user's own values win; the lead's identifiers are never
 * copied), its notes and conversations move to the user and the lead is removed. Otherwise the lead
 * itself becomes a user: the given identifiers replace its UUID `user_id`, and it keeps its email
 * unless a new one is given. Returns the user.
 */
export function convertToUser(store: Store, lead: UserRecord, target: PersonIdentifiers): UserRecord {
  let user: UserRecord | undefined;
  if (target.id !== undefined) {
    user = store.userById(target.id, 'user');
    if (user === undefined) throw userNotFound();
  } else if (target.user_id !== undefined) {
    user = store.userByUserId(target.user_id, 'user');
  } else if (typeof target.email === 'string') {
    const matches = store.usersByEmail(target.email, 'user');
    if (matches.length > 1) throw emailConflict(target.email);
    user = matches[0];
  }
  // The lead (or visitor) as it was, before it becomes a user.
  store.sink.publish({ type: 'person.signed_up', person: lead });
  if (user !== undefined) {
    mergeInto(store, lead, user);
    return user;
  }
  store.setUserId(lead, null);
  store.setRole(lead, 'user');
  if (target.user_id !== undefined) store.setUserId(lead, target.user_id);
  if (typeof target.email === 'string') store.setEmail(lead, target.email);
  lead.pseudonym = null;
  lead.updated_at = nowSeconds();
  store.sink.publish({ type: 'person.created', person: lead });
  return lead;
}

const FILLABLE = [
  'name',
  'phone',
  'signed_up_at',
  'remote_created_at',
  'last_seen_ip',
  'last_seen_user_agent',
  'owner_id',
] as const;

function mergeInto(store: Store, lead: UserRecord, user: UserRecord): void {
  for (const key of FILLABLE) {
    if (user[key] === null && lead[key] !== null) (user as unknown as Record<string, unknown>)[key] = lead[key];
  }
  if (lead.last_request_at !== null && (user.last_request_at === null || lead.last_request_at > user.last_request_at)) {
    user.last_request_at = lead.last_request_at;
  }
  user.session_count += lead.session_count;
  for (const [key, value] of Object.entries(lead.custom_attributes)) {
    if (!(key in user.custom_attributes)) user.custom_attributes[key] = value;
  }
  for (const key of ['company_ids', 'tag_ids', 'segment_ids'] as const) {
    for (const value of lead[key]) if (!user[key].includes(value)) user[key].push(value);
  }
  for (const note of store.notes.values()) if (note.user_id === lead.id) note.user_id = user.id;
  reassignConversations(store, lead.id, user.id);
  user.updated_at = nowSeconds();
  store.removeUser(lead);
}
