// Builds dist/esm (ES modules) and dist/cjs (CommonJS, for require()) from src/ with tsc, then
// dist/examples (the README's sections, which `intercom demo` runs) against the built package.
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';

const tsc = (project) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc -p ${project} failed (${code})`))));
  });

await rm('dist', { recursive: true, force: true });
await Promise.all([tsc('tsconfig.json'), tsc('tsconfig.cjs.json')]);
await mkdir('dist/cjs', { recursive: true });
await writeFile('dist/cjs/package.json', '{ "type": "commonjs" }\n');
await tsc('tsconfig.examples.json');
