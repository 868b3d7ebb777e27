import { ApiError, invalid, notFound } from '../api-error.js';
import { bodyObject, optionalString } from '../payload.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { nowSeconds, type UserRecord } from '../store.js';
import { anonymousByIdentity, byUserId, convertToUser, objectMember } from './contacts.js';
import { readUserWrite, renderUser } from './users.js';

const visitorNotFound = (): ApiError => notFound('Visitor Not Found');

function visitorOr404(ctx: RouteContext): UserRecord {
  const record = ctx.store.userById(ctx.params.id as string, 'visitor');
  if (record === undefined) throw visitorNotFound();
  return record;
}

function render(ctx: RouteContext, record: UserRecord): RouteResult {
  return { status: 200, body: renderUser(ctx.store, record, ctx) };
}

/**
 * Registers `/visitors`, `/visitors/{id}` and `/visitors/convert`. Visitors come from the Messenger:
 * the API reads, updates, deletes and converts them, but cannot create them.
 */
export function visitorRoutes(router: Router): void {
  router.add('GET', '/visitors/:id', (ctx) => render(ctx, visitorOr404(ctx)));

  router.add('GET', '/visitors', (ctx) => {
    const userId = ctx.query.get('user_id');
    if (userId === null) throw new ApiError(400, 'parameter_not_found', 'user_id is a required parameter', 'user_id');
    const record = byUserId(ctx.store, userId, 'visitor');
    if (record === undefined) throw visitorNotFound();
    return render(ctx, record);
  });

  router.add('PUT', '/visitors/:id', (ctx) => {
    const record = visitorOr404(ctx);
    readUserWrite(ctx.store, bodyObject(ctx.body)).apply(record);
    return render(ctx, record);
  });

  // Update only: the body names the visitor by `id` or `user_id`.
  router.add('POST', '/visitors', (ctx) => {
    const body = bodyObject(ctx.body);
    const write = readUserWrite(ctx.store, body);
    const record = anonymousByIdentity(ctx.store, body, '', 'visitor');
    write.apply(record);
    return render(ctx, record);
  });

  router.add('DELETE', '/visitors/:id', (ctx) => {
    const record = visitorOr404(ctx);
    const result = render(ctx, record);
    ctx.store.removeUser(record);
    return result;
  });

  router.add('POST', '/visitors/convert', (ctx) => {
    const body = bodyObject(ctx.body);
    const type = optionalString(body, 'type');
    if (type === undefined || type === null) {
      throw new ApiError(400, 'parameter_not_found', "type is a required parameter: 'lead' or 'user'", 'type');
    }
    if (type !== 'lead' && type !== 'user') throw invalid("type must be 'lead' or 'user'", 'type');
    const visitorPart = objectMember(body, 'visitor');
    const userPart = type === 'user' ? objectMember(body, 'user') : undefined;
    const visitor = anonymousByIdentity(ctx.store, visitorPart, 'visitor', 'visitor');
    if (userPart !== undefined) return convertToUser(ctx, visitor, userPart);
    // To a lead: the same record, now a lead (it keeps its UUID user_id and pseudonym).
    ctx.store.setRole(visitor, 'contact');
    visitor.updated_at = nowSeconds();
    return render(ctx, visitor);
  });
}
