import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InvalidParameterError, ResourceNotFound } from 'intercom-ts';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
after(() => fx.done());

test('segments.all lists the user segments; findAll({ type: company }) the company ones', async () => {
  const { intercom } = fx;
  assert.deepEqual(
    (await intercom.segments.all().toArray()).map((s) => s.name),
    ['Active', 'New', 'Slipping Away'],
  );
  const companies = await intercom.segments.findAll({ type: 'company', include_count: true }).toArray();
  assert.deepEqual(
    companies.map((s) => [s.name, s.person_type, s.count]),
    [['Paying companies', 'company', 1]],
  );
  assert.equal(fx.sandbox.requests.at(-1)?.path, '/segments?type=company&include_count=true');
});

test('segments.find returns the segment; include_count adds how many users are in it', async () => {
  const { intercom } = fx;
  const [active] = await intercom.segments.all().toArray();
  assert.ok(active);
  const plain = await intercom.segments.find({ id: active.id });
  assert.equal(plain.name, 'Active');
  assert.equal(plain.count, undefined);
  const counted = await intercom.segments.find({ id: active.id, include_count: true });
  const members = await intercom.users.bySegment(active.id).toArray();
  assert.equal(counted.count, members.length);
  assert.equal(counted.person_type, 'user');
  assert.ok(members.every((u) => u.segments.some((s) => s.id === active.id)));
  await assert.rejects(intercom.segments.find({ id: 'ffffffffffffffffffffffff' }), ResourceNotFound);
});

test('bad input throws InvalidParameterError before any request', async () => {
  const { intercom, sandbox } = fx;
  sandbox.requests.length = 0;
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ['params.id', () => intercom.segments.find({ id: '' })],
    ['params.include_count', () => intercom.segments.find({ id: 'x', include_count: 'yes' as unknown as boolean })],
    ['params.type', async () => intercom.segments.findAll({ type: 'lead' as 'user' })],
    ['params', () => intercom.segments.find(null as unknown as { id: string })],
  ];
  for (const [parameter, attempt] of attempts) {
    await assert.rejects(
      attempt,
      (error: unknown) => error instanceof InvalidParameterError && error.parameter === parameter,
      parameter,
    );
  }
  assert.deepEqual(sandbox.requests, []);
});
