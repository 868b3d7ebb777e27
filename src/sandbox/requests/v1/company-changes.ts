/**
 * The writable fields of a company in a 1.x body, shared by `POST /companies` and the `companies`
 * items of a user write, so that both accept them the same way.
 */
import { invalid } from '../../api-error.js';
import type { CompanyChanges } from '../../domain/companies.js';
import { type Body, optionalAttributes, optionalNumber, optionalString, optionalTimestamp } from './payload.js';

/** Largest `monthly_spend` Intercom stores (a signed 32-bit integer). */
export const MAX_MONTHLY_SPEND = 2 ** 31 - 1;

/**
 * Reads `name`, `plan` (a plain string in 1.x), `monthly_spend` (an integer, fractions truncated),
 * `size`, `website`, `industry`, `remote_created_at` and `custom_attributes`. Wrong types answer 400
 * here, before anything changes.
 */
export function readCompanyChanges(body: Body): CompanyChanges {
  const name = optionalString(body, 'name');
  const plan = body.plan;
  if (plan !== undefined && plan !== null && typeof plan !== 'string') throw invalid('plan must be a string', 'plan');
  const spend = optionalNumber(body, 'monthly_spend');
  const monthlySpend = spend === undefined ? undefined : Math.trunc(spend);
  if (monthlySpend !== undefined && Math.abs(monthlySpend) > MAX_MONTHLY_SPEND) {
    throw invalid(`monthly_spend must be at most ${MAX_MONTHLY_SPEND}`, 'monthly_spend');
  }
  const rawSize = optionalNumber(body, 'size');
  return {
    name,
    plan: plan as string | null | undefined,
    monthlySpend,
    size: rawSize === undefined ? undefined : Math.trunc(rawSize),
    website: optionalString(body, 'website'),
    industry: optionalString(body, 'industry'),
    remoteCreatedAt: optionalTimestamp(body, 'remote_created_at'),
    attributes: optionalAttributes(body),
  };
}
