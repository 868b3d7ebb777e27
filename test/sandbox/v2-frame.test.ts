import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type V2SandboxFixture, withV2Sandbox } from '../helpers/v2-sandbox.js';

/** A request id of a 2.x version: a UUID (the description's `error.request_id` format). */
const V2_REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A request id of a version no family serves: the 1.x kind, 20 base-32 characters. */
const V1_REQUEST_ID = /^[a-z2-7]{20}$/;

function assertV2Error(
  answer: { status: number; body: unknown },
  status: number,
  code: string,
  requestId: RegExp = V2_REQUEST_ID,
): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const body = answer.body as { type: string; request_id: unknown; errors: { code: string; message: string }[] };
  assert.equal(body.type, 'error.list');
  assert.match(String(body.request_id), requestId);
  assert.equal(body.errors.length, 1);
  assert.equal(body.errors[0]?.code, code);
  assert.equal(typeof body.errors[0]?.message, 'string');
  assert.deepEqual(Object.keys(body.errors[0] ?? {}).sort(), ['code', 'message']);
}

describe('2.x sandbox: version dispatch', () => {
  let fx: V2SandboxFixture;
  before(async () => {
    fx = await withV2Sandbox();
  });
  after(() => fx.done());

  test('every 2.x version from 2.7 to 2.16 and Unstable reaches the 2.x API', async () => {
    for (const version of ['2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14', '2.15', '2.16', 'Unstable']) {
      const answer = await fx.call('GET', '/me', undefined, { 'intercom-version': version });
      assert.equal(answer.status, 200, version);
      // 1.x /me has no workspace_id; the 2.x admin has `has_inbox_seat`.
      assert.equal(typeof (answer.body as Record<string, unknown>).has_inbox_seat, 'boolean', version);
    }
  });

  test('1.x versions keep the 1.x routes', async () => {
    const answer = await fx.call('GET', '/users', undefined, { 'intercom-version': '1.4' });
    assert.equal(answer.status, 200);
    assert.equal((answer.body as { type: string }).type, 'user.list');
    // /users is no 2.x path.
    assertV2Error(await fx.call('GET', '/users', undefined, { 'intercom-version': '2.16' }), 404, 'not_found');
  });

  test('Unstable serves a 1.x path that 2.x does not have (the 1.x customer search)', async () => {
    const answer = await fx.call('GET', '/users', undefined, { 'intercom-version': 'Unstable' });
    assert.equal(answer.status, 200);
  });

  test('a 2.x version Intercom does not have gets 400 intercom_version_invalid in the 2.x shape', async () => {
    for (const version of ['2.0', '2.6', '2.17', '2.9.1', '2']) {
      const answer = await fx.call('GET', '/me', undefined, { 'intercom-version': version });
      assertV2Error(answer, 400, 'intercom_version_invalid', V1_REQUEST_ID);
    }
  });

  test('no header: the default version (1.0 unless set) picks the family', async () => {
    const v1 = await withV2Sandbox();
    const v2 = await withV2Sandbox({ defaultVersion: '2.16' });
    try {
      const headers = { 'intercom-version': '' };
      const plain = (fx: V2SandboxFixture) =>
        fetch(`${fx.sandbox.url}/data_attributes`, {
          headers: { authorization: `Bearer ${fx.sandbox.token}`, accept: 'application/json' },
        });
      assert.equal((await plain(v1)).status, 404);
      assert.equal((await plain(v2)).status, 200);
      assert.ok(headers);
    } finally {
      await v1.done();
      await v2.done();
    }
  });
});

describe('2.x sandbox: requests checked against the description', () => {
  let fx: V2SandboxFixture;
  before(async () => {
    fx = await withV2Sandbox();
  });
  after(() => fx.done());

  test('a missing required body field: 400 parameter_not_found', async () => {
    assertV2Error(await fx.call('POST', '/tags', {}), 400, 'parameter_not_found');
  });

  test('a wrong type, a value outside an enum, a bad format: 400 parameter_invalid', async () => {
    assertV2Error(await fx.call('POST', '/notes/search', undefined), 404, 'not_found');
    assertV2Error(
      await fx.call('POST', '/data_attributes', { name: 'x', model: 'planet', data_type: 'string' }),
      400,
      'parameter_invalid',
    );
    assertV2Error(
      await fx.call('POST', '/data_attributes', { name: 7, model: 'contact', data_type: 'string' }),
      400,
      'parameter_invalid',
    );
    assertV2Error(await fx.call('GET', '/companies?per_page=many'), 400, 'parameter_invalid');
  });

  test('an unknown path and an unknown method on a known path: 404 not_found', async () => {
    assertV2Error(await fx.call('GET', '/nowhere'), 404, 'not_found');
    assertV2Error(await fx.call('PATCH', '/me'), 404, 'not_found');
  });

  test('malformed JSON: 400 parameter_invalid in the 2.x shape', async () => {
    const res = await fetch(`${fx.sandbox.url}/tags`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fx.sandbox.token}`,
        accept: 'application/json',
        'intercom-version': '2.16',
        'content-type': 'application/json',
      },
      body: '{"name":',
    });
    assertV2Error({ status: res.status, body: await res.json() }, 400, 'parameter_invalid');
  });
});

describe('2.x sandbox: rate limits, faults, latency and the request log', () => {
  test('the rate limit counts 2.x requests and refuses with 429 in the 2.x shape', async () => {
    const fx = await withV2Sandbox({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      assert.equal((await fx.call('GET', '/me')).status, 200);
      const second = await fx.call('GET', '/me');
      assert.equal(second.headers.get('x-ratelimit-remaining'), '0');
      assertV2Error(await fx.call('GET', '/me'), 429, 'rate_limit_exceeded');
    } finally {
      await fx.done();
    }
  });

  test('a scripted fault hits a 2.x path', async () => {
    const fx = await withV2Sandbox();
    try {
      fx.sandbox.inject({ path: '/tags*', kind: '503' });
      assert.equal((await fx.call('GET', '/tags')).status, 503);
      assert.equal((await fx.call('GET', '/tags')).status, 200);
    } finally {
      await fx.done();
    }
  });

  test('latency delays 2.x answers, and the request log records them', async () => {
    const fx = await withV2Sandbox({ latencyMs: 20 });
    try {
      const answer = await fx.call('POST', '/tags', { name: 'Independent' });
      assert.equal(answer.status, 200);
      const entry = fx.sandbox.requests.at(-1);
      assert.equal(entry?.method, 'POST');
      assert.equal(entry?.path, '/tags');
      assert.equal(entry?.status, 200);
      assert.equal(entry?.headers['intercom-version'], '2.16');
      assert.deepEqual(entry?.body, { name: 'Independent' });
    } finally {
      await fx.done();
    }
  });
});
