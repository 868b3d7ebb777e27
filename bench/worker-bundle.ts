/**
 * Worker bundle size: a Cloudflare Worker that only finds a lead and saves it (`contacts.find` and
 * `contacts.save`, API 1.x), bundled and minified with esbuild as a Workers bundler would
 * (`platform: neutral`, the `workerd` / `worker` / `browser` conditions, `node:` built-ins left
 * external). Reports the minified and gzipped sizes and the largest modules, runs the bundle once
 * inside workerd (Miniflare) against a sandbox to show it works, and writes the figures to
 * bench/results.json and to its section of bench/README.md (between the worker-bundle markers).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Client } from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { Miniflare } from 'miniflare';
import { record, table } from './harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = `${ROOT}bench/README.md`;
const BEGIN = '<!-- worker-bundle:begin (written by bench/worker-bundle.ts) -->';
const END = '<!-- worker-bundle:end -->';

/** The Worker, as its author would write it. */
const WORKER = `import { Client } from 'intercom-ts';

export default {
  async fetch(request, env) {
    const intercom = new Client({ token: env.INTERCOM_TOKEN, baseUrl: env.INTERCOM_BASE_URL });
    const { id, name } = await request.json();
    const lead = await intercom.contacts.find({ id });
    lead.name = name;
    await intercom.contacts.save(lead);
    return Response.json({ id: lead.id, name: lead.name });
  },
};
`;

/** The Worker bundled as a Workers bundler would, with `intercom-ts` resolved to `module`. */
const bundle = (module: string) =>
  build({
    stdin: {
      contents: WORKER.replace("from 'intercom-ts'", `from '${module}'`),
      resolveDir: ROOT,
      sourcefile: 'worker.js',
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['node:*'],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
const result = await bundle('intercom-ts');
const script = (result.outputFiles[0] as { text: string }).text;
const bytes = Buffer.byteLength(script);
const gzipped = gzipSync(script, { level: 9 }).length;
const output = Object.values(result.metafile.outputs)[0];
const externals = [...new Set((output?.imports ?? []).filter((i) => i.external).map((i) => i.path))].sort();
// Which modules the bytes come from: the same Worker bundled from tsc's per-module output
// (.build/esm, which scripts/build.mjs bundles into dist/esm's entries and chunks).
const perModule = await bundle(`${ROOT}.build/esm/index.js`);
const inputs = Object.entries(Object.values(perModule.metafile.outputs)[0]?.inputs ?? {})
  .map(([path, input]) => ({ path: path.replace(/^\.build\/esm\//, ''), bytes: input.bytesInOutput }))
  .filter((input) => input.bytes > 0)
  .sort((a, b) => b.bytes - a.bytes);
// The seed-style client's 2.x bridge (src/bridge), loaded by `import()` only on 2.x, which a
// one-file bundle inlines.
const bridgeBytes = inputs.filter((input) => input.path.startsWith('bridge/')).reduce((sum, input) => sum + input.bytes, 0);

// Run it once in workerd: find a seeded lead, rename it, check the sandbox kept the name.
const sandbox = await startSandbox({ port: 0, token: 'bench-token' });
const miniflare = new Miniflare({
  modules: [{ type: 'ESModule', path: `${ROOT}worker.mjs`, contents: script }],
  compatibilityDate: '2025-07-18',
  bindings: { INTERCOM_TOKEN: sandbox.token, INTERCOM_BASE_URL: sandbox.url },
});
let works: boolean;
try {
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url });
  const lead = (await intercom.contacts.find({ email: 'alice@leads.example.com' })).contacts[0];
  if (lead === undefined) throw new Error('the demo seed has no lead alice@leads.example.com');
  const response = await miniflare.dispatchFetch('http://worker.bench/', {
    method: 'POST',
    body: JSON.stringify({ id: lead.id, name: 'Alice (renamed by the Worker)' }),
  });
  const answer = (await response.json()) as { name?: string };
  works = response.status === 200 && answer.name === 'Alice (renamed by the Worker)';
  works &&= (await intercom.contacts.find({ id: lead.id })).name === 'Alice (renamed by the Worker)';
  intercom.close();
} finally {
  await miniflare.dispose();
  await sandbox.close();
}

const kB = (n: number): string => (n / 1000).toFixed(1);
const summary = {
  'minified kB': kB(bytes),
  'gzip -9 kB': kB(gzipped),
  modules: inputs.length,
  'of which the 2.x bridge kB': kB(bridgeBytes),
  'node: imports left external': externals.join(' ') || 'none',
  'runs in workerd': works ? 'yes' : 'NO',
};
console.log(
  'worker-bundle: esbuild (minified, platform neutral, workerd conditions) of a Worker doing contacts.find + contacts.save',
);
table([summary]);
console.log('');
table(inputs.slice(0, 8).map((input) => ({ 'largest modules': input.path, 'minified kB': kB(input.bytes) })));

record('worker-bundle', {
  esbuild: (JSON.parse(readFileSync(`${ROOT}node_modules/esbuild/package.json`, 'utf8')) as { version: string }).version,
  bytes,
  gzipBytes: gzipped,
  modules: inputs.length,
  bridgeBytes,
  inputs,
  externals,
  runsInWorkerd: works,
});

// The README section: replaced whole on every run.
const rows = (header: string[], body: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
};
const section = `${BEGIN}
Last run: ${new Date().toISOString().slice(0, 10)}, esbuild ${(JSON.parse(readFileSync(`${ROOT}node_modules/esbuild/package.json`, 'utf8')) as { version: string }).version}, Node ${process.version}.

${rows(
  [
    'minified kB',
    'gzip -9 kB',
    'modules',
    'of which the 2.x bridge kB',
    '`node:` imports left external',
    'runs in workerd (find + save against the sandbox)',
  ],
  [
    [
      kB(bytes),
      kB(gzipped),
      String(inputs.length),
      kB(bridgeBytes),
      externals.map((e) => `\`${e}\``).join(', ') || 'none',
      works ? 'yes' : '**no**',
    ],
  ],
)}

${rows(
  ['largest modules (src/, as tsc emits them)', 'minified kB'],
  inputs.slice(0, 8).map((input) => [`\`${input.path}\``, kB(input.bytes)]),
)}
${END}`;
const readme = readFileSync(README, 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start === -1 || end === -1) throw new Error('bench/README.md has no worker-bundle markers');
writeFileSync(README, readme.slice(0, start) + section + readme.slice(end + END.length));
if (!works) process.exitCode = 1;
