// README: Customers (search across users and leads). Run against the sandbox: `node dist/examples/customers.js`.
import type { CustomerSearchQuery } from 'intercom-ts';
import { intercom, show } from './setup.js';

// Search for customers
const customers = intercom.customers.search({
  query: { field: 'name', operator: '=', value: 'Alice' },
  per_page: 50,
  sort_field: 'name',
  sort_order: 'ascending',
});
for await (const customer of customers) show('customers.search(name = Alice)', `${customer.name} (${customer.role})`);

// Combine filters with AND / OR groups (two levels at most, 15 filters per group); custom attributes too
const query: CustomerSearchQuery = {
  operator: 'AND',
  value: [
    { field: 'email', operator: '$', value: 'example.com' },
    {
      operator: 'OR',
      value: [
        { field: 'custom_attributes.karma', operator: '>', value: 5 },
        { field: 'role', operator: '=', value: 'lead' },
      ],
    },
  ],
};
for await (const customer of intercom.customers.search({ query, sort_field: 'email' })) {
  show('customers.search(AND / OR)', `${customer.email} (${customer.role})`);
}

// Page by page: the iterator follows pages.next.starting_after; iterating again starts from the first page
const everyone = intercom.customers.search({ query: { field: 'email', operator: '!=', value: null }, per_page: 2 });
for await (const page of everyone.pages()) {
  show(`page ${page.page} of ${page.totalPages}`, page.items.map((c) => c.email).join(', '));
}

intercom.close();
