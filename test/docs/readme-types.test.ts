import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';

// Every TypeScript block of the README type-checks against the built package, under the project's
// strict settings: the README cannot show a call, an option or a field the library does not have.
// Blocks are fragments of a session with a client; the names they take from their prose are
// declared below.

const run = promisify(execFile);
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
  const dir = new URL('.test-build/readme-blocks/', ROOT);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('context.d.ts', dir), CONTEXT);
  blocks.forEach((code, i) => {
    // A block with its own imports is a module of its own; the others run inside an async function.
    const own = /^import /m.test(code);
    const body = own ? code : `export async function block${i}() {\n${code}\n}`;
    writeFileSync(new URL(`block${i + 1}.ts`, dir), `// README block ${i + 1}\n${body}\nexport {};\n`);
  });
  writeFileSync(
    new URL('tsconfig.json', dir),
    JSON.stringify({
      extends: '../../tsconfig.base.json',
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, noUnusedLocals: false },
      include: ['*.ts'],
    }),
  );
  const tsc = new URL('node_modules/typescript/bin/tsc', ROOT).pathname;
  const result = await run(process.execPath, [tsc, '-p', new URL('tsconfig.json', dir).pathname]).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
  );
  assert.equal(result.stdout.trim(), '', `README blocks that do not type-check:\n${result.stdout}`);
});
