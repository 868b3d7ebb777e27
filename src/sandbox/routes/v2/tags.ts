/**
 * 2.x `/tags`: create or rename a tag, tag or untag companies and contacts by Intercom id in bulk,
 * list, find and delete; tag and untag conversations.
 */
import { ApiError } from '../../api-error.js';
import { conversationById } from '../../domain/conversations.js';
import type { CompanyRecord, UserRecord } from '../../domain/records.js';
import { deleteTag, setTagged, tagNamed } from '../../domain/tags.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';
import { renderAppliedTag, renderTag } from '../../renderers/v2/workspace.js';
import {
  type Body,
  bodyObject,
  optionalBoolean,
  optionalIdentifier,
  optionalObjects,
  optionalString,
} from '../../requests/v1/payload.js';
import { requiredId } from '../../requests/v2/body-fields.js';
import type { RouteContext, Router } from '../../router.js';

/** The `admin_id` the conversation tag routes require; an unknown admin is not found. */
function requiredAdmin(ctx: RouteContext, body: Body): void {
  if (!ctx.store.admins.has(requiredId(body, 'admin_id'))) throw new ApiError(404, 'admin_not_found', 'Admin Not Found');
}

/** Registers the `/tags` routes and the conversation tag routes. */
export function tagRoutes(router: Router): void {
  router.add('GET', '/tags', (ctx: RouteContext) => ({
    status: 200,
    body: { type: 'list', data: [...ctx.store.tags.values()].map(renderTag) },
  }));

  router.add('POST', '/tags', (ctx: RouteContext) => {
    const { store } = ctx;
    const body = bodyObject(ctx.body);
    const name = optionalString(body, 'name');
    if (name === undefined || name === null || name.trim() === '') {
      throw new ApiError(400, 'parameter_not_found', 'name is a required parameter');
    }
    const companies = optionalObjects(body, 'companies');
    const users = optionalObjects(body, 'users');
    // Every item is resolved before anything is tagged: an unknown one changes nothing.
    const companyItems = (companies ?? []).map((item) => {
      const id = optionalIdentifier(item, 'id');
      const companyId = optionalIdentifier(item, 'company_id');
      const company: CompanyRecord | undefined =
        id !== undefined ? store.companies.get(id) : companyId !== undefined ? store.companyByCompanyId(companyId) : undefined;
      if (company === undefined) throw resourceNotFound('Company');
      return { target: company, untag: optionalBoolean(item, 'untag') === true };
    });
    const userItems = (users ?? []).map((item) => {
      const id = optionalIdentifier(item, 'id');
      const record: UserRecord | undefined = id === undefined ? undefined : store.users.get(id);
      if (record === undefined || record.role === 'visitor') throw resourceNotFound('User');
      return { target: record, untag: optionalBoolean(item, 'untag') === true };
    });
    const tag = tagNamed(store, name, optionalIdentifier(body, 'id'));
    for (const item of [...companyItems, ...userItems]) setTagged(store, item.target, tag, item.untag);
    const out: Record<string, unknown> = renderTag(tag);
    if (companies !== undefined) out.companies = companyItems.map((i) => ({ id: i.target.id, tagged: !i.untag }));
    if (users !== undefined) out.users = userItems.map((i) => ({ id: i.target.id, tagged: !i.untag }));
    return { status: 200, body: out };
  });

  router.add('GET', '/tags/:id', (ctx: RouteContext) => {
    const tag = ctx.store.tags.get(ctx.params.id as string);
    if (tag === undefined) throw resourceNotFound('Tag');
    return { status: 200, body: renderTag(tag) };
  });

  router.add('DELETE', '/tags/:id', (ctx: RouteContext) => {
    deleteTag(ctx.store, ctx.params.id as string);
    return { status: 200 };
  });

  router.add('POST', '/conversations/:id/tags', (ctx: RouteContext) => {
    const conversation = conversationById(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const tagId = requiredId(body, 'id');
    requiredAdmin(ctx, body);
    const tag = ctx.store.tags.get(tagId);
    if (tag === undefined) throw resourceNotFound('Tag');
    if (!conversation.tag_ids.includes(tag.id)) conversation.tag_ids.push(tag.id);
    return { status: 200, body: renderAppliedTag(tag) };
  });

  router.add('DELETE', '/conversations/:id/tags/:tag_id', (ctx: RouteContext) => {
    const conversation = conversationById(ctx.store, ctx.params.id as string);
    requiredAdmin(ctx, bodyObject(ctx.body));
    const tag = ctx.store.tags.get(ctx.params.tag_id as string);
    if (tag === undefined || !conversation.tag_ids.includes(tag.id)) throw resourceNotFound('Tag');
    conversation.tag_ids = conversation.tag_ids.filter((id) => id !== tag.id);
    return { status: 200, body: renderAppliedTag(tag) };
  });
}
