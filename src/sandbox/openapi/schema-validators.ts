import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { correctedDefinitions } from './description-errata.js';
import type { DescribedOperation, JsonSchema } from './description-types.js';
import { description } from './operations.js';

// ajv-formats is CommonJS: its default export arrives as the function or as `{ default }`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** A validator for one schema: undefined when valid, else ajv's first errors. */
export type SchemaCheck = (value: unknown) => ErrorObject[] | undefined;

function newAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes, validateFormats: true });
  addFormats(ajv);
  // The description's own format: seconds since the epoch.
  ajv.addFormat('timestamp', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: 'intercom', definitions: correctedDefinitions(description().definitions) });
  return ajv;
}

let bodies: Ajv | undefined;
let parameters: Ajv | undefined;
const cache = new Map<string, SchemaCheck>();

function checkOf(ajv: Ajv, schema: JsonSchema): SchemaCheck {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) => (validate(value) ? undefined : (validate.errors ?? []));
}

/** The check of a request body or response body schema, compiled once, on first use. */
export function bodyCheck(key: string, schema: JsonSchema): SchemaCheck {
  let check = cache.get(key);
  if (check === undefined) {
    bodies ??= newAjv(false);
    check = checkOf(bodies, schema);
    cache.set(key, check);
  }
  return check;
}

/**
 * The check of an operation's query parameters as one object: strings are coerced to the
 * parameter's type (`?per_page=5` is the integer 5) before they are checked.
 */
export function parameterCheck(operation: DescribedOperation): SchemaCheck {
  const key = `params ${operation.method} ${operation.path}`;
  let check = cache.get(key);
  if (check === undefined) {
    parameters ??= newAjv(true);
    // Path parameters are not checked: the description types some ids as integers (`contact_id` of
    // POST /contacts/{contact_id}/notes) that Intercom gives as strings; an unknown id gets its 404.
    const query = operation.parameters.filter((p) => p.in === 'query');
    const schema = {
      type: 'object',
      properties: Object.fromEntries(query.map((p) => [p.name, p.schema])),
      required: query.filter((p) => p.required).map((p) => p.name),
    };
    check = checkOf(parameters, schema);
    cache.set(key, check);
  }
  return check;
}
