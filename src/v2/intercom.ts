/**
 * The `Intercom` namespace of `intercom-ts/v2`: the types of API 2.16 (`Intercom.Contact`,
 * `Intercom.ContactList`...) and of every operation's request (`Intercom.FindContactRequest`...), under
 * the official SDK's names.
 *
 * @module
 */

export type * from './generated/resources.js';
export type * from './generated/schemas.js';
