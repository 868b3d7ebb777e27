import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire, SEED_WIRE } from '../helpers/wire.js';

/** The gem's tag fixture (no `type`), named as the README's tag. */
const TAG = { id: '4f73428b5e4dfc000b000112', name: 'blue', segment: false, tagged_user_count: 2 };

function respond(req: Received): Scripted {
  if (req.method === 'GET') return { body: { type: 'tag.list', tags: [TAG, { type: 'tag', id: '17513', name: 'Independent' }] } };
  return { body: TAG };
}

const cases: Array<[string, (intercom: Client) => Promise<unknown>]> = [
  [
    'tags.tag users',
    async (i) => {
      const tag = await i.tags.tag({ name: 'blue', users: [{ email: 'bob@example.com' }] });
      assert.equal(tag.id, TAG.id);
      assert.equal(tag.tagged_user_count, 2, 'fields beyond the typed ones are kept');
    },
  ],
  [
    'tags.untag users',
    async (i) => {
      const users = [{ user_id: '42ea2f1b93891f6a99000427' }];
      await i.tags.untag({ name: 'blue', users });
      assert.deepEqual(users, [{ user_id: '42ea2f1b93891f6a99000427' }], "the caller's items are not mutated");
    },
  ],
  [
    'tags.all',
    async (i) => {
      const names = (await i.tags.all().toArray()).map((t) => `${t.id} - ${t.name}`);
      assert.deepEqual(names, ['4f73428b5e4dfc000b000112 - blue', '17513 - Independent']);
    },
  ],
  ['tags.tag companies', (i) => i.tags.tag({ name: 'blue', companies: [{ company_id: '42ea2f1b93891f6a99000427' }] })],
];

for (const [name, action] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond, action);
  });
}

test('wire: every tags.* step of seed-wire.json has a case', () => {
  const steps = SEED_WIRE.filter((s) => s.step.startsWith('tags.')).map((s) => s.step);
  assert.deepEqual(steps.sort(), cases.map(([name]) => name).sort());
});
