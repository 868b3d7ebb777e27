/**
 * Facts of Intercom's API 1.x that the client, the CLI and the sandbox all rely on, stated once.
 * Each user imports them from here; the sandbox keeps its own checks (it must catch a client's
 * mistakes) but takes the facts from this module. Sources: `api-1x-facts.md` of the contract.
 *
 * @module
 */

/** Every webhook topic of API 1.x (`contact.tag.*` from API 1.2 on). `ping` is always subscribed. */
export const WEBHOOK_TOPICS = [
  'conversation.user.created',
  'conversation.user.replied',
  'conversation.admin.replied',
  'conversation.admin.single.created',
  'conversation.admin.assigned',
  'conversation.admin.noted',
  'conversation.admin.closed',
  'conversation.admin.opened',
  'conversation.admin.snoozed',
  'conversation.admin.unsnoozed',
  'conversation_part.tag.created',
  'conversation.deleted',
  'user.created',
  'user.deleted',
  'user.unsubscribed',
  'user.unsubscribed_from_sms',
  'user.email.updated',
  'user.tag.created',
  'user.tag.deleted',
  'contact.created',
  'contact.signed_up',
  'contact.added_email',
  'contact.updated',
  'contact.deleted',
  'contact.tag.created',
  'contact.tag.deleted',
  'visitor.signed_up',
  'company.created',
  'event.created',
  'ping',
] as const;

/** A webhook topic of API 1.x. */
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/** Topics that exist from API 1.2 on. */
export const WEBHOOK_TOPICS_SINCE_1_2: ReadonlySet<WebhookTopic> = new Set(['contact.tag.created', 'contact.tag.deleted']);

/** The most webhook subscriptions one app may have. */
export const MAX_SUBSCRIPTIONS = 250;

/** Comparison operators of the customer search query language. */
export const SEARCH_OPERATORS = ['=', '!=', 'IN', 'NIN', '>', '<', '~', '!~', '^', '$'] as const;

/** A comparison operator of the customer search query language. */
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

/** Text operators: contains, does not contain, starts with, ends with. */
export const SEARCH_TEXT_OPERATORS: ReadonlySet<SearchOperator> = new Set(['~', '!~', '^', '$']);

/** AND/OR groups of a search query nest at most this many levels deep. */
export const SEARCH_MAX_DEPTH = 2;

/** An AND/OR group of a search query holds at most this many items. */
export const SEARCH_MAX_GROUP_ITEMS = 15;
