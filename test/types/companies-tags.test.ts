// Compile-time checks: each @ts-expect-error line must be a type error, or the test build fails.
// The function is never called; the test only proves the file compiled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client, Company, Segment, Tag, Team, User } from 'intercom-ts';

export async function typeChecks(intercom: Client, user: User, company: Company): Promise<void> {
  // Tags: a name and either users or companies, never both, never neither.
  const tag: Tag = await intercom.tags.tag({ name: 'blue', users: [{ email: 'a@b.c' }, { user_id: 1 }, user] });
  await intercom.tags.untag({ name: 'blue', companies: [{ company_id: '44' }, company] });
  // @ts-expect-error users and companies together
  await intercom.tags.tag({ name: 'blue', users: [{ email: 'a@b.c' }], companies: [{ company_id: '6' }] });
  // @ts-expect-error neither users nor companies
  await intercom.tags.tag({ name: 'blue' });
  // @ts-expect-error a company is not identified by email
  await intercom.tags.tag({ name: 'blue', companies: [{ email: 'a@b.c' }] });
  // @ts-expect-error the name is required
  await intercom.tags.untag({ users: [{ user_id: '1' }] });
  await intercom.tags.delete(tag);

  // Companies: one identifier to find; company_id to create; plan is a string in 1.x.
  await intercom.companies.find({ company_id: 44 });
  // @ts-expect-error companies are not found by email
  await intercom.companies.find({ email: 'a@b.c' });
  // @ts-expect-error create needs a company_id
  await intercom.companies.create({ name: 'Acme' });
  // @ts-expect-error plan is a plain string in API 1.x
  await intercom.companies.create({ company_id: '1', plan: { name: 'Paid' } });
  await intercom.companies.create({ company_id: '1', remote_created_at: new Date() });
  const users: User[] = await intercom.companies.usersByCompanyId('44').toArray();
  const plan: string | null | undefined = (await intercom.companies.save(company)).plan;

  // Segments and teams.
  const segment: Segment = await intercom.segments.find({ id: 's', include_count: true });
  const personType: 'user' | 'contact' | 'company' | undefined = segment.person_type;
  // @ts-expect-error include_count is a boolean
  await intercom.segments.find({ id: 's', include_count: 'yes' });
  // @ts-expect-error segments are of users or companies
  intercom.segments.findAll({ type: 'lead' });
  const team: Team = await intercom.teams.find({ id: '1' });
  const adminIds: number[] = team.admin_ids;
  void [users, plan, personType, adminIds];
}

test('the companies, tags, segments and teams types compile as intended', () => {
  assert.equal(typeof typeChecks, 'function');
});
