/**
 * Every size and time figure the documentation states comes from the last benchmark run: each one
 * in bench/README.md and in the README's Performance section must be found, at the precision it is
 * written with, among the values that run wrote to bench/results.json (committed with the docs).
 * A figure typed by hand, or left over from an older run, fails here.
 *
 * A figure is a number (or a range "a-b", "a to b") with a unit: kB, MB, ms, µs, s, x (a ratio),
 * req/s, calls/s, records/s; in a table, a number in a column whose header names the unit. Within
 * bench/README.md a "## <benchmark>" section is checked against that benchmark's results only.
 * Targets (the "target" column, and figures after "under", "at most", "at least") are goals, not
 * measurements: they must be among the benchmark's recorded `targets` when it records any.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../../', import.meta.url).pathname;
/** Per benchmark: its results and the tables it printed (bench/harness.ts, record()). */
const results = JSON.parse(readFileSync(`${root}bench/results.json`, 'utf8')) as Record<
  string,
  { results: unknown; tables?: unknown }
>;

type Unit = 'kB' | 'MB' | 'ms' | 'µs' | 's' | 'x' | '/s';
interface Figure {
  text: string;
  value: number;
  decimals: number;
  unit: Unit;
  target: boolean;
}

const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
// "s" (seconds) only after a space: "5 s", never "429s".
const UNIT = String.raw`kB|MB|ms|µs|x|req/s|calls/s|records/s|(?<=\s)s`;
const PROSE_FIGURE = new RegExp(
  String.raw`(under|at most|at least|below|target of)?\s*(${NUMBER})(?:\s*(?:-|–|to)\s*(${NUMBER}))?\s*(${UNIT})(?![\w/])`,
  'g',
);

const unitOf = (written: string): Unit => (written.endsWith('/s') ? '/s' : (written as Unit));

function figure(number: string, unit: Unit, text: string, target: boolean): Figure {
  const plain = number.replace(/,/g, '');
  return { text, value: Number(plain), decimals: plain.split('.')[1]?.length ?? 0, unit, target };
}

/** Figures in a line of prose (or a table cell without a unit in its header). */
function proseFigures(text: string): Figure[] {
  return [...text.matchAll(PROSE_FIGURE)].flatMap((m) => {
    const unit = unitOf(m[4] as string);
    const target = m[1] !== undefined;
    const found = [figure(m[2] as string, unit, m[0].trim(), target)];
    if (m[3] !== undefined) found.push(figure(m[3], unit, m[0].trim(), target));
    return found;
  });
}

/** The unit a table column's header names, if any. */
function columnUnit(header: string): Unit | undefined {
  if (/\bvs\b|\/ limit|per full window|ratio/.test(header)) return 'x';
  const named = /(kB|MB|ms|µs|req\/s|calls\/s|records\/s)(?![\w/])/.exec(header)?.[1];
  if (named !== undefined) return unitOf(named);
  if (/(^|\s)s$/.test(header.trim())) return 's';
  return undefined;
}

/** Figures in a markdown text: prose lines, and table cells under a unit-naming header. */
function figuresIn(markdown: string): Figure[] {
  const found: Figure[] = [];
  let headers: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      headers = undefined;
      found.push(...proseFigures(line));
      continue;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (headers === undefined) {
      headers = cells;
      continue;
    }
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    cells.forEach((cell, i) => {
      const header = headers?.[i] ?? '';
      const isTarget = /^target/.test(header);
      const unit = columnUnit(header);
      const plain = cell.replace(/\*/g, '');
      if (unit !== undefined && new RegExp(`^${NUMBER}$`).test(plain)) {
        found.push(figure(plain, unit, `${header}: ${cell}`, isTarget));
      } else {
        found.push(...proseFigures(plain).map((f) => ({ ...f, target: f.target || isTarget })));
      }
    });
  }
  return found;
}

/** Every number under `value` (recursively, numbers printed as strings too), with its key path. */
function numbersIn(value: unknown, path = ''): Array<{ path: string; value: number }> {
  if (typeof value === 'number') return [{ path, value }];
  if (typeof value === 'string') {
    const plain = value.replace(/[,*]/g, '');
    return new RegExp(`^-?${NUMBER}$`).test(plain) ? [{ path, value: Number(plain) }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => numbersIn(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** What a recorded number may be written as, in `unit`: bytes as kB or MB, seconds as ms, and so on. */
function readings(value: number, unit: Unit): number[] {
  switch (unit) {
    case 'kB':
      return [value / 1000, value / 1024];
    case 'MB':
      return [value / 1e6, value / 2 ** 20];
    case 'ms':
    case 'µs':
      return [value, value * 1000];
    case 's':
      return [value, value / 1000];
    default:
      return [value];
  }
}

function matches(f: Figure, recorded: Array<{ path: string; value: number }>, asWritten = false): boolean {
  const tolerance = 0.5 * 10 ** -f.decimals + 1e-9;
  return recorded.some(({ value }) =>
    [...readings(value, f.unit), ...(asWritten ? [value] : [])].some((r) => Math.abs(r - f.value) <= tolerance),
  );
}

/**
 * The figures of `markdown` not found in `measured`. Targets are checked against `targets` (recorded
 * in the unit the docs use) when the benchmark records them, and left alone where it does not, or
 * where the text speaks of several benchmarks (`targets` undefined).
 */
function check(where: string, markdown: string, measured: unknown, targets: unknown): string[] {
  const recorded = numbersIn(measured);
  const goals = numbersIn(targets);
  return figuresIn(markdown)
    .filter((f) => !(f.target ? goals.length === 0 || matches(f, goals, true) : matches(f, recorded)))
    .map((f) => `${where}: "${f.text}" (${f.value} ${f.unit}) is not in bench/results.json`);
}

const measuredBy = (name: string): unknown => ({ results: results[name]?.results, tables: results[name]?.tables });
const allResults = Object.fromEntries(Object.keys(results).map((name) => [name, measuredBy(name)]));
const targetsOf = (name: string): unknown => (results[name]?.results as { targets?: unknown } | undefined)?.targets;

test('every figure in bench/README.md is in the last results the benchmarks wrote', () => {
  const text = readFileSync(`${root}bench/README.md`, 'utf8');
  const sections = text.split(/^(?=## )/m);
  const problems = sections.flatMap((section) => {
    const name = /^## (\S+)/.exec(section)?.[1];
    const own = name !== undefined ? results[name] : undefined;
    return own !== undefined
      ? check(`bench/README.md ## ${name}`, section, measuredBy(name as string), targetsOf(name as string))
      : check(`bench/README.md ${name ? `## ${name}` : '(top)'}`, section, allResults, undefined);
  });
  assert.deepEqual(problems, []);
});

test("every figure in the README's Performance section is in the last results the benchmarks wrote", () => {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const section = /^## Performance\n[\s\S]*?(?=^## )/m.exec(readme)?.[0];
  assert.ok(section, 'the README has a Performance section');
  assert.deepEqual(check('README.md ## Performance', section, allResults, undefined), []);
  // Outside it, the README states the package's size nowhere else (one place to keep true).
  const elsewhere = readme.replace(section, '');
  assert.doesNotMatch(elsewhere, /packs? to \d/);
});

test('the figures check catches a figure typed by hand', () => {
  const startup = measuredBy('startup-size');
  const run = results['startup-size'];
  assert.ok(run, 'bench/results.json holds a startup-size run');
  const packed = (run.results as { pack: { size: number } }).pack.size / 1000;
  const stale = `the package packs to ${(packed + 3.3).toFixed(1)} kB`;
  const fresh = `the package packs to ${packed.toFixed(1)} kB`;
  assert.equal(check('sample', stale, startup, targetsOf('startup-size')).length, 1);
  assert.deepEqual(check('sample', fresh, startup, targetsOf('startup-size')), []);
  const table = `| packed kB |\n| --- |\n| ${(packed - 1.2).toFixed(1)} |`;
  assert.equal(check('sample', table, startup, targetsOf('startup-size')).length, 1);
});
