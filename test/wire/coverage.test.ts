import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SEED_WIRE } from '../helpers/wire.js';

// Every example of the gem's README (every step of seed-wire.json) has a wire test: a test file of
// this folder (other than this one) that names the step.
const dir = new URL('../../../test/wire/', import.meta.url);
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts') && f !== 'coverage.test.ts')
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n');

test(`every seed-wire step (${SEED_WIRE.length}) has a wire test`, () => {
  const missing = SEED_WIRE.filter((s) => s.requests.length > 0)
    .map((s) => s.step)
    .filter((name) => !sources.includes(`'${name}'`) && !sources.includes(`"${name}"`));
  assert.deepEqual(missing, []);
});
