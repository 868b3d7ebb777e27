// README: Bulk jobs. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/bulk.js` in another.
import { intercom, show } from './setup.js';

// Bulk create users (each item is an upsert, as users.create); the job runs asynchronously
const job = await intercom.users.submitBulkJob({
  create_items: [
    { user_id: 25, email: 'ann@example.com', name: 'Ann' },
    { user_id: 26, email: 'ben@example.com', name: 'Ben' },
  ],
});
show('users.submitBulkJob(create_items)', `${job.id} ${job.state}`);

// Wait until the job has ended (polls jobs.find; honours timeout and an AbortSignal)
const done = await intercom.jobs.wait(job, { interval: 100, timeout: 30_000 });
show('jobs.wait(job)', `${done.state}; ann is ${(await intercom.users.find({ user_id: '25' })).name}`);

// Append items to an open job (for 15 minutes after it was created): here a bulk delete
await intercom.users.submitBulkJob({ delete_items: [{ user_id: 26 }], job_id: job.id });
await intercom.jobs.wait(job, { interval: 100 });
const status = await intercom.jobs.find({ id: job.id });
show(
  'jobs.find({ id })',
  `${status.state}, ${status.tasks?.length} tasks of ${status.tasks?.map((t) => t.item_count).join(' + ')} items`,
);

// Bulk create events (events cannot be deleted in bulk)
const eventsJob = await intercom.events.submitBulkJob({
  create_items: [
    {
      event_name: 'ordered-item',
      created_at: new Date(),
      user_id: '25',
      metadata: { order_date: new Date(), stripe_invoice: 'inv_3434343434' },
    },
    { event_name: 'ordered-item', created_at: new Date(), user_id: 'no-such-user' },
  ],
});
const finished = await intercom.jobs.wait(eventsJob, { interval: 100 });
show('events.submitBulkJob(create_items)', finished.state);

// The error feed: every failed item with its reason
const feed = await intercom.jobs.errors({ id: finished.id });
for (const item of feed.items)
  show('jobs.errors({ id })', `${item.error.code}: ${item.error.message} for ${JSON.stringify(item.data)}`);

intercom.close();
