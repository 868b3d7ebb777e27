import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { assertError, client, ok } from '../helpers/raw-http.js';

type Json = Record<string, unknown>;

let sandbox: Sandbox;
let call: ReturnType<typeof client>;
before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'empty' });
  call = client(sandbox);
});
after(() => sandbox.close());

test('/me is the admin the token belongs to, with its app', async () => {
  const me = ok(await call('GET', '/me'));
  assert.deepEqual(
    { type: me.type, id: me.id, name: me.name, email: me.email },
    { type: 'admin', id: '394051', name: 'Wash', email: 'wash@serenity.io' },
  );
  const app = me.app as Json;
  assert.equal(app.type, 'app');
  assert.equal(app.id_code, sandbox.store.appId);
});

test('/admins lists every admin; /admins/{id} finds one; unknown is 404 admin_not_found', async () => {
  const list = ok(await call('GET', '/admins'));
  assert.equal(list.type, 'admin.list');
  const admins = list.admins as Json[];
  assert.deepEqual(
    admins.map((a) => a.id),
    ['394051', '814860', '493881'],
  );
  for (const admin of admins) {
    assert.equal(admin.type, 'admin');
    assert.ok(Array.isArray(admin.team_ids));
    assert.ok(
      (admin.team_ids as unknown[]).every((id) => typeof id === 'number'),
      'team_ids are integers',
    );
  }
  const jayne = ok(await call('GET', '/admins/814860'));
  assert.equal(jayne.name, 'Jayne Cobb');
  assertError(await call('GET', '/admins/999'), 404, 'admin_not_found');
});

test('PUT /admins/{id}/away sets away mode; wrong types are 400', async () => {
  const away = ok(await call('PUT', '/admins/493881/away', { away_mode_enabled: true, away_mode_reassign: true }));
  assert.equal(away.away_mode_enabled, true);
  assert.equal(away.away_mode_reassign, true);
  assert.equal(ok(await call('GET', '/admins/493881')).away_mode_enabled, true);
  assertError(await call('PUT', '/admins/493881/away', { away_mode_enabled: 'sometimes' }), 400, 'parameter_invalid');
  assertError(await call('PUT', '/admins/999/away', { away_mode_enabled: true }), 404, 'admin_not_found');
});

test('/teams lists the teams; /teams/{id} finds one; unknown is 404 team_not_found', async () => {
  const list = ok(await call('GET', '/teams'));
  assert.equal(list.type, 'team.list');
  const teams = list.teams as Json[];
  assert.deepEqual(
    teams.map((t) => [t.type, t.id, t.name]),
    [
      ['team', '814865', 'Support'],
      ['team', '814866', 'Sales'],
    ],
  );
  assert.deepEqual(ok(await call('GET', '/teams/814865')).admin_ids, [394051, 814860]);
  assertError(await call('GET', '/teams/1'), 404, 'team_not_found');
});
