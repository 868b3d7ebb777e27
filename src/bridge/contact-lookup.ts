/**
 * Finding 2.x contacts the way 1.x found users and leads: by Intercom id (`GET /contacts/{id}`, a
 * contact merged away followed to the one it merged into), by email (contact search, role and email),
 * by the user's own id (`GET /contacts/find_by_external_id/{id}` from 2.13 on, a search on `external_id`
 * before), and the 1.x "not found" answers when nothing matches.
 *
 * @module
 */
import { errorFromErrorList, IntercomError, ResourceNotFound } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import type { ApiRequest, RequestOptions } from '../core/request-pipeline.js';
import { apiPath } from '../core/url.js';
import { type ContactRelations, type ContactRole, listItems, renderPerson, roleOfContact } from './people-shapes.js';
import type { BridgeContext } from './route-table.js';

/** The 1.x name of a role in messages: `User` or `Contact` (1.x leads). */
const ROLE_NOUN: Readonly<Record<ContactRole, string>> = { user: 'User', lead: 'Contact' };

/** How many merges in a row a lookup follows before giving up (a contact merged into a merged one...). */
const MAX_MERGE_HOPS = 5;

/** The error the 1.x API answered for a missing user or lead: 404 `not_found`, mapped as the pipeline maps it. */
export function notFound(what: string): IntercomError {
  return errorFromErrorList({ errors: [{ code: 'not_found', message: `${what} Not Found` }] }, 404, {});
}

/** The 1.x "User Not Found" (or "Contact Not Found" for a lead). */
export const personNotFound = (role: ContactRole): IntercomError => notFound(ROLE_NOUN[role]);

/** Sends one 2.x request with the caller's per-call options. */
export function sendV2(
  context: BridgeContext,
  options: RequestOptions | undefined,
  request: Omit<ApiRequest, 'options' | 'idempotent'> & { idempotent?: boolean },
): Promise<unknown> {
  return context.v2.send({ idempotent: request.method !== 'POST', ...request, options });
}

/** The contact a 410 `contact_merged` answer points at (its `Link` header), if any. */
function mergedInto(error: unknown): string | undefined {
  if (!(error instanceof IntercomError) || error.httpCode !== 410) return undefined;
  const link = error.headers?.link ?? '';
  const match = /<[^>]*\/contacts\/([^/>?]+)>/.exec(link);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/**
 * The 2.x contact with this Intercom id, of `role` when given. A contact merged away is followed to the
 * one it was merged into; an unknown one (or one of the other role) is the 1.x 404.
 */
export async function contactById(
  context: BridgeContext,
  id: string,
  role: ContactRole | undefined,
  options: RequestOptions | undefined,
): Promise<JsonObject> {
  let target = id;
  for (let hop = 0; ; hop++) {
    try {
      const contact = (await sendV2(context, options, { method: 'GET', path: apiPath`/contacts/${target}` })) as JsonObject;
      if (role !== undefined && roleOfContact(contact) !== role) throw personNotFound(role);
      return contact;
    } catch (error) {
      const into = mergedInto(error);
      if (into !== undefined && hop < MAX_MERGE_HOPS) {
        target = into;
        continue;
      }
      if (error instanceof ResourceNotFound && role !== undefined) throw personNotFound(role);
      throw error;
    }
  }
}

/** A search filter of the 2.x query language. */
export interface SearchFilter {
  field: string;
  operator: string;
  value: unknown;
}

/** One page of a 2.x contact search. */
export interface ContactSearchPage {
  contacts: JsonObject[];
  totalCount: number;
  /** The cursor of the next page, if there is one. */
  next: string | undefined;
  page: number;
  totalPages: number;
}

/** One page of the contacts of `role` matching every filter (`POST /contacts/search`). */
export async function searchContactPage(
  context: BridgeContext,
  role: ContactRole | undefined,
  filters: readonly SearchFilter[],
  page: { perPage?: number | undefined; startingAfter?: string | undefined; sort?: JsonObject | undefined },
  options: RequestOptions | undefined,
): Promise<ContactSearchPage> {
  const all = role === undefined ? [...filters] : [{ field: 'role', operator: '=', value: role }, ...filters];
  const query = all.length === 1 ? all[0] : { operator: 'AND', value: all };
  const body: JsonObject = { query: query ?? { field: 'role', operator: 'IN', value: ['user', 'lead'] } };
  if (page.sort !== undefined) body.sort = page.sort;
  const pagination: JsonObject = {};
  if (page.perPage !== undefined) pagination.per_page = page.perPage;
  if (page.startingAfter !== undefined) pagination.starting_after = page.startingAfter;
  if (Object.keys(pagination).length > 0) body.pagination = pagination;
  // A search changes nothing: repeatable like a read.
  const answer = (await sendV2(context, options, {
    method: 'POST',
    path: '/contacts/search',
    body,
    idempotent: true,
  })) as JsonObject;
  return cursorPageOf(answer);
}

/** The contacts, total and next cursor of a 2.x list or search answer. */
export function cursorPageOf(answer: JsonObject): ContactSearchPage {
  const pages = (typeof answer.pages === 'object' && answer.pages !== null ? answer.pages : {}) as JsonObject;
  const next = (typeof pages.next === 'object' && pages.next !== null ? pages.next : {}) as JsonObject;
  const contacts = listItems(answer);
  return {
    contacts,
    totalCount: typeof answer.total_count === 'number' ? answer.total_count : contacts.length,
    next: typeof next.starting_after === 'string' && next.starting_after !== '' ? next.starting_after : undefined,
    page: typeof pages.page === 'number' ? pages.page : 1,
    totalPages: typeof pages.total_pages === 'number' ? pages.total_pages : 1,
  };
}

/** The contacts of `role` with this email (first 50; 1.x refused to choose among several). */
export async function contactsByEmail(
  context: BridgeContext,
  role: ContactRole,
  email: string,
  options: RequestOptions | undefined,
): Promise<JsonObject[]> {
  const page = await searchContactPage(
    context,
    role,
    [{ field: 'email', operator: '=', value: email }],
    { perPage: 50 },
    options,
  );
  return page.contacts;
}

/** True when the client's 2.x version has `GET /contacts/find_by_external_id/{id}` (2.13 on). */
export function hasFindByExternalId(apiVersion: string): boolean {
  const [major, minor] = apiVersion.split('.').map(Number);
  return major === 2 && minor !== undefined && minor >= 13;
}

/** The contact of `role` whose external id is `externalId`, or undefined. */
export async function contactByExternalId(
  context: BridgeContext,
  role: ContactRole,
  externalId: string,
  options: RequestOptions | undefined,
): Promise<JsonObject | undefined> {
  if (role === 'user' && hasFindByExternalId(context.apiVersion)) {
    try {
      const contact = (await sendV2(context, options, {
        method: 'GET',
        path: apiPath`/contacts/find_by_external_id/${externalId}`,
      })) as JsonObject;
      return roleOfContact(contact) === role ? contact : undefined;
    } catch (error) {
      if (error instanceof ResourceNotFound) return undefined;
      throw error;
    }
  }
  const page = await searchContactPage(
    context,
    role,
    [{ field: 'external_id', operator: '=', value: externalId }],
    { perPage: 2 },
    options,
  );
  return page.contacts[0];
}

/**
 * The full companies and tags of one contact, fetched only when it has some (a 2.x contact lists their
 * ids only): at most two extra calls.
 */
export async function relationsOf(
  context: BridgeContext,
  contact: JsonObject,
  options: RequestOptions | undefined,
): Promise<ContactRelations> {
  const id = String(contact.id);
  const relations: ContactRelations = {};
  const [companies, tags] = await Promise.all([
    listItems(contact.companies).length === 0
      ? undefined
      : sendV2(context, options, { method: 'GET', path: apiPath`/contacts/${id}/companies` }),
    listItems(contact.tags).length === 0
      ? undefined
      : sendV2(context, options, { method: 'GET', path: apiPath`/contacts/${id}/tags` }),
  ]);
  if (companies !== undefined) relations.companies = listItems(companies, 'companies').concat(listItems(companies));
  if (tags !== undefined) relations.tags = listItems(tags);
  return relations;
}

/** One contact as the 1.x body of a user or lead, its companies and tags in full. */
export async function renderOnePerson(
  context: BridgeContext,
  contact: JsonObject,
  options: RequestOptions | undefined,
): Promise<JsonObject> {
  return renderPerson(contact, await relationsOf(context, contact, options));
}
