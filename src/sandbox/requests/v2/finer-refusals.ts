/**
 * The 2.x operations whose route answers some bad bodies with a finer Intercom code or wording than
 * the description's check would (`invalid_sort_order`, "Data Type isn't an option", "Name is a
 * required parameter."), each with the route's own reader of its body. When the description refuses
 * a body of one of these operations, the reader runs: a refusal it throws is the answer, else the
 * description's. Readers only read the body (never the workspace), so nothing is stored either way.
 */

import { isTicketSearchField, TICKET_SEARCH_FIELD_NAMES } from '../../domain/ticket-search.js';
import { bodyObject } from '../v1/payload.js';
import { readContactCreate, readContactUpdate } from './contact-body.js';
import { readContactSearch } from './contact-search.js';
import { CHANGE_KINDS, readAdminPart, readReplyBody } from './conversation-parts.js';
import { readConversationQuery } from './conversation-query.js';
import { readDataAttributeCreate } from './data-attribute-body.js';
import { readArticleChanges, readCollectionChanges } from './help-center.js';

/** Reads a conversation or ticket search body's query the way its route does. */
const searchQueryReader =
  (fields?: Parameters<typeof readConversationQuery>[2]) =>
  (raw: unknown): void => {
    const body = bodyObject(raw);
    if (body.query !== undefined && body.query !== null) readConversationQuery(body.query, 0, fields);
  };

/** `METHOD /path` as the description writes it → the route's reader of that operation's body. */
export const FINER_BODY_REFUSALS: ReadonlyMap<string, (body: unknown) => void> = new Map<string, (body: unknown) => void>([
  ['POST /contacts', (body) => readContactCreate(bodyObject(body))],
  ['PUT /contacts/{contact_id}', (body) => readContactUpdate(bodyObject(body))],
  ['POST /contacts/search', (body) => readContactSearch(bodyObject(body))],
  ['POST /conversations/search', searchQueryReader()],
  ['POST /tickets/search', searchQueryReader({ has: isTicketSearchField, names: TICKET_SEARCH_FIELD_NAMES })],
  ['POST /conversations/{conversation_id}/reply', (body) => readReplyBody(bodyObject(body))],
  ['POST /conversations/{conversation_id}/parts', (body) => readAdminPart(bodyObject(body), CHANGE_KINDS)],
  ['POST /data_attributes', (body) => readDataAttributeCreate(bodyObject(body))],
  ['POST /articles', (body) => readArticleChanges(body, true)],
  ['PUT /articles/{article_id}', (body) => readArticleChanges(body, false)],
  ['POST /help_center/collections', (body) => readCollectionChanges(body, true)],
  ['PUT /help_center/collections/{collection_id}', (body) => readCollectionChanges(body, false)],
]);
