// README: Companies. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/companies.js` in another.
import { ResourceNotFound } from 'intercom-ts';
import { intercom, show } from './setup.js';

// Add a user to one or more companies (an unknown company_id creates the company)
const user = await intercom.users.find({ email: 'alice@example.com' });
user.companies = [
  { company_id: 6, name: 'Intercom' },
  { company_id: 9, name: 'Test Company' },
];
await intercom.users.save(user);
show('users.save(user with companies)', user.companies.map((c) => c.name).join(', '));

// You can also pass custom attributes within a company as you do this
user.companies = [{ id: 6, name: 'Intercom', custom_attributes: { referral_source: 'Google' } }];
await intercom.users.save(user);
show('users.save(company custom_attributes)', (await intercom.companies.find({ company_id: '6' })).custom_attributes);

// Create a company, or update the one with the same company_id
const created = await intercom.companies.create({ company_id: '77', name: 'Some company', plan: 'Pro', monthly_spend: 120 });
show("companies.create({ company_id: '77', ... })", `${created.name} (id ${created.id})`);

// Find a company by company_id, by name, by id
const company = await intercom.companies.find({ company_id: '44' });
show("companies.find({ company_id: '44' })", `${company.name}, plan ${company.plan}, ${company.user_count} users`);
show("companies.find({ name: 'Some company' })", (await intercom.companies.find({ name: 'Some company' })).company_id);
show('companies.find({ id })', (await intercom.companies.find({ id: company.id })).name);

// Update a company: changed fields (and custom attributes) are sent
company.name = 'Updated company name';
company.increment('seats', 3);
await intercom.companies.save(company);
show('companies.save(company)', `${company.name}, seats ${company.custom_attributes.seats}`);

// Iterate over all companies
for await (const c of intercom.companies.all()) show('companies.all()', `${c.name} - ${c.custom_attributes.referral_source}`);
show(
  'companies.all().toArray() names',
  (await intercom.companies.all().toArray()).map((c) => c.name),
);

// Get a list of users in a company by Intercom company id, or by your company_id
const byIntercomId = await intercom.companies.usersByIntercomCompanyId(company.id).toArray();
show(
  'companies.usersByIntercomCompanyId(company.id)',
  byIntercomId.map((u) => u.email),
);
const byCompanyId = await intercom.companies.usersByCompanyId(company.company_id).toArray();
show(
  'companies.usersByCompanyId(company.company_id)',
  byCompanyId.map((u) => u.email),
);

// Get a large list of companies using scroll (see the users scroll for details)
for await (const c of intercom.companies.scroll()) show('companies.scroll()', c.name);

// A company that does not exist
try {
  await intercom.companies.find({ company_id: 'no-such-company' });
} catch (error) {
  if (!(error instanceof ResourceNotFound)) throw error;
  show("companies.find({ company_id: 'no-such-company' })", `${error.name} (${error.httpCode})`);
}

intercom.close();
