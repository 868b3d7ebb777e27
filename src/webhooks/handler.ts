/**
 * A framework-neutral webhook endpoint: verify the signature, parse the notification, call the
 * handler of its topic, answer with a status.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidParameterError } from '../core/errors.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../core/json-depth.js';
import type { WebhookTopic } from '../resources/subscriptions.js';
import { type Notification, type NotificationOf, parseNotification, WebhookPayloadError } from './notifications.js';
import { assertSignatureAsync, type RawBody, rawText, type SignatureHeader, WebhookSignatureError } from './signature.js';

/** A function called with a notification; a rejected promise or a throw answers 500, so Intercom retries. */
export type NotificationHandler<N> = (notification: N) => void | Promise<void>;

/**
 * Handlers by topic: `'user.created'` receives a `NotificationOf<'user.created'>` (its item a `User`),
 * and so on. `'*'` receives every notification, after the topic's own handler, unknown topics included.
 */
export type NotificationHandlers = { [T in WebhookTopic]?: NotificationHandler<NotificationOf<T>> } & {
  '*'?: NotificationHandler<Notification>;
};

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /** The app's client secret: the key of the `X-Hub-Signature` HMAC (the subscription's `hub_secret`). */
  secret: string;
  /** What to do with each topic. A topic without a handler is acknowledged (200) and ignored. */
  on?: NotificationHandlers;
  /**
   * Called with every refused or failed notification: the error (a {@link WebhookSignatureError},
   * {@link WebhookPayloadError}, {@link InvalidParameterError}, or what a handler threw) and the
   * status answered. Default: handler failures (500) are written to `console.error`; refusals are not.
   */
  onError?: (error: unknown, result: WebhookResult) => void;
  /** Largest body the `node:http` listener reads, in bytes; larger ones get 413. Default: 5 MiB. */
  maxBodyBytes?: number;
}

/** What a handler did with one request. */
export interface WebhookResult {
  /**
   * 200: verified, parsed and handled (or no handler for the topic). 400: not a notification. 401: the
   * signature is missing, garbled or wrong. 500: a handler failed, or the body given was not the raw
   * body. Answer Intercom with this status: anything but 2xx makes it retry later.
   */
  status: 200 | 400 | 401 | 500;
  /** The notification, once parsed. */
  notification?: Notification | undefined;
  /** Why the status is not 200. */
  error?: unknown;
}

/**
 * A webhook endpoint. Call it as a `node:http` request listener, or call {@link WebhookHandler.handle}
 * from any framework with the raw body and the `X-Hub-Signature` header.
 */
export interface WebhookHandler {
  /**
   * A `node:http` request listener (also usable as Express middleware behind `express.raw()`): reads
   * the raw body, verifies, parses, dispatches, and answers 200, 400, 401, 405 (not a POST), 413 (too
   * large) or 500.
   */
  (req: IncomingMessage, res: ServerResponse): void;
  /**
   * Verifies, parses and dispatches one notification; resolves with the status to answer. Never
   * rejects: failures come back as a status and an `error`.
   *
   * ```ts
   * // Express: the raw bytes, not express.json()
   * app.post('/intercom/webhooks', express.raw({ type: 'application/json' }), async (req, res) => {
   *   const { status } = await webhooks.handle(req.body, req.get('X-Hub-Signature'));
   *   res.sendStatus(status);
   * });
   * ```
   */
  handle(rawBody: RawBody, signatureHeader: SignatureHeader): Promise<WebhookResult>;
}

const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
};

/** Reads a request body into a Buffer, or undefined when it exceeds `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Builds a webhook endpoint: every request's `X-Hub-Signature` is checked against `secret` (in
 * constant time), its body parsed into a typed notification, and the handler of its topic called.
 *
 * ```ts
 * import http from 'node:http';
 * import { createWebhookHandler } from 'intercom-ts/webhooks';
 *
 * const webhooks = createWebhookHandler({
 *   secret: process.env.INTERCOM_CLIENT_SECRET,
 *   on: {
 *     'user.created': (n) => console.log('new user', n.data.item.email),
 *     'conversation.user.replied': (n) => console.log('reply in', n.data.item.id),
 *   },
 * });
 * http.createServer(webhooks).listen(8080);
 * ```
 *
 * Throws {@link InvalidParameterError} for an empty secret or a handler that is not a function.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  if (typeof options !== 'object' || options === null) throw new InvalidParameterError('options', 'must be an object');
  const { secret, onError } = options;
  if (typeof secret !== 'string' || secret === '') {
    throw new InvalidParameterError('options.secret', "must be a non-empty string: the app's client secret");
  }
  const handlers = (options.on ?? {}) as Readonly<Record<string, NotificationHandler<Notification> | undefined>>;
  for (const [topic, handler] of Object.entries(handlers)) {
    if (handler !== undefined && typeof handler !== 'function') {
      throw new InvalidParameterError(`options.on['${topic}']`, 'must be a function');
    }
  }
  if (onError !== undefined && typeof onError !== 'function')
    throw new InvalidParameterError('options.onError', 'must be a function');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new InvalidParameterError('options.maxBodyBytes', 'must be a positive integer');
  }

  const report = (result: WebhookResult): WebhookResult => {
    if (onError !== undefined) {
      try {
        onError(result.error, result);
      } catch {
        // A failing error reporter must not change the answer.
      }
    } else if (result.status === 500) {
      console.error('intercom-ts webhooks: the notification could not be handled:', result.error);
    }
    return result;
  };

  const handle = async (rawBody: RawBody, signatureHeader: SignatureHeader): Promise<WebhookResult> => {
    let notification: Notification;
    try {
      await assertSignatureAsync(rawBody, signatureHeader, secret);
      // A signed body nested thousands of levels deep parses, then overflows the stack of every walk.
      if (jsonDepthExceeds(rawText(rawBody))) {
        throw new WebhookPayloadError(`The notification nests objects more than ${MAX_JSON_DEPTH} levels deep`);
      }
      notification = parseNotification(rawBody);
    } catch (error) {
      if (error instanceof WebhookSignatureError) return report({ status: 401, error });
      if (error instanceof WebhookPayloadError) return report({ status: 400, error });
      // The raw body was not raw (already parsed): a bug of the endpoint, not of the request.
      return report({ status: 500, error });
    }
    // Own keys only: a topic such as `constructor` must not reach Object.prototype.
    const own =
      notification.topic !== '*' && Object.hasOwn(handlers, notification.topic) ? handlers[notification.topic] : undefined;
    try {
      await own?.(notification);
      await handlers['*']?.(notification);
    } catch (error) {
      return report({ status: 500, notification, error });
    }
    return { status: 200, notification };
  };

  const answer = (res: ServerResponse, status: number, result?: WebhookResult): void => {
    // Refusals say why (useful when testing an endpoint by hand); a failure keeps its details private.
    const reason =
      result?.error instanceof WebhookSignatureError || result?.error instanceof WebhookPayloadError
        ? `: ${result.error.message}`
        : '';
    const body = `${STATUS_TEXT[status] ?? 'Error'}${reason}\n`;
    const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
    if (status === 405) headers.allow = 'POST';
    res.writeHead(status, headers);
    res.end(body);
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'POST') {
      req.resume();
      answer(res, 405);
      return;
    }
    const signature = req.headers['x-hub-signature'];
    // Behind a framework that already read the body (Express with express.raw()), use what it read.
    const preRead = (req as IncomingMessage & { body?: unknown }).body;
    const body: Promise<unknown> = preRead !== undefined ? Promise.resolve(preRead) : readBody(req, maxBodyBytes);
    body
      .then(async (raw) => {
        if (raw === undefined) {
          answer(res, 413);
          return;
        }
        const result = await handle(raw as RawBody, signature);
        answer(res, result.status, result);
      })
      .catch((error: unknown) => {
        report({ status: 500, error });
        if (!res.headersSent) answer(res, 500);
        else res.destroy();
      });
  };

  return Object.assign(listener, { handle });
}
