/** The 2.x routes of the sandbox: the stateful operations, over the same records as 1.x. */
import type { Router } from '../../router.js';
import { adminRoutes } from './admins.js';
import { companyRoutes } from './companies.js';
import { contactRelationRoutes } from './contact-relations.js';
import { contactRoutes } from './contacts.js';
import { conversationRoutes } from './conversations.js';
import { dataAttributeRoutes } from './data-attributes.js';
import { dataEventRoutes } from './data-events.js';
import { helpCenterRoutes } from './help-center.js';
import { messageRoutes } from './messages.js';
import { tagRoutes } from './tags.js';
import { ticketTypeRoutes } from './ticket-types.js';
import { ticketRoutes } from './tickets.js';
import { visitorRoutes } from './visitors.js';

/** Registers every stateful 2.x route on `router`. */
export function registerV2Routes(router: Router): void {
  contactRoutes(router);
  contactRelationRoutes(router);
  companyRoutes(router);
  tagRoutes(router);
  dataEventRoutes(router);
  adminRoutes(router);
  conversationRoutes(router);
  messageRoutes(router);
  ticketTypeRoutes(router);
  ticketRoutes(router);
  dataAttributeRoutes(router);
  helpCenterRoutes(router);
  visitorRoutes(router);
}
