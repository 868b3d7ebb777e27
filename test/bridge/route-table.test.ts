import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiV2Bridge } from '../../src/bridge/api-v2-bridge.js';
import { type BridgeRoute, literalSegments, matchRoute } from '../../src/bridge/route-table.js';
import { InvalidParameterError, UnavailableOnApi2Error } from '../../src/core/errors.js';
import type { ApiRequest } from '../../src/core/request-pipeline.js';

const route = (path: string, method: ApiRequest['method'] = 'GET'): BridgeRoute => ({
  method,
  path,
  handle: async () => null,
});

test('matchRoute: literal segments must be equal, variable ones are captured percent-decoded', () => {
  const users = route('/users/:id');
  assert.deepEqual(matchRoute(users, 'GET', '/users/a%2Fb'.split('/')), { id: 'a/b' });
  assert.equal(matchRoute(users, 'POST', '/users/a'.split('/')), undefined, 'another method');
  assert.equal(matchRoute(users, 'GET', '/users'.split('/')), undefined, 'fewer segments');
  assert.equal(matchRoute(users, 'GET', '/users/'.split('/')), undefined, 'an empty id');
  assert.equal(matchRoute(users, 'GET', '/users/a/tags'.split('/')), undefined, 'more segments');
  assert.equal(matchRoute(users, 'GET', '/leads/a'.split('/')), undefined, 'another literal');
  assert.equal(literalSegments(route('/contacts/convert')), 2);
  assert.equal(literalSegments(users), 1);
});

test('a 1.x call the bridge does not translate is refused before anything is sent', async () => {
  const sent: ApiRequest[] = [];
  const bridge = new ApiV2Bridge({ send: async (request) => sent.push(request) }, 'https://api.intercom.io', '2.16');
  await assert.rejects(
    bridge.send({ method: 'GET', path: '/no/such/1x/path', idempotent: true }),
    (error: unknown) => error instanceof UnavailableOnApi2Error && error.message.includes('GET /no/such/1x/path'),
  );
  assert.throws(
    () => bridge.send({ method: 'GET', path: 'https://elsewhere.example/users', idempotent: true }),
    InvalidParameterError,
    'a link outside the base URL is refused',
  );
  assert.deepEqual(sent, []);
});
