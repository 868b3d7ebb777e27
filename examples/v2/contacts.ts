// README: API 2.x, Contacts. `node dist/examples/v2/contacts.js` with INTERCOM_BASE_URL and INTERCOM_TOKEN set.
import { ContactConflictError } from 'intercom-ts/v2';
import { client, show } from './setup.js';

// Create a contact; a conflict (409) names the contact that exists, to update instead.
let id: string;
try {
  const created = await client.contacts.create({ email: 'joe@example.com', name: 'Joe', role: 'user' });
  id = created.id as string;
  show('contacts.create({ email, name, role })', `${created.role} ${id}`);
} catch (error) {
  if (!(error instanceof ContactConflictError) || error.existingContactId === undefined) throw error;
  id = error.existingContactId;
  show('contacts.create conflict', `existing contact ${id}`);
}

const found = await client.contacts.find({ contact_id: id });
show('contacts.find({ contact_id })', `${found.email}`);

// A custom attribute must exist in the workspace (dataAttributes.create): 2.x refuses unknown ones.
const updated = await client.contacts.update({ contact_id: id, custom_attributes: { average_monthly_spend: 49 } });
show('contacts.update({ contact_id, custom_attributes })', updated.custom_attributes);

const tags = await client.contacts.listAttachedTags({ contact_id: id });
show('contacts.listAttachedTags({ contact_id })', `${tags.data?.length ?? 0} tag(s)`);

const archived = await client.contacts.archive({ contact_id: id });
show('contacts.archive({ contact_id })', `archived: ${archived.archived}`);
