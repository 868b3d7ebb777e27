// README: API 2.x, Companies.
import { client, show } from './setup.js';

const company = await client.companies.createOrUpdate({ company_id: 'acme', name: 'Acme', plan: 'enterprise' });
show('companies.createOrUpdate({ company_id, name, plan })', `${company.name} (${company.id})`);

const attached = await client.companies.attachContact({ contact_id: '63a07ddf05a32042dffac965', id: company.id as string });
show('companies.attachContact({ contact_id, id })', attached.name);

const names: string[] = [];
for await (const each of await client.companies.list({ per_page: 50 })) names.push(each.name ?? '');
show('for await (companies.list())', names.join(', '));
