// README: API 2.x, Companies.
import { client, show } from './setup.js';

const company = await client.companies.createOrUpdate({ company_id: 'acme', name: 'Acme', plan: 'enterprise' });
show('companies.createOrUpdate({ company_id, name, plan })', `${company.name} (${company.id})`);

// Attach the workspace's first contact.
const contact_id = (await client.contacts.list({ per_page: 1 })).data[0]?.id;
if (contact_id === undefined) throw new Error('the workspace has no contact');
const attached = await client.companies.attachContact({ contact_id, id: company.id as string });
show('companies.attachContact({ contact_id, id })', attached.name);

const names: string[] = [];
for await (const each of await client.companies.list({ per_page: 50 })) names.push(each.name ?? '');
show('for await (companies.list())', names.join(', '));
