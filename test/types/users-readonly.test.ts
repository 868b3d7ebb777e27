// Compile-time checks: each @ts-expect-error line must be a type error, or the test build fails.
// The function is never called; the test only proves the file compiled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppCounts, Client, Company, ScrollPage, Team, User } from 'intercom-ts';

export async function typeChecks(intercom: Client, user: User, company: Company): Promise<void> {
  // Exactly one identifier finds a user, a company or a lead.
  await intercom.users.find({ email: 'bob@example.com' });
  // @ts-expect-error two identifiers: which one should win?
  await intercom.users.find({ email: 'bob@example.com', user_id: '1' });
  // @ts-expect-error two identifiers
  await intercom.users.find({ id: 'a', email: 'bob@example.com' });
  // @ts-expect-error Intercom's ids are strings
  await intercom.users.find({ id: 5 });
  // @ts-expect-error two identifiers
  await intercom.companies.find({ id: 'a', company_id: '44' });
  // @ts-expect-error two identifiers
  await intercom.contacts.find({ id: 'a', user_id: 'b' });
  // @ts-expect-error two identifiers
  await intercom.contacts.find({ email: 'a@b.c', user_id: 'b' });

  // Fields save never sends are readonly: assigning them was silently dropped.
  // @ts-expect-error created_at is set by Intercom
  user.created_at = 5;
  // @ts-expect-error so is the id
  user.id = 'other';
  // @ts-expect-error and updated_at
  user.updated_at = 5;
  // @ts-expect-error and session_count
  user.session_count = 3;
  // @ts-expect-error created_at of a company too
  company.created_at = 5;
  // @ts-expect-error and its user_count
  company.user_count = 5;
  user.name = 'Bob';
  user.signed_up_at = 1_700_000_000;
  company.name = 'Acme';

  // Cast-free: the numbers in admin.team_ids find teams; lead is always counted; scrolls continue
  // from the previous page.
  const admin = await intercom.admins.find({ id: '1' });
  for (const teamId of admin.team_ids ?? []) {
    const team: Team = await intercom.teams.find({ id: teamId });
    void team;
  }
  const counts: AppCounts = await intercom.counts.forApp();
  const leads: number = counts.lead.count;
  const scroll = intercom.users.scroll();
  let page: ScrollPage<User> = await scroll.next();
  while (page.records.length > 0) page = await scroll.next(page);
  void leads;
}

test('users, companies and leads: one identifier, readonly fields, cast-free use (compile-time)', () => {
  assert.equal(typeof typeChecks, 'function');
});
