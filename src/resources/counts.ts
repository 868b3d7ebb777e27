import { InvalidParameterError } from '../core/errors.js';
import { entity } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import type { QueryValue } from '../core/url.js';
import { optionalPositiveInteger, requireObject } from '../core/validation.js';

/** A total. */
export interface CountValue {
  count: number;
}

/** App-wide totals (`GET /counts`). */
export interface AppCounts {
  type: 'count.hash';
  company: CountValue;
  user: CountValue;
  /** Leads: always present in 1.x answers. */
  lead: CountValue;
  /** Tags, archived ones included. */
  tag: CountValue;
  /** Segments, archived ones included. */
  segment: CountValue;
  [field: string]: unknown;
}

/** One group of a grouped count: its name and how many, `{ "VIP": 3 }`. */
export type NamedCount = Record<string, number>;

/** How many users a company has: `{ "Blue Sun": 2, remote_company_id: "44" }` (the key is the company's name). */
export interface CompanyUserCount {
  /** The company's `company_id`. */
  remote_company_id: string;
  [companyName: string]: number | string;
}

/** Paging of grouped company counts: `pages.pages` (sic) when there is more than one page, else `{}`. */
export interface CountPages {
  pages?: { type: 'pages'; next: string | null; page: number; per_page: number; total_pages: number };
}

/** Users per segment. */
export interface UserSegmentCounts {
  type: 'count';
  user: { segment: NamedCount[] };
}

/** Users per tag. */
export interface UserTagCounts {
  type: 'count';
  user: { tag: NamedCount[] };
}

/** Companies per segment. */
export interface CompanySegmentCounts {
  type: 'count';
  company: { segment: NamedCount[] };
  pages?: CountPages;
}

/** Companies per tag. */
export interface CompanyTagCounts {
  type: 'count';
  company: { tag: NamedCount[] };
  pages?: CountPages;
}

/** Users per company. */
export interface CompanyUserCounts {
  type: 'count';
  company: { user: CompanyUserCount[] };
  pages?: CountPages;
}

/** Conversations by state; `assigned` and `unassigned` split the open ones. */
export interface ConversationCounts {
  type: 'count';
  conversation: { assigned: number; closed: number; open: number; unassigned: number };
}

/** Open and closed conversations of one admin. */
export interface AdminConversationCount {
  id: string;
  name: string;
  open: number;
  closed: number;
}

/** Conversations per admin. */
export interface ConversationAdminCounts {
  type: 'count';
  conversation: { admin: AdminConversationCount[] };
}

/** Paging of grouped company counts. (A type, not an interface: it must stay assignable to a plain record.) */
export type CompanyCountPaging = {
  page?: number;
  per_page?: number;
};

/** Parameters of {@link Counts.forType}: what to count, grouped by what. */
export type CountParams =
  | { type: 'user'; count: 'segment' | 'tag' }
  | ({ type: 'company'; count: 'segment' | 'tag' | 'user' } & CompanyCountPaging)
  | { type: 'conversation'; count?: 'admin' };

/** Any result of {@link Counts.forType}. */
export type CountResult =
  | UserSegmentCounts
  | UserTagCounts
  | CompanySegmentCounts
  | CompanyTagCounts
  | CompanyUserCounts
  | ConversationCounts
  | ConversationAdminCounts;

const GROUPS: Readonly<Record<string, ReadonlyArray<string | undefined>>> = {
  user: ['segment', 'tag'],
  company: ['segment', 'tag', 'user'],
  conversation: [undefined, 'admin'],
};

/**
 * Counts: `intercom.counts`.
 *
 * ```ts
 * const { user, company } = await intercom.counts.forApp();
 * const bySegment = await intercom.counts.forType({ type: 'user', count: 'segment' });
 * ```
 */
export class Counts extends APIResource {
  /** App-wide totals of companies, users, leads, tags and segments (`GET /counts`). */
  async forApp(options?: RequestOptions): Promise<AppCounts> {
    return entity<AppCounts>(await this.http.get('/counts', { options }));
  }

  /** Users per segment (`GET /counts?type=user&count=segment`). */
  forType(params: { type: 'user'; count: 'segment' }, options?: RequestOptions): Promise<UserSegmentCounts>;
  /** Users per tag. */
  forType(params: { type: 'user'; count: 'tag' }, options?: RequestOptions): Promise<UserTagCounts>;
  /** Companies per segment. */
  forType(
    params: { type: 'company'; count: 'segment' } & CompanyCountPaging,
    options?: RequestOptions,
  ): Promise<CompanySegmentCounts>;
  /** Companies per tag. */
  forType(params: { type: 'company'; count: 'tag' } & CompanyCountPaging, options?: RequestOptions): Promise<CompanyTagCounts>;
  /** Users per company. */
  forType(params: { type: 'company'; count: 'user' } & CompanyCountPaging, options?: RequestOptions): Promise<CompanyUserCounts>;
  /** Conversations: open, closed, assigned, unassigned. */
  forType(params: { type: 'conversation'; count?: never }, options?: RequestOptions): Promise<ConversationCounts>;
  /** Open and closed conversations per admin. */
  forType(params: { type: 'conversation'; count: 'admin' }, options?: RequestOptions): Promise<ConversationAdminCounts>;
  /** Any count (`GET /counts?type=...&count=...`). */
  forType(params: CountParams, options?: RequestOptions): Promise<CountResult>;
  async forType(params: CountParams, options?: RequestOptions): Promise<CountResult> {
    requireObject(params, 'params');
    const groups = typeof params.type === 'string' ? GROUPS[params.type] : undefined;
    if (groups === undefined) throw new InvalidParameterError('params.type', "must be 'user', 'company' or 'conversation'");
    if (!groups.includes(params.count)) {
      throw new InvalidParameterError(
        'params.count',
        `must be ${groups.map((g) => (g === undefined ? 'absent' : `'${g}'`)).join(' or ')} with type '${params.type}'`,
      );
    }
    // The gem's order: type, then count (left out when not given).
    const query: Record<string, QueryValue> = { type: params.type, count: params.count };
    if (params.type === 'company') {
      query.page = optionalPositiveInteger(params.page, 'params.page');
      query.per_page = optionalPositiveInteger(params.per_page, 'params.per_page');
    }
    return entity<CountResult>(await this.http.get('/counts', { query, options }));
  }
}
