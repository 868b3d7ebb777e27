import { randomBytes, randomUUID } from 'node:crypto';

/** A failure a route answers with, in Intercom's `error.list` shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, field?: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
  }
}

/** A request id as Intercom makes them: 20 lower-case base-32 characters. */
export function newRequestId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(20);
  let out = '';
  for (const byte of bytes) out += alphabet[byte & 31];
  return out;
}

/** A 2.x request id: a UUID, as the description's `error.request_id` says and its examples show. */
export const newV2RequestId = (): string => randomUUID();

/** The body of an error response. */
export function errorBody(requestId: string, code: string, message: string, field?: string): Record<string, unknown> {
  const error: Record<string, string> = { code, message };
  if (field !== undefined) error.field = field;
  return { type: 'error.list', request_id: requestId, errors: [error] };
}

/** 404 `not_found`. */
export const notFound = (message = 'Resource Not Found'): ApiError => new ApiError(404, 'not_found', message);
/** 400 `parameter_invalid`. */
export const invalid = (message: string, field?: string): ApiError => new ApiError(400, 'parameter_invalid', message, field);
/** 400 `parameter_not_found`: a required parameter is missing. */
export const missing = (field: string, message = `${field} is a required parameter`): ApiError =>
  new ApiError(400, 'parameter_not_found', message, field);
