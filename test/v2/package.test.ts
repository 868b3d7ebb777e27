import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';

// intercom-ts/v2 is an entry of its own: import and require, types for both, nothing loaded from
// outside the package.

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, unknown> };

test('"./v2" in the exports map: import and require conditions, each with types, all built', () => {
  const conditions = pkg.exports['./v2'] as Record<string, { types: string; default: string }>;
  for (const condition of ['import', 'require']) {
    const entry = conditions[condition];
    assert.ok(entry, condition);
    assert.ok(existsSync(`${root}${entry.types}`), entry.types);
    assert.ok(existsSync(`${root}${entry.default}`), entry.default);
  }
});

test("import and require of 'intercom-ts/v2' give the same client, errors and builders", async () => {
  const check =
    "const c = new m.IntercomClient({ token: 't' }); if (!(new m.ContactConflictError(new m.IntercomError('x')) instanceof m.IntercomError)) throw new Error('hierarchy'); console.log(c.version, typeof c.contacts.find, typeof c.helpCenters.collections.list, typeof m.contactSearch.where)";
  const esm = await run(process.execPath, ['--input-type=module', '-e', `const m = await import('intercom-ts/v2'); ${check}`], {
    cwd: root,
  });
  const cjs = await run(process.execPath, ['-e', `const m = require('intercom-ts/v2'); ${check}`], { cwd: root });
  assert.equal(esm.stdout, '2.16 function function function\n');
  assert.equal(cjs.stdout, esm.stdout);
});
