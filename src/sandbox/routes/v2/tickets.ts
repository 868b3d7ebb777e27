/**
 * 2.x `/tickets`: create one of a type for a contact, find it with its parts, update it (attributes,
 * state, open, snooze, assignment), reply as an admin or a contact, delete it, search, tag and untag.
 */
import { ApiError, notFound } from '../../api-error.js';
import { assigneeById, conversationById } from '../../domain/conversations.js';
import { DomainError } from '../../domain/errors.js';
import type { AssigneeRef, TicketStateRecord, UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { isTicketSearchField, TICKET_SEARCH_FIELD_NAMES, ticketMatches } from '../../domain/ticket-search.js';
import { liveTicketStates, ticketStateOfCategory, ticketTypeById } from '../../domain/ticket-types.js';
import {
  checkNewTicket,
  createTicket,
  deleteTicket,
  replyToTicket,
  type TicketChanges,
  ticketById,
  updateTicket,
} from '../../domain/tickets.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';
import { renderTicket, renderTicketReply } from '../../renderers/v2/tickets.js';
import { renderAppliedTag } from '../../renderers/v2/workspace.js';
import { type Body, bodyObject, optionalIdentifier, optionalObjects, optionalString } from '../../requests/v1/payload.js';
import { requiredId } from '../../requests/v2/body-fields.js';
import { contactById } from '../../requests/v2/contact-lookup.js';
import { readConversationQuery } from '../../requests/v2/conversation-query.js';
import { cursorPage } from '../../requests/v2/cursor-list.js';
import { readBoolean, readChoice, readTicketAttributes } from '../../requests/v2/ticket-fields.js';
import type { RouteContext, Router } from '../../router.js';

const required = (field: string): ApiError => new ApiError(400, 'parameter_not_found', `${field} is a required parameter`);

/** An admin a body names; unknown admins are not found. */
function knownAdmin(store: Store, id: string): string {
  if (!store.admins.has(id)) throw new ApiError(404, 'admin_not_found', 'Admin not found');
  return id;
}

/** The contact a create names by `id`, `external_id` or `email` (an unknown email makes a new user). */
function ticketContact(store: Store, item: Body): UserRecord {
  const id = optionalIdentifier(item, 'id');
  if (id !== undefined) return contactById(store, id);
  const externalId = optionalIdentifier(item, 'external_id');
  if (externalId !== undefined) {
    const record = store.userByUserId(externalId, 'user');
    if (record === undefined) throw resourceNotFound('Contact');
    return record;
  }
  const email = optionalString(item, 'email');
  if (typeof email === 'string' && email !== '') {
    return store.usersByEmail(email, 'user')[0] ?? store.usersByEmail(email, 'contact')[0] ?? store.newUser('user', { email });
  }
  throw new ApiError(400, 'parameter_invalid', 'Each contact needs an id, external_id or email');
}

/** The assignee `assignee_id` names: `"0"` unassigns; unknown ids are `assignee_not_found`. */
function ticketAssignee(store: Store, id: string): AssigneeRef {
  try {
    return assigneeById(store, id);
  } catch (error) {
    if (error instanceof DomainError) throw new ApiError(404, 'assignee_not_found', 'Assignee not found');
    throw error;
  }
}

/** The state `ticket_state_id` names (or, as before 2.12, the category `state` names). */
function ticketState(store: Store, body: Body): TicketStateRecord | undefined {
  const stateId = optionalIdentifier(body, 'ticket_state_id');
  if (stateId !== undefined) {
    const state = liveTicketStates(store).find((s) => s.id === stateId);
    if (state === undefined) {
      throw new ApiError(
        400,
        'ticket_state_id_invalid',
        'Ticket state id is not valid or is not associated with the ticket type',
      );
    }
    return state;
  }
  const category = readChoice(body, 'state', ['submitted', 'in_progress', 'waiting_on_customer', 'resolved'] as const);
  if (category === undefined) return undefined;
  const state = ticketStateOfCategory(store, category);
  if (state === undefined) throw new ApiError(400, 'parameter_invalid', `The workspace has no ticket state '${category}'`);
  return state;
}

/** The changes of a `PUT /tickets/{id}` body, checked before anything changes. */
function readTicketChanges(store: Store, body: Body): TicketChanges {
  const changes: TicketChanges = {};
  const attributes = readTicketAttributes(body);
  if (attributes !== undefined) changes.attributes = attributes;
  const state = ticketState(store, body);
  if (state !== undefined) changes.state = state;
  const open = readBoolean(body, 'open');
  if (open !== undefined) changes.open = open;
  const isShared = readBoolean(body, 'is_shared');
  if (isShared !== undefined) changes.isShared = isShared;
  const snoozedUntil = body.snoozed_until;
  if (snoozedUntil !== undefined && snoozedUntil !== null) {
    if (typeof snoozedUntil !== 'number' || !Number.isInteger(snoozedUntil) || snoozedUntil < 0) {
      throw new ApiError(400, 'parameter_invalid', 'snoozed_until must be a Unix timestamp in seconds');
    }
    changes.snoozedUntil = snoozedUntil;
  }
  // 2.x before 2.12 sent the assignee inside `assignment`.
  const assignment = typeof body.assignment === 'object' && body.assignment !== null ? (body.assignment as Body) : body;
  const assigneeId = optionalIdentifier(assignment, 'assignee_id');
  if (assigneeId !== undefined) changes.assignee = ticketAssignee(store, assigneeId);
  if (body.company_id !== undefined) {
    const companyId = optionalIdentifier(body, 'company_id');
    if (companyId !== undefined && !store.companies.has(companyId)) throw resourceNotFound('Company');
    changes.companyId = companyId ?? null;
  }
  return changes;
}

/** The contact a contact reply names by `intercom_user_id`, `user_id` or `email`. */
function replyingContact(store: Store, body: Body): UserRecord {
  const intercomUserId = optionalIdentifier(body, 'intercom_user_id');
  if (intercomUserId !== undefined) {
    const record = store.users.get(intercomUserId);
    if (record === undefined || record.role === 'visitor') throw notFound();
    return record;
  }
  const userId = optionalIdentifier(body, 'user_id');
  const email = optionalString(body, 'email');
  const record =
    userId !== undefined
      ? store.userByUserId(userId, 'user')
      : typeof email === 'string'
        ? (store.usersByEmail(email, 'user')[0] ?? store.usersByEmail(email, 'contact')[0])
        : undefined;
  if (userId === undefined && typeof email !== 'string') {
    throw new ApiError(400, 'parameter_not_found', 'One of intercom_user_id, user_id or email is required');
  }
  if (record === undefined) throw notFound();
  return record;
}

/** Registers the `/tickets` routes. */
export function ticketRoutes(router: Router): void {
  router.add('POST', '/tickets', (ctx: RouteContext) => {
    const { store } = ctx;
    const body = bodyObject(ctx.body);
    const type = ticketTypeById(store, requiredId(body, 'ticket_type_id'));
    const items = optionalObjects(body, 'contacts');
    if (items === undefined || items.length === 0) throw required('contacts');
    if (items.length > 1) throw new ApiError(400, 'parameter_invalid', 'Only one contact can be added to a ticket');
    const attributes = readTicketAttributes(body) ?? {};
    const createdAt = body.created_at;
    if (createdAt !== undefined && (typeof createdAt !== 'number' || !Number.isInteger(createdAt) || createdAt < 0)) {
      throw new ApiError(400, 'parameter_invalid', 'created_at must be a Unix timestamp in seconds');
    }
    const assignment = typeof body.assignment === 'object' && body.assignment !== null ? (body.assignment as Body) : {};
    const adminAssignee = optionalIdentifier(assignment, 'admin_assignee_id');
    const teamAssignee = optionalIdentifier(assignment, 'team_assignee_id');
    const assigneeId = adminAssignee ?? teamAssignee;
    const assignee = assigneeId === undefined ? undefined : ticketAssignee(store, assigneeId);
    const companyId = optionalIdentifier(body, 'company_id');
    if (companyId !== undefined && !store.companies.has(companyId)) throw resourceNotFound('Company');
    const linkId = optionalIdentifier(body, 'conversation_to_link_id');
    if (linkId !== undefined) conversationById(store, linkId);
    // The type and attributes are checked before the contact (an unknown email makes a user).
    checkNewTicket(type, attributes);
    const contact = ticketContact(store, items[0] as Body);
    const ticket = createTicket(store, {
      type,
      contactIds: [contact.id],
      attributes,
      author: { type: 'admin', id: ctx.adminId },
      ...(assignee === undefined ? {} : { assignee }),
      ...(companyId === undefined ? {} : { companyId }),
      ...(linkId === undefined ? {} : { conversationId: linkId }),
      ...(typeof createdAt === 'number' ? { createdAt } : {}),
    });
    return { status: 200, body: renderTicket(store, ticket) };
  });

  router.add('POST', '/tickets/search', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    if (body.query === undefined || body.query === null) throw required('query');
    const query = readConversationQuery(body.query, 0, { has: isTicketSearchField, names: TICKET_SEARCH_FIELD_NAMES });
    const pagination = (typeof body.pagination === 'object' && body.pagination !== null ? body.pagination : {}) as Body;
    const search = new URLSearchParams();
    if (pagination.per_page !== undefined && pagination.per_page !== null) search.set('per_page', String(pagination.per_page));
    if (typeof pagination.starting_after === 'string') search.set('starting_after', pagination.starting_after);
    const found = [...ctx.store.tickets.values()]
      .filter((t) => ticketMatches(ctx.store, query, t))
      .sort((a, b) => b.created_at - a.created_at || Number(b.id) - Number(a.id));
    const { slice, pages, totalCount } = cursorPage({ ...ctx, query: search }, found, { defaultPerPage: 20, maxPerPage: 150 });
    return {
      status: 200,
      body: { type: 'ticket.list', tickets: slice.map((t) => renderTicket(ctx.store, t)), total_count: totalCount, pages },
    };
  });

  router.add('GET', '/tickets/:id', (ctx: RouteContext) => ({
    status: 200,
    body: renderTicket(ctx.store, ticketById(ctx.store, ctx.params.id as string)),
  }));

  router.add('PUT', '/tickets/:id', (ctx: RouteContext) => {
    const { store } = ctx;
    const ticket = ticketById(store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const assignment = typeof body.assignment === 'object' && body.assignment !== null ? (body.assignment as Body) : body;
    const adminId = optionalIdentifier(assignment, 'admin_id');
    // The description's "Admin not found" example answers an unknown admin_id as assignee_not_found.
    if (adminId !== undefined && !store.admins.has(adminId)) throw new ApiError(404, 'assignee_not_found', 'Assignee not found');
    const author = { type: 'admin' as const, id: adminId ?? ctx.adminId };
    updateTicket(store, ticket, author, readTicketChanges(store, body));
    return { status: 200, body: renderTicket(store, ticket) };
  });

  router.add('DELETE', '/tickets/:id', (ctx: RouteContext) => {
    const id = ctx.params.id as string;
    deleteTicket(ctx.store, id);
    return { status: 200, body: { id, object: 'ticket', deleted: true } };
  });

  router.add('POST', '/tickets/:id/reply', (ctx: RouteContext) => {
    const { store } = ctx;
    const ticket = ticketById(store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const type = readChoice(body, 'type', ['admin', 'user'] as const);
    if (type === undefined) throw required('type');
    const text = optionalString(body, 'body') ?? undefined;
    const createdAt = typeof body.created_at === 'number' && Number.isInteger(body.created_at) ? body.created_at : undefined;
    if (type === 'admin') {
      const kind = readChoice(body, 'message_type', ['comment', 'note', 'quick_reply'] as const);
      if (kind === undefined) throw required('message_type');
      const author = { type: 'admin' as const, id: knownAdmin(store, requiredId(body, 'admin_id')) };
      const part = replyToTicket(store, ticket, { kind, author, text, createdAt });
      return { status: 200, body: renderTicketReply(store, part) };
    }
    if (readChoice(body, 'message_type', ['comment'] as const) === undefined) throw required('message_type');
    const contact = replyingContact(store, body);
    const part = replyToTicket(store, ticket, { kind: 'comment', author: { type: 'user', id: contact.id }, text, createdAt });
    return { status: 200, body: renderTicketReply(store, part) };
  });

  router.add('POST', '/tickets/:id/tags', (ctx: RouteContext) => {
    const { store } = ctx;
    const ticket = ticketById(store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const tagId = requiredId(body, 'id');
    knownAdmin(store, requiredId(body, 'admin_id'));
    const tag = store.tags.get(tagId);
    if (tag === undefined) throw new ApiError(404, 'tag_not_found', 'Tag not found');
    if (!ticket.tag_ids.includes(tag.id)) ticket.tag_ids.push(tag.id);
    return { status: 200, body: renderAppliedTag(tag) };
  });

  router.add('DELETE', '/tickets/:id/tags/:tag_id', (ctx: RouteContext) => {
    const { store } = ctx;
    const ticket = ticketById(store, ctx.params.id as string);
    knownAdmin(store, requiredId(bodyObject(ctx.body), 'admin_id'));
    const tag = store.tags.get(ctx.params.tag_id as string);
    if (tag === undefined || !ticket.tag_ids.includes(tag.id)) throw new ApiError(404, 'tag_not_found', 'Tag not found');
    ticket.tag_ids = ticket.tag_ids.filter((id) => id !== tag.id);
    return { status: 200, body: renderAppliedTag(tag) };
  });
}
