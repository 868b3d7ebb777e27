import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InvalidParameterError, ResourceNotFound } from 'intercom-ts';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.done());

test('teams.all lists every team; teams.find returns one with its admins', async () => {
  const { intercom } = fx;
  const teams = await intercom.teams.all().toArray();
  assert.deepEqual(
    teams.map((t) => t.name),
    ['Support', 'Sales'],
  );
  const support = await intercom.teams.find({ id: teams[0]?.id ?? '' });
  assert.equal(support.type, 'team');
  const admins = await Promise.all(support.admin_ids.map((id) => intercom.admins.find({ id: String(id) })));
  assert.ok(
    admins.every((a) => a.team_ids?.includes(Number(support.id))),
    'the team and its admins agree',
  );
  await assert.rejects(intercom.teams.find({ id: '1' }), ResourceNotFound);
});

test('bad input throws InvalidParameterError before any request', async () => {
  const { intercom, sandbox } = fx;
  sandbox.requests.length = 0;
  await assert.rejects(intercom.teams.find({ id: '' }), InvalidParameterError);
  await assert.rejects(intercom.teams.find(undefined as unknown as { id: string }), InvalidParameterError);
  assert.deepEqual(sandbox.requests, []);
});
