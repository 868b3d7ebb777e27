import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
/** The README's Sandbox section: from its heading to the next second-level heading. */
const markdown = readme.slice(readme.indexOf('\n## Sandbox\n'), readme.indexOf('\n## ', readme.indexOf('\n## Sandbox\n') + 1));
/** The TypeScript blocks of the section; they are written without type annotations, so they run as JavaScript. */
const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

test('the sandbox README section has code blocks', () => {
  assert.ok(blocks.length >= 2, `found ${blocks.length}`);
});

blocks.forEach((code, i) => {
  test(`sandbox README block ${i + 1} runs as written`, async () => {
    // Inside the package, so that 'intercom-ts' and 'intercom-ts/sandbox' resolve to the built package.
    const dir = new URL('.test-build/docs/', ROOT);
    mkdirSync(dir, { recursive: true });
    const file = new URL(`sandbox-readme-${i + 1}.mjs`, dir);
    writeFileSync(file, code);
    const { stderr } = await run(process.execPath, [file.pathname], { timeout: 30_000 });
    assert.equal(stderr, '');
  });
});
