// Writes the README's list of the 2.x operations the sandbox answers from the description's examples
// ("answered, not stateful"): every 2.16 operation no stateful 2.x route serves. Run after a build:
//
//   npm run build && node scripts/readme-sandbox-v2.mjs
//
// test/sandbox/v2-readme.test.ts fails when the README's list is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The CommonJS build keeps one file per module (dist/esm is bundled into entries and chunks).
const require = createRequire(import.meta.url);
const { V2Api } = require(resolve(ROOT, 'dist/cjs/sandbox/openapi/v2-app.js'));
const { answeredList, replaceAnsweredList } = require(resolve(ROOT, 'dist/cjs/sandbox/openapi/readme-list.js'));
const readme = resolve(ROOT, 'README.md');
const list = answeredList(new V2Api().answeredOperations());
writeFileSync(readme, replaceAnsweredList(readFileSync(readme, 'utf8'), list));
console.log(`README.md: ${list.split('\n').length} lines of answered operations`);
