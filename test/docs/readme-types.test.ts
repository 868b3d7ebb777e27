import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { typecheckFiles } from '../helpers/typecheck.js';

// Every TypeScript block of the README type-checks against the built package, under the project's
// strict settings: the README cannot show a call, an option or a field the library does not have.
// Blocks are fragments of a session with a client; the names they take from their prose are
// declared below.

const ROOT = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

const CONTEXT = `import type { Client, Contact, User } from 'intercom-ts';
declare global {
  const intercom: Client;
  const bob: User;
  const lead: Contact;
  const segmentId: string;
  function handle(items: unknown[]): Promise<void>;
  const log: { debug(x: unknown): void; info(x: unknown): void; warn(x: unknown): void };
  const metrics: { timing(name: string, ms: number, tags: Record<string, unknown>): void };
}
export {};
`;

test(`the README's ${blocks.length} TypeScript blocks type-check`, async () => {
  assert.ok(blocks.length > 20);
  const files: Record<string, string> = { 'context.d.ts': CONTEXT };
  blocks.forEach((code, i) => {
    // A block with its own imports is a module of its own; the others run inside an async function.
    const own = /^import /m.test(code);
    const body = own ? code : `export async function block${i}() {\n${code}\n}`;
    files[`block${i + 1}.ts`] = `// README block ${i + 1}\n${body}\nexport {};\n`;
  });
  const complaints = await typecheckFiles('readme-blocks', files);
  assert.equal(complaints, '', `README blocks that do not type-check:\n${complaints}`);
});
