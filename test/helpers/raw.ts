import type { Sandbox } from 'intercom-ts/sandbox';
import { call } from './sandbox-http.js';

export { firstError } from './sandbox-http.js';

/** An answer of the sandbox whose body tests read freely (lists, nested pages, error entries). */
export interface RawAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test code reads arbitrary JSON answers
  body: any;
}

/** {@link call} with a body typed for free reading in assertions. */
export function raw(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  return call(sandbox, method, path, body);
}
