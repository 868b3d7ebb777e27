import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  dependencies?: Record<string, string>;
  exports: Record<string, unknown>;
  typesVersions?: Record<string, Record<string, string[]>>;
};

test("require('intercom-ts') works from CommonJS and gives the same API", async () => {
  const script = `
    const { Client, ResourceNotFound, IntercomError, VERSION } = require('intercom-ts');
    const { startSandbox } = require('intercom-ts/sandbox');
    const { verifySignature, signatureOf, WebhookSignatureError } = require('intercom-ts/webhooks');
    const c = new Client({ token: 't' });
    if (!(new ResourceNotFound('x') instanceof IntercomError)) throw new Error('hierarchy');
    if (typeof startSandbox !== 'function') throw new Error('sandbox');
    if (!verifySignature('{}', signatureOf('{}', 's'), 's')) throw new Error('webhooks');
    if (!(new WebhookSignatureError('missing', 'x') instanceof IntercomError)) throw new Error('webhooks hierarchy');
    console.log(VERSION, c.baseUrl);`;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: root });
  assert.match(stdout, /^\d+\.\d+\.\d+ https:\/\/api\.intercom\.io\n$/);
});

test('the ESM entry points load by name', async () => {
  const { stdout } = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const m = await import('intercom-ts'); const s = await import('intercom-ts/sandbox'); const w = await import('intercom-ts/webhooks'); console.log(typeof m.Client, typeof s.startSandbox, typeof w.createWebhookHandler)",
    ],
    { cwd: root },
  );
  assert.equal(stdout, 'function function function\n');
});

/** Every .js file under `dir`, recursively. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsFiles(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : [],
  );
}

/** Module specifiers a built file imports or requires (comments, which hold examples, left out). */
const specifiers = (code: string): string[] => {
  const text = code.replace(/\/\*[\s\S]*?\*\//g, '');
  const patterns = [
    /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*(['"])([^'"\n]+)\1/gm, // import x from '...'; export * from '...'
    /^\s*import\s*(['"])([^'"\n]+)\1/gm, // import '...'
    /\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g, // import('...'), require('...')
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[2] as string));
};

/**
 * The built files an ES module entry loads, statically or by import(), following relative specifiers
 * (dist/esm is bundled: entries and their chunks), with what each imports.
 */
function esmGraph(entry: string): Array<{ file: string; specs: string[] }> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const specs = specifiers(readFileSync(file, 'utf8'));
    seen.set(file, specs);
    for (const spec of specs) if (spec.startsWith('.')) visit(join(file, '..', spec));
  };
  visit(`${root}dist/esm/${entry}`);
  return [...seen].map(([file, specs]) => ({ file, specs }));
}

test('the library has zero runtime dependencies: only the CLI (dist/esm/cli), the sandbox (ajv) and the Redis store (its optional peers) import packages', () => {
  const all = [...jsFiles(`${root}dist/esm`), ...jsFiles(`${root}dist/cjs`)];
  // CommonJS: tsc's per-module output, a folder per part.
  const library = jsFiles(`${root}dist/cjs`).filter((file) => !/\/dist\/cjs\/(sandbox|redis)\//.test(file));
  assert.ok(library.length > 20, 'the build is there');
  for (const file of library) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      assert.ok(spec.startsWith('.') || spec.startsWith('node:'), `${file.slice(root.length)} imports '${spec}'`);
      // The client entries never reach the sandbox, the one part with a runtime dependency.
      assert.ok(!/(^|\/)sandbox\//.test(spec), `${file.slice(root.length)} imports '${spec}'`);
    }
  }
  // ES modules (bundled: entries and chunks): everything the client entries load, the lazy chunks
  // included, imports only built-ins and its own chunks.
  for (const entry of ['index.js', 'v2/index.js', 'webhooks/index.js']) {
    const graph = esmGraph(entry);
    assert.ok(graph.length > 1 || entry === 'webhooks/index.js', `${entry} and its chunks are there`);
    for (const { file, specs } of graph) {
      for (const spec of specs)
        assert.ok(
          spec.startsWith('.') || spec.startsWith('node:'),
          `${file.slice(root.length)} (from ${entry}) imports '${spec}'`,
        );
    }
  }
  // intercom-ts/redis imports redis or ioredis (optional peer dependencies, loaded when first used), nothing else.
  const redis = [
    ...esmGraph('redis/index.js'),
    ...all.filter((f) => /\/dist\/cjs\/redis\//.test(f)).map((file) => ({ file, specs: specifiers(readFileSync(file, 'utf8')) })),
  ];
  for (const { file, specs } of redis) {
    for (const spec of specs) {
      assert.ok(
        spec.startsWith('.') || spec.startsWith('node:') || spec === 'redis' || spec === 'ioredis',
        `${file.slice(root.length)} imports '${spec}'`,
      );
    }
  }
  // The sandbox imports ajv (it validates 2.x requests and answers against the description), nothing else.
  const sandbox = [
    ...esmGraph('sandbox/index.js').flatMap(({ specs }) => specs),
    ...all.filter((file) => /\/dist\/cjs\/sandbox\//.test(file)).flatMap((file) => specifiers(readFileSync(file, 'utf8'))),
  ];
  for (const spec of sandbox) {
    assert.ok(
      spec.startsWith('.') || spec.startsWith('node:') || spec === 'ajv' || spec === 'ajv-formats',
      `the sandbox imports '${spec}'`,
    );
  }
  // The dependencies the package declares are the CLI's or the sandbox's, and each is used.
  const cli = esmGraph('cli/main.js').flatMap(({ specs }) => specs);
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    assert.ok(
      [...cli, ...sandbox].some((spec) => spec === name || spec.startsWith(`${name}/`)),
      `dependency ${name} is used by the CLI or the sandbox`,
    );
  }
});

test('exports map: ".", "./sandbox", "./webhooks" each with import and require conditions and types', () => {
  for (const entry of ['.', './sandbox', './webhooks']) {
    const conditions = pkg.exports[entry] as Record<string, { types: string; default: string }>;
    assert.ok(conditions.import?.types && conditions.import.default, entry);
    assert.ok(conditions.require?.types && conditions.require.default, entry);
  }
});

test('typesVersions maps every subpath entry of the exports map to its CommonJS types (for moduleResolution node10)', () => {
  const subpaths = Object.keys(pkg.exports).filter((entry) => entry !== '.' && entry !== './package.json');
  assert.ok(subpaths.length > 0);
  const mapped = pkg.typesVersions?.['*'] ?? {};
  for (const entry of subpaths) {
    const conditions = pkg.exports[entry] as { require: { types: string } };
    assert.deepEqual(mapped[entry.slice(2)], [conditions.require.types], `typesVersions for ${entry}`);
  }
  assert.deepEqual(Object.keys(mapped).sort(), subpaths.map((entry) => entry.slice(2)).sort(), 'no stale typesVersions entry');
});
