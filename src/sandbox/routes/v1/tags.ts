/** `/tags` (API 1.x): create, rename, list and delete tags; tag and untag users, leads and companies. */
import { invalid, missing, notFound } from '../../api-error.js';
import { emailConflict } from '../../domain/errors.js';
import type { CompanyRecord, UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { deleteTag, setTagged, type Taggable, tagNamed } from '../../domain/tags.js';
import { renderTag } from '../../renderers/v1/tags.js';
import {
  type Body,
  bodyObject,
  optionalBoolean,
  optionalIdentifier,
  optionalObjects,
  optionalString,
} from '../../requests/v1/payload.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

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
    if (matches.length > 1) throw emailConflict(email);
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

  const tag = tagNamed(store, name, id);
  for (const { target, untag } of items) setTagged(store, target, tag, untag);
  return { status: 200, body: renderTag(tag) };
}

/** Registers `/tags` and `/tags/{id}`. */
export function tagRoutes(router: Router): void {
  router.add('POST', '/tags', postTag);
  router.add('GET', '/tags', (ctx) => ({
    status: 200,
    body: { type: 'tag.list', tags: [...ctx.store.tags.values()].map(renderTag) },
  }));
  router.add('DELETE', '/tags/:id', (ctx) => {
    deleteTag(ctx.store, ctx.params.id as string);
    return { status: 200 };
  });
}
