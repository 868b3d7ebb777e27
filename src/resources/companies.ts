import type { ExactlyOne } from '../core/exactly-one.js';
import {
  assertCustomAttributes,
  type CustomAttributes,
  changedFields,
  entity,
  fillModel,
  type JsonObject,
  type ModelShape,
  ModelWithCustomAttributes,
  refreshModel,
  type Timestamp,
  toEpochSeconds,
} from '../core/models.js';
import type { PageIterator, ScrollIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath, type QueryParams } from '../core/url.js';
import {
  type ListParameterKind,
  listQuery,
  optionalFiniteNumber,
  optionalString,
  rejectUnknownKeys,
  requireId,
  requireObject,
  requireOneOf,
} from '../core/validation.js';
import { User, type UserSegment, type UserTag } from './users.js';

/** A tag as embedded in a company (`company.tags`). */
export type CompanyTag = UserTag;
/** A segment as embedded in a company (`company.segments`). */
export type CompanySegment = UserSegment;

/** The fields of a company as API 1.x returns them. Timestamps are epoch seconds. */
export interface CompanyFields {
  readonly type: 'company';
  /** Intercom's id of the company. */
  readonly id: string;
  /** Your id of the company: the key of every upsert; it cannot change once the company exists. */
  company_id: string;
  readonly app_id?: string;
  name: string | null;
  readonly created_at: number;
  readonly updated_at: number;
  /** When the company was created in your system. */
  remote_created_at?: number | null;
  last_request_at?: number | null;
  /** Sessions of the company's users. Read-only. */
  readonly session_count?: number;
  /** How many users the company has. Read-only. */
  readonly user_count?: number;
  /** An integer: Intercom truncates fractions. */
  monthly_spend?: number;
  /** The plan's name: a plain string in API 1.x. */
  plan?: string | null;
  /** Number of employees. */
  size?: number | null;
  website?: string | null;
  industry?: string | null;
  custom_attributes: CustomAttributes;
  /** From the `tag.list` wrapper. */
  tags: CompanyTag[];
  /** From the `segment.list` wrapper. */
  segments: CompanySegment[];
}

/** Company fields a save sends when they changed; everything else the API returns is read-only. */
const WRITABLE = new Set([
  'name',
  'plan',
  'monthly_spend',
  'size',
  'website',
  'industry',
  'remote_created_at',
  'custom_attributes',
]);
/** Fields that a save never sends, even when the caller sets them (identity is added separately). */
const READ_ONLY = new Set([
  'type',
  'id',
  'company_id',
  'app_id',
  'created_at',
  'updated_at',
  'last_request_at',
  'session_count',
  'user_count',
  'tags',
  'segments',
]);
const SHAPE: ModelShape = { lists: ['tags', 'segments'], writable: WRITABLE };

// The class adds behaviour; the interface types the fields the API fills in.
export interface Company extends CompanyFields {}

/**
 * A company, as returned by the API. Known fields are typed; any other field the API sends is kept
 * too. Change fields or `custom_attributes` (in place or by assignment) and pass it to
 * {@link Companies.save}: it sends what changed.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class Company extends ModelWithCustomAttributes {
  [field: string]: unknown;

  /** @internal Builds a company from an API response (unwraps `X.list` wrappers). */
  constructor(data: JsonObject) {
    super();
    fillModel(this, data, SHAPE);
  }
}

/** Fields accepted when creating or updating a company. Timestamps accept `Date`. */
export interface CompanyWriteFields {
  name?: string | null;
  /** The plan's name (a plain string in API 1.x). */
  plan?: string | null;
  /** Stored as an integer: fractions are truncated. */
  monthly_spend?: number;
  size?: number | null;
  website?: string | null;
  industry?: string | null;
  remote_created_at?: Timestamp | null;
  /** Flat custom attributes; merged key by key into the stored ones (`null` clears one). */
  custom_attributes?: CustomAttributes;
}

/** Parameters of {@link Companies.create}: the company's fields and its `company_id`. */
export interface CreateCompanyParams extends CompanyWriteFields {
  /** Your id of the company: an unknown one creates the company, a known one updates it. */
  company_id: string | number;
}

/** How to find one company: Intercom's `id`, your `company_id`, or its exact `name`. */
export type FindCompanyParams = ExactlyOne<{ id: string; company_id: string | number; name: string }>;

/** Filters and paging of {@link Companies.findAll}; sent as query parameters in the order given. */
export interface ListCompaniesParams {
  /** An explicit page fetches only that page. */
  page?: number;
  /** Default 50, maximum 60. */
  per_page?: number;
  /** By `created_at`; default `desc`. */
  order?: 'asc' | 'desc';
  tag_id?: string;
  segment_id?: string;
}

/** The parameters of {@link Companies.findAll} and what each may hold. */
const LIST_COMPANIES_FIELDS: Readonly<Record<keyof ListCompaniesParams, ListParameterKind>> = {
  page: 'positive-integer',
  per_page: 'positive-integer',
  order: ['asc', 'desc'],
  tag_id: 'id',
  segment_id: 'id',
};

/** Something with an Intercom `id`: a {@link Company}, or a partial reference such as `user.companies[0]`. */
export interface CompanyReference {
  id: string;
}

/** The body of a company write, checked; timestamps converted to epoch seconds. */
function companyWriteBody(params: Record<string, unknown>, parameter: string): JsonObject {
  const body: JsonObject = { ...params };
  // null clears a field.
  for (const key of ['name', 'plan', 'website', 'industry']) {
    if (body[key] !== null) optionalString(body[key], `${parameter}.${key}`);
  }
  for (const key of ['monthly_spend', 'size']) {
    if (body[key] !== null) optionalFiniteNumber(body[key], `${parameter}.${key}`);
  }
  const remoteCreatedAt = body.remote_created_at;
  if (remoteCreatedAt !== undefined && remoteCreatedAt !== null) {
    body.remote_created_at = toEpochSeconds(remoteCreatedAt as Timestamp, `${parameter}.remote_created_at`);
  }
  if (body.custom_attributes === undefined) body.custom_attributes = {};
  assertCustomAttributes(body.custom_attributes, `${parameter}.custom_attributes`);
  return body;
}

const toCompany = (raw: JsonObject): Company => new Company(raw);
const toUser = (raw: JsonObject): User => new User(raw);

/**
 * Companies: `intercom.companies`.
 *
 * ```ts
 * const company = await intercom.companies.find({ company_id: '44' });
 * company.name = 'Updated company name';
 * await intercom.companies.save(company);
 * ```
 */
export class Companies extends APIResource {
  /**
   * Finds one company by Intercom `id` (`GET /companies/{id}`), your `company_id` or its exact `name`
   * (`GET /companies?company_id=` / `?name=`). No match throws {@link ResourceNotFound}.
   */
  async find(params: FindCompanyParams, options?: RequestOptions): Promise<Company> {
    requireObject(params, 'params');
    rejectUnknownKeys(params, ['id', 'company_id', 'name'], 'params');
    const [key, value] = requireOneOf(params, ['id', 'company_id', 'name'], 'params', ['id']);
    const body =
      key === 'id'
        ? await this.http.get(apiPath`/companies/${value}`, { options })
        : await this.http.get('/companies', { query: { [key]: value }, options });
    return new Company(entity<JsonObject>(body));
  }

  /** Fetches the full company behind any object with an `id` (for example an item of `user.companies`). */
  async load(company: CompanyReference, options?: RequestOptions): Promise<Company> {
    requireObject(company, 'company');
    const id = requireId(company.id, 'company.id');
    const body = await this.http.get(apiPath`/companies/${id}`, { options });
    return new Company(entity<JsonObject>(body));
  }

  /** Creates a company, or updates the one with the same `company_id` (an upsert, `POST /companies`). */
  async create(params: CreateCompanyParams, options?: RequestOptions): Promise<Company> {
    requireObject(params, 'params');
    requireId(params.company_id, 'params.company_id');
    return this.#post(companyWriteBody(params, 'params'), options);
  }

  /**
   * Saves a company (`POST /companies`, as the gem does): sends its `id` and `company_id`, its complete
   * `custom_attributes` and every other field that changed since the API returned it (by assignment
   * or in place). Refreshes `company` from the response and returns it.
   */
  async save(company: Company, options?: RequestOptions): Promise<Company> {
    requireObject(company, 'company');
    requireId(company.company_id, 'company.company_id');
    const changed = changedFields(company, READ_ONLY);
    const body = companyWriteBody({ ...changed, custom_attributes: company.custom_attributes }, 'company');
    for (const key of ['id', 'company_id'] as const) {
      const value = company[key];
      if (value !== undefined && value !== '') body[key] = value;
    }
    const saved = await this.#post(body, options);
    refreshModel(company, saved, SHAPE);
    return company;
  }

  /** Every company, page by page (`GET /companies`). For more than 10,000 companies use {@link Companies.scroll}. */
  all(options?: RequestOptions): PageIterator<Company> {
    return this.#list(undefined, options);
  }

  /** Companies matching filters (`GET /companies?...`). An explicit `page` fetches only that page. */
  findAll(params: ListCompaniesParams, options?: RequestOptions): PageIterator<Company> {
    requireObject(params, 'params');
    return this.#list(listQuery(params, LIST_COMPANIES_FIELDS, 'params'), options);
  }

  /** Companies carrying a tag (`GET /companies?tag_id=`). */
  byTag(tagId: string, options?: RequestOptions): PageIterator<Company> {
    return this.#list({ tag_id: requireId(tagId, 'tagId') }, options);
  }

  /** Companies in a segment (`GET /companies?segment_id=`). */
  bySegment(segmentId: string, options?: RequestOptions): PageIterator<Company> {
    return this.#list({ segment_id: requireId(segmentId, 'segmentId') }, options);
  }

  /** Every company through a scroll (`GET /companies/scroll`), 100 a page. One scroll per app at a time. */
  scroll(options?: RequestOptions): ScrollIterator<Company> {
    return this.http.scroll('/companies/scroll', { itemsKey: 'companies', toModel: toCompany, options });
  }

  /** The users of a company, by Intercom's id of the company (`GET /companies/{id}/users`). */
  usersByIntercomCompanyId(id: string, options?: RequestOptions): PageIterator<User> {
    const companyId = requireId(id, 'id');
    return this.http.list(apiPath`/companies/${companyId}/users`, { itemsKey: 'users', toModel: toUser, options });
  }

  /** The users of a company, by your `company_id` (`GET /companies?company_id=&type=user`). */
  usersByCompanyId(companyId: string | number, options?: RequestOptions): PageIterator<User> {
    const value = requireId(companyId, 'companyId');
    return this.http.list('/companies', {
      query: { company_id: value, type: 'user' },
      itemsKey: 'users',
      toModel: toUser,
      options,
    });
  }

  #list(query: QueryParams | undefined, options: RequestOptions | undefined): PageIterator<Company> {
    return this.http.list('/companies', { query, itemsKey: 'companies', toModel: toCompany, options });
  }

  async #post(body: JsonObject, options: RequestOptions | undefined): Promise<Company> {
    // An upsert keyed by company_id: sending it twice has the effect of sending it once.
    const response = await this.http.post('/companies', { body, idempotent: true, options });
    return new Company(entity<JsonObject>(response));
  }
}
