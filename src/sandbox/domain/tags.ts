/** Tags: found or created by name (case-insensitive), renamed, put on and taken off people and companies. */
import { DomainError, notFound } from './errors.js';
import type { CompanyRecord, TagRecord, UserRecord } from './records.js';
import type { Store } from './store.js';

/** Something that carries tags: a person or a company. */
export type Taggable = UserRecord | CompanyRecord;

/**
 * The tag named `name`, created when no tag has that name; with `id`, that tag renamed (another tag
 * holding the name is invalid).
 */
export function tagNamed(store: Store, name: string, id?: string): TagRecord {
  const named = store.tagByName(name);
  if (id !== undefined) {
    const existing = store.tags.get(id);
    if (existing === undefined) throw notFound('Tag Not Found');
    if (named !== undefined && named.id !== id) {
      throw new DomainError('invalid', `A tag named '${named.name}' already exists`, { field: 'name' });
    }
    existing.name = name;
    return existing;
  }
  return named ?? store.newTag(name);
}

/** Tags (or, with `untag`, untags) a person or company; a person's change is published. */
export function setTagged(store: Store, target: Taggable, tag: TagRecord, untag: boolean): void {
  const had = target.tag_ids.includes(tag.id);
  if (untag) target.tag_ids = target.tag_ids.filter((t) => t !== tag.id);
  else if (!had) target.tag_ids.push(tag.id);
  if (had === untag && 'role' in target) {
    store.sink.publish({ type: untag ? 'person.untagged' : 'person.tagged', person: target, tag });
  }
}

/** Deletes a tag (taking it off everything); an unknown id is not found. */
export function deleteTag(store: Store, id: string): void {
  if (!store.tags.has(id)) throw notFound('Tag Not Found');
  store.deleteTag(id);
}
