/** Why a domain operation refused: the record is unknown, clashes with another, or the change is not allowed. */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid';

/**
 * A refusal of the domain, before anything changed. Each API family renders it in its own error
 * shape; `reason` names a finer cause a family may answer with its own code (`scroll_exists`,
 * `unique_user_constraint`, `admin_not_found`...).
 */
export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  /** The input the refusal is about, as the request named it (`user_id`, `scroll_param`...). */
  readonly field: string | undefined;
  readonly reason: string | undefined;

  constructor(kind: DomainErrorKind, message: string, options: { field?: string; reason?: string } = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.field = options.field;
    this.reason = options.reason;
  }
}

/** The record is unknown: `User Not Found`, `Conversation Not Found`... */
export const notFound = (message: string, options: { field?: string; reason?: string } = {}): DomainError =>
  new DomainError('not_found', message, options);

/** Several users share the email a write or lookup named. */
export const emailConflict = (email: string): DomainError =>
  new DomainError('conflict', `Multiple existing users match this email address ${email} - must be more specific using user_id`);
