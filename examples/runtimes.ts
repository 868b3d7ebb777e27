// README: Runtimes. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/runtimes.js` in another.
import { Client, FetchTransport } from 'intercom-ts';
import { signatureOfAsync, verifySignatureAsync } from 'intercom-ts/webhooks';
import { apiVersion, intercom, show } from './setup.js';

// The transport Workers get by default, chosen here by hand: the same calls, over fetch
const viaFetch = new Client({
  token: process.env.INTERCOM_TOKEN ?? 'sandbox-token',
  baseUrl: intercom.baseUrl,
  apiVersion,
  transport: new FetchTransport(),
});
const bob = await viaFetch.users.find({ email: 'bob@example.com' });
show("users.find({ email: 'bob@example.com' }) over FetchTransport", `${bob.name} (${bob.id})`);
bob.custom_attributes.runtime = 'fetch';
await viaFetch.users.save(bob);
show('users.save(bob) over FetchTransport', bob.custom_attributes);

// A Worker's webhook route: the async check works with or without node:crypto
const secret = 'example-hub-secret';
const body = JSON.stringify({ type: 'notification_event', topic: 'ping', data: { item: { type: 'ping' } } });
const request = new Request('https://worker.example/intercom/webhooks', {
  method: 'POST',
  body,
  headers: { 'X-Hub-Signature': await signatureOfAsync(body, secret) },
});
const verified = await verifySignatureAsync(await request.arrayBuffer(), request.headers.get('X-Hub-Signature'), secret);
show('verifySignatureAsync(body, X-Hub-Signature, secret)', verified);

viaFetch.close();
intercom.close();
