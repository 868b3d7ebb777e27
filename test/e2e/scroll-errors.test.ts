import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScrollAlreadyExistsError, ScrollExpiredError } from 'intercom-ts';
import { withSandbox } from '../helpers/sandbox.js';

test('an expired scroll param gives ScrollExpiredError saying where the scroll stopped', async () => {
  const { intercom, done } = await withSandbox({ seed: 'empty', scrollTtlMs: 100 });
  try {
    for (let i = 0; i < 150; i++) await intercom.users.create({ user_id: `x${i}` });
    let read = 0;
    await assert.rejects(
      (async () => {
        for await (const _ of intercom.users.scroll()) {
          read++;
          if (read === 100) await new Promise((r) => setTimeout(r, 250));
        }
      })(),
      (error: unknown) => {
        assert.ok(error instanceof ScrollExpiredError);
        assert.equal(error.recordsRead, 100);
        assert.ok(error.scrollParam);
        return true;
      },
    );
    await assert.rejects(intercom.users.scroll().next('not-a-scroll-param'), ScrollExpiredError);
  } finally {
    await done();
  }
});

test('a second scroll while one is open gives ScrollAlreadyExistsError', async () => {
  const { intercom, done } = await withSandbox({ seed: 'empty' });
  try {
    for (let i = 0; i < 120; i++) await intercom.users.create({ user_id: `y${i}` });
    const first = await intercom.users.scroll().next();
    assert.ok(first.scrollParam);
    await assert.rejects(intercom.users.scroll().next(), ScrollAlreadyExistsError);
  } finally {
    await done();
  }
});
