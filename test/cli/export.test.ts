import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { cliFor, fastClock, runCliInProcess, seedUsers } from '../helpers/cli.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fx: SandboxFixture;
let dir: string;

before(async () => {
  fx = await withSandbox({ seed: 'empty' });
  dir = mkdtempSync(join(tmpdir(), 'intercom-export-'));
});

after(async () => {
  await fx.done();
  rmSync(dir, { recursive: true, force: true });
});

test('users export of 10,000 users writes exactly those users, one JSON line each', async () => {
  await seedUsers(fx.intercom, 10_000);
  const stored = [...fx.sandbox.store.users.values()].filter((u) => u.role === 'user');
  assert.equal(stored.length, 10_000);

  const out = join(dir, 'users.jsonl');
  const run = await cliFor(fx.sandbox)(['users', 'export', '--out', out], 60_000);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '', 'data went to the file');
  // Not a terminal: no progress line, no escape codes; the summary only.
  assert.ok(!run.stderr.includes('\r') && !run.stderr.includes('\u001b'), run.stderr);
  assert.match(run.stderr, /^Exported 10,000 users to .*users\.jsonl in .* \([\d,]+\/s\)\.\n$/);

  const lines = readFileSync(out, 'utf8').split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, 10_000);
  const exported = lines.map((line) => JSON.parse(line) as { id: string; user_id: string; email: string; type: string });
  const byId = new Map(exported.map((u) => [u.id, u]));
  assert.equal(byId.size, 10_000, 'no user twice');
  for (const record of stored) {
    const user = byId.get(record.id);
    assert.ok(user, `user ${record.id} is in the export`);
    assert.equal(user.type, 'user');
    assert.equal(user.user_id, record.user_id);
    assert.equal(user.email, record.email);
  }
  // The scroll is closed (its last page was read): another export may start at once.
  assert.equal(fx.sandbox.store.scroll, undefined);
});

test('export as CSV: a header, then one row per record, quoting what needs it', async () => {
  await fx.intercom.companies.create({ company_id: 'c1', name: 'Acme, "the" Company', custom_attributes: { tier: 2 } });
  await fx.intercom.companies.create({ company_id: 'c2', name: 'Globex', custom_attributes: { tier: 1, region: 'eu' } });
  const out = join(dir, 'companies.csv');
  const run = await cliFor(fx.sandbox)(['companies', 'export', '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, 2);
  const acme = rows.find((r) => r.company_id === 'c1');
  assert.equal(acme?.name, 'Acme, "the" Company');
  assert.equal(acme?.['custom_attributes.tier'], '2');
  assert.equal(rows.find((r) => r.company_id === 'c2')?.['custom_attributes.region'], 'eu');
});

test('export to stdout: jsonl when piped, --format csv on request; a failure exits 1 with the Intercom error', async () => {
  const cli = cliFor(fx.sandbox);
  const piped = await cli(['companies', 'export', '--quiet']);
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(piped.stderr, '', '--quiet: no summary');
  assert.deepEqual(
    piped.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { company_id: string }).company_id)
      .sort(),
    ['c1', 'c2'],
  );
  const csv = await cli(['companies', 'export', '--format', 'csv', '-q']);
  assert.match(csv.stdout, /^type,id,company_id,/);

  // Only one scroll may be open per app: a second export while one stays open waits for it (at most
  // 70 s, here on a clock that runs fast), then fails with Intercom's code.
  await fx.intercom.users.scroll().next();
  const clock = fastClock();
  const busy = await runCliInProcess(['users', 'export', '--base-url', fx.sandbox.url], {
    env: { INTERCOM_TOKEN: fx.sandbox.token },
    clock,
  });
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /ScrollAlreadyExistsError: .*scroll_exists.*request \w+/);
  assert.match(busy.stderr, /still open after 70 s/);
  assert.equal(
    clock.sleeps.reduce((a, b) => a + b, 0),
    70_000,
    'waited 70 s by its clock',
  );
  fx.sandbox.store.scroll = undefined;
});
