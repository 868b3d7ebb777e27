import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { AdminNotFound, type Client, InvalidParameterError, ResourceNotFound } from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fixture: SandboxFixture;
let sandbox: Sandbox;
let intercom: Client;
before(async () => {
  fixture = await withSandbox();
  ({ sandbox, intercom } = fixture);
});
after(() => fixture.done());
beforeEach(() => sandbox.reset());

test('create leaves a note that find and findAll return, newest first', async () => {
  const note = await intercom.notes.create({ body: '<p>Text for the note</p>', email: 'bob@example.com' });
  assert.equal(note.type, 'note');
  assert.equal(note.author.id, '394051');
  assert.ok(sandbox.store.notes.has(note.id));
  assert.deepEqual(await intercom.notes.find({ id: note.id }), note);
  const byEmail = await intercom.notes.findAll({ email: 'bob@example.com' }).toArray();
  assert.equal(byEmail[0]?.id, note.id, 'the new note comes first');
  const byUserId = await intercom.notes.findAll({ user_id: '1' }).toArray();
  assert.deepEqual(
    byUserId.map((n) => n.id),
    byEmail.map((n) => n.id),
  );
  const byId = await intercom.notes.findAll({ id: note.user.id }).toArray();
  assert.equal(byId.length, byEmail.length);
});

test('the user may be inside `user`; admin_id picks the author; plain text is wrapped', async () => {
  const note = await intercom.notes.create({ body: 'Plain words', user: { user_id: '2' }, admin_id: '814860' });
  assert.equal(note.body, '<p>Plain words</p>');
  assert.equal(note.author.name, 'Jayne Cobb');
  const notes = await intercom.notes.findAll({ email: 'alice@example.com' }).toArray();
  assert.deepEqual(
    notes.map((n) => n.id),
    [note.id],
  );
});

test('unknown users and admins are errors of their kind', async () => {
  await assert.rejects(intercom.notes.create({ body: 'x', email: 'nobody@example.com' }), ResourceNotFound);
  await assert.rejects(intercom.notes.create({ body: 'x', email: 'bob@example.com', admin_id: '1' }), AdminNotFound);
  await assert.rejects(intercom.notes.find({ id: '424242' }), ResourceNotFound);
  await assert.rejects(intercom.notes.findAll({ user_id: 'nobody' }).toArray(), ResourceNotFound);
});

test('bad input throws InvalidParameterError before any request', async () => {
  const sent = sandbox.requests.length;
  const bad: Array<() => Promise<unknown>> = [
    () => intercom.notes.create({ email: 'bob@example.com' } as never),
    () => intercom.notes.create({ body: '  ', email: 'bob@example.com' }),
    () => intercom.notes.create({ body: 'x' } as never),
    () => intercom.notes.create({ body: 'x', email: 'bob@example.com', user_id: '1' } as never),
    () => intercom.notes.create({ body: 'x', user: { email: 'bob@example.com' }, user_id: '1' } as never),
    () => intercom.notes.create({ body: 'x', user: {} } as never),
    () => intercom.notes.create({ body: 'x', email: 'bob@example.com', admin_id: '' }),
    () => intercom.notes.find({ id: '' }),
  ];
  for (const [i, call] of bad.entries()) await assert.rejects(call(), InvalidParameterError, `case ${i}`);
  assert.throws(() => intercom.notes.findAll({} as never), InvalidParameterError);
  assert.equal(sandbox.requests.length, sent);
});
