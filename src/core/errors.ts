/**
 * Error classes of intercom-ts. Every error the library throws is an {@link IntercomError}; the
 * subclasses carry the names of the Ruby gem's classes so that code ported from it reads the same.
 *
 * @module
 */

/** What a response (or the lack of one) said about a failure. */
export interface ErrorContext {
  /** HTTP status of the response, when there was one. */
  httpCode?: number | undefined;
  /** Intercom's error code (`not_found`, `conflict`, ...) from an `error.list` body. */
  applicationErrorCode?: string | undefined;
  /** The parameter the error is about, when Intercom named one. */
  field?: string | undefined;
  /** Intercom's `request_id` (body) or `X-Request-Id` (header): quote it to Intercom support. */
  requestId?: string | undefined;
  /** Response headers (lower-case names). Never includes request headers, so never the token. */
  headers?: Readonly<Record<string, string>> | undefined;
  /**
   * True when the request may have reached Intercom and been applied although no answer arrived
   * (connection dropped after the request was written, read timeout, gateway error on a write that is
   * not safe to repeat). Reconcile before sending it again.
   */
  outcomeUnknown?: boolean | undefined;
  /** The response body: the parsed JSON, or the text when it is not JSON. */
  body?: unknown;
  /** The underlying cause (a socket error, a parse error). */
  cause?: unknown;
}

/** Base class of every error thrown by intercom-ts. */
export class IntercomError extends Error {
  /** HTTP status of the response, when there was one. */
  readonly httpCode: number | undefined;
  /** Intercom's error code from an `error.list` body (`not_found`, `conflict`, ...). */
  readonly applicationErrorCode: string | undefined;
  /** The parameter the error is about, when known. */
  readonly field: string | undefined;
  /** Intercom's request id: quote it to Intercom support. */
  readonly requestId: string | undefined;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** True when the request may have been applied although it failed (see {@link ErrorContext}). */
  readonly outcomeUnknown: boolean;
  /** The response body, when there was one: the parsed JSON, or the text when it is not JSON. */
  readonly body: unknown;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.httpCode = context.httpCode;
    this.applicationErrorCode = context.applicationErrorCode;
    this.field = context.field;
    this.requestId = context.requestId;
    this.headers = context.headers;
    this.outcomeUnknown = context.outcomeUnknown ?? false;
    this.body = context.body;
  }

  /** Alias of {@link IntercomError.httpCode}. */
  get status(): number | undefined {
    return this.httpCode;
  }

  /** Alias of {@link IntercomError.httpCode}, under the official 2.x SDK's name. */
  get statusCode(): number | undefined {
    return this.httpCode;
  }

  /** Alias of {@link IntercomError.applicationErrorCode}. */
  get code(): string | undefined {
    return this.applicationErrorCode;
  }
}

/** 401/403, or codes `unauthorized`, `forbidden`, `token_not_found`, ... */
export class AuthenticationError extends IntercomError {}
/** Code `token_revoked`. */
export class TokenRevokedError extends AuthenticationError {}
/** Code `token_unauthorized` (for example a token without the scope the endpoint needs). */
export class TokenUnauthorizedError extends AuthenticationError {}
/** Code `token_suspended`. */
export class AppSuspendedError extends AuthenticationError {}
/** HTTP 500 or code `server_error`. */
export class ServerError extends IntercomError {}
/** HTTP 502. */
export class BadGatewayError extends IntercomError {}
/** HTTP 504. */
export class GatewayTimeoutError extends IntercomError {}
/** HTTP 503, code `service_unavailable`, or a read timeout. */
export class ServiceUnavailableError extends IntercomError {}
/** The connection could not be made or broke: refused, reset, DNS, TLS, connect timeout. */
export class ServiceConnectionError extends IntercomError {}
/** HTTP 404 or codes `not_found`, `company_not_found`, `team_not_found`. */
export class ResourceNotFound extends IntercomError {}
/** Code `admin_not_found`. */
export class AdminNotFound extends IntercomError {}
/** Code `resource_conflict`. */
export class ResourceNotUniqueError extends IntercomError {}
/** HTTP 400, or codes `bad_request`, `missing_parameter`, `parameter_invalid`, ... */
export class BadRequestError extends IntercomError {}
/** HTTP 429 or code `rate_limit_exceeded`. */
export class RateLimitExceeded extends IntercomError {}
/**
 * The server asked for a wait longer than a minute before the next request (an `X-RateLimit-Reset`
 * far ahead with nothing left in the window, or a `Retry-After` over 60 s on a 429). Nothing was
 * waited for and nothing more was sent: `resetAt` says when the server will take requests again.
 */
export class RateLimitWaitTooLongError extends RateLimitExceeded {
  /** When the rate-limit window refills, on the server's clock (from `X-RateLimit-Reset`), when known. */
  readonly resetAt: Date | undefined;
  /** How long the server asked to wait (ms). */
  readonly waitMs: number;
  constructor(message: string, resetAt: Date | undefined, waitMs: number, context: ErrorContext = {}) {
    super(message, context);
    this.resetAt = resetAt;
    this.waitMs = waitMs;
  }
}
/** A response that is not what the API promises: a 2xx whose body is not JSON, a redirect. */
export class UnexpectedResponseError extends IntercomError {}
/**
 * A list whose next page is a page already read (a `pages.next` that points back at the current page,
 * or pages that point at each other): reading it would never end. Nothing more is sent.
 */
export class PaginationLoopError extends UnexpectedResponseError {}
/** An error code intercom-ts does not know, or an error status without a code it can map. */
export class UnexpectedError extends IntercomError {}
/** Code `custom_data_limit_reached`: the workspace has too many custom attributes. */
export class CDALimitReachedError extends IntercomError {}
/** Codes `conflict`, `unique_user_constraint`, `multiple_matching_users`, or a lookup that matched several users. */
export class MultipleMatchingUsersError extends IntercomError {}
/** Code `not_restorable`: the user was deleted and is blocked from being created again. */
export class BlockedUserError extends IntercomError {}
/**
 * The gem's error for reading an attribute a model does not have. intercom-ts never throws it (a
 * missing field reads as `undefined` and is caught by the types); it is exported so that code ported
 * from the gem that names it still compiles.
 *
 * @deprecated Never thrown by intercom-ts.
 */
export class AttributeNotSetError extends IntercomError {}
/** A response was expected to carry an entity and carried none. */
export class HttpError extends IntercomError {}
/** Code `intercom_version_invalid`: the `Intercom-Version` header named no version. */
export class ApiVersionInvalid extends IntercomError {}
/** Code `scroll_exists`: another scroll is open for this app. */
export class ScrollAlreadyExistsError extends IntercomError {}
/** Code `invalid_document`. */
export class InvalidDocumentError extends IntercomError {}
/** The client was built with options it cannot work with. Thrown by `new Client(...)`. */
export class MisconfiguredClientError extends IntercomError {}

/**
 * The seed-style client was built for API 2.x, and the call has no 2.x equivalent (webhook
 * subscriptions, some counts...). Thrown before any request is sent.
 */
export class UnavailableOnApi2Error extends IntercomError {
  /** What API 2.x lacks, such as `webhook subscriptions` or `counts of users per tag`. */
  readonly capability: string;
  /** Where the capability went, or what to use instead. */
  readonly alternative: string;
  constructor(capability: string, alternative: string) {
    super(`API 2.x has no ${capability}: ${alternative}`);
    this.capability = capability;
    this.alternative = alternative;
  }
}

/** A parameter given to a method is invalid; thrown before any request is sent. */
export class InvalidParameterError extends IntercomError {
  /** The name (or dotted path) of the offending parameter. */
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(`${parameter}: ${message}`, { field: parameter });
    this.parameter = parameter;
  }
}

/**
 * A scroll param was refused: unknown, or expired (a minute after its last use). Start a new scroll;
 * `recordsRead` says how far the failed one got.
 */
export class ScrollExpiredError extends IntercomError {
  /** The scroll param that was refused. */
  readonly scrollParam: string;
  /** Records the iteration had yielded before the scroll failed (undefined for a single `next()`). */
  readonly recordsRead: number | undefined;
  constructor(scrollParam: string, recordsRead: number | undefined, cause: IntercomError) {
    super(
      `The scroll expired or is unknown${recordsRead === undefined ? '' : ` after ${recordsRead} records`}; start a new scroll (${cause.message})`,
      {
        httpCode: cause.httpCode,
        applicationErrorCode: cause.applicationErrorCode,
        field: cause.field,
        requestId: cause.requestId,
        headers: cause.headers,
        body: cause.body,
        cause,
      },
    );
    this.scrollParam = scrollParam;
    this.recordsRead = recordsRead;
  }
}

/** The caller's `AbortSignal` fired. `outcomeUnknown` tells whether the request may have been applied. */
export class RequestAbortedError extends IntercomError {}

type ErrorClass = new (message: string, context?: ErrorContext) => IntercomError;

const ERROR_BY_CODE: Readonly<Record<string, ErrorClass>> = {
  unauthorized: AuthenticationError,
  forbidden: AuthenticationError,
  token_not_found: AuthenticationError,
  token_blocked: AuthenticationError,
  token_expired: AuthenticationError,
  missing_authorization: AuthenticationError,
  action_forbidden: AuthenticationError,
  api_plan_restricted: AuthenticationError,
  token_suspended: AppSuspendedError,
  token_revoked: TokenRevokedError,
  token_unauthorized: TokenUnauthorizedError,
  bad_request: BadRequestError,
  client_error: BadRequestError,
  missing_parameter: BadRequestError,
  parameter_invalid: BadRequestError,
  parameter_not_found: BadRequestError,
  type_mismatch: BadRequestError,
  media_type_not_acceptable: BadRequestError,
  job_closed: BadRequestError,
  not_restorable: BlockedUserError,
  not_found: ResourceNotFound,
  company_not_found: ResourceNotFound,
  team_not_found: ResourceNotFound,
  admin_not_found: AdminNotFound,
  rate_limit_exceeded: RateLimitExceeded,
  custom_data_limit_reached: CDALimitReachedError,
  invalid_document: InvalidDocumentError,
  server_error: ServerError,
  service_error: ServerError,
  service_unavailable: ServiceUnavailableError,
  conflict: MultipleMatchingUsersError,
  unique_user_constraint: MultipleMatchingUsersError,
  multiple_matching_users: MultipleMatchingUsersError,
  resource_conflict: ResourceNotUniqueError,
  intercom_version_invalid: ApiVersionInvalid,
  scroll_exists: ScrollAlreadyExistsError,
};

const ERROR_BY_STATUS: Readonly<Record<number, [ErrorClass, string]>> = {
  400: [BadRequestError, 'Bad Request'],
  401: [AuthenticationError, 'Unauthorized'],
  403: [AuthenticationError, 'Forbidden'],
  404: [ResourceNotFound, 'Resource Not Found'],
  429: [RateLimitExceeded, 'Rate Limit Exceeded'],
  500: [ServerError, 'Server Error'],
  502: [BadGatewayError, 'Bad Gateway Error'],
  503: [ServiceUnavailableError, 'Service Unavailable'],
  504: [GatewayTimeoutError, 'Gateway Timeout'],
};

/** The first entry of an `error.list` body, as far as it can be read. */
interface ErrorEntry {
  code?: unknown;
  type?: unknown;
  message?: unknown;
  field?: unknown;
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** True when a parsed body is Intercom's `error.list`. */
export function isErrorList(body: unknown): body is { type: 'error.list'; errors?: unknown; request_id?: unknown } {
  return typeof body === 'object' && body !== null && (body as { type?: unknown }).type === 'error.list';
}

/** Build the error for an `error.list` body (on any status, even 200). */
export function errorFromErrorList(
  body: { errors?: unknown; request_id?: unknown },
  status: number,
  headers: Readonly<Record<string, string>>,
): IntercomError {
  const entries = Array.isArray(body.errors) ? body.errors : [];
  const first: ErrorEntry = typeof entries[0] === 'object' && entries[0] !== null ? (entries[0] as ErrorEntry) : {};
  // The gem reads the entry's `type` before its `code`; Intercom sends `code`.
  const code = asString(first.type) ?? asString(first.code);
  const context: ErrorContext = {
    httpCode: status || undefined,
    applicationErrorCode: code,
    field: asString(first.field),
    requestId: asString(body.request_id) ?? headers['x-request-id'],
    headers,
    body,
  };
  const message = asString(first.message);
  if (code === undefined) {
    const byStatus = ERROR_BY_STATUS[status];
    if (byStatus) return new byStatus[0](message ?? byStatus[1], context);
    return new UnexpectedError(
      `An unexpected error occurred (HTTP ${status})${message ? `: ${message}` : ''}. Please contact Intercom with these details.`,
      context,
    );
  }
  // Own keys only: a code such as `constructor` or `toString` is no error class of the table.
  const ErrorType = Object.hasOwn(ERROR_BY_CODE, code) ? ERROR_BY_CODE[code] : undefined;
  if (ErrorType) return new ErrorType(message ?? code, context);
  return new UnexpectedError(
    `The error code '${code}' is not recognized (HTTP ${status})${message ? `: ${message}` : ''}. Please contact Intercom with these details.`,
    context,
  );
}

const EXCERPT_LENGTH = 200;

/** A short, single-line excerpt of a body, for messages. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}...` : flat;
}

/** A body as an error carries it: the parsed JSON, the text when it is not JSON, nothing when empty. */
function bodyOf(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Build the error for an error status whose body is empty, not JSON, or JSON without `error.list`. */
export function errorFromStatus(status: number, headers: Readonly<Record<string, string>>, bodyText: string): IntercomError {
  const context: ErrorContext = { httpCode: status, requestId: headers['x-request-id'], headers, body: bodyOf(bodyText) };
  const tail = bodyText.trim() === '' ? '' : ` (body: ${excerpt(bodyText)})`;
  const byStatus = ERROR_BY_STATUS[status];
  if (byStatus) return new byStatus[0](`${byStatus[1]}${tail}`, context);
  if (status >= 300 && status < 400) {
    return new UnexpectedResponseError(`Unexpected redirect (HTTP ${status}) to '${headers.location ?? ''}'`, context);
  }
  return new UnexpectedError(`Unexpected HTTP status ${status}${tail}`, context);
}
