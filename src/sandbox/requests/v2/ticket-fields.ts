/** Reading the fields of 2.x ticket and ticket type bodies: ticket attributes, booleans, assignees. */
import { ApiError, invalid } from '../../api-error.js';
import type { TicketAttributes } from '../../domain/records.js';
import type { Body } from '../v1/payload.js';

/**
 * Ticket attribute values by name: strings, numbers, booleans, null (clears one), or arrays (files,
 * several list items). Names cannot be `__proto__`.
 */
export function readTicketAttributes(body: Body, field = 'ticket_attributes'): TicketAttributes | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${field} must be an object`, field);
  const out: TicketAttributes = {};
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (name === '__proto__') throw invalid(`'__proto__' is not a ticket attribute`, `${field}.${name}`);
    const scalar = (x: unknown): x is string | number => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
    if (v === null || typeof v === 'boolean' || scalar(v)) out[name] = v;
    else if (Array.isArray(v) && v.every(scalar)) out[name] = v;
    else throw invalid(`The ticket attribute '${name}' must be a string, number, boolean, array or null`, `${field}.${name}`);
  }
  return out;
}

/** A boolean field; undefined when absent. */
export function readBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ApiError(400, 'parameter_invalid', `${field} must be a boolean`);
  return value;
}

/** A string field; undefined when absent. */
export function readText(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ApiError(400, 'parameter_invalid', `${field} must be a string`);
  return value;
}

/** One of `allowed`; undefined when absent. */
export function readChoice<T extends string>(body: Body, field: string, allowed: readonly T[]): T | undefined {
  const value = readText(body, field);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ApiError(400, 'parameter_invalid', `${field} must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}
