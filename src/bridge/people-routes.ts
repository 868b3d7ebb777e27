/**
 * The bridge's translation of users, leads (1.x contacts), customers search and visitors to API 2.x.
 * Companies, tags, notes, segments, events, admins and teams are in `workspace-routes.ts`.
 *
 * | 1.x | 2.x |
 * |---|---|
 * | `GET /users?user_id=`, `GET /contacts?user_id=` | `GET /contacts/find_by_external_id/{id}` (2.13+), else search on `external_id` |
 * | `GET /users?email=`, `GET /users?...` and `GET /contacts?...` lists | `POST /contacts/search` (role and filters) |
 * | `GET /users/{id}`, `GET /contacts/{id}` | `GET /contacts/{id}` (a 410 merged contact followed) |
 * | `POST /users`, `POST /contacts` (with `user_id`) | lookup, then `PUT /contacts/{id}` or `POST /contacts` (see person-upsert.ts) |
 * | `POST /contacts` (no identifier), `PUT /contacts/{id}` | `POST /contacts` role lead, `PUT /contacts/{id}` |
 * | `DELETE /users/{id}`, `DELETE /contacts/{id}` | `POST /contacts/{id}/archive` |
 * | `POST /user_delete_requests` | `DELETE /contacts/{id}` |
 * | `POST /contacts/convert` | `POST /contacts/merge` into an existing user, else `PUT /contacts/{id}` role user |
 * | `GET /users/scroll`, `GET /contacts/scroll` | `POST /contacts/search`, `scroll_param` the cursor |
 * | `POST /customers/search` | `POST /contacts/search` |
 * | `GET /visitors?user_id=`, `PUT /visitors/{id}`, `POST /visitors/convert` | `GET /visitors?user_id=`, `PUT /visitors`, `POST /visitors/convert` |
 * | `GET /visitors/{id}`, `DELETE /visitors/{id}` | none: {@link UnavailableOnApi2Error} |
 *
 * @module
 */
import { IntercomError, ResourceNotFound, UnavailableOnApi2Error } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import { apiPath } from '../core/url.js';
import { contactByExternalId, contactById, personNotFound, renderOnePerson, sendV2 } from './contact-lookup.js';
import { customerSearch, personListPage, personScrollPage } from './people-lists.js';
import { bodyOf, type ContactRole, renderPerson, renderVisitor } from './people-shapes.js';
import { PersonUpsert } from './person-upsert.js';
import type { BridgeCall, BridgeContext, BridgeRoute, BridgeRoutes } from './route-table.js';
import { workspaceRoutes } from './workspace-routes.js';

/** The routes of one role's people (`/users` for users, `/contacts` for leads). */
function personRoutes(
  context: BridgeContext,
  upserts: PersonUpsert,
  role: ContactRole,
  collection: '/users' | '/contacts',
): BridgeRoute[] {
  const renderOne = (contact: JsonObject, call: BridgeCall) => renderOnePerson(context, contact, call.options);
  const routes: BridgeRoute[] = [
    {
      method: 'GET',
      path: collection,
      async handle(call) {
        const userId = call.query.user_id;
        if (userId === undefined) return personListPage(context, role, call.query, call.options, (c) => renderOne(c, call));
        const contact = await contactByExternalId(context, role, userId, call.options);
        if (contact === undefined) throw personNotFound(role);
        return renderOne(contact, call);
      },
    },
    {
      method: 'GET',
      path: `${collection}/:id`,
      async handle(call) {
        return renderOne(await contactById(context, call.params.id as string, role, call.options), call);
      },
    },
    {
      method: 'GET',
      path: `${collection}/scroll`,
      handle: (call) => personScrollPage(context, role, call.query.scroll_param, call.options),
    },
    {
      method: 'POST',
      path: collection,
      handle(call) {
        const body = bodyOf(call);
        const identified = (body.user_id !== undefined && body.user_id !== null) || role === 'user';
        return identified ? upserts.upsert(role, body, call.options) : upserts.createLead(body, call.options);
      },
    },
    {
      // 1.x archived a user (and deleted a lead) with DELETE; 2.x archives both.
      method: 'DELETE',
      path: `${collection}/:id`,
      async handle(call) {
        const contact = await contactById(context, call.params.id as string, role, call.options);
        const answer = await renderOne(contact, call);
        await sendV2(context, call.options, {
          method: 'POST',
          path: apiPath`/contacts/${String(contact.id)}/archive`,
          // Archiving an archived contact changes nothing: repeatable.
          idempotent: true,
        });
        return answer;
      },
    },
  ];
  if (role === 'lead') {
    // 1.x updated a lead by id with PUT; a user only through the upsert.
    routes.push({
      method: 'PUT',
      path: `${collection}/:id`,
      handle: (call) => upserts.updateById(role, call.params.id as string, bodyOf(call), call.options),
    });
  }
  return routes;
}

/** A 1.x `{ id | user_id | email }` naming a person, as a string map. */
function identity(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const key of ['id', 'user_id', 'email']) {
    const field = (value as JsonObject)[key];
    if (field !== undefined && field !== null && field !== '') out[key] = String(field);
  }
  return out;
}

/** The user a 1.x convert names, if it exists. */
async function existingUser(
  context: BridgeContext,
  user: Record<string, string>,
  call: BridgeCall,
): Promise<JsonObject | undefined> {
  try {
    if (user.id !== undefined) return await contactById(context, user.id, 'user', call.options);
    if (user.user_id !== undefined) {
      const found = await contactByExternalId(context, 'user', user.user_id, call.options);
      if (found !== undefined) return found;
    }
    if (user.email !== undefined) {
      const page = await personListPage(context, 'user', { email: user.email, per_page: '2' }, call.options, async (c) => c);
      const [only] = page.users as JsonObject[];
      if (only !== undefined) return contactById(context, String(only.id), 'user', call.options);
    }
  } catch (error) {
    if (!(error instanceof ResourceNotFound)) throw error;
  }
  return undefined;
}

/**
 * `POST /contacts/convert`: a lead merged into an existing user (`POST /contacts/merge`), or made a
 * user with the identifiers given (`PUT /contacts/{id}` role user). A merge whose answer was lost is
 * resolved by looking at the lead: gone (404, or 410 merged) means it was merged.
 */
async function convertLead(context: BridgeContext, call: BridgeCall): Promise<JsonObject> {
  const body = bodyOf(call);
  const leadRef = identity(body.contact);
  const lead =
    leadRef.id !== undefined
      ? await contactById(context, leadRef.id, 'lead', call.options)
      : await contactByExternalId(context, 'lead', leadRef.user_id ?? '', call.options);
  if (lead === undefined) throw personNotFound('lead');
  const userRef = identity(body.user);
  const user = await existingUser(context, userRef, call);
  if (user === undefined) {
    const fields: JsonObject = { role: 'user' };
    if (userRef.user_id !== undefined) fields.external_id = userRef.user_id;
    if (userRef.email !== undefined) fields.email = userRef.email;
    const made = (await sendV2(context, call.options, {
      method: 'PUT',
      path: apiPath`/contacts/${String(lead.id)}`,
      body: fields,
    })) as JsonObject;
    return renderOnePerson(context, made, call.options);
  }
  try {
    await sendV2(context, call.options, { method: 'POST', path: '/contacts/merge', body: { from: lead.id, into: user.id } });
  } catch (error) {
    if (!(error instanceof IntercomError && error.outcomeUnknown)) throw error;
    const leadGone = await sendV2(context, call.options, { method: 'GET', path: apiPath`/contacts/${String(lead.id)}` }).then(
      () => false,
      (lookup: unknown) => lookup instanceof IntercomError && (lookup.httpCode === 404 || lookup.httpCode === 410),
    );
    if (!leadGone) throw error;
  }
  return renderOnePerson(context, await contactById(context, String(user.id), 'user', call.options), call.options);
}

/** `POST /user_delete_requests` → `DELETE /contacts/{id}`; answers the 1.x `{ id }`. */
async function hardDelete(context: BridgeContext, call: BridgeCall): Promise<JsonObject> {
  const id = bodyOf(call).intercom_user_id;
  if (typeof id !== 'string' || id === '') throw personNotFound('user');
  await sendV2(context, call.options, { method: 'DELETE', path: apiPath`/contacts/${id}` });
  return { id };
}

/** The 1.x visitor routes: 2.x has the same ones under slightly different paths, and no find by id or delete. */
function visitorRoutes(context: BridgeContext): BridgeRoute[] {
  const unavailable = (capability: string, alternative: string) => async () => {
    throw new UnavailableOnApi2Error(capability, alternative);
  };
  return [
    {
      method: 'GET',
      path: '/visitors',
      handle: (call) =>
        sendV2(context, call.options, { method: 'GET', path: '/visitors', query: { user_id: call.query.user_id } }).then(
          renderVisitor,
        ),
    },
    {
      method: 'GET',
      path: '/visitors/:id',
      handle: unavailable('visitor lookup by id', 'find the visitor by user_id: visitors.find({ user_id })'),
    },
    {
      method: 'DELETE',
      path: '/visitors/:id',
      handle: unavailable(
        'visitor deletion',
        'convert the visitor to a lead (visitors.convert), then archive or delete the lead',
      ),
    },
    {
      method: 'PUT',
      path: '/visitors/:id',
      handle: (call) =>
        sendV2(context, call.options, { method: 'PUT', path: '/visitors', body: { ...bodyOf(call), id: call.params.id } }).then(
          renderVisitor,
        ),
    },
    {
      method: 'POST',
      path: '/visitors/convert',
      async handle(call) {
        const body = bodyOf(call);
        // 2.x needs `user` for a lead too: the identifiers the lead keeps, the visitor's own (as a 1.x lead kept them).
        const sent = body.type === 'lead' && body.user === undefined ? { ...body, user: body.visitor } : body;
        // The visitor is gone after the first success: not repeated.
        const converted = (await sendV2(context, call.options, {
          method: 'POST',
          path: '/visitors/convert',
          body: sent,
        })) as JsonObject;
        return converted.type === 'contact' ? renderPerson(converted) : converted;
      },
    },
  ];
}

/**
 * The 1.x routes of users, leads (1.x contacts), customers search and visitors, and (workspace-routes.ts)
 * of companies, tags, notes, segments, events, admins and teams.
 */
export const peopleRoutes: BridgeRoutes = (context) => {
  const upserts = new PersonUpsert(context);
  return [
    ...personRoutes(context, upserts, 'user', '/users'),
    ...personRoutes(context, upserts, 'lead', '/contacts'),
    { method: 'POST', path: '/contacts/convert', handle: (call) => convertLead(context, call) },
    { method: 'POST', path: '/user_delete_requests', handle: (call) => hardDelete(context, call) },
    { method: 'POST', path: '/customers/search', handle: (call) => customerSearch(context, bodyOf(call), call.options) },
    ...visitorRoutes(context),
    ...workspaceRoutes(context),
  ];
};
