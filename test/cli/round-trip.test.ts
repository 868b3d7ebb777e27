import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Client, User } from 'intercom-ts';
import { cliFor } from '../helpers/cli.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let source: SandboxFixture;
let dir: string;

/** What an import must restore of a user: its own fields, custom attributes, companies and tags. */
function restorable(user: User): unknown {
  return {
    user_id: user.user_id ?? null,
    email: user.email ?? null,
    name: user.name ?? null,
    phone: user.phone ?? null,
    signed_up_at: user.signed_up_at ?? null,
    last_seen_ip: user.last_seen_ip ?? null,
    unsubscribed_from_emails: user.unsubscribed_from_emails,
    custom_attributes: user.custom_attributes,
    companies: (user.companies ?? []).map((c) => String(c.company_id)).sort(),
    tags: (user.tags ?? []).map((t) => t.name).sort(),
  };
}

async function usersOf(client: Client): Promise<Map<string, unknown>> {
  const users = new Map<string, unknown>();
  for await (const user of client.users.all()) users.set(String(user.user_id ?? user.email), restorable(user));
  return users;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'intercom-round-trip-'));
  source = await withSandbox({ seed: 'empty' });
  const intercom = source.intercom;
  await intercom.users.create({
    user_id: 'rich',
    email: 'rich@example.com',
    name: 'Rich, "quoted" User',
    phone: '+1 555 0100',
    signed_up_at: 1714521600,
    last_seen_ip: '192.0.2.7',
    custom_attributes: { plan: 'pro', seats: 3, beta: true, code: '007' },
    companies: [{ company_id: 'acme', name: 'Acme' }, { company_id: 'globex' }],
  });
  // No custom attributes, no user_id, no company, no tag.
  await intercom.users.create({ email: 'plain@example.com' });
  await intercom.users.create({
    user_id: 'tagged',
    name: 'Tagged Only',
    unsubscribed_from_emails: true,
    companies: [{ company_id: 'acme' }],
  });
  await intercom.users.create({ user_id: 'attrs-only', custom_attributes: { plan: 'team' } });
  await intercom.tags.tag({ name: 'vip', users: [{ user_id: 'rich' }] });
  await intercom.tags.tag({ name: 'blue', users: [{ user_id: 'rich' }, { user_id: 'tagged' }] });
});

after(async () => {
  await source.done();
  rmSync(dir, { recursive: true, force: true });
});

for (const ext of ['csv', 'jsonl', 'json']) {
  test(`users export --out users.${ext}, then users import users.${ext} into an empty app: the same users`, async () => {
    const file = join(dir, `users.${ext}`);
    const exported = await cliFor(source.sandbox)(['users', 'export', '--out', file]);
    assert.equal(exported.code, 0, exported.stderr);

    const target = await withSandbox({ seed: 'empty' });
    try {
      const imported = await cliFor(target.sandbox)(['users', 'import', file]);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stderr, /Imported 4 of 4 rows .*: 0 bad, 0 rejected by Intercom; 1 bulk job \(\w+\), 2 tags given\./);
      assert.deepEqual(await usersOf(target.intercom), await usersOf(source.intercom));
    } finally {
      await target.done();
    }
  });
}

test('timestamps that can only be milliseconds are bad rows, named and explained; nothing is sent for them', async () => {
  const file = join(dir, 'millis.csv');
  writeFileSync(file, 'user_id,signed_up_at\nok,1714521600\nms,1714521600000\n');
  const events = join(dir, 'millis.jsonl');
  writeFileSync(events, `${JSON.stringify({ event_name: 'clicked', user_id: 'ok', created_at: 1714521600123 })}\n`);
  const target = await withSandbox({ seed: 'empty' });
  try {
    const cli = cliFor(target.sandbox);
    const run = await cli(['users', 'import', file]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /millis\.csv:3: signed_up_at 1714521600000 is in milliseconds .*: give epoch seconds \(1714521600, the year 2024\) or an ISO 8601 date/,
    );
    assert.match(run.stderr, /Imported 1 of 2 rows/);
    const eventRun = await cli(['events', 'import', events, '--dry-run']);
    assert.equal(eventRun.code, 1);
    assert.match(eventRun.stderr, /millis\.jsonl:1: created_at 1714521600123 is in milliseconds/);
  } finally {
    await target.done();
  }
});

test('a JSON array import names bad items by the line they start on', async () => {
  const file = join(dir, 'array.json');
  writeFileSync(
    file,
    '[\n  {\n    "user_id": "a1",\n    "note": "has ] and } and \\" inside"\n  },\n  {"user_id": "a2", "signed_up_at": "soon"},\n  42\n]\n',
  );
  const target = await withSandbox({ seed: 'empty' });
  try {
    const run = await cliFor(target.sandbox)(['users', 'import', file, '--dry-run']);
    assert.equal(run.code, 1);
    assert.deepEqual(
      [...run.stderr.matchAll(/array\.json:(\d+): (.*)/g)].map((m) => [Number(m[1]), m[2]]),
      [
        [2, "unknown field 'note' (custom attributes go under custom_attributes)"],
        [6, "signed_up_at 'soon' is not a date: give epoch seconds or an ISO 8601 date such as 2024-05-01"],
        [7, 'must be a JSON object'],
      ],
    );
  } finally {
    await target.done();
  }
});
