import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describedAnswer } from '../../src/sandbox/openapi/described-answers.js';
import type { DescribedOperation, DescribedParameter } from '../../src/sandbox/openapi/description-types.js';
import { description } from '../../src/sandbox/openapi/operations.js';
import { explodedMembers } from '../../src/sandbox/openapi/request-validation.js';
import { bodyCheck } from '../../src/sandbox/openapi/schema-validators.js';
import { V2Api } from '../../src/sandbox/openapi/v2-app.js';
import { withV2Sandbox } from '../helpers/v2-sandbox.js';

/** A value a parameter accepts: its enum's first, else one of its type. */
function sampleOf(p: DescribedParameter): string {
  const schema = p.schema as { type?: string | string[]; enum?: unknown[] };
  if (Array.isArray(schema.enum) && schema.enum[0] !== undefined) return String(schema.enum[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') return '1';
  if (type === 'boolean') return 'true';
  return 'abc1';
}

/** The request an operation's description gives: sample path and required query values, the body's example. */
function requestOf(op: DescribedOperation): { path: string; body: unknown } {
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(sampleOf(p)));
    else if (p.required && explodedMembers(p.schema).length > 0) query.set(explodedMembers(p.schema)[0] as string, 'abc1');
    else if (p.required) query.set(p.name, sampleOf(p));
  }
  const search = query.size === 0 ? '' : `?${query}`;
  const body = op.body === undefined ? undefined : (op.body.example ?? (op.body.required ? {} : undefined));
  return { path: `${path}${search}`, body };
}

test('every "answered, not stateful" 2.x operation answers its documented 2xx, valid against its response schema', async () => {
  const answered = new Set(new V2Api().answeredOperations());
  const fx = await withV2Sandbox();
  const refused: string[] = [];
  let served = 0;
  try {
    for (const op of description().operations) {
      const name = `${op.method} ${op.path}`;
      if (!answered.has(name)) continue;
      const { path, body } = requestOf(op);
      const answer = await fx.call(op.method, path, body);
      if (answer.status === 400) {
        // The description's own request example fails its request schema: refused, as Intercom would.
        // Its answer is checked without a request.
        refused.push(`${name}: ${JSON.stringify(answer.body)}`);
        const { status, body: answerBody } = describedAnswer(op);
        const schema = op.responses[String(status)];
        if (schema !== null && schema !== undefined) {
          assert.equal(bodyCheck(`test ${name}`, schema)(answerBody), undefined, `${name}: the answer fails its schema`);
        }
        continue;
      }
      // Without a documented 2xx: the documented redirect, else the documented 404.
      const redirect = Object.keys(op.responses).find((status) => status.startsWith('3'));
      const expected = op.success?.status ?? (redirect === undefined ? 404 : Number(redirect));
      assert.equal(answer.status, expected, `${name}: ${JSON.stringify(answer.body)}`);
      served++;
    }
  } finally {
    await fx.done();
  }
  // Every answered operation is served, but for the few whose own request example fails the description.
  assert.equal(served + refused.length, answered.size, `${served} operations answered; refused: ${refused.join('\n')}`);
  assert.ok(refused.length <= 5, `refused: ${refused.join('\n')}`);
  console.log(`answered ${served} operations; request examples refused: ${refused.length}\n${refused.join('\n')}`);
});
