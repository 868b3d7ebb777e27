import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** src/sandbox of the repository (this file runs from .test-build/test/sandbox/). */
const ROOT = fileURLToPath(new URL('../../../src/sandbox/', import.meta.url));

/** Every .ts file under src/sandbox, relative to it, with `/` separators. */
function sourceFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return out;
}

/** The relative imports of a file (static `import`/`export ... from` and dynamic `import()`), resolved to files under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)].map(
    (m) => m[1] as string,
  );
  return specifiers.map((specifier) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '.ts'),
  );
}

const files = sourceFiles();
const graph = new Map(files.map((file) => [file, importsOf(file)]));

test('the architecture test sees the sandbox (a route, the domain store, a renderer)', () => {
  for (const file of ['routes/v1/users.ts', 'domain/store.ts', 'renderers/v1/people.ts']) assert.ok(graph.has(file), file);
  assert.ok((graph.get('routes/v1/users.ts') ?? []).includes('domain/people.ts'), 'imports are resolved');
});

test('no route file imports another route file', () => {
  const offences: string[] = [];
  for (const [file, imports] of graph) {
    if (!file.startsWith('routes/')) continue;
    for (const target of imports) if (target.startsWith('routes/')) offences.push(`${file} -> ${target}`);
  }
  assert.deepEqual(offences, []);
});

test('the domain imports nothing from routes, renderers, requests, the router or the server', () => {
  const offences: string[] = [];
  for (const [file, imports] of graph) {
    if (!file.startsWith('domain/')) continue;
    for (const target of imports) if (!target.startsWith('domain/')) offences.push(`${file} -> ${target}`);
  }
  assert.deepEqual(offences, []);
});

test('renderers import no route and no request reader', () => {
  const offences: string[] = [];
  for (const [file, imports] of graph) {
    if (!file.startsWith('renderers/')) continue;
    for (const target of imports) if (/^(routes|requests)\//.test(target)) offences.push(`${file} -> ${target}`);
  }
  assert.deepEqual(offences, []);
});

test('no import cycle under src/sandbox', () => {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'visiting');
    for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  assert.deepEqual(cycles, []);
});

test('no file under src/sandbox is over 500 lines', () => {
  const long = files
    .map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), 'utf8').split('\n').length }))
    .filter((entry) => entry.lines > 500);
  assert.deepEqual(long, []);
});
