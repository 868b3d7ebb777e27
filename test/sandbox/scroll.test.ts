import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Sandbox, type SandboxOptions, startSandbox } from 'intercom-ts/sandbox';
import { assertError, client, ok, pause } from '../helpers/raw-http.js';

interface ScrollPage {
  type: string;
  users: Array<{ id: string; type: string }>;
  scroll_param: string;
}

/** An empty workspace with `count` users (and one lead, which a users scroll must skip). */
async function withUsers(count: number, options: SandboxOptions, run: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({ port: 0, seed: 'empty', ...options });
  try {
    for (let n = 0; n < count; n++) sandbox.store.newUser('user', { user_id: String(n), email: `s${n}@example.com` });
    sandbox.store.newUser('contact', { email: 'lead@example.com' });
    await run(sandbox);
  } finally {
    await sandbox.close();
  }
}

test('scroll: 100 a page with one scroll_param, every user once, the end is an empty page', async () => {
  await withUsers(250, {}, async (sandbox) => {
    const call = client(sandbox);
    const first = ok<ScrollPage>(await call('GET', '/users/scroll'));
    assert.equal(first.type, 'user.list');
    assert.match(first.scroll_param, /^[0-9a-f-]{36}$/);
    const sizes = [first.users.length];
    const ids = first.users.map((u) => u.id);
    for (;;) {
      const page = ok<ScrollPage>(await call('GET', `/users/scroll?scroll_param=${first.scroll_param}`));
      assert.equal(page.scroll_param, first.scroll_param);
      sizes.push(page.users.length);
      ids.push(...page.users.map((u) => u.id));
      if (page.users.length === 0) break;
    }
    assert.deepEqual(sizes, [100, 100, 50, 0]);
    assert.equal(new Set(ids).size, 250);
    assert.ok(
      ids.every((id) => sandbox.store.users.get(id)?.role === 'user'),
      'users only, no lead',
    );
    // The scroll is over: its param expired with it, and a new scroll may start.
    assertError(await call('GET', `/users/scroll?scroll_param=${first.scroll_param}`), 400, 'parameter_invalid', 'scroll_param');
    ok(await call('GET', '/users/scroll'));
  });
});

test('a second scroll while one is open is 400 scroll_exists', async () => {
  await withUsers(150, {}, async (sandbox) => {
    const call = client(sandbox);
    const open = ok<ScrollPage>(await call('GET', '/users/scroll'));
    const second = await call('GET', '/users/scroll');
    assertError(second, 400, 'scroll_exists');
    assert.equal(
      (second.json as { errors: Array<{ message: string }> }).errors[0]?.message,
      'scroll already exists for this app',
    );
    // The open one is unaffected.
    assert.equal(ok<ScrollPage>(await call('GET', `/users/scroll?scroll_param=${open.scroll_param}`)).users.length, 50);
  });
});

test('an unused scroll_param expires after scrollTtlMs, then fails with 400 parameter_invalid on scroll_param', async () => {
  await withUsers(150, { scrollTtlMs: 100 }, async (sandbox) => {
    const call = client(sandbox);
    const open = ok<ScrollPage>(await call('GET', '/users/scroll'));
    // Used within the TTL: still alive.
    await pause(30);
    ok(await call('GET', `/users/scroll?scroll_param=${open.scroll_param}`));
    await pause(200);
    assertError(await call('GET', `/users/scroll?scroll_param=${open.scroll_param}`), 400, 'parameter_invalid', 'scroll_param');
    // An expired scroll no longer blocks a new one.
    const fresh = ok<ScrollPage>(await call('GET', '/users/scroll'));
    assert.notEqual(fresh.scroll_param, open.scroll_param);
    assert.equal(fresh.users.length, 100);
  });
});

test('an unknown scroll_param is 400 parameter_invalid; reset() forgets the open scroll', async () => {
  await withUsers(10, {}, async (sandbox) => {
    const call = client(sandbox);
    assertError(await call('GET', '/users/scroll?scroll_param=nope'), 400, 'parameter_invalid', 'scroll_param');
    const open = ok<ScrollPage>(await call('GET', '/users/scroll'));
    sandbox.reset();
    assertError(await call('GET', `/users/scroll?scroll_param=${open.scroll_param}`), 400, 'parameter_invalid', 'scroll_param');
  });
});
