/** The 2.x ticket types, their attributes and the ticket states, through intercom-ts/v2 and the official SDK. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { IntercomClient as OfficialClient } from 'intercom-client';
import { IntercomClient, ResourceNotFound } from 'intercom-ts/v2';
import { type V2SandboxFixture, withV2Sandbox } from '../../helpers/v2-sandbox.js';

let fixture: V2SandboxFixture;
let client: IntercomClient;
let official: OfficialClient;
before(async () => {
  fixture = await withV2Sandbox({ seed: 'empty' });
  client = new IntercomClient({ token: fixture.sandbox.token, baseUrl: fixture.sandbox.url, maxRetries: 0 });
  official = new OfficialClient({ token: fixture.sandbox.token, baseUrl: fixture.sandbox.url });
});
after(() => fixture.done());
beforeEach(() => fixture.sandbox.reset());

type AttributeList = { ticket_type_attributes?: ReadonlyArray<{ name?: string } | null | undefined> } | undefined;
const attributeNames = (list: AttributeList): (string | undefined)[] => (list?.ticket_type_attributes ?? []).map((a) => a?.name);

test('the seed has ticket types with the default title and description attributes, and four ticket states', async () => {
  const list = await client.ticketTypes.list();
  assert.deepEqual(
    list.data?.map((t) => t?.name),
    ['Bug report', 'Billing question'],
  );
  assert.deepEqual(attributeNames(list.data?.[0]?.ticket_type_attributes), ['_default_title_', '_default_description_']);
  const states = await client.ticketStates.listTicketStates();
  assert.deepEqual(
    states.data?.map((s) => s?.category),
    ['submitted', 'in_progress', 'waiting_on_customer', 'resolved'],
  );
  assert.deepEqual(
    states.data?.[0]?.ticket_types?.data?.map((t) => t?.name),
    ['Bug report', 'Billing question'],
  );
});

test('create, find and update a ticket type; its attributes are created and updated', async () => {
  const created = await client.ticketTypes.create({
    name: 'Feature request',
    description: 'Ideas',
    category: 'Tracker',
    icon: '💡',
  });
  assert.equal(created?.name, 'Feature request');
  assert.equal(created?.category, 'Tracker');
  assert.deepEqual(attributeNames(created?.ticket_type_attributes), ['_default_title_', '_default_description_']);
  const id = created?.id as string;

  const attribute = await client.ticketTypes.attributes.create({
    ticket_type_id: id,
    name: 'Priority',
    description: 'How urgent',
    data_type: 'list',
    list_items: 'Low,High',
    required_to_create: true,
  });
  assert.equal(attribute?.data_type, 'list');
  assert.equal(attribute?.ticket_type_id, Number(id));
  assert.deepEqual(attribute?.input_options, { list_items: 'Low,High' });

  const changed = await client.ticketTypes.attributes.update({
    ticket_type_id: id,
    attribute_id: attribute?.id as string,
    description: 'How urgent it is',
    required_to_create: false,
  });
  assert.equal(changed?.description, 'How urgent it is');
  assert.equal(changed?.required_to_create, false);

  const renamed = await client.ticketTypes.update({ ticket_type_id: id, name: 'Feature idea' });
  assert.equal(renamed?.name, 'Feature idea');
  const found = await client.ticketTypes.get({ ticket_type_id: id });
  assert.equal(found?.name, 'Feature idea');
  assert.deepEqual(attributeNames(found?.ticket_type_attributes), ['_default_title_', '_default_description_', 'Priority']);

  await client.ticketTypes.attributes.update({ ticket_type_id: id, attribute_id: attribute?.id as string, archived: true });
  const after = await client.ticketTypes.get({ ticket_type_id: id });
  assert.deepEqual(attributeNames(after?.ticket_type_attributes), ['_default_title_', '_default_description_']);
});

test('refusals: unknown type, a list attribute without two items, a default attribute archived, a taken name', async () => {
  await assert.rejects(client.ticketTypes.get({ ticket_type_id: '999' }), ResourceNotFound);
  const list = await fixture.call('POST', '/ticket_types/1/attributes', {
    name: 'Size',
    description: 'Size',
    data_type: 'list',
    list_items: 'Only',
  });
  assert.equal(list.status, 400);
  const archive = await fixture.call('PUT', '/ticket_types/1/attributes/1', { archived: true });
  assert.equal(archive.status, 400);
  const taken = await fixture.call('POST', '/ticket_types', { name: 'bug REPORT' });
  assert.equal(taken.status, 400);
  const type = fixture.sandbox.store.ticketTypes.get('1');
  assert.equal(type?.attributes.length, 2);
  assert.equal(type?.attributes[0]?.archived, false);
  assert.equal(fixture.sandbox.store.ticketTypes.size, 2);
});

test('the official SDK lists, creates and updates ticket types and their attributes', async () => {
  const created = await official.ticketTypes.create({
    name: 'Customer Issue',
    description: 'Customer Report Template',
    category: 'Customer',
  });
  assert.equal(created?.name, 'Customer Issue');
  const attribute = await official.ticketTypes.attributes.create({
    ticket_type_id: created?.id as string,
    name: 'Attribute Title',
    description: 'Attribute Description',
    data_type: 'string',
    required_to_create: false,
  });
  assert.equal(attribute?.name, 'Attribute Title');
  const updated = await official.ticketTypes.attributes.update({
    ticket_type_id: created?.id as string,
    attribute_id: attribute?.id as string,
    description: 'New Attribute Description',
  });
  assert.equal(updated?.description, 'New Attribute Description');
  const all = await official.ticketTypes.list();
  assert.equal(all.data?.length, 3);
  const states = await official.ticketStates.listTicketStates();
  assert.equal(states.data?.length, 4);
});
