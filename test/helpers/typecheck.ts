import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url);

/**
 * Type-checks TypeScript files (name → source) against the built package under the project's strict
 * settings, in `.test-build/<dir>/`. Resolves to tsc's complaints: `''` when there are none.
 */
export async function typecheckFiles(dir: string, files: Record<string, string>): Promise<string> {
  const folder = new URL(`.test-build/${dir}/`, ROOT);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(new URL(name, folder), source);
  writeFileSync(
    new URL('tsconfig.json', folder),
    JSON.stringify({
      extends: '../../tsconfig.base.json',
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, noUnusedLocals: false },
      include: ['*.ts'],
    }),
  );
  const tsc = new URL('node_modules/typescript/bin/tsc', ROOT).pathname;
  const result = await run(process.execPath, [tsc, '-p', new URL('tsconfig.json', folder).pathname]).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
  );
  return result.stdout.trim();
}
