import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Sandbox } from 'intercom-ts/sandbox';
import { cliFor } from '../helpers/cli.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fx: SandboxFixture;
let dir: string;

before(async () => {
  fx = await withSandbox({ seed: 'empty' });
  dir = mkdtempSync(join(tmpdir(), 'intercom-import-'));
});

after(async () => {
  await fx.done();
  rmSync(dir, { recursive: true, force: true });
});

/** The users of the sandbox, minus `updated_at` (which every write sets), by user_id. */
function userState(sandbox: Sandbox): Map<string | null, unknown> {
  return new Map(
    [...sandbox.store.users.values()]
      .filter((u) => u.role === 'user')
      .map(({ updated_at: _, ...rest }) => [rest.user_id, JSON.stringify(rest)]),
  );
}

/** 1,000 rows; rows 100, 500 and 900 (0-based) are bad; row 10 has a line break in a quoted cell. */
function thousandRows(): { csv: string; badLines: number[] } {
  const lines = ['user_id,email,name,signed_up_at,custom_attributes.plan,Seats'];
  const badLines: number[] = [];
  let line = 2;
  for (let i = 0; i < 1000; i++) {
    let row = `imp${i},imp${i}@example.com,"Importer ${i}, Jr",2024-05-01,${i % 2 === 0 ? 'pro' : 'team'},${i % 7}`;
    if (i === 10) row = `imp${i},imp${i}@example.com,"Two\nLines",1714521600,pro,1`;
    if (i === 100) row = `imp${i},not-an-email,Bad Email,,pro,1`;
    if (i === 500) row = `,,Nobody,,pro,1`;
    if (i === 900) row = `imp${i},imp${i}@example.com,Bad Date,yesterday,pro,1`;
    if (i === 100 || i === 500 || i === 900) badLines.push(line);
    lines.push(row);
    line += row.split('\n').length;
  }
  return { csv: `${lines.join('\n')}\n`, badLines };
}

test('a CSV of 1,000 rows with 3 bad ones imports 997, reports the 3 by line, exits 1; a second run changes nothing', async () => {
  const { csv, badLines } = thousandRows();
  const file = join(dir, 'users.csv');
  writeFileSync(file, csv);
  const cli = cliFor(fx.sandbox);

  const first = await cli(['users', 'import', file, '--attr', 'seats=Seats']);
  assert.equal(first.code, 1, first.stderr);
  assert.equal(first.stdout, '');
  const reported = [...first.stderr.matchAll(/users\.csv:(\d+): (.*)/g)].map((m) => [Number(m[1]), m[2]]);
  assert.deepEqual(
    reported.map(([line]) => line),
    badLines,
    first.stderr,
  );
  assert.match(String(reported[0]?.[1]), /email 'not-an-email' is not an email address/);
  assert.match(String(reported[1]?.[1]), /needs a user_id or an email/);
  assert.match(String(reported[2]?.[1]), /signed_up_at 'yesterday' is not a date/);
  assert.match(first.stderr, /Imported 997 of 1,000 rows .*: 3 bad, 0 rejected by Intercom; 1 bulk job/);

  const users = [...fx.sandbox.store.users.values()].filter((u) => u.role === 'user');
  assert.equal(users.length, 997);
  assert.equal(fx.sandbox.store.userByUserId('imp100', 'user'), undefined, 'nothing sent for a bad row');
  assert.equal(fx.sandbox.store.userByUserId('imp900', 'user'), undefined);
  const one = fx.sandbox.store.userByUserId('imp1', 'user');
  assert.equal(one?.email, 'imp1@example.com');
  assert.equal(one?.name, 'Importer 1, Jr');
  assert.equal(one?.signed_up_at, 1714521600);
  assert.deepEqual(one?.custom_attributes, { plan: 'team', seats: 1 });
  assert.equal(fx.sandbox.store.userByUserId('imp10', 'user')?.name, 'Two\nLines');
  // Ten bulk requests of 100 (997 items), all in one job.
  const bulk = fx.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/bulk/users');
  assert.equal(bulk.length, 10);
  assert.equal(fx.sandbox.store.jobs.size, 1);

  const before = userState(fx.sandbox);
  const second = await cli(['users', 'import', file, '--attr', 'seats=Seats']);
  assert.equal(second.code, 1);
  assert.deepEqual(
    [...second.stderr.matchAll(/users\.csv:(\d+):/g)].map((m) => Number(m[1])),
    badLines,
  );
  assert.deepEqual(userState(fx.sandbox), before, 'the same users with the same data');
});

test('--dry-run checks every row and sends nothing', async () => {
  fx.sandbox.reset();
  const file = join(dir, 'dry.csv');
  writeFileSync(file, 'email,custom_attributes.plan\na@example.com,pro\nb.example.com,pro\n');
  const run = await cliFor(fx.sandbox)(['users', 'import', file, '--dry-run']);
  assert.equal(run.code, 1, 'a bad row');
  assert.match(run.stderr, /dry\.csv:3: email 'b.example.com' is not an email address/);
  assert.match(run.stderr, /Dry run: 1 of 2 rows are valid, 1 bad; nothing was sent\./);
  assert.equal(fx.sandbox.requests.length, 0);
  writeFileSync(file, 'email\na@example.com\n');
  assert.equal((await cliFor(fx.sandbox)(['users', 'import', file, '--dry-run'])).code, 0);
});

test("items the job rejects are reported by line from the job's error feed; exit 1", async () => {
  fx.sandbox.reset();
  const file = join(dir, 'feed.jsonl');
  writeFileSync(
    file,
    [
      JSON.stringify({ user_id: 'f1', email: 'f1@example.com', custom_attributes: { plan: 'pro' } }),
      '',
      JSON.stringify({ id: 'no-such-intercom-id', name: 'Ghost' }),
      JSON.stringify({ user_id: 'f2', signed_up_at: '2024-05-01T12:00:00Z', type: 'user', session_count: 4 }),
      '{"user_id": "f3",',
      JSON.stringify({ user_id: 'f4', plan: 'pro' }),
    ].join('\n'),
  );
  const run = await cliFor(fx.sandbox)(['users', 'import', file, '--chunk-size', '2']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /feed\.jsonl:5: not valid JSON/);
  assert.match(run.stderr, /feed\.jsonl:6: unknown field 'plan' \(custom attributes go under custom_attributes\)/);
  assert.match(run.stderr, /feed\.jsonl:3: rejected by Intercom: User Not Found \(not_found\)/);
  assert.match(run.stderr, /Imported 2 of 5 rows .*: 2 bad, 1 rejected by Intercom/);
  assert.equal(fx.sandbox.store.userByUserId('f2', 'user')?.signed_up_at, 1714564800);
  assert.deepEqual(fx.sandbox.store.userByUserId('f1', 'user')?.custom_attributes, { plan: 'pro' });
  assert.equal(fx.sandbox.requests.filter((r) => r.path === '/bulk/users').length, 2, 'chunks of 2');
});

test('every row landing exits 0; unknown CSV columns are a usage error (exit 2) before anything is sent', async () => {
  fx.sandbox.reset();
  const cli = cliFor(fx.sandbox);
  const good = join(dir, 'good.csv');
  writeFileSync(good, '\ufeffuser_id,email,unsubscribed_from_emails,created_at\ng1,g1@example.com,true,123\n');
  const ok = await cli(['users', 'import', good]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /Skipping columns Intercom sets itself: created_at/);
  assert.equal(fx.sandbox.store.userByUserId('g1', 'user')?.unsubscribed_from_emails, true);

  const typo = join(dir, 'typo.csv');
  writeFileSync(typo, 'user_id,emial\nt1,t1@example.com\n');
  const bad = await cli(['users', 'import', typo]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown column\(s\) 'emial'.*--attr/);
  assert.equal(fx.sandbox.store.userByUserId('t1', 'user'), undefined);

  const missing = await cli(['users', 'import', join(dir, 'nope.csv')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*nope\.csv \(ENOENT\)/);
});

test('events import: JSON Lines through bulk event jobs; bad rows and unknown users reported by line', async () => {
  fx.sandbox.reset();
  await fx.intercom.users.create({ user_id: 'e1', email: 'e1@example.com' });
  const file = join(dir, 'events.jsonl');
  writeFileSync(
    file,
    [
      JSON.stringify({ event_name: 'ordered-item', created_at: 1714521600, email: 'e1@example.com', metadata: { order: 'A1' } }),
      JSON.stringify({ event_name: 'ordered-item', created_at: '2024-05-02', user_id: 'e1' }),
      JSON.stringify({ event_name: 'ordered-item', email: 'e1@example.com' }),
      JSON.stringify({ event_name: 'ordered-item', created_at: 1714521600, email: 'nobody@example.com' }),
    ].join('\n'),
  );
  const run = await cliFor(fx.sandbox)(['events', 'import', file]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /events\.jsonl:3: created_at: is required/);
  assert.match(run.stderr, /events\.jsonl:4: rejected by Intercom: User Not Found \(not_found\)/);
  assert.match(run.stderr, /Imported 2 of 4 rows/);
  const owner = fx.sandbox.store.userByUserId('e1', 'user');
  const events = fx.sandbox.store.events.get(owner?.id ?? '') ?? [];
  assert.deepEqual(
    events.map((e) => [e.event_name, e.created_at]),
    [
      ['ordered-item', 1714521600],
      ['ordered-item', 1714608000],
    ],
  );
});

test('a bulk request that fails stops the import: it says how far it got, and exits 1 with the API error', async () => {
  // Requests over 16 kB get 413: the first chunk (short rows) fits, the second (long notes) does not.
  const small = await withSandbox({ seed: 'empty', maxBodyBytes: 16_000 });
  try {
    const file = join(dir, 'big.csv');
    const rows = ['user_id,custom_attributes.note'];
    for (let i = 0; i < 200; i++) rows.push(`big${i},${i < 100 ? 'short' : 'x'.repeat(250)}`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    const run = await cliFor(small.sandbox)(['users', 'import', file]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Stopped after sending 100 of 200 rows \(bulk job job_\w+\); the error follows\./);
    assert.match(run.stderr, /intercom: \w+Error: .*HTTP 413/);
  } finally {
    await small.done();
  }
});
