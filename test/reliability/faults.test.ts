import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, IntercomError, type User } from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { SUITE_TOKEN } from '../helpers/secrets.js';

const KINDS = ['500', '503', 'reset-before', 'reset-after', 'html502', 'slow', '429'] as const;

test('5,000 user upserts under 10% faults of every kind: exactly 5,000 users, right attributes, no duplicates', async () => {
  const sandbox = await startSandbox({
    port: 0,
    token: SUITE_TOKEN,
    seed: 'empty',
    rateLimit: { limit: 1_000_000, windowMs: 1000 },
    faults: { rate: 0.1, kinds: KINDS, seed: 7, slowMs: 400 },
  });
  const intercom = new Client({
    token: sandbox.token,
    baseUrl: sandbox.url,
    maxRetries: 4,
    readTimeout: 200,
    maxConcurrency: 20,
  });
  const total = 5000;
  const failures: number[] = [];
  const upsert = async (i: number): Promise<User> =>
    intercom.users.create({ user_id: `f${i}`, email: `f${i}@example.com`, custom_attributes: { n: i, even: i % 2 === 0 } });
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < total) {
          const i = next++;
          try {
            await upsert(i);
          } catch (error) {
            assert.ok(error instanceof IntercomError, `a typed error, got ${String(error)}`);
            failures.push(i);
          }
        }
      }),
    );
    // Reconcile, as a caller would: the calls that reported a failure are sent again.
    for (const i of failures) await upsert(i);

    const faults = new Map<string, number>();
    for (const r of sandbox.requests) if (r.fault) faults.set(r.fault, (faults.get(r.fault) ?? 0) + 1);
    for (const kind of KINDS) assert.ok((faults.get(kind) ?? 0) > 0, `fault ${kind} was exercised`);

    const users = [...sandbox.store.users.values()].filter((u) => u.role === 'user');
    assert.equal(users.length, total, 'exactly one user per upsert');
    const byUserId = new Map(users.map((u) => [u.user_id, u]));
    assert.equal(byUserId.size, total, 'no duplicates');
    for (let i = 0; i < total; i++) {
      const user = byUserId.get(`f${i}`);
      assert.ok(user, `f${i} exists`);
      assert.equal(user.email, `f${i}@example.com`);
      assert.deepEqual(user.custom_attributes, { n: i, even: i % 2 === 0 });
    }
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('1,000 notes under faults that drop answers: no note is created twice, every unknown outcome is reported', async () => {
  const sandbox = await startSandbox({
    port: 0,
    token: SUITE_TOKEN,
    seed: 'demo',
    rateLimit: { limit: 1_000_000, windowMs: 1000 },
    faults: { rate: 0.15, kinds: ['reset-after', 'reset-before', '500', '503'], seed: 11 },
  });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 3 });
  const outcomes: Array<'ok' | 'unknown' | 'failed'> = [];
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < 1000) {
          const i = next++;
          try {
            await intercom.notes.create({ email: 'bob@example.com', body: `note ${i}` });
            outcomes[i] = 'ok';
          } catch (error) {
            assert.ok(error instanceof IntercomError);
            outcomes[i] = error.outcomeUnknown ? 'unknown' : 'failed';
          }
        }
      }),
    );
    const bodies = [...sandbox.store.notes.values()].map((n) => n.body).filter((b) => /note \d+/.test(b));
    const counts = new Map<string, number>();
    for (const body of bodies) counts.set(body, (counts.get(body) ?? 0) + 1);
    assert.ok(
      [...counts.values()].every((c) => c === 1),
      'no note was created twice',
    );
    const created = new Set([...counts.keys()].map((b) => Number(/note (\d+)/.exec(b)?.[1])));
    for (let i = 0; i < 1000; i++) {
      if (outcomes[i] === 'ok') assert.ok(created.has(i), `note ${i} succeeded and exists`);
      if (outcomes[i] === 'failed') assert.ok(!created.has(i), `note ${i} failed for sure and does not exist`);
    }
    const unknown = outcomes.filter((o) => o === 'unknown').length;
    const posts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/notes');
    assert.equal(posts.length, 1000, 'a note that may have been written is never sent again');
    const faulted = posts.filter((r) => r.fault !== null).length;
    assert.ok(unknown > 0, 'some outcomes were unknown');
    // A dropped answer or a 5xx on a write that is not safe to repeat: the client cannot know.
    assert.equal(unknown, faulted, 'every faulted note was reported as an unknown outcome');
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('a failed paged list resumes from the failed page, without reading pages twice', async () => {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, seed: 'empty' });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0 });
  try {
    for (let i = 0; i < 130; i++) await intercom.users.create({ user_id: `p${i}` });
    const list = intercom.users.findAll({ per_page: 50, order: 'asc' });
    const seen: string[] = [];
    let resumeFrom: string | undefined;
    sandbox.inject({ path: '/users', method: 'GET', kind: '503', times: 2 });
    await assert.rejects(async () => {
      for await (const page of list.pages()) seen.push(...page.items.map((u) => u.user_id as string));
    });
    assert.equal(seen.length, 0, 'the first page failed');
    // Fail on page 2 instead: the retries are spent, the error surfaces, and the caller resumes.
    sandbox.reset();
    for (let i = 0; i < 130; i++) await intercom.users.create({ user_id: `p${i}` });
    await assert.rejects(async () => {
      for await (const page of list.pages()) {
        seen.push(...page.items.map((u) => u.user_id as string));
        resumeFrom = page.next ?? undefined;
        sandbox.inject({ path: '/users', method: 'GET', kind: '500' });
      }
    });
    assert.equal(seen.length, 50);
    assert.ok(resumeFrom);
    for await (const page of list.pages({ from: resumeFrom })) seen.push(...page.items.map((u) => u.user_id as string));
    assert.equal(seen.length, 130);
    assert.equal(new Set(seen).size, 130, 'no page was read twice');
  } finally {
    intercom.close();
    await sandbox.close();
  }
});
