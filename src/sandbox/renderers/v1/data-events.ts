/** Data events and their summaries in the 1.x shape. */
import type { EventRecord, UserRecord } from '../../domain/records.js';

export function renderEvent(record: EventRecord, owner: UserRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'event',
    id: record.id,
    event_name: record.event_name,
    created_at: record.created_at,
    user_id: owner.user_id,
    email: owner.email,
    intercom_user_id: owner.id,
  };
  if (Object.keys(record.metadata).length > 0) out.metadata = record.metadata;
  return out;
}

/** `summary=true`: per event name, the first and last time and how many. */
export function renderEventSummary(owner: UserRecord, events: readonly EventRecord[]): Record<string, unknown> {
  const byName = new Map<string, { first: number; last: number; count: number }>();
  for (const event of [...events].sort((a, b) => a.created_at - b.created_at || a.seq - b.seq)) {
    const entry = byName.get(event.event_name);
    if (entry === undefined) byName.set(event.event_name, { first: event.created_at, last: event.created_at, count: 1 });
    else {
      entry.last = event.created_at;
      entry.count += 1;
    }
  }
  const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();
  return {
    type: 'event.summary',
    email: owner.email,
    intercom_user_id: owner.id,
    user_id: owner.user_id,
    events: [...byName].map(([name, entry]) => ({
      name,
      first: iso(entry.first),
      last: iso(entry.last),
      count: entry.count,
      description: null,
    })),
  };
}
