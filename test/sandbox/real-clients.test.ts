/**
 * Calls that unmodified third-party Intercom clients send and Intercom accepts: legacy Basic
 * credentials (app id and API key) and archives with the identifier in a JSON body.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from 'intercom-ts';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { assertError, client, ok } from '../helpers/raw-http.js';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('legacy credentials: Basic base64(app_id:api_key)', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof client>;
  before(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: 'legacy-key' });
    call = client(sandbox);
  });
  after(() => sandbox.close());

  test("intercom-ts's own Client({ appId, apiKey }) works against the sandbox", async () => {
    const appId = (ok(await call('GET', '/me')).app as { id_code: string }).id_code;
    const legacy = new Client({ appId, apiKey: 'legacy-key', baseUrl: sandbox.url, maxRetries: 0 });
    const me = await legacy.admins.me();
    assert.equal(me.type, 'admin');
    const user = await legacy.users.create({ user_id: 'legacy-1', email: 'legacy@example.com' });
    assert.equal(user.user_id, 'legacy-1');
  });

  test('a wrong key, a wrong app id or an empty key gets 401', async () => {
    const appId = sandbox.store.appId;
    for (const authorization of [basic(appId, 'wrong'), basic('other-app', 'legacy-key'), basic(appId, '')]) {
      assertError(await call('GET', '/me', undefined, { authorization }), 401, 'unauthorized');
    }
  });

  test('without an apiKey option, legacy credentials are refused', async () => {
    const plain = await startSandbox({ port: 0 });
    try {
      const res = await client(plain)('GET', '/me', undefined, { authorization: basic(plain.store.appId, 'legacy-key') });
      assertError(res, 401, 'unauthorized');
    } finally {
      await plain.close();
    }
  });

  test('a bad apiKey option is a TypeError', async () => {
    await assert.rejects(startSandbox({ port: 0, apiKey: '' }), TypeError);
    await assert.rejects(startSandbox({ port: 0, apiKey: 'has space' }), TypeError);
  });
});

describe('archives with the identifier in a JSON body', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof client>;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'empty' });
    call = client(sandbox);
  });
  after(() => sandbox.close());

  test('DELETE /users with {"email"} archives the user and answers it (200)', async () => {
    const created = ok(await call('POST', '/users', { user_id: 'del-email', email: 'del-email@example.com' }));
    const archived = ok(await call('DELETE', '/users', { email: 'del-email@example.com' }));
    assert.equal(archived.type, 'user');
    assert.equal(archived.id, created.id);
    assertError(await call('GET', `/users/${created.id}`), 404, 'not_found');
  });

  test('DELETE /users with {"user_id"} archives the user (200)', async () => {
    const created = ok(await call('POST', '/users', { user_id: 'del-uid' }));
    const archived = ok(await call('DELETE', '/users', { user_id: 'del-uid' }));
    assert.equal(archived.id, created.id);
    assertError(await call('GET', '/users?user_id=del-uid'), 404, 'not_found');
  });

  test('DELETE /users with neither in the query nor the body still answers 400; an unknown one 404', async () => {
    assertError(await call('DELETE', '/users', {}), 400, 'parameter_invalid');
    assertError(await call('DELETE', '/users', { email: 'nobody@example.com' }), 404, 'not_found');
    assertError(await call('DELETE', '/users', { user_id: { nested: true } }), 400, 'parameter_invalid', 'user_id');
  });

  test('DELETE /contacts with {"id"} archives the lead and answers it (200)', async () => {
    const lead = ok(await call('POST', '/contacts', { email: 'lead-del@example.com' }));
    const archived = ok(await call('DELETE', '/contacts', { id: lead.id }));
    assert.equal(archived.type, 'contact');
    assert.equal(archived.id, lead.id);
    assertError(await call('GET', `/contacts/${lead.id}`), 404, 'not_found');
  });

  test('DELETE /contacts without an id answers 400; with an unknown one 404', async () => {
    assertError(await call('DELETE', '/contacts', {}), 400, 'parameter_not_found', 'id');
    assertError(await call('DELETE', '/contacts', { id: 'nope' }), 404, 'not_found');
  });
});
