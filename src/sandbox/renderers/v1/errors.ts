/** Domain refusals in the 1.x error shape (status, `code`, `field`). */
import { ApiError } from '../../api-error.js';
import type { DomainError } from '../../domain/errors.js';

/** 1.x answers for the finer reasons the domain gives. */
const BY_REASON: Readonly<Record<string, { status: number; code: string }>> = {
  missing: { status: 400, code: 'parameter_not_found' },
  scroll_exists: { status: 400, code: 'scroll_exists' },
  unique_user_constraint: { status: 409, code: 'unique_user_constraint' },
  admin_not_found: { status: 404, code: 'admin_not_found' },
};

const BY_KIND: Readonly<Record<DomainError['kind'], { status: number; code: string }>> = {
  not_found: { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
  invalid: { status: 400, code: 'parameter_invalid' },
};

/** The 1.x error answering a domain refusal. */
export function apiErrorOf(error: DomainError): ApiError {
  const answer = (error.reason !== undefined ? BY_REASON[error.reason] : undefined) ?? BY_KIND[error.kind];
  return new ApiError(answer.status, answer.code, error.message, error.field);
}
