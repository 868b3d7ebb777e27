import { test } from 'node:test';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire } from '../helpers/wire.js';

const NOTE = {
  type: 'note',
  id: '16',
  created_at: 1436985663,
  body: '<p>Text for the note</p>',
  author: { type: 'admin', id: '21', name: 'Jayne Cobb', email: 'jayne@serenity.io', companies: [] },
  user: { type: 'user', id: '5310d8e7598c9a0b24000002' },
};

function respond(req: Received): Scripted {
  if (req.method === 'GET' && req.path.startsWith('/notes?')) {
    return {
      body: { type: 'note.list', pages: { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 1 }, notes: [NOTE] },
    };
  }
  return { body: NOTE };
}

const cases: Array<[string, Parameters<typeof assertWire>[2]]> = [
  ['notes.find', (i) => i.notes.find({ id: '16' })],
  ['notes.create', (i) => i.notes.create({ body: '<p>Text for the note</p>', email: 'bob@example.com' })],
  ['notes.find_all email', (i) => i.notes.findAll({ email: 'bob@example.com' }).toArray()],
  ['notes.find_all user_id', (i) => i.notes.findAll({ user_id: '123' }).toArray()],
];

for (const [name, action] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond, action);
  });
}
