// Build step of `npm run mutate`, run by StrykerJS in its sandbox (a copy of the project under
// .stryker-tmp/): links the project's node_modules into the sandbox (the build scripts call
// node_modules/typescript/bin/tsc), then builds dist/ and compiles the tests to .test-build/ from the
// instrumented sources.
import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

if (!existsSync('node_modules')) {
  // Resolved from the sandbox, a package is found in the project's own node_modules above it.
  const typescript = createRequire(path.resolve('package.json')).resolve('typescript/package.json');
  symlinkSync(path.dirname(path.dirname(typescript)), 'node_modules', 'junction');
}
for (const args of [['scripts/build.mjs'], ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json']]) {
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
