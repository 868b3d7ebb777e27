// README: Counts. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/counts.js` in another.
import { intercom, show } from './setup.js';

// App-wide counts
const app = await intercom.counts.forApp();
show(
  'counts.forApp()',
  `${app.user.count} users, ${app.company.count} companies, ${app.tag.count} tags, ${app.segment.count} segments`,
);

// Users in segment counts
const bySegment = await intercom.counts.forType({ type: 'user', count: 'segment' });
show("counts.forType({ type: 'user', count: 'segment' })", bySegment.user.segment);

// Users per tag, users per company
const byTag = await intercom.counts.forType({ type: 'user', count: 'tag' });
show("counts.forType({ type: 'user', count: 'tag' })", byTag.user.tag);
const perCompany = await intercom.counts.forType({ type: 'company', count: 'user' });
show("counts.forType({ type: 'company', count: 'user' })", perCompany.company.user);

// Conversations: open, closed, assigned and unassigned; and per admin
const conversations = await intercom.counts.forType({ type: 'conversation' });
show("counts.forType({ type: 'conversation' })", conversations.conversation);
const perAdmin = await intercom.counts.forType({ type: 'conversation', count: 'admin' });
for (const admin of perAdmin.conversation.admin) show('  per admin', `${admin.name}: ${admin.open} open, ${admin.closed} closed`);

intercom.close();
