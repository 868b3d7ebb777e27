import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, PaginationLoopError } from 'intercom-ts';
import { type Received, type Scripted, scriptedServer } from '../helpers/scripted-server.js';

async function withServer(
  respond: (req: Received) => Scripted,
  run: (intercom: Client, received: Received[]) => Promise<void>,
): Promise<void> {
  const server = await scriptedServer(respond);
  const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 0 });
  try {
    await run(intercom, server.received);
  } finally {
    intercom.close();
    await server.close();
  }
}

const userPage = (ids: string[], next: unknown) => ({
  type: 'user.list',
  users: ids.map((id) => ({ type: 'user', id, user_id: null, email: `${id}@example.com` })),
  pages: { type: 'pages', next, per_page: 2 },
});

test('a 1.x list whose pages.next is a cursor object is read whole (3 pages), not stopped after page 1', async () => {
  await withServer(
    (req) => {
      const cursor = new URL(req.path, 'http://x').searchParams.get('starting_after');
      if (cursor === null) return { body: userPage(['u1', 'u2'], { starting_after: 'c2', per_page: 2 }) };
      if (cursor === 'c2') return { body: userPage(['u3', 'u4'], { starting_after: 'c3', per_page: 2 }) };
      return { body: userPage(['u5'], null) };
    },
    async (intercom, received) => {
      const users = await intercom.users.findAll({ per_page: 2 }).toArray();
      assert.deepEqual(
        users.map((u) => u.id),
        ['u1', 'u2', 'u3', 'u4', 'u5'],
      );
      assert.deepEqual(
        received.map((r) => `${r.method} ${r.path}`),
        ['GET /users?per_page=2', 'GET /users?per_page=2&starting_after=c2', 'GET /users?per_page=2&starting_after=c3'],
      );
    },
  );
});

test('a cursor page can be resumed from ListPage.next', async () => {
  await withServer(
    (req) => {
      const cursor = new URL(req.path, 'http://x').searchParams.get('starting_after');
      return { body: cursor === null ? userPage(['u1'], { starting_after: 'c2' }) : userPage(['u2'], null) };
    },
    async (intercom, received) => {
      const list = intercom.users.all();
      const first = await list.pages().next();
      const next = first.value?.next;
      assert.equal(next, '/users?starting_after=c2');
      const resumed = [];
      for await (const page of list.pages({ from: next as string })) resumed.push(...page.items.map((u) => u.id));
      assert.deepEqual(resumed, ['u2']);
      assert.equal(received.at(-1)?.path, '/users?starting_after=c2');
    },
  );
});

test('a 1.x pages.next that points at the page just fetched fails with PaginationLoopError after one repeat at most', async () => {
  await withServer(
    () => ({ body: userPage(['u1'], 'http://127.0.0.1/users?page=2') }),
    async (intercom, received) => {
      await assert.rejects(intercom.users.all().toArray(), PaginationLoopError);
      assert.equal(received.length, 2, 'page 2 is read once; its pages.next (itself) is not sent');
    },
  );
});

test('a 1.x pages.next of a shape that cannot be followed fails, never ends the list silently', async () => {
  await withServer(
    () => ({ body: { ...userPage(['u1'], 2) } }),
    async (intercom) => {
      await assert.rejects(intercom.users.all().toArray(), /Cannot follow 'pages.next'/);
    },
  );
});
