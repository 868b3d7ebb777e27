import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

// The 1.x entry ('intercom-ts') and the 2.x one ('intercom-ts/v2') load no network, stream or crypto built-in at import: node:http(s)
// and node:zlib wait for the first request, node:crypto for the first webhook signature. Each load is
// read from `process.moduleLoadList` in a fresh process, against the same process shape importing
// an empty module (Node's own loader loads some built-ins for itself).

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const NOT_AT_IMPORT = ['crypto', 'stream', 'http', 'https', 'http2', 'zlib', 'net', 'tls'];

const loadedBuiltins = `console.log(JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length))))`;

async function builtinsAfter(args: string[]): Promise<Set<string>> {
  const { stdout } = await run(process.execPath, args, { cwd: root });
  return new Set(JSON.parse(stdout) as string[]);
}

for (const [name, entry, load, bare] of [
  ['import', 'intercom-ts', "await import('intercom-ts');", "await import('data:text/javascript,');"],
  ['require', 'intercom-ts', "require('intercom-ts');", ''],
  ['import', 'intercom-ts/v2', "await import('intercom-ts/v2');", "await import('data:text/javascript,');"],
  ['require', 'intercom-ts/v2', "require('intercom-ts/v2');", ''],
] as const) {
  test(`${name}('${entry}') loads no node:${NOT_AT_IMPORT.join(', node:')}`, async () => {
    const flags = name === 'import' ? ['--input-type=module', '-e'] : ['-e'];
    const baseline = await builtinsAfter([...flags, `${bare}${loadedBuiltins}`]);
    const loaded = await builtinsAfter([...flags, `${load}${loadedBuiltins}`]);
    const added = [...loaded].filter((m) => !baseline.has(m));
    const forbidden = added.filter((m) => NOT_AT_IMPORT.includes(m));
    assert.deepEqual(forbidden, [], `loaded at ${name}: ${added.join(' ')}`);
  });
}
