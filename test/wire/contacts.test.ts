import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Contact, type ContactList, User } from 'intercom-ts';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire } from '../helpers/wire.js';

/** The lead the recording server returns (the gem's recording saw this id behind both finds). */
const LEAD = {
  type: 'contact',
  id: '3be0398668071a6bc6850413',
  user_id: 'c-uuid-1',
  anonymous: true,
  email: 'some_contact@example.com',
  name: null,
  pseudonym: 'Lime Camel from Dublin',
  created_at: 1400000000,
  updated_at: 1400000000,
  custom_attributes: { average_monthly_spend: 1.5, karma: 3 },
  companies: { type: 'company.list', companies: [] },
  tags: { type: 'tag.list', tags: [] },
  segments: { type: 'segment.list', segments: [] },
  social_profiles: { type: 'social_profile.list', social_profiles: [] },
};
const USER = {
  type: 'user',
  id: '536e564f316c83104c000020',
  user_id: null,
  email: 'winstonsmith@truth.org',
  created_at: 1400000000,
  updated_at: 1400000000,
  custom_attributes: { karma: 3 },
};
const PAGES = { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 1 };

function respond(req: Received): Scripted {
  const path = req.path.split('?')[0] as string;
  if (path === '/contacts/scroll') {
    return { body: { type: 'contact.list', contacts: req.path.includes('scroll_param') ? [] : [LEAD], scroll_param: 'sp-7' } };
  }
  if (path === '/contacts/convert') return { body: USER };
  if (path === '/contacts' && req.method === 'GET') {
    return { body: { type: 'contact.list', total_count: 1, limited: false, pages: PAGES, contacts: [LEAD] } };
  }
  if (path.startsWith('/contacts')) return { body: LEAD };
  return { status: 404, body: { type: 'error.list', errors: [{ code: 'not_found', message: 'no such fixture' }] } };
}

const cases: Array<[string, Parameters<typeof assertWire>[2]]> = [
  ['contacts.create', (i) => i.contacts.create({ email: 'some_contact@example.com' })],
  [
    'contacts.create update',
    (i) => i.contacts.create({ email: 'mule@example.com', id: '3be0398668071a6bc6850413', name: 'update_contact' }),
  ],
  [
    'contacts.save',
    async (i) => {
      const contact = await i.contacts.find({ id: '3be0398668071a6bc6850413' });
      contact.custom_attributes.foo = 'bar';
      return i.contacts.save(contact);
    },
  ],
  ['contacts.find_all email', (i) => i.contacts.findAll({ email: 'some_contact@example.com' }).toArray()],
  ['contacts.find email', (i) => i.contacts.find({ email: 'some_contact@example.com' })],
  [
    'contacts.convert',
    async (i) => {
      const contact = await i.contacts.find({ id: '536e564f316c83104c000020' });
      return i.contacts.convert(contact, { email: 'winstonsmith@truth.org' });
    },
  ],
  [
    'contacts.archive',
    async (i) => {
      const contact = await i.contacts.find({ id: '536e564f316c83104c000020' });
      return i.contacts.archive(contact);
    },
  ],
  ['contacts.scroll.each', (i) => i.contacts.scroll().toArray()],
];

for (const [name, action] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond, action);
  });
}

test('wire answers become typed models: Contact, ContactList of Contacts, User from convert', async () => {
  let found: ContactList | undefined;
  let converted: User | undefined;
  let saved: Contact | undefined;
  await assertWire('contacts.find email', respond, async (i) => {
    found = await i.contacts.find({ email: 'some_contact@example.com' });
  });
  assert.equal(found?.type, 'contact.list');
  assert.equal(found?.total_count, 1);
  assert.ok(found?.contacts[0] instanceof Contact);
  assert.deepEqual(found?.contacts[0]?.companies, []);
  await assertWire('contacts.convert', respond, async (i) => {
    converted = await i.contacts.convert(await i.contacts.find({ id: '536e564f316c83104c000020' }), {
      email: 'winstonsmith@truth.org',
    });
  });
  assert.ok(converted instanceof User);
  assert.equal(converted.email, 'winstonsmith@truth.org');
  await assertWire('contacts.save', respond, async (i) => {
    const contact = await i.contacts.find({ id: '3be0398668071a6bc6850413' });
    contact.custom_attributes.foo = 'bar';
    saved = await i.contacts.save(contact);
  });
  assert.ok(saved instanceof Contact);
});
