/** The records a sandbox keeps: what Intercom stores, whatever API version reads it. */
import { randomBytes } from 'node:crypto';

/** Flat custom attributes. */
export type Attributes = Record<string, string | number | boolean | null>;

/** A user or lead as the sandbox keeps it. */
export interface UserRecord {
  id: string;
  /**
   * `user`, `contact` (a lead) or `visitor`. Each family's renderer names the role its own way
   * (1.x: `contact`; 2.x: `lead`).
   */
  role: 'user' | 'contact' | 'visitor';
  user_id: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  pseudonym: string | null;
  created_at: number;
  updated_at: number;
  signed_up_at: number | null;
  remote_created_at: number | null;
  last_request_at: number | null;
  session_count: number;
  last_seen_ip: string | null;
  last_seen_user_agent: string | null;
  unsubscribed_from_emails: boolean;
  owner_id: number | null;
  custom_attributes: Attributes;
  /** Intercom ids of the companies, in the order they were attached. */
  company_ids: string[];
  tag_ids: string[];
  segment_ids: string[];
  /** Archived (2.x `POST /contacts/{id}/archive`): kept, but out of lists and searches. */
  archived: boolean;
  /** Blocked (2.x `POST /contacts/{id}/block`). */
  blocked: boolean;
  /** The leads merged into this person, oldest first. */
  merge_history: MergeHistoryRecord[];
  /** Subscription types (email and SMS preferences) by id → the person's choice. Default: none. */
  subscriptions?: Record<string, 'opt_in' | 'opt_out'>;
}

/** A kind of message a person can opt into or out of (2.x subscription types). */
export interface SubscriptionTypeRecord {
  id: string;
  name: string;
  description: string;
  state: 'live' | 'draft' | 'archived';
  consent_type: 'opt_in' | 'opt_out';
  content_types: ('email' | 'sms_message')[];
}

/** A lead merged into a user: which one, and when. */
export interface MergeHistoryRecord {
  source_contact_id: string;
  source_contact_role: 'lead' | 'user';
  merged_at: number;
}

/** A company as the sandbox keeps it. */
export interface CompanyRecord {
  id: string;
  company_id: string;
  name: string | null;
  created_at: number;
  updated_at: number;
  remote_created_at: number | null;
  last_request_at: number | null;
  monthly_spend: number;
  session_count: number;
  plan: string | null;
  size: number | null;
  website: string | null;
  industry: string | null;
  custom_attributes: Attributes;
  tag_ids: string[];
  segment_ids: string[];
}

export interface AdminRecord {
  type: 'admin';
  id: string;
  name: string;
  email: string;
  job_title: string | null;
  away_mode_enabled: boolean;
  away_mode_reassign: boolean;
  team_ids: number[];
}

export interface TeamRecord {
  type: 'team';
  id: string;
  name: string;
  admin_ids: number[];
}

export interface TagRecord {
  id: string;
  name: string;
}

export interface SegmentRecord {
  id: string;
  name: string;
  person_type: 'user' | 'contact' | 'company';
  created_at: number;
  updated_at: number;
}

/** Who wrote a message or part: a customer (`user` or `lead`), an admin, or a bot. */
export interface AuthorRef {
  type: 'user' | 'lead' | 'admin' | 'bot';
  id: string;
}

/** Who a conversation is assigned to; `nobody_admin` when unassigned. */
export type AssigneeRef = { type: 'admin' | 'team'; id: string } | { type: 'nobody_admin'; id: null };

/** A file attached to a message or part. */
export interface AttachmentRecord {
  type: 'upload';
  name: string;
  url: string;
  content_type: string;
}

/** One part of a conversation (a reply, note, assignment, state change). */
export interface ConversationPartRecord {
  id: string;
  part_type: string;
  /** HTML, or null for parts without text (a bare close, an assignment). */
  body: string | null;
  created_at: number;
  updated_at: number;
  notified_at: number;
  assigned_to: AssigneeRef | null;
  author: AuthorRef;
  attachments: AttachmentRecord[];
  /** Whether an admin redacted its body. Default: false. */
  redacted?: boolean;
}

/** A conversation as the sandbox keeps it. */
export interface ConversationRecord {
  id: string;
  created_at: number;
  updated_at: number;
  /** Since when the customer waits for an answer; null when an admin answered last. */
  waiting_since: number | null;
  snoozed_until: number | null;
  state: 'open' | 'closed' | 'snoozed';
  /** Whether the customer has read the latest reply. */
  read: boolean;
  assignee: AssigneeRef;
  /** Intercom id of the customer (a user or lead record). */
  customer_id: string;
  message: {
    id: string;
    subject: string;
    body: string;
    author: AuthorRef;
    attachments: AttachmentRecord[];
    delivered_as: 'customer_initiated' | 'admin_initiated' | 'automated';
  };
  parts: ConversationPartRecord[];
  tag_ids: string[];
  /** Contacts attached besides the customer who started it (2.x `POST /conversations/{id}/customers`). */
  extra_contact_ids?: string[];
}

/** A field a ticket of a type carries (`_default_title_` and `_default_description_` come with every type). */
export interface TicketTypeAttributeRecord {
  id: string;
  ticket_type_id: string;
  name: string;
  description: string;
  data_type: 'string' | 'list' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'files';
  /** `multiline` (strings), `list_items` (lists: comma-separated), `allow_multiple_values` (files). */
  input_options: { multiline?: boolean; list_items?: string; allow_multiple_values?: boolean } | null;
  order: number;
  required_to_create: boolean;
  required_to_create_for_contacts: boolean;
  visible_on_create: boolean;
  visible_to_contacts: boolean;
  /** Built in (the default title and description). */
  default: boolean;
  archived: boolean;
  created_at: number;
  updated_at: number;
}

/** A kind of ticket, with the attributes its tickets carry. */
export interface TicketTypeRecord {
  id: string;
  name: string;
  description: string;
  category: 'Customer' | 'Back-office' | 'Tracker';
  icon: string;
  archived: boolean;
  is_internal: boolean;
  attributes: TicketTypeAttributeRecord[];
  created_at: number;
  updated_at: number;
}

/** A state a ticket can be in: one of four categories, with the labels teammates and customers see. */
export interface TicketStateRecord {
  id: string;
  category: 'submitted' | 'in_progress' | 'waiting_on_customer' | 'resolved';
  internal_label: string;
  external_label: string;
  archived: boolean;
}

/** One part of a ticket: a reply, a note, or a change (state, assignment, snooze...). */
export interface TicketPartRecord {
  id: string;
  /** `comment`, `note`, `quick_reply`, `ticket_state_updated_by_admin`, `assignment`, `snoozed`, `open`, `close`... */
  part_type: string;
  /** HTML, or null for parts without text. */
  body: string | null;
  created_at: number;
  author: AuthorRef;
  assigned_to: AssigneeRef | null;
  /** For a state change: the categories before and after. */
  previous_state?: TicketStateRecord['category'];
  state?: TicketStateRecord['category'];
}

/** A ticket: created through 2.x or converted from a conversation. */
export interface TicketRecord {
  id: string;
  /** The number users see. */
  ticket_id: string;
  ticket_type_id: string;
  category: TicketTypeRecord['category'];
  /** The category of its ticket state. */
  state: TicketStateRecord['category'];
  /** Its ticket state; null when the workspace defines no state of the category. */
  ticket_state_id: string | null;
  /** The state it had before its latest state change. */
  previous_ticket_state_id: string | null;
  open: boolean;
  snoozed_until: number | null;
  assignee: AssigneeRef;
  is_shared: boolean;
  /** The conversation it was made from, if any. */
  conversation_id: string | null;
  company_id: string | null;
  contact_ids: string[];
  attributes: TicketAttributes;
  parts: TicketPartRecord[];
  tag_ids: string[];
  created_at: number;
  updated_at: number;
}

/** A ticket's attribute values by attribute name: scalars, or lists (file ids, several list items). */
export type TicketAttributes = Record<string, string | number | boolean | null | (string | number)[]>;

/** A custom data attribute of contacts or companies (2.x `/data_attributes`). */
export interface DataAttributeRecord {
  id: string;
  model: 'contact' | 'company';
  name: string;
  description: string;
  /** `options` is a string attribute whose values are limited to `options`. */
  data_type: 'string' | 'integer' | 'float' | 'boolean' | 'date' | 'datetime' | 'options';
  options: string[];
  messenger_writable: boolean;
  archived: boolean;
  /** The admin who created it; null when a 1.x write created it on the fly. */
  admin_id: string | null;
  created_at: number;
  updated_at: number;
}

/** A note on a user or lead. */
export interface NoteRecord {
  id: string;
  created_at: number;
  /** HTML. */
  body: string;
  /** The admin who wrote it. */
  admin_id: string;
  /** Intercom id of the user or lead it is about. */
  user_id: string;
}

/** An open scroll: the ids it walks and where it is. */
export interface ScrollState {
  resource: string;
  param: string;
  ids: string[];
  offset: number;
  lastUsed: number;
}

/** What a company's users add up to (see `Store.companyStats`). */
export interface CompanyStats {
  userCount: number;
  sessionCount: number;
  lastRequestAt: number | null;
}

/** Merges custom attributes key by key into `target`; a `null` value clears the attribute. */
export function mergeAttributes(target: Attributes, changes: Attributes): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete target[key];
    else target[key] = value;
  }
}

/** A rich link in event metadata. */
export interface RichLinkValue {
  url: string;
  value: string;
}
/** A monetary amount in event metadata: `amount` in cents. */
export interface AmountValue {
  amount: number;
  currency: string;
}
/** One value of event metadata. */
export type EventMetadataValue = string | number | RichLinkValue | AmountValue;

/** A data event as the sandbox keeps it. */
export interface EventRecord {
  id: string;
  /** Insertion order: breaks ties between events with the same `created_at`. */
  seq: number;
  /** Intercom id of the user or lead. */
  owner: string;
  /** Normalised: lower case, `.` and `$` replaced by `-`. */
  event_name: string;
  created_at: number;
  metadata: Record<string, EventMetadataValue>;
}

/** One item of a bulk request. */
export interface BulkItem {
  id: string;
  method: 'post' | 'delete';
  data_type: 'user' | 'event';
  data: Record<string, unknown>;
}

/** The items one bulk request added to a job. */
export interface JobTaskRecord {
  id: string;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  state: 'pending' | 'running' | 'completed' | 'completed_with_errors';
  items: BulkItem[];
}

/** A failed bulk item and why. */
export interface JobErrorRecord {
  id: string;
  data: Record<string, unknown>;
  error: { code: string; message: string };
}

/** A bulk job: accepts tasks until `closing_at`; processes them asynchronously. */
export interface JobRecord {
  id: string;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  closing_at: number;
  tasks: JobTaskRecord[];
  errors: JobErrorRecord[];
}

/** A webhook subscription. */
export interface SubscriptionRecord {
  id: string;
  created_at: number;
  updated_at: number;
  service_type: 'web';
  url: string;
  topics: string[];
  hub_secret: string | null;
  metadata: Record<string, unknown>;
  active: boolean;
  /**
   * The API version its notifications are rendered in (`1.4`, `2.16`...), as the Developer Hub sets it
   * per app. Default: the sandbox's `webhookApiVersion`.
   */
  api_version?: string;
}

/** The `/sent` and `/error` feeds of a subscription (oldest first). */
export interface NotificationFeeds {
  sent: Record<string, unknown>[];
  errors: Record<string, unknown>[];
}

/** A random 24-hex id, as Intercom's user, company and segment ids. */
export function objectId(): string {
  const time = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return time + randomBytes(8).toString('hex');
}

/** Epoch seconds now. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
