import { randomBytes, randomUUID } from 'node:crypto';
import { ApiError } from './api-error.js';
import type { RouteContext } from './router.js';

/** Flat custom attributes. */
export type Attributes = Record<string, string | number | boolean | null>;

/** A user or lead as the sandbox keeps it. */
export interface UserRecord {
  id: string;
  /** `user` for users, `contact` for leads, `visitor` for visitors. */
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

// --- conversations and messages (conversations slice) ---

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
}
// --- leads, visitors, notes, customer search ---
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
// --- end leads, visitors, notes, customer search ---

/** An open scroll: the ids it walks and where it is. */
export interface ScrollState {
  resource: string;
  param: string;
  ids: string[];
  offset: number;
  lastUsed: number;
}

/** What a company's users add up to (see {@link Store.companyStats}). */
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

// ---- Events, bulk jobs and webhook subscriptions ----

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
}

// ---- end of events, bulk jobs and webhook subscriptions ----

// ---- webhook deliveries ----
/**
 * Builds the item of a notification (`renderUser(store, record, ctx)`...). Called only when a
 * subscription listens, with the app's API version (the sandbox's default) in `ctx`.
 */
export type RenderItem = (ctx: RouteContext) => Record<string, unknown>;

/** The `/sent` and `/error` feeds of a subscription (oldest first). */
export interface NotificationFeeds {
  sent: Record<string, unknown>[];
  errors: Record<string, unknown>[];
}
// ---- end webhook deliveries ----

/** A random 24-hex id, as Intercom's user, company and segment ids. */
export function objectId(): string {
  const time = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return time + randomBytes(8).toString('hex');
}

/** Epoch seconds now. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The in-memory state of one sandbox. */
export class Store {
  readonly appId: string;
  users = new Map<string, UserRecord>();
  /** `user_id` → Intercom id, per role. */
  usersByUserId = new Map<string, string>();
  /** Lower-case email → Intercom ids, per role. */
  usersByEmailIndex = new Map<string, Set<string>>();
  companies = new Map<string, CompanyRecord>();
  /** `company_id` → Intercom id. */
  companiesByCompanyId = new Map<string, string>();
  admins = new Map<string, AdminRecord>();
  teams = new Map<string, TeamRecord>();
  tags = new Map<string, TagRecord>();
  segments = new Map<string, SegmentRecord>();
  /** Conversations by id (conversations slice). */
  conversations = new Map<string, ConversationRecord>();
  /** Notes by id (leads, visitors, notes, customer search). */
  notes = new Map<string, NoteRecord>();
  /** The one open scroll of the app, if any. */
  scroll: ScrollState | undefined;
  /** Milliseconds a scroll param lives after its last use. */
  scrollTtlMs: number;
  // ---- Events, bulk jobs and webhook subscriptions ----
  /** Data events by the Intercom id of their user or lead, in insertion order. */
  events = new Map<string, EventRecord[]>();
  /** Bulk jobs by id. */
  jobs = new Map<string, JobRecord>();
  /** Webhook subscriptions by id. */
  subscriptions = new Map<string, SubscriptionRecord>();
  /** Milliseconds between a bulk request and the processing of its items. */
  jobDelayMs = 5;

  /** Records a data event of a user or lead. */
  addEvent(owner: string, eventName: string, createdAt: number, metadata: EventRecord['metadata']): EventRecord {
    const id = this.nextId();
    const record: EventRecord = { id, seq: Number(id), owner, event_name: eventName, created_at: createdAt, metadata };
    const list = this.events.get(owner);
    if (list === undefined) this.events.set(owner, [record]);
    else list.push(record);
    return record;
  }
  // ---- end of events, bulk jobs and webhook subscriptions ----
  // ---- webhook deliveries ----
  /** Where {@link Store.emit} hands notifications over (set by the sandbox); unset, nothing is sent. */
  notify: ((topic: string, render: RenderItem, subscriptionId?: string) => void) | undefined;
  /** Stops the pending deliveries of a deleted subscription (set by the sandbox). */
  cancelDeliveries: ((subscriptionId: string) => void) | undefined;
  /** The `/sent` and `/error` feeds by subscription id. */
  webhookFeeds = new Map<string, NotificationFeeds>();

  /**
   * Notifies every active subscription of `topic` (or only `subscriptionId`) that the state changed.
   * Call it right after the change; `render` builds the item then, and only if someone listens.
   */
  emit(topic: string, render: RenderItem, subscriptionId?: string): void {
    this.notify?.(topic, render, subscriptionId);
  }
  // ---- end webhook deliveries ----
  #sequence = 1000;

  constructor(options: { appId?: string; scrollTtlMs?: number } = {}) {
    this.appId = options.appId ?? 'sandbox1';
    this.scrollTtlMs = options.scrollTtlMs ?? 60_000;
  }

  /** The next decimal id (admins, teams, tags, notes, conversations...). */
  nextId(): string {
    this.#sequence += 1;
    return String(this.#sequence);
  }

  /** Key of `usersByUserId`: leads and users have separate `user_id` spaces. */
  static userIdKey(role: UserRecord['role'], userId: string): string {
    return `${role === 'user' ? 'u' : 'l'}:${userId}`;
  }

  newUser(role: UserRecord['role'], fields: Partial<UserRecord> = {}): UserRecord {
    const now = nowSeconds();
    const record: UserRecord = {
      id: objectId(),
      role,
      user_id: null,
      email: null,
      phone: null,
      name: null,
      pseudonym: null,
      created_at: now,
      updated_at: now,
      signed_up_at: null,
      remote_created_at: null,
      last_request_at: null,
      session_count: 0,
      last_seen_ip: null,
      last_seen_user_agent: null,
      unsubscribed_from_emails: false,
      owner_id: null,
      custom_attributes: {},
      company_ids: [],
      tag_ids: [],
      segment_ids: [],
      ...fields,
    };
    if (role !== 'user' && record.user_id === null) record.user_id = randomUUID();
    this.users.set(record.id, record);
    if (record.user_id !== null) this.usersByUserId.set(Store.userIdKey(role, record.user_id), record.id);
    if (record.email !== null) this.#indexEmail(record);
    return record;
  }

  static emailKey(role: UserRecord['role'], email: string): string {
    return `${role === 'user' ? 'u' : 'l'}:${email.toLowerCase()}`;
  }

  #indexEmail(record: UserRecord): void {
    if (record.email === null) return;
    const key = Store.emailKey(record.role, record.email);
    let ids = this.usersByEmailIndex.get(key);
    if (ids === undefined) {
      ids = new Set();
      this.usersByEmailIndex.set(key, ids);
    }
    ids.add(record.id);
  }

  #unindexEmail(record: UserRecord): void {
    if (record.email === null) return;
    const key = Store.emailKey(record.role, record.email);
    const ids = this.usersByEmailIndex.get(key);
    ids?.delete(record.id);
    if (ids?.size === 0) this.usersByEmailIndex.delete(key);
  }

  /** Changes a user's email, keeping the index right. */
  setEmail(record: UserRecord, email: string | null): void {
    this.#unindexEmail(record);
    record.email = email;
    this.#indexEmail(record);
  }

  /** Changes a record's role (lead → user on convert), keeping the indexes right. */
  setRole(record: UserRecord, role: UserRecord['role']): void {
    this.#unindexEmail(record);
    if (record.user_id !== null) this.usersByUserId.delete(Store.userIdKey(record.role, record.user_id));
    record.role = role;
    if (record.user_id !== null) this.usersByUserId.set(Store.userIdKey(role, record.user_id), record.id);
    this.#indexEmail(record);
  }

  /** Changes a user's `user_id`, keeping the index right. */
  setUserId(record: UserRecord, userId: string | null): void {
    if (record.user_id !== null) this.usersByUserId.delete(Store.userIdKey(record.role, record.user_id));
    record.user_id = userId;
    if (userId !== null) this.usersByUserId.set(Store.userIdKey(record.role, userId), record.id);
  }

  removeUser(record: UserRecord): void {
    this.users.delete(record.id);
    this.#unindexEmail(record);
    if (record.user_id !== null) this.usersByUserId.delete(Store.userIdKey(record.role, record.user_id));
  }

  userById(id: string, role: UserRecord['role']): UserRecord | undefined {
    const record = this.users.get(id);
    return record !== undefined && record.role === role ? record : undefined;
  }

  userByUserId(userId: string, role: UserRecord['role']): UserRecord | undefined {
    const id = this.usersByUserId.get(Store.userIdKey(role, userId));
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Every record of a role with this email (case-insensitive), oldest first. */
  usersByEmail(email: string, role: UserRecord['role']): UserRecord[] {
    const ids = this.usersByEmailIndex.get(Store.emailKey(role, email));
    const out: UserRecord[] = [];
    if (ids === undefined) return out;
    for (const id of ids) {
      const record = this.users.get(id);
      if (record !== undefined) out.push(record);
    }
    return out;
  }

  newCompany(companyId: string, fields: Partial<CompanyRecord> = {}): CompanyRecord {
    const now = nowSeconds();
    const record: CompanyRecord = {
      id: objectId(),
      company_id: companyId,
      name: null,
      created_at: now,
      updated_at: now,
      remote_created_at: null,
      last_request_at: null,
      monthly_spend: 0,
      session_count: 0,
      plan: null,
      size: null,
      website: null,
      industry: null,
      custom_attributes: {},
      tag_ids: [],
      segment_ids: [],
      ...fields,
    };
    this.companies.set(record.id, record);
    this.companiesByCompanyId.set(companyId, record.id);
    return record;
  }

  companyByCompanyId(companyId: string): CompanyRecord | undefined {
    const id = this.companiesByCompanyId.get(companyId);
    return id === undefined ? undefined : this.companies.get(id);
  }

  /** Users (role `user`) attached to a company. */
  usersOfCompany(companyId: string): UserRecord[] {
    const out: UserRecord[] = [];
    for (const record of this.users.values()) {
      if (record.role === 'user' && record.company_ids.includes(companyId)) out.push(record);
    }
    return out;
  }

  // --- companies, tags, segments -------------------------------------------------------------

  /** The first company (oldest) with exactly this name. */
  companyByName(name: string): CompanyRecord | undefined {
    for (const company of this.companies.values()) if (company.name === name) return company;
    return undefined;
  }

  /** The tag with this name; names compare case-insensitively. */
  tagByName(name: string): TagRecord | undefined {
    const key = name.toLowerCase();
    for (const tag of this.tags.values()) if (tag.name.toLowerCase() === key) return tag;
    return undefined;
  }

  /** Deletes a tag and takes it off every user, lead and company. */
  deleteTag(id: string): void {
    this.tags.delete(id);
    for (const record of this.users.values()) {
      if (record.tag_ids.includes(id)) record.tag_ids = record.tag_ids.filter((t) => t !== id);
    }
    for (const company of this.companies.values()) {
      if (company.tag_ids.includes(id)) company.tag_ids = company.tag_ids.filter((t) => t !== id);
    }
  }

  /**
   * What a company's users add up to, per company id, in one pass over the users: how many users it
   * has, their sessions, and the latest `last_request_at` among them.
   */
  companyStats(): Map<string, CompanyStats> {
    const stats = new Map<string, CompanyStats>();
    for (const record of this.users.values()) {
      if (record.role !== 'user') continue;
      for (const companyId of record.company_ids) {
        let entry = stats.get(companyId);
        if (entry === undefined) {
          entry = { userCount: 0, sessionCount: 0, lastRequestAt: null };
          stats.set(companyId, entry);
        }
        entry.userCount += 1;
        entry.sessionCount += record.session_count;
        if (record.last_request_at !== null && (entry.lastRequestAt ?? 0) < record.last_request_at) {
          entry.lastRequestAt = record.last_request_at;
        }
      }
    }
    return stats;
  }

  // --- end companies, tags, segments ---------------------------------------------------------

  /**
   * Opens a scroll, or continues the open one. Only one scroll may be open per app: opening another
   * while one is live answers 400 `scroll_exists`; an unknown or expired param answers 400
   * `parameter_invalid` on `scroll_param`.
   */
  scrollPage(resource: string, param: string | null, ids: () => string[], pageSize = 100): { param: string; ids: string[] } {
    const now = Date.now();
    const open = this.scroll;
    if (open !== undefined && now - open.lastUsed > this.scrollTtlMs) this.scroll = undefined;
    if (param === null) {
      if (this.scroll !== undefined) {
        throw new ApiError(400, 'scroll_exists', 'scroll already exists for this app');
      }
      this.scroll = { resource, param: randomUUID(), ids: ids(), offset: 0, lastUsed: now };
    } else if (this.scroll === undefined || this.scroll.param !== param || this.scroll.resource !== resource) {
      throw new ApiError(400, 'parameter_invalid', 'scroll_param is unknown or has expired; start a new scroll', 'scroll_param');
    }
    const scroll = this.scroll as ScrollState;
    const page = scroll.ids.slice(scroll.offset, scroll.offset + pageSize);
    scroll.offset += page.length;
    scroll.lastUsed = now;
    // The empty page ends the scroll; its param expires with it.
    if (page.length === 0) this.scroll = undefined;
    return { param: scroll.param, ids: page };
  }
}
