import { ApiError, notFound } from '../api-error.js';
import type { ApiVersion } from '../api-version.js';
import type { Store } from '../domain/store.js';
import { FINER_BODY_REFUSALS } from '../requests/v2/finer-refusals.js';
import { type RouteResult, Router } from '../router.js';
import { registerV2Routes } from '../routes/v2/index.js';
import { describedAnswer } from './described-answers.js';
import { description, matchOperation } from './operations.js';
import { validateBody, validateParameters } from './request-validation.js';
import { bodyCheck } from './schema-validators.js';

/** A 2.x answer that fails the description's response schema for its operation and status. */
export interface ResponseViolation {
  method: string;
  path: string;
  /** The operation as the description writes it: `GET /contacts/{contact_id}`. */
  operation: string;
  status: number;
  /** The answer's `x-request-id`. */
  requestId: string;
  /** ajv's messages with the schema keyword that failed: `/data/0/id must be string (#/properties/id/type)`. */
  errors: string[];
}

/** Reports of {@link V2Api.checkAnswer}: every checked answer, and every one that failed. */
export interface ResponseCheckListener {
  checked?(): void;
  violation?(violation: ResponseViolation): void;
}

/** The description's error schema, for error statuses an operation does not document. */
const ERROR_SCHEMA = { $ref: 'intercom#/definitions/error' };

/** A 2.x request as the 2.x routes see it. */
export interface V2Request {
  method: string;
  url: URL;
  body: unknown;
  version: ApiVersion;
  store: Store;
  origin: string;
  adminId: string;
}

/**
 * The 2.x API: each request (query and body) is checked against the 2.16 description before anything
 * reaches a route, then served by a stateful route (src/sandbox/routes/v2/) or, for the other
 * operations of the description, by the description's own example. Errors are thrown as `ApiError`/`DomainError`.
 */
export class V2Api {
  readonly #router = new Router();
  readonly #validateResponses: boolean;
  /** Answers that failed their response schema (recorded when `validateResponses` is on). */
  readonly responseViolations: ResponseViolation[] = [];

  readonly #listener: ResponseCheckListener;

  constructor(options: { validateResponses?: boolean; listener?: ResponseCheckListener } = {}) {
    registerV2Routes(this.#router);
    this.#validateResponses = options.validateResponses === true;
    this.#listener = options.listener ?? {};
  }

  /** `METHOD /path` (as the description writes it) of every described operation no stateful route serves. */
  answeredOperations(): string[] {
    return description()
      .operations.filter((op) => {
        const sample = op.path.replace(/\{[^}]+\}/g, '1');
        const route = this.#router.match(op.method, sample);
        return route === undefined || 'methodMismatch' in route;
      })
      .map((op) => `${op.method} ${op.path}`);
  }

  /** True when the request names an operation of 2.x (described, or served by a stateful 2.x route). */
  serves(method: string, path: string): boolean {
    const route = this.#router.match(method, path);
    return matchOperation(method, path) !== undefined || (route !== undefined && !('methodMismatch' in route));
  }

  /**
   * The answer to a request past the version check, as sent: a malformed JSON body is refused, a path
   * 2.x does not have gets 404. Throws `ApiError`/`DomainError`.
   */
  respond(request: V2Request & { malformed: boolean }): { status: number; body: string } {
    if (request.malformed) throw new ApiError(400, 'parameter_invalid', 'The request body is not valid JSON');
    const result = this.handle(request);
    if (result === undefined) throw notFound();
    return { status: result.status, body: result.body === undefined ? '' : JSON.stringify(result.body) };
  }

  /** The answer to a request; undefined when 2.x has no such operation (404 for the caller). */
  handle(request: V2Request): RouteResult | undefined {
    const { method, url } = request;
    const described = matchOperation(method, url.pathname);
    const route = this.#router.match(method, url.pathname);
    const stateful = route !== undefined && !('methodMismatch' in route) ? route : undefined;
    if (described === undefined && stateful === undefined) return undefined;
    // Every request is checked against the description before a route sees it; where a route answers a
    // bad body with a finer code or wording of Intercom's, the route's own reader gives the refusal.
    if (described !== undefined) {
      validateParameters(described, url.searchParams);
      const { operation } = described;
      try {
        validateBody(operation, request.body);
      } catch (refusal) {
        if (stateful !== undefined) FINER_BODY_REFUSALS.get(`${operation.method} ${operation.path}`)?.(request.body);
        throw refusal;
      }
    }
    const result =
      stateful !== undefined
        ? stateful.handler({ ...request, params: stateful.params, query: url.searchParams })
        : describedAnswer((described as NonNullable<typeof described>).operation);
    return result;
  }

  /**
   * Checks an answer as sent (successes and errors alike) against the description's schema for its
   * operation and status, when `validateResponses` is on; an error status the operation does not
   * document is checked against the description's error schema. Answers to paths the description
   * does not have are not checked. Failures go to {@link V2Api.responseViolations} and the listener.
   */
  checkAnswer(method: string, url: URL, answer: { status: number; body: string }, requestId: string): void {
    if (!this.#validateResponses) return;
    const operation = matchOperation(method, url.pathname)?.operation;
    if (operation === undefined) return;
    this.#listener.checked?.();
    const name = `${operation.method} ${operation.path}`;
    const status = String(answer.status);
    const documented = status in operation.responses ? operation.responses[status] : operation.responses.default;
    // An error the operation does not document, or documents with no body, answers Intercom's error list.
    const errorList = answer.status >= 400 && (documented === undefined || (documented === null && answer.body !== ''));
    const schema = errorList ? ERROR_SCHEMA : documented;
    const violation = (errors: string[]): void => {
      const found = { method, path: url.pathname, operation: name, status: answer.status, requestId, errors };
      this.responseViolations.push(found);
      this.#listener.violation?.(found);
    };
    if (schema === undefined) {
      violation([`status ${answer.status} is not documented for ${name}`]);
      return;
    }
    if (schema === null) {
      if (answer.body !== '') violation([`status ${answer.status} of ${name} has no JSON body, the answer has one`]);
      return;
    }
    const key = schema === ERROR_SCHEMA ? 'response error' : `response ${name} ${answer.status}`;
    let body: unknown;
    try {
      body = answer.body === '' ? undefined : JSON.parse(answer.body);
    } catch {
      violation(['the body is not JSON']);
      return;
    }
    const errors = bodyCheck(key, schema)(body);
    if (errors !== undefined)
      violation(errors.map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} (${e.schemaPath})`));
  }
}
