import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as intercomTs from 'intercom-ts';
import {
  AdminNotFound,
  ApiVersionInvalid,
  AppSuspendedError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  BlockedUserError,
  CDALimitReachedError,
  Client,
  GatewayTimeoutError,
  HttpError,
  IntercomError,
  InvalidDocumentError,
  MultipleMatchingUsersError,
  RateLimitExceeded,
  ResourceNotFound,
  ResourceNotUniqueError,
  ScrollAlreadyExistsError,
  ServerError,
  ServiceConnectionError,
  ServiceUnavailableError,
  TokenRevokedError,
  TokenUnauthorizedError,
  UnexpectedError,
  UnexpectedResponseError,
} from 'intercom-ts';
import { type Scripted, type ScriptedServer, scriptedServer } from '../helpers/raw-http.js';

let next: Scripted = {};
let server: ScriptedServer;
let intercom: Client;
before(async () => {
  server = await scriptedServer(() => next);
  intercom = new Client({ token: 'error-token', baseUrl: server.url, maxRetries: 0 });
});
after(async () => {
  intercom.close();
  await server.close();
});

async function failureOf(answer: Scripted): Promise<IntercomError> {
  next = answer;
  try {
    await intercom.users.find({ id: 'u1' });
  } catch (error) {
    assert.ok(error instanceof IntercomError, `expected an IntercomError, got ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded');
}

const errorList = (code: string, message = `message for ${code}`, field?: string) => ({
  type: 'error.list',
  request_id: `req-${code}`,
  errors: [{ code, message, ...(field ? { field } : {}) }],
});

test('the gem error classes are all exported and all extend IntercomError', () => {
  const names = [
    'AuthenticationError',
    'TokenRevokedError',
    'TokenUnauthorizedError',
    'AppSuspendedError',
    'ServerError',
    'BadGatewayError',
    'GatewayTimeoutError',
    'ServiceUnavailableError',
    'ServiceConnectionError',
    'ResourceNotFound',
    'AdminNotFound',
    'ResourceNotUniqueError',
    'BadRequestError',
    'RateLimitExceeded',
    'UnexpectedResponseError',
    'UnexpectedError',
    'CDALimitReachedError',
    'MultipleMatchingUsersError',
    'BlockedUserError',
    'AttributeNotSetError',
    'HttpError',
    'ApiVersionInvalid',
    'ScrollAlreadyExistsError',
    'InvalidDocumentError',
    'MisconfiguredClientError',
  ] as const;
  for (const name of names) {
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the test checks every export by name
    const ErrorClass = intercomTs[name];
    assert.equal(typeof ErrorClass, 'function', name);
    assert.ok(new ErrorClass('x') instanceof IntercomError, name);
    assert.equal(new ErrorClass('x').name, name);
  }
  assert.ok(new TokenRevokedError('x') instanceof AuthenticationError);
  assert.ok(new AppSuspendedError('x') instanceof AuthenticationError);
});

const byCode: Array<[string, number, new (...args: never[]) => IntercomError]> = [
  ['unauthorized', 401, AuthenticationError],
  ['forbidden', 403, AuthenticationError],
  ['token_not_found', 401, AuthenticationError],
  ['token_revoked', 401, TokenRevokedError],
  ['token_unauthorized', 401, TokenUnauthorizedError],
  ['token_suspended', 403, AppSuspendedError],
  ['bad_request', 400, BadRequestError],
  ['missing_parameter', 400, BadRequestError],
  ['parameter_invalid', 400, BadRequestError],
  ['parameter_not_found', 400, BadRequestError],
  ['not_restorable', 400, BlockedUserError],
  ['not_found', 404, ResourceNotFound],
  ['company_not_found', 404, ResourceNotFound],
  ['admin_not_found', 404, AdminNotFound],
  ['rate_limit_exceeded', 429, RateLimitExceeded],
  ['custom_data_limit_reached', 400, CDALimitReachedError],
  ['invalid_document', 400, InvalidDocumentError],
  ['service_unavailable', 503, ServiceUnavailableError],
  ['server_error', 500, ServerError],
  ['conflict', 409, MultipleMatchingUsersError],
  ['unique_user_constraint', 409, MultipleMatchingUsersError],
  ['multiple_matching_users', 409, MultipleMatchingUsersError],
  ['resource_conflict', 409, ResourceNotUniqueError],
  ['intercom_version_invalid', 400, ApiVersionInvalid],
  ['scroll_exists', 400, ScrollAlreadyExistsError],
  ['something_new', 422, UnexpectedError],
];

for (const [code, status, ErrorClass] of byCode) {
  test(`HTTP ${status} with code ${code} throws ${ErrorClass.name} carrying the response's context`, async () => {
    const error = await failureOf({ status, body: errorList(code, `about ${code}`, 'email') });
    assert.equal(error.constructor, ErrorClass);
    assert.equal(error.httpCode, status);
    assert.equal(error.status, status);
    assert.equal(error.applicationErrorCode, code);
    assert.equal(error.code, code);
    assert.equal(error.field, 'email');
    assert.equal(error.requestId, `req-${code}`);
    assert.match(error.message, new RegExp(code === 'something_new' ? 'something_new' : `about ${code}`));
  });
}

const byStatus: Array<[number, new (...args: never[]) => IntercomError]> = [
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, AuthenticationError],
  [404, ResourceNotFound],
  [429, RateLimitExceeded],
  [500, ServerError],
  [502, BadGatewayError],
  [503, ServiceUnavailableError],
  [504, GatewayTimeoutError],
  [409, UnexpectedError],
];

for (const [status, ErrorClass] of byStatus) {
  test(`HTTP ${status} without an Intercom code throws ${ErrorClass.name}`, async () => {
    const empty = await failureOf({ status, body: '', headers: { 'x-request-id': 'hdr-req' } });
    assert.equal(empty.constructor, ErrorClass);
    assert.equal(empty.httpCode, status);
    assert.equal(empty.applicationErrorCode, undefined);
    assert.equal(empty.requestId, 'hdr-req', 'the request id comes from the header when the body has none');
    const html = await failureOf({
      status,
      body: '<html>\n  <body><h1>Oops</h1></body>\n</html>',
      headers: { 'content-type': 'text/html' },
    });
    assert.equal(html.constructor, ErrorClass);
    assert.match(html.message, /<html> <body><h1>Oops<\/h1><\/body> <\/html>/, 'a short, single-line excerpt of the body');
    const jsonNull = await failureOf({ status, body: 'null' });
    assert.equal(jsonNull.constructor, ErrorClass);
  });
}

test('an error.list on a 200 still throws', async () => {
  const error = await failureOf({ status: 200, body: errorList('not_found') });
  assert.ok(error instanceof ResourceNotFound);
  assert.equal(error.httpCode, 200);
});

test("the entry's type wins over its code, as in the gem", async () => {
  const error = await failureOf({
    status: 400,
    body: { type: 'error.list', errors: [{ type: 'not_found', code: 'conflict', message: 'm' }] },
  });
  assert.ok(error instanceof ResourceNotFound);
});

test('an error.list without a code falls back to the status', async () => {
  const error = await failureOf({ status: 404, body: { type: 'error.list', errors: [{ message: 'gone' }] } });
  assert.ok(error instanceof ResourceNotFound);
  assert.equal(error.message, 'gone');
  const unknown = await failureOf({ status: 418, body: { type: 'error.list', errors: [] } });
  assert.ok(unknown instanceof UnexpectedError);
});

test('a 2xx whose body is not JSON throws UnexpectedResponseError with an excerpt', async () => {
  const error = await failureOf({ status: 200, body: '<html>\n<b>x</b>\n</html>' });
  assert.ok(error instanceof UnexpectedResponseError);
  assert.match(error.message, /Expected a JSON response body\. Instead got '<html> <b>x<\/b> <\/html>' with status code '200'\./);
});

test('a truncated JSON body on a 2xx throws UnexpectedResponseError, never a SyntaxError', async () => {
  const error = await failureOf({ status: 200, body: '{"type":"user","id":"1' });
  assert.ok(error instanceof UnexpectedResponseError);
  assert.ok(error.cause instanceof SyntaxError);
});

test('an empty 2xx body where an entity is due throws HttpError', async () => {
  const error = await failureOf({ status: 200, body: '' });
  assert.ok(error instanceof HttpError);
});

test('a redirect is not followed: UnexpectedResponseError naming the location', async () => {
  const error = await failureOf({ status: 301, body: '', headers: { location: 'https://elsewhere.example/users/u1' } });
  assert.ok(error instanceof UnexpectedResponseError);
  assert.match(error.message, /elsewhere\.example/);
});

test('a refused connection throws ServiceConnectionError', async () => {
  const closed = await scriptedServer(() => ({}));
  const url = closed.url;
  await closed.close();
  const client = new Client({ token: 't', baseUrl: url, maxRetries: 0 });
  await assert.rejects(client.users.find({ id: '1' }), (error: unknown) => {
    assert.ok(error instanceof ServiceConnectionError);
    assert.equal(error.outcomeUnknown, false);
    return true;
  });
  client.close();
});

test('a read timeout throws ServiceUnavailableError', async () => {
  const slow = await scriptedServer(() => ({ hang: true }));
  const client = new Client({ token: 't', baseUrl: slow.url, maxRetries: 0, readTimeout: 150 });
  await assert.rejects(client.users.find({ id: '1' }), (error: unknown) => {
    assert.ok(error instanceof ServiceUnavailableError);
    assert.match((error as Error).message, /request timed out/);
    return true;
  });
  client.close();
  await slow.close();
});

test('a connection dropped after a non-repeatable write reports outcomeUnknown', async () => {
  const dropping = await scriptedServer(() => ({ destroy: true }));
  const client = new Client({ token: 't', baseUrl: dropping.url, maxRetries: 2 });
  await assert.rejects(client.post('/notes', { body: 'x' }), (error: unknown) => {
    assert.ok(error instanceof ServiceConnectionError);
    assert.equal(error.outcomeUnknown, true);
    return true;
  });
  assert.equal(dropping.received.length, 1, 'the write was not repeated');
  client.close();
  await dropping.close();
});
