/**
 * What the domain tells the world when state changes. The domain publishes version-neutral events;
 * a sink (the webhook dispatcher) decides who hears them and renders them in an API family's shape.
 */
import type {
  CompanyRecord,
  ConversationRecord,
  EventRecord,
  SubscriptionRecord,
  TagRecord,
  TicketRecord,
  UserRecord,
} from './records.js';

/** The kinds of admin reply a conversation takes. */
export const ADMIN_REPLY_KINDS = ['comment', 'note', 'open', 'close', 'snoozed', 'assignment'] as const;
export type AdminReplyKind = (typeof ADMIN_REPLY_KINDS)[number];

/** A change of state, published right after it happened (the records are live: render them at once). */
export type DomainEvent =
  /** A user, lead or visitor was created (or a lead became a new user). */
  | { type: 'person.created'; person: UserRecord }
  /** A person is about to be removed; published while the record still holds its data. */
  | { type: 'person.deleted'; person: UserRecord }
  /** A lead or visitor signed up as a user; published before it changes. */
  | { type: 'person.signed_up'; person: UserRecord }
  | { type: 'person.tagged'; person: UserRecord; tag: TagRecord }
  | { type: 'person.untagged'; person: UserRecord; tag: TagRecord }
  | { type: 'company.created'; company: CompanyRecord }
  | { type: 'data_event.created'; event: EventRecord; owner: UserRecord }
  /** A conversation started by an admin's or a customer's message. */
  | { type: 'conversation.started'; conversation: ConversationRecord; by: 'admin' | 'customer' }
  | { type: 'conversation.customer_replied'; conversation: ConversationRecord }
  /** An admin replied; `wasSnoozed` tells an `open` that woke a snoozed conversation. */
  | { type: 'conversation.admin_replied'; conversation: ConversationRecord; kind: AdminReplyKind; wasSnoozed: boolean }
  /** A ticket was made (from a conversation, or on its own). */
  | { type: 'ticket.created'; ticket: TicketRecord }
  /** A receiver asked to be pinged. */
  | { type: 'subscription.pinged'; subscription: SubscriptionRecord }
  | { type: 'subscription.deleted'; subscription: SubscriptionRecord };

/** Where the domain publishes its events. */
export interface EventSink {
  publish(event: DomainEvent): void;
}

/** A sink that drops every event: a store nobody listens to. */
export const DISCARD_EVENTS: EventSink = Object.freeze({ publish: () => {} });
