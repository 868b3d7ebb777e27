/**
 * Start-up and size:
 * - wall time of `node -e "import('intercom-ts')"` (ESM) and `node -e "require('intercom-ts')"` (CJS)
 *   over a bare `node -e 0`: fresh processes, alternating, median of BENCH_STARTUP_REPETITIONS
 *   (default 10);
 * - the module graph of `import('intercom-ts')` and `require('intercom-ts')`: every file and
 *   built-in loaded (a module-loader hook for ESM, `require.cache` for CJS); anything outside this
 *   package's dist/ would be a runtime dependency;
 * - the packed tarball (`npm pack --dry-run --json`), sandbox and CLI included.
 *
 * The package imports itself by name (a self-reference from the package root), as an installed
 * copy would be imported.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, record, table } from './harness.js';

const REPETITIONS = Number(process.env.BENCH_STARTUP_REPETITIONS ?? 10);
/**
 * Targets, and why these values:
 * - import over bare node under 40 ms: the entry loads no dependency and defers node:http(s) and
 *   node:zlib to the first request; 40 ms is what a CLI or a serverless cold start can pay.
 * - packed under 300 kB: what the tarball must hold (the client, the sandbox and the CLI, each in
 *   ESM and CommonJS with .d.ts, the built examples `intercom demo` runs, and a 93 kB README)
 *   packs to about 276 kB; 300 kB leaves that about 9% to grow, and fails if what must not be in
 *   it gets in: source and declaration maps would add about 137 kB packed, src/ about 166 kB.
 */
const TARGETS = { importOverBareMs: 40, packedKb: 300 };
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = `${ROOT}dist/`;

// Each loader prints how long the import itself took inside the process (less noisy than the wall
// time of a whole process, which the target is about).
const contenders: Array<[string, string]> = [
  ['node -e 0', '0'],
  [
    "import('intercom-ts')",
    "const t = performance.now(); import('intercom-ts').then(() => process.stdout.write(String(performance.now() - t)))",
  ],
  [
    "require('intercom-ts')",
    "const t = performance.now(); require('intercom-ts'); process.stdout.write(String(performance.now() - t))",
  ],
];

// Warm the file cache once, then alternate.
for (const [, code] of contenders) spawnSync(process.execPath, ['-e', code], { cwd: ROOT });
const wall = new Map<string, number[]>();
const inside = new Map<string, number[]>();
for (let rep = 0; rep < REPETITIONS; rep++) {
  for (let i = 0; i < contenders.length; i++) {
    const [name, code] = contenders[(i + rep) % contenders.length] as [string, string];
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['-e', code], { cwd: ROOT });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
    wall.set(name, [...(wall.get(name) ?? []), ms]);
    if (run.stdout.length > 0) inside.set(name, [...(inside.get(name) ?? []), Number(run.stdout.toString())]);
  }
}
const bare = median(wall.get('node -e 0') ?? []);

// The ESM graph: a load hook (in the loader thread) reports every URL it loads.
const esmGraphScript = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const loaded = [];
port1.on('message', (url) => loaded.push(url));
const hooks = 'let port; export function initialize(data) { port = data.port; }' +
  ' export async function load(url, context, next) { port.postMessage(url); return next(url, context); }';
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
await import('intercom-ts');
await new Promise((resolve) => setTimeout(resolve, 100));
port1.close();
console.log(JSON.stringify(loaded));
`;
const esmLoaded = JSON.parse(
  execFileSync(process.execPath, ['--input-type=module', '-e', esmGraphScript], { cwd: ROOT, encoding: 'utf8' }),
) as string[];
const cjsLoaded = JSON.parse(
  execFileSync(process.execPath, ['-e', "require('intercom-ts'); console.log(JSON.stringify(Object.keys(require.cache)))"], {
    cwd: ROOT,
    encoding: 'utf8',
  }),
) as string[];

interface Graph {
  files: number;
  bytes: number;
  builtins: string[];
  outsideDist: string[];
}
function graph(entries: string[]): Graph {
  const files = entries.filter((e) => !e.startsWith('node:')).map((e) => (e.startsWith('file:') ? fileURLToPath(e) : e));
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + readFileSync(file).length, 0),
    builtins: entries.filter((e) => e.startsWith('node:')).sort(),
    outsideDist: files.filter((file) => !file.startsWith(DIST)),
  };
}
const esm = graph(esmLoaded);
const cjs = graph(cjsLoaded);

const pack = (
  JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as Array<{
    size: number;
    unpackedSize: number;
    entryCount: number;
    files: Array<{ path: string; size: number }>;
  }>
)[0];
if (pack === undefined) throw new Error('npm pack printed nothing');
const byPart = new Map<string, number>();
for (const file of pack.files) {
  const part = /^dist\/(esm|cjs)\/(sandbox|cli)\//.test(file.path)
    ? `dist/*/${file.path.split('/')[2]}`
    : file.path.startsWith('dist/examples/')
      ? 'dist/examples'
      : file.path.startsWith('dist/')
        ? 'dist/*/ (client)'
        : (file.path.split('/')[0] ?? file.path);
  byPart.set(part, (byPart.get(part) ?? 0) + file.size);
}
const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { dependencies?: Record<string, string> };

console.log(`startup-size: fresh node processes, alternating, median of ${REPETITIONS}; node ${process.version}`);
console.log(
  `targets: import over bare node < ${TARGETS.importOverBareMs} ms; packed < ${TARGETS.packedKb} kB; no file loaded outside dist/`,
);
table(
  contenders.map(([name]) => {
    const ms = median(wall.get(name) ?? []);
    const importMs = inside.get(name);
    return {
      command: name,
      'median wall ms': ms.toFixed(1),
      'over bare node ms': (ms - bare).toFixed(1),
      'import itself, in process ms': importMs === undefined ? '-' : median(importMs).toFixed(1),
    };
  }),
);
console.log('');
table(
  [
    ['ESM', esm],
    ['CJS', cjs],
  ].map(([name, g]) => {
    const { files, bytes, builtins, outsideDist } = g as Graph;
    return {
      'module graph': name as string,
      'files (all in dist/)': files,
      'kB of JS': (bytes / 1024).toFixed(1),
      builtins: builtins.join(' ') || '(not listed by require.cache)',
      'files outside dist/': outsideDist.length,
    };
  }),
);
console.log('');
table([
  {
    'packed kB': (pack.size / 1000).toFixed(1),
    'unpacked kB': (pack.unpackedSize / 1000).toFixed(1),
    files: pack.entryCount,
    'runtime dependencies': Object.keys(manifest.dependencies ?? {}).join(' ') || 'none',
  },
]);
console.log('unpacked kB by part:', [...byPart].map(([part, bytes]) => `${part} ${(bytes / 1000).toFixed(1)}`).join(', '));
for (const file of [...esm.outsideDist, ...cjs.outsideDist]) console.log(`loaded outside dist/: ${file}`);
record('startup-size', {
  targets: TARGETS,
  repetitions: REPETITIONS,
  wallMs: Object.fromEntries([...wall].map(([name, runs]) => [name, { median: median(runs), runs }])),
  importMs: Object.fromEntries([...inside].map(([name, runs]) => [name, { median: median(runs), runs }])),
  overBareMs: Object.fromEntries(contenders.map(([name]) => [name, median(wall.get(name) ?? []) - bare])),
  esm,
  cjs,
  pack: { size: pack.size, unpackedSize: pack.unpackedSize, entryCount: pack.entryCount, byPart: Object.fromEntries(byPart) },
  runtimeDependencies: manifest.dependencies ?? {},
});
