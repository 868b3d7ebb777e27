import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { IntercomClient } from 'intercom-ts/v2';
import { typecheckFiles } from '../helpers/typecheck.js';

// Every stable method of the official SDK (intercom-client 7.0.3, a dev dependency) exists on the
// 2.x client under the same group and name, and every request type it names exists in the Intercom
// namespace: read from the official SDK's own declaration files.

const RESOURCES = fileURLToPath(new URL('../../../node_modules/intercom-client/dist/cjs/api/resources/', import.meta.url));

interface OfficialMethod {
  group: string[];
  method: string;
  requestType: string | undefined;
}

function officialMethods(): OfficialMethod[] {
  const out: OfficialMethod[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'Client.d.ts') {
        // admins/client/Client.d.ts -> admins; news/resources/items/client/Client.d.ts -> news.items
        const group = relative(RESOURCES, dir)
          .split('/')
          .filter((part) => part !== 'resources' && part !== 'client');
        if (group[0] === 'unstable') continue;
        for (const match of readFileSync(path, 'utf8').matchAll(
          /^ {4}([a-zA-Z]+)\((request\??: Intercom\.([A-Za-z.]+)|requestOptions\?)/gm,
        )) {
          out.push({ group, method: match[1] as string, requestType: match[3] });
        }
      }
    }
  };
  walk(RESOURCES);
  return out;
}

const methods = officialMethods();

test('every stable method of the official SDK is on the 2.x client, same group, same name', () => {
  assert.ok(methods.length >= 137, `found ${methods.length} official methods`);
  const client = new IntercomClient({ token: 't' });
  const missing = methods
    .filter(({ group, method }) => {
      let target: unknown = client;
      for (const part of group) target = (target as Record<string, unknown>)[part];
      return typeof (target as Record<string, unknown> | undefined)?.[method] !== 'function';
    })
    .map(({ group, method }) => `${group.join('.')}.${method}`);
  assert.deepEqual(missing, []);
});

test("every request type the official SDK's methods take has its name in the Intercom namespace", async () => {
  const names = [...new Set(methods.map((m) => m.requestType).filter((t): t is string => t !== undefined && !t.includes('.')))];
  assert.ok(names.length > 100);
  const source = `import type { Intercom } from 'intercom-ts/v2';\n${names.map((n, i) => `export type T${i} = Intercom.${n};`).join('\n')}\n`;
  const complaints = await typecheckFiles('v2-official-names', { 'names.ts': source });
  assert.equal(complaints, '');
});
