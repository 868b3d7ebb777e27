/**
 * Domain events as 2.x webhook notifications: the topic Intercom 2.x names (`contact.user.created`,
 * `conversation.admin.replied`, `ticket.created`...), and its item in the 2.x shape (a contact, not a user).
 */
import type { DomainEvent } from '../../domain/event-sink.js';
import { type EventRecord, nowSeconds, type UserRecord } from '../../domain/records.js';
import { ADMIN_REPLY_TOPICS, type Notification, PING_MESSAGE } from '../v1/notifications.js';
import { externalIdOf, renderContact, renderContactReference } from './contacts.js';
import { renderConversation } from './conversations.js';
import { renderTicket } from './tickets.js';
import { renderVisitor } from './visitors.js';
import { renderCompany, renderTag } from './workspace.js';

/** The webhook topics of API 2.x, as Intercom lists them (2.16); the sandbox sends those its changes make. */
export const V2_WEBHOOK_TOPICS: readonly string[] = [
  'admin.added_to_workspace',
  'admin.away_mode_updated',
  'admin.activity_log_event.created',
  'admin.removed_from_workspace',
  'admin.logged_in',
  'admin.logged_out',
  'article.created',
  'article.updated',
  'article.published',
  'article.unpublished',
  'article.deleted',
  'call.started',
  'call.ended',
  'call.transcription_available',
  'call.recording_available',
  'company.created',
  'company.deleted',
  'company.updated',
  'company.contact.attached',
  'company.contact.detached',
  'contact.archived',
  'contact.deleted',
  'contact.email.updated',
  'contact.lead.added_email',
  'contact.lead.created',
  'contact.lead.signed_up',
  'contact.lead.tag.created',
  'contact.lead.tag.deleted',
  'contact.lead.updated',
  'contact.merged',
  'contact.subscribed',
  'contact.unarchive',
  'contact.unsubscribed',
  'contact.user.created',
  'contact.user.tag.created',
  'contact.user.tag.deleted',
  'contact.user.updated',
  'conversation.admin.assigned',
  'conversation.admin.closed',
  'conversation.admin.noted',
  'conversation.admin.open.assigned',
  'conversation.admin.opened',
  'conversation.admin.replied',
  'conversation.admin.single.created',
  'conversation.admin.snoozed',
  'conversation.admin.unsnoozed',
  'conversation.operator.replied',
  'conversation.deleted',
  'conversation_part.redacted',
  'conversation_part.tag.created',
  'conversation.priority.updated',
  'conversation.rating.added',
  'conversation.read',
  'conversation.user.created',
  'conversation.user.replied',
  'conversation.contact.attached',
  'conversation.contact.detached',
  'event.created',
  'job.completed',
  'ping',
  'granular.unsubscribe',
  'granular.subscribe',
  'ticket.created',
  'ticket.state.updated',
  'ticket.note.created',
  'ticket.admin.assigned',
  'ticket.team.assigned',
  'ticket.contact.attached',
  'ticket.contact.detached',
  'ticket.attribute.updated',
  'ticket.admin.replied',
  'ticket.contact.replied',
  'ticket.closed',
  'ticket.rating.provided',
  'visitor.signed_up',
];

/** `user` or `lead` as 2.x topics name a person's role; undefined for a visitor. */
const topicRoleOf = (person: UserRecord): 'user' | 'lead' | undefined =>
  person.role === 'user' ? 'user' : person.role === 'contact' ? 'lead' : undefined;

/** A data event in the 2.x shape: its contact by Intercom id and external id. */
function renderDataEvent(record: EventRecord, owner: UserRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'event',
    id: record.id,
    event_name: record.event_name,
    created_at: record.created_at,
    user_id: externalIdOf(owner),
    email: owner.email,
    intercom_user_id: owner.id,
  };
  if (Object.keys(record.metadata).length > 0) out.metadata = record.metadata;
  return out;
}

/** The 2.x notification of a domain event, or undefined when 2.x has none for it. */
export function v2NotificationOf(event: DomainEvent): Notification | undefined {
  switch (event.type) {
    case 'person.created': {
      const { person } = event;
      const role = topicRoleOf(person);
      if (role === undefined) return undefined;
      return { topic: `contact.${role}.created`, render: (c) => renderContact(c.store, person) };
    }
    case 'person.deleted': {
      const { person } = event;
      if (topicRoleOf(person) === undefined) return undefined;
      // Deletion topics carry only what identifies the contact.
      const reference = renderContactReference(person);
      return { topic: 'contact.deleted', render: () => ({ ...reference }) };
    }
    case 'person.signed_up': {
      const { person } = event;
      if (person.role === 'visitor') return { topic: 'visitor.signed_up', render: (c) => renderVisitor(c.store, person) };
      return { topic: 'contact.lead.signed_up', render: (c) => renderContact(c.store, person) };
    }
    case 'person.tagged':
    case 'person.untagged': {
      const { person, tag } = event;
      const role = topicRoleOf(person);
      if (role === undefined) return undefined;
      const topic = `contact.${role}.tag.${event.type === 'person.untagged' ? 'deleted' : 'created'}`;
      return {
        topic,
        render: (c) => ({
          type: 'contact_tag',
          created_at: nowSeconds(),
          tag: renderTag(tag),
          contact: renderContact(c.store, person),
        }),
      };
    }
    case 'company.created': {
      const { company } = event;
      return { topic: 'company.created', render: (c) => renderCompany(c.store, company) };
    }
    case 'data_event.created': {
      const { event: record, owner } = event;
      return { topic: 'event.created', render: () => renderDataEvent(record, owner) };
    }
    case 'conversation.started': {
      const { conversation } = event;
      const topic = event.by === 'admin' ? 'conversation.admin.single.created' : 'conversation.user.created';
      return { topic, render: (c) => renderConversation(c.store, conversation, true) };
    }
    case 'conversation.customer_replied': {
      const { conversation } = event;
      return { topic: 'conversation.user.replied', render: (c) => renderConversation(c.store, conversation, true) };
    }
    case 'conversation.admin_replied': {
      const { conversation } = event;
      const topic = event.kind === 'open' && event.wasSnoozed ? 'conversation.admin.unsnoozed' : ADMIN_REPLY_TOPICS[event.kind];
      return { topic, render: (c) => renderConversation(c.store, conversation, true) };
    }
    case 'ticket.created': {
      const { ticket } = event;
      return { topic: 'ticket.created', render: (c) => renderTicket(c.store, ticket) };
    }
    case 'subscription.pinged':
      return {
        topic: 'ping',
        render: () => ({ type: 'ping', message: PING_MESSAGE }),
        subscriptionId: event.subscription.id,
      };
    case 'subscription.deleted':
      return undefined;
  }
}
