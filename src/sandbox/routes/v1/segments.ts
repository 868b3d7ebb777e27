import { invalid, notFound } from '../../api-error.js';
import type { SegmentRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import type { RouteContext, Router } from '../../router.js';

/** How many users, leads or companies are in a segment (by their `segment_ids`). */
function memberCount(store: Store, segment: SegmentRecord): number {
  let count = 0;
  if (segment.person_type === 'company') {
    for (const company of store.companies.values()) if (company.segment_ids.includes(segment.id)) count++;
    return count;
  }
  for (const record of store.users.values()) {
    if (record.role === segment.person_type && record.segment_ids.includes(segment.id)) count++;
  }
  return count;
}

/** `?include_count=true` (or `false`); anything else answers 400. */
function includeCount(ctx: RouteContext): boolean {
  const value = ctx.query.get('include_count');
  if (value === null || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw invalid('include_count must be true or false', 'include_count');
}

/** The wire form of a segment; `person_type` and `count` only with `include_count`. */
function renderSegment(store: Store, segment: SegmentRecord, withCount: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'segment',
    id: segment.id,
    name: segment.name,
    created_at: segment.created_at,
    updated_at: segment.updated_at,
  };
  if (withCount) {
    out.person_type = segment.person_type;
    out.count = memberCount(store, segment);
  }
  return out;
}

/** Registers `/segments` and `/segments/{id}`. */
export function segmentRoutes(router: Router): void {
  router.add('GET', '/segments', (ctx) => {
    const type = ctx.query.get('type');
    if (type !== null && type !== 'user' && type !== 'company') throw invalid('type must be user or company', 'type');
    const companies = type === 'company';
    const withCount = includeCount(ctx);
    const segments = [...ctx.store.segments.values()]
      .filter((s) => (s.person_type === 'company') === companies)
      .map((s) => renderSegment(ctx.store, s, withCount));
    return { status: 200, body: { type: 'segment.list', segments } };
  });
  router.add('GET', '/segments/:id', (ctx) => {
    const segment = ctx.store.segments.get(ctx.params.id as string);
    if (segment === undefined) throw notFound('Segment Not Found');
    return { status: 200, body: renderSegment(ctx.store, segment, includeCount(ctx)) };
  });
}
