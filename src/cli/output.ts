/**
 * What the CLI prints on stdout: records as `json`, `jsonl`, `csv` or a `table`, streamed (a record
 * is written as soon as it arrives; csv and table hold back only their first {@link SAMPLE_SIZE}
 * records, to choose their columns and widths).
 *
 * @module
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';

/** Output formats. */
export const FORMATS = ['json', 'jsonl', 'csv', 'table'] as const;
export type Format = (typeof FORMATS)[number];

/** Records a csv or table holds back to choose its columns (and a table its widths). */
export const SAMPLE_SIZE = 100;
/** Widest table cell; longer values are cut with an ellipsis. */
const MAX_CELL = 40;
/** Room the last column of a table needs on the terminal to be kept. */
const LAST_COLUMN_MIN = 20;
/** Columns a table shows when its view names none. */
const DEFAULT_TABLE_COLUMNS = 8;

/** Which columns a table shows for a kind of record: field paths, `custom_attributes.*` for all of them. */
export interface View {
  table: readonly string[];
}

/** A destination for records. */
export interface RecordSink {
  write(record: object): Promise<void>;
  /** Flushes what is held back and writes the closing text. */
  end(): Promise<void>;
}

export interface SinkOptions {
  /** Columns a table shows (default: the first fields of the records). */
  view?: View | undefined;
  /** One record (`get`, `find`): a table shows it as field/value lines. */
  single?: boolean;
  /** Terminal width: table columns that do not fit are left out. */
  width?: number | undefined;
  /** Called once with a note for stderr (columns left out of a table or a CSV). */
  note?: (message: string) => void;
  /** Called before each write to the destination (clears a progress line on the same terminal). */
  beforeWrite?: (() => void) | undefined;
}

/** The destination of the output went away (a closed pipe, as with `| head`): stop, quietly. */
export class OutputClosed extends Error {
  override name = 'OutputClosed';
}

/**
 * Writes `text`, waiting for the stream to drain when its buffer is full. Throws
 * {@link OutputClosed} once the stream is destroyed (its error, if any, is in `out.errored`).
 */
export async function writeText(out: Writable, text: string): Promise<void> {
  if (out.destroyed) throw new OutputClosed('the output was closed');
  if (text === '' || out.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}

/** Flattens a record to `path -> value` pairs: objects by dotted paths, arrays kept whole. */
export function flatten(record: object, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (Object.keys(value).length === 0) out.set(path, '');
      else flatten(value, path, out);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

/**
 * One array item as text: a company by its company_id (what an import matches it by), a tag by its
 * name, anything else by its id.
 */
function itemText(item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item);
  const o = item as Record<string, unknown>;
  for (const key of ['company_id', 'name', 'id']) {
    const v = o[key];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return JSON.stringify(item);
}

/** One array item as a table shows it: by its name when it has one. */
function itemLabel(item: unknown): string {
  const name = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).name : undefined;
  return typeof name === 'string' ? name : itemText(item);
}

/**
 * A value as one cell of text (CSV). Arrays join their items with `;` (companies by company_id, tags
 * by name, the rest by id): what `users import` reads back.
 */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(itemText).join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A table cell: like {@link cellText}, with epoch-second timestamps (`*_at`, `*_since`, `*_until`) as UTC dates and message
 * bodies (`body`, HTML) as their text.
 */
function tableCell(path: string, value: unknown): string {
  if (typeof value === 'number' && /(^|[._])(at|date|since|until)$/.test(path) && value > 0) {
    return new Date(value * 1000).toISOString().replace(/\.000Z$/, 'Z');
  }
  if (typeof value === 'string' && /(^|\.)body$/.test(path))
    return value
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const text = Array.isArray(value) ? value.map(itemLabel).join(';') : cellText(value);
  return text.replace(/[\r\n\t]+/g, ' ');
}

const CUSTOM = 'custom_attributes.';

/** A table column's heading: the field path, a custom attribute by its own name. */
const headerOf = (path: string): string => (path.startsWith(CUSTOM) ? path.slice(CUSTOM.length) : path);

const clip = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** The columns of sampled records: `wanted` paths (with `custom_attributes.*` expanded), else every path. */
function columnsOf(sample: ReadonlyArray<Map<string, unknown>>, wanted: readonly string[] | undefined): string[] {
  const seen: string[] = [];
  const known = new Set<string>();
  for (const row of sample) {
    for (const path of row.keys()) {
      if (!known.has(path)) {
        known.add(path);
        seen.push(path);
      }
    }
  }
  if (wanted === undefined) return seen;
  const out: string[] = [];
  for (const path of wanted) {
    if (path.endsWith('.*')) out.push(...seen.filter((p) => p.startsWith(path.slice(0, -1))));
    else if (known.has(path) || sample.length === 0) out.push(path);
  }
  return out;
}

/** Makes the sink for `format` on `out`. */
export function createSink(format: Format, out: Writable, options: SinkOptions = {}): RecordSink {
  const emit = async (text: string): Promise<void> => {
    options.beforeWrite?.();
    await writeText(out, text);
  };
  switch (format) {
    case 'jsonl':
      return {
        write: (record) => emit(`${JSON.stringify(record)}\n`),
        end: async () => {},
      };
    case 'json':
      return options.single ? singleJson(emit) : jsonArray(emit);
    case 'csv':
      return csvSink(emit, options);
    case 'table':
      return options.single ? verticalTable(emit) : tableSink(emit, options);
  }
}

function singleJson(emit: (text: string) => Promise<void>): RecordSink {
  return {
    write: (record) => emit(`${JSON.stringify(record, null, 2)}\n`),
    end: async () => {},
  };
}

function jsonArray(emit: (text: string) => Promise<void>): RecordSink {
  let count = 0;
  return {
    async write(record) {
      const body = JSON.stringify(record, null, 2).replace(/\n/g, '\n  ');
      await emit(`${count === 0 ? '[\n  ' : ',\n  '}${body}`);
      count += 1;
    },
    end: () => emit(count === 0 ? '[]\n' : '\n]\n'),
  };
}

/** Holds back the first records, then calls `start` with them, then `row` for each later one. */
function sampled(
  start: (sample: Array<Map<string, unknown>>) => Promise<void>,
  row: (flat: Map<string, unknown>) => Promise<void>,
): RecordSink {
  let sample: Array<Map<string, unknown>> | undefined = [];
  const flush = async (): Promise<void> => {
    if (sample === undefined) return;
    const rows = sample;
    sample = undefined;
    await start(rows);
  };
  return {
    async write(record) {
      const flat = flatten(record);
      if (sample !== undefined) {
        sample.push(flat);
        if (sample.length >= SAMPLE_SIZE) await flush();
        return;
      }
      await row(flat);
    },
    end: flush,
  };
}

function csvSink(emit: (text: string) => Promise<void>, options: SinkOptions): RecordSink {
  let columns: string[] = [];
  let known = new Set<string>();
  const missing = new Set<string>();
  const line = (flat: Map<string, unknown>): string => {
    for (const path of flat.keys()) {
      if (!known.has(path) && !missing.has(path)) {
        missing.add(path);
        if (missing.size === 1) {
          options.note?.(
            `field '${path}' first appears after the CSV header was written and is left out; use --format jsonl to keep every field`,
          );
        }
      }
    }
    return stringify([columns.map((path) => cellText(flat.get(path)))]);
  };
  return sampled(
    async (sample) => {
      columns = columnsOf(sample, undefined);
      known = new Set(columns);
      if (columns.length === 0) return;
      await emit(stringify([columns]) + sample.map(line).join(''));
    },
    (flat) => emit(line(flat)),
  );
}

function tableSink(emit: (text: string) => Promise<void>, options: SinkOptions): RecordSink {
  let columns: string[] = [];
  let widths: number[] = [];
  // Widths come from the first records; a later, wider value is shown whole (up to MAX_CELL) and
  // pushes the rest of its row right, rather than losing characters.
  // The last column is shown whole: nothing after it needs aligning.
  const render = (cells: string[]): string =>
    `${cells
      .map((cell, i) => (i === cells.length - 1 ? cell : clip(cell, MAX_CELL).padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd()}\n`;
  const cellsOf = (flat: Map<string, unknown>): string[] => columns.map((path) => tableCell(path, flat.get(path)));
  return sampled(
    async (sample) => {
      let all = columnsOf(sample, options.view?.table);
      if (options.view === undefined) {
        // Every record of a list has the same type: the column says nothing.
        all = all.filter((path) => path !== 'type' || new Set(sample.map((r) => r.get('type'))).size > 1);
        all = all.filter((path) => !/(^|\.)type$/.test(path) || path === 'type').slice(0, DEFAULT_TABLE_COLUMNS);
      }
      const rows = sample.map((flat) => all.map((path) => tableCell(path, flat.get(path))));
      const headers = all.map(headerOf);
      const fullWidths = all.map((_, i) =>
        Math.min(MAX_CELL, Math.max((headers[i] as string).length, ...rows.map((r) => (r[i] as string).length))),
      );
      // Keep the columns that fit the terminal (the last one, shown whole, may wrap: it needs only a start).
      let used = 0;
      let fit = all.length;
      if (options.width !== undefined) {
        for (let i = 0; i < all.length; i++) {
          const width = fullWidths[i] as number;
          used += (i === all.length - 1 ? Math.min(width, LAST_COLUMN_MIN) : width) + (i === 0 ? 0 : 2);
          if (used > options.width && i > 0) {
            fit = i;
            break;
          }
        }
      }
      columns = all.slice(0, fit);
      widths = fullWidths.slice(0, fit);
      if (fit < all.length) {
        options.note?.(
          `${all.length - fit} column(s) left out to fit the terminal (${all.slice(fit).join(', ')}); use --format json or csv for every field`,
        );
      }
      if (sample.length === 0) return;
      await emit(render(headers.slice(0, fit)) + rows.map((r) => render(r.slice(0, fit))).join(''));
    },
    (flat) => emit(render(cellsOf(flat))),
  );
}

/** One record as `field  value` lines; fields without a value (null, empty) are left out. */
function verticalTable(emit: (text: string) => Promise<void>): RecordSink {
  return {
    async write(record) {
      const flat = [...flatten(record)].filter(
        ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
      );
      const width = Math.max(0, ...flat.map(([path]) => path.length));
      await emit(`${flat.map(([path, value]) => `${path.padEnd(width)}  ${tableCell(path, value)}`.trimEnd()).join('\n')}\n`);
    },
    end: async () => {},
  };
}
