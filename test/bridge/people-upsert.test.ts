import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, IntercomError, MultipleMatchingUsersError } from 'intercom-ts';
import { withBridge } from './bridge-sandbox.js';

/** The 2.x contacts (any role, archived ones too) with this email, as the sandbox holds them. */
async function contactsWithEmail(s: Awaited<ReturnType<typeof withBridge>>, email: string): Promise<unknown[]> {
  const found = await s.call('POST', '/contacts/search', { query: { field: 'email', operator: '=', value: email } });
  return found.data as unknown[];
}

test('users.create of a new person: looked up, then POST /contacts with role user and the 2.x field names', async () => {
  const s = await withBridge();
  try {
    const user = await s.intercom.users.create({
      email: 'new@example.com',
      user_id: 'new-1',
      name: 'New',
      last_request_at: 1700000001,
      custom_attributes: { plan: 'pro' },
      new_session: true,
      last_seen_ip: '10.0.0.1',
      owner_id: 7,
    });
    assert.equal(user.user_id, 'new-1');
    assert.equal(user.last_request_at, 1700000001);
    assert.deepEqual(user.custom_attributes, { plan: 'pro' });
    // 2.x refuses the unknown custom attribute; the bridge defines it (as 1.x did on first write) and sends again.
    assert.deepEqual(s.sent(), [
      'GET /contacts/find_by_external_id/new-1',
      'POST /contacts/search',
      'POST /contacts',
      'POST /data_attributes',
      'POST /contacts',
    ]);
    assert.deepEqual(
      s.requests().map((r) => r.status),
      [404, 200, 400, 200, 200],
    );
    assert.deepEqual(s.requests()[3]?.body, { name: 'plan', model: 'contact', data_type: 'string' });
    assert.deepEqual(s.requests()[4]?.body, {
      role: 'user',
      email: 'new@example.com',
      name: 'New',
      custom_attributes: { plan: 'pro' },
      owner_id: '7',
      external_id: 'new-1',
      last_seen_at: 1700000001,
    });
  } finally {
    await s.close();
  }
});

test('users.create and save of a known person: PUT /contacts/{id}; companies upserted and attached, then removed', async () => {
  const s = await withBridge();
  try {
    const first = await s.intercom.users.create({ email: 'known@example.com' });
    s.clearLog();
    const again = await s.intercom.users.create({ email: 'known@example.com', name: 'Known', update_last_request_at: true });
    assert.equal(again.id, first.id);
    assert.equal(again.name, 'Known');
    assert.ok(typeof again.last_request_at === 'number' && again.last_request_at > 1700000000);
    assert.deepEqual(s.sent(), ['POST /contacts/search', `PUT /contacts/${first.id}`]);
    s.clearLog();
    again.companies = [{ company_id: 'acme-1', name: 'Acme' }];
    await s.intercom.users.save(again);
    assert.deepEqual(s.sent(), [
      `GET /contacts/${first.id}`,
      `PUT /contacts/${first.id}`,
      'POST /companies',
      `POST /contacts/${first.id}/companies`,
      `GET /contacts/${first.id}`,
      `GET /contacts/${first.id}/companies`,
    ]);
    assert.deepEqual(
      again.companies.map((c) => [c.company_id, c.name]),
      [['acme-1', 'Acme']],
    );
    again.companies = [{ company_id: 'acme-1', remove: true }];
    await s.intercom.users.save(again);
    assert.deepEqual(again.companies, []);
    assert.equal((await contactsWithEmail(s, 'known@example.com')).length, 1);
  } finally {
    await s.close();
  }
});

test('50 concurrent users.create of one new email on 2.16 make one contact', async () => {
  const s = await withBridge();
  try {
    const users = await Promise.all(
      Array.from({ length: 50 }, (_, i) => s.intercom.users.create({ email: 'crowd@example.com', custom_attributes: { n: i } })),
    );
    assert.equal(new Set(users.map((u) => u.id)).size, 1);
    assert.equal((await contactsWithEmail(s, 'crowd@example.com')).length, 1);
    const applied = s.requests().filter((r) => r.method === 'POST' && r.path === '/contacts' && r.status === 200);
    assert.equal(applied.length, 1, 'one create applied (the custom attribute refused once before it was defined)');
  } finally {
    await s.close();
  }
});

test('two clients creating one new person: the 409 conflict becomes an update of the existing contact', async () => {
  const s = await withBridge();
  const other = new Client({ token: s.sandbox.token, baseUrl: s.sandbox.url, maxRetries: 0, apiVersion: '2.16' });
  try {
    // Each client serializes its own creates; between clients the 2.x uniqueness of email decides.
    const users = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? s.intercom : other).users.create({ email: 'race@example.com', user_id: 'race-1' }),
      ),
    );
    assert.equal(new Set(users.map((u) => u.id)).size, 1);
    assert.equal((await contactsWithEmail(s, 'race@example.com')).length, 1);
  } finally {
    other.close();
    await s.close();
  }
});

test('creates whose answers are lost (applied, then the connection dropped) end with one contact each', async () => {
  const s = await withBridge();
  try {
    s.sandbox.inject({ path: '/contacts', method: 'POST', kind: 'reset-after', times: 5 });
    for (let i = 0; i < 5; i++) {
      const user = await s.intercom.users.create({ email: `lost-${i}@example.com`, user_id: `lost-${i}` });
      assert.equal(user.user_id, `lost-${i}`);
      assert.equal((await contactsWithEmail(s, `lost-${i}@example.com`)).length, 1);
    }
    assert.equal(s.requests().filter((r) => r.method === 'POST' && r.path === '/contacts').length, 5, 'no create sent twice');
  } finally {
    await s.close();
  }
});

test('a lost create whose person cannot be found again keeps outcomeUnknown (a lead without identifier)', async () => {
  const s = await withBridge();
  try {
    s.sandbox.inject({ path: '/contacts', method: 'POST', kind: 'reset-after' });
    await assert.rejects(
      s.intercom.contacts.create({ name: 'No id' }),
      (e: unknown) => e instanceof IntercomError && e.outcomeUnknown,
    );
    assert.equal(s.sent().filter((line) => line === 'POST /contacts').length, 1);
  } finally {
    await s.close();
  }
});

test('an email held by several users makes a create the 1.x conflict, before anything is written', async () => {
  const s = await withBridge();
  try {
    await s.call('POST', '/users', { user_id: 'd1', email: 'dup@example.com' }, '1.4');
    await s.call('POST', '/users', { user_id: 'd2', email: 'dup@example.com' }, '1.4');
    s.clearLog();
    await assert.rejects(s.intercom.users.create({ email: 'dup@example.com' }), MultipleMatchingUsersError);
    assert.deepEqual(s.sent(), ['POST /contacts/search']);
  } finally {
    await s.close();
  }
});

test('custom attributes 2.x does not know are defined with the type of their first value, then written', async () => {
  const s = await withBridge();
  try {
    const user = await s.intercom.users.create({
      email: 'typed@example.com',
      custom_attributes: { seats: 3, ratio: 0.5, trial: true, renewed_at: 1700000000, note: 'x' },
    });
    assert.deepEqual(user.custom_attributes, { seats: 3, ratio: 0.5, trial: true, renewed_at: 1700000000, note: 'x' });
    const defined = s
      .requests()
      .filter((r) => r.path === '/data_attributes')
      .map((r) => r.body);
    assert.deepEqual(defined, [
      { name: 'seats', model: 'contact', data_type: 'integer' },
      { name: 'ratio', model: 'contact', data_type: 'float' },
      { name: 'trial', model: 'contact', data_type: 'boolean' },
      { name: 'renewed_at', model: 'contact', data_type: 'date' },
      { name: 'note', model: 'contact', data_type: 'string' },
    ]);
    s.clearLog();
    await s.intercom.companies.create({ company_id: 'typed-co', custom_attributes: { employees: 10 } });
    assert.deepEqual(s.sent(), ['POST /companies', 'POST /data_attributes', 'POST /companies']);
  } finally {
    await s.close();
  }
});

test('leads: contacts.create without identifier is a POST with role lead; save is a PUT of that lead', async () => {
  const s = await withBridge();
  try {
    const lead = await s.intercom.contacts.create({ email: 'lead@example.com', custom_attributes: { source: 'web' } });
    assert.equal(lead.type, 'contact');
    assert.deepEqual(s.requests()[0]?.body, { role: 'lead', email: 'lead@example.com', custom_attributes: { source: 'web' } });
    lead.name = 'Lead';
    s.clearLog();
    await s.intercom.contacts.save(lead);
    assert.equal(lead.name, 'Lead');
    assert.deepEqual(s.sent(), [`GET /contacts/${lead.id}`, `PUT /contacts/${lead.id}`]);
  } finally {
    await s.close();
  }
});
