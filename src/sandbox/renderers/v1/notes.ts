/** Notes in the 1.x shape. */
import type { NoteRecord } from '../../domain/records.js';
import type { RenderContext } from './render-context.js';

export function renderNote(ctx: Pick<RenderContext, 'store'>, note: NoteRecord): Record<string, unknown> {
  const admin = ctx.store.admins.get(note.admin_id);
  const person = ctx.store.users.get(note.user_id);
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
