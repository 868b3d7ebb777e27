import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { SUITE_TOKEN } from '../helpers/secrets.js';
import { withBridge } from './bridge-sandbox.js';

/** Paths only API 1.x has: a 2.x run must send none of them. */
const ONLY_1X =
  /^\/(users|customers|counts|bulk|jobs|user_delete_requests|subscriptions)\b|^\/(contacts|companies)\/convert|\/scroll$|^\/notes$|^\/contacts\/scroll/;

test('a people tour on 2.16: every call answered in its 1.x shape, no 1.x-only path in the request log', async () => {
  const s = await withBridge();
  try {
    const { intercom } = s;
    const user = await intercom.users.create({
      email: 'tour@example.com',
      user_id: 'tour-1',
      name: 'Tour',
      companies: [{ company_id: 'tour-co', name: 'Tour Co' }],
    });
    assert.deepEqual(
      user.companies.map((c) => c.company_id),
      ['tour-co'],
    );
    user.custom_attributes.plan = 'pro';
    await intercom.users.save(user);
    assert.equal((await intercom.users.find({ email: 'tour@example.com' })).custom_attributes.plan, 'pro');
    await intercom.users.find({ user_id: 'tour-1' });
    await intercom.users.findAll({ created_since: 1 }).toArray();
    await intercom.users.scroll().toArray();
    await intercom.customers.search({ query: { field: 'email', operator: '=', value: 'tour@example.com' } }).toArray();
    await intercom.tags.tag({ name: 'Tour', users: [{ user_id: 'tour-1' }] });
    await intercom.users.byTag((await intercom.tags.create({ name: 'Tour' })).id).toArray();
    await intercom.notes.create({ body: 'note', user_id: 'tour-1' });
    await intercom.notes.findAll({ email: 'tour@example.com' }).toArray();
    await intercom.events.create({ event_name: 'toured', created_at: 1700000000, user_id: 'tour-1' });
    const lead = await intercom.contacts.create({ email: 'tour-lead@example.com' });
    await intercom.contacts.findAll({ email: 'tour-lead@example.com' }).toArray();
    await intercom.contacts.scroll().toArray();
    await intercom.contacts.convert(lead, { user_id: 'tour-1' });
    await intercom.companies.usersByCompanyId('tour-co').toArray();
    await intercom.users.archive(user);
    await intercom.users.requestHardDelete(user);
    const paths = s.requests().map((r) => r.path.split('?')[0] as string);
    assert.deepEqual(
      paths.filter((path) => ONLY_1X.test(path)),
      [],
    );
    assert.ok(s.requests().every((r) => r.headers['intercom-version'] === '2.16'));
  } finally {
    await s.close();
  }
});

test('per-call options reach every 2.x request a route sends', async () => {
  const s = await withBridge();
  try {
    const id = (await s.call('POST', '/contacts', { role: 'user', email: 'opts@example.com', external_id: 'opts' })).id as string;
    const tag = await s.call('POST', '/tags', { name: 'Opts' });
    await s.call('POST', `/contacts/${id}/tags`, { id: tag.id });
    s.clearLog();
    await s.intercom.users.find({ email: 'opts@example.com' }, { headers: { 'x-bridge-trace': 'on' } });
    assert.deepEqual(s.sent(), ['POST /contacts/search', `GET /contacts/${id}/tags`]);
    assert.ok(s.requests().every((r) => r.headers['x-bridge-trace'] === 'on'));
  } finally {
    await s.close();
  }
});

test('through API 1.0 the seed-style client keeps the 1.x behaviour: 50 concurrent users.create are 50 POST /users, one user', async () => {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0, apiVersion: '1.0' });
  try {
    const users = await Promise.all(Array.from({ length: 50 }, () => intercom.users.create({ email: 'one-x@example.com' })));
    assert.equal(new Set(users.map((u) => u.id)).size, 1);
    assert.equal(sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/users').length, 50);
    assert.ok(sandbox.requests.every((r) => !r.path.startsWith('/contacts')));
  } finally {
    intercom.close();
    await sandbox.close();
  }
});
