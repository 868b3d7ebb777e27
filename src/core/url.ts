/**
 * Paths and query strings as Intercom expects them.
 *
 * @module
 */

/** Values a query parameter may take; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | null | undefined;
/** Query parameters, sent in insertion order. */
export type QueryParams = Readonly<Record<string, QueryValue>>;

const FORM_EXTRA = /[!'()*]/g;

/**
 * Form-encodes one query component the way the Ruby gem does (`URI.encode_www_form`): everything but
 * `A-Z a-z 0-9 _ . - ~` is percent-encoded and a space becomes `+`.
 */
export function encodeFormComponent(value: string): string {
  return encodeURIComponent(value)
    .replace(FORM_EXTRA, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** `?a=1&b=2` in insertion order, or `''` when there is nothing to send. `null` is sent as `key=`. */
export function encodeQuery(params: QueryParams | undefined): string {
  if (params === undefined) return '';
  let out = '';
  for (const key in params) {
    const value = params[key];
    if (value === undefined) continue;
    out += `${out === '' ? '?' : '&'}${encodeFormComponent(key)}=${value === null ? '' : encodeFormComponent(String(value))}`;
  }
  return out;
}

/**
 * Tagged template for API paths: every interpolated value is percent-encoded as one path segment, so
 * `apiPath\`/users/${'a/b'}\`` is `/users/a%2Fb` and can never reach another path.
 */
export function apiPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) {
    out += encodeURIComponent(String(values[i])) + (strings[i + 1] as string);
  }
  return out;
}
