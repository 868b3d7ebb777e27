/**
 * Finding a 2.x company by the keys 1.x found it by: `GET /companies?company_id=|name=` answers a
 * one-company list on 2.x where 1.x answered the company.
 *
 * @module
 */
import type { JsonObject } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { notFound, sendV2 } from './contact-lookup.js';
import { listItems } from './people-shapes.js';
import type { BridgeContext } from './route-table.js';

/** The 2.x company with this `company_id` or `name`; the 1.x 404 when there is none. */
export async function companyBy(
  context: BridgeContext,
  key: 'company_id' | 'name',
  value: string,
  options: RequestOptions | undefined,
): Promise<JsonObject> {
  const answer = (await sendV2(context, options, { method: 'GET', path: '/companies', query: { [key]: value } })) as JsonObject;
  const company = answer.type === 'company' ? answer : listItems(answer)[0];
  if (company === undefined) throw notFound('Company');
  return company;
}
