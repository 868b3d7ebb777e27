import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Client, type ClientOptions } from 'intercom-ts';
import { type Received, type Scripted, scriptedServer } from './raw-http.js';
import { SUITE_TOKEN } from './secrets.js';

/** One step of `seed-wire.json`: what the Ruby gem sent for one README example. */
export interface WireStep {
  step: string;
  requests: Array<{ method: string; path: string; body?: unknown }>;
}

/** Every step the gem recorded (test/fixtures/seed-wire.json, copied from shared/contract). */
export const SEED_WIRE: WireStep[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/seed-wire.json', import.meta.url), 'utf8'),
) as WireStep[];

export function wireStep(name: string): WireStep {
  const step = SEED_WIRE.find((s) => s.step === name);
  if (step === undefined) throw new Error(`no seed-wire step '${name}'`);
  return step;
}

/**
 * Runs `action` with a client pointed at a recording server that answers with `respond`, then
 * asserts the client sent exactly the step's requests: method, path with query, and JSON body.
 */
export async function assertWire(
  name: string,
  respond: (req: Received) => Scripted,
  action: (intercom: Client) => Promise<unknown>,
  clientOptions: Pick<ClientOptions, 'apiVersion'> = {},
): Promise<Received[]> {
  const step = wireStep(name);
  const server = await scriptedServer(respond);
  const intercom = new Client({ token: SUITE_TOKEN, baseUrl: server.url, maxRetries: 0, ...clientOptions });
  try {
    await action(intercom);
  } finally {
    intercom.close();
    await server.close();
  }
  const sent = server.received.map((r) => {
    const out: { method: string; path: string; body?: unknown } = { method: r.method, path: r.path };
    if (r.body !== undefined) out.body = r.body;
    return out;
  });
  assert.deepStrictEqual(sent, step.requests, `wire mismatch for '${name}'`);
  return server.received;
}
