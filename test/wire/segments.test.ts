import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire, SEED_WIRE } from '../helpers/wire.js';

/** The gem's segment fixtures. */
const ACTIVE = { type: 'segment', id: '5310', name: 'Active', created_at: 1393613031, updated_at: 1393613031 };
const NEW = { type: 'segment', id: '5310d8e6598c9a0b24000001', name: 'New', created_at: 1393613030, updated_at: 1393613030 };

function respond(req: Received): Scripted {
  return req.path === '/segments' ? { body: { type: 'segment.list', segments: [ACTIVE, NEW] } } : { body: ACTIVE };
}

const cases: Array<[string, (intercom: Client) => Promise<unknown>]> = [
  [
    'segments.find',
    async (i) => {
      const segment = await i.segments.find({ id: '5310' });
      assert.equal(segment.name, 'Active');
    },
  ],
  [
    'segments.all',
    async (i) => {
      const lines = (await i.segments.all().toArray()).map((s) => `id: ${s.id} name: ${s.name}`);
      assert.deepEqual(lines, ['id: 5310 name: Active', 'id: 5310d8e6598c9a0b24000001 name: New']);
    },
  ],
];

for (const [name, action] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond, action);
  });
}

test('wire: every segments.* step of seed-wire.json has a case', () => {
  const steps = SEED_WIRE.filter((s) => s.step.startsWith('segments.')).map((s) => s.step);
  assert.deepEqual(steps.sort(), cases.map(([name]) => name).sort());
});
