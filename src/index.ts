/**
 * intercom-ts: the Intercom REST API 1.x client.
 *
 * @packageDocumentation
 */
export { Client, type ClientOptions, DEFAULTS } from './client.js';
export {
  AdminNotFound,
  ApiVersionInvalid,
  AppSuspendedError,
  AttributeNotSetError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  BlockedUserError,
  CDALimitReachedError,
  type ErrorContext,
  GatewayTimeoutError,
  HttpError,
  IntercomError,
  InvalidDocumentError,
  InvalidParameterError,
  MisconfiguredClientError,
  MultipleMatchingUsersError,
  RateLimitExceeded,
  RequestAbortedError,
  ResourceNotFound,
  ResourceNotUniqueError,
  ScrollAlreadyExistsError,
  ServerError,
  ServiceConnectionError,
  ServiceUnavailableError,
  TokenRevokedError,
  TokenUnauthorizedError,
  UnexpectedError,
  UnexpectedResponseError,
} from './core/errors.js';
export type { CustomAttributes, CustomAttributeValue, Timestamp } from './core/models.js';
export { NodeHttpTransport, type NodeHttpTransportOptions } from './core/node-http-transport.js';
export { type ListPage, PageIterator, ScrollIterator, type ScrollPage, type ToArrayOptions } from './core/pagination.js';
export type { RateLimitDetails } from './core/rate-limit.js';
export type { RequestOptions } from './core/request-pipeline.js';
export {
  type Transport,
  TransportError,
  type TransportFailure,
  type TransportRequest,
  type TransportResponse,
} from './core/transport.js';
export type { QueryParams, QueryValue } from './core/url.js';
export type { Admin, AdminApp, AdminListTeam, Admins } from './resources/admins.js';
export type {
  AdminConversationFilter,
  AdminReply,
  AdminReplyAction,
  AdminStateParams,
  AssignParams,
  Conversation,
  ConversationAssignee,
  ConversationAttachment,
  ConversationAuthor,
  ConversationCustomer,
  ConversationListOptions,
  ConversationMessage,
  ConversationPart,
  ConversationPartType,
  ConversationRating,
  ConversationSummary,
  Conversations,
  ConversationTag,
  ConversationUserIdentifier,
  ListConversationsParams,
  ReplyParams,
  ReplyToLastParams,
  SnoozeParams,
  UserConversationFilter,
  UserReply,
} from './resources/conversations.js';
export type {
  AdminConversationCount,
  AppCounts,
  CompanyCountPaging,
  CompanySegmentCounts,
  CompanyTagCounts,
  CompanyUserCount,
  CompanyUserCounts,
  ConversationAdminCounts,
  ConversationCounts,
  CountPages,
  CountParams,
  CountResult,
  Counts,
  CountValue,
  NamedCount,
  UserSegmentCounts,
  UserTagCounts,
} from './resources/counts.js';
export type {
  AdminEmailMessageParams,
  AdminInAppMessageParams,
  AdminMessage,
  CreateMessageParams,
  CustomerMessageParams,
  MessageAdminSender,
  MessageContactRecipient,
  MessageCustomerSender,
  MessageRecipient,
  Messages,
  MessageUserRecipient,
  UserMessage,
} from './resources/messages.js';
export {
  type Avatar,
  type CreateUserParams,
  type FindUserParams,
  type ListUsersParams,
  type LocationData,
  type SocialProfile,
  User,
  type UserCompany,
  type UserCompanyInput,
  type UserFields,
  type UserReference,
  type UserSegment,
  type Users,
  type UserTag,
  type UserWriteFields,
} from './resources/users.js';
export { VERSION } from './version.js';
