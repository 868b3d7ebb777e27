import { test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire } from '../helpers/wire.js';

function respond(req: Received): Scripted {
  if (req.path === '/counts') {
    return {
      body: { type: 'count.hash', company: { count: 8 }, segment: { count: 47 }, tag: { count: 341 }, user: { count: 12239 } },
    };
  }
  return { body: { type: 'count', user: { segment: [{ Active: 1 }, { New: 0 }] } } };
}

const cases: Array<[string, (intercom: Client) => Promise<unknown>]> = [
  ['counts.for_app', (i) => i.counts.forApp()],
  ['counts.for_type', (i) => i.counts.forType({ type: 'user', count: 'segment' })],
];

for (const [name, action] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond, action);
  });
}
