/**
 * 2.x `/data_attributes`: list the built-in and custom attributes of contacts and companies, create
 * a custom one, update one (archive, description, options, messenger_writable).
 */
import {
  createDataAttribute,
  customAttributesOf,
  defineWrittenAttributes,
  updateDataAttribute,
} from '../../domain/data-attributes.js';
import { renderBuiltInAttributes, renderDataAttribute } from '../../renderers/v2/data-attributes.js';
import { bodyObject } from '../../requests/v1/payload.js';
import { MODELS, readDataAttributeCreate, readOptions } from '../../requests/v2/data-attribute-body.js';
import { readBoolean, readText } from '../../requests/v2/ticket-fields.js';
import type { RouteContext, Router } from '../../router.js';

/** Registers the `/data_attributes` routes. */
export function dataAttributeRoutes(router: Router): void {
  router.add('GET', '/data_attributes', (ctx: RouteContext) => {
    const requested = ctx.query.get('model');
    const models = MODELS.filter((m) => requested === null || requested === m);
    const archived = ctx.query.get('include_archived') === 'true';
    const data = models.flatMap((model) => {
      defineWrittenAttributes(ctx.store, model);
      const custom = customAttributesOf(ctx.store, model).filter((a) => archived || !a.archived);
      return [...renderBuiltInAttributes(model), ...custom.map(renderDataAttribute)];
    });
    return { status: 200, body: { type: 'list', data } };
  });

  router.add('POST', '/data_attributes', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    const { name, model, dataType } = readDataAttributeCreate(body);
    const record = createDataAttribute(ctx.store, {
      name,
      model,
      data_type: dataType,
      description: readText(body, 'description'),
      options: readOptions(body),
      messenger_writable: readBoolean(body, 'messenger_writable'),
      admin_id: ctx.adminId,
    });
    return { status: 200, body: renderDataAttribute(record) };
  });

  router.add('PUT', '/data_attributes/:id', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    const record = updateDataAttribute(ctx.store, ctx.params.id as string, {
      archived: readBoolean(body, 'archived'),
      description: readText(body, 'description'),
      options: readOptions(body),
      messenger_writable: readBoolean(body, 'messenger_writable'),
    });
    return { status: 200, body: renderDataAttribute(record) };
  });
}
