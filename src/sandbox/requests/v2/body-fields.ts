/** Reading required fields of 2.x bodies. */
import { ApiError } from '../../api-error.js';
import { type Body, optionalIdentifier } from '../v1/payload.js';

/** A required string or numeric id of a body; 400 `parameter_not_found` when missing. */
export function requiredId(body: Body, field: string): string {
  const value = optionalIdentifier(body, field);
  if (value === undefined || value === '') throw new ApiError(400, 'parameter_not_found', `${field} is a required parameter`);
  return value;
}
