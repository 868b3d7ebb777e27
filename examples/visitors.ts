// README: Visitors (in the gem, not in its README). Run against the sandbox: `node dist/examples/visitors.js`.
// The API cannot list or create visitors (the Messenger does); the demo seed has two with these user_ids.
import { intercom, show } from './setup.js';

// Find a visitor by user_id (or by id)
const visitor = await intercom.visitors.find({ user_id: '8a88a590-e1c3-41e2-a502-e0649dbf721c' });
show('visitors.find({ user_id })', `${visitor.pseudonym}, landing page ${visitor.custom_attributes.landing_page}`);

// Update a visitor
visitor.custom_attributes.plan_viewed = 'pro';
await intercom.visitors.save(visitor);
show('visitors.save(visitor)', visitor.custom_attributes);

// Convert a visitor into a lead...
const lead = await intercom.visitors.convert(visitor);
show('visitors.convert(visitor)', `${lead.type} ${lead.id}`);

// ...or into a user (an existing user receives its data; otherwise the visitor becomes the user)
const other = await intercom.visitors.find({ user_id: '5b2a6e2c-7f1d-4c3e-9a8b-0d1e2f3a4b5c' });
const user = await intercom.visitors.convert(other, { user_id: 'visitor-42', email: 'visitor42@example.com' });
show('visitors.convert(visitor, { user_id, email })', `${user.type} ${user.user_id} <${user.email}>`);

intercom.close();
