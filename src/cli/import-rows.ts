/**
 * Rows of an import file, checked one by one: each row (read by import-files.ts) turned into the item
 * a bulk job sends, or into the reason it cannot be sent.
 *
 * @module
 */
import { eventWriteBody, InvalidParameterError, type JsonObject, userWriteBody } from '../index.js';
import { type InputFormat, type RawRow, rawRows } from './import-files.js';
import { UsageError } from './usage-error.js';

/**
 * A row of the file: the item to send (and the names of the tags to give the user, which a bulk job
 * cannot carry), or why it cannot be sent. `line` is 1-based.
 */
export type Row<Item> =
  | { line: number; item: Item; tags?: string[]; error?: undefined }
  | { line: number; error: string; item?: undefined; tags?: undefined };

/** Longest custom attribute text Intercom keeps. */
export const MAX_ATTRIBUTE_LENGTH = 255;

// ---- values ----

/** Why a value cannot be used: becomes a bad row. */
class RowError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Largest epoch-seconds value taken (the year 5138): anything larger can only be milliseconds, the
 * usual JavaScript mistake (`Date.now()`), which would otherwise be stored as a date 1,000 times later.
 */
export const MAX_EPOCH_SECONDS = 1e11;

/** `value` epoch seconds, or a row error when it can only be milliseconds. */
function epochSeconds(value: number, field: string): number {
  if (value <= MAX_EPOCH_SECONDS) return Math.floor(value);
  const year = new Date(Math.floor(value)).getUTCFullYear();
  throw new RowError(
    `${field} ${value} is in milliseconds (as seconds it is after the year 5000): give epoch seconds ` +
      `(${Math.floor(value / 1000)}, the year ${year}) or an ISO 8601 date`,
  );
}

/** Epoch seconds from epoch seconds or an ISO 8601 date (UTC unless it names an offset). */
export function timestamp(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return epochSeconds(value, field);
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+$/.test(text)) return epochSeconds(Number(text), field);
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
  'segments',
  'social_profiles',
  'user_agent_data',
]);

const CUSTOM = 'custom_attributes.';

/**
 * Columns (CSV) and keys (JSON) an export writes that are not plain user fields: the user's companies
 * (CSV: company_ids joined by `;`), its tags (CSV: names joined by `;`), and `custom_attributes`
 * itself (a CSV column of that name appears when the first records had none: empty, or a JSON object).
 */
const LIST_COLUMNS = new Set(['companies', 'tags', 'custom_attributes']);

/** How the columns of a user CSV map to user fields. */
export interface UserColumns {
  /** Column -> user field. */
  fields: Map<string, string>;
  /** Column -> custom attribute name. */
  attributes: Map<string, string>;
  /** `companies`, `tags`, `custom_attributes` columns present. */
  lists: Set<string>;
  /** Columns skipped because Intercom sets them. */
  ignored: string[];
}

/**
 * Maps CSV columns: user fields by name, `custom_attributes.<name>` columns, `--attr name=column`
 * mappings. Columns an export carries but Intercom sets are skipped; any other column is a usage error
 * (a typo would otherwise drop data silently).
 */
export function userColumns(header: readonly string[], attr: ReadonlyArray<[string, string]>): UserColumns {
  const out: UserColumns = { fields: new Map(), attributes: new Map(), lists: new Set(), ignored: [] };
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
    else if (LIST_COLUMNS.has(column)) out.lists.add(column);
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

/** A user's companies as bulk items: from `a;b` (CSV) or the objects (or company_ids) of an export. */
function companiesOf(value: unknown): JsonObject[] {
  if (typeof value === 'string') {
    return value
      .split(';')
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .map((company_id) => ({ company_id }));
  }
  // A user as the API returns it lists them as { type: 'company.list', companies: [...] }.
  const list = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject).companies : value;
  if (!Array.isArray(list)) throw new RowError('companies must be a list of companies (each with a company_id)');
  return list.map((company) => {
    if (typeof company === 'string' || typeof company === 'number') return { company_id: String(company) };
    const c = (company ?? {}) as JsonObject;
    if (typeof c.company_id !== 'string' && typeof c.company_id !== 'number') {
      throw new RowError('each of companies needs a company_id');
    }
    return { company_id: String(c.company_id), ...(typeof c.name === 'string' ? { name: c.name } : {}) };
  });
}

/** A user's tag names: from `a;b` (CSV) or the tag objects (or names) of an export. */
function tagNamesOf(value: unknown): string[] {
  if (typeof value === 'string') {
    return value
      .split(';')
      .map((name) => name.trim())
      .filter((name) => name !== '');
  }
  const list = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject).tags : value;
  if (!Array.isArray(list)) throw new RowError('tags must be a list of tags (each with a name)');
  return list.map((tag) => {
    const name = typeof tag === 'string' ? tag : (tag as JsonObject | null)?.name;
    if (typeof name !== 'string' || name.trim() === '') throw new RowError('each of tags needs a name');
    return name.trim();
  });
}

/** Custom attributes from a CSV `custom_attributes` cell: a JSON object. */
function attributesCell(text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RowError('custom_attributes must be empty or a JSON object (or use custom_attributes.<name> columns)');
  }
  return value as JsonObject;
}

/** A user item (and its tags) from a CSV row (`columns` from {@link userColumns}) or a JSON object. */
function userItem(raw: RawRow, columns: UserColumns | undefined): { item: JsonObject; tags: string[] } {
  const item: JsonObject = {};
  const attributes: JsonObject = {};
  let tags: string[] = [];
  if (raw.csv) {
    const map = columns as UserColumns;
    for (const [column, text] of Object.entries(raw.fields)) {
      if (text.trim() === '') continue; // An empty cell leaves the field as it is.
      const field = map.fields.get(column);
      if (field !== undefined) item[field] = fieldValue(USER_FIELDS[field] as FieldKind, text, field);
      const attribute = map.attributes.get(column);
      if (attribute !== undefined) attributes[attribute] = attributeValue(text);
      if (!map.lists.has(column)) continue;
      if (column === 'companies') item.companies = companiesOf(text);
      else if (column === 'tags') tags = tagNamesOf(text);
      else Object.assign(attributes, attributesCell(text));
    }
  } else {
    for (const [key, value] of Object.entries(raw.fields)) {
      if (value === undefined || value === null) continue;
      const kind = USER_FIELDS[key];
      if (kind !== undefined) item[key] = fieldValue(kind, value, key);
      else if (key === 'custom_attributes') {
        if (typeof value !== 'object' || Array.isArray(value)) throw new RowError('custom_attributes must be an object');
        Object.assign(attributes, value);
      } else if (key === 'companies') {
        const companies = companiesOf(value);
        if (companies.length > 0) item.companies = companies;
      } else if (key === 'tags') tags = tagNamesOf(value);
      else if (!USER_READ_ONLY.has(key)) {
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
  userWriteBody(item, 'row');
  return { item, tags };
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
  return eventWriteBody(item, 'row');
}

/** The event rows of `path` (JSON Lines or a JSON array): each a bulk item, or the reason it cannot be one. */
export async function* eventRows(path: string, format: 'jsonl' | 'json'): AsyncGenerator<Row<JsonObject>> {
  for await (const raw of rawRows(path, format)) {
    if ('error' in raw) yield { line: raw.line, error: raw.error };
    else yield toRow(raw.line, () => ({ item: eventItem(raw) }));
  }
}

function toRow(line: number, build: () => { item: JsonObject; tags?: string[] }): Row<JsonObject> {
  try {
    const { item, tags } = build();
    return tags !== undefined && tags.length > 0 ? { line, item, tags } : { line, item };
  } catch (error) {
    if (error instanceof RowError) return { line, error: error.message };
    if (error instanceof InvalidParameterError) return { line, error: checkMessage(error) };
    throw error;
  }
}
