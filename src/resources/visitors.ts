import { entity, type JsonObject, ModelWithCustomAttributes } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath } from '../core/url.js';
import { rejectUnknownKeys, requireId, requireObject, requireOneOf } from '../core/validation.js';
import { Contact, type ContactFields, type ConvertTarget } from './contacts.js';
import { anonymousIdentity, anonymousSaveBody, convertTargetIdentity, fillAnonymous, refreshAnonymous } from './person-fields.js';
import { User } from './users.js';

/** The fields of a visitor (an anonymous Messenger visitor) as API 1.x returns them. */
export interface VisitorFields extends Omit<ContactFields, 'type'> {
  type: 'visitor';
}

// The class adds behaviour; the interface types the fields the API fills in.
export interface Visitor extends VisitorFields {}

/**
 * A visitor: someone the Messenger saw who has not talked to you yet. The API cannot create visitors;
 * it finds, updates, converts and deletes them. Change fields or `custom_attributes` and pass the
 * visitor to {@link Visitors.save}.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class Visitor extends ModelWithCustomAttributes {
  [field: string]: unknown;

  /** @internal Builds a visitor from an API response. */
  constructor(data: JsonObject) {
    super();
    fillAnonymous(this, data);
  }
}

/** How to find a visitor: by Intercom `id` or by its (Intercom-made) `user_id`. */
export type FindVisitorParams = { id: string } | { user_id: string };

/** A visitor as {@link Visitors.convert} needs it: its `user_id` (what the gem sends) or its `id`. */
export type VisitorReference = { user_id: string; id?: string } | { id: string; user_id?: string | null };

const toVisitor = (raw: JsonObject): Visitor => new Visitor(raw);

/** Visitors: `intercom.visitors`. */
export class Visitors extends APIResource {
  /** Finds a visitor by `id` (`GET /visitors/{id}`) or `user_id` (`GET /visitors?user_id=`). */
  async find(params: FindVisitorParams, options?: RequestOptions): Promise<Visitor> {
    requireObject(params, 'params');
    rejectUnknownKeys(params, ['id', 'user_id'], 'params');
    const [key, value] = requireOneOf(params, ['id', 'user_id'], 'params', ['id']);
    const body =
      key === 'id'
        ? await this.http.get(apiPath`/visitors/${value}`, { options })
        : await this.http.get('/visitors', { query: { user_id: value }, options });
    return toVisitor(entity(body));
  }

  /**
   * Saves a visitor (`PUT /visitors/{id}`): its complete `custom_attributes` and every other field that
   * changed. Refreshes `visitor` from the response and returns it.
   */
  async save(visitor: Visitor, options?: RequestOptions): Promise<Visitor> {
    requireObject(visitor, 'visitor');
    const id = requireId(visitor.id, 'visitor.id');
    const body = anonymousSaveBody(visitor, 'visitor');
    const saved = toVisitor(entity(await this.http.put(apiPath`/visitors/${id}`, { body, options })));
    refreshAnonymous(visitor, saved);
    return visitor;
  }

  /** Converts a visitor into a lead (`POST /visitors/convert`, `type: 'lead'`) and returns the lead. */
  convert(visitor: VisitorReference, user?: undefined, options?: RequestOptions): Promise<Contact>;
  /**
   * Converts a visitor into a user (`type: 'user'`): an existing user named by `user` receives the
   * visitor's data; otherwise the visitor becomes that user. Returns the user.
   */
  convert(visitor: VisitorReference, user: ConvertTarget, options?: RequestOptions): Promise<User>;
  async convert(visitor: VisitorReference, user?: ConvertTarget, options?: RequestOptions): Promise<Contact | User> {
    const ref = anonymousIdentity(visitor, 'visitor');
    const body: JsonObject =
      user === undefined
        ? { visitor: ref, type: 'lead' }
        : { visitor: ref, user: convertTargetIdentity(user, 'user'), type: 'user' };
    // The visitor is gone after the first success: not safe to repeat.
    const response = entity<JsonObject>(await this.http.post('/visitors/convert', { body, options }));
    return user === undefined ? new Contact(response) : new User(response);
  }

  /** Deletes a visitor (`DELETE /visitors/{id}`) and returns it. */
  async delete(visitor: { id: string }, options?: RequestOptions): Promise<Visitor> {
    requireObject(visitor, 'visitor');
    const id = requireId(visitor.id, 'visitor.id');
    return toVisitor(entity(await this.http.delete(apiPath`/visitors/${id}`, { body: {}, options })));
  }
}
