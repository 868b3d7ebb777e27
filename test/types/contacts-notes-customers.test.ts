// Compile-time checks: each @ts-expect-error line must be a type error, or the test build fails.
// The functions are never called; the test only proves the file compiled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client, Contact, ContactList, CustomerSearchQuery, User } from 'intercom-ts';

export async function contactTypes(intercom: Client, lead: Contact, user: User): Promise<void> {
  const byId: Contact = await intercom.contacts.find({ id: 'x' });
  const byUserId: Contact = await intercom.contacts.find({ user_id: 'x' });
  const byEmail: ContactList = await intercom.contacts.find({ email: 'a@b.c' });
  // @ts-expect-error find by email gives a list, not a Contact
  const wrong: Contact = await intercom.contacts.find({ email: 'a@b.c' });
  const converted: User = await intercom.contacts.convert(lead, { email: 'a@b.c' });
  await intercom.contacts.convert(lead, user);
  // @ts-expect-error convert needs a user identifier
  await intercom.contacts.convert(lead, {});
  // @ts-expect-error custom attributes are flat
  await intercom.contacts.create({ custom_attributes: { nested: { no: 1 } } });
  const visitor = await intercom.visitors.find({ user_id: 'v' });
  const asLead: Contact = await intercom.visitors.convert(visitor);
  const asUser: User = await intercom.visitors.convert(visitor, { user_id: 'u' });
  // @ts-expect-error a visitor converted into a user is a User, not a Contact
  const notALead: Contact = await intercom.visitors.convert(visitor, { user_id: 'u' });
  void [byId, byUserId, byEmail, wrong, converted, asLead, asUser, notALead];
}

export async function noteTypes(intercom: Client): Promise<void> {
  await intercom.notes.create({ body: 'x', email: 'a@b.c' });
  await intercom.notes.create({ body: 'x', user: { id: '1' }, admin_id: 7 });
  // @ts-expect-error one identifier only
  await intercom.notes.create({ body: 'x', email: 'a@b.c', user_id: '1' });
  // @ts-expect-error the user is named once: in `user` or at the top level
  await intercom.notes.create({ body: 'x', user: { id: '1' }, email: 'a@b.c' });
  // @ts-expect-error a note needs a user
  await intercom.notes.create({ body: 'x' });
  // @ts-expect-error a note needs a body
  await intercom.notes.create({ email: 'a@b.c' });
  intercom.notes.findAll({ user_id: '1' });
  // @ts-expect-error list by one identifier
  intercom.notes.findAll({});
}

export function searchTypes(intercom: Client): void {
  const twoLevels: CustomerSearchQuery = {
    operator: 'AND',
    value: [
      { field: 'custom_attributes.plan', operator: 'IN', value: ['pro', 'team'] },
      { operator: 'OR', value: [{ field: 'email', operator: '$', value: '@example.com' }] },
    ],
  };
  intercom.customers.search({ query: twoLevels, sort_field: 'created_at', sort_order: 'descending' });
  const threeLevels: CustomerSearchQuery = {
    operator: 'AND',
    // @ts-expect-error groups nest at most two levels deep
    value: [{ operator: 'OR', value: [{ operator: 'AND', value: [{ field: 'name', operator: '=', value: 'x' }] }] }],
  };
  // @ts-expect-error IN takes a list
  const inScalar: CustomerSearchQuery = { field: 'name', operator: 'IN', value: 'x' };
  // @ts-expect-error ~ takes text
  const containsNumber: CustomerSearchQuery = { field: 'name', operator: '~', value: 3 };
  // @ts-expect-error unknown operator
  const like: CustomerSearchQuery = { field: 'name', operator: 'LIKE', value: 'x' };
  // @ts-expect-error sort order is ascending or descending
  intercom.customers.search({ query: twoLevels, sort_order: 'up' });
  void [threeLevels, inScalar, containsNumber, like];
}

test('the contacts, visitors, notes and customers types compile as intended', () => {
  assert.equal(typeof contactTypes, 'function');
  assert.equal(typeof noteTypes, 'function');
  assert.equal(typeof searchTypes, 'function');
});
