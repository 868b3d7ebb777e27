/**
 * `intercom-ts/v2`: the Intercom API 2.x client, a drop-in for the official SDK (`intercom-client`):
 *
 * ```ts
 * import { IntercomClient, Intercom } from 'intercom-ts/v2';
 * ```
 *
 * @module
 */

export {
  AdminNotFound,
  AuthenticationError,
  BadRequestError,
  IntercomError,
  InvalidParameterError,
  MisconfiguredClientError,
  MultipleMatchingUsersError,
  PaginationLoopError,
  RateLimitExceeded,
  RequestAbortedError,
  ResourceNotFound,
  ServerError,
  ServiceConnectionError,
  ServiceUnavailableError,
  UnexpectedError,
  UnexpectedResponseError,
} from '../core/errors.js';
export type { RateLimitDetails } from '../core/rate-limit.js';
export {
  InProcessRateLimitStore,
  type RateLimitStore,
  type WarningEvent,
} from '../core/rate-limit-store.js';
export type { Hooks, RateLimitEvent, RequestEvent, ResponseEvent, RetryEvent } from '../core/request-pipeline.js';
export type { Transport } from '../core/transport.js';
export { DEFAULTS, IntercomClient, type IntercomClientOptions, IntercomEnvironment } from './client.js';
export { type ConversationPartRequest, Conversations } from './conversation-parts.js';
export { ContactConflictError, ContactMergedError } from './errors.js';
export type { Operation } from './generated/operations.js';
export * as Intercom from './intercom.js';
export { Page, type PagingKind } from './page.js';
export { API_VERSIONS, type ApiVersion, DEFAULT_API_VERSION, type RequestOptions } from './request-options.js';
export {
  checkSearchQuery,
  contactSearch,
  conversationSearch,
  SEARCH_MAX_DEPTH,
  SEARCH_MAX_GROUP_ITEMS,
  SEARCH_OPERATORS,
  SearchBuilder,
  type SearchField,
  type SearchFilter,
  type SearchGroup,
  type SearchOperator,
  type SearchQuery,
  type SearchScalar,
  ticketSearch,
} from './search.js';
export { type TicketPartRequest, Tickets } from './ticket-parts.js';
