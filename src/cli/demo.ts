import { Client } from '../client.js';
import { MultipleMatchingUsersError, ResourceNotFound } from '../core/errors.js';
import { startSandbox } from '../sandbox/index.js';

/** One section of the tour: the README's examples for one resource, narrated. */
type Section = (intercom: Client, say: (line: string) => void) => Promise<void>;

const admins: Section = async (intercom, say) => {
  const me = await intercom.admins.me();
  say(`admins.me() -> ${me.name} <${me.email}> of app ${me.app?.id_code}`);
  const admin = await intercom.admins.find({ id: me.id });
  say(`admins.find({ id: '${me.id}' }) -> ${admin.name}`);
  for await (const a of intercom.admins.all()) say(`admins.all() -> ${a.type} ${a.id} ${a.name}`);
};

const users: Section = async (intercom, say) => {
  const bob = await intercom.users.find({ email: 'bob@example.com' });
  say(`users.find({ email }) -> ${bob.name} (id ${bob.id}, user_id ${bob.user_id})`);
  say(`users.find({ user_id: '1' }) -> ${(await intercom.users.find({ user_id: '1' })).email}`);
  say(`users.find({ id }) -> ${(await intercom.users.find({ id: bob.id })).email}`);

  const created = await intercom.users.create({ email: 'dave@example.com', name: 'Dave Bowman', signed_up_at: new Date() });
  say(`users.create(...) -> ${created.name}, signed_up_at ${created.signed_up_at}`);

  bob.custom_attributes.average_monthly_spend = 1234.56;
  await intercom.users.save(bob);
  say(`custom_attributes.average_monthly_spend = 1234.56; save -> ${bob.custom_attributes.average_monthly_spend}`);
  bob.increment('karma');
  await intercom.users.save(bob);
  say(`increment('karma'); save -> karma ${bob.custom_attributes.karma}`);
  bob.decrement('karma', 5);
  await intercom.users.save(bob);
  say(`decrement('karma', 5); save -> karma ${bob.custom_attributes.karma}`);

  bob.companies = [
    { company_id: 6, name: 'Intercom' },
    { company_id: 9, name: 'Test Company' },
  ];
  await intercom.users.save(bob);
  say(`companies = [...]; save -> ${bob.companies.map((c) => c.name).join(', ')}`);

  for await (const user of intercom.users.all()) {
    say(`users.all() -> ${user.email} - ${user.custom_attributes.average_monthly_spend}`);
  }
  const page = await intercom.users.findAll({ type: 'users', page: 1, per_page: 10, created_since: 2, order: 'asc' }).toArray();
  say(`users.findAll({ created_since: 2, ... }) -> ${page.map((u) => u.name).join(', ')}`);

  let scrolled = 0;
  for await (const _ of intercom.users.scroll()) scrolled++;
  say(`users.scroll() -> ${scrolled} users`);
  const first = await intercom.users.scroll().next();
  say(`users.scroll().next() -> ${first.records.length} records, scrollParam ${first.scrollParam}`);
  if (first.scrollParam !== null) {
    const rest = await intercom.users.scroll().next(first.scrollParam);
    say(`users.scroll().next(scrollParam) -> ${rest.records.length} records (the end)`);
  }

  const archived = await intercom.users.archive(created);
  say(`users.archive(dave) -> archived ${archived.email}`);
  try {
    await intercom.users.find({ email: 'dave@example.com' });
  } catch (error) {
    if (error instanceof ResourceNotFound)
      say(`users.find(dave) -> ${error.name} (${error.httpCode} ${error.applicationErrorCode})`);
    else throw error;
  }
  const carol = await intercom.users.find({ email: 'carol@example.com' });
  await intercom.users.requestHardDelete(carol);
  say('users.requestHardDelete(carol) -> requested');

  await intercom.users.create({ user_id: 'bob-2', email: 'bob@example.com' });
  try {
    await intercom.users.find({ email: 'bob@example.com' });
  } catch (error) {
    if (error instanceof MultipleMatchingUsersError) say(`a second bob@example.com -> ${error.name}: ${error.message}`);
    else throw error;
  }
  const { limit, remaining, resetAt } = intercom.rateLimitDetails;
  say(`rateLimitDetails -> limit ${limit}, remaining ${remaining}, resetAt ${resetAt?.toISOString()}`);
};

/** The tour's sections, in README order. */
export const DEMO_SECTIONS: ReadonlyArray<[string, Section]> = [
  ['Admins', admins],
  ['Users', users],
];

/** `intercom demo`: the README tour against an embedded sandbox. No token needed. */
export async function demoCommand(out: NodeJS.WritableStream): Promise<number> {
  const sandbox = await startSandbox({ port: 0 });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url });
  out.write(`Embedded Intercom sandbox at ${sandbox.url}\n`);
  try {
    for (const [title, section] of DEMO_SECTIONS) {
      out.write(`\n== ${title}\n`);
      await section(intercom, (line) => out.write(`  ${line}\n`));
    }
    out.write(`\nDone: ${sandbox.requests.length} requests served.\n`);
  } finally {
    intercom.close();
    await sandbox.close();
  }
  return 0;
}
