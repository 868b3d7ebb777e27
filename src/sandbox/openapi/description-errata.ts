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
 * - `GET /events` answers `data_event_summary` only, where without `summary=true` it lists the events;
 * and the request schemas of {@link correctRequestDefinitions}.
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
  correctRequestDefinitions(corrected);
  return corrected;
}

/** A custom attribute value as Intercom takes it: text, a number, a boolean, or null to clear it. */
const CUSTOM_ATTRIBUTE_VALUE = { type: ['string', 'number', 'boolean', 'null'] };

/** An event's metadata value: text, a number (a date too), a link, a rich link or a monetary amount. */
const EVENT_METADATA_VALUE = {
  anyOf: [
    { type: ['string', 'number', 'boolean', 'null'] },
    { type: 'object', required: ['url', 'value'], properties: { url: { type: 'string' }, value: { type: 'string' } } },
    {
      type: 'object',
      required: ['amount', 'currency'],
      properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
    },
  ],
};

/**
 * The request schemas that refuse what Intercom takes (each with the evidence):
 * - `create_conversation_request.from.id` says `format: uuid`; the description's own example of the
 *   operation (`6762f11b1bb69f9f2193bba3`), what the official SDK sends (official-sdk-wire.json,
 *   `conversations.create`) and every contact id Intercom gives are 24 hex digits, not uuids.
 * - `multiple_filter_search_request.value` is one of "an array of groups" or "an array of filters";
 *   the operations' text ("You can nest these filters ... max 2 nested filters, max 15 filters for
 *   each AND or OR group") puts groups and filters side by side in one group, so each item is either.
 *   The nesting and width limits are the search routes' own checks, with Intercom's words.
 * - `custom_attributes` of a company create or update (and of a custom object instance) are typed as
 *   strings only; the description's own data attributes of model `company` are `integer`, `float`,
 *   `boolean` or `date` too (`create_data_attribute_request.data_type`), and its own example of
 *   `POST /custom_object_instances/{...}` sends `total_amount: 99.99`. The value is checked against the
 *   workspace's data attribute by the route, as Intercom does.
 * - `create_message_request.message_type` lists `in_app`, `email`, `whatsapp`; the same schema's own
 *   branch is titled "message_type: `inapp`", and every example answer of the operation is `inapp`.
 * - `update_article_request.parent_id` is a string where `create_article_request.parent_id` is an
 *   integer (the description disagrees with itself; Intercom takes both), and its text ("An article
 *   without this field stands alone") is how `null` detaches it, as `update_collection_request.parent_id`
 *   says in words ("If `null` then it will be updated as the first level collection").
 * - `update_data_attribute_request` is `oneOf` "with `options`" or `{}` (anything): a body with options
 *   matches both, so the description's own example of the operation (`{ description, options, archived }`)
 *   is refused; either is what Intercom means.
 * - `create_data_event_request.metadata` values are strings only; the operation's own text lists the
 *   metadata types Intercom takes: String, Number, Date (a timestamp), Link, Rich Link (`{ url, value }`)
 *   and Monetary Amount (`{ amount, currency }`), never nested deeper.
 * - `create_article_request` requires `title`; its own words ("For multilingual articles, this will be
 *   the title of the default language's content") make `translated_content` carrying the default
 *   locale's title the other way to give it. The route refuses a body with neither.
 * - `convert_visitor_request.user` requires `id` or `user_id`; the operation's own example converts a
 *   visitor with `user: { email: "foo@bar.com" }` alone (the user the visitor becomes, found or made by
 *   its email), as 1.x's `POST /visitors/convert` did.
 */
function correctRequestDefinitions(corrected: Record<string, JsonSchema>): void {
  corrected.create_conversation_request = withProperties(corrected.create_conversation_request, (properties) => {
    const from = properties.from as { properties: Properties };
    const { format: _uuid, ...id } = from.properties.id ?? {};
    return { ...properties, from: { ...from, properties: { ...from.properties, id } } };
  });
  corrected.multiple_filter_search_request = withProperties(corrected.multiple_filter_search_request, (properties) => ({
    ...properties,
    value: {
      type: 'array',
      items: {
        anyOf: [
          { $ref: 'intercom#/definitions/multiple_filter_search_request' },
          { $ref: 'intercom#/definitions/single_filter_search_request' },
        ],
      },
    },
  }));
  for (const name of [
    'create_or_update_company_request',
    'update_company_request',
    'create_or_update_custom_object_instance_request',
  ]) {
    corrected[name] = withProperties(corrected[name], (properties) => ({
      ...properties,
      custom_attributes: { ...properties.custom_attributes, additionalProperties: CUSTOM_ATTRIBUTE_VALUE },
    }));
  }
  corrected.create_message_request = withBranches(corrected.create_message_request, (properties) => {
    const type = properties.message_type as { enum: string[] };
    return { ...properties, message_type: { ...type, enum: [...type.enum, 'inapp'] } };
  });
  const updateDataAttribute = corrected.update_data_attribute_request as Record<string, unknown>;
  const { oneOf: optionsOrNot, ...updateRest } = updateDataAttribute;
  corrected.update_data_attribute_request = { ...updateRest, anyOf: optionsOrNot };
  corrected.create_data_event_request = withProperties(corrected.create_data_event_request, (properties) => ({
    ...properties,
    metadata: { ...properties.metadata, additionalProperties: EVENT_METADATA_VALUE },
  }));
  const { required: articleRequired, ...article } = corrected.create_article_request as Record<string, unknown>;
  corrected.create_article_request = {
    ...article,
    required: (articleRequired as string[]).filter((name) => name !== 'title'),
    anyOf: [{ required: ['title'] }, { required: ['translated_content'] }],
  };
  corrected.update_article_request = withProperties(corrected.update_article_request, (properties) => ({
    ...properties,
    parent_id: { ...properties.parent_id, type: ['string', 'integer', 'null'] },
  }));
  corrected.convert_visitor_request = withProperties(corrected.convert_visitor_request, (properties) => {
    const user = properties.user as { anyOf: JsonSchema[] };
    return { ...properties, user: { ...user, anyOf: [...user.anyOf, { required: ['email'] }] } };
  });
}

/**
 * An operation's own request body schema, corrected where it refuses what Intercom takes:
 * `POST /tags` is `oneOf` "create a tag", "tag companies", "untag companies", "tag users", but the
 * branches overlap: every body tagging companies or users also matches "create a tag" (`name` is its
 * only required field), and one tagging companies matches "untag companies" too (`untag` is optional).
 * So `oneOf` refuses every tagging body the operation's text describes ("3. Tag Companies: ... the tag
 * name and the company details"): any of the branches is what Intercom means.
 */
export function correctedRequestBody(method: string, path: string, schema: JsonSchema): JsonSchema {
  if (method === 'POST' && path === '/tags' && typeof schema === 'object' && Array.isArray(schema.oneOf)) {
    const { oneOf, ...rest } = schema;
    return { ...rest, anyOf: oneOf };
  }
  return schema;
}

type Properties = Record<string, Record<string, unknown>>;

/** `schema` with `change` applied to the properties of each of its `anyOf` object branches. */
function withBranches(schema: JsonSchema | undefined, change: (properties: Properties) => Properties): JsonSchema {
  if (typeof schema !== 'object' || !Array.isArray(schema.anyOf))
    throw new Error('the description no longer has a schema its errata correct');
  const anyOf = (schema.anyOf as JsonSchema[]).map((branch) =>
    typeof branch === 'object' && branch.properties !== undefined ? withProperties(branch, change) : branch,
  );
  return { ...schema, anyOf };
}

function withProperties(schema: JsonSchema | undefined, change: (properties: Properties) => Properties): JsonSchema {
  if (typeof schema !== 'object') throw new Error('the description no longer has a schema its errata correct');
  return { ...schema, properties: change(schema.properties as Properties) };
}
