/**
 * 2.x `POST /messages`: an admin writes to a contact (in-app or email). The message starts a
 * conversation, as Intercom records it, and the answer names it.
 */
import { ApiError } from '../../api-error.js';
import { startConversation, toHtml } from '../../domain/conversations.js';
import { type Body, bodyObject, optionalString } from '../../requests/v1/payload.js';
import { requiredId } from '../../requests/v2/body-fields.js';
import { contactById } from '../../requests/v2/contact-lookup.js';
import type { RouteContext, Router } from '../../router.js';

const required = (field: string): ApiError => new ApiError(400, 'parameter_not_found', `${field} is a required parameter`);

/** `in_app` (2.16) and `inapp` (what the official SDK, built from 2.14, sends) are the same. */
const MESSAGE_TYPES: Readonly<Record<string, 'inapp' | 'email'>> = { in_app: 'inapp', inapp: 'inapp', email: 'email' };

function objectMember(body: Body, field: string): Body {
  const value = body[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw required(field);
  return value as Body;
}

/** Registers `POST /messages`. */
export function messageRoutes(router: Router): void {
  router.add('POST', '/messages', (ctx: RouteContext) => {
    const { store } = ctx;
    const body = bodyObject(ctx.body);
    const rawType = optionalString(body, 'message_type');
    if (rawType === undefined || rawType === null) throw required('message_type');
    const messageType = MESSAGE_TYPES[rawType];
    if (messageType === undefined) throw new ApiError(400, 'parameter_invalid', 'message_type must be in_app or email');
    const text = optionalString(body, 'body');
    if (text === undefined || text === null || text === '') throw required('body');
    const subject = optionalString(body, 'subject') ?? '';
    if (messageType === 'email' && subject === '') throw required('subject');
    const from = objectMember(body, 'from');
    const adminId = requiredId(from, 'id');
    if (!store.admins.has(adminId)) throw new ApiError(404, 'admin_not_found', 'Admin Not Found');
    const to = objectMember(body, 'to');
    const contact = contactById(store, requiredId(to, 'id'));
    const conversation = startConversation(store, {
      customer: contact,
      author: { type: 'admin', id: adminId },
      messageId: store.nextId(),
      subject,
      body: toHtml(text, true),
      deliveredAs: 'admin_initiated',
    });
    return {
      status: 200,
      body: {
        type: 'admin_message',
        id: conversation.message.id,
        created_at: conversation.created_at,
        subject,
        body: conversation.message.body,
        message_type: messageType,
        conversation_id: conversation.id,
      },
    };
  });
}
