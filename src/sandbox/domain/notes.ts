/** Notes admins write about a user or lead. */
import { notFound } from './errors.js';
import { findUserOrLead, type IdentifierKind } from './people.js';
import { type NoteRecord, nowSeconds, type UserRecord } from './records.js';
import type { Store } from './store.js';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HTML_TAG = /<\/?(?:p|br|b|i|u|em|strong|a|ul|ol|li|h[1-6]|div|span|code|pre|blockquote|img)(?:\s[^>]*)?\/?>/i;

/** Notes are stored as HTML: a body with HTML tags is kept, plain text is escaped and wrapped in `<p>`. */
function noteHtml(text: string): string {
  return HTML_TAG.test(text) ? text : `<p>${escapeHtml(text)}</p>`;
}

/** Adds a note by an admin about a person; an unknown admin is not found (`admin_not_found`). */
export function addNote(store: Store, person: UserRecord, adminId: string, body: string, createdAt = nowSeconds()): NoteRecord {
  if (!store.admins.has(adminId)) throw notFound('Admin Not Found', { field: 'admin_id', reason: 'admin_not_found' });
  const note: NoteRecord = {
    id: store.nextId(),
    created_at: createdAt,
    body: noteHtml(body),
    admin_id: adminId,
    user_id: person.id,
  };
  store.addNote(note);
  return note;
}

/** Adds a note about the user or lead an identifier names (see `findUserOrLead`). */
export function addNoteAbout(
  store: Store,
  who: { key: IdentifierKind; value: string },
  adminId: string,
  body: string,
): NoteRecord {
  return addNote(store, findUserOrLead(store, who.key, who.value), adminId, body);
}

/** The notes about a person, newest first (ids grow, so they break ties within a second). */
export function notesOf(store: Store, person: UserRecord): NoteRecord[] {
  const notes = [...store.notes.values()].filter((note) => note.user_id === person.id);
  notes.sort((a, b) => b.created_at - a.created_at || Number(b.id) - Number(a.id));
  return notes;
}

/** The note with this id, or a not-found error. */
export function noteById(store: Store, id: string): NoteRecord {
  const note = store.notes.get(id);
  if (note === undefined) throw notFound('Note Not Found');
  return note;
}
