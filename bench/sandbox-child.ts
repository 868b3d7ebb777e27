/**
 * A sandbox in a child process, for benchmarks that must not share the measured process's CPU.
 *
 * argv[2]: JSON `{ options?: SandboxOptions, users?: number }`. `users` seeds that many synthetic
 * users straight into the store (the same records `POST /users` makes; 200,000 take seconds instead
 * of minutes of HTTP). Sends `{ url, token, seeded, seedMs }` once listening; answers a `'stats'`
 * message with `{ statuses }`, the count of each status it answered (from `sandbox.requests`).
 */
import { type SandboxOptions, startSandbox } from 'intercom-ts/sandbox';

const { options = {}, users = 0 } = JSON.parse(process.argv[2] ?? '{}') as { options?: SandboxOptions; users?: number };
const sandbox = await startSandbox(options);
const started = performance.now();
for (let i = 0; i < users; i++) {
  sandbox.store.newUser('user', {
    user_id: `seed-${i}`,
    email: `seed-${i}@example.com`,
    name: `Seed User ${i}`,
    session_count: i % 100,
    custom_attributes: { plan: i % 3 === 0 ? 'pro' : 'free', seats: i % 50, score: i / 7 },
  });
}
const seedMs = performance.now() - started;
process.send?.({ url: sandbox.url, token: sandbox.token, seeded: users, seedMs });
process.on('message', (message) => {
  if (message === 'stats') {
    const statuses: Record<string, number> = {};
    for (const request of sandbox.requests) statuses[request.status] = (statuses[request.status] ?? 0) + 1;
    process.send?.({ statuses });
  }
});
process.on('SIGTERM', () => {
  void sandbox.close().then(() => process.exit(0));
});
