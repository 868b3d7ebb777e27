/**
 * The 1.x writes of users and leads on 2.x. `POST /users` was an upsert keyed by `id`, `user_id` or
 * `email`, safe to repeat; 2.x has `POST /contacts` (create) and `PUT /contacts/{id}` (update) and no
 * upsert. The emulation stays safe:
 * - the person is looked up first, then updated (`PUT`) or created (`POST`, role `user` or `lead`);
 * - creates of one identity are serialized inside the client, so concurrent saves of one new person
 *   send one `POST`; the others find the contact it made and update it;
 * - a 409 conflict ("A contact matching those details already exists with id=...") becomes a `PUT` of
 *   that contact (unless it holds another `user_id`: then the 1.x conflict stands);
 * - a create whose answer was lost (`outcomeUnknown`) is resolved by looking the person up again,
 *   never by sending the create again; when the lookup finds nobody the error stands, `outcomeUnknown`
 *   still true.
 * 1.x write fields and their 2.x names: `user_id` → `external_id`, `last_request_at` → `last_seen_at`,
 * `update_last_request_at: true` → `last_seen_at` = now, `remote_created_at` → `signed_up_at` (when no
 * `signed_up_at` is given). `new_session` has no 2.x equivalent (2.x counts no sessions) and is not
 * sent; nor are `last_seen_ip` and `last_seen_user_agent`. A custom attribute 2.x does not know yet is
 * defined first, as 1.x did on first write (custom-attribute-definitions.ts). `companies` items are upserted
 * (`POST /companies`) and attached (`POST /contacts/{id}/companies`), or detached with `remove: true`.
 *
 * @module
 */
import { IntercomError, MultipleMatchingUsersError, ResourceNotFound } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { apiPath } from '../core/url.js';
import { companyBy } from './company-lookup.js';
import { contactByExternalId, contactById, contactsByEmail, renderOnePerson, sendV2 } from './contact-lookup.js';
import { withAttributesDefined } from './custom-attribute-definitions.js';
import type { ContactRole } from './people-shapes.js';
import type { BridgeContext } from './route-table.js';

/** 1.x write fields sent to 2.x under the same name. */
const SAME_NAME_FIELDS = ['email', 'phone', 'name', 'signed_up_at', 'unsubscribed_from_emails', 'owner_id', 'custom_attributes'];

/** The 2.x contact fields of a 1.x user or lead write body (identity and companies apart). */
export function contactWriteFields(body: JsonObject, now: () => number = () => Math.floor(Date.now() / 1000)): JsonObject {
  const out: JsonObject = {};
  for (const key of SAME_NAME_FIELDS) if (body[key] !== undefined) out[key] = body[key];
  if (body.user_id !== undefined && body.user_id !== null) out.external_id = String(body.user_id);
  if (out.signed_up_at === undefined && body.remote_created_at !== undefined) out.signed_up_at = body.remote_created_at;
  if (body.last_request_at !== undefined) out.last_seen_at = body.last_request_at;
  if (body.update_last_request_at === true) out.last_seen_at = now();
  // The 2.16 description types an owner (admin) id as a string; 1.x took a number too.
  if (typeof out.owner_id === 'number') out.owner_id = String(out.owner_id);
  return out;
}

/** Runs tasks one after another per key (the identities of a person), across the client's calls. */
class IdentityQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `task` once every earlier task holding any of `keys` has settled. */
  async run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const previous = sorted.map((key) => this.#tails.get(key) ?? Promise.resolve());
    const done = Promise.allSettled(previous).then(task);
    const tail = done.catch(() => undefined);
    for (const key of sorted) this.#tails.set(key, tail);
    try {
      return await done;
    } finally {
      for (const key of sorted) if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

/** The id a 409 `conflict` answer names ("...already exists with id=6b12..."). */
function conflictingId(error: unknown): string | undefined {
  if (!(error instanceof IntercomError) || error.httpCode !== 409) return undefined;
  return /id=([A-Za-z0-9_-]+)/.exec(error.message)?.[1];
}

/** The 1.x company items of a write, split into the ones to attach and the ones to detach. */
function companyItems(body: JsonObject): JsonObject[] {
  return Array.isArray(body.companies) ? body.companies.filter((c): c is JsonObject => typeof c === 'object' && c !== null) : [];
}

/** Writes users and leads as 1.x did (see the module comment). One per client: it holds the queue. */
export class PersonUpsert {
  readonly #context: BridgeContext;
  readonly #queue = new IdentityQueue();

  constructor(context: BridgeContext) {
    this.#context = context;
  }

  /**
   * `POST /users` (role user) or `POST /contacts` with a `user_id` (role lead): finds the person by
   * `id`, `user_id` or `email` (the strongest given), updates it or creates it. Answers the 1.x body.
   */
  async upsert(role: ContactRole, body: JsonObject, options: RequestOptions | undefined): Promise<JsonObject> {
    const keys: string[] = [];
    if (typeof body.id === 'string') keys.push(`id:${body.id}`);
    if (body.user_id !== undefined && body.user_id !== null) keys.push(`${role}:user_id:${String(body.user_id)}`);
    if (role === 'user' && typeof body.email === 'string') keys.push(`user:email:${body.email.toLowerCase()}`);
    const contact = await this.#queue.run(keys, async () => {
      const existing = await this.#find(role, body, options);
      return existing === undefined ? this.#create(role, body, options) : this.#update(existing, body, options);
    });
    return this.#finish(contact, body, options);
  }

  /** `PUT /contacts/{id}` of a lead (or a user) known by id. Answers the 1.x body. */
  async updateById(role: ContactRole, id: string, body: JsonObject, options: RequestOptions | undefined): Promise<JsonObject> {
    const existing = await contactById(this.#context, id, role, options);
    return this.#finish(await this.#update(existing, body, options), body, options);
  }

  /** A lead without identifier: always a new one (`POST /contacts`, not repeated after a lost answer). */
  async createLead(body: JsonObject, options: RequestOptions | undefined): Promise<JsonObject> {
    const fields = contactWriteFields(body);
    const created = await withAttributesDefined(this.#context, 'contact', fields.custom_attributes, options, async () => {
      return (await sendV2(this.#context, options, {
        method: 'POST',
        path: '/contacts',
        body: { role: 'lead', ...fields },
      })) as JsonObject;
    });
    return this.#finish(created, body, options);
  }

  /** The person a write names, by its strongest identifier; several users with the email is the 1.x 409. */
  async #find(role: ContactRole, body: JsonObject, options: RequestOptions | undefined): Promise<JsonObject | undefined> {
    if (typeof body.id === 'string' && body.id !== '') return contactById(this.#context, body.id, role, options);
    if (body.user_id !== undefined && body.user_id !== null) {
      const found = await contactByExternalId(this.#context, role, String(body.user_id), options);
      if (found !== undefined || role === 'lead') return found;
    }
    if (role === 'user' && typeof body.email === 'string') {
      const found = await contactsByEmail(this.#context, role, body.email, options);
      if (found.length > 1) {
        throw new MultipleMatchingUsersError(
          `Multiple existing users match this email address ${body.email} - must be more specific using user_id`,
          { httpCode: 409, applicationErrorCode: 'conflict' },
        );
      }
      // With a user_id, an email held by a user of another user_id is not that person.
      const [only] = found;
      if (only !== undefined && (body.user_id === undefined || body.user_id === null || only.external_id == null)) return only;
    }
    return undefined;
  }

  async #update(existing: JsonObject, body: JsonObject, options: RequestOptions | undefined): Promise<JsonObject> {
    const fields = contactWriteFields(body);
    return withAttributesDefined(this.#context, 'contact', fields.custom_attributes, options, async () => {
      return (await sendV2(this.#context, options, {
        method: 'PUT',
        path: apiPath`/contacts/${String(existing.id)}`,
        body: fields,
      })) as JsonObject;
    });
  }

  async #create(role: ContactRole, body: JsonObject, options: RequestOptions | undefined): Promise<JsonObject> {
    try {
      const fields = contactWriteFields(body);
      return await withAttributesDefined(this.#context, 'contact', fields.custom_attributes, options, async () => {
        return (await sendV2(this.#context, options, {
          method: 'POST',
          path: '/contacts',
          body: { role, ...fields },
        })) as JsonObject;
      });
    } catch (error) {
      const holder = conflictingId(error);
      if (holder !== undefined) {
        const existing = await contactById(this.#context, holder, undefined, options);
        const sameIdentity =
          body.user_id === undefined ||
          body.user_id === null ||
          existing.external_id == null ||
          existing.external_id === String(body.user_id);
        if (sameIdentity) return this.#update(existing, body, options);
        throw error;
      }
      if (error instanceof IntercomError && error.outcomeUnknown) {
        // The create may have been applied: look the person up rather than create again.
        const found = await this.#find(role, body, options);
        if (found !== undefined) return this.#update(found, body, options);
      }
      throw error;
    }
  }

  /** Applies the write's `companies`, then answers the 1.x body of the contact. */
  async #finish(contact: JsonObject, body: JsonObject, options: RequestOptions | undefined): Promise<JsonObject> {
    const items = companyItems(body);
    if (items.length === 0) return renderOnePerson(this.#context, contact, options);
    const id = String(contact.id);
    for (const item of items) await this.#applyCompany(id, item, options);
    const fresh = (await sendV2(this.#context, options, { method: 'GET', path: apiPath`/contacts/${id}` })) as JsonObject;
    return renderOnePerson(this.#context, fresh, options);
  }

  /** One 1.x company item: upserted and attached, or (`remove: true`) detached. */
  async #applyCompany(contactId: string, item: JsonObject, options: RequestOptions | undefined): Promise<void> {
    // In a user's companies, 1.x took `id` to mean `company_id` too.
    const companyId = item.company_id ?? item.id;
    if (companyId === undefined || companyId === null) return;
    if (item.remove === true) {
      try {
        const company = await companyBy(this.#context, 'company_id', String(companyId), options);
        await sendV2(this.#context, options, {
          method: 'DELETE',
          path: apiPath`/contacts/${contactId}/companies/${String(company.id)}`,
        });
      } catch (error) {
        // An unknown company, or one the person is not in: nothing to remove, as on 1.x.
        if (!(error instanceof ResourceNotFound)) throw error;
      }
      return;
    }
    const { remove: _remove, id: _id, ...fields } = item;
    // An upsert keyed by company_id: repeatable.
    const company = await withAttributesDefined(this.#context, 'company', fields.custom_attributes, options, async () => {
      return (await sendV2(this.#context, options, {
        method: 'POST',
        path: '/companies',
        body: { ...fields, company_id: String(companyId) },
        idempotent: true,
      })) as JsonObject;
    });
    // Attaching an attached company changes nothing: repeatable.
    await sendV2(this.#context, options, {
      method: 'POST',
      path: apiPath`/contacts/${contactId}/companies`,
      body: { id: String(company.id) },
      idempotent: true,
    });
  }
}
