import { startSandbox } from '../sandbox/index.js';

/** The README's sections, in order; each is a runnable script in examples/ (built to dist/examples/). */
export const DEMO_SECTIONS = [
  'admins',
  'users',
  'teams',
  'companies',
  'tags',
  'segments',
  'notes',
  'conversations',
  'messages',
  'contacts',
  'visitors',
  'customers',
  'events',
  'counts',
  'subscriptions',
  'webhooks',
  'bulk',
] as const;

/**
 * `intercom demo`: runs every example against an embedded sandbox. No token needed. The examples
 * read INTERCOM_BASE_URL and INTERCOM_TOKEN, which the demo points at the sandbox.
 */
export async function demoCommand(out: NodeJS.WritableStream): Promise<number> {
  const sandbox = await startSandbox({ port: 0 });
  process.env.INTERCOM_BASE_URL = sandbox.url;
  process.env.INTERCOM_TOKEN = sandbox.token;
  out.write(`Embedded Intercom sandbox at ${sandbox.url}\n`);
  try {
    for (const section of DEMO_SECTIONS) {
      out.write(`\n== ${section}\n`);
      await import(new URL(`../../examples/${section}.js`, import.meta.url).href);
    }
    out.write(`\nDone: ${sandbox.requests.length} requests served by the sandbox.\n`);
  } finally {
    await sandbox.close();
  }
  return 0;
}
