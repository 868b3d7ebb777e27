import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importGraph } from './source-tree.js';

// The CLI is a user of the package: it imports only what the package exports (its entry points),
// besides its own files, so that nothing it needs is left internal.
const ENTRY_POINTS = new Set([
  'src/index.ts',
  'src/sandbox/index.ts',
  'src/webhooks/index.ts',
  'src/v2/index.ts',
  'src/redis/index.ts',
]);

test('the CLI imports only the package entry points and its own files', () => {
  const offences: string[] = [];
  for (const [file, imports] of importGraph()) {
    if (!file.startsWith('src/cli/')) continue;
    for (const target of imports) {
      if (!target.startsWith('src/cli/') && !ENTRY_POINTS.has(target)) offences.push(`${file} -> ${target}`);
    }
  }
  assert.deepEqual(offences, []);
});
