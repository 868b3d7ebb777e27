/**
 * 2.x `/data_attributes`: list the built-in and custom attributes of contacts and companies, create
 * a custom one, update one (archive, description, options, messenger_writable).
 */
import { ApiError } from '../../api-error.js';
import {
  createDataAttribute,
  customAttributesOf,
  defineWrittenAttributes,
  updateDataAttribute,
} from '../../domain/data-attributes.js';
import type { DataAttributeRecord } from '../../domain/records.js';
import { renderBuiltInAttributes, renderDataAttribute } from '../../renderers/v2/data-attributes.js';
import { type Body, bodyObject } from '../../requests/v1/payload.js';
import { readBoolean, readText } from '../../requests/v2/ticket-fields.js';
import type { RouteContext, Router } from '../../router.js';

const MODELS: readonly DataAttributeRecord['model'][] = ['contact', 'company'];
const DATA_TYPES: readonly DataAttributeRecord['data_type'][] = [
  'string',
  'integer',
  'float',
  'boolean',
  'date',
  'datetime',
  'options',
];

/** `options: [{ value }, ...]` as the option strings; 400 when it is not such an array. */
function readOptions(body: Body): string[] | undefined {
  const raw = body.options;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw new ApiError(400, 'parameter_invalid', "Options isn't an array");
  return raw.map((item) => {
    const value = typeof item === 'object' && item !== null ? (item as Body).value : undefined;
    if (typeof value !== 'string' || value === '') throw new ApiError(400, 'parameter_invalid', 'Each option needs a value');
    return value;
  });
}

/** The name, model and data type of a create body, with Intercom's words for each refusal. */
export function readDataAttributeCreate(body: Body): {
  name: string;
  model: DataAttributeRecord['model'];
  dataType: DataAttributeRecord['data_type'];
} {
  const name = readText(body, 'name');
  if (name === undefined) throw new ApiError(400, 'parameter_not_found', 'name is a required parameter');
  const model = readText(body, 'model');
  if (!(MODELS as readonly string[]).includes(model ?? '')) {
    throw new ApiError(400, 'parameter_invalid', 'The Data Attribute model field must be either contact or company');
  }
  const dataType = readText(body, 'data_type');
  if (!(DATA_TYPES as readonly string[]).includes(dataType ?? '')) {
    throw new ApiError(400, 'parameter_invalid', "Data Type isn't an option");
  }
  readOptions(body);
  return { name, model: model as DataAttributeRecord['model'], dataType: dataType as DataAttributeRecord['data_type'] };
}

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
