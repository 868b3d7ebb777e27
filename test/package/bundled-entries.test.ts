import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { esmUrlsLoadedBy } from '../helpers/esm-graph.js';

// dist/esm is bundled by esbuild with code splitting (scripts/build.mjs): each entry point is one file,
// the code entries share is one chunk. These tests hold the promises that bundling could break.

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const esm = join(root, 'dist/esm');
const ENTRIES = ['intercom-ts', 'intercom-ts/v2', 'intercom-ts/webhooks', 'intercom-ts/sandbox', 'intercom-ts/redis'];

/** Every .js file under `dir`, recursively. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsFiles(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : [],
  );
}

test('one copy of shared code: an error thrown through intercom-ts/v2 is an instance of the class intercom-ts exports', async () => {
  const script = `
    const v1 = await import('intercom-ts');
    const v2 = await import('intercom-ts/v2');
    const webhooks = await import('intercom-ts/webhooks');
    const client = new v2.IntercomClient({ token: 't', baseUrl: 'http://127.0.0.1:9' });
    const refused = await client.contacts.find({}).catch((error) => error);
    const signature = await Promise.resolve().then(() => webhooks.assertSignature('{}', undefined, 's')).catch((error) => error);
    console.log(JSON.stringify([
      refused instanceof v1.IntercomError, refused instanceof v1.InvalidParameterError, refused.name,
      signature instanceof v1.IntercomError,
      v1.IntercomError === v2.IntercomError,
    ]));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
  assert.deepEqual(JSON.parse(stdout), [true, true, 'InvalidParameterError', true, true]);
});

test("bundling renamed no class: every class and function an entry exports has its own name (errors' names come from the class)", async () => {
  const script = `
    const renamed = [];
    for (const entry of ${JSON.stringify(ENTRIES)}) {
      for (const [name, value] of Object.entries(await import(entry)))
        if (typeof value === 'function' && value.name !== name) renamed.push(entry + ': ' + name + ' is named ' + value.name);
    }
    console.log(JSON.stringify(renamed));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
  assert.deepEqual(JSON.parse(stdout), []);
  // Classes that are not exported (thrown, or seen in inspect output) neither: esbuild writes a class
  // as `var Foo = class {` and renames a second top-level `Foo` of a chunk to `Foo2`.
  const classes = jsFiles(esm).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^(?:export )?(?:class ([A-Za-z_$][\w$]*)|var ([A-Za-z_$][\w$]*) = class)\b/gm)].map(
      (m) => `${file.slice(root.length)}: class ${m[1] ?? m[2]}`,
    ),
  );
  assert.ok(classes.length > 50, `the classes are found (${classes.length})`);
  assert.deepEqual(
    classes.filter((found) => /\d$/.test(found)),
    [],
  );
});

test('dist/esm holds the entries of the exports map, the CLI main and chunks, nothing else', () => {
  const files = jsFiles(esm).map((file) => file.slice(esm.length + 1));
  const entries = files.filter((file) => !file.startsWith('chunks/')).sort();
  // Every `import` file of the exports map, and the CLI's main that bin/intercom.js runs.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { import?: { default: string } }>;
  };
  const exported = Object.values(pkg.exports).flatMap((conditions) =>
    typeof conditions === 'object' && conditions.import !== undefined
      ? [conditions.import.default.replace('./dist/esm/', '')]
      : [],
  );
  assert.deepEqual(entries, [...exported, 'cli/main.js'].sort());
  assert.ok(
    files.some((file) => file.startsWith('chunks/')),
    'shared code is in chunks',
  );
});

test("the 1.x client's bridge to 2.x stays a lazy chunk: importing intercom-ts does not load it", async () => {
  const loaded = esmUrlsLoadedBy('intercom-ts', root).filter((url) => url.startsWith('file:'));
  assert.ok(loaded.length > 0 && loaded.length < 15, `loaded ${loaded.length} files`);
  const bridge = readdirSync(join(esm, 'chunks')).filter((file) =>
    /^var ApiV2Bridge = class\b/m.test(readFileSync(join(esm, 'chunks', file), 'utf8')),
  );
  assert.equal(bridge.length, 1, 'the bridge is in one chunk');
  assert.ok(!loaded.some((url) => url.endsWith(`/chunks/${bridge[0]}`)), 'the bridge chunk is not loaded at import');
});
