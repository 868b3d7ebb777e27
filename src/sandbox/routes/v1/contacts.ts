/** `/contacts` (API 1.x leads): create or update, find, list, scroll, delete, and convert to a user. */
import { missing } from '../../api-error.js';
import { applyPersonChanges, convertToUser, createLead, deletePerson, findAnonymous, userNotFound } from '../../domain/people.js';
import type { UserRecord } from '../../domain/records.js';
import { pagedList } from '../../pages.js';
import { renderUser } from '../../renderers/v1/people.js';
import { bodyObject, optionalIdentifier } from '../../requests/v1/payload.js';
import { objectMember, readAnonymousIdentity, readConversionTarget, readPersonChanges } from '../../requests/v1/people.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

function leadOr404(ctx: RouteContext): UserRecord {
  const record = ctx.store.userById(ctx.params.id as string, 'contact');
  if (record === undefined) throw userNotFound();
  return record;
}

/** Answers the lead as it was, then deletes it. */
function archive(ctx: RouteContext, record: UserRecord): RouteResult {
  const body = renderUser(ctx, record);
  deletePerson(ctx.store, record);
  return { status: 200, body };
}

/** All leads, or those with an email: a `contact.list`, newest first. */
function listLeads(ctx: RouteContext, records: UserRecord[]): RouteResult {
  const sorted = records.map((record, index) => ({ record, index }));
  sorted.sort((a, b) => b.record.created_at - a.record.created_at || b.index - a.index);
  const body = pagedList(
    ctx,
    sorted.map((entry) => entry.record),
    { path: '/contacts', type: 'contact.list', key: 'contacts', defaultPerPage: 50, maxPerPage: 60, totalCount: true },
    (record) => renderUser(ctx, record),
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
    const changes = readPersonChanges(body);
    if (id === undefined && userId === undefined) return { status: 200, body: renderUser(ctx, createLead(store, changes)) };
    const record = id !== undefined ? store.userById(id, 'contact') : store.userByUserId(userId as string, 'contact');
    if (record === undefined) throw userNotFound();
    applyPersonChanges(store, record, changes);
    return { status: 200, body: renderUser(ctx, record) };
  });

  router.add('PUT', '/contacts/:id', (ctx) => {
    const record = leadOr404(ctx);
    applyPersonChanges(ctx.store, record, readPersonChanges(bodyObject(ctx.body)));
    return { status: 200, body: renderUser(ctx, record) };
  });

  router.add('GET', '/contacts', (ctx) => {
    const { store, query } = ctx;
    const userId = query.get('user_id');
    if (userId !== null) {
      const record = store.userByUserId(userId, 'contact');
      if (record === undefined) throw userNotFound();
      return { status: 200, body: renderUser(ctx, record) };
    }
    const email = query.get('email');
    if (email !== null) return listLeads(ctx, store.usersByEmail(email, 'contact'));
    return listLeads(ctx, store.peopleOf('contact'));
  });

  router.add('GET', '/contacts/scroll', (ctx) => {
    const { store } = ctx;
    const page = store.scrollPage('contacts', ctx.query.get('scroll_param'), () => store.peopleOf('contact').map((r) => r.id));
    const contacts = [];
    for (const id of page.ids) {
      const record = store.users.get(id);
      if (record !== undefined && record.role === 'contact') contacts.push(renderUser(ctx, record));
    }
    return { status: 200, body: { type: 'contact.list', contacts, scroll_param: page.param } };
  });

  router.add('GET', '/contacts/:id', (ctx) => ({ status: 200, body: renderUser(ctx, leadOr404(ctx)) }));

  router.add('DELETE', '/contacts/:id', (ctx) => archive(ctx, leadOr404(ctx)));
  // The lead's id in a JSON body, as some clients send it.
  router.add('DELETE', '/contacts', (ctx) => {
    const id = optionalIdentifier(bodyObject(ctx.body), 'id');
    if (id === undefined) throw missing('id');
    const record = ctx.store.userById(id, 'contact');
    if (record === undefined) throw userNotFound();
    return archive(ctx, record);
  });

  router.add('POST', '/contacts/convert', (ctx) => {
    const body = bodyObject(ctx.body);
    const contact = objectMember(body, 'contact');
    const user = objectMember(body, 'user');
    const lead = findAnonymous(ctx.store, 'contact', readAnonymousIdentity(contact, 'contact'));
    const converted = convertToUser(ctx.store, lead, readConversionTarget(user));
    return { status: 200, body: renderUser(ctx, converted) };
  });
}
