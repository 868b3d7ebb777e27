/** `/notes` (API 1.x): write a note about a user or lead, find one, list a person's notes. */
import { ApiError, invalid } from '../../api-error.js';
import { addNoteAbout, noteById, notesOf } from '../../domain/notes.js';
import { findUserOrLead, type IdentifierKind } from '../../domain/people.js';
import { pagedList } from '../../pages.js';
import { renderNote } from '../../renderers/v1/notes.js';
import { type Body, bodyObject, optionalIdentifier, optionalString } from '../../requests/v1/payload.js';
import type { RouteContext, Router } from '../../router.js';

/** The identifier of the person a note body names, from a `user` object or the top level. */
function identityOf(body: Body): [IdentifierKind, string] {
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
    return { status: 200, body: renderNote(ctx, addNoteAbout(store, { key, value }, adminId, text)) };
  });

  router.add('GET', '/notes/:id', (ctx) => ({
    status: 200,
    body: renderNote(ctx, noteById(ctx.store, ctx.params.id as string)),
  }));

  router.add('GET', '/notes', (ctx) => {
    const { store, query } = ctx;
    const key = LOOKUP_KEYS.find((k) => query.get(k) !== null && query.get(k) !== '');
    if (key === undefined) {
      throw new ApiError(400, 'parameter_not_found', 'one of user_id, email or id is required', 'user_id');
    }
    const person = findUserOrLead(store, key, query.get(key) as string);
    const list = pagedList(
      ctx,
      notesOf(store, person),
      { path: '/notes', type: 'note.list', key: 'notes', defaultPerPage: 50, maxPerPage: 60 },
      (note) => renderNote(ctx, note),
    );
    return { status: 200, body: list };
  });
}
