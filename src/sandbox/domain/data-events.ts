/** Data events: what a user or lead did, with metadata, as Intercom records them. */
import type { EventMetadataValue, EventRecord, UserRecord } from './records.js';
import type { Store } from './store.js';

/** Metadata keys an event keeps; the API silently drops the rest (the first ones sent are kept). */
export const MAX_METADATA_KEYS = 10;

/** Event names are case-insensitive; `.` and `$` become `-`. */
export function normaliseEventName(name: string): string {
  return name.trim().toLowerCase().replace(/[.$]/g, '-');
}

/** Records a data event of a user or lead (the name normalised) and publishes `data_event.created`. */
export function recordEvent(
  store: Store,
  owner: UserRecord,
  eventName: string,
  createdAt: number,
  metadata: Record<string, EventMetadataValue>,
): EventRecord {
  const event = store.addEvent(owner.id, normaliseEventName(eventName), createdAt, metadata);
  store.sink.publish({ type: 'data_event.created', event, owner });
  return event;
}
