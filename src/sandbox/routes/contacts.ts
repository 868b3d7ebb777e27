import { randomInt } from 'node:crypto';
import { ApiError, invalid, notFound } from '../api-error.js';
import { pagedList } from '../pages.js';
import { type Body, bodyObject, optionalIdentifier, optionalString } from '../payload.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { nowSeconds, type Store, type UserRecord } from '../store.js';
import { reassignConversations } from './conversations.js';
import { readUserWrite, renderUser } from './users.js';

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

/** The record of `role` with this `user_id` (leads and visitors share one index, so the role is checked). */
export function byUserId(store: Store, userId: string, role: UserRecord['role']): UserRecord | undefined {
  const record = store.userByUserId(userId, role);
  return record?.role === role ? record : undefined;
}

/** Every record of `role` with this email, oldest first. */
export function byEmail(store: Store, email: string, role: UserRecord['role']): UserRecord[] {
  return store.usersByEmail(email, role).filter((record) => record.role === role);
}

const leadNotFound = (): ApiError => notFound('User Not Found');

/** An object member of a body (`contact`, `user`, `visitor`); 400 when it is missing or not an object. */
export function objectMember(body: Body, field: string): Body {
  const value = body[field];
  if (value === undefined || value === null) {
    throw new ApiError(400, 'parameter_not_found', `${field} is a required parameter`, field);
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${field} must be an object`, field);
  return value as Body;
}

/**
 * The lead or visitor a `{ id | user_id }` object names (`field` is its name in the body, `''` for the
 * body itself); 400 without an identifier, 404 when unknown.
 */
export function anonymousByIdentity(store: Store, part: Body, field: string, role: 'contact' | 'visitor'): UserRecord {
  const prefix = field === '' ? '' : `${field}.`;
  const id = optionalIdentifier(part, 'id');
  const userId = optionalIdentifier(part, 'user_id');
  if (id === undefined && userId === undefined) {
    throw new ApiError(400, 'parameter_not_found', `${prefix}id or ${prefix}user_id is required`, `${prefix}user_id`);
  }
  const record = id !== undefined ? store.userById(id, role) : byUserId(store, userId as string, role);
  if (record === undefined) throw leadNotFound();
  return record;
}

const conflict = (email: string): ApiError =>
  new ApiError(
    409,
    'conflict',
    `Multiple existing users match this email address ${email} - must be more specific using user_id`,
  );

/**
 * Converts a lead (or visitor) into a user. When the `user` part identifies an existing user (by its
 * strongest identifier: id, else user_id, else email) the lead's data merges into that user (the
 * user's own values win; the lead's identifiers are never copied), the lead's notes move to the user
 * and the lead is removed. Otherwise the lead itself becomes a user: the sent identifiers replace its
 * UUID `user_id`, and it keeps its email unless a new one is sent.
 */
export function convertToUser(ctx: RouteContext, lead: UserRecord, userPart: Body): RouteResult {
  const { store } = ctx;
  const id = optionalIdentifier(userPart, 'id');
  const userId = optionalIdentifier(userPart, 'user_id');
  const email = optionalString(userPart, 'email');
  if (email === '') throw invalid("Email can't be blank", 'user.email');
  if (id === undefined && userId === undefined && (email === undefined || email === null)) {
    throw new ApiError(400, 'parameter_not_found', 'user needs an id, a user_id or an email', 'user');
  }
  let target: UserRecord | undefined;
  if (id !== undefined) {
    target = store.userById(id, 'user');
    if (target === undefined) throw notFound('User Not Found');
  } else if (userId !== undefined) {
    target = byUserId(store, userId, 'user');
  } else if (typeof email === 'string') {
    const matches = byEmail(store, email, 'user');
    if (matches.length > 1) throw conflict(email);
    target = matches[0];
  }

  // The lead (or visitor) as it was, before it becomes a user.
  store.emit(lead.role === 'visitor' ? 'visitor.signed_up' : 'contact.signed_up', (c) => renderUser(store, lead, c));
  if (target !== undefined) {
    mergeInto(store, lead, target);
    return { status: 200, body: renderUser(store, target, ctx) };
  }
  store.setUserId(lead, null);
  store.setRole(lead, 'user');
  if (userId !== undefined) store.setUserId(lead, userId);
  if (typeof email === 'string') store.setEmail(lead, email);
  lead.pseudonym = null;
  lead.updated_at = nowSeconds();
  store.emit('user.created', (c) => renderUser(store, lead, c));
  return { status: 200, body: renderUser(store, lead, ctx) };
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

/** The record's fields written from a body, checked before anything changes. */
function update(ctx: RouteContext, record: UserRecord, body: Body): RouteResult {
  readUserWrite(ctx.store, body).apply(record);
  return { status: 200, body: renderUser(ctx.store, record, ctx) };
}

function leadOr404(ctx: RouteContext): UserRecord {
  const record = ctx.store.userById(ctx.params.id as string, 'contact');
  if (record === undefined) throw leadNotFound();
  return record;
}

/** All leads, or those with an email: a `contact.list`, newest first. */
function listLeads(ctx: RouteContext, records: UserRecord[]): RouteResult {
  const { store } = ctx;
  const sorted = records.map((record, index) => ({ record, index }));
  sorted.sort((a, b) => b.record.created_at - a.record.created_at || b.index - a.index);
  const body = pagedList(
    ctx,
    sorted.map((entry) => entry.record),
    { path: '/contacts', type: 'contact.list', key: 'contacts', defaultPerPage: 50, maxPerPage: 60, totalCount: true },
    (record) => renderUser(store, record, ctx),
  );
  body.limited = false;
  return { status: 200, body };
}

/** Registers `/contacts`, `/contacts/{id}`, `/contacts/scroll` and `/contacts/convert` (leads). */
export function contactRoutes(router: Router): void {
  // Create a lead, or update the one an `id` or `user_id` names.
  router.add('POST', '/contacts', (ctx) => {
    const { store } = ctx;
    const body = bodyObject(ctx.body);
    const id = optionalIdentifier(body, 'id');
    const userId = optionalIdentifier(body, 'user_id');
    const write = readUserWrite(store, body);
    let record: UserRecord | undefined;
    if (id !== undefined || userId !== undefined) {
      record = id !== undefined ? store.userById(id, 'contact') : byUserId(store, userId as string, 'contact');
      if (record === undefined) throw leadNotFound();
    } else {
      record = newAnonymous(store, 'contact');
    }
    write.apply(record);
    if (id === undefined && userId === undefined) store.emit('contact.created', (c) => renderUser(store, record, c));
    return { status: 200, body: renderUser(store, record, ctx) };
  });

  router.add('PUT', '/contacts/:id', (ctx) => update(ctx, leadOr404(ctx), bodyObject(ctx.body)));

  router.add('GET', '/contacts', (ctx) => {
    const { store, query } = ctx;
    const userId = query.get('user_id');
    if (userId !== null) {
      const record = byUserId(store, userId, 'contact');
      if (record === undefined) throw leadNotFound();
      return { status: 200, body: renderUser(store, record, ctx) };
    }
    const email = query.get('email');
    if (email !== null) return listLeads(ctx, byEmail(store, email, 'contact'));
    return listLeads(
      ctx,
      [...store.users.values()].filter((r) => r.role === 'contact'),
    );
  });

  router.add('GET', '/contacts/scroll', (ctx) => {
    const { store } = ctx;
    const page = store.scrollPage('contacts', ctx.query.get('scroll_param'), () =>
      [...store.users.values()].filter((r) => r.role === 'contact').map((r) => r.id),
    );
    const contacts = [];
    for (const id of page.ids) {
      const record = store.users.get(id);
      if (record !== undefined && record.role === 'contact') contacts.push(renderUser(store, record, ctx));
    }
    return { status: 200, body: { type: 'contact.list', contacts, scroll_param: page.param } };
  });

  router.add('GET', '/contacts/:id', (ctx) => ({ status: 200, body: renderUser(ctx.store, leadOr404(ctx), ctx) }));

  router.add('DELETE', '/contacts/:id', (ctx) => {
    const record = leadOr404(ctx);
    const body = renderUser(ctx.store, record, ctx);
    ctx.store.emit('contact.deleted', (c) => renderUser(ctx.store, record, c));
    ctx.store.removeUser(record);
    return { status: 200, body };
  });

  router.add('POST', '/contacts/convert', (ctx) => {
    const body = bodyObject(ctx.body);
    const contact = objectMember(body, 'contact');
    const user = objectMember(body, 'user');
    const lead = anonymousByIdentity(ctx.store, contact, 'contact', 'contact');
    return convertToUser(ctx, lead, user);
  });
}
