/**
 * `POST /messages` (API 1.x): an admin writes to a user or lead (in-app or email), or a user or lead
 * writes to the app. Either starts a conversation holding the message.
 */
import { invalid, missing, notFound } from '../../api-error.js';
import { customerRef, startConversation, toHtml } from '../../domain/conversations.js';
import { findPerson, type IdentifierKind, visitorToLead } from '../../domain/people.js';
import { nowSeconds, type UserRecord } from '../../domain/records.js';
import { type Body, bodyObject, nested, optionalIdentifier, optionalString } from '../../requests/v1/payload.js';
import { readNamedIdentifier } from '../../requests/v1/people.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

const PARTY_FIELDS = [
  ['id', 'id'],
  ['user_id', 'user_id'],
  ['email', 'email'],
] as const satisfies ReadonlyArray<readonly [string, IdentifierKind]>;

/** Reads `field` of the body as an object; its own errors name `field.<key>`. */
function party(body: Body, field: 'from' | 'to'): Body | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${field} must be an object`, field);
  return value as Body;
}

function requiredText(body: Body, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === null || value === '') throw missing(field);
  return value;
}

/** An admin's message to a user or lead. */
function fromAdmin(ctx: RouteContext, body: Body, from: Body): RouteResult {
  const { store } = ctx;
  const adminId = nested('from', () => optionalIdentifier(from, 'id'));
  if (adminId === undefined) throw missing('from.id');
  const to = party(body, 'to');
  if (to === undefined) throw missing('to');
  const toType = nested('to', () => optionalString(to, 'type'));
  if (toType === undefined || toType === null) throw missing('to.type');
  if (toType !== 'user' && toType !== 'contact') throw invalid("to.type must be 'user' or 'contact'", 'to.type');
  const named = nested('to', () => readNamedIdentifier(to, PARTY_FIELDS));
  if (named === undefined) throw missing('to.id', 'to needs an id, user_id or email');
  const messageType = optionalString(body, 'message_type') ?? 'inapp';
  if (messageType !== 'inapp' && messageType !== 'email')
    throw invalid("message_type must be 'inapp' or 'email'", 'message_type');
  const text = requiredText(body, 'body');
  let subject = '';
  let template: string | undefined;
  if (messageType === 'email') {
    subject = requiredText(body, 'subject');
    template = optionalString(body, 'template') ?? 'plain';
    if (template !== 'plain' && template !== 'personal') throw invalid("template must be 'plain' or 'personal'", 'template');
  }
  const admin = store.admins.get(adminId);
  if (admin === undefined) throw notFound();
  // Leads cannot be addressed by email.
  if (toType === 'contact' && named.key === 'email') throw notFound('User Not Found');
  const recipient = findPerson(store, [toType], named.key, named.value);
  if (recipient === undefined) throw notFound();

  const messageId = store.nextId();
  startConversation(store, {
    customer: recipient,
    author: { type: 'admin', id: admin.id },
    messageId,
    subject,
    body: toHtml(text, true),
    deliveredAs: 'admin_initiated',
  });
  const answer: Record<string, unknown> = {
    type: 'admin_message',
    id: messageId,
    created_at: nowSeconds(),
    message_type: messageType,
  };
  if (messageType === 'email') answer.subject = subject;
  answer.body = text;
  if (template !== undefined) answer.template = template;
  answer.owner = { type: 'admin', id: admin.id, name: admin.name, email: admin.email };
  return { status: 200, body: answer };
}

/** A user's or lead's message to the app. A visitor writing as a `contact` becomes a lead. */
function fromCustomer(ctx: RouteContext, body: Body, from: Body, fromType: 'user' | 'contact'): RouteResult {
  const { store } = ctx;
  const named = nested('from', () => readNamedIdentifier(from, PARTY_FIELDS));
  if (named === undefined) throw missing('from.id', 'from needs an id, user_id or email');
  const messageType = optionalString(body, 'message_type');
  if (messageType !== undefined && messageType !== null && messageType !== 'inapp') {
    throw invalid("message_type of a message from a user or lead can only be 'inapp'", 'message_type');
  }
  const text = requiredText(body, 'body');
  const roles: UserRecord['role'][] = fromType === 'user' ? ['user'] : ['contact', 'visitor'];
  const sender = findPerson(store, roles, named.key, named.value);
  if (sender === undefined) throw notFound();

  if (sender.role === 'visitor') visitorToLead(store, sender, { touch: false });
  const messageId = store.nextId();
  startConversation(store, {
    customer: sender,
    author: customerRef(store, sender.id),
    messageId,
    subject: '',
    body: toHtml(text, false),
    deliveredAs: 'customer_initiated',
  });
  return {
    status: 200,
    body: { type: 'user_message', id: messageId, created_at: nowSeconds(), body: text, message_type: 'inapp' },
  };
}

/** Registers `POST /messages`. */
export function messageRoutes(router: Router): void {
  router.add('POST', '/messages', (ctx) => {
    const body = bodyObject(ctx.body);
    const from = party(body, 'from');
    if (from === undefined) throw missing('from');
    const fromType = nested('from', () => optionalString(from, 'type'));
    if (fromType === undefined || fromType === null) throw missing('from.type');
    if (fromType === 'admin') return fromAdmin(ctx, body, from);
    if (fromType === 'user' || fromType === 'contact') return fromCustomer(ctx, body, from, fromType);
    throw invalid("from.type must be 'admin', 'user' or 'contact'", 'from.type');
  });
}
