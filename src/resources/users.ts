import { InvalidParameterError, MultipleMatchingUsersError, ResourceNotFound } from '../core/errors.js';
import type { ExactlyOne } from '../core/exactly-one.js';
import {
  type CustomAttributes,
  changedFields,
  entity,
  fillModel,
  type JsonObject,
  ModelWithCustomAttributes,
  refreshModel,
  type Timestamp,
} from '../core/models.js';
import type { PageIterator, ScrollIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath, type QueryParams } from '../core/url.js';
import {
  type ListParameterKind,
  listQuery,
  rejectUnknownKeys,
  requireAnyOf,
  requireId,
  requireObject,
  requireOneOf,
} from '../core/validation.js';
import { bulkItems, type Job, submitBulk } from './jobs.js';
import { personFieldsBody, personWriteBody, USER_READ_ONLY, USER_SHAPE } from './person-fields.js';

/** A company as embedded in a user (`user.companies`). */
export interface UserCompany {
  type?: 'company';
  /** Intercom's id of the company. */
  id?: string;
  /** Your id of the company. */
  company_id?: string;
  name?: string;
  [field: string]: unknown;
}

/** A company item to send in `companies` when creating or saving a user. */
export interface UserCompanyInput {
  /** Your id of the company; an unknown one creates the company. */
  company_id?: string | number;
  /** Intercom's id of the company (or, as the API allows, its `company_id`). */
  id?: string | number;
  name?: string;
  /** Custom attributes of the company. */
  custom_attributes?: CustomAttributes;
  /** `true` removes the user from this company. */
  remove?: boolean;
  [field: string]: unknown;
}

/** A tag as embedded in a user (`user.tags`). */
export interface UserTag {
  type: 'tag';
  id: string;
  name?: string;
}

/** A segment as embedded in a user (`user.segments`). */
export interface UserSegment {
  type: 'segment';
  id: string;
}

/** A social profile of a user (`user.social_profiles`). */
export interface SocialProfile {
  type: 'social_profile';
  name: string;
  id: string | null;
  username: string;
  url: string;
}

/** A user's avatar. */
export interface Avatar {
  type?: 'avatar';
  image_url: string | null;
}

/** Where a user was last seen. */
export interface LocationData {
  type: 'location_data';
  city_name?: string | null;
  continent_code?: string | null;
  country_code?: string | null;
  country_name?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
  postal_code?: string | null;
  region_name?: string | null;
  timezone?: string | null;
}

/**
 * The fields of a user as API 1.x returns them. Timestamps are epoch seconds. The fields that
 * {@link Users.save} never sends (`id`, `created_at`...) are `readonly`.
 */
export interface UserFields {
  readonly type: 'user';
  /** Intercom's id of the user. */
  readonly id: string;
  /** Your id of the user. */
  user_id: string | null;
  email: string | null;
  name?: string | null;
  phone?: string | null;
  readonly app_id?: string;
  readonly anonymous?: boolean;
  readonly pseudonym?: string | null;
  avatar?: Avatar;
  readonly created_at: number;
  readonly updated_at: number;
  signed_up_at?: number | null;
  remote_created_at?: number | null;
  last_request_at?: number | null;
  readonly session_count?: number;
  /** Not returned from API 1.2 on. */
  last_seen_ip?: string | null;
  /** Not returned from API 1.2 on. */
  user_agent_data?: string | null;
  unsubscribed_from_emails?: boolean;
  marked_email_as_spam?: boolean;
  has_hard_bounced?: boolean;
  owner_id?: number | string | null;
  referrer?: string | null;
  utm_source?: string | null;
  utm_medium?: string | null;
  utm_campaign?: string | null;
  utm_term?: string | null;
  utm_content?: string | null;
  do_not_track?: boolean | null;
  location_data?: LocationData | Record<string, never>;
  custom_attributes: CustomAttributes;
  /** From the `company.list` wrapper. Assign a new array of {@link UserCompanyInput} to change membership. */
  companies: Array<UserCompany | UserCompanyInput>;
  /** From the `social_profile.list` wrapper. */
  social_profiles: SocialProfile[];
  /** From the `segment.list` wrapper. */
  segments: UserSegment[];
  /** From the `tag.list` wrapper. */
  tags: UserTag[];
}

// The class adds behaviour; the interface types the fields the API fills in.
export interface User extends UserFields {}

/**
 * A user, as returned by the API. Known fields are typed; any other field the API sends is kept too.
 * Change fields or `custom_attributes` (in place or by assignment) and pass the user to
 * {@link Users.save}: it sends what changed.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class User extends ModelWithCustomAttributes {
  [field: string]: unknown;

  /** @internal Builds a user from an API response (unwraps `X.list` wrappers). */
  constructor(data: JsonObject) {
    super();
    fillModel(this, data, USER_SHAPE);
  }
}

/** Fields accepted when creating or updating a user. Timestamps accept `Date`. */
export interface UserWriteFields {
  phone?: string | null;
  name?: string | null;
  signed_up_at?: Timestamp | null;
  remote_created_at?: Timestamp | null;
  last_request_at?: Timestamp | null;
  last_seen_ip?: string | null;
  last_seen_user_agent?: string | null;
  unsubscribed_from_emails?: boolean;
  owner_id?: number | string | null;
  /** Sets `last_request_at` to now. */
  update_last_request_at?: boolean;
  /** Counts a new session. */
  new_session?: boolean;
  /** Flat custom attributes; merged key by key into the stored ones. */
  custom_attributes?: CustomAttributes;
  companies?: UserCompanyInput[];
}

/** Parameters of {@link Users.create}: the user's fields and at least one identifier. */
export type CreateUserParams = UserWriteFields &
  (
    | { user_id: string; email?: string; id?: string }
    | { email: string; user_id?: string; id?: string }
    | { id: string; user_id?: string; email?: string }
  );

/** A user to create or update in a bulk job: its fields and at least one identifier (sent as given). */
export type BulkUserItem = UserWriteFields &
  (
    | { user_id: string | number; email?: string; id?: string }
    | { email: string; user_id?: string | number; id?: string }
    | { id: string; user_id?: string | number; email?: string }
  );

/** A user to archive in a bulk job, by one identifier. */
export type BulkUserDeleteItem = { user_id: string | number } | { email: string } | { id: string };

/** Parameters of {@link Users.submitBulkJob}. At least one item is required. */
export type SubmitUserBulkJobParams = {
  /** Users to create or update (each an upsert, as {@link Users.create}). Sent first. */
  create_items?: BulkUserItem[];
  /** Users to archive. Sent after the creates. */
  delete_items?: BulkUserDeleteItem[];
  /** Appends the items to this open job instead of starting a new one. */
  job_id?: string;
};

/** How to find one user: exactly one of Intercom's `id`, `email` or your `user_id`. */
export type FindUserParams = ExactlyOne<{ id: string; email: string; user_id: string }>;

/** Filters and paging of {@link Users.findAll}; sent as query parameters in the order given. */
export interface ListUsersParams {
  /** The gem's examples send `type: 'users'`; passed through. */
  type?: string;
  /** An explicit page fetches only that page. */
  page?: number;
  /** Default and maximum: 50 (60 in later 1.x versions). */
  per_page?: number;
  order?: 'asc' | 'desc';
  sort?: 'created_at' | 'last_request_at' | 'signed_up_at' | 'updated_at';
  /** Only users created in the last `created_since` days. */
  created_since?: number;
  tag_id?: string;
  segment_id?: string;
  tag_name?: string;
  /** Every user with this email; under API 1.0, which answers one user, a list of that one (or none). */
  email?: string;
}

/** Something with an Intercom `id`: a {@link User}, or a partial reference such as `conversation.user`. */
export interface UserReference {
  id: string;
}

const USER_IDENTIFIERS = ['user_id', 'email', 'id'] as const;

/** The parameters of {@link Users.findAll} and what each may hold. */
const LIST_USERS_FIELDS: Readonly<Record<keyof ListUsersParams, ListParameterKind>> = {
  type: 'text',
  page: 'positive-integer',
  per_page: 'positive-integer',
  order: ['asc', 'desc'],
  sort: ['created_at', 'last_request_at', 'signed_up_at', 'updated_at'],
  created_since: 'days',
  tag_id: 'id',
  segment_id: 'id',
  tag_name: 'text',
  email: 'text',
};

const toUser = (raw: JsonObject): User => new User(raw);

/**
 * Users: `intercom.users`.
 *
 * ```ts
 * const user = await intercom.users.find({ email: 'bob@example.com' });
 * user.custom_attributes.plan = 'pro';
 * await intercom.users.save(user);
 * ```
 */
export class Users extends APIResource {
  /**
   * Finds one user by Intercom `id`, `email` or `user_id`. An email that matches several users throws
   * {@link MultipleMatchingUsersError}; no match throws {@link ResourceNotFound}.
   */
  async find(params: FindUserParams, options?: RequestOptions): Promise<User> {
    requireObject(params, 'params');
    rejectUnknownKeys(params, ['id', 'email', 'user_id'], 'params');
    const [key, value] = requireOneOf(params, ['id', 'email', 'user_id'], 'params', ['id']);
    const body =
      key === 'id'
        ? await this.http.get(apiPath`/users/${value}`, { options })
        : await this.http.get('/users', { query: { [key]: value }, options });
    return singleUser(body, key, value);
  }

  /** Fetches the full user behind any object with an `id` (for example `conversation.user`). */
  async load(user: UserReference, options?: RequestOptions): Promise<User> {
    requireObject(user, 'user');
    const id = requireId(user.id, 'user.id');
    const body = await this.http.get(apiPath`/users/${id}`, { options });
    return singleUser(body, 'id', id);
  }

  /** Creates a user, or updates the one with the same `user_id` or `email` (an upsert). */
  async create(params: CreateUserParams, options?: RequestOptions): Promise<User> {
    requireObject(params, 'params');
    requireAnyOf(params, USER_IDENTIFIERS, 'params');
    const body = personWriteBody(params, 'params');
    return this.#post(body, options);
  }

  /**
   * Saves a user: sends its identifiers, its complete `custom_attributes` and every other field that
   * changed since the API returned it (by assignment or in place). Refreshes `user` from the response
   * and returns it.
   */
  async save(user: User, options?: RequestOptions): Promise<User> {
    requireObject(user, 'user');
    const changed = changedFields(user, USER_READ_ONLY);
    const body = personWriteBody({ ...changed, custom_attributes: user.custom_attributes }, 'user');
    for (const key of ['id', 'email', 'user_id'] as const) {
      const value = user[key];
      if (value !== undefined && value !== '') body[key] = value;
    }
    if (body.id === undefined && body.email === undefined && body.user_id === undefined) {
      throw new InvalidParameterError('user', 'one of id, email or user_id is required to save a user');
    }
    const saved = await this.#post(body, options);
    refreshModel(user, saved, USER_SHAPE);
    return user;
  }

  /** Archives a user (`DELETE /users/{id}`) and returns the archived user. */
  async archive(user: UserReference, options?: RequestOptions): Promise<User> {
    requireObject(user, 'user');
    const id = requireId(user.id, 'user.id');
    const body = await this.http.delete(apiPath`/users/${id}`, { body: {}, options });
    return singleUser(body, 'id', id);
  }

  /** Asks Intercom to delete a user permanently (`POST /user_delete_requests`). */
  async requestHardDelete(user: UserReference, options?: RequestOptions): Promise<void> {
    requireObject(user, 'user');
    const id = requireId(user.id, 'user.id');
    // Asking twice for the same deletion deletes once.
    await this.http.post('/user_delete_requests', { body: { intercom_user_id: id }, idempotent: true, options });
  }

  /**
   * Creates, updates and archives users in one asynchronous bulk job (`POST /bulk/users`): creates
   * first, then deletes. Returns the job (`running`); follow it with `intercom.jobs.wait(job)`. With
   * `job_id`, the items are appended to that open job. Not repeated after a lost answer.
   */
  async submitBulkJob(params: SubmitUserBulkJobParams, options?: RequestOptions): Promise<Job> {
    requireObject(params, 'params');
    const creates = bulkItems(params.create_items, 'params.create_items').map((item, i) => {
      requireAnyOf(item, USER_IDENTIFIERS, `params.create_items[${i}]`);
      return { method: 'post' as const, data_type: 'user' as const, data: personFieldsBody(item, `params.create_items[${i}]`) };
    });
    const deletes = bulkItems(params.delete_items, 'params.delete_items').map((item, i) => {
      requireOneOf(item, USER_IDENTIFIERS, `params.delete_items[${i}]`);
      return { method: 'delete' as const, data_type: 'user' as const, data: { ...item } };
    });
    return submitBulk(this.http, '/bulk/users', [...creates, ...deletes], params.job_id, options);
  }

  /** Every user, page by page (`GET /users`). For more than 10,000 users use {@link Users.scroll}. */
  all(options?: RequestOptions): PageIterator<User> {
    return this.#list(undefined, options);
  }

  /**
   * Users matching filters (`GET /users?...`). An explicit `page` fetches only that page. Every
   * parameter is checked before anything is sent ({@link InvalidParameterError} names a bad or unknown one).
   */
  findAll(params: ListUsersParams, options?: RequestOptions): PageIterator<User> {
    requireObject(params, 'params');
    const query = listQuery(params, LIST_USERS_FIELDS, 'params');
    if (query.email === undefined) return this.#list(query, options);
    // API 1.0 answers one user (404: none) where later versions answer a user.list.
    return this.http.list('/users', { query, itemsKey: 'users', toModel: toUser, singleItemType: 'user', options });
  }

  /** Users carrying a tag (`GET /users?tag_id=`). */
  byTag(tagId: string, options?: RequestOptions): PageIterator<User> {
    return this.#list({ tag_id: requireId(tagId, 'tagId') }, options);
  }

  /** Users in a segment (`GET /users?segment_id=`). */
  bySegment(segmentId: string, options?: RequestOptions): PageIterator<User> {
    return this.#list({ segment_id: requireId(segmentId, 'segmentId') }, options);
  }

  /** Every user through a scroll (`GET /users/scroll`), 100 a page. */
  scroll(options?: RequestOptions): ScrollIterator<User> {
    return this.http.scroll('/users/scroll', { itemsKey: 'users', toModel: toUser, options });
  }

  #list(query: QueryParams | undefined, options: RequestOptions | undefined): PageIterator<User> {
    return this.http.list('/users', { query, itemsKey: 'users', toModel: toUser, options });
  }

  async #post(body: JsonObject, options: RequestOptions | undefined): Promise<User> {
    // An upsert keyed by an identifier: sending it twice has the effect of sending it once, unless it
    // counts a session (`new_session`), which a second sending would count again.
    const idempotent = body.new_session !== true;
    const response = await this.http.post('/users', { body, idempotent, options });
    return singleUser(response, 'body', '');
  }
}

/**
 * The user in a response. `GET /users?email=` answers a `user.list` from API 1.1 on: one item is the
 * user, none is {@link ResourceNotFound}, several are {@link MultipleMatchingUsersError}.
 */
function singleUser(body: unknown, key: string, value: string): User {
  const object = entity<JsonObject>(body);
  if (object.type === 'user.list') {
    const users = Array.isArray(object.users) ? (object.users as JsonObject[]) : [];
    if (users.length === 0) throw new ResourceNotFound(`No user with ${key} '${value}'`, { httpCode: 200 });
    if (users.length > 1) {
      throw new MultipleMatchingUsersError(`${users.length} users match ${key} '${value}'; use user_id or id`, {
        httpCode: 200,
      });
    }
    return new User(entity<JsonObject>(users[0]));
  }
  return new User(object);
}
