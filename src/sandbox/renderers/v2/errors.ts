import { ApiError } from '../../api-error.js';
import { DomainError } from '../../domain/errors.js';
import { apiErrorOf } from '../v1/errors.js';

/** The body of a 2.x error answer: `{ type: 'error.list', request_id, errors: [{ code, message }] }`. */
export function v2ErrorBody(requestId: string, error: ApiError): Record<string, unknown> {
  return { type: 'error.list', request_id: requestId, errors: [{ code: error.code, message: error.message }] };
}

/** A failure of a 2.x route as the {@link ApiError} it answers with. */
export function v2ApiErrorOf(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return apiErrorOf(error);
  return undefined;
}
