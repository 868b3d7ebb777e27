import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire, SEED_WIRE } from '../helpers/wire.js';

/** The gem's team fixtures. */
const TEAM = { type: 'team', id: '2744328', name: 'the_a_team', admin_ids: [646303, 814860] };
const TEAM_LIST = {
  type: 'team.list',
  teams: [TEAM, { type: 'team', id: '814865', name: 'BA_App', admin_ids: [492881, 1195856] }],
};

function respond(req: Received): Scripted {
  return req.path === '/teams' ? { body: TEAM_LIST } : { body: TEAM };
}

const cases: Array<[string, (intercom: Client) => Promise<unknown>]> = [
  [
    'teams.find',
    async (i) => {
      const team = await i.teams.find({ id: '1' });
      assert.deepEqual(team.admin_ids, [646303, 814860]);
    },
  ],
  [
    'teams.all',
    async (i) => {
      const names = (await i.teams.all().toArray()).map((t) => t.name);
      assert.deepEqual(names, ['the_a_team', 'BA_App']);
    },
  ],
];

for (const [name, action] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond, action);
  });
}

test('wire: every teams.* step of seed-wire.json has a case', () => {
  const steps = SEED_WIRE.filter((s) => s.step.startsWith('teams.')).map((s) => s.step);
  assert.deepEqual(steps.sort(), cases.map(([name]) => name).sort());
});
