import { execFileSync } from 'node:child_process';

/**
 * Every URL the ES module loader loads when a fresh Node process runs `await import(specifier)` in
 * `cwd` (`file:` URLs and `node:` built-ins), in load order: a load hook, in the loader's thread,
 * reports each one. Used by the package tests and by the startup-size benchmark.
 */
export function esmUrlsLoadedBy(specifier: string, cwd: string): string[] {
  const script = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const loaded = [];
port1.on('message', (url) => loaded.push(url));
const hooks = 'let port; export function initialize(data) { port = data.port; }' +
  ' export async function load(url, context, next) { port.postMessage(url); return next(url, context); }';
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
await import(${JSON.stringify(specifier)});
await new Promise((resolve) => setTimeout(resolve, 100));
port1.close();
console.log(JSON.stringify(loaded));
`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' })) as string[];
}
