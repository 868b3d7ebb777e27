/**
 * What 2.x adds to a person's life: archiving and unarchiving, blocking, and merging a lead into a
 * user with a record of the merge (`merge_history`).
 */
import { DomainError, notFound } from './errors.js';
import { convertToUser } from './people.js';
import { nowSeconds, type UserRecord } from './records.js';
import type { Store } from './store.js';

/** Archives (or, with `archived: false`, unarchives) a person. */
export function setArchived(record: UserRecord, archived: boolean): void {
  record.archived = archived;
  record.updated_at = nowSeconds();
}

/** Blocks a person. */
export function blockPerson(record: UserRecord): void {
  record.blocked = true;
  record.updated_at = nowSeconds();
}

/**
 * Merges the lead `fromId` into the user `intoId`: the user keeps its own values and gains what it
 * lacked, the lead's notes and conversations move to it, the lead is removed and the merge is kept
 * in the user's `merge_history`. Either id unknown (or of the wrong role) is not found.
 */
export function mergeLeadIntoUser(store: Store, fromId: string, intoId: string): UserRecord {
  const lead = store.userById(fromId, 'contact');
  if (lead === undefined) {
    if (store.userById(fromId, 'user') !== undefined) {
      throw new DomainError('invalid', 'Only a lead can be merged into a user', { field: 'from' });
    }
    throw notFound('Contact Not Found', { field: 'from' });
  }
  if (store.userById(intoId, 'user') === undefined) throw notFound('Contact Not Found', { field: 'into' });
  const user = convertToUser(store, lead, { id: intoId });
  user.merge_history.push({ source_contact_id: lead.id, source_contact_role: 'lead', merged_at: nowSeconds() });
  store.recordMerge(lead.id, user.id);
  return user;
}
