/**
 * The scenario as a script, for runtimes that run a file (Bun, Deno): imports the built package
 * (dist/esm) by path, reads the config (JSON) from its first argument, prints the results as JSON.
 */
import type * as Intercom from 'intercom-ts';
import type * as IntercomV2 from 'intercom-ts/v2';
import type * as Webhooks from 'intercom-ts/webhooks';
import { runScenario, type ScenarioConfig } from './scenario.js';

interface RuntimeArgs {
  Deno?: { args: string[] };
  process?: { argv: string[] };
}

const runtime = globalThis as RuntimeArgs;
const args = runtime.Deno?.args ?? runtime.process?.argv.slice(2) ?? [];
// Without a config it does nothing: `node --test .test-build/test/` runs every file under test/.
if (args[0] !== undefined) {
  const config = JSON.parse(args[0]) as ScenarioConfig;
  // From .test-build/test/runtimes/ to the package root.
  const dist = new URL('../../../dist/esm/', import.meta.url);
  const intercom = (await import(new URL('index.js', dist).href)) as typeof Intercom;
  const webhooks = (await import(new URL('webhooks/index.js', dist).href)) as typeof Webhooks;
  const v2 = (await import(new URL('v2/index.js', dist).href)) as typeof IntercomV2;
  console.log(JSON.stringify(await runScenario(intercom, webhooks, v2, config)));
}
