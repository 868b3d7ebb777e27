import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSandbox } from 'intercom-ts/sandbox';
import type { RawAnswer } from '../helpers/raw-http.js';
import { asTheGem } from '../helpers/replay.js';
import { SEED_WIRE } from '../helpers/wire.js';

// Issue 4's acceptance: every step of seed-wire.json, sent as the gem sent it (Basic auth, its
// Accept and User-Agent), in order, against one demo sandbox. The recorded ids named records of the
// recording server; they are mapped to the demo records that play the same part (Bob for the
// README's user, Wash for its admin...). Every answer must be a success, and the state afterwards
// what a user of the README would expect.

test('every seed-wire step replays against the demo sandbox with the expected answers and state', async () => {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const { store } = sandbox;
    const user = (userId: string) => store.userByUserId(userId, 'user') ?? assert.fail(`no user ${userId}`);
    const bob = user('1');
    const alice = user('2');
    const carol = user('3');
    const leads = [...store.users.values()].filter((r) => r.role === 'contact');
    const [lead1, lead2] = leads as [(typeof leads)[0], (typeof leads)[0]];
    const blueSun = store.companyByCompanyId('44') ?? assert.fail('no company 44');
    const segmentId = [...store.segments.keys()][0] as string;
    const noteId = [...store.notes.keys()][0] as string;
    const subscriptionId = [...store.subscriptions.keys()][0] as string;
    let jobId = '';

    // Recorded id → demo id, for every step; `perStep` overrides where one recorded id plays two parts.
    const common: Record<string, string> = {
      '/users/1': `/users/${bob.id}`,
      '5d4c3b2a1': bob.id,
      '536e564f316c83104c000020': bob.id,
      '"5678"': `"${bob.id}"`,
      '"12345"': '"1"',
      '/admins/7': '/admins/394051',
      'id=7': 'id=394051',
      '"123"': '"394051"',
      '"124"': '"814860"',
      '"1234"': '"394051"',
      '/teams/1': '/teams/814865',
      '41e66f0313708347cb0000d0': blueSun.id,
      'name=Some+company': 'name=Blue+Sun',
      '/segments/5310': `/segments/${segmentId}`,
      '/notes/16': `/notes/${noteId}`,
      'user_id=123': 'user_id=1',
      'intercom_user_id=123abc': `intercom_user_id=${bob.id}`,
      nsub_123456789: subscriptionId,
      // The sandbox delivers webhooks for real, to loopback receivers only (port 1: nothing listens).
      'http://example.com': 'http://127.0.0.1:1/hooks',
    };
    const perStep: Record<string, Record<string, string>> = {
      'users.archive': { '5d4c3b2a1': carol.id, '/users/1': `/users/${carol.id}` },
      'users.request_hard_delete': { '5d4c3b2a1': alice.id, '/users/1': `/users/${alice.id}` },
      'messages.create inapp': { '"5678"': '"1"' },
      'tags.untag users': { '42ea2f1b93891f6a99000427': '1' },
      'tags.tag companies': { '42ea2f1b93891f6a99000427': '44' },
      'contacts.create update': { '3be0398668071a6bc6850413': lead2.id },
      'contacts.save': { '3be0398668071a6bc6850413': lead2.id },
      'contacts.convert': { '536e564f316c83104c000020': lead1.id, 'c-uuid-1': lead1.user_id as string },
      'contacts.archive': { '536e564f316c83104c000020': lead2.id, '3be0398668071a6bc6850413': lead2.id },
    };
    const translate = (step: string, request: { method: string; path: string; body?: unknown }) => {
      let text = JSON.stringify(request);
      const map = { ...common, ...perStep[step] };
      if (jobId !== '') map.job_5ca1ab1eca11ab1e = jobId;
      // Longest first, so that `intercom_user_id=123abc` is not taken for `user_id=123`.
      for (const [from, to] of Object.entries(map).sort(([a], [b]) => b.length - a.length)) text = text.split(from).join(to);
      return JSON.parse(text) as typeof request;
    };

    const answers = new Map<string, RawAnswer[]>();
    for (const step of SEED_WIRE) {
      const got: RawAnswer[] = [];
      let scrollParam: string | undefined;
      for (const recorded of step.requests) {
        const request = translate(step.step, recorded);
        // A scroll goes on with the param the sandbox gave, not the recording server's.
        if (scrollParam !== undefined) request.path = request.path.replace(/scroll_param=[^&]+/, `scroll_param=${scrollParam}`);
        const answer = await asTheGem(sandbox, request);
        if (typeof answer.json?.scroll_param === 'string') scrollParam = answer.json.scroll_param;
        if (step.step === 'users.submit_bulk_job') jobId = answer.json.id;
        got.push(answer);
        assert.ok(
          answer.status >= 200 && answer.status < 300,
          `${step.step}: ${request.method} ${request.path} answered ${answer.status} ${JSON.stringify(answer.json)}`,
        );
      }
      answers.set(step.step, got);
    }

    // The state a user of the README expects.
    assert.equal(store.users.get(carol.id), undefined, 'users.archive archived the user');
    assert.equal(store.users.get(alice.id), undefined, 'users.request_hard_delete deleted the user');
    assert.equal(bob.name, 'Bob Smith', 'users.create upserted bob@example.com');
    // The saves send absolute values; the last one (users.save companies) sent karma 3 again.
    assert.deepEqual(bob.custom_attributes, { average_monthly_spend: 1.5, karma: 3 });
    assert.ok(
      bob.company_ids.some((id) => store.companies.get(id)?.company_id === '9'),
      'users.save companies attached company 9',
    );
    assert.equal(store.companyByCompanyId('44')?.name, 'Updated company name', 'companies.save renamed the company');
    const blue = [...store.tags.values()].find((t) => t.name === 'blue') ?? assert.fail('tag blue');
    assert.ok(!bob.tag_ids.includes(blue.id), 'tags.untag users took the tag off user_id 1 again');
    assert.ok(blueSun.tag_ids.includes(blue.id), 'tags.tag companies tagged company 44');
    assert.ok(
      [...store.notes.values()].some((n) => n.body.includes('Text for the note')),
      'notes.create wrote the note',
    );
    const conversation = store.conversations.get('147') ?? assert.fail('conversation 147');
    assert.ok(
      conversation.parts.some((p) => p.body?.includes('foo')),
      'the user replies are parts of conversation 147',
    );
    assert.equal(store.userById(lead1.id, 'contact'), undefined, 'contacts.convert: the lead is a lead no more');
    assert.ok(store.usersByEmail('winstonsmith@truth.org', 'user').length === 1, 'the converted user has the email sent');
    assert.equal(store.users.get(lead2.id), undefined, 'contacts.archive archived the lead');
    assert.ok(
      [...store.subscriptions.values()].some((s) => s.url === 'http://127.0.0.1:1/hooks'),
      'subscriptions.create',
    );
    assert.equal(store.subscriptions.get(subscriptionId), undefined, 'subscriptions.delete');
    assert.equal(answers.get('events.create')?.[0]?.status, 202, 'events answer 202 with an empty body');
    assert.equal(answers.get('events.create')?.[0]?.json, undefined);
    assert.equal(answers.get('jobs.find')?.[0]?.json.id, jobId, 'jobs.find reads the job users.submit_bulk_job made');
  } finally {
    await sandbox.close();
  }
});
