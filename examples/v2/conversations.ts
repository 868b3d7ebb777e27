// README: API 2.x, Conversations and their parts.
import { client, show } from './setup.js';

// The admin the token belongs to acts; the workspace's latest conversation is worked on.
const admin_id = (await client.admins.identify())?.id;
const conversation_id = (await client.conversations.list({ per_page: 1 })).data[0]?.id;
if (admin_id === undefined || conversation_id === undefined) throw new Error('the workspace has no admin or no conversation');

const replied = await client.conversations.reply({
  conversation_id,
  body: { message_type: 'comment', type: 'admin', admin_id, body: 'On it!' },
});
show('conversations.reply({ conversation_id, body })', `${replied.id}`);

await client.conversations.note({ conversation_id, admin_id, body: 'Customer is on the enterprise plan' });
show('conversations.note(...)', 'noted');
await client.conversations.assign({ conversation_id, admin_id, assignee_id: admin_id, type: 'admin' });
show('conversations.assign(...)', `assigned to admin ${admin_id}`);
await client.conversations.snooze({ conversation_id, admin_id, snoozed_until: Math.floor(Date.now() / 1000) + 3600 });
show('conversations.snooze(...)', 'snoozed for an hour');
const closed = await client.conversations.close({ conversation_id, admin_id, body: 'Closing: solved' });
show('conversations.close(...)', `${closed.state}`);
