import { notFound } from '../api-error.js';
import type { RouteResult } from '../router.js';
import type { DescribedOperation, JsonSchema } from './description-types.js';

/**
 * The operations whose own 2xx example fails the description's response schema, and the answer's
 * correction: the drifted value set to one of the type the schema says (the schema is Intercom's
 * record of the API; the examples drifted from it). Keyed by method and path as the description writes them.
 */
const EXAMPLE_FIXES: Record<string, (example: Record<string, unknown>) => void> = {
  // "12345": the schema says integer.
  'PUT /admins/{admin_id}/away': (admin) => {
    admin.away_status_reason_id = 12345;
  },
  // `metadata.before`/`after` as the strings "before"/"after": the schema says objects.
  'POST /admins/activity_logs/search': (page) => activityLogFix(page),
  'GET /admins/activity_logs': (page) => activityLogFix(page),
  // Numeric part ids: the schema says strings.
  'GET /conversations/{conversation_id}': (conversation) => {
    const parts = (conversation.conversation_parts as { conversation_parts?: Record<string, unknown>[] } | undefined)
      ?.conversation_parts;
    for (const part of parts ?? []) part.id = String(part.id);
  },
  // `admin_assignee_id` and `team_assignee_id` null: the schema says integers.
  'POST /conversations/{id}/merge': (conversation) => {
    conversation.admin_assignee_id ??= 0;
    conversation.team_assignee_id ??= 0;
  },
  // A numeric custom attribute where the object type's schema says string.
  'GET /custom_object_instances/{custom_object_type_identifier}': (page) => {
    for (const instance of (page.data as Record<string, unknown>[] | undefined) ?? []) customAttributesFix(instance);
  },
  'POST /custom_object_instances/{custom_object_type_identifier}': (instance) => customAttributesFix(instance),
  'GET /custom_object_instances/{custom_object_type_identifier}/{custom_object_instance_id}': (instance) =>
    customAttributesFix(instance),
  // `ticket_state: "submitted"`: the schema says a ticket state object.
  'POST /tickets/{ticket_id}/change_type': (ticket) => {
    ticket.ticket_state = {
      type: 'ticket_state',
      id: '1',
      category: 'submitted',
      internal_label: 'Submitted',
      external_label: 'Submitted',
    };
  },
  // `email: ""`: the schema says an email address.
  'PUT /visitors': (visitor) => {
    visitor.email = 'visitor@example.com';
  },
  'GET /visitors': (visitor) => {
    visitor.email = 'visitor@example.com';
  },
  // A numeric `ruleset_id`: the schema says a string.
  'GET /messages/status': (status) => {
    status.ruleset_id = String(status.ruleset_id);
  },
};

function activityLogFix(page: Record<string, unknown>): void {
  for (const log of (page.activity_logs as { metadata?: Record<string, unknown> }[] | undefined) ?? []) {
    if (log.metadata === undefined) continue;
    if (typeof log.metadata.before !== 'object') log.metadata.before = {};
    if (typeof log.metadata.after !== 'object') log.metadata.after = {};
  }
}

function customAttributesFix(instance: Record<string, unknown>): void {
  const attributes = instance.custom_attributes as Record<string, unknown> | undefined;
  if (typeof attributes?.total_amount === 'number') attributes.total_amount = String(attributes.total_amount);
}

/** The smallest body of a schema's type: `[]` for an array, `{}` otherwise. */
function emptyBodyOf(schema: JsonSchema | null | undefined): unknown {
  if (schema === null || schema === undefined) return undefined;
  return typeof schema === 'object' && schema.type === 'array' ? [] : {};
}

/**
 * The answer of an operation with no stateful route: its first documented 2xx status and example (a
 * copy, corrected where the example fails its schema). Without an example, the smallest body of the
 * schema's type. Without a documented 2xx: its documented redirect, else its documented 404.
 */
export function describedAnswer(operation: DescribedOperation): RouteResult {
  const success = operation.success;
  if (success === undefined) {
    const redirect = Object.keys(operation.responses).find((status) => /^3\d\d$/.test(status));
    if (redirect !== undefined) return { status: Number(redirect) };
    // The description documents only failures (GET /fin_voice/phone_number/{phone_number}).
    throw notFound();
  }
  if (success.example === undefined)
    return { status: success.status, body: emptyBodyOf(operation.responses[String(success.status)]) };
  const example: unknown = structuredClone(success.example);
  const fix = EXAMPLE_FIXES[`${operation.method} ${operation.path}`];
  if (fix !== undefined && typeof example === 'object' && example !== null) fix(example as Record<string, unknown>);
  return { status: success.status, body: example };
}

/** `METHOD /path` of every operation whose example is corrected before it is answered. */
export const FIXED_EXAMPLES: readonly string[] = Object.keys(EXAMPLE_FIXES);
