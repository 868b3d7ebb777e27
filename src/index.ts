/**
 * intercom-ts: the Intercom REST API 1.x client.
 *
 * @packageDocumentation
 */
export { Client, type ClientOptions, DEFAULTS } from './client.js';
export { WEBHOOK_TOPICS, type WebhookTopic } from './contract/v1.js';
export type { ApiVersion1x, ApiVersion2x } from './core/api-version.js';
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
  PaginationLoopError,
  RateLimitExceeded,
  RateLimitWaitTooLongError,
  RequestAbortedError,
  ResourceNotFound,
  ResourceNotUniqueError,
  ScrollAlreadyExistsError,
  ScrollExpiredError,
  ServerError,
  ServiceConnectionError,
  ServiceUnavailableError,
  TokenRevokedError,
  TokenUnauthorizedError,
  UnavailableOnApi2Error,
  UnexpectedError,
  UnexpectedResponseError,
} from './core/errors.js';
export { type FetchFunction, FetchTransport, type FetchTransportOptions } from './core/fetch-transport.js';
export type { CustomAttributes, CustomAttributeValue, JsonObject, Timestamp } from './core/models.js';
export { NodeHttpTransport, type NodeHttpTransportOptions } from './core/node-http-transport.js';
export {
  type ListPage,
  PageIterator,
  ScrollIterator,
  type ScrollPage,
  SearchIterator,
  type SearchPage,
  type ToArrayOptions,
} from './core/pagination.js';
export type { RateLimitDetails } from './core/rate-limit.js';
export {
  InProcessRateLimitStore,
  type RateLimitGrant,
  type RateLimitHold,
  type RateLimitHoldReason,
  type RateLimitReservation,
  type RateLimitStore,
  type WarningEvent,
} from './core/rate-limit-store.js';
export type {
  Hooks,
  RateLimitEvent,
  RequestEvent,
  RequestOptions,
  ResponseEvent,
  RetryEvent,
} from './core/request-pipeline.js';
export {
  type Transport,
  TransportError,
  type TransportFailure,
  type TransportRequest,
  type TransportResponse,
} from './core/transport.js';
export type { QueryParams, QueryValue } from './core/url.js';
export type { Admin, AdminApp, AdminListTeam, Admins } from './resources/admins.js';
export {
  type Companies,
  Company,
  type CompanyFields,
  type CompanyReference,
  type CompanySegment,
  type CompanyTag,
  type CompanyWriteFields,
  type CreateCompanyParams,
  type FindCompanyParams,
  type ListCompaniesParams,
} from './resources/companies.js';
export {
  Contact,
  type ContactFields,
  type ContactList,
  type ContactReference,
  type Contacts,
  type ContactWriteFields,
  type ConvertTarget,
  type CreateContactParams,
  type FindContactParams,
  type ListContactsParams,
  type ListPages,
} from './resources/contacts.js';
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
  Customer,
  CustomerSearchField,
  CustomerSearchFilter,
  CustomerSearchGroup,
  CustomerSearchParams,
  CustomerSearchQuery,
  CustomerSearchValue,
  Customers,
} from './resources/customers.js';
export type {
  Amount,
  CreateEventParams,
  DataEvent,
  EventFields,
  EventMetadata,
  EventMetadataResult,
  EventMetadataValue,
  EventOwner,
  EventSummary,
  EventSummaryParams,
  Events,
  ListEventsParams,
  RichLink,
  SubmitEventBulkJobParams,
} from './resources/events.js';
export {
  type FinishedJob,
  type FinishedJobState,
  JOB_WAIT_DEFAULTS,
  type Job,
  type JobErrorFeed,
  type JobErrorItem,
  type JobState,
  type Jobs,
  type JobTask,
  JobWaitTimeoutError,
  type WaitForJobOptions,
} from './resources/jobs.js';
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
export type { CreateNoteParams, ListNotesParams, Note, NoteAuthor, Notes, NoteUserIdentifier } from './resources/notes.js';
export type { FindSegmentParams, ListSegmentsParams, Segment, Segments } from './resources/segments.js';
export type {
  CreateSubscriptionParams,
  Subscription,
  SubscriptionFields,
  SubscriptionMetadata,
  Subscriptions,
  SubscriptionTopic,
  UpdateSubscriptionParams,
  WebhookTopicPrefix,
} from './resources/subscriptions.js';
export type {
  CreateTagParams,
  ListTagsParams,
  Tag,
  TagCompanyItem,
  TagParams,
  TagReference,
  Tags,
  TagUserItem,
} from './resources/tags.js';
export type { Team, Teams } from './resources/teams.js';
export {
  type Avatar,
  type BulkUserDeleteItem,
  type BulkUserItem,
  type CreateUserParams,
  type FindUserParams,
  type ListUsersParams,
  type LocationData,
  type SocialProfile,
  type SubmitUserBulkJobParams,
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
export {
  type FindVisitorParams,
  Visitor,
  type VisitorFields,
  type VisitorReference,
  type Visitors,
} from './resources/visitors.js';
export { eventWriteBody, userWriteBody } from './resources/write-bodies.js';
export { VERSION } from './version.js';
export { WebhookPayloadError } from './webhooks/notifications.js';
export { WebhookSignatureError } from './webhooks/signature.js';
