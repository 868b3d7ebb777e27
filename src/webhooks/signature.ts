/**
 * The `X-Hub-Signature` of Intercom's webhook notifications: `sha1=` and the lower-case hex HMAC-SHA1
 * of the raw request body, keyed with the app's client secret (the subscription's `hub_secret`).
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
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
export function rawBytes(rawBody: unknown, parameter = 'rawBody'): Buffer {
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
  if (rawBody instanceof Uint8Array) return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  if (rawBody instanceof ArrayBuffer) return Buffer.from(rawBody);
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

/** The HMAC-SHA1 of the body keyed with the secret. */
function digest(body: Buffer, secret: string): Buffer {
  return createHmac('sha1', secret).update(body).digest();
}

/**
 * The `X-Hub-Signature` value Intercom would send for this body and secret: `sha1=<40 hex digits>`.
 * Handy to sign test requests for a receiver.
 */
export function signatureOf(rawBody: RawBody, secret: string): string {
  return `sha1=${digest(rawBytes(rawBody), requireSecret(secret)).toString('hex')}`;
}

/** The signature check, without throwing for a refused signature. */
function check(rawBody: RawBody, signatureHeader: SignatureHeader, secret: string): SignatureFailure | undefined {
  const body = rawBytes(rawBody);
  const key = requireSecret(secret);
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
  const given = Buffer.from(match[1] as string, 'hex');
  // Both are 20 bytes; timingSafeEqual compares them in constant time.
  return timingSafeEqual(given, digest(body, key)) ? undefined : 'mismatch';
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
 */
export function verifySignature(rawBody: RawBody, signatureHeader: SignatureHeader, secret: string): boolean {
  return check(rawBody, signatureHeader, secret) === undefined;
}

/**
 * As {@link verifySignature}, but throws {@link WebhookSignatureError} (with its `reason`) instead of
 * returning false.
 */
export function assertSignature(rawBody: RawBody, signatureHeader: SignatureHeader, secret: string): void {
  const failure = check(rawBody, signatureHeader, secret);
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
