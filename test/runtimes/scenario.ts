/**
 * What the runtime tests run under Bun, Deno and workerd: the built package, 1.x and 2.x clients (passed in, as each
 * runtime imports it its own way) against a sandbox the Node test process started. It only uses
 * what every runtime has, and returns plain JSON for the Node test to assert.
 */
import type * as Intercom from 'intercom-ts';
import type * as IntercomV2 from 'intercom-ts/v2';
import type * as Webhooks from 'intercom-ts/webhooks';

/** What the Node test sends: the sandbox and a notification it signed. */
export interface ScenarioConfig {
  baseUrl: string;
  token: string;
  /** The name the scenario saves on bob@example.com (one per runtime, so the test can tell them apart). */
  name: string;
  webhook: { body: string; signature: string; secret: string };
  /** A server answering `/gzip` with {@link GZIP_JSON} gzipped, and `/bomb` with 5 MB of spaces gzipped. */
  gzipOrigin: string;
  /** Also check NodeHttpTransport directly (runtimes with node:http). */
  nodeHttp: boolean;
}

/** What `/gzip` answers, decoded. */
export const GZIP_JSON = JSON.stringify({
  type: 'admin.list',
  admins: Array.from({ length: 50 }, (_, i) => ({ id: String(i) })),
});

/** One transport's answers to the gzip server. */
export interface TransportResults {
  /** The `/gzip` body came back decoded. */
  gzipDecoded: boolean;
  /** The failure of `/bomb` with a 100 kB cap: `response_too_large` expected. */
  bombFailure: string;
}

/** One pass of the client calls with one transport. */
export interface ClientResults {
  found: { email: string | null; user_id: string | null };
  saved: { name: string | null; sameObject: boolean };
  paged: { pages: number; perPage: number[]; users: number; emails: string[] };
  notFound: { name: string; status: number | undefined; code: string | undefined; message: string };
  badInput: { name: string };
}

/** One pass of the 2.x client's calls with one transport. */
export interface V2ClientResults {
  found: { email: string | null; external_id: string | null };
  saved: { name: string | null };
  paged: { perPage: number[]; emails: string[] };
  notFound: { name: string; statusCode: number | undefined; code: string | undefined };
  badInput: { name: string };
}

export interface ScenarioResults {
  transports: Record<string, TransportResults>;
  /** `default`: the transport the client picked by itself; `fetch`: `new FetchTransport()`. */
  clients: Record<'default' | 'fetch', ClientResults>;
  /** The 2.x client (`intercom-ts/v2`), with the same two transports. */
  clientsV2: Record<'default' | 'fetch', V2ClientResults>;
  webhooks: {
    verified: boolean;
    tamperedVerified: boolean;
    signatureOfAsync: string;
    /** `verifySignature` (sync, node:crypto): its answer, or the message of what it threw. */
    sync: boolean | string;
    handlerStatus: number;
    handlerTopic: string | undefined;
  };
}

function errorFacts(error: unknown): ClientResults['notFound'] {
  const e = error as { name?: string; status?: number; applicationErrorCode?: string; message?: string };
  return { name: String(e.name), status: e.status, code: e.applicationErrorCode, message: String(e.message) };
}

async function clientCalls(
  intercom: typeof Intercom,
  config: ScenarioConfig,
  transport: Intercom.Transport | undefined,
): Promise<ClientResults> {
  const client = new intercom.Client({
    token: config.token,
    baseUrl: config.baseUrl,
    maxRetries: 0,
    ...(transport === undefined ? {} : { transport }),
  });
  try {
    const bob = await client.users.find({ email: 'bob@example.com' });
    const found = { email: bob.email ?? null, user_id: bob.user_id ?? null };
    bob.name = config.name;
    const saved = await client.users.save(bob);
    const perPage: number[] = [];
    const emails: string[] = [];
    for await (const page of client.users.findAll({ per_page: 1 }).pages()) {
      perPage.push(page.items.length);
      for (const user of page.items) emails.push(String(user.email));
    }
    let notFound: ClientResults['notFound'] = { name: 'no error', status: undefined, code: undefined, message: '' };
    try {
      await client.users.find({ email: 'nobody@example.com' });
    } catch (error) {
      notFound = errorFacts(error);
    }
    let badInput = { name: 'no error' };
    try {
      await client.users.find({} as never);
    } catch (error) {
      badInput = { name: String((error as Error).name) };
    }
    return {
      found,
      saved: { name: saved.name ?? null, sameObject: saved === bob },
      paged: { pages: perPage.length, perPage, users: emails.length, emails },
      notFound,
      badInput,
    };
  } finally {
    client.close();
  }
}

/** The 2.x client: a search and a find, an update, a paged list, a typed 404, bad input (a search without a query). */
async function v2ClientCalls(
  v2: typeof IntercomV2,
  config: ScenarioConfig,
  transport: Intercom.Transport | undefined,
): Promise<V2ClientResults> {
  const client = new v2.IntercomClient({
    token: config.token,
    baseUrl: config.baseUrl,
    maxRetries: 0,
    ...(transport === undefined ? {} : { transport }),
  });
  try {
    const matches = await client.contacts.search({ query: { field: 'email', operator: '=', value: 'bob@example.com' } });
    const bob = await client.contacts.find({ contact_id: String(matches.data[0]?.id) });
    const saved = await client.contacts.update({ contact_id: String(bob.id), name: config.name });
    const perPage: number[] = [];
    const emails: string[] = [];
    for (let page = await client.contacts.list({ per_page: 2 }); ; page = await page.getNextPage()) {
      perPage.push(page.data.length);
      for (const contact of page.data) emails.push(String(contact.email));
      if (!page.hasNextPage()) break;
    }
    let notFound: V2ClientResults['notFound'] = { name: 'no error', statusCode: undefined, code: undefined };
    try {
      await client.contacts.find({ contact_id: 'nobody' });
    } catch (error) {
      const e = error as { name?: string; statusCode?: number; code?: string };
      notFound = { name: String(e.name), statusCode: e.statusCode, code: e.code };
    }
    let badInput = { name: 'no error' };
    try {
      await client.contacts.search({} as never);
    } catch (error) {
      badInput = { name: String((error as Error).name) };
    }
    return {
      found: { email: bob.email ?? null, external_id: bob.external_id ?? null },
      saved: { name: saved.name ?? null },
      paged: { perPage, emails },
      notFound,
      badInput,
    };
  } finally {
    client.close();
  }
}

async function transportChecks(
  intercom: typeof Intercom,
  transport: Intercom.Transport,
  origin: string,
): Promise<TransportResults> {
  const request = (path: string): Intercom.TransportRequest => ({
    method: 'GET',
    origin,
    path,
    headers: { accept: 'application/json', 'accept-encoding': 'gzip' },
    connectTimeout: 5_000,
    readTimeout: 5_000,
    maxResponseBytes: 100_000,
  });
  try {
    const gzip = await transport.request(request('/gzip'));
    let bombFailure = 'no failure';
    try {
      await transport.request(request('/bomb'));
    } catch (error) {
      bombFailure = error instanceof intercom.TransportError ? error.failure : String(error);
    }
    return { gzipDecoded: gzip.body === GZIP_JSON, bombFailure };
  } finally {
    transport.close();
  }
}

/**
 * Runs the 1.x and 2.x client calls with the default transport and with FetchTransport, then the
 * webhook checks.
 */
export async function runScenario(
  intercom: typeof Intercom,
  webhooks: typeof Webhooks,
  v2: typeof IntercomV2,
  config: ScenarioConfig,
): Promise<ScenarioResults> {
  const defaultClient = await clientCalls(intercom, config, undefined);
  const fetchClient = await clientCalls(intercom, { ...config, name: `${config.name} (fetch)` }, new intercom.FetchTransport());
  const clientsV2 = {
    default: await v2ClientCalls(v2, { ...config, name: `${config.name} (2.x)` }, undefined),
    fetch: await v2ClientCalls(v2, { ...config, name: `${config.name} (2.x, fetch)` }, new intercom.FetchTransport()),
  };

  const transports: Record<string, TransportResults> = {
    FetchTransport: await transportChecks(intercom, new intercom.FetchTransport(), config.gzipOrigin),
  };
  if (config.nodeHttp) {
    transports.NodeHttpTransport = await transportChecks(intercom, new intercom.NodeHttpTransport(), config.gzipOrigin);
  }

  const { body, signature, secret } = config.webhook;
  let sync: boolean | string;
  try {
    sync = webhooks.verifySignature(body, signature, secret);
  } catch (error) {
    sync = `${(error as Error).name}: ${(error as Error).message}`;
  }
  let handlerTopic: string | undefined;
  const handler = webhooks.createWebhookHandler({
    secret,
    on: {
      '*': (notification) => {
        handlerTopic = notification.topic;
      },
    },
  });
  const bytes = new TextEncoder().encode(body);
  const handled = await handler.handle(bytes, signature);
  return {
    transports,
    clients: { default: defaultClient, fetch: fetchClient },
    clientsV2,
    webhooks: {
      verified: await webhooks.verifySignatureAsync(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
        signature,
        secret,
      ),
      tamperedVerified: await webhooks.verifySignatureAsync(`${body} `, signature, secret),
      signatureOfAsync: await webhooks.signatureOfAsync(body, secret),
      sync,
      handlerStatus: handled.status,
      handlerTopic,
    },
  };
}
