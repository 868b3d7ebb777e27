// Builds the package's dist/ from src/:
// - dist/esm: the ES module entry points, bundled by esbuild from tsc's per-module output (kept in
//   .build/esm, not shipped) with code splitting: each entry of package.json's `exports` (and the CLI's
//   main) is one file, the code two entries share is one chunk under dist/esm/chunks/ (one copy: an
//   error class is the same class through every entry), and each dynamic import() stays a lazy chunk.
//   Why: Node's ES module loader pays about 0.7 ms per module; the root entry was 48 modules, and
//   its import took about 41 ms where one bundled file takes about 8. The .d.ts files are tsc's,
//   one per source module, as before. Not minified (readable stack traces), no source maps.
// - dist/cjs: CommonJS (for require()), tsc's per-module output; require() of the same entry costs
//   about a quarter of the ES module import unbundled, so it is left as it is.
// - dist/examples: the README's sections, which `intercom demo` runs, compiled against the built package.
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const tsc = (...args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/typescript/bin/tsc', ...args], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc ${args.join(' ')} failed (${code})`))));
  });

/** The ES module entry points: the `exports` map's files and the CLI's main (run by bin/intercom.js). */
const ESM_ENTRIES = ['index', 'v2/index', 'sandbox/index', 'webhooks/index', 'redis/index', 'cli/main'];
const MODULES = '.build/esm';

await Promise.all([rm('dist', { recursive: true, force: true }), rm(MODULES, { recursive: true, force: true })]);
await Promise.all([
  // JavaScript to .build/esm, declarations to dist/esm.
  tsc('-p', 'tsconfig.json', '--outDir', MODULES, '--declarationDir', 'dist/esm'),
  tsc('-p', 'tsconfig.cjs.json'),
]);
await build({
  entryPoints: ESM_ENTRIES.map((entry) => ({ in: `${MODULES}/${entry}.js`, out: entry })),
  outdir: 'dist/esm',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  // The sandbox's ajv, the CLI's commander and CSV packages, the Redis store's clients: the user's
  // installed copies, as with tsc's output.
  packages: 'external',
  // A chunk sits as deep under dist/ as an entry of a folder (dist/esm/chunks/), so that a path
  // relative to import.meta.url (the CLI's demo finds dist/examples as ../../examples) holds in both.
  chunkNames: 'chunks/[name]-[hash]',
  // No keepNames: its __name() calls would cost bytes in a user's bundle and keep unused classes in it.
  // Error names come from the class (`new.target.name`): test/package/bundled-entries.test.ts checks that
  // no exported class was renamed by the bundling.
  legalComments: 'none',
  logLevel: 'warning',
});
await mkdir('dist/cjs', { recursive: true });
await writeFile('dist/cjs/package.json', '{ "type": "commonjs" }\n');
await tsc('-p', 'tsconfig.examples.json');

// Every ES module file shipped is an entry or a chunk: nothing of tsc's per-module output is left in dist/esm.
const stray = [];
for (const entry of await readdir('dist/esm', { recursive: true, withFileTypes: true })) {
  const path = join(entry.parentPath, entry.name);
  if (
    entry.isFile() &&
    path.endsWith('.js') &&
    !path.startsWith(join('dist/esm/chunks')) &&
    !ESM_ENTRIES.some((e) => path === join('dist/esm', `${e}.js`))
  )
    stray.push(path);
}
if (stray.length > 0) throw new Error(`dist/esm holds files that are neither entries nor chunks: ${stray.join(', ')}`);
