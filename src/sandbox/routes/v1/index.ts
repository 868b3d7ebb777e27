/** The 1.x routes of the sandbox. */
import type { Router } from '../../router.js';
import { adminRoutes } from './admins.js';
import { bulkRoutes } from './bulk.js';
import { companyRoutes } from './companies.js';
import { contactRoutes } from './contacts.js';
import { conversationRoutes } from './conversations.js';
import { countRoutes } from './counts.js';
import { customerRoutes } from './customers.js';
import { eventRoutes } from './events.js';
import { messageRoutes } from './messages.js';
import { noteRoutes } from './notes.js';
import { segmentRoutes } from './segments.js';
import { subscriptionRoutes } from './subscriptions.js';
import { tagRoutes } from './tags.js';
import { userRoutes } from './users.js';
import { visitorRoutes } from './visitors.js';
import { webhookRoutes } from './webhooks.js';

/** Registers every 1.x route on `router`. */
export function registerV1Routes(router: Router): void {
  userRoutes(router);
  conversationRoutes(router);
  messageRoutes(router);
  countRoutes(router);
  contactRoutes(router);
  visitorRoutes(router);
  noteRoutes(router);
  customerRoutes(router);
  adminRoutes(router);
  companyRoutes(router);
  tagRoutes(router);
  segmentRoutes(router);
  eventRoutes(router);
  bulkRoutes(router);
  subscriptionRoutes(router);
  webhookRoutes(router);
}
