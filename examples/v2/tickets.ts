// README: API 2.x, Tickets.
import { client, show } from './setup.js';

// A ticket of the workspace's first ticket type, for its first contact, worked on by the token's admin.
const admin_id = (await client.admins.identify())?.id;
const ticket_type_id = (await client.ticketTypes.list()).data?.[0]?.id;
const contact_id = (await client.contacts.list({ per_page: 1 })).data[0]?.id;
if (admin_id === undefined || ticket_type_id === undefined || contact_id === undefined)
  throw new Error('the workspace has no admin, ticket type or contact');

const ticket = await client.tickets.create({ ticket_type_id, contacts: [{ id: contact_id }] });
if (ticket?.id === undefined) throw new Error('Intercom answered no ticket');
show('tickets.create({ ticket_type_id, contacts })', ticket.id);

await client.tickets.note({ ticket_id: ticket.id, admin_id, body: 'Reproduced on staging' });
show('tickets.note(...)', 'noted');
await client.tickets.assign({ ticket_id: ticket.id, admin_id, assignee_id: admin_id });
show('tickets.assign(...)', 'assigned');
const closed = await client.tickets.close({ ticket_id: ticket.id, admin_id });
show('tickets.close(...)', `open: ${closed?.open}`);
