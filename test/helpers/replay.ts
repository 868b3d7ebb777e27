import type { Sandbox } from 'intercom-ts/sandbox';
import { wireStep } from './wire.js';

/** A sandbox's answer to a replayed request. */
export interface ReplayedAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  json: any;
}

/** Sends one recorded request as the Ruby gem sent it: Basic auth with the token, its Accept header. */
export async function asTheGem(
  sandbox: Sandbox,
  request: { method: string; path: string; body?: unknown },
): Promise<ReplayedAnswer> {
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${sandbox.token}:`).toString('base64')}`,
    accept: 'application/vnd.intercom.3+json',
    'user-agent': 'Intercom-Ruby/3.9.5',
  };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(request.path, sandbox.url), {
    method: request.method,
    headers,
    body: request.body === undefined ? null : JSON.stringify(request.body),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

/** Replays every request of a `seed-wire.json` step, in order, and returns the answers. */
export async function replay(sandbox: Sandbox, name: string): Promise<ReplayedAnswer[]> {
  const answers: ReplayedAnswer[] = [];
  for (const request of wireStep(name).requests) answers.push(await asTheGem(sandbox, request));
  return answers;
}
