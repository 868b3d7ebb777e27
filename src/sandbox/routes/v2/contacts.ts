/**
 * 2.x `/contacts`: users and leads as one resource told apart by `role`. Create (409 when the email
 * or external id is taken), update, find (410 for a contact merged away), find by external id,
 * delete, archive, unarchive, block, merge a lead into a user, list (cursor) and search.
 */
import { ApiError } from '../../api-error.js';
import { blockPerson, mergeLeadIntoUser, setArchived } from '../../domain/contact-lifecycle.js';
import { checkCustomAttributes } from '../../domain/data-attributes.js';
import { applyPersonChanges, deletePerson, newAnonymous } from '../../domain/people.js';
import type { UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import {
  type ContactRenderOptions,
  renderContact,
  renderContactReference,
  renderMergeHistoryItem,
} from '../../renderers/v2/contacts.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';
import { bodyObject, optionalIdentifier } from '../../requests/v1/payload.js';
import { readContactCreate, readContactUpdate } from '../../requests/v2/contact-body.js';
import { contactById } from '../../requests/v2/contact-lookup.js';
import { searchContacts } from '../../requests/v2/contact-search.js';
import { cursorPage } from '../../requests/v2/cursor-list.js';
import { mergeHistoryPage } from '../../requests/v2/merge-history-page.js';
import type { RouteContext, Router } from '../../router.js';

/** The contact answer the request asks for: `include_merge_history=true` adds a user's merge history. */
const rendering = (ctx: RouteContext): ContactRenderOptions => ({
  mergeHistory: ctx.query.get('include_merge_history') === 'true',
});

/** 409 naming the contact that already holds an email or external id. */
function conflictWith(record: UserRecord): ApiError {
  return new ApiError(409, 'conflict', `A contact matching those details already exists with id=${record.id}`);
}

/** The contact of `role` that already holds this email or external id, other than `self`. */
function holderOf(
  store: Store,
  role: 'user' | 'lead',
  email: string | null | undefined,
  externalId: string | undefined,
  self?: UserRecord,
): UserRecord | undefined {
  if (externalId !== undefined) {
    const holder = store.userByUserId(externalId, 'user');
    if (holder !== undefined && holder !== self) return holder;
  }
  if (typeof email === 'string' && role === 'user') {
    const holder = store.usersByEmail(email, 'user').find((r) => r !== self);
    if (holder !== undefined) return holder;
  }
  return undefined;
}

/** Contacts in list order: oldest first, archived ones left out. */
const listedContacts = (store: Store): UserRecord[] =>
  [...store.users.values()].filter((r) => r.role !== 'visitor' && !r.archived);

/** Registers the `/contacts` routes. */
export function contactRoutes(router: Router): void {
  router.add('POST', '/contacts', (ctx: RouteContext) => {
    const { store } = ctx;
    const { role, externalId, changes } = readContactCreate(bodyObject(ctx.body));
    checkCustomAttributes(store, 'contact', changes.attributes);
    // Users told apart by their external ids may share an email (2.x dropped 1.x's one user per
    // email): a create conflicts on its email only when it names no external id.
    const holder = holderOf(store, role, externalId === undefined ? changes.email : undefined, externalId);
    if (holder !== undefined) throw conflictWith(holder);
    const record =
      role === 'user'
        ? store.newUser('user', externalId === undefined ? {} : { user_id: externalId })
        : newAnonymous(store, 'contact');
    if (role === 'lead' && externalId !== undefined) store.setUserId(record, externalId);
    applyPersonChanges(store, record, changes);
    store.sink.publish({ type: 'person.created', person: record });
    return { status: 200, body: renderContact(store, record) };
  });

  router.add('GET', '/contacts', (ctx: RouteContext) => {
    const { slice, pages, totalCount } = cursorPage(ctx, listedContacts(ctx.store), { defaultPerPage: 10, maxPerPage: 150 });
    return {
      status: 200,
      body: { type: 'list', data: slice.map((r) => renderContact(ctx.store, r, rendering(ctx))), total_count: totalCount, pages },
    };
  });

  router.add('POST', '/contacts/search', (ctx: RouteContext) => {
    const { entries, pages, total } = searchContacts(ctx.store, bodyObject(ctx.body));
    return {
      status: 200,
      body: {
        type: 'list',
        data: entries.map((e) => renderContact(ctx.store, e.record, rendering(ctx))),
        total_count: total,
        pages,
      },
    };
  });

  router.add('POST', '/contacts/merge', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    const from = optionalIdentifier(body, 'from');
    const into = optionalIdentifier(body, 'into');
    if (from === undefined) throw new ApiError(400, 'parameter_not_found', 'from is a required parameter');
    if (into === undefined) throw new ApiError(400, 'parameter_not_found', 'into is a required parameter');
    const user = mergeLeadIntoUser(ctx.store, from, into);
    return { status: 200, body: renderContact(ctx.store, user, rendering(ctx)) };
  });

  // A user's merges, newest first unless `order=asc`; a lead (or an unknown id) is not found.
  router.add('GET', '/contacts/:id/merge_history', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    if (record.role !== 'user') throw resourceNotFound('Contact');
    const { items, nextCursor } = mergeHistoryPage(ctx.query, record.merge_history);
    return {
      status: 200,
      body: {
        type: 'list',
        data: items.map(renderMergeHistoryItem),
        has_more: nextCursor !== undefined,
        ...(nextCursor === undefined ? {} : { next_cursor: nextCursor }),
      },
    };
  });

  router.add('GET', '/contacts/find_by_external_id/:external_id', (ctx: RouteContext) => {
    const record = ctx.store.userByUserId(ctx.params.external_id as string, 'user');
    if (record === undefined) throw resourceNotFound('Contact');
    return { status: 200, body: renderContact(ctx.store, record, rendering(ctx)) };
  });

  router.add('GET', '/contacts/:id', (ctx: RouteContext) => ({
    status: 200,
    body: renderContact(ctx.store, contactById(ctx.store, ctx.params.id as string), rendering(ctx)),
  }));

  router.add('PUT', '/contacts/:id', (ctx: RouteContext) => {
    const { store } = ctx;
    const record = contactById(store, ctx.params.id as string);
    const { role, externalId, changes } = readContactUpdate(bodyObject(ctx.body));
    checkCustomAttributes(store, 'contact', changes.attributes);
    const holder = holderOf(store, role ?? (record.role === 'user' ? 'user' : 'lead'), changes.email, externalId, record);
    if (holder !== undefined) throw conflictWith(holder);
    if (role === 'user' && record.role !== 'user') {
      store.setUserId(record, null);
      store.setRole(record, 'user');
      record.pseudonym = null;
    }
    if (externalId !== undefined && record.user_id !== externalId) store.setUserId(record, externalId);
    applyPersonChanges(store, record, changes);
    return { status: 200, body: renderContact(store, record, rendering(ctx)) };
  });

  router.add('DELETE', '/contacts/:id', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const reference = renderContactReference(record);
    deletePerson(ctx.store, record);
    return { status: 200, body: { ...reference, deleted: true } };
  });

  router.add('POST', '/contacts/:id/archive', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    setArchived(record, true);
    return { status: 200, body: { ...renderContactReference(record), archived: true } };
  });

  router.add('POST', '/contacts/:id/unarchive', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    setArchived(record, false);
    return { status: 200, body: { ...renderContactReference(record), archived: false } };
  });

  router.add('POST', '/contacts/:id/block', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    blockPerson(record);
    return { status: 200, body: { ...renderContactReference(record), blocked: true } };
  });
}
