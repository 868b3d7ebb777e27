import type { ErrorObject } from 'ajv';
import { ApiError } from '../api-error.js';
import { correctedRequestBody } from './description-errata.js';
import type { DescribedOperation, JsonSchema } from './description-types.js';
import type { OperationMatch } from './operations.js';
import { bodyCheck, parameterCheck } from './schema-validators.js';

/** Where a failed check points: `email`, `query.operator`, `per_page`. */
function fieldOf(error: ErrorObject): string {
  const at = error.instancePath.split('/').slice(1).join('.');
  if (error.keyword === 'required') {
    const name = (error.params as { missingProperty: string }).missingProperty;
    return at === '' ? name : `${at}.${name}`;
  }
  return at;
}

/** The 400 Intercom answers a request that fails the description with. */
function refusal(error: ErrorObject, what: 'body' | 'parameter'): ApiError {
  const field = fieldOf(error);
  if (error.keyword === 'required')
    return new ApiError(400, 'parameter_not_found', `${field} is a required ${what === 'body' ? 'field' : 'parameter'}`);
  const where = field === '' ? 'The request body' : `'${field}'`;
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
    return new ApiError(400, 'parameter_invalid', `${where} must be one of: ${allowed}`);
  }
  return new ApiError(400, 'parameter_invalid', `${where} ${error.message ?? 'is invalid'}`);
}

/**
 * Checks a 2.x request's query parameters against its operation in the description. Throws the
 * {@link ApiError} Intercom answers with.
 */
export function validateParameters(match: OperationMatch, query: URLSearchParams): void {
  const params = parameterValues(match.operation, match.params, query);
  const paramErrors = parameterCheck(match.operation)(params);
  if (paramErrors?.[0] !== undefined) throw refusal(paramErrors[0], 'parameter');
}

/**
 * Checks a 2.x request's JSON body against its operation in the description (required fields, types,
 * enums, formats; with the description's errata). Throws the {@link ApiError} Intercom answers with.
 */
export function validateBody(operation: DescribedOperation, body: unknown): void {
  if (operation.body === undefined) return;
  if (body === undefined) {
    if (operation.body.required) throw new ApiError(400, 'parameter_not_found', 'The request body is required');
    return;
  }
  const { method, path } = operation;
  const bodyErrors = bodyCheck(`request ${method} ${path}`, correctedRequestBody(method, path, operation.body.schema))(body);
  if (bodyErrors?.[0] !== undefined) throw refusal(bodyErrors[0], 'body');
}

/** The operation's parameters the request gives, as strings (a repeated query parameter: its last value). */
function parameterValues(
  operation: DescribedOperation,
  pathParams: Record<string, string>,
  query: URLSearchParams,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const p of operation.parameters) {
    const members = explodedMembers(p.schema);
    if (p.in === 'query' && members.length > 0) {
      // An object sent as form, exploded: each of its members is a query parameter of its own.
      const object = Object.fromEntries(members.filter((m) => query.has(m)).map((m) => [m, query.getAll(m).at(-1)]));
      if (Object.keys(object).length > 0) values[p.name] = object;
      continue;
    }
    const value = p.in === 'path' ? pathParams[p.name] : (query.getAll(p.name).at(-1) ?? undefined);
    if (value !== undefined) values[p.name] = value;
  }
  return values;
}

/** The member names of an object parameter (in its properties or its `oneOf`/`anyOf` branches); none for a scalar. */
export function explodedMembers(schema: JsonSchema): string[] {
  if (typeof schema !== 'object' || schema.type !== 'object') return [];
  const branches = [
    schema,
    ...((schema.oneOf as JsonSchema[] | undefined) ?? []),
    ...((schema.anyOf as JsonSchema[] | undefined) ?? []),
  ];
  const names = branches.flatMap((b) => (typeof b === 'object' ? Object.keys((b.properties as object | undefined) ?? {}) : []));
  return [...new Set(names)];
}
