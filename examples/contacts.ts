// README: Contacts (leads). Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/contacts.js` in another.
import { intercom, show } from './setup.js';

// Create a contact (a lead): Intercom makes its user_id and a pseudonym
const contact = await intercom.contacts.create({ email: 'some_contact@example.com' });
show('contacts.create({ email })', `${contact.pseudonym}, user_id ${contact.user_id}`);

// Update a contact via create: give its id (or user_id). An email alone would create another lead.
const updated = await intercom.contacts.create({ email: 'mule@example.com', id: contact.id, name: 'update_contact' });
show('contacts.create({ id, email, name })', `${updated.name} <${updated.email}>`);

// Update a contact via the contact object: save sends what changed, plus custom_attributes
updated.custom_attributes.foo = 'bar';
await intercom.contacts.save(updated);
show("save(custom_attributes.foo = 'bar')", updated.custom_attributes);

// Find contacts by email: every lead with it (emails are not unique among leads)
const contacts = await intercom.contacts.findAll({ email: 'mule@example.com' }).toArray();
show('contacts.findAll({ email })', contacts.map((c) => c.id).join(', '));

// Using find with email returns the list: a ContactList, possibly with several leads
const contactList = await intercom.contacts.find({ email: 'mule@example.com' });
show('contacts.find({ email })', `${contactList.type}, ${contactList.total_count} lead(s)`);
// Access the contact's data
show('contactList.contacts[0]', contactList.contacts[0]?.name);

// Convert a contact into a user. The user does not exist yet: the lead becomes the user.
const lead = await intercom.contacts.find({ id: updated.id });
const user = await intercom.contacts.convert(lead, { email: 'winstonsmith@truth.org' });
show('contacts.convert(lead, { email })', `${user.type} ${user.email} (id ${user.id}), foo = ${user.custom_attributes.foo}`);

// Converting into an existing user merges the lead into it, and the lead is gone
const prospect = await intercom.contacts.create({ email: 'prospect@example.com', custom_attributes: { source: 'webinar' } });
const alice = await intercom.users.find({ user_id: '2' });
const merged = await intercom.contacts.convert(prospect, alice);
show('contacts.convert(lead, existingUser)', `${merged.name}, source = ${merged.custom_attributes.source}`);

// Archive a contact
const temporary = await intercom.contacts.create({ email: 'temporary@example.com' });
const archived = await intercom.contacts.archive(temporary);
show('contacts.archive(contact)', archived.id);

// Get a large list of contacts using scroll (100 a request; one scroll per app at a time)
for await (const l of intercom.contacts.scroll()) show('contacts.scroll()', `${l.id} ${l.email ?? l.pseudonym}`);

intercom.close();
