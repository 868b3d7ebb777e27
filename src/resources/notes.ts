import { InvalidParameterError } from '../core/errors.js';
import { entity, type JsonObject } from '../core/models.js';
import type { PageIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath } from '../core/url.js';
import { requireId, requireObject, requireOneOf, requireText } from '../core/validation.js';

/** The admin who wrote a note. */
export interface NoteAuthor {
  type: 'admin';
  id: string;
  name?: string;
  email?: string;
  [field: string]: unknown;
}

/** A note an admin left on a user or lead. */
export interface Note {
  type: 'note';
  /** A decimal string. */
  id: string;
  /** Epoch seconds. */
  created_at: number;
  /** HTML: plain text comes back wrapped in `<p>`. */
  body: string;
  author: NoteAuthor;
  /** The user (or lead) the note is about. */
  user: { type: 'user' | 'lead' | 'contact'; id: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** Exactly one identifier of a user (or lead): Intercom `id`, `user_id` or `email`. */
export type NoteUserIdentifier =
  | { email: string; user_id?: never; id?: never }
  | { user_id: string; email?: never; id?: never }
  | { id: string; email?: never; user_id?: never };

/**
 * Parameters of {@link Notes.create}: the `body` and the user, named by one identifier either at the
 * top level (`{ body, email }`, as the gem's README does) or inside `user` (`{ body, user: { id } }`).
 */
export type CreateNoteParams = {
  /** The note: HTML, or plain text (stored wrapped in `<p>`). */
  body: string;
  /** The admin who writes it. Default: the admin who owns the token. */
  admin_id?: string | number;
} & (NoteUserIdentifier | { user: NoteUserIdentifier; email?: never; user_id?: never; id?: never });

/** How to list a user's notes: by `email`, `user_id` or Intercom `id`. */
export type ListNotesParams = NoteUserIdentifier;

const IDENTIFIERS = ['id', 'user_id', 'email'] as const;
const toNote = (raw: JsonObject): Note => raw as Note;

/**
 * Notes: `intercom.notes`.
 *
 * ```ts
 * await intercom.notes.create({ body: '<p>Text for the note</p>', email: 'bob@example.com' });
 * for await (const note of intercom.notes.findAll({ email: 'bob@example.com' })) console.log(note.body);
 * ```
 */
export class Notes extends APIResource {
  /** One note by id (`GET /notes/{id}`). */
  async find(params: { id: string }, options?: RequestOptions): Promise<Note> {
    requireObject(params, 'params');
    const id = requireId(params.id, 'params.id');
    return entity<Note>(await this.http.get(apiPath`/notes/${id}`, { options }));
  }

  /**
   * Leaves a note on a user or lead (`POST /notes`). The user is named by one of `email`, `user_id`
   * or `id`, at the top level or inside `user`; `admin_id` names the author (default: the token's
   * admin). Unknown users throw `ResourceNotFound`.
   */
  async create(params: CreateNoteParams, options?: RequestOptions): Promise<Note> {
    requireObject(params, 'params');
    requireText(params.body, 'params.body');
    if (params.admin_id !== undefined) requireId(params.admin_id, 'params.admin_id');
    const loose = params as Record<string, unknown>;
    if (loose.user !== undefined) {
      requireObject(loose.user, 'params.user');
      const topLevel = IDENTIFIERS.filter((key) => loose[key] !== undefined);
      if (topLevel.length > 0) {
        throw new InvalidParameterError(
          'params.user',
          `name the user once: inside user or at the top level (got ${topLevel.join(', ')} too)`,
        );
      }
      requireOneOf(loose.user, IDENTIFIERS, 'params.user');
    } else {
      requireOneOf(loose, IDENTIFIERS, 'params');
    }
    // Every POST makes another note: not safe to repeat.
    const body = await this.http.post('/notes', { body: { ...params }, options });
    return entity<Note>(body);
  }

  /** A user's notes, newest first (`GET /notes?email=` / `?user_id=` / `?id=`). */
  findAll(params: ListNotesParams, options?: RequestOptions): PageIterator<Note> {
    requireObject(params, 'params');
    const [key, value] = requireOneOf(params, IDENTIFIERS, 'params');
    return this.http.list('/notes', { query: { [key]: value }, itemsKey: 'notes', toModel: toNote, options });
  }
}
