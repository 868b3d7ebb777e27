import type { Sandbox } from 'intercom-ts/sandbox';
import { type RawAnswer, rawRequest } from './raw-http.js';
import { wireStep } from './wire.js';

/** Sends one recorded request as the Ruby gem sent it: Basic auth with the token, its Accept header. */
export function asTheGem(sandbox: Sandbox, request: { method: string; path: string; body?: unknown }): Promise<RawAnswer> {
  return rawRequest(sandbox, {
    method: request.method,
    path: request.path,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    headers: {
      authorization: `Basic ${Buffer.from(`${sandbox.token}:`).toString('base64')}`,
      accept: 'application/vnd.intercom.3+json',
      'user-agent': 'Intercom-Ruby/3.9.5',
    },
  });
}

/** Replays every request of a `seed-wire.json` step, in order, and returns the answers. */
export async function replay(sandbox: Sandbox, name: string): Promise<RawAnswer[]> {
  const answers: RawAnswer[] = [];
  for (const request of wireStep(name).requests) answers.push(await asTheGem(sandbox, request));
  return answers;
}
