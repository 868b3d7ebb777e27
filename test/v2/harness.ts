import { IntercomClient, type IntercomClientOptions } from 'intercom-ts/v2';
import { type Received, type Scripted, scriptedServer } from '../helpers/raw-http.js';
import { SUITE_TOKEN } from '../helpers/secrets.js';

/** Runs `run` with a 2.x client pointed at a loopback server that answers what `respond` says. */
export async function withV2Server(
  respond: (req: Received, n: number) => Scripted,
  run: (client: IntercomClient, received: Received[]) => Promise<void>,
  options: IntercomClientOptions = {},
): Promise<void> {
  const server = await scriptedServer(respond);
  const client = new IntercomClient({ token: SUITE_TOKEN, baseUrl: server.url, ...options });
  try {
    await run(client, server.received);
  } finally {
    client.close();
    await server.close();
  }
}

/** Intercom's error body. */
export const errorList = (code: string, message: string): object => ({
  type: 'error.list',
  request_id: 'req-1',
  errors: [{ code, message }],
});
