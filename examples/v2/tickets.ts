// README: API 2.x, Tickets.
import { client, show } from './setup.js';

const ticket = await client.tickets.create({ ticket_type_id: '1234', contacts: [{ id: '6762f2d81bb69f9f2193bc54' }] });
if (ticket?.id === undefined) throw new Error('Intercom answered no ticket');
show('tickets.create({ ticket_type_id, contacts })', ticket.id);

await client.tickets.note({ ticket_id: ticket.id, admin_id: 991267497, body: 'Reproduced on staging' });
show('tickets.note(...)', 'noted');
await client.tickets.assign({ ticket_id: ticket.id, admin_id: 991267497, assignee_id: '814860' });
show('tickets.assign(...)', 'assigned');
const closed = await client.tickets.close({ ticket_id: ticket.id, admin_id: 991267497 });
show('tickets.close(...)', `open: ${closed?.open}`);
