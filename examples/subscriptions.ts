// README: Subscriptions. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/subscriptions.js` in another.
import { intercom, show } from './setup.js';

// Create a subscription (topics are typed: every 1.x topic, or a prefix such as 'company').
// Intercom needs a public URL; the sandbox delivers for real, so it accepts loopback receivers only.
const subscription = await intercom.subscriptions.create({ url: 'http://127.0.0.1:8080/hooks', topics: ['user.created'] });
show('subscriptions.create(...)', `${subscription.id} -> ${subscription.url} for ${subscription.topics.join(', ')}`);

// Fetch a subscription
const found = await intercom.subscriptions.find({ id: subscription.id });
show('subscriptions.find({ id })', `active: ${found.active}`);

// Change its topics; event.created needs the event names to be notified of
const updated = await intercom.subscriptions.update({
  id: found.id,
  topics: ['user.created', 'company', 'event.created'],
  metadata: { event_names: ['placed-order'] },
});
show('subscriptions.update(...)', updated.topics.join(', '));

// List subscriptions
for await (const s of intercom.subscriptions.all()) show('subscriptions.all()', `${s.id} ${s.topics.join(', ')}`);

// Delete a subscription
await intercom.subscriptions.delete(found);
show('subscriptions.delete(subscription)', `${(await intercom.subscriptions.all().toArray()).length} left`);

intercom.close();
