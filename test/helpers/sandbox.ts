import { Client, type ClientOptions } from 'intercom-ts';
import { type Sandbox, type SandboxOptions, startSandbox } from 'intercom-ts/sandbox';
import { SUITE_TOKEN } from './secrets.js';

/** A sandbox and a client pointed at it. Close both with `done()`. */
export interface SandboxFixture {
  sandbox: Sandbox;
  intercom: Client;
  done(): Promise<void>;
}

/** Starts a sandbox on a free port (token {@link SUITE_TOKEN}) and a client for it (no retries unless asked). */
export async function withSandbox(
  options: SandboxOptions = {},
  clientOptions: Partial<ClientOptions> = {},
): Promise<SandboxFixture> {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, ...options });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0, ...clientOptions });
  return {
    sandbox,
    intercom,
    async done() {
      intercom.close();
      await sandbox.close();
    },
  };
}

/**
 * Waits, if need be, until the current rate-limit window has at least `spareMs` left. The sandbox's
 * windows are aligned to the clock, as Intercom's are (a 60 s window resets on every minute), so a
 * test that spends a small budget and expects 429s must not straddle a reset.
 */
export async function awayFromWindowEdge(windowMs: number, spareMs = 5_000): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < spareMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
