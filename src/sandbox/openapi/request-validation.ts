import type { ErrorObject } from 'ajv';
import { ApiError } from '../api-error.js';
import { correctedRequestBody } from './description-errata.js';
import type { DescribedOperation, JsonSchema } from './description-types.js';
import type { OperationMatch } from './operations.js';
import { bodyCheck, parameterCheck, type SchemaCheck } from './schema-validators.js';

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

/** What checking an operation's requests needs, worked out once per operation. */
interface OperationChecks {
  /** The query parameters, each with its exploded member names (none for a scalar). */
  query: Array<{ name: string; members: string[] }>;
  /** True when a query parameter is required: a request without a query string must still be checked. */
  queryRequired: boolean;
  /** The body's check (the description's schema with its errata), compiled on first use. */
  body: SchemaCheck | undefined;
}

const checksOf = new WeakMap<DescribedOperation, OperationChecks>();

function operationChecks(operation: DescribedOperation): OperationChecks {
  let checks = checksOf.get(operation);
  if (checks === undefined) {
    const query = operation.parameters.filter((p) => p.in === 'query');
    const { method, path } = operation;
    checks = {
      query: query.map((p) => ({ name: p.name, members: explodedMembers(p.schema) })),
      queryRequired: query.some((p) => p.required),
      body:
        operation.body === undefined
          ? undefined
          : bodyCheck(`request ${method} ${path}`, correctedRequestBody(method, path, operation.body.schema)),
    };
    checksOf.set(operation, checks);
  }
  return checks;
}

/**
 * Checks a 2.x request's query parameters against its operation in the description. Throws the
 * {@link ApiError} Intercom answers with.
 */
export function validateParameters(match: OperationMatch, query: URLSearchParams): void {
  const checks = operationChecks(match.operation);
  // Path parameters are not checked (see parameterCheck): with no query string there is nothing to check
  // unless a query parameter is required.
  if (query.size === 0 && !checks.queryRequired) return;
  const params = parameterValues(checks, query);
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
  const bodyErrors = (operationChecks(operation).body as SchemaCheck)(body);
  if (bodyErrors?.[0] !== undefined) throw refusal(bodyErrors[0], 'body');
}

/** The operation's query parameters the request gives, as strings (a repeated query parameter: its last value). */
function parameterValues(checks: OperationChecks, query: URLSearchParams): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { name, members } of checks.query) {
    if (members.length > 0) {
      // An object sent as form, exploded: each of its members is a query parameter of its own.
      const object = Object.fromEntries(members.filter((m) => query.has(m)).map((m) => [m, query.getAll(m).at(-1)]));
      if (Object.keys(object).length > 0) values[name] = object;
      continue;
    }
    const value = query.getAll(name).at(-1);
    if (value !== undefined) values[name] = value;
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
