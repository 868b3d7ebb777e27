/**
 * The writable fields of a company, shared by `POST /companies` and the `companies` items of a user
 * write, so that both accept and store them the same way.
 */
import { invalid } from './api-error.js';
import { type Body, optionalAttributes, optionalNumber, optionalString, optionalTimestamp } from './payload.js';
import { type CompanyRecord, mergeAttributes, nowSeconds } from './store.js';

/** Largest `monthly_spend` Intercom stores (a signed 32-bit integer). */
export const MAX_MONTHLY_SPEND = 2 ** 31 - 1;

/**
 * Reads `name`, `plan` (a plain string in 1.x), `monthly_spend` (stored as an integer, fractions
 * truncated), `size`, `website`, `industry`, `remote_created_at` and `custom_attributes` (merged key by
 * key; `null` clears one). Wrong types answer 400 here, before anything changes; the returned function
 * applies the fields.
 */
export function readCompanyFields(body: Body): (company: CompanyRecord) => void {
  const name = optionalString(body, 'name');
  const plan = body.plan;
  if (plan !== undefined && plan !== null && typeof plan !== 'string') throw invalid('plan must be a string', 'plan');
  const spend = optionalNumber(body, 'monthly_spend');
  const monthlySpend = spend === undefined ? undefined : Math.trunc(spend);
  if (monthlySpend !== undefined && Math.abs(monthlySpend) > MAX_MONTHLY_SPEND) {
    throw invalid(`monthly_spend must be at most ${MAX_MONTHLY_SPEND}`, 'monthly_spend');
  }
  const rawSize = optionalNumber(body, 'size');
  const size = rawSize === undefined ? undefined : Math.trunc(rawSize);
  const website = optionalString(body, 'website');
  const industry = optionalString(body, 'industry');
  const remoteCreatedAt = optionalTimestamp(body, 'remote_created_at');
  const attributes = optionalAttributes(body);
  return (company) => {
    if (name !== undefined) company.name = name;
    if (plan !== undefined) company.plan = plan as string | null;
    if (monthlySpend !== undefined) company.monthly_spend = monthlySpend;
    if (size !== undefined) company.size = size;
    if (website !== undefined) company.website = website;
    if (industry !== undefined) company.industry = industry;
    if (remoteCreatedAt !== undefined) company.remote_created_at = remoteCreatedAt;
    if (attributes !== undefined) mergeAttributes(company.custom_attributes, attributes);
    company.updated_at = nowSeconds();
  };
}
