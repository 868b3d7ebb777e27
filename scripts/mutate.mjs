// `npm run mutate [-- --mutate src/core/FILE.ts]`: runs StrykerJS (stryker.config.mjs) and writes the
// per-file scores of the run into test/MUTATION.md. Scores of files the run did not mutate are kept
// from earlier runs (test/mutation-scores.json), each with the date and the test set it was run with.
// `STRYKER_SCOPE=v2|sandbox|resources npm run mutate` does the same for that scope, with its own scores file
// (test/mutation-scores-<scope>.json) and its own table in test/MUTATION.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const REPORT = 'reports/mutation/mutation.json';
const TABLE = 'test/MUTATION.md';
// Each scope of stryker.config.mjs (STRYKER_SCOPE) has its own scores file and its own table.
const scope = process.env.STRYKER_SCOPE ?? 'core';
const SCORES = scope === 'core' ? 'test/mutation-scores.json' : `test/mutation-scores-${scope}.json`;
const tableName = scope === 'core' ? 'mutation table' : `mutation table (${scope})`;
const BEGIN = `<!-- BEGIN ${tableName}: written by scripts/mutate.mjs, do not edit -->`;
const END = `<!-- END ${tableName} -->`;

const args = process.argv.slice(2);
if (!args.includes('--table-only')) {
  const stryker = spawnSync(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...args], {
    stdio: 'inherit',
  });
  if (stryker.status !== 0) process.exit(stryker.status ?? 1);
}

const report = JSON.parse(readFileSync(REPORT, 'utf8'));
const scores = existsSync(SCORES) ? JSON.parse(readFileSync(SCORES, 'utf8')) : {};
const SCOPE_TEST_SETS = {
  v2: 'v2 (test/v2)',
  sandbox: 'sandbox (domain units, routes)',
  resources: 'resources (units, 1.x people wire)',
};
if (scope !== 'core' && !Object.hasOwn(SCOPE_TEST_SETS, scope)) throw new Error(`no test-set label for STRYKER_SCOPE=${scope}`);
const testSet =
  scope !== 'core'
    ? SCOPE_TEST_SETS[scope]
    : process.env.STRYKER_UNIT === '1'
      ? 'unit (test/core unit files only)'
      : process.env.STRYKER_QUICK === '1'
        ? 'quick (no faults, no reliability/pacing)'
        : 'full';
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
// With incremental results, the report also holds files of earlier runs: only the files this run
// was asked to mutate (`--mutate a.ts,b.ts`, line ranges ignored) get this run's date and test set.
const mutateIndex = args.findIndex((arg) => arg === '--mutate' || arg === '-m');
const asked = mutateIndex < 0 ? undefined : new Set(args[mutateIndex + 1]?.split(',').map((file) => file.replace(/:.*$/, '')));
for (const [file, { mutants }] of Object.entries(report.files)) {
  if (asked !== undefined && !asked.has(file)) continue;
  const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const errors = count('CompileError', 'RuntimeError');
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  scores[file] = {
    date,
    testSet,
    mutants: mutants.length,
    killed,
    timeout,
    survived,
    noCoverage,
    errors,
    score: valid === 0 ? null : Math.round((1000 * detected) / valid) / 10,
    coveredScore: detected + survived === 0 ? null : Math.round((1000 * detected) / (detected + survived)) / 10,
    survivors: mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .map(
        (m) =>
          `${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName}: ${JSON.stringify(m.replacement ?? '')}`,
      ),
  };
}
writeFileSync(SCORES, `${JSON.stringify(scores, null, 2)}\n`);

const pct = (value) => (value === null ? 'n/a' : `${value}%`);
const rows = Object.entries(scores)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(
    ([file, s]) =>
      `| \`${file}\` | ${pct(s.score)} | ${pct(s.coveredScore)} | ${s.mutants} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.errors} | ${s.testSet} | ${s.date} |`,
  );
const survivors = Object.entries(scores)
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([file, s]) => s.survivors.map((line) => `- \`${file}:${line}\``));
const table = [
  BEGIN,
  '',
  '| file | score | score of covered | mutants | killed | timed out | survived | no coverage | errors | tests | run (UTC) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
  '',
  `Surviving mutants (line:column, status, mutator, replacement): ${survivors.length}`,
  '',
  ...survivors,
  '',
  END,
].join('\n');
const current = existsSync(TABLE) ? readFileSync(TABLE, 'utf8') : `# Mutation testing\n\n${BEGIN}\n${END}\n`;
const start = current.indexOf(BEGIN);
const stop = current.indexOf(END);
if (start < 0 || stop < 0) throw new Error(`${TABLE} has lost its table markers`);
writeFileSync(TABLE, `${current.slice(0, start)}${table}${current.slice(stop + END.length)}`);
// The house formatter aligns Markdown tables: format what was written so that `npm run lint` stays clean.
spawnSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'format', '--write', TABLE, SCORES], { stdio: 'inherit' });
console.log(`${TABLE}: ${rows.length} file(s) in the table.`);
