/**
 * Checks of client options that every client entry shares: credentials, positive numbers, the base
 * URL. Each failure is a {@link MisconfiguredClientError} thrown before anything is sent.
 *
 * @module
 */

import { MisconfiguredClientError } from './errors.js';

/** Characters a header value must not carry. */
export const FORBIDDEN_IN_HEADER = /[\r\n\0]/;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Throws the {@link MisconfiguredClientError} for a bad option. */
export function misconfigured(message: string): never {
  throw new MisconfiguredClientError(message);
}

/** A credential option: a non-empty string fit for a header. */
export function credential(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') misconfigured(`${name} must be a non-empty string`);
  if (FORBIDDEN_IN_HEADER.test(value)) misconfigured(`${name} must not contain CR, LF or NUL`);
  return value;
}

/** A positive number option at most `max`, or `fallback` when not given. */
export function positive(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    misconfigured(`${name} must be a positive number, at most ${max}`);
  }
  return value;
}

/** The base URL option: http(s), no credentials, query or fragment; plain http only on loopback unless allowed. */
export function validBaseUrl(value: unknown, allowInsecureHttp: boolean): URL {
  if (typeof value !== 'string') misconfigured('baseUrl must be a string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value is not repeated: it may carry credentials.
    return misconfigured('baseUrl is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') misconfigured('baseUrl must be an http(s) URL');
  if (url.username !== '' || url.password !== '') misconfigured('baseUrl must not carry credentials');
  if (url.search !== '' || url.hash !== '') misconfigured('baseUrl must not have a query or fragment');
  if (url.protocol === 'http:' && !allowInsecureHttp && !LOOPBACK.test(url.hostname)) {
    misconfigured('baseUrl uses plain http on a host that is not loopback; use https or set allowInsecureHttp');
  }
  return url;
}
