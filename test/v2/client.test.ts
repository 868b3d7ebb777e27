import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import {
  API_VERSIONS,
  ContactConflictError,
  ContactMergedError,
  DEFAULTS,
  IntercomClient,
  IntercomError,
  InvalidParameterError,
  MisconfiguredClientError,
  MultipleMatchingUsersError,
  RequestAbortedError,
  ResourceNotFound,
  ServiceConnectionError,
  ServiceUnavailableError,
} from 'intercom-ts/v2';
import { SUITE_TOKEN } from '../helpers/secrets.js';
import { errorList, withV2Server } from './harness.js';

const contact = { type: 'contact', id: 'c1' };

test('Intercom-Version is 2.16 by default, settable per client and per call', async () => {
  assert.equal(DEFAULTS.version, '2.16');
  await withV2Server(
    () => ({ body: contact }),
    async (client, received) => {
      await client.contacts.find({ contact_id: 'c1' });
      await client.contacts.find({ contact_id: 'c1' }, { version: '2.9' });
      assert.deepEqual(
        received.map((r) => r.headers['intercom-version']),
        ['2.16', '2.9'],
      );
    },
  );
  await withV2Server(
    () => ({ body: contact }),
    async (client, received) => {
      await client.contacts.find({ contact_id: 'c1' });
      await client.contacts.find({ contact_id: 'c1' }, { version: 'Unstable' });
      assert.deepEqual(
        received.map((r) => r.headers['intercom-version']),
        ['2.11', 'Unstable'],
      );
    },
    { version: '2.11' },
  );
});

test('a version outside 2.7..2.16 and Unstable is refused before anything is sent', async () => {
  assert.deepEqual(API_VERSIONS.slice(0, 2), ['2.7', '2.8']);
  for (const version of ['2.6', '1.4', '2.17', 'Preview', '']) {
    assert.throws(() => new IntercomClient({ token: SUITE_TOKEN, version: version as '2.7' }), MisconfiguredClientError);
  }
  await withV2Server(
    () => ({ body: contact }),
    async (client, received) => {
      await assert.rejects(client.contacts.find({ contact_id: 'c1' }, { version: '2.6' as '2.7' }), InvalidParameterError);
      assert.equal(received.length, 0);
    },
  );
});

test('a missing or empty path parameter is refused before anything is sent (never /contacts/undefined)', async () => {
  await withV2Server(
    () => ({ body: contact }),
    async (client, received) => {
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['{}', () => client.contacts.find({} as { contact_id: string })],
        ["''", () => client.contacts.find({ contact_id: '' })],
        ["' '", () => client.contacts.find({ contact_id: ' ' })],
        ['null', () => client.contacts.find({ contact_id: null as unknown as string })],
        ['NaN', () => client.contacts.find({ contact_id: Number.NaN as unknown as string })],
        ['no request', () => (client.contacts.find as unknown as () => Promise<unknown>)()],
        ['a string request', () => client.contacts.find('c1' as unknown as { contact_id: string })],
      ];
      for (const [what, call] of calls) {
        await assert.rejects(call(), InvalidParameterError, what);
      }
      assert.equal(received.length, 0);
      await client.contacts.find({ contact_id: 'c1' });
      assert.equal(received.length, 1, 'a valid id is sent');
    },
  );
});

test('per-call options under the official SDK names: headers, queryParams, maxRetries, abortSignal, timeoutInSeconds', async () => {
  await withV2Server(
    (_r, n) => (n === 0 ? { status: 503, body: '' } : { body: contact }),
    async (client, received) => {
      await assert.rejects(client.contacts.find({ contact_id: 'c1' }, { maxRetries: 0 }), ServiceUnavailableError);
      assert.equal(received.length, 1);
      await client.contacts.find(
        { contact_id: 'c 1' },
        { headers: { 'X-Trace': 'abc', 'X-None': null }, queryParams: { extra: 'a b' } },
      );
      const last = received.at(-1);
      assert.equal(last?.path, '/contacts/c%201?extra=a%20b');
      assert.equal(last?.headers['x-trace'], 'abc');
      assert.equal(last?.headers['x-none'], undefined);
      assert.equal(last?.headers['x-client'], 'yes', "the client's headers go with every call");
      const aborted = new AbortController();
      aborted.abort();
      await assert.rejects(client.contacts.find({ contact_id: 'c1' }, { abortSignal: aborted.signal }), RequestAbortedError);
    },
    { headers: { 'X-Client': 'yes' } },
  );
  await withV2Server(
    () => ({ hang: true }),
    async (client) => {
      await assert.rejects(client.contacts.find({ contact_id: 'c1' }, { timeoutInSeconds: 0.2 }), (error: unknown) => {
        assert.ok(error instanceof ServiceUnavailableError || error instanceof ServiceConnectionError);
        return true;
      });
    },
  );
});

test('errors carry statusCode and body (the official names) besides code, requestId and outcomeUnknown', async () => {
  await withV2Server(
    () => ({ status: 404, body: errorList('not_found', 'Contact Not Found') }),
    async (client) => {
      const error = await client.contacts.find({ contact_id: 'nope' }).catch((e: unknown) => e);
      assert.ok(error instanceof ResourceNotFound);
      assert.ok(error instanceof IntercomError);
      assert.equal(error.statusCode, 404);
      assert.deepEqual(error.body, errorList('not_found', 'Contact Not Found'));
      assert.equal(error.code, 'not_found');
      assert.equal(error.requestId, 'req-1');
      assert.equal(error.outcomeUnknown, false);
    },
  );
});

test('a 409 on contacts.create is a ContactConflictError naming the existing contact', async () => {
  const message = 'A contact matching those details already exists with id=6762f0d51bb69f9f2193bb7f';
  await withV2Server(
    () => ({ status: 409, body: errorList('conflict', message) }),
    async (client, received) => {
      const error = await client.contacts.create({ email: 'joe@example.com' }).catch((e: unknown) => e);
      assert.ok(error instanceof ContactConflictError);
      assert.ok(error instanceof MultipleMatchingUsersError, 'still the class the conflict code maps to');
      assert.equal(error.existingContactId, '6762f0d51bb69f9f2193bb7f');
      assert.equal(error.archived, false);
      assert.equal(error.statusCode, 409);
      assert.equal(received.length, 1, 'a conflict is not retried');
    },
  );
  await withV2Server(
    () => ({
      status: 409,
      body: errorList('conflict', 'An archived contact matching those details already exists with id=abc123'),
    }),
    async (client) => {
      const error = (await client.contacts.create({ email: 'joe@example.com' }).catch((e: unknown) => e)) as ContactConflictError;
      assert.equal(error.existingContactId, 'abc123');
      assert.equal(error.archived, true);
    },
  );
});

test('a merged contact (410 contact_merged) is a ContactMergedError naming the contact it was merged into', async () => {
  await withV2Server(
    () => ({
      status: 410,
      headers: { link: '</contacts/6762f0d01bb69f9f2193bb7d>; rel="canonical"' },
      body: errorList('contact_merged', "This contact has been merged. See the 'Link' header for the canonical contact."),
    }),
    async (client) => {
      const error = await client.contacts.find({ contact_id: 'old' }).catch((e: unknown) => e);
      assert.ok(error instanceof ContactMergedError);
      assert.ok(error instanceof ResourceNotFound);
      assert.equal(error.canonicalContactId, '6762f0d01bb69f9f2193bb7d');
      assert.equal(error.statusCode, 410);
    },
  );
});

test('the token never appears in inspect, JSON or errors', async () => {
  const client = new IntercomClient({ token: SUITE_TOKEN });
  assert.ok(!inspect(client, { depth: 10, showHidden: true }).includes(SUITE_TOKEN));
  assert.ok(!JSON.stringify(client).includes(SUITE_TOKEN));
  assert.ok(!inspect(client.contacts, { depth: 10, showHidden: true }).includes(SUITE_TOKEN));
  await withV2Server(
    () => ({ status: 401, body: errorList('unauthorized', 'Access Token Invalid') }),
    async (c) => {
      const error = await c.admins.identify().catch((e: unknown) => e);
      assert.ok(!inspect(error, { depth: 10, showHidden: true }).includes(SUITE_TOKEN));
    },
  );
});

test('the token defaults to INTERCOM_API_KEY, as in the official SDK; without one the client refuses', () => {
  const saved = process.env.INTERCOM_API_KEY;
  try {
    delete process.env.INTERCOM_API_KEY;
    assert.throws(() => new IntercomClient(), MisconfiguredClientError);
    process.env.INTERCOM_API_KEY = 'from-env';
    assert.equal(new IntercomClient().baseUrl, 'https://api.intercom.io');
  } finally {
    if (saved === undefined) delete process.env.INTERCOM_API_KEY;
    else process.env.INTERCOM_API_KEY = saved;
  }
});

test('environment picks the region; baseUrl wins over it', () => {
  assert.equal(
    new IntercomClient({ token: 't', environment: 'https://api.eu.intercom.io' }).baseUrl,
    'https://api.eu.intercom.io',
  );
  assert.equal(
    new IntercomClient({ token: 't', environment: 'https://api.eu.intercom.io', baseUrl: 'http://127.0.0.1:9' }).baseUrl,
    'http://127.0.0.1:9',
  );
});
