// README: API 2.x, Search, Pagination and Errors.
import { contactSearch, InvalidParameterError } from 'intercom-ts/v2';
import { client, show } from './setup.js';

const { where, and, or } = contactSearch;
const query = and(
  where('role', '=', 'user'),
  or(where('email', '$', '@example.com'), where('custom_attributes.plan', '=', 'pro')),
);
const emails: string[] = [];
for await (const contact of await client.contacts.search({ query, pagination: { per_page: 150 } }))
  emails.push(contact.email ?? '');
show('for await (contacts.search({ query }))', emails.join(', '));

let page = await client.conversations.list({ per_page: 20 });
show('conversations.list() first page', `${page.data.length} item(s), next: ${page.hasNextPage()}`);
while (page.hasNextPage()) page = await page.getNextPage();

// A query deeper than two levels is refused before anything is sent.
try {
  await client.contacts.search({ query: and(or(and(where('name', '=', 'a')))) });
} catch (error) {
  if (!(error instanceof InvalidParameterError)) throw error;
  show('contacts.search(three levels)', `${error.name}: ${error.message}`);
}
