/**
 * The `...Async` signature functions: the same answers with node:crypto (this process) and with Web
 * Crypto (a child process whose `process.getBuiltinModule` is gone, as in a runtime without
 * node:crypto), and the synchronous ones refusing clearly there.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertSignatureAsync, signatureOfAsync, verifySignatureAsync, WebhookSignatureError } from 'intercom-ts/webhooks';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// RFC 2202 (HMAC-SHA1 test cases 1 and 2), and a vector computed once with openssl dgst -sha1 -hmac abc.
const VECTORS = [
  { key: '\x0b'.repeat(20), data: 'Hi There', digest: 'b617318655057264e28bc0b6fb378c8ef146be00' },
  { key: 'Jefe', data: 'what do ya want for nothing?', digest: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79' },
  { key: 'abc', data: '{"type":"notification_event","topic":"ping"}', digest: '13ecabca50c8e4e687dcc79b6a2bd719d814fbb7' },
];

/** What the async functions answer for the vectors, run in the current process or given. */
const CHECKS = `
const { assertSignatureAsync, signatureOfAsync, verifySignature, verifySignatureAsync } = webhooks;
const out = [];
for (const v of vectors) {
  const bytes = new TextEncoder().encode(v.data);
  out.push({
    signature: await signatureOfAsync(v.data, v.key),
    asString: await verifySignatureAsync(v.data, 'sha1=' + v.digest, v.key),
    asBytes: await verifySignatureAsync(bytes, 'SHA1=' + v.digest.toUpperCase(), v.key),
    tampered: await verifySignatureAsync(v.data + ' ', 'sha1=' + v.digest, v.key),
    wrongKey: await verifySignatureAsync(v.data, 'sha1=' + v.digest, v.key + 'x'),
  });
}
const reasons = [];
for (const header of [undefined, 'sha1=xyz', 'sha1=' + '0'.repeat(40)]) {
  try {
    await assertSignatureAsync('{}', header, 'k');
    reasons.push('accepted');
  } catch (error) {
    reasons.push(error.reason);
  }
}
let sync;
try {
  sync = verifySignature('{}', 'sha1=' + '0'.repeat(40), 'k');
} catch (error) {
  sync = error.name + ': ' + error.message;
}
`;

function expected(): unknown[] {
  return VECTORS.map((v) => ({ signature: `sha1=${v.digest}`, asString: true, asBytes: true, tampered: false, wrongKey: false }));
}

test('signatureOfAsync, verifySignatureAsync and assertSignatureAsync with node:crypto', async () => {
  for (const [i, v] of VECTORS.entries()) {
    assert.equal(await signatureOfAsync(v.data, v.key), `sha1=${v.digest}`, `vector ${i}`);
    assert.equal(await verifySignatureAsync(v.data, `sha1=${v.digest}`, v.key), true);
    assert.equal(await verifySignatureAsync(`${v.data} `, `sha1=${v.digest}`, v.key), false);
  }
  await assert.rejects(assertSignatureAsync('{}', 'sha1=nope', 'k'), (error: unknown) => {
    assert.ok(error instanceof WebhookSignatureError);
    assert.equal(error.reason, 'malformed');
    return true;
  });
});

/** Runs {@link CHECKS} in a fresh Node process, with or without node:crypto reachable. */
function runChecks(withoutNodeCrypto: boolean): { out: unknown[]; reasons: string[]; sync: unknown } {
  const script = `
${withoutNodeCrypto ? 'delete process.getBuiltinModule;' : ''}
const webhooks = await import(${JSON.stringify(`${ROOT}dist/esm/webhooks/index.js`)});
const vectors = ${JSON.stringify(VECTORS)};
${CHECKS}
console.log(JSON.stringify({ out, reasons, sync }));
`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

test('without node:crypto the async functions use Web Crypto and give the same answers', () => {
  const withNode = runChecks(false);
  const withWebCrypto = runChecks(true);
  for (const { out, reasons } of [withNode, withWebCrypto]) {
    assert.deepEqual(out, expected());
    assert.deepEqual(reasons, ['missing', 'malformed', 'mismatch']);
  }
  assert.equal(withNode.sync, false);
  // The synchronous check needs node:crypto, and says which function to use instead.
  assert.match(String(withWebCrypto.sync), /^IntercomError: verifySignature needs node:crypto .*verifySignatureAsync/);
});
