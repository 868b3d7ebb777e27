/** Domain refusals in the 2.x error shape: `{ type: 'error.list', request_id, errors: [{ code, message }] }`. */
import { ApiError } from '../../api-error.js';
import type { DomainError } from '../../domain/errors.js';

/** 2.x answers for the finer reasons the domain gives. */
const BY_REASON: Readonly<Record<string, { status: number; code: string }>> = {
  missing: { status: 400, code: 'parameter_not_found' },
  admin_not_found: { status: 404, code: 'admin_not_found' },
  unique_user_constraint: { status: 409, code: 'conflict' },
  ticket_not_found: { status: 404, code: 'ticket_not_found' },
  parameter_mismatch: { status: 400, code: 'parameter_mismatch' },
  field_not_found: { status: 404, code: 'field_not_found' },
};

const BY_KIND: Readonly<Record<DomainError['kind'], { status: number; code: string }>> = {
  not_found: { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
  invalid: { status: 400, code: 'parameter_invalid' },
};

/** The 2.x error answering a domain refusal. */
export function v2ApiErrorOf(error: DomainError): ApiError {
  const answer = (error.reason !== undefined ? BY_REASON[error.reason] : undefined) ?? BY_KIND[error.kind];
  return new ApiError(answer.status, answer.code, error.message);
}

/** 400 `parameter_not_found`: a required field is missing (2.x names no field). */
export const requiredMissing = (field: string): ApiError =>
  new ApiError(400, 'parameter_not_found', `${field} is a required parameter`);

/** 400 `parameter_invalid`. */
export const parameterInvalid = (message: string): ApiError => new ApiError(400, 'parameter_invalid', message);

/** 404 `not_found` with the 2.x message of a resource (`Contact Not Found`...). */
export const resourceNotFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} Not Found`);
