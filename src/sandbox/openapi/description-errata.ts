import type { JsonSchema } from './description-types.js';

/**
 * The lists of a contact (and their items) whose `url` the description types `format: uri` (absolute)
 * while its own examples, its words ("The relative URL of the company") and Intercom's answers are
 * paths: `/contacts/5ba682d23d7cf92bef87bfd4/tags`.
 */
const RELATIVE_URL_LISTS = [
  'addressable_list',
  'company_data',
  'contact_tags',
  'contact_notes',
  'contact_companies',
  'contact_subscription_types',
];

/**
 * The description's component schemas with the places where a schema contradicts the description's
 * own examples (and what Intercom sends) corrected; the checks follow the examples there:
 * - the `url` of a contact's lists (and of their items) is a path ({@link RELATIVE_URL_LISTS});
 * - `addressable_list.type` says `format: uri`, its example (and every answer) is `note`, `tag`, `company`;
 * - `GET /events` answers `data_event_summary` only, where without `summary=true` it lists the events.
 */
export function correctedDefinitions(definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const corrected = { ...definitions };
  for (const name of RELATIVE_URL_LISTS) {
    corrected[name] = withProperties(corrected[name], (properties) => ({
      ...properties,
      url: { ...properties.url, format: 'uri-reference' },
    }));
  }
  // `GET /events` lists a person's events (its text, and Intercom) unless `summary=true`: the schema
  // knows only the summary.
  corrected.data_event_summary = {
    anyOf: [
      corrected.data_event_summary as JsonSchema,
      {
        type: 'object',
        required: ['type', 'events'],
        properties: {
          type: { type: 'string', enum: ['event.list'] },
          events: { type: 'array', items: { type: 'object', required: ['type', 'event_name', 'created_at'] } },
          pages: { type: 'object' },
        },
      },
    ],
  } as JsonSchema;
  corrected.addressable_list = withProperties(corrected.addressable_list, (properties) => {
    const { format: _uri, ...type } = properties.type ?? {};
    return { ...properties, type };
  });
  return corrected;
}

type Properties = Record<string, Record<string, unknown>>;

function withProperties(schema: JsonSchema | undefined, change: (properties: Properties) => Properties): JsonSchema {
  if (typeof schema !== 'object') throw new Error('the description no longer has a schema its errata correct');
  return { ...schema, properties: change(schema.properties as Properties) };
}
