import { ApiError, invalid, notFound } from '../api-error.js';
import { pagedList } from '../pages.js';
import { type Body, bodyObject, optionalIdentifier, optionalString } from '../payload.js';
import type { RouteContext, Router } from '../router.js';
import { type NoteRecord, nowSeconds, type Store, type UserRecord } from '../store.js';
import { byEmail, byUserId } from './contacts.js';

/** A user or lead by Intercom id, `user_id` (users first) or email (users first; several users → 409). */
function personFor(store: Store, key: 'id' | 'user_id' | 'email', value: string): UserRecord {
  let record: UserRecord | undefined;
  if (key === 'id') {
    record = store.userById(value, 'user') ?? store.userById(value, 'contact');
  } else if (key === 'user_id') {
    record = byUserId(store, value, 'user') ?? byUserId(store, value, 'contact');
  } else {
    const users = byEmail(store, value, 'user');
    if (users.length > 1) {
      throw new ApiError(
        409,
        'conflict',
        `Multiple existing users match this email address ${value} - must be more specific using user_id`,
      );
    }
    record = users[0] ?? byEmail(store, value, 'contact')[0];
  }
  if (record === undefined) throw notFound('User Not Found');
  return record;
}

/** The identifier of the person a note body names, from a `user` object or the top level. */
function identityOf(body: Body): ['id' | 'user_id' | 'email', string] {
  let source = body;
  let prefix = '';
  if (body.user !== undefined && body.user !== null) {
    if (typeof body.user !== 'object' || Array.isArray(body.user)) throw invalid('user must be an object', 'user');
    source = body.user as Body;
    prefix = 'user.';
  }
  const id = optionalIdentifier(source, 'id');
  if (id !== undefined) return ['id', id];
  const userId = optionalIdentifier(source, 'user_id');
  if (userId !== undefined) return ['user_id', userId];
  const email = optionalString(source, 'email');
  if (typeof email === 'string' && email !== '') return ['email', email];
  throw new ApiError(
    400,
    'parameter_not_found',
    `the note needs a user: ${prefix}id, ${prefix}user_id or ${prefix}email`,
    'user',
  );
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HTML_TAG = /<\/?(?:p|br|b|i|u|em|strong|a|ul|ol|li|h[1-6]|div|span|code|pre|blockquote|img)(?:\s[^>]*)?\/?>/i;

/** Notes are stored as HTML: a body with HTML tags is kept, plain text comes back escaped and wrapped in `<p>`. */
function toHtml(text: string): string {
  return HTML_TAG.test(text) ? text : `<p>${escapeHtml(text)}</p>`;
}

function renderNote(store: Store, note: NoteRecord): Record<string, unknown> {
  const admin = store.admins.get(note.admin_id);
  const person = store.users.get(note.user_id);
  return {
    type: 'note',
    id: note.id,
    created_at: note.created_at,
    body: note.body,
    author:
      admin === undefined
        ? { type: 'admin', id: note.admin_id }
        : { type: 'admin', id: admin.id, name: admin.name, email: admin.email, companies: [] },
    user: { type: person?.role === 'contact' ? 'lead' : 'user', id: note.user_id },
  };
}

/** Creates a note; also used by the demo seed. */
export function addNote(store: Store, person: UserRecord, adminId: string, body: string, createdAt = nowSeconds()): NoteRecord {
  const note: NoteRecord = {
    id: store.nextId(),
    created_at: createdAt,
    body: toHtml(body),
    admin_id: adminId,
    user_id: person.id,
  };
  store.notes.set(note.id, note);
  return note;
}

const LOOKUP_KEYS = ['id', 'user_id', 'email'] as const;

/** Registers `/notes` and `/notes/{id}`. */
export function noteRoutes(router: Router): void {
  router.add('POST', '/notes', (ctx: RouteContext) => {
    const { store } = ctx;
    const body = bodyObject(ctx.body);
    const text = optionalString(body, 'body');
    if (text === undefined || text === null || text.trim() === '') {
      throw new ApiError(400, 'parameter_not_found', 'body is a required parameter', 'body');
    }
    const adminId = optionalIdentifier(body, 'admin_id') ?? ctx.adminId;
    const [key, value] = identityOf(body);
    if (!store.admins.has(adminId)) throw new ApiError(404, 'admin_not_found', 'Admin Not Found', 'admin_id');
    const person = personFor(store, key, value);
    return { status: 200, body: renderNote(store, addNote(store, person, adminId, text)) };
  });

  router.add('GET', '/notes/:id', (ctx) => {
    const note = ctx.store.notes.get(ctx.params.id as string);
    if (note === undefined) throw notFound('Note Not Found');
    return { status: 200, body: renderNote(ctx.store, note) };
  });

  router.add('GET', '/notes', (ctx) => {
    const { store, query } = ctx;
    const key = LOOKUP_KEYS.find((k) => query.get(k) !== null && query.get(k) !== '');
    if (key === undefined) {
      throw new ApiError(400, 'parameter_not_found', 'one of user_id, email or id is required', 'user_id');
    }
    const person = personFor(store, key, query.get(key) as string);
    const notes = [...store.notes.values()].filter((note) => note.user_id === person.id);
    // Newest first; ids grow, so they break ties within a second.
    notes.sort((a, b) => b.created_at - a.created_at || Number(b.id) - Number(a.id));
    const list = pagedList(
      ctx,
      notes,
      { path: '/notes', type: 'note.list', key: 'notes', defaultPerPage: 50, maxPerPage: 60 },
      (note) => renderNote(store, note),
    );
    return { status: 200, body: list };
  });
}
