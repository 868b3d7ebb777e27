/** Tags and taggings in the 1.x shape. */
import type { TagRecord, UserRecord } from '../../domain/records.js';
import { renderUser } from './people.js';
import type { RenderContext } from './render-context.js';

export function renderTag(tag: TagRecord): Record<string, unknown> {
  return { type: 'tag', id: tag.id, name: tag.name };
}

/** The item of a `user.tag.*` (`user_tag`) or, for a lead, `contact.tag.*` (`contact_tag`) notification. */
export function renderTagging(
  ctx: RenderContext,
  person: UserRecord,
  tag: TagRecord,
  createdAt: number,
): Record<string, unknown> {
  const lead = person.role === 'contact';
  return {
    type: lead ? 'contact_tag' : 'user_tag',
    created_at: createdAt,
    tag: renderTag(tag),
    [lead ? 'contact' : 'user']: renderUser(ctx, person),
  };
}
