import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeCycle, importCycles, importGraph, importSpecifiers } from './source-tree.js';

test('no import cycle under src/ (type-only imports included)', () => {
  const graph = importGraph();
  const cycles = importCycles(graph);
  assert.deepEqual(
    cycles.map((cycle) => describeCycle(graph, cycle)),
    [],
    'import cycles under src/ (break each one: move what both sides need to a module both import)',
  );
});

test('the import scanner sees every form of import', () => {
  const text = [
    "import { a } from './a.js';",
    "import type { B } from './b.js';",
    "import c, { type C,\n  d } from './c.js';",
    "export { e } from './e.js';",
    "export * as f from './f.js';",
    "export type { G } from './g.js';",
    "import './h.js';",
    "const i = await import('./i.js');",
    "const notAnImport = 'from ./j.js';",
    "/** Loads lazily, like `import('./k.js')`. */",
    "// import { l } from './l.js';",
  ].join('\n');
  assert.deepEqual(importSpecifiers(text).sort(), [
    './a.js',
    './b.js',
    './c.js',
    './e.js',
    './f.js',
    './g.js',
    './h.js',
    './i.js',
  ]);
});

test('the cycle finder reports a cycle with the path around it', () => {
  const graph = new Map([
    ['src/a.ts', ['src/b.ts']],
    ['src/b.ts', ['src/c.ts']],
    ['src/c.ts', ['src/a.ts']],
    ['src/d.ts', ['src/a.ts']],
  ]);
  const cycles = importCycles(graph);
  assert.deepEqual(cycles, [['src/a.ts', 'src/b.ts', 'src/c.ts']]);
  assert.equal(describeCycle(graph, cycles[0] as string[]), 'src/a.ts -> src/b.ts -> src/c.ts -> src/a.ts');
});
