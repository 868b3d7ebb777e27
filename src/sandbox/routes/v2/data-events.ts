/**
 * 2.x data events: `POST /events` (202, empty body; the contact named by `id`, `user_id` or
 * `email`), `GET /events?type=user&...` (the events, or with `summary=true` a summary per event name)
 * and `POST /events/summaries`.
 */
import { ApiError } from '../../api-error.js';
import { normaliseEventName, recordEvent } from '../../domain/data-events.js';
import { findUser } from '../../domain/people.js';
import type { EventRecord, UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { renderEvent } from '../../renderers/v1/data-events.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';
import { readEventWrite } from '../../requests/v1/data-events.js';
import { bodyObject, optionalIdentifier, optionalString } from '../../requests/v1/payload.js';
import type { RouteContext, Router } from '../../router.js';

/** The contact an event names (users first; an Intercom id may name a lead). */
function ownerOf(
  store: Store,
  ids: { id?: string | undefined; user_id?: string | undefined; email?: string | null | undefined },
): UserRecord {
  const owner = findUser(store, ids, { leads: true });
  if (owner === undefined) throw resourceNotFound('User');
  return owner;
}

/** Events counted per name: first and last time as ISO dates. */
function summarise(events: readonly EventRecord[]): Record<string, unknown>[] {
  const byName = new Map<string, { first: number; last: number; count: number }>();
  for (const event of events) {
    const entry = byName.get(event.event_name);
    if (entry === undefined) byName.set(event.event_name, { first: event.created_at, last: event.created_at, count: 1 });
    else {
      entry.first = Math.min(entry.first, event.created_at);
      entry.last = Math.max(entry.last, event.created_at);
      entry.count += 1;
    }
  }
  const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();
  return [...byName].map(([name, e]) => ({ name, first: iso(e.first), last: iso(e.last), count: e.count }));
}

/** Registers the `/events` routes. */
export function dataEventRoutes(router: Router): void {
  router.add('POST', '/events', (ctx: RouteContext) => {
    const write = readEventWrite(bodyObject(ctx.body));
    const owner = ownerOf(ctx.store, write.owner);
    recordEvent(ctx.store, owner, write.eventName, write.createdAt, write.metadata);
    return { status: 202 };
  });

  router.add('GET', '/events', (ctx: RouteContext) => {
    const { query, store } = ctx;
    if (query.get('type') === null) throw new ApiError(400, 'parameter_not_found', 'type is a required parameter');
    const ids = {
      id: query.get('intercom_user_id') ?? undefined,
      user_id: query.get('user_id') ?? undefined,
      email: query.get('email') ?? undefined,
    };
    if (ids.id === undefined && ids.user_id === undefined && ids.email === undefined) {
      throw new ApiError(400, 'parameter_not_found', 'One of intercom_user_id, user_id or email is required');
    }
    const owner = ownerOf(store, ids);
    const events = store.events.get(owner.id) ?? [];
    if (query.get('summary') !== 'true') {
      // The events themselves, newest first, as Intercom lists them (the description's text says so;
      // its schema knows only the summary: openapi/description-errata.ts). One page: a sandbox
      // person has few events.
      const newestFirst = [...events].sort((a, b) => b.created_at - a.created_at || b.seq - a.seq);
      return {
        status: 200,
        body: { type: 'event.list', events: newestFirst.map((event) => renderEvent(event, owner)), pages: { next: null } },
      };
    }
    const body: Record<string, unknown> = {
      type: 'event.summary',
      intercom_user_id: owner.id,
      events: summarise(events),
    };
    if (owner.email !== null) body.email = owner.email;
    if (owner.role === 'user' && owner.user_id !== null) body.user_id = owner.user_id;
    return { status: 200, body };
  });

  router.add('POST', '/events/summaries', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    const userId = optionalIdentifier(body, 'user_id');
    if (userId === undefined) throw new ApiError(400, 'parameter_not_found', 'user_id is a required parameter');
    const owner = ownerOf(ctx.store, { user_id: userId });
    const summaries = bodyObject(body.event_summaries ?? {});
    const name = optionalString(summaries, 'event_name');
    if (typeof name === 'string' && normaliseEventName(name) !== '') {
      const count = typeof summaries.count === 'number' && summaries.count > 0 ? Math.floor(summaries.count) : 1;
      const at = typeof summaries.last === 'number' ? summaries.last : Math.floor(Date.now() / 1000);
      for (let i = 0; i < count; i++) recordEvent(ctx.store, owner, name, at, {});
    }
    return { status: 200 };
  });
}
