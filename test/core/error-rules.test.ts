import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminNotFound,
  ApiVersionInvalid,
  AppSuspendedError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  BlockedUserError,
  CDALimitReachedError,
  errorFromErrorList,
  errorFromStatus,
  excerpt,
  GatewayTimeoutError,
  IntercomError,
  InvalidDocumentError,
  InvalidParameterError,
  isErrorList,
  MultipleMatchingUsersError,
  RateLimitExceeded,
  RateLimitWaitTooLongError,
  ResourceNotFound,
  ResourceNotUniqueError,
  ScrollAlreadyExistsError,
  ScrollExpiredError,
  ServerError,
  ServiceUnavailableError,
  TokenRevokedError,
  TokenUnauthorizedError,
  UnavailableOnApi2Error,
  UnexpectedError,
  UnexpectedResponseError,
} from '../../src/core/errors.js';

/** Intercom's error codes and the class each maps to (the gem's table, and the codes Intercom added since). */
const CLASS_BY_CODE: Record<string, new (...args: never[]) => IntercomError> = {
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

/** Statuses with a class of their own, and the message used when the body says nothing. */
const BY_STATUS: Array<[number, new (...args: never[]) => IntercomError, string]> = [
  [400, BadRequestError, 'Bad Request'],
  [401, AuthenticationError, 'Unauthorized'],
  [403, AuthenticationError, 'Forbidden'],
  [404, ResourceNotFound, 'Resource Not Found'],
  [429, RateLimitExceeded, 'Rate Limit Exceeded'],
  [500, ServerError, 'Server Error'],
  [502, BadGatewayError, 'Bad Gateway Error'],
  [503, ServiceUnavailableError, 'Service Unavailable'],
  [504, GatewayTimeoutError, 'Gateway Timeout'],
];

const errorList = (entry: unknown, extra: Record<string, unknown> = {}) => ({ type: 'error.list', errors: [entry], ...extra });

test('IntercomError: carries the context it is given, named after its class; outcomeUnknown is false unless said', () => {
  const cause = new Error('socket');
  const error = new BadRequestError('m', {
    httpCode: 400,
    applicationErrorCode: 'parameter_invalid',
    field: 'email',
    requestId: 'req_1',
    headers: { 'x-request-id': 'req_1' },
    outcomeUnknown: true,
    body: { a: 1 },
    cause,
  });
  assert.equal(error.name, 'BadRequestError');
  assert.equal(error.message, 'm');
  assert.deepEqual(
    [error.httpCode, error.status, error.statusCode, error.applicationErrorCode, error.code, error.field, error.requestId],
    [400, 400, 400, 'parameter_invalid', 'parameter_invalid', 'email', 'req_1'],
  );
  assert.deepEqual(error.headers, { 'x-request-id': 'req_1' });
  assert.deepEqual(error.body, { a: 1 });
  assert.equal(error.outcomeUnknown, true);
  assert.equal(error.cause, cause);
  const bare = new IntercomError('bare');
  assert.equal(bare.outcomeUnknown, false);
  assert.equal('cause' in bare, false, 'no cause property when none was given');
  assert.equal(bare.name, 'IntercomError');
});

test('the errors with fields of their own: wait too long, unavailable on 2.x, invalid parameter, scroll expired', () => {
  const resetAt = new Date(1_700_000_000_000);
  const wait = new RateLimitWaitTooLongError('too long', resetAt, 90_000, { httpCode: 429 });
  assert.ok(wait instanceof RateLimitExceeded);
  assert.deepEqual([wait.resetAt, wait.waitMs, wait.httpCode, wait.message], [resetAt, 90_000, 429, 'too long']);
  const unavailable = new UnavailableOnApi2Error('webhook subscriptions', 'use the Developer Hub');
  assert.equal(unavailable.message, 'API 2.x has no webhook subscriptions: use the Developer Hub');
  assert.deepEqual([unavailable.capability, unavailable.alternative], ['webhook subscriptions', 'use the Developer Hub']);
  const invalid = new InvalidParameterError('params.email', 'must be a string');
  assert.deepEqual(
    [invalid.message, invalid.field, invalid.parameter],
    ['params.email: must be a string', 'params.email', 'params.email'],
  );
  const refused = new ResourceNotFound('scroll gone', {
    httpCode: 404,
    applicationErrorCode: 'not_found',
    field: 'scroll_param',
    requestId: 'req_2',
    headers: { a: 'b' },
    body: { type: 'error.list' },
  });
  const expired = new ScrollExpiredError('sp_1', 25, refused);
  assert.equal(expired.message, 'The scroll expired or is unknown after 25 records; start a new scroll (scroll gone)');
  assert.deepEqual(
    [expired.scrollParam, expired.recordsRead, expired.httpCode, expired.code, expired.field, expired.requestId, expired.cause],
    ['sp_1', 25, 404, 'not_found', 'scroll_param', 'req_2', refused],
  );
  assert.deepEqual([expired.headers, expired.body], [{ a: 'b' }, { type: 'error.list' }]);
  assert.equal(
    new ScrollExpiredError('sp_1', undefined, refused).message,
    'The scroll expired or is unknown; start a new scroll (scroll gone)',
  );
});

test('errorFromErrorList: every code of the table maps to its class, the message from the entry or else the code', () => {
  for (const [code, ErrorClass] of Object.entries(CLASS_BY_CODE)) {
    const error = errorFromErrorList(errorList({ code }), 422, {});
    assert.equal(error.constructor, ErrorClass, code);
    assert.equal(error.message, code);
    assert.equal(error.code, code);
    assert.equal(errorFromErrorList(errorList({ code, message: 'said so' }), 422, {}).message, 'said so');
  }
});

test('errorFromErrorList: an unknown code is an UnexpectedError naming code, status and message', () => {
  const error = errorFromErrorList(errorList({ code: 'brand_new', message: 'why' }), 418, {});
  assert.equal(error.constructor, UnexpectedError);
  assert.equal(
    error.message,
    "The error code 'brand_new' is not recognized (HTTP 418): why. Please contact Intercom with these details.",
  );
  assert.equal(
    errorFromErrorList(errorList({ code: 'brand_new' }), 418, {}).message,
    "The error code 'brand_new' is not recognized (HTTP 418). Please contact Intercom with these details.",
  );
});

test("errorFromErrorList: a code named like an object's own property (constructor, toString, __proto__) is an unknown code", () => {
  for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const error = errorFromErrorList(errorList({ code, message: 'odd' }), 400, {});
    assert.ok(error instanceof IntercomError, code);
    assert.equal(error.constructor, UnexpectedError, code);
    assert.match(error.message, new RegExp(`The error code '${code}' is not recognized`));
  }
});

test('errorFromErrorList without a code: the class and message of the status, else an UnexpectedError', () => {
  for (const [status, ErrorClass, message] of BY_STATUS) {
    for (const body of [
      errorList({}),
      { type: 'error.list', errors: undefined },
      { type: 'error.list', errors: ['not an entry'] },
      errorList(null),
    ]) {
      const error = errorFromErrorList(body, status, {});
      assert.equal(error.constructor, ErrorClass, String(status));
      assert.equal(error.message, message);
      assert.equal(error.code, undefined);
    }
    assert.equal(errorFromErrorList(errorList({ message: 'said so' }), status, {}).message, 'said so');
  }
  const unknown = errorFromErrorList(errorList({ message: 'odd' }), 418, {});
  assert.equal(unknown.constructor, UnexpectedError);
  assert.equal(unknown.message, 'An unexpected error occurred (HTTP 418): odd. Please contact Intercom with these details.');
  assert.equal(
    errorFromErrorList(errorList({}), 418, {}).message,
    'An unexpected error occurred (HTTP 418). Please contact Intercom with these details.',
  );
});

test('errorFromErrorList: type before code, empty strings as absent, field and request id; status 0 is no status', () => {
  assert.equal(errorFromErrorList(errorList({ type: 'not_found', code: 'conflict' }), 200, {}).constructor, ResourceNotFound);
  assert.equal(errorFromErrorList(errorList({ type: '', code: 'conflict' }), 200, {}).constructor, MultipleMatchingUsersError);
  assert.equal(errorFromErrorList(errorList({ type: 7, code: 'conflict' }), 200, {}).constructor, MultipleMatchingUsersError);
  assert.equal(errorFromErrorList(errorList({ code: 'conflict', message: '' }), 200, {}).message, 'conflict');
  const headers = { 'x-request-id': 'from_header' };
  const error = errorFromErrorList(
    errorList({ code: 'parameter_invalid', field: 'email' }, { request_id: 'from_body' }),
    400,
    headers,
  );
  assert.deepEqual([error.field, error.requestId, error.httpCode], ['email', 'from_body', 400]);
  assert.equal(error.headers, headers);
  assert.deepEqual(error.body, errorList({ code: 'parameter_invalid', field: 'email' }, { request_id: 'from_body' }));
  const fromHeader = errorFromErrorList(errorList({ code: 'not_found', field: '' }, { request_id: '' }), 404, headers);
  assert.deepEqual([fromHeader.field, fromHeader.requestId], [undefined, 'from_header']);
  assert.equal(errorFromErrorList(errorList({ code: 'not_found' }), 0, {}).httpCode, undefined);
});

test('isErrorList: an object whose type is error.list', () => {
  assert.equal(isErrorList({ type: 'error.list' }), true);
  for (const body of [null, undefined, 'error.list', { type: 'list' }, [{ type: 'error.list' }], {}]) {
    assert.equal(isErrorList(body), false, JSON.stringify(body));
  }
});

test('excerpt: one line, blanks squeezed, at most 200 characters then an ellipsis', () => {
  assert.equal(excerpt('  a\n\n b\tc  '), 'a b c');
  assert.equal(excerpt('x'.repeat(200)), 'x'.repeat(200));
  assert.equal(excerpt(`${'x'.repeat(200)}y`), `${'x'.repeat(200)}...`);
});

test('errorFromStatus: the class and message of each status, the body excerpt, the body parsed when JSON', () => {
  for (const [status, ErrorClass, message] of BY_STATUS) {
    const error = errorFromStatus(status, {}, ' \n');
    assert.equal(error.constructor, ErrorClass, String(status));
    assert.equal(error.message, message);
    assert.equal(error.body, undefined);
    assert.equal(error.httpCode, status);
  }
  const text = errorFromStatus(502, { 'x-request-id': 'r9' }, '<html>\n  bad gateway </html>');
  assert.equal(text.message, 'Bad Gateway Error (body: <html> bad gateway </html>)');
  assert.equal(text.body, '<html>\n  bad gateway </html>');
  assert.equal(text.requestId, 'r9');
  assert.deepEqual(errorFromStatus(500, {}, '{"oops":1}').body, { oops: 1 });
});

test('errorFromStatus: a redirect (3xx) names its location; any other status is an UnexpectedError', () => {
  for (const status of [300, 301, 399]) {
    const error = errorFromStatus(status, { location: 'https://elsewhere.example/' }, '');
    assert.equal(error.constructor, UnexpectedResponseError, String(status));
    assert.equal(error.message, `Unexpected redirect (HTTP ${status}) to 'https://elsewhere.example/'`);
  }
  assert.equal(errorFromStatus(302, {}, '').message, "Unexpected redirect (HTTP 302) to ''");
  for (const status of [299, 418]) {
    const error = errorFromStatus(status, {}, 'teapot');
    assert.equal(error.constructor, UnexpectedError, String(status));
    assert.equal(error.message, `Unexpected HTTP status ${status} (body: teapot)`);
  }
  assert.equal(errorFromStatus(418, {}, '').message, 'Unexpected HTTP status 418');
});
