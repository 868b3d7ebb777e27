// README: Notes. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/notes.js` in another.
import { ResourceNotFound } from 'intercom-ts';
import { intercom, show } from './setup.js';

// Create a note for a user (named by email, user_id or id)
const note = await intercom.notes.create({ body: '<p>Text for the note</p>', email: 'alice@example.com' });
show('notes.create({ body, email })', `note ${note.id} by ${note.author.name} on user ${note.user.id}`);

// The user may also be named inside `user`, and the author by `admin_id`; plain text is stored as HTML
const plain = await intercom.notes.create({ body: 'Called back about the upgrade', user: { user_id: '2' }, admin_id: '814860' });
show('notes.create({ body, user: { user_id }, admin_id })', `${plain.body} by ${plain.author.name}`);

// Find a note by id
const found = await intercom.notes.find({ id: note.id });
show('notes.find({ id })', found.body);

// Iterate over all notes for a user via their email address (newest first)
for await (const n of intercom.notes.findAll({ email: 'alice@example.com' })) show('notes.findAll({ email })', n.body);

// Iterate over all notes for a user via their user_id
for await (const n of intercom.notes.findAll({ user_id: '1' })) show("notes.findAll({ user_id: '1' })", n.body);

// A note for someone who does not exist
try {
  await intercom.notes.create({ body: 'Hello?', email: 'nobody@example.com' });
} catch (error) {
  if (!(error instanceof ResourceNotFound)) throw error;
  show('notes.create(unknown user)', `${error.name} (${error.httpCode} ${error.applicationErrorCode})`);
}

intercom.close();
