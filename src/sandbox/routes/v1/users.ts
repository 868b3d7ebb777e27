/** `/users` (API 1.x): create or update, find, list, scroll and delete users. */
import { ApiError, invalid } from '../../api-error.js';
import { versionAtLeast } from '../../api-version.js';
import { deletePerson, erasePerson, findUser, upsertUser, userNotFound } from '../../domain/people.js';
import { nowSeconds, type UserRecord } from '../../domain/records.js';
import { pagedList, sortByQuery } from '../../pages.js';
import { renderUser } from '../../renderers/v1/people.js';
import { bodyObject, optionalIdentifier, optionalString } from '../../requests/v1/payload.js';
import { noIdentifier, readIdentifiers, readPersonChanges } from '../../requests/v1/people.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

/** Finds the user a lookup query names (`?email=`, `?user_id=`), as `GET` and `DELETE /users` take it. */
function lookup(ctx: RouteContext): UserRecord {
  const { store, query } = ctx;
  const record = findUser(store, { user_id: query.get('user_id') ?? undefined, email: query.get('email') ?? '' });
  if (record === undefined) throw userNotFound();
  return record;
}

const USER_SORTS = ['created_at', 'last_request_at', 'signed_up_at', 'updated_at'] as const;

function listUsers(ctx: RouteContext): RouteResult {
  const { store, query } = ctx;
  const email = query.get('email');
  let records = store.peopleOf('user');
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
    const tag = store.tagByName(tagName);
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
    (record) => renderUser(ctx, record),
  );
  body.limited = false;
  return { status: 200, body };
}

/** `POST /users`: create or update, found by `id`, else `user_id`, else `email`. */
function postUser(ctx: RouteContext): RouteResult {
  const body = bodyObject(ctx.body);
  const ids = readIdentifiers(body);
  if (noIdentifier(ids)) throw new ApiError(400, 'missing_parameter', 'User email, user_id or anonymous_id must be supplied');
  const record = upsertUser(ctx.store, ids, readPersonChanges(body));
  return { status: 200, body: renderUser(ctx, record) };
}

/** Answers the user as it was, then deletes it. */
function archive(ctx: RouteContext, record: UserRecord): RouteResult {
  const body = renderUser(ctx, record);
  deletePerson(ctx.store, record);
  return { status: 200, body };
}

/** Registers `/users`, `/users/scroll`, `/users/{id}` and `/user_delete_requests`. */
export function userRoutes(router: Router): void {
  router.add('POST', '/users', postUser);

  router.add('GET', '/users', (ctx) => {
    const { query } = ctx;
    // 1.0 answers `?email=` with the one user; from 1.1 it is a list.
    if (query.has('user_id') || (query.has('email') && !versionAtLeast(ctx.version, '1.1'))) {
      return { status: 200, body: renderUser(ctx, lookup(ctx)) };
    }
    return listUsers(ctx);
  });

  router.add('GET', '/users/scroll', (ctx) => {
    const { store } = ctx;
    const page = store.scrollPage('users', ctx.query.get('scroll_param'), () => store.peopleOf('user').map((r) => r.id));
    const users = [];
    for (const id of page.ids) {
      const record = store.users.get(id);
      if (record !== undefined) users.push(renderUser(ctx, record));
    }
    return { status: 200, body: { type: 'user.list', users, scroll_param: page.param } };
  });

  router.add('GET', '/users/:id', (ctx) => {
    const record = ctx.store.userById(ctx.params.id as string, 'user');
    if (record === undefined) throw userNotFound();
    return { status: 200, body: renderUser(ctx, record) };
  });

  router.add('DELETE', '/users/:id', (ctx) => {
    const record = ctx.store.userById(ctx.params.id as string, 'user');
    if (record === undefined) throw userNotFound();
    return archive(ctx, record);
  });
  // The identifier in the query (`?email=`, `?user_id=`) or, as some clients send it, in a JSON body.
  router.add('DELETE', '/users', (ctx) => {
    if (ctx.query.has('user_id') || ctx.query.has('email')) return archive(ctx, lookup(ctx));
    const body = bodyObject(ctx.body);
    const userId = optionalIdentifier(body, 'user_id');
    const email = optionalString(body, 'email') ?? undefined;
    if (userId === undefined && email === undefined) throw invalid('user_id or email is required');
    const record = findUser(ctx.store, { user_id: userId, email: email ?? '' });
    if (record === undefined) throw userNotFound();
    return archive(ctx, record);
  });

  router.add('POST', '/user_delete_requests', (ctx) => {
    const body = bodyObject(ctx.body);
    const id = optionalIdentifier(body, 'intercom_user_id');
    if (id === undefined)
      throw new ApiError(400, 'parameter_not_found', 'intercom_user_id is a required parameter', 'intercom_user_id');
    const record = ctx.store.users.get(id);
    if (record === undefined) throw userNotFound();
    erasePerson(ctx.store, record);
    return { status: 200, body: { id: Number(ctx.store.nextId()) } };
  });
}
