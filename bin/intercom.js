#!/usr/bin/env node
// The `intercom` command. It runs the built CLI in dist/, which a checkout has only after a build.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/esm/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('intercom: this checkout is not built (dist/esm/cli/main.js is missing): run npm run build first\n');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
