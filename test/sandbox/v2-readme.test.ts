import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { description } from '../../src/sandbox/openapi/operations.js';
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

test("the README's count of stateful 2.x operations is the description's operations less the answered ones", () => {
  const readme = readFileSync(README, 'utf8');
  const total = description().operations.length;
  const stateful = total - new V2Api().answeredOperations().length;
  const said = readme.match(/Stateful on 2\.x today \((\d+) of the description's (\d+) operations\)/);
  assert.ok(said, 'the README says how many operations are stateful');
  assert.deepEqual([Number(said[1]), Number(said[2])], [stateful, total]);
});
