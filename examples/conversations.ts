// README: Conversations. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/conversations.js` in another.
import { intercom, show } from './setup.js';

const me = await intercom.admins.me();
const bob = await intercom.users.find({ user_id: '1' });

// Iterate over all conversations for your app (list items carry no parts: use find() for those)
for await (const convo of intercom.conversations.all()) {
  show('conversations.all()', `#${convo.id} ${convo.state}, assignee ${convo.assignee.type} ${convo.assignee.id ?? ''}`);
}

// FINDING CONVERSATIONS FOR AN ADMIN
// Iterate over all conversations (open and closed) assigned to an admin
for await (const convo of intercom.conversations.findAll({ type: 'admin', id: me.id })) {
  show(`findAll({ type: 'admin', id: '${me.id}' })`, `#${convo.id} ${convo.state}`);
}
// Iterate over all open conversations assigned to an admin
const open = await intercom.conversations.findAll({ type: 'admin', id: me.id, open: true }).toArray();
show('findAll({ type: admin, open: true })', open.map((c) => `#${c.id}`).join(', '));
// Iterate over closed conversations assigned to an admin
const closed = await intercom.conversations.findAll({ type: 'admin', id: me.id, open: false }).toArray();
show('findAll({ type: admin, open: false })', `${closed.length} closed`);
// Iterate over closed conversations assigned to an admin, last updated before a moment (a Date or epoch seconds)
const older = await intercom.conversations.findAll({ type: 'admin', id: me.id, open: false, before: new Date() }).toArray();
show('findAll({ type: admin, open: false, before })', `${older.length} closed before now`);

// FINDING CONVERSATIONS FOR A USER
// Iterate over all conversations (read and unread) with a user, by the user's email
for await (const convo of intercom.conversations.findAll({ email: 'alice@example.com', type: 'user' })) {
  show("findAll({ email: 'alice@example.com', type: 'user' })", `#${convo.id} read: ${convo.read}`);
}
// Read and unread alike (unread: false), or only the unread ones (unread: true)
const all = await intercom.conversations.findAll({ email: 'alice@example.com', type: 'user', unread: false }).toArray();
const unread = await intercom.conversations.findAll({ email: 'alice@example.com', type: 'user', unread: true }).toArray();
show('findAll({ ..., unread: false / true })', `${all.length} in all, ${unread.length} unread`);
// Iterate over all conversations of a user by their Intercom user id
for await (const convo of intercom.conversations.findAll({ intercom_user_id: bob.id, type: 'user' })) {
  show('findAll({ intercom_user_id: bob.id, type: user })', `#${convo.id} ${convo.state}`);
}
// Iterate over all conversations of a lead: you MUST use their Intercom id, with type 'user'
const lead = await intercom.contacts.create({ email: 'lead-with-questions@example.com' });
await intercom.messages.create({ from: { type: 'contact', id: lead.id }, body: 'Do you ship to Mars?' });
for await (const convo of intercom.conversations.findAll({ intercom_user_id: lead.id, type: 'user' })) {
  show('findAll({ intercom_user_id: lead.id, type: user })', `#${convo.id} with a ${convo.user.type}`);
}

// FINDING A SINGLE CONVERSATION
const conversation = await intercom.conversations.find({ id: '147' });
// INTERACTING WITH THE PARTS OF A CONVERSATION
// The subject of the conversation's message (only email-based conversations have one)
show('conversation.conversation_message.subject', JSON.stringify(conversation.conversation_message.subject));
// The part_type of the first part
show('conversation.conversation_parts[0].part_type', conversation.conversation_parts[0]?.part_type);
// The body of the second part
show('conversation.conversation_parts[1].body', conversation.conversation_parts[1]?.body);

// REPLYING TO CONVERSATIONS
// User (identified by email) replies with a comment
const aliceConversation = (await intercom.conversations.findAll({ email: 'alice@example.com', type: 'user' }).toArray())[0];
if (aliceConversation !== undefined) {
  const replied = await intercom.conversations.reply({
    id: aliceConversation.id,
    type: 'user',
    email: 'alice@example.com',
    message_type: 'comment',
    body: 'foo',
  });
  show('reply({ type: user, email, comment })', replied.conversation_parts.at(-1)?.body);
}
// Admin (identified by id) replies with a comment
let reply = await intercom.conversations.reply({
  id: conversation.id,
  type: 'admin',
  admin_id: me.id,
  message_type: 'comment',
  body: 'bar',
});
show(
  'reply({ type: admin, admin_id, comment })',
  `${reply.conversation_parts.length} parts, the last by ${reply.conversation_parts.at(-1)?.author.type}`,
);
// User (identified by user_id) replies with a comment and an attachment
reply = await intercom.conversations.reply({
  id: conversation.id,
  type: 'user',
  user_id: '1',
  message_type: 'comment',
  body: 'foo',
  attachment_urls: ['http://www.example.com/attachment.jpg'],
});
show(
  'reply({ ..., attachment_urls })',
  reply.conversation_parts
    .at(-1)
    ?.attachments.map((a) => a.name)
    .join(', '),
);
// Reply to a user's last conversation
reply = await intercom.conversations.replyToLast({ type: 'user', body: 'Thanks again', message_type: 'comment', user_id: '1' });
show('replyToLast({ type: user, user_id })', `#${reply.id}`);
// Open
reply = await intercom.conversations.open({ id: conversation.id, admin_id: me.id });
show('open()', reply.state);
// Close
reply = await intercom.conversations.close({ id: conversation.id, admin_id: me.id });
show('close()', reply.state);
// Assign. Conversations can be assigned to teams too, but the admin who assigns must be a teammate:
// list your teammates with `for await (const a of intercom.admins.all()) if (a.type === 'admin') ...`
let teammate = me.id;
for await (const a of intercom.admins.all()) if (a.type === 'admin' && a.id !== me.id) teammate = a.id;
reply = await intercom.conversations.assign({ id: conversation.id, admin_id: me.id, assignee_id: teammate });
show('assign({ assignee_id })', `assignee ${reply.assignee.id}, part ${reply.conversation_parts.at(-1)?.part_type}`);
// Snooze (until a Date or epoch seconds)
reply = await intercom.conversations.snooze({
  id: conversation.id,
  admin_id: me.id,
  snoozed_until: new Date(Date.now() + 86_400_000),
});
show('snooze({ snoozed_until })', `${reply.state} until ${reply.snoozed_until}`);
// Reply and open
reply = await intercom.conversations.reply({
  id: conversation.id,
  type: 'admin',
  admin_id: me.id,
  message_type: 'open',
  body: 'bar',
});
show('reply({ message_type: open, body })', reply.state);
// Reply and close
reply = await intercom.conversations.reply({
  id: conversation.id,
  type: 'admin',
  admin_id: me.id,
  message_type: 'close',
  body: 'bar',
});
show('reply({ message_type: close, body })', reply.state);
// Admin reply to a user's last conversation
reply = await intercom.conversations.replyToLast({
  intercom_user_id: bob.id,
  type: 'admin',
  admin_id: me.id,
  message_type: 'comment',
  body: 'bar',
});
show('replyToLast({ intercom_user_id, type: admin })', `#${reply.id}`);
// User reply to their last conversation
reply = await intercom.conversations.replyToLast({
  intercom_user_id: bob.id,
  type: 'user',
  message_type: 'comment',
  body: 'bar',
});
show('replyToLast({ intercom_user_id, type: user })', `#${reply.id} is ${reply.state} again`);

// ASSIGNING CONVERSATIONS TO ADMINS
reply = await intercom.conversations.reply({
  id: conversation.id,
  type: 'admin',
  assignee_id: me.id,
  admin_id: me.id,
  message_type: 'assignment',
});
show('reply({ message_type: assignment, assignee_id })', `assignee ${reply.assignee.id}`);

// MARKING A CONVERSATION AS READ
const read = await intercom.conversations.markRead(conversation.id);
show('markRead(conversation.id)', `read: ${read.read}`);

// Given a conversation with a partial user, load the full user (works for any object with an id)
const user = await intercom.users.load(conversation.user);
show('users.load(conversation.user)', `${user.name} <${user.email}>`);

intercom.close();
