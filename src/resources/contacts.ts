import { MultipleMatchingUsersError, ResourceNotFound } from '../core/errors.js';
import type { ExactlyOne } from '../core/exactly-one.js';
import { entity, type JsonObject } from '../core/models.js';
import type { PageIterator, ScrollIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath, type QueryParams } from '../core/url.js';
import {
  type ListParameterKind,
  listQuery,
  rejectUnknownKeys,
  requireId,
  requireObject,
  requireOneOf,
} from '../core/validation.js';
import {
  anonymousIdentity,
  anonymousSaveBody,
  convertTargetIdentity,
  fillAnonymous,
  personWriteBody,
  refreshAnonymous,
} from './person-fields.js';
import { User, type UserFields, type UserWriteFields } from './users.js';

/** The fields of a lead as API 1.x returns them: a user's fields, typed `contact`. */
export interface ContactFields extends Omit<UserFields, 'type'> {
  type: 'contact';
  /** A UUID Intercom made for the lead. */
  user_id: string | null;
  /** Always true for a lead. */
  anonymous?: boolean;
  /** The name Intercom made up for the lead, such as "Lime Camel from Dublin". */
  pseudonym?: string | null;
}

// The class adds behaviour; the interface types the fields the API fills in.
export interface Contact extends ContactFields {}

/**
 * A lead (API 1.x calls leads "contacts"): a logged-out person. Change fields or `custom_attributes`
 * (in place or by assignment) and pass it to {@link Contacts.save}: it sends what changed.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class Contact {
  [field: string]: unknown;

  /** @internal Builds a lead from an API response (unwraps `X.list` wrappers). */
  constructor(data: JsonObject) {
    fillAnonymous(this, data);
  }
}

/** The `pages` of a paged list. */
export interface ListPages {
  type: 'pages';
  /** The URL of the next page, or null on the last page. */
  next: string | null;
  page: number;
  per_page: number;
  total_pages: number;
}

/** What {@link Contacts.find} returns for an email: the first page of the leads with that email. */
export interface ContactList {
  type: 'contact.list';
  /** The leads with the email (emails are not unique among leads). */
  contacts: Contact[];
  total_count: number;
  pages?: ListPages;
  limited?: boolean;
}

/** Fields accepted when creating or updating a lead. Timestamps accept `Date`. */
export interface ContactWriteFields extends UserWriteFields {
  /** Optional, and not unique among leads. */
  email?: string | null;
}

/**
 * Parameters of {@link Contacts.create}. Without `id` it creates a lead (`POST /contacts`), except that
 * a `user_id` of an existing lead updates it; with `id` it updates that lead (`PUT /contacts/{id}`).
 */
export interface CreateContactParams extends ContactWriteFields {
  /** Intercom's id of a lead to update. */
  id?: string;
  /** The (Intercom-made) `user_id` of a lead to update. */
  user_id?: string;
}

/** How to find leads: by Intercom `id` or `user_id` (one lead), or by `email` (a {@link ContactList}). */
export type FindContactParams = ExactlyOne<{ id: string; user_id: string; email: string }>;

/** Filters and paging of {@link Contacts.findAll}; sent as query parameters in the order given. */
export interface ListContactsParams {
  /** Every lead with this email. */
  email?: string;
  /** An explicit page fetches only that page. */
  page?: number;
  /** Default and maximum: 50 (60 in later 1.x versions). */
  per_page?: number;
}

/** The parameters of {@link Contacts.findAll} and what each may hold. */
const LIST_CONTACTS_FIELDS: Readonly<Record<keyof ListContactsParams, ListParameterKind>> = {
  email: 'text',
  page: 'positive-integer',
  per_page: 'positive-integer',
};

/** A lead as {@link Contacts.convert} needs it: its `user_id` (what the gem sends) or its `id`. */
export type ContactReference = { user_id: string; id?: string } | { id: string; user_id?: string | null };

/**
 * The user a lead or visitor converts into: a {@link User}, or the identifiers of one. An existing user
 * receives the lead's data; otherwise the lead becomes that user.
 */
export type ConvertTarget =
  | { id: string; email?: string | null; user_id?: string | null }
  | { email: string; user_id?: string | null; id?: string }
  | { user_id: string; email?: string | null; id?: string };

const toContact = (raw: JsonObject): Contact => new Contact(raw);

/** A `contact.list` answer as a {@link ContactList} (a single lead becomes a list of one). */
function contactList(body: unknown): ContactList {
  const object = entity<JsonObject>(body);
  if (object.type === 'contact') return { type: 'contact.list', contacts: [new Contact(object)], total_count: 1 };
  const raw = Array.isArray(object.contacts) ? (object.contacts as JsonObject[]) : [];
  const list: ContactList = {
    type: 'contact.list',
    contacts: raw.map(toContact),
    total_count: typeof object.total_count === 'number' ? object.total_count : raw.length,
  };
  if (typeof object.pages === 'object' && object.pages !== null) list.pages = object.pages as ListPages;
  if (typeof object.limited === 'boolean') list.limited = object.limited;
  return list;
}

/** The one lead of an answer; a `contact.list` must hold exactly one. */
function singleContact(body: unknown, key: string, value: string): Contact {
  const list = contactList(body);
  const [first] = list.contacts;
  if (first === undefined) throw new ResourceNotFound(`No lead with ${key} '${value}'`, { httpCode: 200 });
  if (list.contacts.length > 1) {
    throw new MultipleMatchingUsersError(`${list.contacts.length} leads match ${key} '${value}'`, { httpCode: 200 });
  }
  return first;
}

/**
 * Leads: `intercom.contacts` (API 1.x names leads "contacts").
 *
 * ```ts
 * const lead = await intercom.contacts.create({ email: 'lead@example.com' });
 * lead.custom_attributes.source = 'webinar';
 * await intercom.contacts.save(lead);
 * const user = await intercom.contacts.convert(lead, { email: 'lead@example.com' });
 * ```
 */
export class Contacts extends APIResource {
  /**
   * Creates a lead (`POST /contacts`; Intercom makes its `user_id`), or updates one: with `id` by
   * `PUT /contacts/{id}`, with the `user_id` of an existing lead by `POST /contacts`. An email alone
   * always creates a new lead: emails are not unique among leads.
   */
  async create(params: CreateContactParams = {}, options?: RequestOptions): Promise<Contact> {
    requireObject(params, 'params');
    const body = personWriteBody(params, 'params');
    if (params.id !== undefined) {
      const id = requireId(params.id, 'params.id');
      return toContact(entity(await this.http.put(apiPath`/contacts/${id}`, { body, options })));
    }
    if (params.user_id !== undefined) requireId(params.user_id, 'params.user_id');
    // Without an identifier every POST makes another lead: not safe to repeat.
    const idempotent = params.user_id !== undefined;
    return toContact(entity(await this.http.post('/contacts', { body, idempotent, options })));
  }

  /**
   * Saves a lead (`PUT /contacts/{id}`): sends its complete `custom_attributes` and every other field
   * that changed since the API returned it. Refreshes `contact` from the response and returns it.
   */
  async save(contact: Contact, options?: RequestOptions): Promise<Contact> {
    requireObject(contact, 'contact');
    const id = requireId(contact.id, 'contact.id');
    const body = anonymousSaveBody(contact, 'contact');
    const saved = toContact(entity(await this.http.put(apiPath`/contacts/${id}`, { body, options })));
    refreshAnonymous(contact, saved);
    return contact;
  }

  /** Finds a lead by Intercom `id` (`GET /contacts/{id}`) or `user_id` (`GET /contacts?user_id=`). */
  find(params: ExactlyOne<{ id: string; user_id: string }>, options?: RequestOptions): Promise<Contact>;
  /**
   * Finds the leads with an email (`GET /contacts?email=`): the first page of a {@link ContactList},
   * which may hold several leads or none. Iterate every page with {@link Contacts.findAll}.
   */
  find(params: { email: string; id?: never; user_id?: never }, options?: RequestOptions): Promise<ContactList>;
  /** Finds a lead by `id` or `user_id`, or the leads with an `email`. */
  find(params: FindContactParams, options?: RequestOptions): Promise<Contact | ContactList>;
  async find(params: FindContactParams, options?: RequestOptions): Promise<Contact | ContactList> {
    requireObject(params, 'params');
    rejectUnknownKeys(params, ['id', 'email', 'user_id'], 'params');
    const [key, value] = requireOneOf(params, ['id', 'email', 'user_id'], 'params', ['id']);
    if (key === 'id') return this.#get(value, options);
    const body = await this.http.get('/contacts', { query: { [key]: value }, options });
    return key === 'email' ? contactList(body) : singleContact(body, key, value);
  }

  /** Fetches the full lead behind any object with an `id`. */
  async load(contact: { id: string }, options?: RequestOptions): Promise<Contact> {
    requireObject(contact, 'contact');
    return this.#get(requireId(contact.id, 'contact.id'), options);
  }

  /** Every lead, newest first, page by page (`GET /contacts`). For many leads use {@link Contacts.scroll}. */
  all(options?: RequestOptions): PageIterator<Contact> {
    return this.#list(undefined, options);
  }

  /** Leads matching filters (`GET /contacts?...`), such as every lead with an `email`. */
  findAll(params: ListContactsParams, options?: RequestOptions): PageIterator<Contact> {
    requireObject(params, 'params');
    return this.#list(listQuery(params, LIST_CONTACTS_FIELDS, 'params'), options);
  }

  /**
   * Converts a lead into a user (`POST /contacts/convert`) and returns the user. When `user` names an
   * existing user, the lead's data merges into it and the lead is deleted; otherwise the lead becomes
   * a user with the identifiers given (keeping its email unless a new one is given).
   */
  async convert(contact: ContactReference, user: ConvertTarget, options?: RequestOptions): Promise<User> {
    const body = { contact: anonymousIdentity(contact, 'contact'), user: convertTargetIdentity(user, 'user') };
    // The lead is gone after the first success: not safe to repeat.
    const response = await this.http.post('/contacts/convert', { body, options });
    return new User(entity<JsonObject>(response));
  }

  /** Archives (deletes) a lead (`DELETE /contacts/{id}`) and returns it. */
  async archive(contact: { id: string }, options?: RequestOptions): Promise<Contact> {
    requireObject(contact, 'contact');
    const id = requireId(contact.id, 'contact.id');
    return toContact(entity(await this.http.delete(apiPath`/contacts/${id}`, { body: {}, options })));
  }

  /** Every lead through a scroll (`GET /contacts/scroll`), 100 a page; one scroll per app at a time. */
  scroll(options?: RequestOptions): ScrollIterator<Contact> {
    return this.http.scroll('/contacts/scroll', { itemsKey: 'contacts', toModel: toContact, options });
  }

  async #get(id: string, options: RequestOptions | undefined): Promise<Contact> {
    return toContact(entity(await this.http.get(apiPath`/contacts/${id}`, { options })));
  }

  #list(query: QueryParams | undefined, options: RequestOptions | undefined): PageIterator<Contact> {
    return this.http.list('/contacts', { query, itemsKey: 'contacts', toModel: toContact, options });
  }
}
