/**
 * `/visitors` (API 1.x). Visitors come from the Messenger: the API reads, updates, deletes and
 * converts them, but cannot create them.
 */
import { ApiError, invalid, notFound } from '../../api-error.js';
import { applyPersonChanges, convertToUser, erasePerson, findAnonymous, visitorToLead } from '../../domain/people.js';
import type { UserRecord } from '../../domain/records.js';
import { renderUser } from '../../renderers/v1/people.js';
import { bodyObject, optionalString } from '../../requests/v1/payload.js';
import { objectMember, readAnonymousIdentity, readConversionTarget, readPersonChanges } from '../../requests/v1/people.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

const visitorNotFound = (): ApiError => notFound('Visitor Not Found');

function visitorOr404(ctx: RouteContext): UserRecord {
  const record = ctx.store.userById(ctx.params.id as string, 'visitor');
  if (record === undefined) throw visitorNotFound();
  return record;
}

function render(ctx: RouteContext, record: UserRecord): RouteResult {
  return { status: 200, body: renderUser(ctx, record) };
}

/** Registers `/visitors`, `/visitors/{id}` and `/visitors/convert`. */
export function visitorRoutes(router: Router): void {
  router.add('GET', '/visitors/:id', (ctx) => render(ctx, visitorOr404(ctx)));

  router.add('GET', '/visitors', (ctx) => {
    const userId = ctx.query.get('user_id');
    if (userId === null) throw new ApiError(400, 'parameter_not_found', 'user_id is a required parameter', 'user_id');
    const record = ctx.store.userByUserId(userId, 'visitor');
    if (record === undefined) throw visitorNotFound();
    return render(ctx, record);
  });

  router.add('PUT', '/visitors/:id', (ctx) => {
    const record = visitorOr404(ctx);
    applyPersonChanges(ctx.store, record, readPersonChanges(bodyObject(ctx.body)));
    return render(ctx, record);
  });

  // Update only: the body names the visitor by `id` or `user_id`.
  router.add('POST', '/visitors', (ctx) => {
    const body = bodyObject(ctx.body);
    const changes = readPersonChanges(body);
    const record = findAnonymous(ctx.store, 'visitor', readAnonymousIdentity(body, ''));
    applyPersonChanges(ctx.store, record, changes);
    return render(ctx, record);
  });

  router.add('DELETE', '/visitors/:id', (ctx) => {
    const record = visitorOr404(ctx);
    const result = render(ctx, record);
    erasePerson(ctx.store, record);
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
    const visitor = findAnonymous(ctx.store, 'visitor', readAnonymousIdentity(visitorPart, 'visitor'));
    if (userPart !== undefined) return render(ctx, convertToUser(ctx.store, visitor, readConversionTarget(userPart)));
    // To a lead: the same record, now a lead (it keeps its UUID user_id and pseudonym).
    visitorToLead(ctx.store, visitor);
    return render(ctx, visitor);
  });
}
