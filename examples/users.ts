// README: Users. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/users.js` in another.
import { MultipleMatchingUsersError, ResourceNotFound } from 'intercom-ts';
import { intercom, show } from './setup.js';

// Find user by email, by user_id, by id
const user = await intercom.users.find({ email: 'bob@example.com' });
show('users.find({ email })', `${user.name} (id ${user.id})`);
show("users.find({ user_id: '1' })", (await intercom.users.find({ user_id: '1' })).email);
show('users.find({ id })', (await intercom.users.find({ id: user.id })).email);

// Create a user (timestamps accept a Date or epoch seconds)
const dave = await intercom.users.create({ email: 'dave@example.com', name: 'Dave Bowman', signed_up_at: new Date() });
show('users.create(...)', `${dave.name}, signed_up_at ${dave.signed_up_at}`);

// Update custom_attributes for a user
user.custom_attributes.average_monthly_spend = 1234.56;
await intercom.users.save(user);
show('save(average_monthly_spend = 1234.56)', user.custom_attributes.average_monthly_spend);

// Perform incrementing, then decrementing
user.increment('karma');
await intercom.users.save(user);
show("increment('karma')", user.custom_attributes.karma);
user.decrement('karma', 5);
await intercom.users.save(user);
show("decrement('karma', 5)", user.custom_attributes.karma);

// Add a user to one or more companies (custom attributes of the company may ride along)
user.companies = [
  { company_id: 6, name: 'Intercom' },
  { company_id: 9, name: 'Test Company', custom_attributes: { referral_source: 'Google' } },
];
await intercom.users.save(user);
show('save(companies)', user.companies.map((c) => c.name).join(', '));

// Iterate over all users
for await (const u of intercom.users.all()) show('users.all()', `${u.email} - ${u.custom_attributes.average_monthly_spend}`);

// List users created in the last two days, ten a page, oldest first (an explicit page fetches one page)
const recent = await intercom.users.findAll({ type: 'users', page: 1, per_page: 10, created_since: 2, order: 'asc' }).toArray();
show('users.findAll({ created_since: 2 })', recent.map((u) => u.name).join(', '));

// Scroll: every user, 100 a request; or one page at a time with next()
let scrolled = 0;
for await (const _ of intercom.users.scroll()) scrolled++;
show('users.scroll()', `${scrolled} users`);
const page = await intercom.users.scroll().next();
show('users.scroll().next()', `${page.records.length} records, scrollParam ${page.scrollParam}`);
if (page.scrollParam !== null) {
  const end = await intercom.users.scroll().next(page.scrollParam);
  show('users.scroll().next(scrollParam)', `${end.records.length} records: the end`);
}

// Archive a user; request a hard delete for another
await intercom.users.archive(dave);
try {
  await intercom.users.find({ email: 'dave@example.com' });
} catch (error) {
  if (!(error instanceof ResourceNotFound)) throw error;
  show('find(dave) after archive', `${error.name} (${error.httpCode} ${error.applicationErrorCode})`);
}
const carol = await intercom.users.find({ email: 'carol@example.com' });
await intercom.users.requestHardDelete(carol);
show('users.requestHardDelete(carol)', 'requested');

// Duplicate users: an email shared by two users is no longer one user
await intercom.users.create({ user_id: 'bob-2', email: 'bob@example.com' });
try {
  await intercom.users.find({ email: 'bob@example.com' });
} catch (error) {
  if (!(error instanceof MultipleMatchingUsersError)) throw error;
  show('find(bob) with a duplicate', error.name);
}

// Rate limit of the app, from the last response
const { limit, remaining, resetAt } = intercom.rateLimitDetails;
show('rateLimitDetails', `limit ${limit}, remaining ${remaining}, resetAt ${resetAt?.toISOString()}`);

intercom.close();
