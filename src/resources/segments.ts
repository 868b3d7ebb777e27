import { InvalidParameterError } from '../core/errors.js';
import { entity, type JsonObject } from '../core/models.js';
import type { PageIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath, type QueryParams } from '../core/url.js';
import { optionalBoolean, requireId, requireObject } from '../core/validation.js';

/** A segment: a saved filter of users, leads or companies. */
export interface Segment {
  type: 'segment';
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  /** Who the segment holds. Only with `include_count: true`. */
  person_type?: 'user' | 'contact' | 'company';
  /** How many it holds. Only with `include_count: true`. */
  count?: number;
  [field: string]: unknown;
}

/** Parameters of {@link Segments.find}. */
export interface FindSegmentParams {
  id: string;
  /** Adds `count` and `person_type` (`?include_count=true`). Default: not sent. */
  include_count?: boolean;
}

/** Filters of {@link Segments.findAll}; sent as query parameters in the order given. */
export interface ListSegmentsParams {
  /** `company` lists company segments; default: user segments. */
  type?: 'user' | 'company';
  /** Adds `count` and `person_type` to each segment. */
  include_count?: boolean;
}

const toSegment = (raw: JsonObject): Segment => raw as Segment;

/** Segments: `intercom.segments`. */
export class Segments extends APIResource {
  /** One segment by id (`GET /segments/{id}[?include_count=true]`). An unknown id throws {@link ResourceNotFound}. */
  async find(params: FindSegmentParams, options?: RequestOptions): Promise<Segment> {
    requireObject(params, 'params');
    const id = requireId(params.id, 'params.id');
    const query = includeCountQuery(params.include_count);
    return entity<Segment>(await this.http.get(apiPath`/segments/${id}`, { query, options }));
  }

  /** Every user segment (`GET /segments`). */
  all(options?: RequestOptions): PageIterator<Segment> {
    return this.#list(undefined, options);
  }

  /** Segments by kind, optionally with counts (`GET /segments?type=company&include_count=true`). */
  findAll(params: ListSegmentsParams, options?: RequestOptions): PageIterator<Segment> {
    requireObject(params, 'params');
    if (params.type !== undefined && params.type !== 'user' && params.type !== 'company') {
      throw new InvalidParameterError('params.type', "must be 'user' or 'company'");
    }
    return this.#list({ type: params.type, ...includeCountQuery(params.include_count) }, options);
  }

  #list(query: QueryParams | undefined, options: RequestOptions | undefined): PageIterator<Segment> {
    return this.http.list('/segments', { query, itemsKey: 'segments', toModel: toSegment, options });
  }
}

/** The `include_count` query of a segment request, when asked for. */
function includeCountQuery(value: unknown): QueryParams | undefined {
  const includeCount = optionalBoolean(value, 'params.include_count');
  return includeCount === undefined ? undefined : { include_count: includeCount };
}
