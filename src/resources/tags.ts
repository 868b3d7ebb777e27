import { InvalidParameterError } from '../core/errors.js';
import { entity, type JsonObject } from '../core/models.js';
import type { PageIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath, type QueryParams } from '../core/url.js';
import { requireId, requireObject, requireText } from '../core/validation.js';

/** A tag. */
export interface Tag {
  type?: 'tag';
  id: string;
  name: string;
  [field: string]: unknown;
}

/**
 * A user (or, by `id`, a lead) to tag: by Intercom `id`, `user_id` or `email`. A {@link User} works
 * too: the strongest identifier present is sent (`id`, then `user_id`, then `email`).
 */
export type TagUserItem = { id: string } | { user_id: string | number } | { email: string };

/** A company to tag: by Intercom `id` or your `company_id`. A {@link Company} works too (its `id` is sent). */
export type TagCompanyItem = { id: string } | { company_id: string | number };

/** Parameters of {@link Tags.tag} and {@link Tags.untag}: a tag name and either users or companies. */
export type TagParams =
  | { name: string; users: readonly TagUserItem[]; companies?: never }
  | { name: string; companies: readonly TagCompanyItem[]; users?: never };

/** Parameters of {@link Tags.create}. */
export interface CreateTagParams {
  name: string;
}

/** Query parameters of {@link Tags.findAll}, passed through as given. */
export type ListTagsParams = Readonly<Record<string, string | number | boolean>>;

/** Something with a tag `id`: a {@link Tag} or `user.tags[0]`. */
export interface TagReference {
  id: string;
}

const USER_KEYS = ['id', 'user_id', 'email'] as const;
const COMPANY_KEYS = ['id', 'company_id'] as const;

/**
 * The items as sent: each one reduced to its strongest identifier (plus `untag: true` when
 * untagging). New objects: the caller's items are never changed.
 */
function items(list: unknown, keys: readonly string[], parameter: string, action: 'tag' | 'untag'): JsonObject[] {
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidParameterError(parameter, 'must be a non-empty array');
  }
  return list.map((item: unknown, i) => {
    const at = `${parameter}[${i}]`;
    requireObject(item, at);
    const key = keys.find((k) => item[k] !== undefined && item[k] !== null && item[k] !== '');
    if (key === undefined) throw new InvalidParameterError(at, `one of ${keys.join(', ')} is required`);
    requireId(item[key], `${at}.${key}`);
    const out: JsonObject = { [key]: item[key] };
    if (action === 'untag') out.untag = true;
    return out;
  });
}

/** Tags: `intercom.tags`. */
export class Tags extends APIResource {
  /**
   * Tags users or companies (`POST /tags`), creating the tag if needed; returns the tag. If any of
   * them is unknown, nothing is tagged and {@link ResourceNotFound} is thrown.
   *
   * ```ts
   * await intercom.tags.tag({ name: 'blue', users: [{ email: 'bob@example.com' }] });
   * ```
   */
  tag(params: TagParams, options?: RequestOptions): Promise<Tag> {
    return this.#tagOrUntag(params, 'tag', options);
  }

  /** Removes a tag from users or companies (`POST /tags` with `"untag": true` on each item); returns the tag. */
  untag(params: TagParams, options?: RequestOptions): Promise<Tag> {
    return this.#tagOrUntag(params, 'untag', options);
  }

  /** Creates a tag, or returns the one with that name (names compare case-insensitively). */
  async create(params: CreateTagParams, options?: RequestOptions): Promise<Tag> {
    requireObject(params, 'params');
    const name = requireText(params.name, 'params.name');
    return entity<Tag>(await this.http.post('/tags', { body: { name }, idempotent: true, options }));
  }

  /** Deletes a tag (`DELETE /tags/{id}`); users and companies lose it. */
  async delete(tag: TagReference, options?: RequestOptions): Promise<void> {
    requireObject(tag, 'tag');
    const id = requireId(tag.id, 'tag.id');
    await this.http.delete(apiPath`/tags/${id}`, { body: {}, options });
  }

  /** Every tag of the app (`GET /tags`). */
  all(options?: RequestOptions): PageIterator<Tag> {
    return this.#list(undefined, options);
  }

  /** Tags, with query parameters passed through (`GET /tags?...`), as the gem's `find_all`. */
  findAll(params: ListTagsParams, options?: RequestOptions): PageIterator<Tag> {
    requireObject(params, 'params');
    return this.#list(params as QueryParams, options);
  }

  #list(query: QueryParams | undefined, options: RequestOptions | undefined): PageIterator<Tag> {
    return this.http.list('/tags', { query, itemsKey: 'tags', toModel: (raw: JsonObject) => raw as Tag, options });
  }

  async #tagOrUntag(params: TagParams, action: 'tag' | 'untag', options: RequestOptions | undefined): Promise<Tag> {
    requireObject(params, 'params');
    const name = requireText(params.name, 'params.name');
    const hasUsers = params.users !== undefined;
    if (hasUsers === (params.companies !== undefined)) {
      throw new InvalidParameterError('params', 'give either users or companies');
    }
    const body: JsonObject = { name };
    if (hasUsers) body.users = items(params.users, USER_KEYS, 'params.users', action);
    else body.companies = items(params.companies, COMPANY_KEYS, 'params.companies', action);
    body.tag_or_untag = action;
    // Tagging twice has the effect of tagging once.
    return entity<Tag>(await this.http.post('/tags', { body, idempotent: true, options }));
  }
}
