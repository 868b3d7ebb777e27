/**
 * The package as a user gets it: `npm pack` in a fresh copy of the checkout (no dist/: `prepack`
 * builds it), the tarball installed into a temporary ES-module project and a CommonJS project, and
 * every entry of the exports map loaded both ways, the `intercom` command run, and the subpath
 * entries type-checked the way TypeScript's `moduleResolution: node10` finds them (through
 * `typesVersions`, without reading `exports`).
 *
 * The installs are offline: each project gets a lockfile whose runtime dependencies are copied from
 * the repository's, so npm takes them from its cache (filled by `npm ci`).
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;

interface PackedFile {
  path: string;
  size: number;
}
interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  exports: Record<string, unknown>;
  typesVersions?: Record<string, Record<string, string[]>>;
  bin: Record<string, string>;
}

let work: string;
let tarball: string;
let packed: PackedFile[];
let manifest: Manifest;
const projects = { esm: '', cjs: '' };

/** The exports map's code entries ('.', './sandbox', ...): those with import and require conditions. */
const codeEntries = (): string[] =>
  Object.entries(manifest.exports)
    .filter(([, target]) => typeof target === 'object' && target !== null && 'import' in target && 'require' in target)
    .map(([entry]) => entry);
const specifierOf = (entry: string): string => (entry === '.' ? manifest.name : `${manifest.name}/${entry.slice(2)}`);

/** A project of `type` with the tarball as its only dependency and a lockfile that npm ci --offline accepts. */
function consumerProject(type: 'module' | 'commonjs'): string {
  const dir = join(work, type === 'module' ? 'esm-project' : 'cjs-project');
  mkdirSync(dir);
  const name = `${type}-consumer`;
  const resolved = `file:${tarball}`;
  const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as { packages: Record<string, unknown> };
  const packages: Record<string, unknown> = {
    '': { name, dependencies: { [manifest.name]: resolved } },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved,
      dependencies: manifest.dependencies ?? {},
      bin: manifest.bin,
    },
  };
  // The runtime dependencies and theirs (ajv brings a few), as the repository's lock has them.
  const pending = Object.keys(manifest.dependencies ?? {});
  for (let dependency = pending.pop(); dependency !== undefined; dependency = pending.pop()) {
    if (packages[`node_modules/${dependency}`] !== undefined) continue;
    const locked = lock.packages[`node_modules/${dependency}`];
    assert.ok(locked, `${dependency} is in the repository's package-lock.json`);
    packages[`node_modules/${dependency}`] = locked;
    pending.push(...Object.keys((locked as { dependencies?: Record<string, string> }).dependencies ?? {}));
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, private: true, type, dependencies: { [manifest.name]: resolved } }),
  );
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name, lockfileVersion: 3, requires: true, packages }));
  return dir;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'intercom-ts-pack-'));
  // A fresh clone: the files git knows (or would add), no dist/, the dev dependencies linked.
  const clone = join(work, 'clone');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '' && file !== 'node_modules');
  for (const file of files) {
    try {
      cpSync(join(root, file), join(clone, file));
    } catch (error) {
      // a file deleted from the working tree but still in the index
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(realpathSync(join(root, 'node_modules')), join(clone, 'node_modules'));
  const out = join(work, 'out');
  mkdirSync(out);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', out], { cwd: clone });
  const [pack] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string; files: PackedFile[] }>;
  assert.ok(pack, 'npm pack printed its result');
  tarball = join(out, pack.filename);
  packed = pack.files;
  manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as Manifest;
  projects.esm = consumerProject('module');
  projects.cjs = consumerProject('commonjs');
  await Promise.all(
    Object.values(projects).map((dir) => run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: dir })),
  );
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack from a fresh clone builds first and ships the code, the examples and the command', () => {
  const paths = new Set(packed.map((file) => file.path));
  for (const entry of codeEntries()) {
    const conditions = manifest.exports[entry] as Record<string, { types: string; default: string }>;
    for (const condition of ['import', 'require']) {
      const target = conditions[condition];
      assert.ok(target, `${entry} has a ${condition} condition`);
      assert.ok(paths.has(target.default.slice(2)), `${entry} ${condition}: ${target.default} is packed`);
      assert.ok(paths.has(target.types.slice(2)), `${entry} ${condition}: ${target.types} is packed`);
    }
  }
  assert.ok(paths.has('dist/examples/admins.js'), '`intercom demo` runs dist/examples/');
  assert.ok(paths.has('bin/intercom.js'));
});

test('the tarball holds only what runs or documents the package: no maps, sources, tests or builds of tests', () => {
  const shipped = /^(dist\/(esm|cjs|examples)\/|bin\/|(README|CHANGELOG)\.md$|LICENSE$|package\.json$)/;
  for (const { path } of packed) {
    assert.match(path, shipped, `${path} is not meant to be in the tarball`);
    assert.doesNotMatch(path, /\.map$/, `${path}: no source or declaration maps (their sources are not shipped)`);
  }
});

test('from a CommonJS project: require() and import() of every entry of the exports map', async () => {
  const specifiers = codeEntries().map(specifierOf);
  const script = `
    const specifiers = ${JSON.stringify(specifiers)};
    (async () => {
      for (const s of specifiers) {
        const required = require(s);
        const imported = await import(s);
        if (Object.keys(required).length === 0) throw new Error('require(' + s + ') is empty');
        for (const name of Object.keys(required)) {
          if (!(name in imported)) throw new Error('import(' + s + ') lacks ' + name);
        }
      }
      const { Client } = require('intercom-ts');
      console.log(new Client({ token: 't' }).baseUrl);
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: projects.cjs });
  assert.equal(stdout, 'https://api.intercom.io\n');
});

test('from an ES-module project: import() and require() (createRequire) of every entry of the exports map', async () => {
  const specifiers = codeEntries().map(specifierOf);
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    for (const s of ${JSON.stringify(specifiers)}) {
      const imported = await import(s);
      const required = require(s);
      if (Object.keys(imported).length === 0) throw new Error('import(' + s + ') is empty');
      for (const name of Object.keys(imported)) {
        if (!(name in required)) throw new Error('require(' + s + ') lacks ' + name);
      }
    }
    const { Client } = await import('intercom-ts');
    console.log(new Client({ token: 't' }).baseUrl);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: projects.esm });
  assert.equal(stdout, 'https://api.intercom.io\n');
});

test('npx intercom --help runs from the install', async () => {
  const { stdout } = await run('npx', ['--no-install', 'intercom', '--help'], { cwd: projects.esm });
  assert.match(stdout, /^Usage: intercom /);
});

test('npx intercom demo runs every example from the install against its embedded sandbox', async () => {
  const { stdout } = await run('npx', ['--no-install', 'intercom', 'demo'], { cwd: projects.cjs });
  assert.match(stdout, /^Embedded Intercom sandbox at http:\/\/127\.0\.0\.1:\d+\n/);
  assert.match(stdout, /\nDone: \d+ requests served by the sandbox\.\n$/);
});

// TypeScript 7 has dropped `moduleResolution: node10`; `bundler` with `resolvePackageJsonExports: false`
// looks a package's subpaths up the way node10 does (typesVersions, then files and folders under the
// package), so it checks what a TypeScript 5 project on node10 sees.
test('typesVersions: every subpath entry resolves with its types when exports are not read (node10)', async () => {
  const specifiers = codeEntries().map(specifierOf);
  const dir = projects.cjs;
  writeFileSync(
    join(dir, 'consumer.ts'),
    specifiers
      .map((s, i) => `import * as entry${i} from '${s}';\nexport const keys${i}: string[] = Object.keys(entry${i});\n`)
      .join(''),
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'esnext',
        moduleResolution: 'bundler',
        resolvePackageJsonExports: false,
        strict: true,
        noEmit: true,
        noImplicitAny: true,
        skipLibCheck: true,
        typeRoots: [join(root, 'node_modules/@types')],
        types: ['node'],
      },
      files: ['consumer.ts'],
    }),
  );
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--traceResolution'], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout: string; stderr: string }) => error);
  const complaints = result.stdout.split('\n').filter((line) => line.includes('error TS'));
  assert.deepEqual(complaints, [], 'tsc (exports not read) accepts the consumer');
  assert.equal(result.stderr, '');
  for (const s of specifiers) {
    assert.match(
      result.stdout,
      new RegExp(`Module name '${s}' was successfully resolved to '[^']+\\.d\\.ts'`),
      `${s} resolves to a declaration file without exports`,
    );
  }
});
