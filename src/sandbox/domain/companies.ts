/** Companies: created or updated by their `company_id`, and the changes a write makes to one. */
import { DomainError, notFound } from './errors.js';
import { type Attributes, type CompanyRecord, mergeAttributes, nowSeconds } from './records.js';
import type { Store } from './store.js';

/** The writable fields of a company; `undefined` leaves a field alone, `null` clears it. */
export interface CompanyChanges {
  name?: string | null | undefined;
  plan?: string | null | undefined;
  /** Whole units. */
  monthlySpend?: number | undefined;
  size?: number | undefined;
  website?: string | null | undefined;
  industry?: string | null | undefined;
  remoteCreatedAt?: number | null | undefined;
  /** Merged key by key; a `null` value clears the attribute. */
  attributes?: Attributes | undefined;
}

/** Applies checked changes to a company and marks it updated. */
export function applyCompanyChanges(company: CompanyRecord, changes: CompanyChanges): void {
  if (changes.name !== undefined) company.name = changes.name;
  if (changes.plan !== undefined) company.plan = changes.plan;
  if (changes.monthlySpend !== undefined) company.monthly_spend = changes.monthlySpend;
  if (changes.size !== undefined) company.size = changes.size;
  if (changes.website !== undefined) company.website = changes.website;
  if (changes.industry !== undefined) company.industry = changes.industry;
  if (changes.remoteCreatedAt !== undefined) company.remote_created_at = changes.remoteCreatedAt;
  if (changes.attributes !== undefined) mergeAttributes(company.custom_attributes, changes.attributes);
  company.updated_at = nowSeconds();
}

/** The company with this Intercom id, or a not-found error. */
export function companyById(store: Store, id: string): CompanyRecord {
  const company = store.companies.get(id);
  if (company === undefined) throw notFound('Company Not Found');
  return company;
}

/**
 * Creates or updates the company keyed by `companyId`. An Intercom `id` may ride along; it must name
 * the same company, since a `company_id` never changes.
 */
export function upsertCompany(store: Store, companyId: string, id: string | undefined, changes: CompanyChanges): CompanyRecord {
  let company: CompanyRecord | undefined;
  let created = false;
  if (id !== undefined) {
    company = companyById(store, id);
    if (company.company_id !== companyId) {
      throw new DomainError(
        'invalid',
        `company_id cannot be changed (the company with id ${id} has company_id ${company.company_id})`,
        { field: 'company_id' },
      );
    }
  } else {
    company = store.companyByCompanyId(companyId);
    if (company === undefined) {
      company = store.newCompany(companyId);
      created = true;
    }
  }
  applyCompanyChanges(company, changes);
  if (created) store.sink.publish({ type: 'company.created', company });
  return company;
}
