/**
 * Which JavaScript runtime the client runs in, read from globals only: nothing here loads a
 * `node:` module, so the client entry also loads where there are none (Cloudflare Workers without
 * `nodejs_compat`, browsers' service workers).
 *
 * @module
 */

interface RuntimeGlobals {
  process?: { version?: unknown; versions?: Record<string, unknown> };
  navigator?: { userAgent?: unknown };
}

const runtimeGlobals = globalThis as RuntimeGlobals;

/** Cloudflare's workerd, which may emulate parts of Node (`nodejs_compat`) but sends with `fetch`. */
function isWorkerd(): boolean {
  return runtimeGlobals.navigator?.userAgent === 'Cloudflare-Workers';
}

/**
 * True where `node:http` is the runtime's own client: Node.js, and Bun and Deno, which implement it.
 * False in workerd (its `node:http`, where enabled, is a layer over `fetch`) and wherever there is no
 * `process.versions.node` (browsers, service workers, other edge runtimes).
 */
export function hasNodeHttp(): boolean {
  return typeof runtimeGlobals.process?.versions?.node === 'string' && !isWorkerd();
}

/** The runtime and its version for the `User-Agent` header: `node/v20.20.2`, `bun/1.4.5`, `deno/2.9.6`, `workerd`. */
export function runtimeTag(): string {
  const versions = runtimeGlobals.process?.versions;
  if (isWorkerd()) return 'workerd';
  if (typeof versions?.bun === 'string') return `bun/${versions.bun}`;
  if (typeof versions?.deno === 'string') return `deno/${versions.deno}`;
  const version = runtimeGlobals.process?.version;
  if (typeof versions?.node === 'string' && typeof version === 'string') return `node/${version}`;
  return 'js';
}
