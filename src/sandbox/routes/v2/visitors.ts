/**
 * 2.x `/visitors`: find a visitor by `user_id`, update one named by `id` or `user_id` in the body,
 * and convert one into a lead, a new user, or an existing user (merged into it). The records are the
 * 1.x visitors: one workspace, two views.
 */
import { ApiError } from '../../api-error.js';
import type { PersonIdentifiers } from '../../domain/people.js';
import { applyPersonChanges, convertToUser, visitorToLead } from '../../domain/people.js';
import type { UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { renderContact } from '../../renderers/v2/contacts.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';
import { renderVisitor } from '../../renderers/v2/visitors.js';
import { bodyObject, optionalAttributes, optionalString } from '../../requests/v1/payload.js';
import { objectMember, readAnonymousIdentity, readConversionTarget } from '../../requests/v1/people.js';
import type { RouteContext, Router } from '../../router.js';

/** The visitor an `id` (else `user_id`) names; 404 `Visitor Not Found`. */
function visitorNamed(store: Store, ids: PersonIdentifiers): UserRecord {
  const record = ids.id !== undefined ? store.userById(ids.id, 'visitor') : store.userByUserId(ids.user_id as string, 'visitor');
  if (record === undefined) throw resourceNotFound('Visitor');
  return record;
}

/** Registers `GET /visitors`, `PUT /visitors` and `POST /visitors/convert`. */
export function visitorRoutes(router: Router): void {
  router.add('GET', '/visitors', (ctx: RouteContext) => {
    const userId = ctx.query.get('user_id');
    if (userId === null || userId === '') throw new ApiError(400, 'parameter_not_found', 'user_id is a required parameter');
    return { status: 200, body: renderVisitor(ctx.store, visitorNamed(ctx.store, { user_id: userId })) };
  });

  router.add('PUT', '/visitors', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    const ids = readAnonymousIdentity(body, '');
    const changes = { name: optionalString(body, 'name'), attributes: optionalAttributes(body) };
    const visitor = visitorNamed(ctx.store, ids);
    applyPersonChanges(ctx.store, visitor, changes);
    return { status: 200, body: renderVisitor(ctx.store, visitor) };
  });

  // To a lead: the visitor itself becomes one. To a user: merged into the user `user` names when
  // there is one, else the visitor becomes that user (its identifiers replacing the visitor's).
  router.add('POST', '/visitors/convert', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    const type = optionalString(body, 'type');
    if (type === undefined || type === null) throw new ApiError(400, 'parameter_not_found', 'type is a required parameter');
    if (type !== 'lead' && type !== 'user') throw new ApiError(400, 'parameter_invalid', "type must be 'lead' or 'user'");
    const visitorIds = readAnonymousIdentity(objectMember(body, 'visitor'), 'visitor');
    // The user part is read only for a conversion to a user, as Intercom does.
    const target = type === 'user' ? readConversionTarget(objectMember(body, 'user')) : undefined;
    const visitor = visitorNamed(ctx.store, visitorIds);
    if (target === undefined) {
      visitorToLead(ctx.store, visitor);
      return { status: 200, body: renderContact(ctx.store, visitor) };
    }
    return { status: 200, body: renderContact(ctx.store, convertToUser(ctx.store, visitor, target)) };
  });
}
