/** The 2.x contact routes over raw HTTP: conflicts, errors, search semantics and pagination. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RawAnswer } from '../../helpers/raw-http.js';
import { fileSandbox } from '../../helpers/v2-sandbox.js';

const fx = fileSandbox();
const { v2 } = fx;

function assertErrorList(res: RawAnswer, status: number, code: string): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body.type, 'error.list');
  assert.equal(typeof res.body.request_id, 'string');
  assert.equal(res.body.errors[0].code, code);
  assert.equal(typeof res.body.errors[0].message, 'string');
}

/** Makes `n` users `u0`... with emails `u0@a.test`..., custom attribute `rank` = i. */
async function makeUsers(n: number): Promise<string[]> {
  // 2.x writes only the custom attributes the workspace defines (a second definition is refused: harmless).
  await v2('POST', '/data_attributes', { name: 'rank', model: 'contact', data_type: 'integer' });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await v2('POST', '/contacts', {
      external_id: `u${i}`,
      email: `u${i}@a.test`,
      name: i % 2 === 0 ? `Even ${i}` : `Odd ${i}`,
      custom_attributes: { rank: i },
    });
    assert.equal(res.status, 200, res.text);
    ids.push(res.body.id);
  }
  return ids;
}

const search = async (body: unknown): Promise<RawAnswer> => v2('POST', '/contacts/search', body);
const externalIds = (res: RawAnswer): string[] => res.body.data.map((c: { external_id: string }) => c.external_id);

describe('creating and changing contacts', () => {
  test('a taken email or external id is 409 conflict naming the contact, as the real API answers', async () => {
    const [id] = await makeUsers(1);
    for (const body of [{ email: 'U0@a.test' }, { external_id: 'u0' }]) {
      const res = await v2('POST', '/contacts', body);
      assertErrorList(res, 409, 'conflict');
      assert.equal(res.body.errors[0].message, `A contact matching those details already exists with id=${id}`);
    }
    assert.equal(fx.sandbox.store.users.size, 1);
  });

  test('users with their own external ids may share an email; without an external id the email conflicts', async () => {
    const [id] = await makeUsers(1);
    const second = await v2('POST', '/contacts', { role: 'user', email: 'u0@a.test', external_id: 'u0-second' });
    assert.equal(second.status, 200);
    assert.notEqual(second.body.id, id);
    const shared = await search({ query: { field: 'email', operator: '=', value: 'u0@a.test' } });
    assert.deepEqual(externalIds(shared).sort(), ['u0', 'u0-second']);
    assertErrorList(await v2('POST', '/contacts', { role: 'user', email: 'u0@a.test' }), 409, 'conflict');
  });

  test('an update to an email another user holds is a 409; nothing changes', async () => {
    const [a, b] = await makeUsers(2);
    assertErrorList(await v2('PUT', `/contacts/${b}`, { email: 'u0@a.test', name: 'New' }), 409, 'conflict');
    assert.equal(fx.sandbox.store.users.get(b as string)?.name, 'Odd 1');
    assert.ok(a);
  });

  test('bad input is refused with the 2.x error shape before anything is stored', async () => {
    assertErrorList(await v2('POST', '/contacts', {}), 400, 'parameter_invalid');
    assertErrorList(await v2('POST', '/contacts', { role: 'admin', email: 'x@a.test' }), 400, 'parameter_invalid');
    assertErrorList(await v2('POST', '/contacts', { email: 42 }), 400, 'parameter_invalid');
    assertErrorList(await v2('POST', '/contacts/merge', { from: 'x' }), 400, 'parameter_not_found');
    assertErrorList(await v2('POST', '/contacts/search', {}), 400, 'parameter_not_found');
    assertErrorList(await v2('GET', '/contacts/nope'), 404, 'not_found');
    assert.equal(fx.sandbox.store.users.size, 0);
  });

  test('a lead merged into a user answers 410 contact_merged with a Link to the user', async () => {
    const [user] = await makeUsers(1);
    const lead = await v2('POST', '/contacts', { role: 'lead', email: 'lead@a.test' });
    const merged = await v2('POST', '/contacts/merge?include_merge_history=true', { from: lead.body.id, into: user });
    assert.equal(merged.status, 200);
    assert.deepEqual(
      merged.body.merge_history.map((m: { type: string; source_contact_id: string }) => [m.type, m.source_contact_id]),
      [['merge_history', lead.body.id]],
    );
    const gone = await v2('GET', `/contacts/${lead.body.id}`);
    assertErrorList(gone, 410, 'contact_merged');
    assert.equal(gone.headers.link, `</contacts/${user}>; rel="canonical"`);
  });
});

describe("a user's merge history", () => {
  test('merge_history only with include_merge_history=true, and only on users', async () => {
    const [user] = await makeUsers(1);
    const lead = await v2('POST', '/contacts', { role: 'lead', email: 'lead@a.test' });
    await v2('POST', '/contacts/merge', { from: lead.body.id, into: user });
    assert.equal('merge_history' in (await v2('GET', `/contacts/${user}`)).body, false);
    assert.equal((await v2('GET', `/contacts/${user}?include_merge_history=true`)).body.merge_history.length, 1);
    assert.equal((await v2('GET', '/contacts?include_merge_history=true')).body.data[0].merge_history.length, 1);
    const other = await v2('POST', '/contacts', { role: 'lead', email: 'other@a.test' });
    assert.equal('merge_history' in (await v2('GET', `/contacts/${other.body.id}?include_merge_history=true`)).body, false);
  });

  test('GET /contacts/{id}/merge_history pages the merges, newest first unless order=asc; a lead is not found', async () => {
    const [user] = await makeUsers(1);
    const leads: string[] = [];
    for (let i = 0; i < 5; i++) {
      const lead = await v2('POST', '/contacts', { role: 'lead', email: `lead${i}@a.test` });
      leads.push(lead.body.id);
      await v2('POST', '/contacts/merge', { from: lead.body.id, into: user });
    }
    const walk = async (order: string): Promise<string[]> => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await v2(
          'GET',
          `/contacts/${user}/merge_history?per_page=2&order=${order}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(page.status, 200);
        assert.equal(page.body.type, 'list');
        assert.ok(page.body.data.length <= 2);
        seen.push(...page.body.data.map((m: { source_contact_id: string }) => m.source_contact_id));
        assert.equal(page.body.has_more, page.body.next_cursor !== undefined);
        cursor = page.body.next_cursor;
      } while (cursor !== undefined);
      return seen;
    };
    assert.deepEqual(await walk('asc'), leads);
    assert.deepEqual(await walk('desc'), [...leads].reverse());
    const lead = await v2('POST', '/contacts', { role: 'lead', email: 'still-a-lead@a.test' });
    assertErrorList(await v2('GET', `/contacts/${lead.body.id}/merge_history`), 404, 'not_found');
    assertErrorList(await v2('GET', `/contacts/${user}/merge_history?cursor=nope`), 400, 'parameter_invalid');
    assertErrorList(await v2('GET', `/contacts/${user}/merge_history?per_page=151`), 400, 'parameter_invalid');
  });
});

describe('listing contacts', () => {
  test('pages of 10 by default, at most 150; starting_after walks every contact once', async () => {
    await makeUsers(23);
    const first = await v2('GET', '/contacts');
    assert.equal(first.body.data.length, 10);
    assert.equal(first.body.total_count, 23);
    assert.equal(first.body.pages.total_pages, 3);
    const seen: string[] = [];
    let next: string | undefined = '';
    while (next !== undefined) {
      const page: RawAnswer = await v2('GET', `/contacts?per_page=7${next === '' ? '' : `&starting_after=${next}`}`);
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      next = page.body.pages.next?.starting_after;
    }
    assert.equal(seen.length, 23);
    assert.equal(new Set(seen).size, 23);
    assertErrorList(await v2('GET', '/contacts?per_page=151'), 400, 'parameter_invalid');
  });
});

describe('searching contacts', () => {
  test('every operator on text, number and custom attribute fields', async () => {
    await makeUsers(6);
    const q = (field: string, operator: string, value: unknown) =>
      search({ query: { field, operator, value }, sort: { field: 'external_id', order: 'ascending' } });
    assert.deepEqual(externalIds(await q('email', '=', 'U2@A.TEST')), ['u2']);
    assert.deepEqual(externalIds(await q('external_id', '!=', 'u0')), ['u1', 'u2', 'u3', 'u4', 'u5']);
    assert.deepEqual(externalIds(await q('external_id', 'IN', ['u1', 'u4'])), ['u1', 'u4']);
    assert.deepEqual(externalIds(await q('external_id', 'NIN', ['u1', 'u4'])), ['u0', 'u2', 'u3', 'u5']);
    assert.deepEqual(externalIds(await q('custom_attributes.rank', '>', 3)), ['u4', 'u5']);
    assert.deepEqual(externalIds(await q('custom_attributes.rank', '<', 2)), ['u0', 'u1']);
    assert.deepEqual(externalIds(await q('name', '~', 'even')), ['u0', 'u2', 'u4']);
    assert.deepEqual(externalIds(await q('name', '!~', 'even')), ['u1', 'u3', 'u5']);
    assert.deepEqual(externalIds(await q('name', '^', 'odd')), ['u1', 'u3', 'u5']);
    assert.deepEqual(externalIds(await q('email', '$', '3@a.test')), ['u3']);
    // Timestamps may be sent as numeric strings, as the description's own example does.
    assert.equal((await q('created_at', '>', '1306054154')).body.total_count, 6);
    assert.equal((await q('created_at', '<=', String(Math.floor(Date.now() / 1000) + 10))).body.total_count, 6);
  });

  test('nested AND/OR two levels deep; a third level and a 16th filter are refused', async () => {
    await makeUsers(6);
    const res = await search({
      query: {
        operator: 'OR',
        value: [
          {
            operator: 'AND',
            value: [
              { field: 'name', operator: '^', value: 'even' },
              { field: 'custom_attributes.rank', operator: '>', value: 2 },
            ],
          },
          { field: 'external_id', operator: '=', value: 'u1' },
        ],
      },
      sort: { field: 'external_id', order: 'ascending' },
    });
    assert.deepEqual(externalIds(res), ['u1', 'u4']);
    const deep = {
      operator: 'AND',
      value: [{ operator: 'AND', value: [{ operator: 'AND', value: [{ field: 'name', operator: '=', value: 'x' }] }] }],
    };
    assertErrorList(await search({ query: deep }), 400, 'parameter_invalid');
    const wide = {
      operator: 'OR',
      value: Array.from({ length: 16 }, (_, i) => ({ field: 'external_id', operator: '=', value: `u${i}` })),
    };
    assertErrorList(await search({ query: wide }), 400, 'parameter_invalid');
  });

  test('sort and pagination: per_page pages, starting_after continues, ascending and descending', async () => {
    await makeUsers(7);
    const query = { field: 'role', operator: '=', value: 'user' };
    const walk = async (order: string): Promise<string[]> => {
      const out: string[] = [];
      let after: string | undefined;
      do {
        const res: RawAnswer = await search({
          query,
          sort: { field: 'custom_attributes.rank', order },
          pagination: { per_page: 3, ...(after === undefined ? {} : { starting_after: after }) },
        });
        assert.ok(res.body.data.length <= 3);
        out.push(...externalIds(res));
        after = res.body.pages.next?.starting_after;
      } while (after !== undefined);
      return out;
    };
    assert.deepEqual(await walk('ascending'), ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
    assert.deepEqual(await walk('descending'), ['u6', 'u5', 'u4', 'u3', 'u2', 'u1', 'u0']);
    assertErrorList(await search({ query, sort: { field: 'name', order: 'desc' } }), 400, 'invalid_sort_order');
  });

  test('archived contacts are out of searches until unarchived', async () => {
    const [id] = await makeUsers(1);
    const query = { query: { field: 'external_id', operator: '=', value: 'u0' } };
    await v2('POST', `/contacts/${id}/archive`);
    assert.equal((await search(query)).body.total_count, 0);
    await v2('POST', `/contacts/${id}/unarchive`);
    assert.equal((await search(query)).body.total_count, 1);
  });
});

describe('companies', () => {
  test('a scroll ends on an empty page without scroll_param, so clients stop there', async () => {
    for (let i = 0; i < 3; i++) await v2('POST', '/companies', { company_id: `c${i}`, name: `C${i}` });
    const first = await v2('GET', '/companies/scroll');
    assert.equal(first.body.data.length, 3);
    assert.equal(typeof first.body.scroll_param, 'string');
    const last = await v2('GET', `/companies/scroll?scroll_param=${first.body.scroll_param}`);
    assert.deepEqual(last.body.data, []);
    assert.equal(last.body.scroll_param, undefined);
  });

  test('company custom attributes are strings in 2.x, as the description types them', async () => {
    await v2('POST', '/data_attributes', { name: 'seats', model: 'company', data_type: 'integer' });
    await v2('POST', '/data_attributes', { name: 'paid', model: 'company', data_type: 'boolean' });
    const res = await v2('POST', '/companies', { company_id: 'typed', custom_attributes: { seats: 12, paid: true } });
    assert.deepEqual(res.body.custom_attributes, { seats: '12', paid: 'true' });
  });
});
