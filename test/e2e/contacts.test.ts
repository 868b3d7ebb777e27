import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  type Client,
  Contact,
  type ContactList,
  InvalidParameterError,
  ResourceNotFound,
  ScrollAlreadyExistsError,
  User,
} from 'intercom-ts';
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

const leads = () => [...sandbox.store.users.values()].filter((r) => r.role === 'contact');
const lastBody = (): unknown => sandbox.requests[sandbox.requests.length - 1]?.body;

describe('contacts (leads) against the sandbox', () => {
  test('create makes a lead', async () => {
    const before = leads().length;
    const lead = await intercom.contacts.create({ email: 'lead@example.com', custom_attributes: { source: 'ad' } });
    assert.ok(lead instanceof Contact);
    assert.equal(lead.type, 'contact');
    assert.equal(lead.anonymous, true);
    assert.equal(leads().length, before + 1);
    assert.equal(sandbox.store.users.get(lead.id)?.email, 'lead@example.com');
  });

  test('create with id or user_id updates the lead and makes no new one', async () => {
    const before = leads().length;
    const lead = await intercom.contacts.create({ email: 'lead@example.com', custom_attributes: { source: 'ad' } });
    const renamed = await intercom.contacts.create({ id: lead.id, name: 'Lee' });
    assert.equal(renamed.id, lead.id);
    assert.equal(sandbox.store.users.get(lead.id)?.name, 'Lee');
    assert.equal(sandbox.requests.at(-1)?.method, 'PUT');

    await intercom.contacts.create({ user_id: lead.user_id as string, phone: '555' });
    assert.equal(sandbox.store.users.get(lead.id)?.phone, '555');
    assert.equal(leads().length, before + 1, 'updates made no new lead');
  });

  test('create() with no parameters makes an empty lead, sending only custom_attributes', async () => {
    const empty = await intercom.contacts.create();
    assert.equal(empty.email, null);
    assert.deepEqual(lastBody(), { custom_attributes: {} });
  });

  test('save sends what changed (in place too) plus custom_attributes, and refreshes the lead', async () => {
    const lead = await intercom.contacts.create({ email: 'save@example.com', custom_attributes: { a: 1 } });
    lead.custom_attributes.b = 2;
    lead.name = 'Saved Name';
    const saved = await intercom.contacts.save(lead);
    assert.equal(saved, lead);
    assert.deepEqual(lastBody(), { name: 'Saved Name', custom_attributes: { a: 1, b: 2 } });
    assert.deepEqual(sandbox.store.users.get(lead.id)?.custom_attributes, { a: 1, b: 2 });
    assert.equal(sandbox.store.users.get(lead.id)?.name, 'Saved Name');
    await intercom.contacts.save(lead);
    assert.deepEqual(lastBody(), { custom_attributes: { a: 1, b: 2 } }, 'nothing else changed');
  });

  test('find by id and user_id gives a Contact; by email a ContactList of every lead with it', async () => {
    const a = await intercom.contacts.create({ email: 'twin@example.com' });
    const b = await intercom.contacts.create({ email: 'twin@example.com' });
    assert.equal((await intercom.contacts.find({ id: a.id })).id, a.id);
    const byUserId = await intercom.contacts.find({ user_id: b.user_id as string });
    assert.ok(byUserId instanceof Contact);
    assert.equal(byUserId.id, b.id);
    const list: ContactList = await intercom.contacts.find({ email: 'twin@example.com' });
    assert.equal(list.type, 'contact.list');
    assert.equal(list.total_count, 2);
    assert.ok(list.contacts.every((c) => c instanceof Contact));
    assert.deepEqual(new Set(list.contacts.map((c) => c.id)), new Set([a.id, b.id]));
    await assert.rejects(intercom.contacts.find({ id: '000000000000000000000000' }), ResourceNotFound);
    await assert.rejects(intercom.contacts.find({ user_id: 'nobody' }), ResourceNotFound);
    assert.equal((await intercom.contacts.load(a)).email, 'twin@example.com');
  });

  test('findAll and all iterate every page', async () => {
    for (let i = 0; i < 3; i++) await intercom.contacts.create({ email: 'many@example.com' });
    const many = await intercom.contacts.findAll({ email: 'many@example.com', per_page: 2 }).toArray();
    assert.equal(many.length, 3);
    const all = await intercom.contacts.all().toArray();
    assert.deepEqual(new Set(all.map((c) => c.id)), new Set(leads().map((r) => r.id)));
  });

  test('convert into an existing user: the lead is gone and the user has its data', async () => {
    const lead = await intercom.contacts.create({ email: 'prospect@example.com', custom_attributes: { source: 'webinar' } });
    await intercom.notes.create({ body: 'met at the webinar', user: { id: lead.id } });
    const user = await intercom.contacts.convert(lead, { email: 'bob@example.com' });
    assert.ok(user instanceof User);
    assert.equal(user.user_id, '1');
    assert.equal(user.custom_attributes.source, 'webinar');
    assert.equal(sandbox.store.users.get(lead.id), undefined, 'the lead is gone');
    await assert.rejects(intercom.contacts.find({ id: lead.id }), ResourceNotFound);
    const bob = await intercom.users.find({ user_id: '1' });
    assert.equal(bob.custom_attributes.source, 'webinar');
    assert.equal(bob.email, 'bob@example.com');
    const notes = await intercom.notes.findAll({ user_id: '1' }).toArray();
    assert.ok(
      notes.some((n) => n.body === '<p>met at the webinar</p>'),
      "the lead's note moved to the user",
    );
  });

  test('convert into a new user: the lead becomes the user', async () => {
    const lead = await intercom.contacts.create({ email: 'winston@truth.org' });
    const user = await intercom.contacts.convert(lead, { user_id: 'ws-1' });
    assert.equal(user.id, lead.id);
    assert.equal(user.email, 'winston@truth.org');
    assert.equal((await intercom.users.find({ user_id: 'ws-1' })).email, 'winston@truth.org');
    assert.equal(
      leads().some((r) => r.id === lead.id),
      false,
    );
    const bob = await intercom.users.find({ user_id: '1' });
    const other = await intercom.contacts.create({ name: 'Other' });
    assert.equal((await intercom.contacts.convert(other, bob)).id, bob.id, 'a User works as the target');
  });

  test('archive removes the lead', async () => {
    const lead = await intercom.contacts.create({ email: 'bye@example.com' });
    const archived = await intercom.contacts.archive(lead);
    assert.equal(archived.id, lead.id);
    assert.equal(sandbox.store.users.get(lead.id), undefined);
  });

  test('scroll reads every lead; a second scroll while one is open is refused', async () => {
    const scrolled = await intercom.contacts.scroll().toArray();
    assert.deepEqual(new Set(scrolled.map((c) => c.id)), new Set(leads().map((r) => r.id)));
    const page = await intercom.contacts.scroll().next();
    assert.ok(page.records.length > 0);
    await assert.rejects(intercom.users.scroll().next(), ScrollAlreadyExistsError);
  });

  test('bad input throws InvalidParameterError before any request', async () => {
    const lead = await intercom.contacts.create({ email: 'ok@example.com' });
    const sent = sandbox.requests.length;
    const bad: Array<() => Promise<unknown>> = [
      () => intercom.contacts.create(null as never),
      () => intercom.contacts.create({ id: '' }),
      () => intercom.contacts.create({ custom_attributes: { nested: { no: 1 } } as never }),
      () => intercom.contacts.create({ signed_up_at: new Date('nope') }),
      () => intercom.contacts.find({} as never),
      () => intercom.contacts.find({ id: 'a', email: 'b' } as never),
      () => intercom.contacts.save({ ...lead, id: '' } as never),
      () => intercom.contacts.convert(lead, {} as never),
      () => intercom.contacts.convert({} as never, { email: 'x@example.com' }),
      () => intercom.contacts.convert(lead, { email: 5 } as never),
      () => intercom.contacts.archive({ id: '' }),
      () => intercom.contacts.load({} as never),
    ];
    for (const [i, call] of bad.entries()) await assert.rejects(call(), InvalidParameterError, `case ${i}`);
    assert.throws(() => intercom.contacts.findAll({ email: '' }), InvalidParameterError);
    assert.equal(sandbox.requests.length, sent, 'no request was sent');
  });
});
