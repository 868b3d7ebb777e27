/**
 * The search query language of `contacts.search`, `conversations.search` and `tickets.search`: a typed
 * builder (fields, operators and values per field kind) and the checks every search request passes
 * before it is sent (nesting at most 2 levels, at most 15 filters per group, operators that apply to
 * the field, arrays for `IN`/`NIN`).
 *
 * ```ts
 * const { where, and, or } = contactSearch;
 * const query = and(where('role', '=', 'user'), or(where('email', '$', '@example.com'), where('name', '~', 'Joe')));
 * await client.contacts.search({ query, pagination: { per_page: 50 } });
 * ```
 *
 * @module
 */

import { InvalidParameterError } from '../core/errors.js';
import type { MultipleFilterSearchRequest, SingleFilterSearchRequest } from './generated/schemas.js';
import {
  CONTACT_SEARCH,
  CONVERSATION_SEARCH,
  type SearchFieldKind,
  type SearchLanguage,
  TICKET_SEARCH,
} from './generated/search-languages.js';

/** AND/OR groups nest at most this many levels deep. */
export const SEARCH_MAX_DEPTH = 2;
/** An AND/OR group holds at most this many filters. */
export const SEARCH_MAX_GROUP_ITEMS = 15;
/** Every operator of the query language. */
export const SEARCH_OPERATORS = ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<=', '~', '!~', '^', '$'] as const;
/** An operator of the query language. */
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

/** A value a filter compares with. */
export type SearchScalar = string | number | boolean | null;

/** One comparison: `field operator value`. */
export interface SearchFilter<Field extends string = string> {
  field: Field;
  operator: SearchOperator;
  value: SearchScalar | SearchScalar[];
}

/** Filters and groups joined by AND or OR. */
export interface SearchGroup<Field extends string = string> {
  operator: 'AND' | 'OR';
  value: Array<SearchFilter<Field> | SearchGroup<Field>>;
}

/** A search query: one filter or one group. */
export type SearchQuery<Field extends string = string> = SearchFilter<Field> | SearchGroup<Field>;

type Language = { readonly fields: object; readonly operators: object };
/** `custom_attributes.{attribute_name}` as the field names it stands for. */
type FieldPattern<K> = K extends `${infer Head}{${string}}${infer Tail}` ? `${Head}${string}${Tail}` : K;
/** The field names of a language. */
export type SearchField<L extends Language> = FieldPattern<keyof L['fields'] & string>;
/** The kinds of a field: the table's, or (a pattern such as `custom_attributes.{name}`) any kind. */
type KindsOf<L extends Language, F extends string> = {
  [K in keyof L['fields'] & string]: F extends K
    ? L['fields'][K] extends readonly (infer Kind)[]
      ? Kind
      : never
    : F extends FieldPattern<K>
      ? SearchFieldKind
      : never;
}[keyof L['fields'] & string];
/** The operators that apply to a field (operators the tables do not mention are not restricted). */
type OperatorsFor<L extends Language, F extends string> =
  | {
      [Op in keyof L['operators'] & SearchOperator]: L['operators'][Op] extends { kinds: readonly (infer K)[] }
        ? [Extract<KindsOf<L, F>, K>] extends [never]
          ? never
          : Op
        : never;
    }[keyof L['operators'] & SearchOperator]
  | Exclude<SearchOperator, keyof L['operators']>;
type ScalarFor<Kind> = Kind extends 'boolean'
  ? boolean
  : Kind extends 'string'
    ? string
    : Kind extends 'date' | 'integer' | 'float'
      ? number | string
      : never;
/** The value a filter of a field with an operator takes: an array for IN and NIN. */
type ValueFor<L extends Language, F extends string, Op> = Op extends 'IN' | 'NIN'
  ? Array<ScalarFor<KindsOf<L, F>>>
  : ScalarFor<KindsOf<L, F>> | null;

/** Builds the queries of one search operation, typed by its fields. */
export class SearchBuilder<L extends Language> {
  /** The language the queries are checked against. */
  readonly language: L;

  constructor(language: L) {
    this.language = language;
    this.where = this.where.bind(this);
    this.and = this.and.bind(this);
    this.or = this.or.bind(this);
  }

  /** One filter: `field operator value`. The operator must apply to the field's kind; IN and NIN take an array. */
  where<F extends SearchField<L>, Op extends OperatorsFor<L, F>>(
    field: F,
    operator: Op,
    value: ValueFor<L, F, Op>,
  ): SearchFilter<F> & SingleFilterSearchRequest {
    return { field, operator, value } as SearchFilter<F> & SingleFilterSearchRequest;
  }

  /** All of `items` (at most 15). Filters and groups may be mixed: the API takes it, the description's type does not say so. */
  and<F extends SearchField<L>>(...items: Array<SearchQuery<F>>): SearchGroup<F> & MultipleFilterSearchRequest {
    return { operator: 'AND', value: items } as SearchGroup<F> & MultipleFilterSearchRequest;
  }

  /** Any of `items` (at most 15). */
  or<F extends SearchField<L>>(...items: Array<SearchQuery<F>>): SearchGroup<F> & MultipleFilterSearchRequest {
    return { operator: 'OR', value: items } as SearchGroup<F> & MultipleFilterSearchRequest;
  }
}

/** Queries of `contacts.search`. */
export const contactSearch = /* @__PURE__ */ new SearchBuilder(CONTACT_SEARCH);
/** Queries of `conversations.search`. */
export const conversationSearch = /* @__PURE__ */ new SearchBuilder(CONVERSATION_SEARCH);
/** Queries of `tickets.search`. */
export const ticketSearch = /* @__PURE__ */ new SearchBuilder(TICKET_SEARCH);

/** The language of each search path. */
export const SEARCH_LANGUAGES: Readonly<Record<string, SearchLanguage>> = {
  '/contacts/search': CONTACT_SEARCH,
  '/conversations/search': CONVERSATION_SEARCH,
  '/tickets/search': TICKET_SEARCH,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** The kinds of `field` in `language`: the table's, any kind for a pattern, `undefined` when unknown. */
function kindsOfField(language: SearchLanguage, field: string): readonly SearchFieldKind[] | undefined {
  const exact = language.fields[field];
  if (exact !== undefined) return exact;
  for (const pattern of Object.keys(language.fields)) {
    const brace = pattern.indexOf('{');
    if (brace !== -1 && field.startsWith(pattern.slice(0, brace)) && field.length > brace) {
      return ['string', 'date', 'boolean', 'integer', 'float'];
    }
  }
  return undefined;
}

/**
 * Checks a search query before it is sent; throws an {@link InvalidParameterError} naming the place
 * (`query.value[1].operator`) of the first problem.
 */
export function checkSearchQuery(query: unknown, language: SearchLanguage, at = 'query', depth = 0): void {
  if (!isRecord(query))
    throw new InvalidParameterError(at, 'must be a filter ({ field, operator, value }) or a group ({ operator, value: [...] })');
  if (query.operator === 'AND' || query.operator === 'OR') {
    if (depth >= SEARCH_MAX_DEPTH) {
      throw new InvalidParameterError(at, `AND/OR groups nest at most ${SEARCH_MAX_DEPTH} levels deep`);
    }
    if (!Array.isArray(query.value) || query.value.length === 0) {
      throw new InvalidParameterError(`${at}.value`, 'must be a non-empty array of filters and groups');
    }
    if (query.value.length > SEARCH_MAX_GROUP_ITEMS) {
      throw new InvalidParameterError(
        `${at}.value`,
        `holds ${query.value.length} items; a group holds at most ${SEARCH_MAX_GROUP_ITEMS}`,
      );
    }
    query.value.forEach((item, i) => {
      checkSearchQuery(item, language, `${at}.value[${i}]`, depth + 1);
    });
    return;
  }
  const { field, operator, value } = query;
  if (typeof field !== 'string' || field === '') throw new InvalidParameterError(`${at}.field`, 'must be a non-empty string');
  if (typeof operator !== 'string' || !(SEARCH_OPERATORS as readonly string[]).includes(operator)) {
    throw new InvalidParameterError(`${at}.operator`, `must be one of ${SEARCH_OPERATORS.join(' ')} (or AND/OR for a group)`);
  }
  if (operator === 'IN' || operator === 'NIN') {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isScalar)) {
      throw new InvalidParameterError(`${at}.value`, `must be a non-empty array of values for ${operator}`);
    }
  } else if (!isScalar(value)) {
    throw new InvalidParameterError(`${at}.value`, `must be a string, number, boolean or null for ${operator}`);
  }
  const rule = language.operators[operator];
  const kinds = kindsOfField(language, field);
  if (rule === undefined || kinds === undefined) return;
  if (rule.exceptFields.includes(field) || !kinds.some((kind) => rule.kinds.includes(kind))) {
    throw new InvalidParameterError(`${at}.operator`, `'${operator}' does not apply to ${field} (${kinds.join(' or ')})`);
  }
}

/** Checks the body of a search request, when `path` is a search path. */
export function checkSearchRequest(path: string, body: unknown): void {
  const language = SEARCH_LANGUAGES[path];
  if (language === undefined) return;
  if (!isRecord(body)) throw new InvalidParameterError('request', 'must be an object with a query');
  checkSearchQuery(body.query, language);
}
