/**
 * The bridge's translation of users, leads (1.x contacts), customers search, visitors, companies, tags,
 * notes, segments, events, admins and teams to API 2.x.
 *
 * @module
 */
import type { JsonObject } from '../core/models.js';
import { contactByExternalId, contactById, contactsByEmail, personNotFound, renderOnePerson } from './contact-lookup.js';
import { type ContactRole, listPages, renderPerson } from './people-shapes.js';
import { PersonUpsert } from './person-upsert.js';
import type { BridgeCall, BridgeContext, BridgeRoute, BridgeRoutes } from './route-table.js';

/** The JSON object body of a 1.x write. */
const bodyOf = (call: BridgeCall): JsonObject =>
  typeof call.body === 'object' && call.body !== null && !Array.isArray(call.body) ? (call.body as JsonObject) : {};

/** The 1.x list type and items key of a role: `user.list`/`users`, `contact.list`/`contacts`. */
const LIST_OF: Readonly<Record<ContactRole, { type: string; key: string }>> = {
  user: { type: 'user.list', key: 'users' },
  lead: { type: 'contact.list', key: 'contacts' },
};

/** A 1.x list of people found by a lookup (one page, as 1.x answered `?email=`). */
function lookupList(role: ContactRole, people: JsonObject[]): JsonObject {
  const { type, key } = LIST_OF[role];
  return {
    type,
    total_count: people.length,
    limited: false,
    pages: listPages(1, 50, people.length === 0 ? 0 : 1, null),
    [key]: people,
  };
}

/**
 * `GET /users?email=|user_id=` and `GET /contacts?email=|user_id=`: by email a 1.x list (one person is
 * answered in full, so a `find` gets its companies and tags), by user_id one person or the 1.x 404.
 * Answers undefined when the query names neither (a list, not a lookup).
 */
async function lookup(context: BridgeContext, role: ContactRole, call: BridgeCall): Promise<JsonObject | undefined> {
  const { email, user_id: userId } = call.query;
  if (userId !== undefined) {
    const contact = await contactByExternalId(context, role, userId, call.options);
    if (contact === undefined) throw personNotFound(role);
    return renderOnePerson(context, contact, call.options);
  }
  if (email !== undefined) {
    const found = await contactsByEmail(context, role, email, call.options);
    const people =
      found.length === 1
        ? [await renderOnePerson(context, found[0] as JsonObject, call.options)]
        : found.map((contact) => renderPerson(contact));
    return lookupList(role, people);
  }
  return undefined;
}

/** The routes of one role's people (`/users` for users, `/contacts` for leads). */
function personRoutes(
  context: BridgeContext,
  upserts: PersonUpsert,
  role: ContactRole,
  collection: '/users' | '/contacts',
): BridgeRoute[] {
  return [
    {
      method: 'POST',
      path: collection,
      handle(call) {
        const body = bodyOf(call);
        const identified = (body.user_id !== undefined && body.user_id !== null) || role === 'user';
        return identified ? upserts.upsert(role, body, call.options) : upserts.createLead(body, call.options);
      },
    },
    // 1.x updated a lead by id with PUT; a user only through the upsert.
    ...(role === 'lead'
      ? [
          {
            method: 'PUT',
            path: `${collection}/:id`,
            handle: (call: BridgeCall) => upserts.updateById(role, call.params.id as string, bodyOf(call), call.options),
          } satisfies BridgeRoute,
        ]
      : []),
    {
      method: 'GET',
      path: collection,
      async handle(call) {
        const found = await lookup(context, role, call);
        if (found !== undefined) return found;
        throw personNotFound(role);
      },
    },
    {
      method: 'GET',
      path: `${collection}/:id`,
      async handle(call) {
        const contact = await contactById(context, call.params.id as string, role, call.options);
        return renderOnePerson(context, contact, call.options);
      },
    },
  ];
}

/** The 1.x routes of users, leads (1.x contacts), customers search, visitors, companies, tags, notes, segments, events, admins and teams. */
export const peopleRoutes: BridgeRoutes = (context) => {
  const upserts = new PersonUpsert(context);
  return [...personRoutes(context, upserts, 'user', '/users'), ...personRoutes(context, upserts, 'lead', '/contacts')];
};
