/** Reading people out of 1.x bodies: the writable fields of a user or lead, and the identifiers that name one. */
import { ApiError, invalid } from '../../api-error.js';
import type { CompanyMembership, IdentifierKind, PersonChanges, PersonIdentifiers } from '../../domain/people.js';
import { readCompanyChanges } from './company-changes.js';
import {
  type Body,
  nested,
  optionalAttributes,
  optionalBoolean,
  optionalIdentifier,
  optionalNumber,
  optionalObjects,
  optionalString,
  optionalTimestamp,
} from './payload.js';

/** Reads the writable fields of a user or lead body. Wrong types answer 400 before anything changes. */
export function readPersonChanges(body: Body): PersonChanges {
  const email = optionalString(body, 'email');
  if (email === '') throw invalid("Email can't be blank", 'email');
  const changes: PersonChanges = {
    email,
    name: optionalString(body, 'name'),
    phone: optionalString(body, 'phone'),
    lastSeenIp: optionalString(body, 'last_seen_ip'),
    lastSeenUserAgent: optionalString(body, 'last_seen_user_agent'),
    signedUpAt: optionalTimestamp(body, 'signed_up_at'),
    remoteCreatedAt: optionalTimestamp(body, 'remote_created_at'),
    lastRequestAt: optionalTimestamp(body, 'last_request_at'),
    unsubscribedFromEmails: optionalBoolean(body, 'unsubscribed_from_emails'),
    updateLastRequestAt: optionalBoolean(body, 'update_last_request_at'),
    newSession: optionalBoolean(body, 'new_session'),
    ownerId: optionalNumber(body, 'owner_id'),
    attributes: optionalAttributes(body),
  };
  const companies = (optionalObjects(body, 'companies') ?? []).map((item, i) => readMembership(item, `companies[${i}]`));
  const company = body.company;
  if (company !== undefined && company !== null) {
    if (typeof company !== 'object' || Array.isArray(company)) throw invalid('company must be an object', 'company');
    companies.push(readMembership(company as Body, 'company'));
  }
  changes.companies = companies;
  return changes;
}

/** A `companies` item of a user write: attach (creating the company if unknown) or, with `remove`, detach. */
function readMembership(item: Body, field: string): CompanyMembership {
  const membership = nested(field, () => ({
    companyId: optionalIdentifier(item, 'company_id'),
    id: optionalIdentifier(item, 'id'),
    remove: optionalBoolean(item, 'remove') === true,
    changes: readCompanyChanges(item),
  }));
  if (membership.companyId === undefined && membership.id === undefined) {
    throw invalid(`${field} needs a company_id`, `${field}.company_id`);
  }
  return membership;
}

/** `id`, `user_id` and `email` of a body (each checked), as a user write or lookup names a user. */
export function readIdentifiers(body: Body): PersonIdentifiers {
  return {
    id: optionalIdentifier(body, 'id'),
    user_id: optionalIdentifier(body, 'user_id'),
    email: optionalString(body, 'email'),
  };
}

/** True when none of `id`, `user_id`, `email` is given. */
export const noIdentifier = (ids: PersonIdentifiers): boolean =>
  ids.id === undefined && ids.user_id === undefined && (ids.email === undefined || ids.email === null);

/** An object member of a body (`contact`, `user`, `visitor`); 400 when it is missing or not an object. */
export function objectMember(body: Body, field: string): Body {
  const value = body[field];
  if (value === undefined || value === null) {
    throw new ApiError(400, 'parameter_not_found', `${field} is a required parameter`, field);
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${field} must be an object`, field);
  return value as Body;
}

/**
 * The first identifier present in `body` out of `fields` (wire name → kind), its type checked.
 * Undefined when none is given.
 */
export function readNamedIdentifier(
  body: Body,
  fields: ReadonlyArray<readonly [string, IdentifierKind]>,
): { field: string; key: IdentifierKind; value: string } | undefined {
  for (const [field, key] of fields) {
    const value = key === 'email' ? optionalString(body, field) : optionalIdentifier(body, field);
    if (typeof value === 'string' && value !== '') return { field, key, value };
  }
  return undefined;
}

/**
 * The `{ id | user_id }` that names a lead or visitor (`field` is its name in the body, `''` for the
 * body itself); 400 without either.
 */
export function readAnonymousIdentity(part: Body, field: string): PersonIdentifiers {
  const prefix = field === '' ? '' : `${field}.`;
  const id = optionalIdentifier(part, 'id');
  const userId = optionalIdentifier(part, 'user_id');
  if (id === undefined && userId === undefined) {
    throw new ApiError(400, 'parameter_not_found', `${prefix}id or ${prefix}user_id is required`, `${prefix}user_id`);
  }
  return { id, user_id: userId };
}

/** The `user` part of a conversion: the user a lead becomes or merges into. */
export function readConversionTarget(userPart: Body): PersonIdentifiers {
  const id = optionalIdentifier(userPart, 'id');
  const userId = optionalIdentifier(userPart, 'user_id');
  const email = optionalString(userPart, 'email');
  if (email === '') throw invalid("Email can't be blank", 'user.email');
  if (id === undefined && userId === undefined && (email === undefined || email === null)) {
    throw new ApiError(400, 'parameter_not_found', 'user needs an id, a user_id or an email', 'user');
  }
  return { id, user_id: userId, email };
}
