import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { Client } from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { rawRequest } from '../helpers/raw-http.js';
import { typecheckFiles } from '../helpers/typecheck.js';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
/** The README's Webhooks section: from its heading to the next second-level heading. */
const markdown = readme.slice(readme.indexOf('\n## Webhooks\n'), readme.indexOf('\n## ', readme.indexOf('\n## Webhooks\n') + 1));
/** The TypeScript blocks of the section; the runnable ones are written without type annotations, so they run as JavaScript. */
const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

/** Writes a block inside the package, so that 'intercom-ts/...' resolve to the built package. */
function writeBlock(name: string, code: string): string {
  const dir = new URL('.test-build/docs/', ROOT);
  mkdirSync(dir, { recursive: true });
  const file = new URL(name, dir);
  writeFileSync(file, code);
  return file.pathname;
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('the complete receiver of the README receives, verifies and types what the sandbox sends', async () => {
  const receiverBlock = blocks[0] ?? '';
  assert.match(receiverBlock, /createWebhookHandler/);
  assert.match(receiverBlock, /http\.createServer\(webhooks\)/);
  const port = await freePort();
  const child = spawn(process.execPath, [writeBlock('webhooks-readme-receiver.mjs', receiverBlock)], {
    env: { ...process.env, PORT: String(port), INTERCOM_CLIENT_SECRET: 'readme-secret' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  const listen = (stream: NodeJS.ReadableStream | null, append: (text: string) => void) =>
    stream?.on('data', (c: Buffer) => {
      append(c.toString('utf8'));
      for (const wake of waiters.splice(0)) wake();
    });
  listen(child.stdout, (t) => {
    stdout += t;
  });
  listen(child.stderr, (t) => {
    stderr += t;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const printed = async (pattern: RegExp, stream: () => string = () => stdout): Promise<void> => {
    while (!pattern.test(stream())) {
      if (child.exitCode !== null) throw new Error(`the receiver exited: ${stderr}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };

  const sandbox = await startSandbox({ port: 0, seed: 'demo' });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0 });
  try {
    await printed(new RegExp(`Receiving Intercom webhooks on http://127\\.0\\.0\\.1:${port}/`));
    const subscription = await intercom.subscriptions.create({
      url: `http://127.0.0.1:${port}/`,
      topics: ['user.created', 'conversation.user.replied'],
      hub_secret: 'readme-secret',
    });
    const user = await intercom.users.create({ user_id: 'readme-1', email: 'readme@example.com' });
    await printed(new RegExp(`user\\.created: readme@example\\.com \\(${user.id}\\)`));
    const bob = await intercom.users.find({ user_id: '1' });
    await intercom.conversations.reply({
      id: '147',
      type: 'user',
      intercom_user_id: bob.id,
      message_type: 'comment',
      body: 'Thanks, that worked.',
    });
    await printed(/conversation\.user\.replied: 147: <p>Thanks, that worked\.<\/p>/);
    await intercom.post(`/subscriptions/${subscription.id}/ping`);
    await printed(/ping: something something interzen/);
    await sandbox.waitForDeliveries();
    assert.ok(sandbox.deliveries.every((d) => d.state === 'delivered'));

    // A request Intercom did not sign is refused, and reported by onError.
    const { status } = await rawRequest(
      { url: `http://127.0.0.1:${port}` },
      { method: 'POST', path: '/', body: '{"type":"notification_event"}', headers: { accept: null, 'content-type': null } },
    );
    assert.equal(status, 401);
    await printed(/refused with 401: WebhookSignatureError: The X-Hub-Signature header is missing/, () => stderr);
  } finally {
    intercom.close();
    await sandbox.close();
    child.kill('SIGTERM');
    await exited;
  }
});

test('the README sandbox block runs as written', async () => {
  const block = blocks.find((b) => b.includes('startSandbox'));
  assert.ok(block, 'a block that starts a sandbox');
  const { stderr } = await run(process.execPath, [writeBlock('webhooks-readme-sandbox.mjs', block)], { timeout: 30_000 });
  assert.equal(stderr, '');
});

test('every TypeScript block of the section type-checks under the project settings, as the README blocks do', async () => {
  assert.ok(blocks.length >= 3, `found ${blocks.length}`);
  const files: Record<string, string> = {};
  for (const [i, code] of blocks.entries()) files[`block${i + 1}.ts`] = `// webhooks block ${i + 1}\n${code}\nexport {};\n`;
  const complaints = await typecheckFiles('webhooks-readme-blocks', files);
  assert.equal(complaints, '', `blocks that do not type-check:\n${complaints}`);
});
