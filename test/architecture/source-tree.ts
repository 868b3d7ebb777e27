import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** The repository root (the tests run from .test-build/test/architecture/). */
export const REPO_ROOT = new URL('../../../', import.meta.url).pathname;

/** Every `.ts` file under `src/`, as a repository-relative path with `/` separators, sorted. */
export function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  walk('src');
  return files.sort();
}

/** The text of a repository file. */
export function readSource(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

// `import ... from 'x'`, `import type ... from 'x'`, `export ... from 'x'` (over several lines),
// `import 'x'` and `import('x')` with a literal specifier.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?[\w*{}\s,$]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const BARE_IMPORT = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

// Block comments and whole-line `//` comments (a TSDoc example may show an import).
const COMMENT = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;

/** Every module specifier a source text imports or re-exports, type-only imports included. */
export function importSpecifiers(text: string): string[] {
  const code = text.replace(COMMENT, '');
  const specifiers: string[] = [];
  for (const pattern of [STATIC_IMPORT, BARE_IMPORT, DYNAMIC_IMPORT]) {
    for (const match of code.matchAll(pattern)) specifiers.push(match[1] as string);
  }
  return specifiers;
}

/** The package's own entry points (`intercom-ts/sandbox`...) mapped to their source files. */
function packageEntryPoints(): Map<string, string> {
  const manifest = JSON.parse(readSource('package.json')) as {
    name: string;
    exports: Record<string, string | { import?: { default?: string } }>;
  };
  const entries = new Map<string, string>();
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const file = typeof target === 'string' ? undefined : target.import?.default;
    if (file === undefined || !file.startsWith('./dist/esm/')) continue;
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    entries.set(specifier, `src/${file.slice('./dist/esm/'.length).replace(/\.js$/, '.ts')}`);
  }
  return entries;
}

/**
 * The import graph of `src/`: each source file to the source files it imports (relative imports and
 * the package's own entry points; Node built-ins and dependencies are left out).
 */
export function importGraph(): Map<string, string[]> {
  const files = sourceFiles();
  const known = new Set(files);
  const entryPoints = packageEntryPoints();
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const specifier of importSpecifiers(readSource(file))) {
      let target: string | undefined;
      if (specifier.startsWith('.')) {
        const joined = normalize(join(dirname(file), specifier))
          .split('\\')
          .join('/');
        target = joined.replace(/\.js$/, '.ts');
        if (!known.has(target) && known.has(`${joined}/index.ts`)) target = `${joined}/index.ts`;
      } else {
        target = entryPoints.get(specifier);
      }
      if (target !== undefined && known.has(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Strongly connected components of a graph: each component with more than one file, or a file importing itself, is an import cycle. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    indexOf.set(file, index);
    lowLink.set(file, index);
    index += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!indexOf.has(target)) {
        visit(target);
        lowLink.set(file, Math.min(lowLink.get(file) as number, lowLink.get(target) as number));
      } else if (onStack.has(target)) {
        lowLink.set(file, Math.min(lowLink.get(file) as number, indexOf.get(target) as number));
      }
    }
    if (lowLink.get(file) === indexOf.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!indexOf.has(file)) visit(file);
  return cycles;
}

/** One import path around a cycle, from its first file back to it: `a.ts -> b.ts -> a.ts`. */
export function describeCycle(graph: Map<string, string[]>, component: string[]): string {
  const members = new Set(component);
  const start = component[0] as string;
  // Breadth-first search inside the component for the shortest way back to `start`.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const target of graph.get(file) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let step: string | undefined = file; step !== start && step !== undefined; step = previous.get(step)) {
          path.splice(1, 0, step);
        }
        if (file === start && path.length === 1) return `${start} -> ${start}`;
        return [...path, start].join(' -> ');
      }
      if (!previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return component.join(' <-> ');
}
