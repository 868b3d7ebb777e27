/**
 * `/events` (API 1.x): record a data event of a user or lead, list a person's events (newest first,
 * paged by a `before` cursor) or their summary.
 */
import { ApiError, invalid, missing } from '../../api-error.js';
import { recordEvent } from '../../domain/data-events.js';
import { findUser, userNotFound } from '../../domain/people.js';
import { type EventRecord, nowSeconds, type UserRecord } from '../../domain/records.js';
import { renderEvent, renderEventSummary } from '../../renderers/v1/data-events.js';
import { readEventWrite } from '../../requests/v1/data-events.js';
import { bodyObject, queryInteger } from '../../requests/v1/payload.js';
import type { RouteContext, Router } from '../../router.js';

/** Only events of the last 90 days are listed (summaries count older ones too). */
const LISTED_SECONDS = 90 * 86_400;
const DEFAULT_PER_PAGE = 15;
const MAX_PER_PAGE = 100;
const SEQ_DIGITS = 8;

/** Newest first; ties by insertion, latest first. */
const newestFirst = (a: EventRecord, b: EventRecord): number => b.created_at - a.created_at || b.seq - a.seq;

/** The `before` cursor of an event: its `created_at` then its sequence number, as digits. */
const cursorOf = (record: EventRecord): string => `${record.created_at}${String(record.seq).padStart(SEQ_DIGITS, '0')}`;

function readCursor(raw: string): { created_at: number; seq: number } {
  if (!/^\d+$/.test(raw) || raw.length <= SEQ_DIGITS) throw invalid('before is not a valid cursor', 'before');
  return { created_at: Number(raw.slice(0, -SEQ_DIGITS)), seq: Number(raw.slice(-SEQ_DIGITS)) };
}

/** The user or lead `GET /events` names: `intercom_user_id` (users and leads), `user_id` or `email`. */
function listedOwner(ctx: RouteContext): UserRecord {
  const { query, store } = ctx;
  const intercomUserId = query.get('intercom_user_id');
  const userId = query.get('user_id');
  const email = query.get('email');
  if (intercomUserId === null && userId === null && email === null) {
    throw new ApiError(400, 'parameter_not_found', 'One of user_id, email or intercom_user_id is required');
  }
  const owner = findUser(
    store,
    { id: intercomUserId ?? undefined, user_id: userId ?? undefined, email: email ?? undefined },
    { leads: true },
  );
  if (owner === undefined) throw userNotFound();
  return owner;
}

/**
 * Registers `POST /events` (202, empty body) and `GET /events?type=user&...` (newest first, paged by a
 * `before` cursor; `summary=true` counts events per name).
 */
export function eventRoutes(router: Router): void {
  router.add('POST', '/events', (ctx) => {
    const write = readEventWrite(bodyObject(ctx.body));
    const owner = findUser(ctx.store, write.owner, { leads: true });
    if (owner === undefined) throw userNotFound();
    recordEvent(ctx.store, owner, write.eventName, write.createdAt, write.metadata);
    return { status: 202 };
  });

  router.add('GET', '/events', (ctx) => {
    const { query } = ctx;
    const type = query.get('type');
    if (type === null) throw missing('type');
    if (type !== 'user') throw invalid("type must be 'user'", 'type');
    const perPage = queryInteger(query, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
    const rawBefore = query.get('before');
    const before = rawBefore === null ? undefined : readCursor(rawBefore);
    const owner = listedOwner(ctx);
    const all = ctx.store.events.get(owner.id) ?? [];
    if (query.get('summary') === 'true') return { status: 200, body: renderEventSummary(owner, all) };

    const since = nowSeconds() - LISTED_SECONDS;
    const listed = all
      .filter((event) => event.created_at >= since)
      .filter(
        (event) =>
          before === undefined ||
          event.created_at < before.created_at ||
          (event.created_at === before.created_at && event.seq < before.seq),
      )
      .sort(newestFirst);
    const page = listed.slice(0, perPage);
    let next: string | null = null;
    const last = page[page.length - 1];
    if (listed.length > perPage && last !== undefined) {
      const nextQuery = new URLSearchParams(query);
      nextQuery.delete('before');
      nextQuery.set('before', cursorOf(last));
      next = `${ctx.origin}/events?${nextQuery.toString()}`;
    }
    return {
      status: 200,
      body: { type: 'event.list', events: page.map((event) => renderEvent(event, owner)), pages: { next } },
    };
  });
}
