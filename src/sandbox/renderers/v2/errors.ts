import { ApiError } from '../../api-error.js';
import { DomainError } from '../../domain/errors.js';
import { v2ApiErrorOf } from './error-list.js';

/** The body of a 2.x error answer: `{ type: 'error.list', request_id, errors: [{ code, message }] }`. */
export function v2ErrorBody(requestId: string, error: ApiError): Record<string, unknown> {
  return { type: 'error.list', request_id: requestId, errors: [{ code: error.code, message: error.message }] };
}

/** A failure of a 2.x request as the {@link ApiError} it answers with; undefined for an unexpected error. */
export function v2FailureOf(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return v2ApiErrorOf(error);
  return undefined;
}

/** The answer to a failed 2.x request, in the 2.x error shape (an unexpected error: 500, logged). */
export function v2Failure(
  requestId: string,
  headers: Record<string, string>,
  error: unknown,
): { status: number; headers: Record<string, string>; body: string } {
  const apiError = v2FailureOf(error) ?? new ApiError(500, 'server_error', 'Request failed due to an internal network error');
  if (v2FailureOf(error) === undefined) console.error('intercom sandbox: unexpected error', error);
  return {
    status: apiError.status,
    headers: { ...headers, ...apiError.headers },
    body: JSON.stringify(v2ErrorBody(requestId, apiError)),
  };
}
