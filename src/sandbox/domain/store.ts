/**
 * The in-memory state of one sandbox: every aggregate in its own private map, reached through the
 * store's methods so that indexes (by `user_id`, by email, by `company_id`) never drift.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from './errors.js';
import { DISCARD_EVENTS, type EventSink } from './event-sink.js';
import {
  type AdminRecord,
  type CompanyRecord,
  type CompanyStats,
  type ConversationRecord,
  type DataAttributeRecord,
  type EventRecord,
  type JobRecord,
  type NoteRecord,
  type NotificationFeeds,
  nowSeconds,
  objectId,
  type ScrollState,
  type SegmentRecord,
  type SubscriptionRecord,
  type SubscriptionTypeRecord,
  type TagRecord,
  type TeamRecord,
  type TicketRecord,
  type TicketStateRecord,
  type TicketTypeRecord,
  type UserRecord,
} from './records.js';

/** What a store is made with. */
export interface StoreOptions {
  appId?: string;
  /** Milliseconds a scroll param lives after its last use. Default: 60,000. */
  scrollTtlMs?: number;
  /** Where the domain publishes its changes (the webhook dispatcher). Default: nowhere. */
  sink?: EventSink;
}

/**
 * Records by id that the sandbox's owner (the seed, a test) may also define directly: tags and
 * segments carry no index, so a direct `set` keeps the store consistent.
 */
export interface DefinableRecords<R> extends ReadonlyMap<string, R> {
  set(id: string, record: R): this;
}

/** The in-memory state of one sandbox. */
export class Store {
  readonly appId: string;
  /** Where domain operations publish what changed. */
  readonly sink: EventSink;
  /** The one open scroll of the app, if any. */
  scroll: ScrollState | undefined;
  /** Milliseconds a scroll param lives after its last use. */
  scrollTtlMs: number;
  /** Milliseconds between a bulk request and the processing of its items. */
  jobDelayMs = 5;

  readonly #users = new Map<string, UserRecord>();
  /** `user_id` → Intercom id, per role. */
  readonly #usersByUserId = new Map<string, string>();
  /** Lower-case email → Intercom ids, per role. */
  readonly #usersByEmail = new Map<string, Set<string>>();
  readonly #companies = new Map<string, CompanyRecord>();
  /** `company_id` → Intercom id. */
  readonly #companiesByCompanyId = new Map<string, string>();
  readonly #admins = new Map<string, AdminRecord>();
  readonly #teams = new Map<string, TeamRecord>();
  readonly #tags = new Map<string, TagRecord>();
  readonly #segments = new Map<string, SegmentRecord>();
  readonly #conversations = new Map<string, ConversationRecord>();
  readonly #notes = new Map<string, NoteRecord>();
  /** Data events by the Intercom id of their user or lead, in insertion order. */
  readonly #events = new Map<string, EventRecord[]>();
  readonly #jobs = new Map<string, JobRecord>();
  readonly #subscriptions = new Map<string, SubscriptionRecord>();
  readonly #feeds = new Map<string, NotificationFeeds>();
  /** Ticket types, ticket states, subscription types and custom data attributes by id (see {@link DefinableRecords}). */
  readonly ticketTypes: DefinableRecords<TicketTypeRecord> = new Map();
  readonly ticketStates: DefinableRecords<TicketStateRecord> = new Map();
  readonly subscriptionTypes: DefinableRecords<SubscriptionTypeRecord> = new Map();
  readonly dataAttributes: DefinableRecords<DataAttributeRecord> = new Map();
  /** Tickets by id: they carry no index, so `set` and `delete` keep the store consistent. */
  readonly tickets = new Map<string, TicketRecord>();
  /** Intercom id of a person merged away → the id of the person it merged into. */
  readonly #mergedInto = new Map<string, string>();
  #sequence = 1000;

  constructor(options: StoreOptions = {}) {
    this.appId = options.appId ?? 'sandbox1';
    this.scrollTtlMs = options.scrollTtlMs ?? 60_000;
    this.sink = options.sink ?? DISCARD_EVENTS;
  }

  /** The next decimal id (admins, teams, tags, notes, conversations...). */
  nextId(): string {
    this.#sequence += 1;
    return String(this.#sequence);
  }

  // People: users, leads (`contact`) and visitors

  /** Users, leads and visitors by Intercom id. */
  get users(): ReadonlyMap<string, UserRecord> {
    return this.#users;
  }

  /** Every person of a role, oldest first. */
  peopleOf(role: UserRecord['role']): UserRecord[] {
    const out: UserRecord[] = [];
    for (const record of this.#users.values()) if (record.role === role) out.push(record);
    return out;
  }

  static #userIdKey(role: UserRecord['role'], userId: string): string {
    return `${role === 'user' ? 'u' : 'l'}:${userId}`;
  }

  static #emailKey(role: UserRecord['role'], email: string): string {
    return `${role === 'user' ? 'u' : 'l'}:${email.toLowerCase()}`;
  }

  /** A new person; leads and visitors get a UUID `user_id` unless one is given. */
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
      archived: false,
      blocked: false,
      merge_history: [],
      ...fields,
    };
    if (role !== 'user' && record.user_id === null) record.user_id = randomUUID();
    this.#users.set(record.id, record);
    if (record.user_id !== null) this.#usersByUserId.set(Store.#userIdKey(role, record.user_id), record.id);
    this.#indexEmail(record);
    return record;
  }

  #indexEmail(record: UserRecord): void {
    if (record.email === null) return;
    const key = Store.#emailKey(record.role, record.email);
    let ids = this.#usersByEmail.get(key);
    if (ids === undefined) {
      ids = new Set();
      this.#usersByEmail.set(key, ids);
    }
    ids.add(record.id);
  }

  #unindexEmail(record: UserRecord): void {
    if (record.email === null) return;
    const key = Store.#emailKey(record.role, record.email);
    const ids = this.#usersByEmail.get(key);
    ids?.delete(record.id);
    if (ids?.size === 0) this.#usersByEmail.delete(key);
  }

  /** Changes a person's email, keeping the index right. */
  setEmail(record: UserRecord, email: string | null): void {
    this.#unindexEmail(record);
    record.email = email;
    this.#indexEmail(record);
  }

  /** Changes a person's role (lead → user on convert), keeping the indexes right. */
  setRole(record: UserRecord, role: UserRecord['role']): void {
    this.#unindexEmail(record);
    if (record.user_id !== null) this.#usersByUserId.delete(Store.#userIdKey(record.role, record.user_id));
    record.role = role;
    if (record.user_id !== null) this.#usersByUserId.set(Store.#userIdKey(role, record.user_id), record.id);
    this.#indexEmail(record);
  }

  /** Changes a person's `user_id`, keeping the index right. */
  setUserId(record: UserRecord, userId: string | null): void {
    if (record.user_id !== null) this.#usersByUserId.delete(Store.#userIdKey(record.role, record.user_id));
    record.user_id = userId;
    if (userId !== null) this.#usersByUserId.set(Store.#userIdKey(record.role, userId), record.id);
  }

  /** Remembers that the person `fromId` merged into `intoId` (2.16 answers 410 with a link for it). */
  recordMerge(fromId: string, intoId: string): void {
    this.#mergedInto.set(fromId, intoId);
  }

  /** The id of the person a merged-away person went into, if any. */
  mergedInto(id: string): string | undefined {
    return this.#mergedInto.get(id);
  }

  removeUser(record: UserRecord): void {
    this.#users.delete(record.id);
    this.#unindexEmail(record);
    if (record.user_id !== null) this.#usersByUserId.delete(Store.#userIdKey(record.role, record.user_id));
  }

  /** The person with this Intercom id, if it has this role. */
  userById(id: string, role: UserRecord['role']): UserRecord | undefined {
    const record = this.#users.get(id);
    return record !== undefined && record.role === role ? record : undefined;
  }

  /** The person of this role with this `user_id` (leads and visitors share one index: the role is checked). */
  userByUserId(userId: string, role: UserRecord['role']): UserRecord | undefined {
    const id = this.#usersByUserId.get(Store.#userIdKey(role, userId));
    const record = id === undefined ? undefined : this.#users.get(id);
    return record?.role === role ? record : undefined;
  }

  /** Every person of a role with this email (case-insensitive), oldest first. */
  usersByEmail(email: string, role: UserRecord['role']): UserRecord[] {
    const ids = this.#usersByEmail.get(Store.#emailKey(role, email));
    const out: UserRecord[] = [];
    if (ids === undefined) return out;
    for (const id of ids) {
      const record = this.#users.get(id);
      if (record !== undefined && record.role === role) out.push(record);
    }
    return out;
  }

  // Companies

  get companies(): ReadonlyMap<string, CompanyRecord> {
    return this.#companies;
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
    this.#companies.set(record.id, record);
    this.#companiesByCompanyId.set(companyId, record.id);
    return record;
  }

  /** Removes a company and detaches it from every person. */
  removeCompany(company: CompanyRecord): void {
    this.#companies.delete(company.id);
    this.#companiesByCompanyId.delete(company.company_id);
    for (const record of this.#users.values()) {
      if (record.company_ids.includes(company.id)) record.company_ids = record.company_ids.filter((c) => c !== company.id);
    }
  }

  companyByCompanyId(companyId: string): CompanyRecord | undefined {
    const id = this.#companiesByCompanyId.get(companyId);
    return id === undefined ? undefined : this.#companies.get(id);
  }

  /** The first company (oldest) with exactly this name. */
  companyByName(name: string): CompanyRecord | undefined {
    for (const company of this.#companies.values()) if (company.name === name) return company;
    return undefined;
  }

  /** Users (role `user`) attached to a company. */
  usersOfCompany(companyId: string): UserRecord[] {
    const out: UserRecord[] = [];
    for (const record of this.#users.values()) {
      if (record.role === 'user' && record.company_ids.includes(companyId)) out.push(record);
    }
    return out;
  }

  /**
   * What a company's users add up to, per company id, in one pass over the users: how many users it
   * has, their sessions, and the latest `last_request_at` among them.
   */
  companyStats(): Map<string, CompanyStats> {
    const stats = new Map<string, CompanyStats>();
    for (const record of this.#users.values()) {
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

  // Admins and teams

  get admins(): ReadonlyMap<string, AdminRecord> {
    return this.#admins;
  }

  addAdmin(admin: AdminRecord): void {
    this.#admins.set(admin.id, admin);
  }

  get teams(): ReadonlyMap<string, TeamRecord> {
    return this.#teams;
  }

  addTeam(team: TeamRecord): void {
    this.#teams.set(team.id, team);
  }

  // Tags and segments

  /** Tags by id (see {@link DefinableRecords}). */
  get tags(): DefinableRecords<TagRecord> {
    return this.#tags;
  }

  /** A new tag with the next id. */
  newTag(name: string): TagRecord {
    const tag: TagRecord = { id: this.nextId(), name };
    this.#tags.set(tag.id, tag);
    return tag;
  }

  /** The tag with this name; names compare case-insensitively. */
  tagByName(name: string): TagRecord | undefined {
    const key = name.toLowerCase();
    for (const tag of this.#tags.values()) if (tag.name.toLowerCase() === key) return tag;
    return undefined;
  }

  /** Deletes a tag and takes it off every user, lead and company. */
  deleteTag(id: string): void {
    this.#tags.delete(id);
    for (const record of this.#users.values()) {
      if (record.tag_ids.includes(id)) record.tag_ids = record.tag_ids.filter((t) => t !== id);
    }
    for (const company of this.#companies.values()) {
      if (company.tag_ids.includes(id)) company.tag_ids = company.tag_ids.filter((t) => t !== id);
    }
  }

  /**
   * Segments by id. Intercom makes segments in its UI, never through the API: whoever owns the
   * sandbox (the seed, a test) defines them here.
   */
  get segments(): DefinableRecords<SegmentRecord> {
    return this.#segments;
  }

  // Conversations and notes

  get conversations(): ReadonlyMap<string, ConversationRecord> {
    return this.#conversations;
  }

  addConversation(conversation: ConversationRecord): void {
    this.#conversations.set(conversation.id, conversation);
  }

  /** Removes a conversation. */
  removeConversation(id: string): void {
    this.#conversations.delete(id);
  }

  get notes(): ReadonlyMap<string, NoteRecord> {
    return this.#notes;
  }

  addNote(note: NoteRecord): void {
    this.#notes.set(note.id, note);
  }

  // Data events, bulk jobs, webhook subscriptions

  /** Data events by the Intercom id of their user or lead, in insertion order. */
  get events(): ReadonlyMap<string, readonly EventRecord[]> {
    return this.#events;
  }

  /** Records a data event of a user or lead. */
  addEvent(owner: string, eventName: string, createdAt: number, metadata: EventRecord['metadata']): EventRecord {
    const id = this.nextId();
    const record: EventRecord = { id, seq: Number(id), owner, event_name: eventName, created_at: createdAt, metadata };
    const list = this.#events.get(owner);
    if (list === undefined) this.#events.set(owner, [record]);
    else list.push(record);
    return record;
  }

  /** Bulk jobs by id. */
  get jobs(): ReadonlyMap<string, JobRecord> {
    return this.#jobs;
  }

  addJob(job: JobRecord): void {
    this.#jobs.set(job.id, job);
  }

  /** Webhook subscriptions by id. */
  get subscriptions(): ReadonlyMap<string, SubscriptionRecord> {
    return this.#subscriptions;
  }

  addSubscription(subscription: SubscriptionRecord): void {
    this.#subscriptions.set(subscription.id, subscription);
  }

  /** Removes a subscription; its pending deliveries stop (`subscription.deleted` is published). */
  removeSubscription(subscription: SubscriptionRecord): void {
    this.#subscriptions.delete(subscription.id);
    this.sink.publish({ type: 'subscription.deleted', subscription });
  }

  /** The `/sent` and `/error` feeds of a subscription, created on first use. */
  feedsOf(subscriptionId: string): NotificationFeeds {
    let feeds = this.#feeds.get(subscriptionId);
    if (feeds === undefined) {
      feeds = { sent: [], errors: [] };
      this.#feeds.set(subscriptionId, feeds);
    }
    return feeds;
  }

  // Scrolls

  /**
   * Opens a scroll, or continues the open one. Only one scroll may be open per app: opening another
   * while one is live is refused (`scroll_exists`); an unknown or expired param is invalid.
   */
  scrollPage(resource: string, param: string | null, ids: () => string[], pageSize = 100): { param: string; ids: string[] } {
    const now = Date.now();
    const open = this.scroll;
    if (open !== undefined && now - open.lastUsed > this.scrollTtlMs) this.scroll = undefined;
    if (param === null) {
      if (this.scroll !== undefined) {
        throw new DomainError('conflict', 'scroll already exists for this app', { reason: 'scroll_exists' });
      }
      this.scroll = { resource, param: randomUUID(), ids: ids(), offset: 0, lastUsed: now };
    } else if (this.scroll === undefined || this.scroll.param !== param || this.scroll.resource !== resource) {
      throw new DomainError('invalid', 'scroll_param is unknown or has expired; start a new scroll', {
        field: 'scroll_param',
      });
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
