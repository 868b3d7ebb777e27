import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

// The client entries never reach redis or ioredis: only `intercom-ts/redis` does, and only when a
// store made from a URL first connects. Read from the built files' import graphs (static and
// dynamic imports), and from a fresh process's module cache.

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const REDIS = /^(redis|ioredis|@redis\/.*)$/;

/** Every specifier imported (statically or with import()/require()) by `entry` and the files it reaches. */
function importGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
      const specifier = match[1] as string;
      if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier));
      else bare.add(specifier);
    }
  }
  return { files, bare };
}

for (const build of ['esm', 'cjs'] as const) {
  for (const entry of ['index.js', 'v2/index.js', 'webhooks/index.js']) {
    test(`dist/${build}/${entry} never imports redis or ioredis`, () => {
      const { files, bare } = importGraph(join(root, 'dist', build, entry));
      assert.ok(files.size > 1, 'the graph was followed');
      assert.deepEqual(
        [...bare].filter((s) => REDIS.test(s)),
        [],
      );
    });
  }
  test(`dist/${build}/redis/index.js imports them only lazily (it loads where neither is installed)`, () => {
    const { bare } = importGraph(join(root, 'dist', build, 'redis/index.js'));
    assert.deepEqual([...bare].filter((s) => REDIS.test(s)).sort(), ['ioredis', 'redis']);
    // dist/esm is bundled (the store's module is inside redis/index.js), dist/cjs is one file per module.
    const source = readFileSync(
      join(root, 'dist', build, build === 'esm' ? 'redis/index.js' : 'redis/redis-rate-limit-store.js'),
      'utf8',
    );
    assert.match(source, /\bimport\(['"]redis['"]\)|require\(['"]redis['"]\)/, 'the store is in the file read');
    assert.doesNotMatch(
      source,
      /^\s*(import\s[^(]*from\s*['"](redis|ioredis)['"]|const .* = require\(['"](redis|ioredis)['"]\))/m,
    );
  });
}

test("require('intercom-ts') and a client's first request load nothing of redis", async () => {
  const script = `
    const { Client } = require('intercom-ts');
    const client = new Client({ token: 't', baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
    client.admins.me().catch(() => {}).finally(() => {
      console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /node_modules\\/(redis|ioredis|@redis)\\//.test(f))));
    });`;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: root });
  assert.deepEqual(JSON.parse(stdout), []);
});
