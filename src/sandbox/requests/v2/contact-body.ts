/** Reading a 2.x contact create or update body: role, external id and the writable fields, before any lookup. */
import { ApiError } from '../../api-error.js';
import type { PersonChanges } from '../../domain/people.js';
import {
  type Body,
  optionalAttributes,
  optionalBoolean,
  optionalIdentifier,
  optionalString,
  optionalTimestamp,
} from '../v1/payload.js';

/** `user` or `lead` (the default for a create is `user`); anything else is invalid. */
function readRole(body: Body): 'user' | 'lead' | undefined {
  const role = optionalString(body, 'role');
  if (role === undefined || role === null) return undefined;
  if (role !== 'user' && role !== 'lead') throw new ApiError(400, 'parameter_invalid', "role must be 'user' or 'lead'");
  return role;
}

/** The writable fields of a 2.x contact body. */
function readContactChanges(body: Body): PersonChanges {
  const email = optionalString(body, 'email');
  if (email === '') throw new ApiError(400, 'parameter_invalid', "Email can't be blank");
  const ownerId = optionalIdentifier(body, 'owner_id');
  if (ownerId !== undefined && !/^\d+$/.test(ownerId))
    throw new ApiError(400, 'parameter_invalid', 'owner_id must be an admin id');
  return {
    email,
    name: optionalString(body, 'name'),
    phone: optionalString(body, 'phone'),
    signedUpAt: optionalTimestamp(body, 'signed_up_at'),
    lastRequestAt: optionalTimestamp(body, 'last_seen_at'),
    unsubscribedFromEmails: optionalBoolean(body, 'unsubscribed_from_emails'),
    ownerId: ownerId === undefined ? undefined : Number(ownerId),
    attributes: optionalAttributes(body),
  };
}

/** A create body as read: its role (`user` by default), external id and changes; refused before any lookup. */
export function readContactCreate(body: Body): { role: 'user' | 'lead'; externalId: string | undefined; changes: PersonChanges } {
  const role = readRole(body) ?? 'user';
  const externalId = optionalIdentifier(body, 'external_id');
  const changes = readContactChanges(body);
  if (changes.email == null && externalId === undefined && body.role === undefined) {
    throw new ApiError(400, 'parameter_invalid', 'Please provide an email, external_id or role');
  }
  return { role, externalId, changes };
}

/** An update body as read: the role it asks for, external id and changes. */
export function readContactUpdate(body: Body): {
  role: 'user' | 'lead' | undefined;
  externalId: string | undefined;
  changes: PersonChanges;
} {
  return { role: readRole(body), externalId: optionalIdentifier(body, 'external_id'), changes: readContactChanges(body) };
}
