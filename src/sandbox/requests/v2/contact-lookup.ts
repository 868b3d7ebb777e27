/** Finding the contact a 2.x path names: 404 when unknown, 410 with a `Link` when it was merged away. */
import { ApiError } from '../../api-error.js';
import type { UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';

/** The user or lead with this Intercom id; 410 for one merged away (with a `Link` to where it went), else 404. */
export function contactById(store: Store, id: string): UserRecord {
  const record = store.users.get(id);
  if (record !== undefined && record.role !== 'visitor') return record;
  const into = store.mergedInto(id);
  if (into !== undefined) {
    throw new ApiError(410, 'contact_merged', `Contact ${id} was merged into ${into}`, undefined, {
      link: `</contacts/${into}>; rel="canonical"`,
    });
  }
  throw resourceNotFound('Contact');
}
