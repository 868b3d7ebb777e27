/**
 * The query language of `intercom customers search --query`, compiled to the JSON query of
 * `POST /customers/search`:
 *
 * ```text
 * name = Alice AND custom_attributes.plan IN [pro, team]
 * (email $ "@example.com" OR role = lead) AND session_count > 3
 * ```
 *
 * - A condition is `field operator value`. Operators: `=` `!=` `IN` `NIN` `>` `<` `~` (contains)
 *   `!~` (does not contain) `^` (starts with) `$` (ends with).
 * - Conditions join with `AND` and `OR` (`AND` binds tighter), grouped with parentheses. Groups nest
 *   at most two levels deep and hold at most 15 items, as the API allows.
 * - Values are quoted (`"..."` or `'...'`, backslash escapes the quote) or bare. A bare value is a
 *   number, `true`, `false` or `null` when it reads as one, else text; on text fields (`email`,
 *   `name`, ids...) and with the text operators it is always text. On timestamp fields (`created_at`,
 *   `custom_attributes.<name>_at`...) a bare date such as `2024-05-01` becomes epoch seconds.
 * - `IN` and `NIN` take a list in brackets: `[pro, team]`.
 *
 * Keywords (`AND`, `OR`, `IN`, `NIN`) ignore case. A mistake throws {@link QuerySyntaxError} with
 * the position it is at.
 *
 * @module
 */
import type { CustomerSearchFilter, CustomerSearchQuery, CustomerSearchValue } from '../index.js';

/** Groups nest at most this deep (the API's rule). */
export const MAX_GROUP_DEPTH = 2;
/** A group holds at most this many items (the API's rule). */
export const MAX_GROUP_ITEMS = 15;

/** A mistake in a query, at `position` (0-based index into the query). */
export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
  constructor(
    message: string,
    /** 0-based index of the mistake in {@link QuerySyntaxError.query}. */
    readonly position: number,
    /** The query. */
    readonly query: string,
  ) {
    super(message);
  }

  /** The message, then the query with a caret under the mistake. */
  explain(): string {
    // One line, so the caret lines up: newlines and tabs show as spaces.
    const flat = this.query.replace(/[\t\r\n]/g, ' ');
    return `${this.message} (at column ${this.position + 1})\n  ${flat}\n  ${' '.repeat(this.position)}^`;
  }
}

type Comparison = '=' | '!=' | '>' | '<' | '~' | '!~' | '^' | '$';
type Operator = Comparison | 'IN' | 'NIN';

/** A value as written: quoted text, or a bare word still to be typed. */
interface RawValue {
  text: string;
  quoted: boolean;
  at: number;
}

/** The syntax tree, with positions for errors found after parsing. */
type Node =
  | { kind: 'filter'; at: number; field: string; operator: Operator; value: RawValue | RawValue[] }
  | { kind: 'group'; at: number; operator: 'AND' | 'OR'; items: Node[] };

/** Fields whose values are text even when they look like numbers. */
const TEXT_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'user_id',
  'email',
  'name',
  'phone',
  'pseudonym',
  'role',
  'last_seen_ip',
  'tag_id',
  'segment_id',
  'company_id',
]);
/** Fields holding epoch seconds. */
const TIME_FIELDS: ReadonlySet<string> = new Set([
  'created_at',
  'updated_at',
  'signed_up_at',
  'remote_created_at',
  'last_request_at',
]);
const TEXT_OPERATORS: ReadonlySet<Operator> = new Set(['~', '!~', '^', '$']);
/** Comparison operators, longest first so that `!=` is not read as `!`. */
const COMPARISONS: readonly Comparison[] = ['!=', '!~', '=', '>', '<', '~', '^', '$'];
const OPERATOR_LIST = '=, !=, IN, NIN, >, <, ~, !~, ^, $';
/** Characters that end a bare field name. */
const FIELD_STOP = /[\s()[\],'"=!~^$<>]/;
/** Characters that end a bare value. */
const VALUE_STOP = /[\s()[\],'"]/;
/** Added where a bare value with a space is the likely mistake. */
const QUOTE_HINT = ' (quote values that hold spaces: name = "Alice Smith")';
const NUMBER = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses a query into the API's JSON query. Throws {@link QuerySyntaxError}. */
export function parseQuery(query: string): CustomerSearchQuery {
  const parser = new Parser(query);
  const tree = parser.parse();
  checkShape(tree, query, 0);
  return compile(tree, query);
}

class Parser {
  #pos = 0;
  constructor(readonly text: string) {}

  parse(): Node {
    this.#skipSpace();
    if (this.#pos >= this.text.length) this.#fail('the query is empty: expected a condition such as name = Alice');
    const node = this.#or();
    this.#skipSpace();
    if (this.#pos < this.text.length) {
      if (this.text[this.#pos] === ')') this.#fail("unexpected ')': no '(' is open");
      this.#fail(`expected AND, OR or the end of the query, found ${this.#describeHere()}${QUOTE_HINT}`);
    }
    return node;
  }

  #fail(message: string, at = this.#pos): never {
    throw new QuerySyntaxError(message, at, this.text);
  }

  #skipSpace(): void {
    while (this.#pos < this.text.length && /\s/.test(this.text[this.#pos] as string)) this.#pos += 1;
  }

  /** What is at the current position, for messages. */
  #describeHere(): string {
    if (this.#pos >= this.text.length) return 'the end of the query';
    const rest = this.text.slice(this.#pos);
    const word = /^[^\s()[\],]+/.exec(rest)?.[0] ?? rest[0];
    return `'${word}'`;
  }

  /** A keyword (case-insensitive) followed by a word boundary; consumes it when present. */
  #keyword(word: string): boolean {
    this.#skipSpace();
    const candidate = this.text.slice(this.#pos, this.#pos + word.length);
    if (candidate.toUpperCase() !== word) return false;
    const next = this.text[this.#pos + word.length];
    if (next !== undefined && !/[\s()[\]'"]/.test(next)) return false;
    this.#pos += word.length;
    return true;
  }

  #or(): Node {
    return this.#chain('OR', () => this.#and());
  }

  #and(): Node {
    return this.#chain('AND', () => this.#primary());
  }

  /** `item (op item)*` as one group, flattening nested groups of the same operator. */
  #chain(operator: 'AND' | 'OR', item: () => Node): Node {
    this.#skipSpace();
    const at = this.#pos;
    const items = [item()];
    for (;;) {
      const save = this.#pos;
      if (!this.#keyword(operator)) {
        this.#pos = save;
        break;
      }
      this.#skipSpace();
      if (this.#pos >= this.text.length) this.#fail(`expected a condition after ${operator}`);
      items.push(item());
    }
    if (items.length === 1) return items[0] as Node;
    const flat = items.flatMap((node) => (node.kind === 'group' && node.operator === operator ? node.items : [node]));
    return { kind: 'group', at, operator, items: flat };
  }

  #primary(): Node {
    this.#skipSpace();
    const at = this.#pos;
    if (this.text[at] === '(') {
      this.#pos += 1;
      this.#skipSpace();
      if (this.text[this.#pos] === ')') this.#fail('empty parentheses: expected a condition');
      const node = this.#or();
      this.#skipSpace();
      if (this.text[this.#pos] !== ')') {
        if (this.#pos >= this.text.length) this.#fail(`the '(' at column ${at + 1} is never closed: expected ')'`);
        this.#fail(`expected AND, OR or ')', found ${this.#describeHere()}${QUOTE_HINT}`);
      }
      this.#pos += 1;
      // A parenthesised group keeps the position of its '(' for errors about it.
      return node.kind === 'group' ? { ...node, at } : node;
    }
    return this.#condition();
  }

  #condition(): Node {
    const at = this.#pos;
    const field = this.#field();
    const operator = this.#operator(field);
    this.#skipSpace();
    if (operator === 'IN' || operator === 'NIN') {
      if (this.text[this.#pos] !== '[') {
        this.#fail(`${operator} needs a list in brackets, such as [pro, team]; found ${this.#describeHere()}`);
      }
      return { kind: 'filter', at, field, operator, value: this.#list() };
    }
    if (this.text[this.#pos] === '[') this.#fail(`only IN and NIN take a list; ${operator} needs one value`);
    return { kind: 'filter', at, field, operator, value: this.#value(operator, VALUE_STOP) };
  }

  #field(): string {
    const c = this.text[this.#pos];
    if (c === undefined) this.#fail('expected a field name');
    if (c === '"' || c === "'") {
      const value = this.#quoted();
      if (value.text === '') this.#fail('a field name must not be empty', value.at);
      return value.text;
    }
    const start = this.#pos;
    while (this.#pos < this.text.length && !FIELD_STOP.test(this.text[this.#pos] as string)) this.#pos += 1;
    if (this.#pos === start) {
      if (c === ')') this.#fail("unexpected ')': expected a condition");
      this.#fail(`expected a field name, found ${this.#describeHere()}`);
    }
    const name = this.text.slice(start, this.#pos);
    if (/^(AND|OR)$/i.test(name)) this.#fail(`expected a condition, found ${name.toUpperCase()}`, start);
    return name;
  }

  #operator(field: string): Operator {
    this.#skipSpace();
    for (const op of COMPARISONS) {
      if (this.text.startsWith(op, this.#pos)) {
        this.#pos += op.length;
        return op;
      }
    }
    if (this.#keyword('NIN')) return 'NIN';
    if (this.#keyword('IN')) return 'IN';
    this.#skipSpace();
    return this.#fail(`expected an operator (${OPERATOR_LIST}) after '${field}', found ${this.#describeHere()}`);
  }

  #quoted(): RawValue {
    const at = this.#pos;
    const quote = this.text[at] as string;
    let out = '';
    let i = at + 1;
    for (;;) {
      const c = this.text[i];
      if (c === undefined) this.#fail(`unterminated quoted text: expected a closing ${quote}`, at);
      if (c === '\\' && i + 1 < this.text.length) {
        out += this.text[i + 1];
        i += 2;
        continue;
      }
      if (c === quote) break;
      out += c;
      i += 1;
    }
    this.#pos = i + 1;
    return { text: out, quoted: true, at };
  }

  #value(operator: string, stop: RegExp): RawValue {
    this.#skipSpace();
    const c = this.text[this.#pos];
    if (c === '"' || c === "'") return this.#quoted();
    const at = this.#pos;
    while (this.#pos < this.text.length && !stop.test(this.text[this.#pos] as string)) this.#pos += 1;
    if (this.#pos === at) this.#fail(`expected a value after '${operator}', found ${this.#describeHere()}`);
    return { text: this.text.slice(at, this.#pos), quoted: false, at };
  }

  #list(): RawValue[] {
    const open = this.#pos;
    this.#pos += 1; // '['
    const items: RawValue[] = [];
    this.#skipSpace();
    if (this.text[this.#pos] === ']') this.#fail('the list is empty: give at least one value', open);
    for (;;) {
      items.push(this.#value('[', /[\s()[\],'"]/));
      this.#skipSpace();
      const c = this.text[this.#pos];
      if (c === ',') {
        this.#pos += 1;
        this.#skipSpace();
        if (this.text[this.#pos] === ']') this.#fail("expected a value after ','");
        continue;
      }
      if (c === ']') {
        this.#pos += 1;
        return items;
      }
      if (c === undefined) this.#fail(`the '[' at column ${open + 1} is never closed: expected ']'`);
      this.#fail(`expected ',' or ']' in the list, found ${this.#describeHere()}`);
    }
  }
}

/** Checks group depth and size (`level` = groups around the node). */
function checkShape(node: Node, query: string, level: number): void {
  if (node.kind === 'filter') return;
  if (level + 1 > MAX_GROUP_DEPTH) {
    throw new QuerySyntaxError(
      `AND/OR groups nest at most ${MAX_GROUP_DEPTH} levels deep; this group is level ${level + 1}`,
      node.at,
      query,
    );
  }
  if (node.items.length > MAX_GROUP_ITEMS) {
    const extra = node.items[MAX_GROUP_ITEMS] as Node;
    throw new QuerySyntaxError(
      `an ${node.operator} group holds at most ${MAX_GROUP_ITEMS} conditions; this is number ${MAX_GROUP_ITEMS + 1}`,
      extra.at,
      query,
    );
  }
  for (const item of node.items) checkShape(item, query, level + 1);
}

function compile(node: Node, query: string): CustomerSearchQuery {
  if (node.kind === 'filter') return compileFilter(node, query);
  return {
    operator: node.operator,
    value: node.items.map((item) => {
      if (item.kind === 'filter') return compileFilter(item, query);
      return {
        operator: item.operator,
        value: item.items.map((inner) => {
          // checkShape allows only conditions in a second-level group.
          if (inner.kind !== 'filter') throw new QuerySyntaxError('groups nest too deep', inner.at, query);
          return compileFilter(inner, query);
        }),
      };
    }),
  };
}

function compileFilter(node: Extract<Node, { kind: 'filter' }>, query: string): CustomerSearchFilter {
  const { field, operator } = node;
  if (operator === 'IN' || operator === 'NIN') {
    const raws = node.value as RawValue[];
    const values = raws.map((raw) => {
      const value = typed(field, operator, raw, query);
      if (value === null) throw new QuerySyntaxError(`${operator} lists take values, not null`, raw.at, query);
      return value;
    });
    return { field, operator, value: values };
  }
  const raw = node.value as RawValue;
  const value = typed(field, operator, raw, query);
  if (operator === '=' || operator === '!=') return { field, operator, value };
  if (value === null) throw new QuerySyntaxError('null only goes with = and != (has no value / has one)', raw.at, query);
  if (operator === '>' || operator === '<') {
    if (typeof value === 'boolean') throw new QuerySyntaxError(`${operator} needs a number, a date or text`, raw.at, query);
    return { field, operator, value };
  }
  if (typeof value !== 'string' || value === '') throw new QuerySyntaxError(`${operator} needs non-empty text`, raw.at, query);
  return { field, operator, value };
}

const isTimeField = (field: string): boolean =>
  TIME_FIELDS.has(field) || (field.startsWith('custom_attributes.') && field.endsWith('_at'));

/** The typed value of a raw value on `field` with `operator`. */
function typed(field: string, operator: Operator, raw: RawValue, query: string): CustomerSearchValue | null {
  if (raw.quoted || TEXT_OPERATORS.has(operator)) return raw.text;
  const text = raw.text;
  if (isTimeField(field) && ISO_DATE.test(text)) {
    const ms = Date.parse(/[T ]\d{2}:\d{2}/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text);
    if (Number.isNaN(ms)) throw new QuerySyntaxError(`'${text}' is not a valid date`, raw.at, query);
    return Math.floor(ms / 1000);
  }
  if (text === 'null') return null;
  if (TEXT_FIELDS.has(field)) return text;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (NUMBER.test(text)) return Number(text);
  return text;
}
