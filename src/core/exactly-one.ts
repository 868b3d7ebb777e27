/**
 * Exactly one of the keys of `T`, the others absent:
 * `ExactlyOne<{ id: string; email: string }>` is `{ id: string; email?: never } | { email: string; id?: never }`.
 * Used where the API takes one identifier out of several.
 */
export type ExactlyOne<T> = {
  [K in keyof T]: Pick<T, K> & { [Other in Exclude<keyof T, K>]?: never };
}[keyof T];
