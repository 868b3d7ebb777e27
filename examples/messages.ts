// README: Messages. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/messages.js` in another.
import { intercom, show } from './setup.js';

const me = await intercom.admins.me();
const bob = await intercom.users.find({ user_id: '1' });

// In-app message from an admin to a user
const inapp = await intercom.messages.create({
  message_type: 'inapp',
  body: "What's up :)",
  from: { type: 'admin', id: me.id },
  to: { type: 'user', user_id: '1' },
});
show('messages.create({ message_type: inapp })', `${inapp.type} ${inapp.id} from ${inapp.owner.name}`);

// Email message from an admin to a user
const email = await intercom.messages.create({
  message_type: 'email',
  subject: 'Hey there',
  body: "What's up :)",
  template: 'plain', // or 'personal'
  from: { type: 'admin', id: me.id },
  to: { type: 'user', id: bob.id },
});
show('messages.create({ message_type: email })', `${email.type}: "${email.subject}" (${email.template})`);

// Message from a user: it starts a conversation
const fromUser = await intercom.messages.create({
  from: { type: 'user', id: bob.id },
  body: 'halp',
});
show('messages.create({ from: user })', `${fromUser.type} ${fromUser.id}`);

// Message from an admin to a contact (a lead): by id or user_id, never by email
const lead = await intercom.contacts.create({ email: 'winston@example.com' });
const toLead = await intercom.messages.create({
  body: 'How can I help :)',
  from: { type: 'admin', id: me.id },
  to: { type: 'contact', id: lead.id },
});
show('messages.create({ to: contact })', `${toLead.type} ${toLead.id}`);

// Message from a contact
const fromLead = await intercom.messages.create({
  from: { type: 'contact', id: lead.id },
  body: 'halp',
});
show('messages.create({ from: contact })', `${fromLead.type} ${fromLead.id}`);

// Every message is the start of a conversation
const [latest] = await intercom.conversations.findAll({ intercom_user_id: bob.id, type: 'user' }).toArray({ limit: 1 });
show("Bob's latest conversation", `#${latest?.id}: ${latest?.conversation_message.body}`);

intercom.close();
