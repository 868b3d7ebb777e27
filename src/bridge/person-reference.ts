/**
 * The Intercom id of a person a 1.x call names by `email` or `user_id`: looked up with the 1.x
 * request the gem would send (`GET /users?email=`, `GET /contacts?user_id=`...) through the bridge
 * itself, so the people family's translation (contact search, `find_by_external_id`) decides how.
 *
 * @module
 */
import { MultipleMatchingUsersError, ResourceNotFound } from '../core/errors.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import type { RequestSender } from '../core/request-sender.js';
import { arrayOf, objectOf } from './v2-sends.js';

/** Who is named: a user (1.x `/users`) or a lead (1.x `/contacts`). */
export type PersonKind = 'user' | 'lead';

/**
 * The id of the person named by `key` (`id`, `intercom_user_id`, `email` or `user_id`) and `value`.
 * An id is taken as given (no request); the others cost one lookup. Not found: {@link ResourceNotFound}
 * as 1.x answered (404 `not_found`); several users with one email: {@link MultipleMatchingUsersError}.
 */
export async function personIdOf(
  bridge: RequestSender,
  kind: PersonKind,
  key: string,
  value: string,
  options: RequestOptions | undefined,
): Promise<string> {
  if (key === 'id' || key === 'intercom_user_id') return value;
  const path = kind === 'user' ? '/users' : '/contacts';
  const answer = objectOf(await bridge.send({ method: 'GET', path, query: { [key]: value }, options, idempotent: true }));
  const listKey = kind === 'user' ? 'users' : 'contacts';
  const found = answer.type === `${kind === 'user' ? 'user' : 'contact'}.list` ? arrayOf(answer, listKey) : [answer];
  const ids = found.flatMap((person) => (typeof person.id === 'string' && person.id !== '' ? [person.id] : []));
  if (ids.length === 0) {
    throw new ResourceNotFound(`No ${kind} with ${key} '${value}'`, { httpCode: 404, applicationErrorCode: 'not_found' });
  }
  if (ids.length > 1 && kind === 'user') {
    throw new MultipleMatchingUsersError(`${ids.length} users match ${key} '${value}'; use user_id or id`, {
      httpCode: 409,
      applicationErrorCode: 'conflict',
    });
  }
  return ids[0] as string;
}
