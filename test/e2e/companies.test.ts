import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  Company,
  type CreateCompanyParams,
  InvalidParameterError,
  ResourceNotFound,
  ScrollAlreadyExistsError,
  User,
} from 'intercom-ts';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
beforeEach(() => fx.sandbox.reset());
after(() => fx.done());

const stored = (companyId: string) => {
  const record = fx.sandbox.store.companyByCompanyId(companyId);
  assert.ok(record, `company ${companyId} exists`);
  return record;
};

test('companies.find by company_id, name and id returns the same Company', async () => {
  const { intercom } = fx;
  const byCompanyId = await intercom.companies.find({ company_id: '44' });
  assert.ok(byCompanyId instanceof Company);
  assert.equal(byCompanyId.name, 'Blue Sun');
  assert.equal(byCompanyId.plan, 'Paid');
  assert.equal(byCompanyId.user_count, 1);
  assert.ok(Array.isArray(byCompanyId.tags) && Array.isArray(byCompanyId.segments), 'tag and segment lists are unwrapped');
  const byName = await intercom.companies.find({ name: 'Blue Sun' });
  const byId = await intercom.companies.find({ id: byCompanyId.id });
  assert.equal(byName.id, byCompanyId.id);
  assert.equal(byId.company_id, '44');
  await assert.rejects(intercom.companies.find({ company_id: 'nope' }), ResourceNotFound);
  await assert.rejects(intercom.companies.find({ id: 'a/b' }), ResourceNotFound, 'ids are percent-encoded into one path segment');
  assert.equal(fx.sandbox.requests.at(-1)?.path, '/companies/a%2Fb');
});

test('companies.create sends Dates as epoch seconds', async () => {
  const { intercom } = fx;
  const created = await intercom.companies.create({
    company_id: 'acme',
    name: 'Acme',
    plan: 'Gold',
    monthly_spend: 12.9,
    remote_created_at: new Date(1394531169 * 1000),
    custom_attributes: { referral_source: 'Google' },
  });
  assert.equal(created.monthly_spend, 12);
  assert.equal(stored('acme').remote_created_at, 1394531169);
  assert.deepEqual(fx.sandbox.requests.at(-1)?.body, {
    company_id: 'acme',
    name: 'Acme',
    plan: 'Gold',
    monthly_spend: 12.9,
    remote_created_at: 1394531169,
    custom_attributes: { referral_source: 'Google' },
  });
});

test('companies.create upserts by company_id: a second create updates the same company', async () => {
  const { intercom } = fx;
  const created = await intercom.companies.create({ company_id: 'acme', name: 'Acme', plan: 'Gold' });
  const again = await intercom.companies.create({ company_id: 'acme', size: 85 });
  assert.equal(again.id, created.id);
  assert.equal(again.name, 'Acme');
  assert.equal(stored('acme').size, 85);
  assert.deepEqual(fx.sandbox.requests.at(-1)?.body, { company_id: 'acme', size: 85, custom_attributes: {} });
});

test('companies.save sends what changed plus identity and custom_attributes; the store has the new values', async () => {
  const { intercom, sandbox } = fx;
  const company = await intercom.companies.find({ company_id: '44' });
  company.name = 'Updated company name';
  company.custom_attributes.referral_source = 'Google';
  company.increment('seats', 5).decrement('seats');
  const saved = await intercom.companies.save(company);
  assert.equal(saved, company);
  assert.deepEqual(sandbox.requests.at(-1)?.body, {
    name: 'Updated company name',
    custom_attributes: { referral_source: 'Google', seats: 4 },
    id: company.id,
    company_id: '44',
  });
  assert.equal(stored('44').name, 'Updated company name');
  assert.deepEqual(stored('44').custom_attributes, { referral_source: 'Google', seats: 4 });

  // Saved again unchanged: only identity and custom attributes go out.
  await intercom.companies.save(company);
  assert.deepEqual(sandbox.requests.at(-1)?.body, {
    custom_attributes: { referral_source: 'Google', seats: 4 },
    id: company.id,
    company_id: '44',
  });
  // A company_id may not change: the API refuses and nothing changes.
  company.company_id = '45';
  await assert.rejects(intercom.companies.save(company), (error: Error) => error.name === 'BadRequestError');
  assert.equal(stored('44').name, 'Updated company name');
});

test('companies.load fetches the full company behind a user.companies item', async () => {
  const { intercom } = fx;
  const bob = await intercom.users.find({ user_id: '1' });
  const id = bob.companies[0]?.id;
  assert.ok(typeof id === 'string');
  const company = await intercom.companies.load({ id });
  assert.equal(company.name, 'Intercom');
  assert.deepEqual(company.custom_attributes, { referral_source: 'Google' });
});

test('companies.all, findAll, byTag and bySegment list companies across pages', async () => {
  const { intercom, sandbox } = fx;
  for (let i = 0; i < 5; i++) await intercom.companies.create({ company_id: `c${i}`, name: `C${i}` });
  const all = await intercom.companies.all().toArray();
  assert.equal(all.length, 7);
  assert.ok(all.every((c) => c instanceof Company));

  sandbox.requests.length = 0;
  const paged = await intercom.companies.findAll({ per_page: 2, order: 'asc' }).toArray();
  assert.deepEqual(
    paged.map((c) => c.company_id),
    ['6', '44', 'c0', 'c1', 'c2', 'c3', 'c4'],
    'oldest first; equal timestamps keep creation order',
  );
  assert.equal(sandbox.requests.length, 4, 'four pages of two');
  const onePage = await intercom.companies.findAll({ per_page: 2, page: 2 }).toArray();
  assert.equal(onePage.length, 2, 'an explicit page fetches only that page');

  const tag = await intercom.tags.tag({ name: 'Partner', companies: [{ company_id: 'c1' }, { company_id: 'c3' }] });
  const tagged = await intercom.companies.byTag(tag.id).toArray();
  assert.deepEqual(tagged.map((c) => c.company_id).sort(), ['c1', 'c3']);
  const paying = (await intercom.segments.findAll({ type: 'company' }).toArray())[0];
  assert.ok(paying);
  assert.deepEqual(
    (await intercom.companies.bySegment(paying.id).toArray()).map((c) => c.name),
    ['Blue Sun'],
  );
});

test('companies.scroll reads every company, 100 a page; a second scroll is refused while one is open', async () => {
  const { intercom, sandbox } = fx;
  for (let i = 0; i < 120; i++) sandbox.store.newCompany(`bulk-${i}`);
  const companies = await intercom.companies.scroll().toArray();
  assert.equal(companies.length, 122);
  assert.equal(new Set(companies.map((c) => c.id)).size, 122);
  const first = await intercom.companies.scroll().next();
  assert.equal(first.records.length, 100);
  await assert.rejects(intercom.users.scroll().next(), ScrollAlreadyExistsError);
  const second = await intercom.companies.scroll().next(first.scrollParam ?? undefined);
  assert.equal(second.records.length, 22);
});

test('usersByIntercomCompanyId and usersByCompanyId list the users of the company', async () => {
  const { intercom } = fx;
  await intercom.users.create({ email: 'zoe@example.com', companies: [{ company_id: '6' }] });
  const company = await intercom.companies.find({ company_id: '6' });
  const byId = await intercom.companies.usersByIntercomCompanyId(company.id).toArray();
  const byCompanyId = await intercom.companies.usersByCompanyId('6').toArray();
  const expected = ['bob@example.com', 'carol@example.com', 'zoe@example.com'];
  assert.deepEqual(byId.map((u) => u.email).sort(), expected);
  assert.deepEqual(byCompanyId.map((u) => u.email).sort(), expected);
  assert.ok(byId.every((u) => u instanceof User));
  assert.equal((await intercom.companies.find({ company_id: '6' })).user_count, 3);
  await assert.rejects(intercom.companies.usersByCompanyId('nope').toArray(), ResourceNotFound);
});

test('bad input throws InvalidParameterError before any request', async () => {
  const { intercom, sandbox } = fx;
  const company = await intercom.companies.find({ company_id: '44' });
  sandbox.requests.length = 0;
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ['params', () => intercom.companies.find({} as { id: string })],
    ['params', () => intercom.companies.find({ id: 'a', name: 'b' } as unknown as { id: string })],
    ['params.company_id', () => intercom.companies.create({ name: 'x' } as CreateCompanyParams)],
    ['params.monthly_spend', () => intercom.companies.create({ company_id: 'x', monthly_spend: Number.NaN })],
    ['params.plan', () => intercom.companies.create({ company_id: 'x', plan: { name: 'Paid' } as unknown as string })],
    [
      'params.custom_attributes.deep',
      () => intercom.companies.create({ company_id: 'x', custom_attributes: { deep: [] as unknown as string } }),
    ],
    ['params.remote_created_at', () => intercom.companies.create({ company_id: 'x', remote_created_at: new Date('nope') })],
    ['company.id', () => intercom.companies.load({ id: '' })],
    ['tagId', async () => intercom.companies.byTag('').toArray()],
    ['companyId', async () => intercom.companies.usersByCompanyId(' ').toArray()],
    [
      'company.company_id',
      () => {
        const copy = Object.assign(Object.create(Company.prototype) as Company, company, { company_id: '' });
        return intercom.companies.save(copy);
      },
    ],
  ];
  for (const [parameter, attempt] of attempts) {
    await assert.rejects(
      attempt,
      (error: unknown) => error instanceof InvalidParameterError && error.parameter === parameter,
      parameter,
    );
  }
  assert.throws(() => company.increment('missing', Number.POSITIVE_INFINITY), InvalidParameterError);
  company.custom_attributes.label = 'text';
  assert.throws(() => company.increment('label'), InvalidParameterError);
  assert.deepEqual(sandbox.requests, [], 'no request reached the sandbox');
});
