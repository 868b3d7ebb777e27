import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { Client, IntercomError } from 'intercom-ts';
import { type Scripted, type ScriptedServer, scriptedServer } from '../helpers/raw-http.js';

// Property: whatever the server answers, every call either resolves or rejects with an
// IntercomError; nothing crashes and no rejection goes unhandled.
let next: Scripted = {};
let server: ScriptedServer;
let intercom: Client;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
before(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await scriptedServer(() => next);
  intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 0 });
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  intercom.close();
  await server.close();
});

const jsonish = fc.oneof(
  fc.json(),
  fc.string(),
  fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))), // truncated
  fc.constantFrom('<html><body>502 Bad Gateway</body></html>', '', ' ', 'null', '[]', '{}', '{"type":"user.list"}'),
  fc
    .record({
      type: fc.constantFrom('user', 'user.list', 'error.list', 'admin.list', 'company.list'),
      errors: fc.anything(),
      users: fc.anything(),
      pages: fc.anything(),
      admins: fc.anything(),
      custom_attributes: fc.anything(),
    })
    .map((o) => JSON.stringify(o)),
);
const statuses = fc.constantFrom(200, 201, 202, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504);
const calls = [
  (c: Client) => c.users.find({ id: 'u' }),
  (c: Client) => c.users.find({ email: 'a@example.com' }),
  (c: Client) => c.users.all().toArray({ limit: 5 }),
  (c: Client) => c.users.scroll().next(),
  (c: Client) => c.admins.me(),
  (c: Client) => c.admins.all().toArray({ limit: 5 }),
];

test('malformed responses give typed errors, never crashes or unhandled rejections', async () => {
  await fc.assert(
    fc.asyncProperty(jsonish, statuses, fc.integer({ min: 0, max: calls.length - 1 }), async (body, status, which) => {
      next = { status: status === 204 ? 200 : status, body };
      try {
        await (calls[which] as (c: Client) => Promise<unknown>)(intercom);
      } catch (error) {
        assert.ok(error instanceof IntercomError, `not an IntercomError: ${String(error)} for ${status} ${body.slice(0, 80)}`);
      }
    }),
    { numRuns: 2000, seed: 4242 },
  );
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(unhandled, []);
});
