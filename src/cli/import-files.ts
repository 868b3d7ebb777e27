/**
 * Reading import files row by row: CSV (with a header row), JSON Lines, or a JSON array (as `export
 * --out FILE.json` writes it), each row with the line it starts on.
 *
 * @module
 */
import { constants, createReadStream } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import type { JsonObject } from '../index.js';
import { UsageError } from './usage-error.js';

/** Fields of a raw row: strings from a CSV, any JSON from a JSONL line. */
export type RawRow =
  | { line: number; csv: true; fields: Record<string, string> }
  | { line: number; csv: false; fields: JsonObject };

/** The rows of a CSV file with a header: each as column -> text, or an error (bad quoting, wrong field count). */
async function* csvRows(path: string): AsyncGenerator<RawRow | { line: number; error: string }> {
  const skipped: Array<{ line: number; error: string }> = [];
  // pipeline: a read error ends the parse with that error.
  const parser = pipeline(
    createReadStream(path),
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        const line = typeof error?.lines === 'number' ? error.lines : 0;
        skipped.push({ line, error: `not valid CSV: ${error?.message.replace(/ at line \d+.*$/, '') ?? 'unreadable'}` });
        return undefined;
      },
    }),
    () => {},
  );
  let header: string[] | undefined;
  let endLine = 0;
  let emptyLines = 0;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; empty_lines: number };
  }>) {
    yield* skipped.splice(0);
    // `info.lines` is where the record ends; it starts after the previous one and any empty lines.
    const line = endLine + 1 + (info.empty_lines - emptyLines);
    endLine = info.lines;
    emptyLines = info.empty_lines;
    if (header === undefined) {
      header = record.map((name) => name.trim());
      const seen = new Set<string>();
      for (const name of header) {
        if (name === '') throw new UsageError(`${path}: the header row has an empty column name`);
        if (seen.has(name)) throw new UsageError(`${path}: the header row names column '${name}' twice`);
        seen.add(name);
      }
      continue;
    }
    if (record.length !== header.length) {
      yield { line, error: `has ${record.length} fields; the header has ${header.length}` };
      continue;
    }
    const fields: Record<string, string> = {};
    header.forEach((name, i) => {
      fields[name] = record[i] as string;
    });
    yield { line, csv: true, fields };
  }
  yield* skipped.splice(0);
  if (header === undefined) throw new UsageError(`${path} is empty: a CSV import needs a header row`);
}

/** The rows of a JSON Lines file: one object a line; blank lines are skipped. */
async function* jsonlRows(path: string): AsyncGenerator<RawRow | { line: number; error: string }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, error: `not valid JSON: ${(error as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, error: 'must be a JSON object' };
      continue;
    }
    yield { line, csv: false, fields: value as JsonObject };
  }
}

/** Input formats of an import. */
export type InputFormat = 'csv' | 'jsonl' | 'json';

/** The rows of `path`, as CSV or JSON Lines. A file that cannot be read is a usage error. */
export async function* rawRows(path: string, format: InputFormat): AsyncGenerator<RawRow | { line: number; error: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`cannot read ${path}: not a file`);
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  yield* format === 'csv' ? csvRows(path) : format === 'json' ? jsonArrayRows(path) : jsonlRows(path);
}

/** A JSON object as a row. */
function jsonRow(text: string, line: number): RawRow | { line: number; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, error: `not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { line, error: 'must be a JSON object' };
  return { line, csv: false, fields: value as JsonObject };
}

/**
 * The items of a JSON array, each with the line it starts on. The file is read whole (an array has
 * no end of record before its end); each item is parsed on its own, so that a bad item is a bad row.
 */
async function* jsonArrayRows(path: string): AsyncGenerator<RawRow | { line: number; error: string }> {
  const text = (await readFile(path, 'utf8')).replace(/^\ufeff/, '');
  const open = text.search(/\S/);
  if (open < 0 || text[open] !== '[') {
    throw new UsageError(`${path} is not a JSON array (as an export to .json writes): name a JSON Lines file .jsonl`);
  }
  let line = 1;
  for (let i = 0; i < open; i++) if (text[i] === '\n') line += 1;
  let i = open + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ']') return;
    if (c === ',' || /\s/.test(c)) {
      if (c === '\n') line += 1;
      i += 1;
      continue;
    }
    // An item: up to the end of its object (or array), or the next ',' or ']' for anything else.
    const from = i;
    const itemLine = line;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\n') line += 1;
      if (inString) {
        if (ch === '\\') i += 1;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth += 1;
      else if (ch === '}' || ch === ']') {
        if (depth === 0) break;
        depth -= 1;
        if (depth === 0) {
          i += 1;
          break;
        }
      } else if (ch === ',' && depth === 0) break;
    }
    yield jsonRow(text.slice(from, i), itemLine);
  }
  throw new UsageError(`${path}: the JSON array does not end (a ']' is missing)`);
}
