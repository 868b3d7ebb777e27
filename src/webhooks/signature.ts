/**
 * The `X-Hub-Signature` of Intercom's webhook notifications: `sha1=` and the lower-case hex HMAC-SHA1
 * of the raw request body, keyed with the app's client secret (the subscription's `hub_secret`).
 *
 * The HMAC is `node:crypto`'s where the runtime has it (Node.js, Bun, Deno, Workers with
 * `nodejs_compat`), reached through `process.getBuiltinModule` on first use so that no `node:`
 * module is imported; elsewhere (Workers without `nodejs_compat`, service workers) the `...Async`
 * functions use Web Crypto (`crypto.subtle`), whose HMAC `verify` compares in constant time.
 *
 * @module
 */
import type * as NodeCrypto from 'node:crypto';
import type { webcrypto } from 'node:crypto';
import { IntercomError, InvalidParameterError } from '../core/errors.js';

/** A request body as it came over the wire: the bytes, or their UTF-8 text. */
export type RawBody = string | Uint8Array | ArrayBuffer;

/** A signature header as frameworks hand it over (Node gives `string[]` for a repeated header). */
export type SignatureHeader = string | readonly string[] | null | undefined;

/** The header Intercom signs notifications with. Node lower-cases header names: read `x-hub-signature`. */
export const SIGNATURE_HEADER = 'X-Hub-Signature';

/** Why a signature was refused. */
export type SignatureFailure = 'missing' | 'malformed' | 'mismatch';

/** A notification whose `X-Hub-Signature` is missing, garbled, or not the body's HMAC under the secret. */
export class WebhookSignatureError extends IntercomError {
  /** `missing` (no header), `malformed` (not `sha1=` and 40 hex digits), `mismatch` (wrong body or secret). */
  readonly reason: SignatureFailure;
  constructor(reason: SignatureFailure, message: string) {
    super(message, { field: SIGNATURE_HEADER });
    this.reason = reason;
  }
}

const SIGNATURE = /^sha1=([0-9a-f]{40})$/i;

/**
 * The bytes of a raw body. An object that is none of the raw forms is a body a framework already
 * parsed: its bytes are gone, and with them any way to check the signature.
 */
export function rawBytes(rawBody: unknown, parameter = 'rawBody'): Uint8Array {
  if (typeof rawBody === 'string') return new TextEncoder().encode(rawBody);
  if (rawBody instanceof Uint8Array) return rawBody;
  if (rawBody instanceof ArrayBuffer) return new Uint8Array(rawBody);
  if (typeof rawBody === 'object' && rawBody !== null) {
    throw new InvalidParameterError(
      parameter,
      'is an object: the body was already parsed as JSON, and the signature covers the raw bytes, which parsing loses. ' +
        "Pass the raw body instead: with Express use express.raw({ type: 'application/json' }) on the webhook route " +
        "(not express.json()); with Fastify register a content-type parser with { parseAs: 'buffer' }; with node:http " +
        'read the request stream into a Buffer.',
    );
  }
  throw new InvalidParameterError(
    parameter,
    `must be the raw request body: a Buffer, Uint8Array, ArrayBuffer or string (got ${rawBody === null ? 'null' : typeof rawBody})`,
  );
}

function requireSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret === '') {
    throw new InvalidParameterError(
      'secret',
      "must be a non-empty string: the app's client secret (the subscription's hub_secret)",
    );
  }
  return secret;
}

/** The text of a raw body: a string as it is, bytes decoded as UTF-8 (a leading BOM kept, as `Buffer#toString` does). */
export function rawText(rawBody: unknown, parameter = 'rawBody'): string {
  if (typeof rawBody === 'string') return rawBody;
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(rawBytes(rawBody, parameter));
}

interface ProcessWithBuiltins {
  process?: { getBuiltinModule?: (id: string) => unknown };
}

let nodeCryptoModule: typeof NodeCrypto | null | undefined;

/** `node:crypto`, or null where the runtime has none (or cannot hand it over synchronously). */
function nodeCrypto(): typeof NodeCrypto | null {
  if (nodeCryptoModule === undefined) {
    const runtimeProcess = (globalThis as ProcessWithBuiltins).process;
    let loaded: unknown;
    try {
      loaded =
        typeof runtimeProcess?.getBuiltinModule === 'function' ? runtimeProcess.getBuiltinModule('node:crypto') : undefined;
    } catch {
      loaded = undefined;
    }
    nodeCryptoModule =
      typeof (loaded as Partial<typeof NodeCrypto> | undefined)?.createHmac === 'function' ? (loaded as typeof NodeCrypto) : null;
  }
  return nodeCryptoModule;
}

function requireNodeCrypto(name: string): typeof NodeCrypto {
  const crypto = nodeCrypto();
  if (crypto === null) {
    throw new IntercomError(
      `${name} needs node:crypto (Node.js 20.16 or later, Bun, Deno, Workers with nodejs_compat), which this runtime does not provide: use ${name}Async, which falls back to Web Crypto`,
    );
  }
  return crypto;
}

/** Web Crypto's `SubtleCrypto`, or a clear error where there is none either. */
function subtleCrypto(): webcrypto.SubtleCrypto {
  const subtle = (globalThis as { crypto?: { subtle?: webcrypto.SubtleCrypto } }).crypto?.subtle;
  if (subtle === undefined) {
    throw new IntercomError(
      'Verifying webhook signatures needs node:crypto or Web Crypto (crypto.subtle); this runtime has neither',
    );
  }
  return subtle;
}

/** The HMAC-SHA1 key of `secret` for Web Crypto. */
function hmacKey(subtle: webcrypto.SubtleCrypto, secret: string, usage: 'sign' | 'verify'): Promise<webcrypto.CryptoKey> {
  return subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, [usage]);
}

/** The HMAC-SHA1 of the body keyed with the secret, with node:crypto. */
function digest(crypto: typeof NodeCrypto, body: Uint8Array, secret: string): Uint8Array {
  return crypto.createHmac('sha1', secret).update(body).digest();
}

function hex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** The 20 bytes of 40 hex digits (already checked by {@link SIGNATURE}). */
function hexBytes(digits: string): Uint8Array {
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * The `X-Hub-Signature` value Intercom would send for this body and secret: `sha1=<40 hex digits>`.
 * Handy to sign test requests for a receiver. Needs `node:crypto`; {@link signatureOfAsync} works
 * in every runtime.
 */
export function signatureOf(rawBody: RawBody, secret: string): string {
  const body = rawBytes(rawBody);
  const key = requireSecret(secret);
  return `sha1=${hex(digest(requireNodeCrypto('signatureOf'), body, key))}`;
}

/**
 * As {@link signatureOf}, in every runtime: with `node:crypto` where there is one, else with Web
 * Crypto.
 */
export async function signatureOfAsync(rawBody: RawBody, secret: string): Promise<string> {
  const body = rawBytes(rawBody);
  const key = requireSecret(secret);
  const crypto = nodeCrypto();
  if (crypto !== null) return `sha1=${hex(digest(crypto, body, key))}`;
  const subtle = subtleCrypto();
  return `sha1=${hex(new Uint8Array(await subtle.sign('HMAC', await hmacKey(subtle, key, 'sign'), body)))}`;
}

/** A parsed signature header: its 20 bytes, or why there are none. */
function givenSignature(signatureHeader: SignatureHeader): Uint8Array | 'missing' | 'malformed' {
  let header: string | undefined;
  if (typeof signatureHeader === 'string') header = signatureHeader;
  else if (Array.isArray(signatureHeader)) {
    // A repeated header is not a signature Intercom sent.
    if (signatureHeader.length > 1) return 'malformed';
    header = signatureHeader[0];
  }
  if (header === undefined || header.trim() === '') return 'missing';
  const match = SIGNATURE.exec(header.trim());
  if (match === null) return 'malformed';
  return hexBytes(match[1] as string);
}

/** The signature check, without throwing for a refused signature. */
function check(rawBody: RawBody, signatureHeader: SignatureHeader, secret: string): SignatureFailure | undefined {
  const body = rawBytes(rawBody);
  const key = requireSecret(secret);
  const given = givenSignature(signatureHeader);
  if (typeof given === 'string') return given;
  // Both are 20 bytes; timingSafeEqual compares them in constant time.
  const crypto = requireNodeCrypto('verifySignature');
  return crypto.timingSafeEqual(given, digest(crypto, body, key)) ? undefined : 'mismatch';
}

/** As {@link check}, with Web Crypto where there is no `node:crypto`. */
async function checkAsync(
  rawBody: RawBody,
  signatureHeader: SignatureHeader,
  secret: string,
): Promise<SignatureFailure | undefined> {
  if (nodeCrypto() !== null) return check(rawBody, signatureHeader, secret);
  const body = rawBytes(rawBody);
  const key = requireSecret(secret);
  const given = givenSignature(signatureHeader);
  if (typeof given === 'string') return given;
  const subtle = subtleCrypto();
  // HMAC verify recomputes the MAC and compares it in constant time.
  return (await subtle.verify('HMAC', await hmacKey(subtle, key, 'verify'), given, body)) ? undefined : 'mismatch';
}

/**
 * True when `signatureHeader` is `sha1=` and the hex HMAC-SHA1 of `rawBody` keyed with `secret`;
 * false for a missing, garbled or wrong signature. The comparison takes constant time.
 *
 * `rawBody` must be the bytes as received (a `Buffer`, `Uint8Array`, `ArrayBuffer`, or their UTF-8
 * text): a body already parsed into an object throws {@link InvalidParameterError}, since parsing
 * loses the bytes the signature covers. An empty `secret` throws too.
 *
 * ```ts
 * if (!verifySignature(req.body, req.headers['x-hub-signature'], process.env.INTERCOM_CLIENT_SECRET)) res.status(401).end();
 * ```
 *
 * Needs `node:crypto` (Node.js 20.16 or later, Bun, Deno, Workers with `nodejs_compat`): elsewhere
 * it throws {@link IntercomError}; {@link verifySignatureAsync} works in every runtime.
 */
export function verifySignature(rawBody: RawBody, signatureHeader: SignatureHeader, secret: string): boolean {
  return check(rawBody, signatureHeader, secret) === undefined;
}

/**
 * As {@link verifySignature}, in every runtime: with `node:crypto` where there is one, else with Web
 * Crypto (`crypto.subtle`), as in Cloudflare Workers without `nodejs_compat`.
 *
 * ```ts
 * // A Worker
 * const body = await request.arrayBuffer();
 * if (!(await verifySignatureAsync(body, request.headers.get('X-Hub-Signature'), env.INTERCOM_CLIENT_SECRET))) {
 *   return new Response('Unauthorized', { status: 401 });
 * }
 * ```
 */
export async function verifySignatureAsync(rawBody: RawBody, signatureHeader: SignatureHeader, secret: string): Promise<boolean> {
  return (await checkAsync(rawBody, signatureHeader, secret)) === undefined;
}

/**
 * As {@link verifySignature}, but throws {@link WebhookSignatureError} (with its `reason`) instead of
 * returning false.
 */
export function assertSignature(rawBody: RawBody, signatureHeader: SignatureHeader, secret: string): void {
  refuse(check(rawBody, signatureHeader, secret));
}

/** As {@link assertSignature}, in every runtime (see {@link verifySignatureAsync}). */
export async function assertSignatureAsync(rawBody: RawBody, signatureHeader: SignatureHeader, secret: string): Promise<void> {
  refuse(await checkAsync(rawBody, signatureHeader, secret));
}

/** Throws the {@link WebhookSignatureError} of a refused signature. */
function refuse(failure: SignatureFailure | undefined): void {
  if (failure === 'missing') {
    throw new WebhookSignatureError(
      failure,
      `The ${SIGNATURE_HEADER} header is missing: Intercom signs notifications only when the subscription has a hub_secret`,
    );
  }
  if (failure === 'malformed') {
    throw new WebhookSignatureError(failure, `The ${SIGNATURE_HEADER} header is not 'sha1=' followed by 40 hex digits`);
  }
  if (failure === 'mismatch') {
    throw new WebhookSignatureError(
      failure,
      `The ${SIGNATURE_HEADER} signature does not match the body: the body was changed (or re-encoded), or the secret is not the one that signed it`,
    );
  }
}
