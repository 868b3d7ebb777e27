import { invalid, missing, notFound } from '../api-error.js';
import { type Body, bodyObject, optionalBoolean, optionalIdentifier, optionalObjects, optionalString } from '../payload.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { type CompanyRecord, nowSeconds, type Store, type TagRecord, type UserRecord } from '../store.js';
import { multipleMatch, renderUser } from './users.js';

function renderTag(tag: TagRecord): Record<string, unknown> {
  return { type: 'tag', id: tag.id, name: tag.name };
}

/** Something that carries tags: a user, a lead or a company. */
type Taggable = UserRecord | CompanyRecord;

/** One resolved item of `users` or `companies`: what to tag, and whether to untag it. */
interface TagItem {
  target: Taggable;
  untag: boolean;
}

/**
 * A `users` item: `{id}` (a user or a lead), `{user_id}` or `{email}` (users). Unknown → 404
 * "User Not Found"; an email shared by several users → 409, as user writes answer.
 */
function resolveUser(store: Store, item: Body, field: string): UserRecord {
  const id = optionalIdentifier(item, 'id');
  const userId = optionalIdentifier(item, 'user_id');
  const email = optionalString(item, 'email');
  let record: UserRecord | undefined;
  if (id !== undefined) {
    const found = store.users.get(id);
    record = found !== undefined && found.role !== 'visitor' ? found : undefined;
  } else if (userId !== undefined) {
    record = store.userByUserId(userId, 'user');
  } else if (typeof email === 'string') {
    const matches = store.usersByEmail(email, 'user');
    if (matches.length > 1) throw multipleMatch(email);
    record = matches[0];
  } else {
    throw invalid(`${field} needs an id, user_id or email`, field);
  }
  if (record === undefined) throw notFound('User Not Found');
  return record;
}

/** A `companies` item: `{id}` or `{company_id}`. Unknown → 404 "Company Not Found". */
function resolveCompany(store: Store, item: Body, field: string): CompanyRecord {
  const id = optionalIdentifier(item, 'id');
  const companyId = optionalIdentifier(item, 'company_id');
  let company: CompanyRecord | undefined;
  if (id !== undefined) company = store.companies.get(id);
  else if (companyId !== undefined) company = store.companyByCompanyId(companyId);
  else throw invalid(`${field} needs an id or company_id`, field);
  if (company === undefined) throw notFound('Company Not Found');
  return company;
}

/**
 * `POST /tags`: creates the tag (or finds it: names compare case-insensitively), renames it when `id`
 * is given, and tags or (items with `"untag": true`) untags the listed users or companies. Every item
 * is resolved before anything changes: one unknown user or company fails the whole request.
 */
function postTag(ctx: RouteContext): RouteResult {
  const { store } = ctx;
  const body = bodyObject(ctx.body);
  const name = optionalString(body, 'name');
  if (name === undefined || name === null || name.trim() === '') throw missing('name');
  const id = optionalIdentifier(body, 'id');
  const users = optionalObjects(body, 'users');
  const companies = optionalObjects(body, 'companies');
  if (users !== undefined && companies !== undefined) {
    throw invalid('Tag either users or companies in one request, not both', 'companies');
  }
  const items: TagItem[] = [];
  const read = (list: Body[], kind: 'users' | 'companies'): void => {
    list.forEach((item, i) => {
      const field = `${kind}[${i}]`;
      const untag = optionalBoolean(item, 'untag') === true;
      const target = kind === 'users' ? resolveUser(store, item, field) : resolveCompany(store, item, field);
      items.push({ target, untag });
    });
  };
  if (users !== undefined) read(users, 'users');
  if (companies !== undefined) read(companies, 'companies');

  const named = store.tagByName(name);
  let tag: TagRecord;
  if (id !== undefined) {
    const existing = store.tags.get(id);
    if (existing === undefined) throw notFound('Tag Not Found');
    if (named !== undefined && named.id !== id) throw invalid(`A tag named '${named.name}' already exists`, 'name');
    existing.name = name;
    tag = existing;
  } else if (named !== undefined) {
    tag = named;
  } else {
    tag = { id: store.nextId(), name };
    store.tags.set(tag.id, tag);
  }
  for (const { target, untag } of items) {
    const had = target.tag_ids.includes(tag.id);
    if (untag) target.tag_ids = target.tag_ids.filter((t) => t !== tag.id);
    else if (!had) target.tag_ids.push(tag.id);
    if (had === untag && 'role' in target) emitTagging(ctx, target, tag, untag);
  }
  return { status: 200, body: renderTag(tag) };
}

/** `user.tag.created`/`deleted` (a `user_tag` item) or, for a lead, `contact.tag.created`/`deleted` (a `contact_tag`). */
function emitTagging(ctx: RouteContext, record: UserRecord, tag: TagRecord, untag: boolean): void {
  const lead = record.role === 'contact';
  const topic = `${lead ? 'contact' : 'user'}.tag.${untag ? 'deleted' : 'created'}`;
  ctx.store.emit(topic, (c) => ({
    type: lead ? 'contact_tag' : 'user_tag',
    created_at: nowSeconds(),
    tag: renderTag(tag),
    [lead ? 'contact' : 'user']: renderUser(ctx.store, record, c),
  }));
}

/** Registers `/tags` and `/tags/{id}`. */
export function tagRoutes(router: Router): void {
  router.add('POST', '/tags', postTag);
  router.add('GET', '/tags', (ctx) => ({
    status: 200,
    body: { type: 'tag.list', tags: [...ctx.store.tags.values()].map(renderTag) },
  }));
  router.add('DELETE', '/tags/:id', (ctx) => {
    const id = ctx.params.id as string;
    if (!ctx.store.tags.has(id)) throw notFound('Tag Not Found');
    ctx.store.deleteTag(id);
    return { status: 200 };
  });
}
