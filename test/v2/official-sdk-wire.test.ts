import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { IntercomClient } from 'intercom-ts/v2';
import { type ScriptedServer, scriptedServer } from '../helpers/raw-http.js';
import { SUITE_TOKEN } from '../helpers/secrets.js';
import { OFFICIAL_WIRE, officialShape, shapeOf } from './wire-helpers.js';

// Every stable example of the official SDK's reference documentation, run through intercom-ts/v2
// unchanged: the same call must send the same method, path, query and body. The client is set to
// version 2.14 (the official SDK's) so that the Intercom-Version header is compared too.

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (client: IntercomClient) => Promise<unknown>;

let server: ScriptedServer;
let client: IntercomClient;

before(async () => {
  server = await scriptedServer(() => ({ body: {} }));
  client = new IntercomClient({ token: SUITE_TOKEN, baseUrl: server.url, version: '2.14', maxRetries: 0 });
});

after(async () => {
  client.close();
  await server.close();
});

const stable = OFFICIAL_WIRE.filter((example) => !example.unstable);

test('the recording holds the 152 stable examples', () => {
  assert.equal(stable.length, 152);
});

for (const example of stable) {
  test(`official example ${example.id} sends what the official SDK sends`, async () => {
    server.received.length = 0;
    const run = new AsyncFunction('client', example.executed ?? example.code);
    await run(client);
    assert.deepStrictEqual(server.received.map(shapeOf), example.requests.map(officialShape));
    for (const [i, request] of example.requests.entries()) {
      assert.equal(server.received[i]?.headers['intercom-version'], request.headers['intercom-version']);
    }
  });
}
