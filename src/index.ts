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
  Customer,
  CustomerSearchField,
  CustomerSearchFilter,
  CustomerSearchGroup,
  CustomerSearchParams,
  CustomerSearchQuery,
  CustomerSearchValue,
  Customers,
} from './resources/customers.js';
export type { CreateNoteParams, ListNotesParams, Note, NoteAuthor, Notes, NoteUserIdentifier } from './resources/notes.js';
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
export {
  type FindVisitorParams,
  Visitor,
  type VisitorFields,
  type VisitorReference,
  type Visitors,
} from './resources/visitors.js';
export { VERSION } from './version.js';
