import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, RateLimitExceeded } from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { SUITE_TOKEN } from '../helpers/secrets.js';

test('3,000 calls at concurrency 20 under 300 per 2 s: no 429 reaches the caller, every window is used', async () => {
  const windowMs = 2000;
  const limit = 300;
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, seed: 'demo', rateLimit: { limit, windowMs } });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0, maxConcurrency: 20 });
  try {
    let next = 0;
    let rateLimited = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 3000) {
          next++;
          await intercom.admins.me().catch((error: unknown) => {
            if (error instanceof RateLimitExceeded) rateLimited++;
            else throw error;
          });
        }
      }),
    );
    assert.equal(rateLimited, 0, 'no 429 reached the caller');
    assert.equal(sandbox.requests.filter((r) => r.status === 429).length, 0, 'and none was even sent into one');
    // Requests per rate-limit window (aligned as the sandbox aligns them): every window between the
    // first and the last must be (nearly) full, i.e. the run takes no more windows than it must.
    const perWindow = new Map<number, number>();
    for (const r of sandbox.requests) {
      const window = Math.floor(r.at / windowMs);
      perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    }
    const windows = [...perWindow.keys()].sort((a, b) => a - b);
    const inner = windows.slice(1, -1).map((w) => perWindow.get(w) ?? 0);
    assert.ok(windows.length <= 12, `3,000 calls fit in at most 11 windows plus a partial one (took ${windows.length})`);
    for (const count of inner) assert.ok(count >= 0.9 * limit, `an inner window carried ${count} of ${limit}`);
  } finally {
    intercom.close();
    await sandbox.close();
  }
});
