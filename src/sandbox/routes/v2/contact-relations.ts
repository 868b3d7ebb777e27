/**
 * What hangs off a 2.x contact: its companies (attach, detach, list), tags (tag, untag, list), notes
 * (add, list), segments and subscription types.
 */
import { ApiError } from '../../api-error.js';
import { addNote, noteById, notesOf } from '../../domain/notes.js';
import { nowSeconds } from '../../domain/records.js';
import { setTagged } from '../../domain/tags.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';
import {
  renderAppliedTag,
  renderCompany,
  renderNote,
  renderSegment,
  renderSubscriptionType,
  renderTag,
} from '../../renderers/v2/workspace.js';
import { bodyObject, optionalIdentifier, optionalString } from '../../requests/v1/payload.js';
import { requiredId } from '../../requests/v2/body-fields.js';
import { contactById } from '../../requests/v2/contact-lookup.js';
import { numberedPage } from '../../requests/v2/numbered-list.js';
import type { RouteContext, Router } from '../../router.js';

/** Registers the routes under `/contacts/{id}/`. */
export function contactRelationRoutes(router: Router): void {
  router.add('GET', '/contacts/:id/companies', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const companies = record.company_ids.flatMap((id) => {
      const company = ctx.store.companies.get(id);
      return company === undefined ? [] : [company];
    });
    const { slice, pages } = numberedPage(ctx, companies, 50, 150);
    return {
      status: 200,
      body: {
        type: 'list',
        companies: slice.map((company) => renderCompany(ctx.store, company)),
        total_count: companies.length,
        pages: { ...pages, next: null },
      },
    };
  });

  router.add('POST', '/contacts/:id/companies', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const id = requiredId(bodyObject(ctx.body), 'id');
    const company = ctx.store.companies.get(id);
    if (company === undefined) throw resourceNotFound('Company');
    if (!record.company_ids.includes(company.id)) record.company_ids.push(company.id);
    record.updated_at = nowSeconds();
    return { status: 200, body: renderCompany(ctx.store, company) };
  });

  router.add('DELETE', '/contacts/:id/companies/:company_id', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const company = ctx.store.companies.get(ctx.params.company_id as string);
    if (company === undefined || !record.company_ids.includes(company.id)) throw resourceNotFound('Company');
    record.company_ids = record.company_ids.filter((id) => id !== company.id);
    record.updated_at = nowSeconds();
    return { status: 200, body: renderCompany(ctx.store, company) };
  });

  router.add('GET', '/contacts/:id/tags', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const data = record.tag_ids.flatMap((id) => {
      const tag = ctx.store.tags.get(id);
      return tag === undefined ? [] : [renderTag(tag)];
    });
    return { status: 200, body: { type: 'list', data } };
  });

  router.add('POST', '/contacts/:id/tags', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const tag = ctx.store.tags.get(requiredId(bodyObject(ctx.body), 'id'));
    if (tag === undefined) throw resourceNotFound('Tag');
    setTagged(ctx.store, record, tag, false);
    return { status: 200, body: renderAppliedTag(tag) };
  });

  router.add('DELETE', '/contacts/:id/tags/:tag_id', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const tag = ctx.store.tags.get(ctx.params.tag_id as string);
    if (tag === undefined || !record.tag_ids.includes(tag.id)) throw resourceNotFound('Tag');
    setTagged(ctx.store, record, tag, true);
    return { status: 200, body: renderAppliedTag(tag) };
  });

  router.add('GET', '/contacts/:id/notes', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const notes = notesOf(ctx.store, record);
    const { slice, pages } = numberedPage(ctx, notes, 50, 150);
    return {
      status: 200,
      body: { type: 'list', data: slice.map((note) => renderNote(ctx.store, note)), total_count: notes.length, pages },
    };
  });

  router.add('POST', '/contacts/:id/notes', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const text = optionalString(body, 'body');
    if (text === undefined || text === null || text === '') {
      throw new ApiError(400, 'parameter_not_found', 'body is a required parameter');
    }
    const adminId = optionalIdentifier(body, 'admin_id') ?? ctx.adminId;
    const note = addNote(ctx.store, record, adminId, text);
    return { status: 200, body: renderNote(ctx.store, note) };
  });

  router.add('GET', '/notes/:id', (ctx: RouteContext) => ({
    status: 200,
    body: renderNote(ctx.store, noteById(ctx.store, ctx.params.id as string)),
  }));

  router.add('GET', '/contacts/:id/segments', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const data = record.segment_ids.flatMap((id) => {
      const segment = ctx.store.segments.get(id);
      return segment === undefined ? [] : [renderSegment(segment)];
    });
    return { status: 200, body: { type: 'list', data } };
  });

  router.add('GET', '/subscription_types', (ctx: RouteContext) => ({
    status: 200,
    body: { type: 'list', data: [...ctx.store.subscriptionTypes.values()].map(renderSubscriptionType) },
  }));

  // A contact's subscription types: the ones it opted into, and opt-out types it has not left.
  router.add('GET', '/contacts/:id/subscriptions', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const chosen = record.subscriptions ?? {};
    const data = [...ctx.store.subscriptionTypes.values()]
      .filter((type) => (chosen[type.id] ?? (type.consent_type === 'opt_out' ? 'opt_in' : 'opt_out')) === 'opt_in')
      .map(renderSubscriptionType);
    return { status: 200, body: { type: 'list', data } };
  });

  router.add('POST', '/contacts/:id/subscriptions', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const type = ctx.store.subscriptionTypes.get(requiredId(body, 'id'));
    const consent = optionalString(body, 'consent_type');
    if (consent !== 'opt_in' && consent !== 'opt_out') {
      throw new ApiError(400, 'parameter_invalid', "consent_type must be 'opt_in' or 'opt_out'");
    }
    if (type === undefined) throw resourceNotFound('Subscription Type');
    record.subscriptions = { ...record.subscriptions, [type.id]: consent };
    return { status: 200, body: renderSubscriptionType(type) };
  });

  router.add('DELETE', '/contacts/:id/subscriptions/:subscription_id', (ctx: RouteContext) => {
    const record = contactById(ctx.store, ctx.params.id as string);
    const type = ctx.store.subscriptionTypes.get(ctx.params.subscription_id as string);
    if (type === undefined) throw resourceNotFound('Subscription Type');
    record.subscriptions = { ...record.subscriptions, [type.id]: 'opt_out' };
    return { status: 200, body: renderSubscriptionType(type) };
  });
}
