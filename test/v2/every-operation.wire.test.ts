import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { IntercomClient } from 'intercom-ts/v2';
import { parse } from 'yaml';
import { OPERATIONS, type Operation } from '../../src/v2/generated/operations.js';
import { type ScriptedServer, scriptedServer } from '../helpers/raw-http.js';
import { SUITE_TOKEN } from '../helpers/secrets.js';
import { shapeOf, type WireShape } from './wire-helpers.js';

// Every operation of the vendored description (and the five only the official SDK sends), called
// through its method with a path value that needs encoding, every query parameter and a body field:
// the request must be the description's method and path, with the query and body where they belong.

interface SpecParameter {
  name: string;
  in: string;
  schema?: { type?: string; items?: { type?: string } };
}
interface SpecOperation {
  parameters?: SpecParameter[];
  requestBody?: unknown;
}
type SpecPaths = Record<string, Record<string, SpecOperation> & { parameters?: SpecParameter[] }>;

const read = (path: string): { paths: SpecPaths } =>
  parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'), { maxAliasCount: -1 }) as { paths: SpecPaths };
const description = read('spec/intercom/openapi-2.16.yaml');
const extras = read('spec/intercom/official-sdk-extras.yaml');

interface DescribedOperation {
  method: string;
  path: string;
  operation: SpecOperation;
  parameters: SpecParameter[];
}

function operationsOf(paths: SpecPaths): DescribedOperation[] {
  const out: DescribedOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = item[method] as SpecOperation | undefined;
      if (operation === undefined) continue;
      out.push({
        method: method.toUpperCase(),
        path,
        operation,
        parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])],
      });
    }
  }
  return out;
}

const described = operationsOf(description.paths);
const all = [...described, ...operationsOf(extras.paths)];

/** The method of `client` that an operation id (`helpCenters.collections.list`) names. */
function methodOf(client: IntercomClient, id: string): ((...args: unknown[]) => Promise<unknown>) | undefined {
  let target: unknown = client;
  let owner: unknown;
  for (const part of id.split('.')) {
    owner = target;
    target = (target as Record<string, unknown> | undefined)?.[part];
  }
  return typeof target === 'function' ? (target as (...args: unknown[]) => Promise<unknown>).bind(owner) : undefined;
}

const PATH_VALUE = 'a b/é?#1';
const sampleOf = (parameter: SpecParameter | undefined): { value: unknown; sent: string } => {
  const schema = parameter?.schema;
  if (schema?.type === 'integer' || schema?.type === 'number') return { value: 7, sent: '7' };
  if (schema?.type === 'boolean') return { value: true, sent: 'true' };
  if (schema?.type === 'array') return { value: ['x y', 'z'], sent: 'x y,z' };
  return { value: 'v w&x', sent: 'v w&x' };
};

let server: ScriptedServer;
let client: IntercomClient;

before(async () => {
  server = await scriptedServer(() => ({ body: {} }));
  client = new IntercomClient({ token: SUITE_TOKEN, baseUrl: server.url, maxRetries: 0 });
});

after(async () => {
  client.close();
  await server.close();
});

test('the description has 231 operations, 4 of them without an operationId', () => {
  assert.equal(described.length, 231);
  assert.equal(described.filter((o) => (o.operation as { operationId?: string }).operationId === undefined).length, 4);
});

test('every operation of the description (and of the official SDK) has a method on the client', () => {
  const missing = all
    .filter((o) => {
      const entry = OPERATIONS.find((op) => op.method === o.method && op.path === o.path);
      return entry === undefined || methodOf(client, entry.id) === undefined;
    })
    .map((o) => `${o.method} ${o.path}`);
  assert.deepEqual(missing, []);
  assert.equal(OPERATIONS.length, all.length);
});

for (const o of all) {
  const entry = OPERATIONS.find((op) => op.method === o.method && op.path === o.path) as Operation;
  test(`${o.method} ${o.path} (${entry?.id}) on the wire`, async () => {
    const call = methodOf(client, entry.id);
    assert.ok(call, `no method ${entry.id}`);
    const request: Record<string, unknown> = {};
    let path = o.path;
    for (const name of entry.pathParams) {
      request[name] = PATH_VALUE;
      path = path.replace(`{${name}}`, encodeURIComponent(PATH_VALUE));
    }
    const query: Array<[string, string]> = [];
    for (const name of entry.queryParams) {
      const sample = sampleOf(o.parameters.find((p) => p.name === name && p.in === 'query'));
      request[name] = sample.value;
      query.push([name, sample.sent]);
    }
    // Every query parameter of the description is sent (an exploded object sends its properties
    // instead; a parameter the description declares in the query but names in the path goes in the path).
    for (const p of o.parameters.filter(
      (p) => p.in === 'query' && p.schema?.type !== 'object' && !o.path.includes(`{${p.name}}`),
    )) {
      assert.ok(entry.queryParams.includes(p.name), `${p.name} is not sent`);
    }
    let body: unknown = null;
    if (o.operation.requestBody !== undefined) {
      // Searches are checked before they are sent: they carry a valid query.
      const fields =
        o.path.endsWith('/search') && o.method === 'POST'
          ? { probe: 'body field', query: { field: 'id', operator: '=', value: '1' } }
          : { probe: 'body field' };
      if (entry.body === 'wrapped') request.body = fields;
      else Object.assign(request, fields);
      body = { ...entry.literals, ...fields };
    } else {
      assert.equal(entry.body, 'none');
    }
    server.received.length = 0;
    const hasRequest = Object.keys(request).length > 0;
    await (hasRequest ? call(request) : call());
    const expected: WireShape = { method: o.method, path, query, body };
    assert.deepStrictEqual(server.received.map(shapeOf), [expected]);
  });
}
