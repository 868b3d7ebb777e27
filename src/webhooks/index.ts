/**
 * intercom-ts/webhooks: receive Intercom's webhook notifications. Verify the `X-Hub-Signature`,
 * parse the notification into typed models, dispatch it by topic.
 *
 * ```ts
 * import http from 'node:http';
 * import { createWebhookHandler } from 'intercom-ts/webhooks';
 *
 * const webhooks = createWebhookHandler({
 *   secret: process.env.INTERCOM_CLIENT_SECRET,
 *   on: { 'user.created': (n) => console.log(n.data.item.email) },
 * });
 * http.createServer(webhooks).listen(8080);
 * ```
 *
 * @packageDocumentation
 */
export {
  createWebhookHandler,
  type NotificationHandler,
  type NotificationHandlers,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookResult,
} from './handler.js';
export {
  type ContactTagItem,
  type ConversationItem,
  isKnownNotification,
  isKnownTopic,
  type KnownNotification,
  type Notification,
  type NotificationEnvelope,
  type NotificationItemOf,
  type NotificationOf,
  type NotificationTag,
  type PingItem,
  parseNotification,
  type UnknownNotification,
  type UserTagItem,
  WebhookPayloadError,
} from './notifications.js';
export {
  assertSignature,
  assertSignatureAsync,
  type RawBody,
  SIGNATURE_HEADER,
  type SignatureFailure,
  type SignatureHeader,
  signatureOf,
  signatureOfAsync,
  verifySignature,
  verifySignatureAsync,
  WebhookSignatureError,
} from './signature.js';
