// README: API 2.x, Conversations and their parts.
import { client, show } from './setup.js';

const admin_id = '991267497';
const replied = await client.conversations.reply({
  conversation_id: '123',
  body: { message_type: 'comment', type: 'admin', admin_id, body: 'On it!' },
});
show('conversations.reply({ conversation_id, body })', `${replied.id}`);

await client.conversations.note({ conversation_id: '123', admin_id, body: 'Customer is on the enterprise plan' });
show('conversations.note(...)', 'noted');
await client.conversations.assign({ conversation_id: '123', admin_id, assignee_id: '814860', type: 'team' });
show('conversations.assign(...)', 'assigned to team 814860');
await client.conversations.snooze({ conversation_id: '123', admin_id, snoozed_until: Math.floor(Date.now() / 1000) + 3600 });
show('conversations.snooze(...)', 'snoozed for an hour');
const closed = await client.conversations.close({ conversation_id: '123', admin_id, body: 'Closing: solved' });
show('conversations.close(...)', `${closed.state}`);
