/** Domain events as 1.x webhook notifications: the topic Intercom 1.x names, and the item it carries. */
import type { AdminReplyKind, DomainEvent } from '../../domain/event-sink.js';
import { nowSeconds } from '../../domain/records.js';
import { renderCompany } from './companies.js';
import { renderConversationChange } from './conversations.js';
import { renderEvent } from './data-events.js';
import { renderDeletedUser, renderUser } from './people.js';
import type { RenderContext } from './render-context.js';
import { renderTagging } from './tags.js';

/** What Intercom's pings say. */
export const PING_MESSAGE = 'something something interzen';

/** The topic of each kind of admin reply (an `open` of a snoozed conversation is `conversation.admin.unsnoozed`). */
export const ADMIN_REPLY_TOPICS: Readonly<Record<AdminReplyKind, string>> = {
  comment: 'conversation.admin.replied',
  note: 'conversation.admin.noted',
  open: 'conversation.admin.opened',
  close: 'conversation.admin.closed',
  snoozed: 'conversation.admin.snoozed',
  assignment: 'conversation.admin.assigned',
};

/** A notification to send: its topic, its item (rendered only if someone listens), and its one receiver if any. */
export interface Notification {
  topic: string;
  render: (ctx: RenderContext) => Record<string, unknown>;
  /** Only this subscription (a ping), whatever its topics. */
  subscriptionId?: string;
}

/** The 1.x notification of a domain event, or undefined when 1.x has none for it. */
export function notificationOf(event: DomainEvent): Notification | undefined {
  switch (event.type) {
    case 'person.created': {
      const { person } = event;
      if (person.role === 'visitor') return undefined;
      return { topic: person.role === 'user' ? 'user.created' : 'contact.created', render: (c) => renderUser(c, person) };
    }
    case 'person.deleted': {
      const { person } = event;
      if (person.role === 'user') return { topic: 'user.deleted', render: () => renderDeletedUser(person) };
      if (person.role === 'contact') return { topic: 'contact.deleted', render: (c) => renderUser(c, person) };
      return undefined;
    }
    case 'person.signed_up': {
      const { person } = event;
      return {
        topic: person.role === 'visitor' ? 'visitor.signed_up' : 'contact.signed_up',
        render: (c) => renderUser(c, person),
      };
    }
    case 'person.tagged':
    case 'person.untagged': {
      const { person, tag } = event;
      const who = person.role === 'contact' ? 'contact' : 'user';
      const topic = `${who}.tag.${event.type === 'person.untagged' ? 'deleted' : 'created'}`;
      return { topic, render: (c) => renderTagging(c, person, tag, nowSeconds()) };
    }
    case 'company.created': {
      const { company } = event;
      return { topic: 'company.created', render: (c) => renderCompany(c, company) };
    }
    case 'data_event.created': {
      const { event: record, owner } = event;
      return { topic: 'event.created', render: () => renderEvent(record, owner) };
    }
    case 'conversation.started': {
      const { conversation } = event;
      const topic = event.by === 'admin' ? 'conversation.admin.single.created' : 'conversation.user.created';
      return { topic, render: (c) => renderConversationChange(c, conversation, 0) };
    }
    case 'conversation.customer_replied': {
      const { conversation } = event;
      return { topic: 'conversation.user.replied', render: (c) => renderConversationChange(c, conversation, 1) };
    }
    case 'conversation.admin_replied': {
      const { conversation } = event;
      const topic = event.kind === 'open' && event.wasSnoozed ? 'conversation.admin.unsnoozed' : ADMIN_REPLY_TOPICS[event.kind];
      return { topic, render: (c) => renderConversationChange(c, conversation, 1) };
    }
    case 'subscription.pinged':
      return {
        topic: 'ping',
        render: () => ({ type: 'ping', message: PING_MESSAGE }),
        subscriptionId: event.subscription.id,
      };
    case 'ticket.created':
    case 'subscription.deleted':
      return undefined;
  }
}
