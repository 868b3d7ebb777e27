import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importGraph } from './source-tree.js';

// The sandbox's layers: routes adapt HTTP to the domain and a renderer; the domain knows nothing of
// HTTP, API families or renderers; renderers read records and know no route. (Cycles and file sizes
// are checked for all of src/ beside this file.)
const SANDBOX = 'src/sandbox/';
const graph = new Map(
  [...importGraph()]
    .filter(([file]) => file.startsWith(SANDBOX))
    .map(([file, imports]) => [file.slice(SANDBOX.length), imports.map((target) => target.replace(SANDBOX, ''))]),
);

function offences(from: RegExp, forbidden: (target: string) => boolean): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    if (!from.test(file)) continue;
    for (const target of imports) if (forbidden(target)) out.push(`${file} -> ${target}`);
  }
  return out;
}

test('the layering check sees the sandbox (a route, the domain store, a renderer)', () => {
  for (const file of ['routes/v1/users.ts', 'domain/store.ts', 'renderers/v1/people.ts']) assert.ok(graph.has(file), file);
  assert.ok((graph.get('routes/v1/users.ts') ?? []).includes('domain/people.ts'), 'imports are resolved');
});

test('no route file imports another route file', () => {
  assert.deepEqual(
    offences(/^routes\/(?!v[12]\/index\.ts$)/, (target) => target.startsWith('routes/')),
    [],
  );
});

test("the 2.x routes' registry (routes/v2/index.ts) imports only its own family's route files", () => {
  assert.deepEqual(
    offences(/^routes\/v2\/index\.ts$/, (target) => target.startsWith('routes/') && !target.startsWith('routes/v2/')),
    [],
  );
});

test('the domain imports nothing but the domain', () => {
  assert.deepEqual(
    offences(/^domain\//, (target) => !target.startsWith('domain/')),
    [],
  );
});

test('renderers import no route and no request reader', () => {
  assert.deepEqual(
    offences(/^renderers\//, (target) => /^(routes|requests)\//.test(target)),
    [],
  );
});
