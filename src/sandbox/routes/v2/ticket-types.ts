/**
 * 2.x `/ticket_types`: create, list, find and update ticket types; create and update their
 * attributes (`/ticket_types/{id}/attributes`); and `GET /ticket_states`.
 */
import { ApiError } from '../../api-error.js';
import type { TicketTypeAttributeRecord, TicketTypeRecord } from '../../domain/records.js';
import {
  addTicketTypeAttribute,
  defineTicketType,
  liveTicketStates,
  ticketTypeById,
  updateTicketType,
  updateTicketTypeAttribute,
} from '../../domain/ticket-types.js';
import { renderDetailedTicketState, renderTicketType, renderTicketTypeAttribute } from '../../renderers/v2/tickets.js';
import { type Body, bodyObject } from '../../requests/v1/payload.js';
import { readBoolean, readChoice, readText } from '../../requests/v2/ticket-fields.js';
import type { RouteContext, Router } from '../../router.js';

const CATEGORIES: readonly TicketTypeRecord['category'][] = ['Customer', 'Back-office', 'Tracker'];
const ATTRIBUTE_TYPES: readonly TicketTypeAttributeRecord['data_type'][] = [
  'string',
  'list',
  'integer',
  'decimal',
  'boolean',
  'datetime',
  'files',
];

const required = (field: string): ApiError => new ApiError(400, 'parameter_not_found', `${field} is a required parameter`);

/** The input options a body sets: `multiline`, `list_items`, `allow_multiple_values`. */
function readInputOptions(body: Body): TicketTypeAttributeRecord['input_options'] | undefined {
  const options: NonNullable<TicketTypeAttributeRecord['input_options']> = {};
  const multiline = readBoolean(body, 'multiline');
  const listItems = readText(body, 'list_items');
  const multiple = readBoolean(body, 'allow_multiple_values');
  if (multiline !== undefined) options.multiline = multiline;
  if (listItems !== undefined) options.list_items = listItems;
  if (multiple !== undefined) options.allow_multiple_values = multiple;
  return Object.keys(options).length === 0 ? undefined : options;
}

type AttributeFlags = Partial<
  Pick<
    TicketTypeAttributeRecord,
    'required_to_create' | 'required_to_create_for_contacts' | 'visible_on_create' | 'visible_to_contacts'
  >
>;

/** The flags of an attribute a body sets. */
function readAttributeFlags(body: Body): AttributeFlags {
  const flags: AttributeFlags = {};
  for (const key of [
    'required_to_create',
    'required_to_create_for_contacts',
    'visible_on_create',
    'visible_to_contacts',
  ] as const) {
    const value = readBoolean(body, key);
    if (value !== undefined) flags[key] = value;
  }
  return flags;
}

/** Registers the `/ticket_types` routes and `GET /ticket_states`. */
export function ticketTypeRoutes(router: Router): void {
  router.add('GET', '/ticket_types', (ctx: RouteContext) => ({
    status: 200,
    body: { type: 'list', data: [...ctx.store.ticketTypes.values()].map((t) => renderTicketType(ctx.store, t)) },
  }));

  router.add('POST', '/ticket_types', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    const name = readText(body, 'name');
    if (name === undefined) throw required('name');
    const description = readText(body, 'description');
    const category = readChoice(body, 'category', CATEGORIES);
    const icon = readText(body, 'icon');
    const isInternal = readBoolean(body, 'is_internal');
    const type = defineTicketType(ctx.store, {
      name,
      ...(description === undefined ? {} : { description }),
      ...(category === undefined ? {} : { category }),
      ...(icon === undefined ? {} : { icon }),
      ...(isInternal === undefined ? {} : { is_internal: isInternal }),
    });
    return { status: 200, body: renderTicketType(ctx.store, type) };
  });

  router.add('GET', '/ticket_types/:id', (ctx: RouteContext) => ({
    status: 200,
    body: renderTicketType(ctx.store, ticketTypeById(ctx.store, ctx.params.id as string)),
  }));

  router.add('PUT', '/ticket_types/:id', (ctx: RouteContext) => {
    const type = ticketTypeById(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    updateTicketType(type, {
      name: readText(body, 'name'),
      description: readText(body, 'description'),
      category: readChoice(body, 'category', CATEGORIES),
      icon: readText(body, 'icon'),
      archived: readBoolean(body, 'archived'),
      is_internal: readBoolean(body, 'is_internal'),
    });
    return { status: 200, body: renderTicketType(ctx.store, type) };
  });

  router.add('POST', '/ticket_types/:id/attributes', (ctx: RouteContext) => {
    const type = ticketTypeById(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const name = readText(body, 'name');
    if (name === undefined) throw required('name');
    const description = readText(body, 'description');
    if (description === undefined) throw required('description');
    const dataType = readChoice(body, 'data_type', ATTRIBUTE_TYPES);
    if (dataType === undefined) throw required('data_type');
    const options = readInputOptions(body);
    const attribute = addTicketTypeAttribute(ctx.store, type, {
      name,
      description,
      data_type: dataType,
      ...readAttributeFlags(body),
      ...(options === undefined ? {} : { input_options: options }),
    });
    return { status: 200, body: renderTicketTypeAttribute(ctx.store, attribute) };
  });

  router.add('PUT', '/ticket_types/:id/attributes/:attribute_id', (ctx: RouteContext) => {
    const type = ticketTypeById(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const options = readInputOptions(body);
    const attribute = updateTicketTypeAttribute(type, ctx.params.attribute_id as string, {
      ...readAttributeFlags(body),
      name: readText(body, 'name'),
      description: readText(body, 'description'),
      archived: readBoolean(body, 'archived'),
      ...(options === undefined ? {} : { input_options: options }),
    });
    return { status: 200, body: renderTicketTypeAttribute(ctx.store, attribute) };
  });

  router.add('GET', '/ticket_states', (ctx: RouteContext) => ({
    status: 200,
    body: { type: 'list', data: liveTicketStates(ctx.store).map((s) => renderDetailedTicketState(ctx.store, s)) },
  }));
}
