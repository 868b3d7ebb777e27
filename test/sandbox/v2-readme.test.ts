import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { answeredList, replaceAnsweredList } from '../../src/sandbox/openapi/readme-list.js';
import { V2Api } from '../../src/sandbox/openapi/v2-app.js';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

test('the README lists every 2.x operation answered, not stateful (node scripts/readme-sandbox-v2.mjs after a build)', () => {
  const readme = readFileSync(README, 'utf8');
  const list = answeredList(new V2Api().answeredOperations());
  assert.ok(list.split('\n').length > 100, 'the list is there');
  assert.ok(
    replaceAnsweredList(readme, list) === readme,
    'the README list is stale: npm run build && node scripts/readme-sandbox-v2.mjs',
  );
});
