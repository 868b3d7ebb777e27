/**
 * Keeps the client's credential out of the errors it throws. A server or proxy that echoes the
 * request's `Authorization` header (in a body, a header, an HTML error page) would otherwise put the
 * token into `message`, `stack`, `headers`, `body`, and so into `util.inspect`, JSON and logs.
 *
 * @module
 */

/** What replaces a credential in an error. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not searched for: they would turn ordinary text into noise. */
const SHORTEST_SECRET = 4;
/** Nesting below which a body is left as it is (bodies are bounded at parse time well above it). */
const DEEPEST_BODY = 1000;
/** Causes followed from an error (an error's cause, its cause's cause...). */
const DEEPEST_CAUSE = 4;

function decodeBase64(text: string): string | undefined {
  try {
    const binary = atob(text);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The strings an `Authorization` value gives away: the value itself, its credential (the token, or
 * the Basic string), and for Basic credentials the decoded `appId:apiKey` and the api key. Longest
 * first, so that the whole value is replaced before its parts.
 */
export function credentialSecrets(authorization: string): string[] {
  const secrets = new Set<string>([authorization]);
  const space = authorization.indexOf(' ');
  if (space > 0) {
    const scheme = authorization.slice(0, space).toLowerCase();
    const credential = authorization.slice(space + 1).trim();
    secrets.add(credential);
    if (scheme === 'basic') {
      const decoded = decodeBase64(credential);
      if (decoded !== undefined) {
        secrets.add(decoded);
        const colon = decoded.indexOf(':');
        if (colon >= 0) secrets.add(decoded.slice(colon + 1));
      }
    }
  }
  return [...secrets].filter((secret) => secret.length >= SHORTEST_SECRET).sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by {@link REDACTED}. */
export function redactText(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (redacted.includes(secret)) redacted = redacted.split(secret).join(REDACTED);
  }
  return redacted;
}

/** A copy of a JSON value with every string (keys included) redacted; the value itself when nothing changed. */
function redactValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (typeof value !== 'object' || value === null || depth > DEEPEST_BODY) return value;
  let changed = false;
  if (Array.isArray(value)) {
    const copy = value.map((item) => {
      const redacted = redactValue(item, secrets, depth + 1);
      if (redacted !== item) changed = true;
      return redacted;
    });
    return changed ? copy : value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const redactedKey = redactText(key, secrets);
    const redacted = redactValue(item, secrets, depth + 1);
    if (redactedKey !== key || redacted !== item) changed = true;
    copy[redactedKey] = redacted;
  }
  return changed ? copy : value;
}

function redactErrorText(error: Error, secrets: readonly string[]): void {
  const message = redactText(error.message, secrets);
  if (message !== error.message) error.message = message;
  if (typeof error.stack === 'string') {
    const stack = redactText(error.stack, secrets);
    if (stack !== error.stack) error.stack = stack;
  }
}

/**
 * Removes `secrets` from everything `error` carries: its message and stack, its response headers and
 * body, and the message and stack of its causes. Returns the same error.
 */
export function redactError<E extends Error>(error: E, secrets: readonly string[]): E {
  if (secrets.length === 0) return error;
  let current: unknown = error;
  for (let level = 0; level <= DEEPEST_CAUSE && current instanceof Error; level++) {
    redactErrorText(current, secrets);
    const carrier = current as Partial<Record<'headers' | 'body', unknown>>;
    if ('headers' in current && typeof carrier.headers === 'object' && carrier.headers !== null) {
      const headers = redactValue(carrier.headers, secrets, 0);
      if (headers !== carrier.headers) Object.defineProperty(current, 'headers', { value: headers, enumerable: true });
    }
    if ('body' in current && carrier.body !== undefined) {
      const body = redactValue(carrier.body, secrets, 0);
      if (body !== carrier.body) Object.defineProperty(current, 'body', { value: body, enumerable: true });
    }
    current = current.cause;
  }
  return error;
}
