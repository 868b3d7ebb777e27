// README: Tags. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/tags.js` in another.
import { ResourceNotFound } from 'intercom-ts';
import { intercom, show } from './setup.js';

const tagsOf = async (email: string): Promise<string> =>
  (await intercom.users.find({ email })).tags.map((t) => t.name).join(', ') || '(none)';

// Tag users (by email, user_id or id; the tag is created if needed)
const tag = await intercom.tags.tag({ name: 'blue', users: [{ email: 'alice@example.com' }] });
show("tags.tag({ name: 'blue', users: [{ email }] })", `tag ${tag.id}; alice's tags: ${await tagsOf('alice@example.com')}`);

// Untag users
await intercom.tags.untag({ name: 'blue', users: [{ user_id: '2' }] });
show("tags.untag({ name: 'blue', users: [{ user_id: '2' }] })", `alice's tags: ${await tagsOf('alice@example.com')}`);

// Iterate over all tags
for await (const t of intercom.tags.all()) show('tags.all()', `${t.id} - ${t.name}`);
show(
  'tags.all().toArray() names',
  (await intercom.tags.all().toArray()).map((t) => t.name),
);

// Tag companies (by company_id or id)
await intercom.tags.tag({ name: 'blue', companies: [{ company_id: '44' }] });
const tagged = await intercom.companies.byTag(tag.id).toArray();
show("tags.tag({ name: 'blue', companies: [{ company_id: '44' }] })", `companies tagged blue: ${tagged.map((c) => c.name)}`);

// Create a tag, then delete it
const temporary = await intercom.tags.create({ name: 'temporary' });
await intercom.tags.delete(temporary);
show('tags.create + tags.delete', `${temporary.name} created and deleted`);

// One unknown user fails the whole request: nobody is tagged
try {
  await intercom.tags.tag({ name: 'red', users: [{ email: 'alice@example.com' }, { email: 'nobody@example.com' }] });
} catch (error) {
  if (!(error instanceof ResourceNotFound)) throw error;
  show('tags.tag(with an unknown user)', `${error.name}; alice's tags: ${await tagsOf('alice@example.com')}`);
}

intercom.close();
