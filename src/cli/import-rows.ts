/**
 * Rows of an import file, read and checked one by one: CSV (with a header row) or JSON Lines, each
 * row turned into the item a bulk job sends, or into the reason it cannot be sent.
 *
 * @module
 */
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import type { JsonObject } from '../core/models.js';
import { InvalidParameterError } from '../index.js';
import { eventBody } from '../resources/events.js';
import { personWriteBody } from '../resources/person-fields.js';
import { UsageError } from './usage-error.js';

/** A row of the file: the item to send, or why it cannot be sent. `line` is 1-based. */
export type Row<Item> = { line: number; item: Item; error?: undefined } | { line: number; error: string; item?: undefined };

/** Fields of a raw row: strings from a CSV, any JSON from a JSONL line. */
type RawRow = { line: number; csv: true; fields: Record<string, string> } | { line: number; csv: false; fields: JsonObject };

/** Longest custom attribute text Intercom keeps. */
export const MAX_ATTRIBUTE_LENGTH = 255;

// ---- reading files ----

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
export type InputFormat = 'csv' | 'jsonl';

/** The rows of `path`, as CSV or JSON Lines. A file that cannot be read is a usage error. */
async function* rawRows(path: string, format: InputFormat): AsyncGenerator<RawRow | { line: number; error: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`cannot read ${path}: not a file`);
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  yield* format === 'csv' ? csvRows(path) : jsonlRows(path);
}

// ---- values ----

/** Why a value cannot be used: becomes a bad row. */
class RowError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch seconds from epoch seconds or an ISO 8601 date (UTC unless it names an offset). */
export function timestamp(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.floor(value);
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+$/.test(text)) return Number(text);
    if (ISO_DATE.test(text)) {
      const zoned = /[T ]\d{2}:\d{2}/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text;
      const ms = Date.parse(zoned.replace(' ', 'T'));
      if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
    }
  }
  throw new RowError(`${field} '${String(value)}' is not a date: give epoch seconds or an ISO 8601 date such as 2024-05-01`);
}

function booleanValue(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['true', 'yes', '1'].includes(text)) return true;
  if (['false', 'no', '0'].includes(text)) return false;
  throw new RowError(`${field} '${String(value)}' is not true or false`);
}

function integerValue(value: unknown, field: string): number {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n)) throw new RowError(`${field} '${String(value)}' is not a whole number`);
  return n;
}

/**
 * A custom attribute value from CSV text: a number when the text is exactly one (`42`, `-1.5`, but
 * not `007`), `true`/`false` as booleans, else the text.
 */
export function attributeValue(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) && String(Number(text)) === text) return Number(text);
  return text;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The message of a library check, without the parameter prefix we gave it. */
const checkMessage = (error: InvalidParameterError): string => error.message.replace(/^row\.?/, '').replace(/^: /, '');

// ---- users ----

type FieldKind = 'text' | 'email' | 'time' | 'boolean' | 'integer';

/** User fields an import writes, and how their text is read. */
const USER_FIELDS: Readonly<Record<string, FieldKind>> = {
  user_id: 'text',
  email: 'email',
  id: 'text',
  name: 'text',
  phone: 'text',
  signed_up_at: 'time',
  remote_created_at: 'time',
  last_request_at: 'time',
  last_seen_ip: 'text',
  last_seen_user_agent: 'text',
  unsubscribed_from_emails: 'boolean',
  owner_id: 'integer',
  update_last_request_at: 'boolean',
  new_session: 'boolean',
};

/** Fields an export carries that Intercom sets itself: an import skips them. */
const USER_READ_ONLY: ReadonlySet<string> = new Set([
  'type',
  'app_id',
  'anonymous',
  'pseudonym',
  'avatar',
  'companies',
  'location_data',
  'created_at',
  'updated_at',
  'session_count',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'do_not_track',
  'marked_email_as_spam',
  'has_hard_bounced',
  'tags',
  'segments',
  'social_profiles',
  'user_agent_data',
]);

const CUSTOM = 'custom_attributes.';

/** How the columns of a user CSV map to user fields. */
export interface UserColumns {
  /** Column -> user field. */
  fields: Map<string, string>;
  /** Column -> custom attribute name. */
  attributes: Map<string, string>;
  /** Columns skipped because Intercom sets them. */
  ignored: string[];
}

/**
 * Maps CSV columns: user fields by name, `custom_attributes.<name>` columns, `--attr name=column`
 * mappings. Columns an export carries but Intercom sets are skipped; any other column is a usage error
 * (a typo would otherwise drop data silently).
 */
export function userColumns(header: readonly string[], attr: ReadonlyArray<[string, string]>): UserColumns {
  const out: UserColumns = { fields: new Map(), attributes: new Map(), ignored: [] };
  const mapped = new Map(attr.map(([name, column]) => [column, name]));
  for (const [column] of mapped) {
    if (!header.includes(column)) throw new UsageError(`--attr names column '${column}', which the file does not have`);
  }
  const unknown: string[] = [];
  for (const column of header) {
    const attribute = mapped.get(column);
    if (attribute !== undefined) out.attributes.set(column, attribute);
    else if (column.startsWith(CUSTOM) && column.length > CUSTOM.length) out.attributes.set(column, column.slice(CUSTOM.length));
    else if (USER_FIELDS[column] !== undefined) out.fields.set(column, column);
    else if (USER_READ_ONLY.has(column.split('.')[0] as string)) out.ignored.push(column);
    else unknown.push(column);
  }
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown column(s) ${unknown.map((c) => `'${c}'`).join(', ')}: name user fields as the API does ` +
        `(${Object.keys(USER_FIELDS).join(', ')}), custom attributes as custom_attributes.<name>, or map a column with --attr <name>=<column>`,
    );
  }
  return out;
}

function fieldValue(kind: FieldKind, value: unknown, field: string): unknown {
  switch (kind) {
    case 'time':
      return timestamp(value, field);
    case 'boolean':
      return booleanValue(value, field);
    case 'integer':
      return integerValue(value, field);
    case 'email':
      if (typeof value !== 'string' || !EMAIL.test(value.trim()))
        throw new RowError(`email '${String(value)}' is not an email address`);
      return value.trim();
    default:
      if (typeof value === 'number' && field !== 'id') return String(value);
      if (typeof value !== 'string') throw new RowError(`${field} must be text`);
      return value.trim();
  }
}

/** A user item from a CSV row (`columns` from {@link userColumns}) or a JSONL object. */
function userItem(raw: RawRow, columns: UserColumns | undefined): JsonObject {
  const item: JsonObject = {};
  const attributes: JsonObject = {};
  if (raw.csv) {
    const map = columns as UserColumns;
    for (const [column, text] of Object.entries(raw.fields)) {
      if (text.trim() === '') continue; // An empty cell leaves the field as it is.
      const field = map.fields.get(column);
      if (field !== undefined) item[field] = fieldValue(USER_FIELDS[field] as FieldKind, text, field);
      const attribute = map.attributes.get(column);
      if (attribute !== undefined) attributes[attribute] = attributeValue(text);
    }
  } else {
    for (const [key, value] of Object.entries(raw.fields)) {
      if (value === undefined || value === null) continue;
      const kind = USER_FIELDS[key];
      if (kind !== undefined) item[key] = fieldValue(kind, value, key);
      else if (key === 'custom_attributes') {
        if (typeof value !== 'object' || Array.isArray(value)) throw new RowError('custom_attributes must be an object');
        Object.assign(attributes, value);
      } else if (!USER_READ_ONLY.has(key)) {
        throw new RowError(`unknown field '${key}' (custom attributes go under custom_attributes)`);
      }
    }
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'string' && value.length > MAX_ATTRIBUTE_LENGTH) {
      throw new RowError(
        `custom_attributes.${name} is ${value.length} characters long; Intercom keeps at most ${MAX_ATTRIBUTE_LENGTH}`,
      );
    }
  }
  if (Object.keys(attributes).length > 0) item.custom_attributes = attributes;
  // Users are matched by user_id, else email: Intercom's id only when neither is given (an id from
  // another workspace would match nobody).
  if (item.id !== undefined && (item.user_id !== undefined || item.email !== undefined)) delete item.id;
  if (item.user_id === undefined && item.email === undefined && item.id === undefined) {
    throw new RowError('needs a user_id or an email (or an Intercom id) to match the user');
  }
  // The client's own checks, as the bulk job would run them.
  personWriteBody(item, 'row');
  return item;
}

/** The user rows of `path`: each a bulk item, or the reason it cannot be one. */
export async function* userRows(
  path: string,
  format: InputFormat,
  attr: ReadonlyArray<[string, string]>,
  onColumns: (columns: UserColumns) => void,
): AsyncGenerator<Row<JsonObject>> {
  let columns: UserColumns | undefined;
  for await (const raw of rawRows(path, format)) {
    if ('error' in raw) {
      yield { line: raw.line, error: raw.error };
      continue;
    }
    if (raw.csv && columns === undefined) {
      columns = userColumns(Object.keys(raw.fields), attr);
      onColumns(columns);
    }
    yield toRow(raw.line, () => userItem(raw, columns));
  }
}

// ---- events ----

/** An event item from a JSONL object (as `events.create` takes it, or as `events list` prints it). */
function eventItem(raw: RawRow): JsonObject {
  const item: JsonObject = { ...raw.fields };
  // A listed event: its `id` is the event's, the user is `intercom_user_id`.
  if (item.type === 'event') {
    delete item.type;
    delete item.id;
  }
  if (item.intercom_user_id !== undefined) {
    if (item.id === undefined && item.user_id === undefined && item.email === undefined) item.id = item.intercom_user_id;
    delete item.intercom_user_id;
  }
  for (const key of ['user_id', 'email', 'id']) if (item[key] === null) delete item[key];
  if (item.created_at !== undefined) item.created_at = timestamp(item.created_at, 'created_at');
  return eventBody(item, 'row');
}

/** The event rows of `path` (JSON Lines): each a bulk item, or the reason it cannot be one. */
export async function* eventRows(path: string): AsyncGenerator<Row<JsonObject>> {
  for await (const raw of rawRows(path, 'jsonl')) {
    if ('error' in raw) yield { line: raw.line, error: raw.error };
    else yield toRow(raw.line, () => eventItem(raw));
  }
}

function toRow(line: number, build: () => JsonObject): Row<JsonObject> {
  try {
    return { line, item: build() };
  } catch (error) {
    if (error instanceof RowError) return { line, error: error.message };
    if (error instanceof InvalidParameterError) return { line, error: checkMessage(error) };
    throw error;
  }
}
