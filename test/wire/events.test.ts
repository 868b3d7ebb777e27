import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Client, type DataEvent } from 'intercom-ts';
import { scriptedServer } from '../helpers/raw-http.js';
import { assertWire } from '../helpers/wire.js';

const RESPONSES = JSON.parse(readFileSync(new URL('../../../test/fixtures/responses-1x.json', import.meta.url), 'utf8'));
const JOB = {
  id: 'job_5ca1ab1eca11ab1e',
  app_id: 'app_id',
  name: 'api_bulk_job',
  state: 'running',
  created_at: 1446033421,
  updated_at: 1446033421,
  completed_at: null,
  closing_at: 1446034321,
  links: {
    error: 'https://api.intercom.io/jobs/job_5ca1ab1eca11ab1e/error',
    self: 'https://api.intercom.io/jobs/job_5ca1ab1eca11ab1e',
  },
};

test('wire: events.create', async () => {
  await assertWire(
    'events.create',
    () => ({ status: 202 }),
    (intercom) =>
      intercom.events.create({
        event_name: 'invited-friend',
        created_at: new Date(1400000000 * 1000),
        email: 'bob@example.com',
        metadata: { invitee_email: 'pi@example.org', invite_code: 'ADDAFRIEND', found_date: 12909364407 },
      }),
  );
});

test('wire: events.create rich metadata', async () => {
  await assertWire(
    'events.create rich metadata',
    () => ({ status: 202 }),
    async (intercom) => {
      const result = await intercom.events.create({
        event_name: 'placed-order',
        email: 'bob@example.com',
        created_at: 1403001013,
        metadata: {
          order_date: new Date(1400000000 * 1000),
          stripe_invoice: 'inv_3434343434',
          order_number: { value: '3434-3434', url: 'https://example.org/orders/3434-3434' },
          price: { currency: 'usd', amount: 2999 },
        },
      });
      assert.equal(result, undefined, 'a 202 with an empty body resolves to nothing');
    },
  );
});

test('wire: events.find_all', async () => {
  let events: DataEvent[] = [];
  await assertWire(
    'events.find_all',
    () => ({ body: { ...RESPONSES.page_of_events, pages: { next: null } } }),
    async (intercom) => {
      events = await intercom.events.findAll({ type: 'user', intercom_user_id: '123abc' }).toArray();
    },
  );
  assert.equal(events.length, 1);
  assert.equal(events[0]?.event_name, 'invited-friend');
  assert.deepEqual(events[0]?.metadata, { type: 'user', invitee_email: 'pi@example.org', invite_code: 'ADDAFRIEND' });
});

test('wire: events.submit_bulk_job', async () => {
  const received = await assertWire(
    'events.submit_bulk_job',
    () => ({ status: 202, body: JOB }),
    async (intercom) => {
      const job = await intercom.events.submitBulkJob({
        create_items: [
          {
            event_name: 'ordered-item',
            created_at: 1438944980,
            user_id: '314159',
            metadata: { order_date: 1438944980, stripe_invoice: 'inv_3434343434' },
          },
        ],
      });
      assert.equal(job.id, 'job_5ca1ab1eca11ab1e');
      assert.equal(job.state, 'running');
    },
  );
  assert.equal(received[0]?.headers['content-type'], 'application/json');
});

test('events.findAll follows an untyped pages.next with its before cursor, on the client origin', async () => {
  const server = await scriptedServer((req) =>
    req.path.includes('before=')
      ? { body: { type: 'event.list', events: [{ type: 'event', event_name: 'older', created_at: 1 }], pages: { next: null } } }
      : {
          body: {
            ...RESPONSES.page_of_events,
            pages: { next: 'https://api.intercom.io/events?type=user&intercom_user_id=55a3b&before=144474756550' },
          },
        },
  );
  const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 0 });
  try {
    const names = (await intercom.events.findAll({ type: 'user', intercom_user_id: '55a3b' }).toArray()).map((e) => e.event_name);
    assert.deepEqual(names, ['invited-friend', 'older']);
    assert.deepEqual(
      server.received.map((r) => r.path),
      ['/events?type=user&intercom_user_id=55a3b', '/events?type=user&intercom_user_id=55a3b&before=144474756550'],
    );
  } finally {
    intercom.close();
    await server.close();
  }
});
