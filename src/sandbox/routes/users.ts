import { ApiError, invalid, notFound } from '../api-error.js';
import { readCompanyFields } from '../company-write.js';
import { pagedList, sortByQuery } from '../pages.js';
import {
  type Body,
  bodyObject,
  nested,
  optionalAttributes,
  optionalBoolean,
  optionalIdentifier,
  optionalNumber,
  optionalObjects,
  optionalString,
  optionalTimestamp,
} from '../payload.js';
import { type RouteContext, type RouteResult, type Router, versionAtLeast } from '../router.js';
import { mergeAttributes, nowSeconds, type Store, type UserRecord } from '../store.js';
import { renderCompany } from './companies.js';

/** The wire form of a user, lead or visitor. */
export function renderUser(store: Store, record: UserRecord, ctx: RouteContext): Record<string, unknown> {
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

/** The fields of a user write, read and checked before anything changes. */
interface UserWrite {
  apply: (record: UserRecord) => void;
}

/** Reads the writable fields of a user or lead body. Wrong types answer 400 before anything changes. */
export function readUserWrite(store: Store, body: Body): UserWrite {
  const email = optionalString(body, 'email');
  if (email === '') throw invalid("Email can't be blank", 'email');
  const name = optionalString(body, 'name');
  const phone = optionalString(body, 'phone');
  const lastSeenIp = optionalString(body, 'last_seen_ip');
  const lastSeenUserAgent = optionalString(body, 'last_seen_user_agent');
  const signedUpAt = optionalTimestamp(body, 'signed_up_at');
  const remoteCreatedAt = optionalTimestamp(body, 'remote_created_at');
  const lastRequestAt = optionalTimestamp(body, 'last_request_at');
  const unsubscribed = optionalBoolean(body, 'unsubscribed_from_emails');
  const updateLastRequestAt = optionalBoolean(body, 'update_last_request_at');
  const newSession = optionalBoolean(body, 'new_session');
  const ownerId = optionalNumber(body, 'owner_id');
  const attributes = optionalAttributes(body);
  const companies = (optionalObjects(body, 'companies') ?? []).map((item, i) => readCompanyItem(store, item, `companies[${i}]`));
  const company = body.company;
  if (company !== undefined && company !== null) {
    if (typeof company !== 'object' || Array.isArray(company)) throw invalid('company must be an object', 'company');
    companies.push(readCompanyItem(store, company as Body, 'company'));
  }
  return {
    apply(record) {
      const now = nowSeconds();
      if (email !== undefined) store.setEmail(record, email);
      if (name !== undefined) record.name = name;
      if (phone !== undefined) record.phone = phone;
      if (lastSeenIp !== undefined) record.last_seen_ip = lastSeenIp;
      if (lastSeenUserAgent !== undefined) record.last_seen_user_agent = lastSeenUserAgent;
      if (signedUpAt !== undefined) record.signed_up_at = signedUpAt;
      if (remoteCreatedAt !== undefined) record.remote_created_at = remoteCreatedAt;
      if (lastRequestAt !== undefined) record.last_request_at = lastRequestAt;
      if (updateLastRequestAt === true) record.last_request_at = now;
      if (newSession === true) record.session_count += 1;
      if (unsubscribed !== undefined) record.unsubscribed_from_emails = unsubscribed;
      if (ownerId !== undefined) record.owner_id = ownerId;
      // Merge key by key; a null value clears the attribute.
      if (attributes !== undefined) mergeAttributes(record.custom_attributes, attributes);
      for (const item of companies) item.apply(record);
      record.updated_at = now;
    },
  };
}

/** A `companies` item of a user write: attach (creating the company if unknown) or, with `remove`, detach. */
function readCompanyItem(store: Store, item: Body, field: string): UserWrite {
  const { companyId, id, remove, applyFields } = nested(field, () => ({
    companyId: optionalIdentifier(item, 'company_id'),
    id: optionalIdentifier(item, 'id'),
    remove: optionalBoolean(item, 'remove') === true,
    applyFields: readCompanyFields(item),
  }));
  if (companyId === undefined && id === undefined) throw invalid(`${field} needs a company_id`, `${field}.company_id`);
  return {
    apply(record) {
      // `id` is Intercom's id of a known company, or (as the API allows in this list) a company_id.
      const existing =
        companyId !== undefined
          ? store.companyByCompanyId(companyId)
          : ((id !== undefined ? store.companies.get(id) : undefined) ?? store.companyByCompanyId(id as string));
      if (remove) {
        if (existing !== undefined) record.company_ids = record.company_ids.filter((c) => c !== existing.id);
        return;
      }
      const company = existing ?? store.newCompany((companyId ?? id) as string);
      applyFields(company);
      if (!record.company_ids.includes(company.id)) record.company_ids.push(company.id);
      if (existing === undefined) store.emit('company.created', () => renderCompany(store, company, store.companyStats()));
    },
  };
}

/** Identifiers of a user, strongest first: Intercom `id`, then `user_id`, then `email`. */
export interface UserIdentifiers {
  id?: string | undefined;
  user_id?: string | undefined;
  email?: string | null | undefined;
}

/**
 * The user the strongest identifier given names (`id` > `user_id` > `email`; weaker ones are not
 * tried when a stronger one is given), or undefined. With `leads`, an `id` may also name a lead (as
 * events accept). An email shared by several users answers 409 `conflict`.
 */
export function findUser(store: Store, ids: UserIdentifiers, options: { leads?: boolean } = {}): UserRecord | undefined {
  if (ids.id !== undefined) {
    return store.userById(ids.id, 'user') ?? (options.leads ? store.userById(ids.id, 'contact') : undefined);
  }
  if (ids.user_id !== undefined) return store.userByUserId(ids.user_id, 'user');
  if (typeof ids.email !== 'string') return undefined;
  const matches = store.usersByEmail(ids.email, 'user');
  if (matches.length > 1) throw multipleMatch(ids.email);
  return matches[0];
}

/** 404 `not_found` "User Not Found". */
export const userNotFound = (): ApiError => notFound('User Not Found');

/** Finds the user a lookup query names (`?email=`, `?user_id=`), as `GET` and `DELETE /users` take it. */
function lookup(ctx: RouteContext): UserRecord {
  const { store, query } = ctx;
  const record = findUser(store, { user_id: query.get('user_id') ?? undefined, email: query.get('email') ?? '' });
  if (record === undefined) throw userNotFound();
  return record;
}

/** 409 `conflict`: several users share the email a write or lookup named. */
export const multipleMatch = (email: string): ApiError =>
  new ApiError(
    409,
    'conflict',
    `Multiple existing users match this email address ${email} - must be more specific using user_id`,
  );

const USER_SORTS = ['created_at', 'last_request_at', 'signed_up_at', 'updated_at'] as const;

function listUsers(ctx: RouteContext): RouteResult {
  const { store, query } = ctx;
  const email = query.get('email');
  let records = [...store.users.values()].filter((r) => r.role === 'user');
  if (email !== null) {
    records = store.usersByEmail(email, 'user');
    // In 1.1 the list by email also holds the leads with that email; 1.2 returns users only.
    if (ctx.version === '1.1') records = [...records, ...store.usersByEmail(email, 'contact')];
  }
  const tagId = query.get('tag_id');
  if (tagId !== null) records = records.filter((r) => r.tag_ids.includes(tagId));
  const segmentId = query.get('segment_id');
  if (segmentId !== null) records = records.filter((r) => r.segment_ids.includes(segmentId));
  const tagName = query.get('tag_name');
  if (tagName !== null) {
    const tag = [...store.tags.values()].find((t) => t.name.toLowerCase() === tagName.toLowerCase());
    records = tag === undefined ? [] : records.filter((r) => r.tag_ids.includes(tag.id));
  }
  const createdSince = query.get('created_since');
  if (createdSince !== null) {
    const days = Number(createdSince);
    if (!Number.isFinite(days) || days < 0) throw invalid('created_since must be a number of days', 'created_since');
    const since = nowSeconds() - days * 86_400;
    records = records.filter((r) => r.created_at >= since);
  }
  const body = pagedList(
    ctx,
    sortByQuery(query, records, USER_SORTS),
    { path: '/users', type: 'user.list', key: 'users', defaultPerPage: 50, maxPerPage: 60, totalCount: true },
    (record) => renderUser(store, record, ctx),
  );
  body.limited = false;
  return { status: 200, body };
}

/**
 * Creates or updates a user from a `POST /users` body, found by `id`, else `user_id`, else `email`.
 * Everything is checked before anything changes. Shared by `POST /users` and bulk user jobs.
 */
export function upsertUserRecord(store: Store, body: Body): UserRecord {
  const id = optionalIdentifier(body, 'id');
  const userId = optionalIdentifier(body, 'user_id');
  const email = optionalString(body, 'email');
  if (id === undefined && userId === undefined && (email === undefined || email === null)) {
    throw new ApiError(400, 'missing_parameter', 'User email, user_id or anonymous_id must be supplied');
  }
  const write = readUserWrite(store, body);
  let record = findUser(store, { id, user_id: userId, email });
  if (record === undefined && id !== undefined) throw userNotFound();
  if (userId !== undefined && record !== undefined && record.user_id !== userId) {
    // `id` found the user and the body moves it to a user_id another user holds.
    if (store.userByUserId(userId, 'user') !== undefined) {
      throw new ApiError(409, 'unique_user_constraint', `A user with user_id '${userId}' already exists`, 'user_id');
    }
  }
  const created = record === undefined;
  if (record === undefined) record = store.newUser('user');
  if (userId !== undefined && record.user_id !== userId) store.setUserId(record, userId);
  write.apply(record);
  if (created) store.emit('user.created', (c) => renderUser(store, record, c));
  return record;
}

/** `POST /users`: create or update. */
function upsertUser(ctx: RouteContext): RouteResult {
  const record = upsertUserRecord(ctx.store, bodyObject(ctx.body));
  return { status: 200, body: renderUser(ctx.store, record, ctx) };
}

/** Registers `/users`, `/users/scroll`, `/users/{id}` and `/user_delete_requests`. */
export function userRoutes(router: Router): void {
  router.add('POST', '/users', upsertUser);

  router.add('GET', '/users', (ctx) => {
    const { query } = ctx;
    // 1.0 answers `?email=` with the one user; from 1.1 it is a list.
    if (query.has('user_id') || (query.has('email') && !versionAtLeast(ctx.version, '1.1'))) {
      return { status: 200, body: renderUser(ctx.store, lookup(ctx), ctx) };
    }
    return listUsers(ctx);
  });

  router.add('GET', '/users/scroll', (ctx) => {
    const { store } = ctx;
    const page = store.scrollPage('users', ctx.query.get('scroll_param'), () =>
      [...store.users.values()].filter((r) => r.role === 'user').map((r) => r.id),
    );
    const users = [];
    for (const id of page.ids) {
      const record = store.users.get(id);
      if (record !== undefined) users.push(renderUser(store, record, ctx));
    }
    return { status: 200, body: { type: 'user.list', users, scroll_param: page.param } };
  });

  router.add('GET', '/users/:id', (ctx) => {
    const record = ctx.store.userById(ctx.params.id as string, 'user');
    if (record === undefined) throw userNotFound();
    return { status: 200, body: renderUser(ctx.store, record, ctx) };
  });

  const archive = (ctx: RouteContext, record: UserRecord): RouteResult => {
    const body = renderUser(ctx.store, record, ctx);
    ctx.store.emit('user.deleted', () => ({ type: 'user', id: record.id, user_id: record.user_id, email: record.email }));
    ctx.store.removeUser(record);
    return { status: 200, body };
  };
  router.add('DELETE', '/users/:id', (ctx) => {
    const record = ctx.store.userById(ctx.params.id as string, 'user');
    if (record === undefined) throw userNotFound();
    return archive(ctx, record);
  });
  router.add('DELETE', '/users', (ctx) => {
    if (!ctx.query.has('user_id') && !ctx.query.has('email')) throw invalid('user_id or email is required');
    return archive(ctx, lookup(ctx));
  });

  router.add('POST', '/user_delete_requests', (ctx) => {
    const body = bodyObject(ctx.body);
    const id = optionalIdentifier(body, 'intercom_user_id');
    if (id === undefined)
      throw new ApiError(400, 'parameter_not_found', 'intercom_user_id is a required parameter', 'intercom_user_id');
    const record = ctx.store.users.get(id);
    if (record === undefined) throw userNotFound();
    ctx.store.removeUser(record);
    return { status: 200, body: { id: Number(ctx.store.nextId()) } };
  });
}
