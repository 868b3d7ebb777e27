// README: Events. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/events.js` in another.
import { ResourceNotFound } from 'intercom-ts';
import { intercom, show } from './setup.js';

// Events belong to a user who exists already (an event never creates a user)
const user = await intercom.users.create({ user_id: '314159', email: 'frodo@example.com', name: 'Frodo Baggins' });

// Record an event: created_at takes a Date or epoch seconds; metadata is flat (at most 10 keys)
await intercom.events.create({
  event_name: 'invited-friend',
  created_at: new Date(),
  email: 'frodo@example.com',
  metadata: { invitee_email: 'pi@example.org', invite_code: 'ADDAFRIEND', found_date: 12909364407 },
});
show('events.create({ email })', 'recorded (202, no body)');

// Alternatively, use user_id in case your app allows multiple accounts having the same email
await intercom.events.create({ event_name: 'invited-friend', created_at: new Date(), user_id: '314159' });
show('events.create({ user_id })', 'recorded');

// Metadata objects: a date (key ending in _date), a rich link { url, value } and an amount in cents
await intercom.events.create({
  event_name: 'placed-order',
  email: 'frodo@example.com',
  created_at: new Date(),
  metadata: {
    order_date: new Date(),
    stripe_invoice: 'inv_3434343434',
    order_number: { value: '3434-3434', url: 'https://example.org/orders/3434-3434' },
    price: { currency: 'usd', amount: 2999 },
  },
});
show('events.create(rich metadata)', 'recorded');

// Retrieve the event list of a user (newest first, last 90 days) by intercom_user_id, user_id or email
for await (const event of intercom.events.findAll({ type: 'user', intercom_user_id: user.id })) {
  show('events.findAll({ intercom_user_id })', `${event.event_name} ${JSON.stringify(event.metadata ?? {})}`);
}

// How many times the user did each event
const summary = await intercom.events.summary({ type: 'user', user_id: '314159' });
show('events.summary({ user_id })', summary.events.map((e) => `${e.name} x${e.count}`).join(', '));

// An unknown user is an error, not a new user
try {
  await intercom.events.create({ event_name: 'invited-friend', created_at: new Date(), email: 'nobody@example.com' });
} catch (error) {
  if (!(error instanceof ResourceNotFound)) throw error;
  show('events.create(unknown user)', `${error.name}: ${error.message}`);
}

intercom.close();
