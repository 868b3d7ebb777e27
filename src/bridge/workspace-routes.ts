/**
 * The bridge's translation of companies, tags, notes, segments, events, admins and teams to API 2.x.
 *
 * | 1.x | 2.x |
 * |---|---|
 * | `GET /companies/{id}`, `POST /companies`, `GET /companies?...` (numbered pages), `GET /companies/scroll` | the same paths (2.x list wrappers answered as 1.x `company.list`) |
 * | `GET /companies?company_id=\|name=` | the same, a one-company list on 2.x |
 * | `GET /companies/{id}/users`, `GET /companies?company_id=&type=user` | `GET /companies/{id}/contacts` (users only) |
 * | `POST /tags` with `users` | the people looked up, `POST /tags` by name, then `POST /contacts/{id}/tags` or `DELETE /contacts/{id}/tags/{tag_id}` |
 * | `POST /tags` with `companies`, `POST /tags` by name, `GET /tags`, `DELETE /tags/{id}` | the same |
 * | `POST /notes` | the person looked up, `POST /contacts/{id}/notes` |
 * | `GET /notes?email=\|user_id=\|id=` | the person looked up, `GET /contacts/{id}/notes` |
 * | `GET /notes/{id}`, `GET /segments[/{id}]`, `POST /events`, `GET /events?type=user&...`, `GET /me`, `GET /admins[/{id}]`, `GET /teams[/{id}]` | the same |
 *
 * @module
 */
import { MultipleMatchingUsersError, ResourceNotFound, UnavailableOnApi2Error } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { apiPath } from '../core/url.js';
import { companyBy } from './company-lookup.js';
import { contactByExternalId, contactById, contactsByEmail, personNotFound, sendV2 } from './contact-lookup.js';
import { withAttributesDefined } from './custom-attribute-definitions.js';
import { bodyOf, listItems, listPages, renderCompany, renderPerson } from './people-shapes.js';
import type { BridgeCall, BridgeContext, BridgeRoute, BridgeRoutes } from './route-table.js';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A 1.x `pages` object for a 2.x numbered page, `next` a link to the bridge with the page after it. */
function numberedPages(
  context: BridgeContext,
  path: string,
  query: Readonly<Record<string, string>>,
  answer: JsonObject,
): JsonObject {
  const pages = isObject(answer.pages) ? answer.pages : {};
  const page = typeof pages.page === 'number' ? pages.page : 1;
  const perPage = typeof pages.per_page === 'number' ? pages.per_page : listItems(answer).length;
  const totalPages = typeof pages.total_pages === 'number' ? pages.total_pages : 1;
  let next: string | null = null;
  if (page < totalPages) {
    const link = new URLSearchParams({ ...query, page: String(page + 1), per_page: String(perPage) });
    next = `${context.baseUrl}${path}?${link.toString()}`;
  }
  return listPages(page, perPage, totalPages, next);
}

/**
 * The users of a 2.x company (`GET /companies/{id}/contacts`) as a 1.x `user.list`; its `pages.next`
 * link repeats the 1.x path and `naming` (the query that named the company) with the next page.
 */
async function companyUsers(
  context: BridgeContext,
  companyId: string,
  call: BridgeCall,
  naming: Readonly<Record<string, string>> = {},
): Promise<JsonObject> {
  const query: Record<string, string> = {};
  if (call.query.page !== undefined) query.page = call.query.page;
  if (call.query.per_page !== undefined) query.per_page = call.query.per_page;
  const answer = (await sendV2(context, call.options, {
    method: 'GET',
    path: apiPath`/companies/${companyId}/contacts`,
    query,
  })) as JsonObject;
  const users = listItems(answer)
    .filter((contact) => contact.role !== 'lead')
    .map((contact) => renderPerson(contact));
  return {
    type: 'user.list',
    total_count: answer.total_count,
    pages: numberedPages(context, call.path, { ...naming, ...query }, answer),
    users,
  };
}

function companyRoutes(context: BridgeContext): BridgeRoute[] {
  return [
    {
      method: 'GET',
      path: '/companies/:id',
      async handle(call) {
        return renderCompany(
          (await sendV2(context, call.options, {
            method: 'GET',
            path: apiPath`/companies/${call.params.id as string}`,
          })) as JsonObject,
        );
      },
    },
    {
      method: 'GET',
      path: '/companies/:id/users',
      handle: (call) => companyUsers(context, call.params.id as string, call),
    },
    {
      method: 'GET',
      path: '/companies',
      async handle(call) {
        const { company_id: companyId, name, type, ...filters } = call.query;
        if (companyId !== undefined || name !== undefined) {
          const company = await companyBy(
            context,
            companyId === undefined ? 'name' : 'company_id',
            (companyId ?? name) as string,
            call.options,
          );
          if (type === 'user') {
            const naming = companyId === undefined ? { name: name as string, type } : { company_id: companyId, type };
            return companyUsers(context, String(company.id), call, naming);
          }
          return renderCompany(company);
        }
        const answer = (await sendV2(context, call.options, { method: 'GET', path: '/companies', query: filters })) as JsonObject;
        return {
          type: 'company.list',
          total_count: answer.total_count,
          pages: numberedPages(context, '/companies', filters, answer),
          companies: listItems(answer).map(renderCompany),
        };
      },
    },
    {
      method: 'GET',
      path: '/companies/scroll',
      async handle(call) {
        const query = call.query.scroll_param === undefined ? undefined : { scroll_param: call.query.scroll_param };
        const answer = (await sendV2(context, call.options, { method: 'GET', path: '/companies/scroll', query })) as JsonObject;
        return { type: 'company.list', scroll_param: answer.scroll_param, companies: listItems(answer).map(renderCompany) };
      },
    },
    {
      method: 'POST',
      path: '/companies',
      async handle(call) {
        // 2.x upserts by company_id as 1.x did; it takes no Intercom id in the body.
        const { id: _id, ...body } = bodyOf(call);
        const company = await withAttributesDefined(context, 'company', body.custom_attributes, call.options, () =>
          sendV2(context, call.options, { method: 'POST', path: '/companies', body, idempotent: true }),
        );
        return renderCompany(company as JsonObject);
      },
    },
  ];
}

/** The 2.x contact a 1.x `{ id | user_id | email }` names (a user by user_id or email, anyone by id). */
async function personOf(
  context: BridgeContext,
  ref: Readonly<Record<string, unknown>>,
  options: RequestOptions | undefined,
): Promise<JsonObject> {
  if (typeof ref.id === 'string' && ref.id !== '') return contactById(context, ref.id, undefined, options).catch(asUserNotFound);
  if (ref.user_id !== undefined && ref.user_id !== null) {
    const found = await contactByExternalId(context, 'user', String(ref.user_id), options);
    if (found === undefined) throw personNotFound('user');
    return found;
  }
  if (typeof ref.email === 'string') {
    const found = await contactsByEmail(context, 'user', ref.email, options);
    if (found.length > 1)
      throw new MultipleMatchingUsersError(`${found.length} users match email '${ref.email}'; use user_id or id`, {
        httpCode: 409,
        applicationErrorCode: 'conflict',
      });
    if (found[0] !== undefined) return found[0];
  }
  throw personNotFound('user');
}

/** A 2.x 404 for a contact as the 1.x "User Not Found". */
function asUserNotFound(error: unknown): never {
  throw error instanceof ResourceNotFound ? personNotFound('user') : error;
}

/** A 1.x tag (`{ type: 'tag', id, name }`) of a 2.x tag. */
const renderTag = (tag: JsonObject): JsonObject => ({ type: 'tag', id: String(tag.id), name: tag.name });

/**
 * `POST /tags`: a tag by name (created or found), companies tagged as 2.x does it, and users looked up
 * (all before anything is tagged: an unknown one fails the call, as on 1.x) then tagged or untagged one
 * contact at a time.
 */
async function tagPeopleOrCompanies(context: BridgeContext, call: BridgeCall): Promise<JsonObject> {
  const { tag_or_untag: _action, users, ...body } = bodyOf(call);
  if (!Array.isArray(users)) {
    return renderTag(
      (await sendV2(context, call.options, { method: 'POST', path: '/tags', body, idempotent: true })) as JsonObject,
    );
  }
  const items = users.filter(isObject);
  const people = [];
  for (const item of items) people.push({ contact: await personOf(context, item, call.options), untag: item.untag === true });
  const tag = (await sendV2(context, call.options, {
    method: 'POST',
    path: '/tags',
    body: { name: body.name },
    idempotent: true,
  })) as JsonObject;
  const tagId = String(tag.id);
  for (const { contact, untag } of people) {
    const contactId = String(contact.id);
    if (!untag) {
      // Tagging a tagged contact changes nothing: repeatable.
      await sendV2(context, call.options, {
        method: 'POST',
        path: apiPath`/contacts/${contactId}/tags`,
        body: { id: tagId },
        idempotent: true,
      });
      continue;
    }
    await sendV2(context, call.options, { method: 'DELETE', path: apiPath`/contacts/${contactId}/tags/${tagId}` }).catch(
      (error: unknown) => {
        // A contact without the tag: nothing to remove, as on 1.x.
        if (!(error instanceof ResourceNotFound)) throw error;
      },
    );
  }
  return renderTag(tag);
}

function tagRoutes(context: BridgeContext): BridgeRoute[] {
  return [
    {
      method: 'GET',
      path: '/tags',
      async handle(call) {
        const answer = await sendV2(context, call.options, { method: 'GET', path: '/tags' });
        return { type: 'tag.list', tags: listItems(answer).map(renderTag) };
      },
    },
    { method: 'POST', path: '/tags', handle: (call) => tagPeopleOrCompanies(context, call) },
    {
      method: 'DELETE',
      path: '/tags/:id',
      async handle(call) {
        await sendV2(context, call.options, { method: 'DELETE', path: apiPath`/tags/${call.params.id as string}` });
        return null;
      },
    },
  ];
}

/** A 2.x note as the 1.x note: its `contact` becomes its `user`. */
function renderNote(note: JsonObject): JsonObject {
  const { contact, ...rest } = note;
  const user = isObject(contact) ? { type: 'user', id: String(contact.id) } : undefined;
  return user === undefined ? rest : { ...rest, user };
}

function noteRoutes(context: BridgeContext): BridgeRoute[] {
  return [
    {
      method: 'GET',
      path: '/notes/:id',
      async handle(call) {
        return renderNote(
          (await sendV2(context, call.options, {
            method: 'GET',
            path: apiPath`/notes/${call.params.id as string}`,
          })) as JsonObject,
        );
      },
    },
    {
      method: 'POST',
      path: '/notes',
      async handle(call) {
        const { body: text, admin_id: adminId, user, ...topLevel } = bodyOf(call);
        const contact = await personOf(context, isObject(user) ? user : topLevel, call.options);
        const body: JsonObject = { body: text };
        if (adminId !== undefined) body.admin_id = adminId;
        // Every POST makes another note: not repeated after a lost answer.
        const note = await sendV2(context, call.options, {
          method: 'POST',
          path: apiPath`/contacts/${String(contact.id)}/notes`,
          body,
        });
        return renderNote(note as JsonObject);
      },
    },
    {
      method: 'GET',
      path: '/notes',
      async handle(call) {
        const { page, per_page: perPage, ...ref } = call.query;
        const contact = await personOf(context, ref, call.options);
        const query: Record<string, string> = {};
        if (page !== undefined) query.page = page;
        if (perPage !== undefined) query.per_page = perPage;
        const answer = (await sendV2(context, call.options, {
          method: 'GET',
          path: apiPath`/contacts/${String(contact.id)}/notes`,
          query,
        })) as JsonObject;
        return {
          type: 'note.list',
          total_count: answer.total_count,
          pages: numberedPages(context, '/notes', { ...ref, ...query }, answer),
          notes: listItems(answer).map(renderNote),
        };
      },
    },
  ];
}

/** A route whose 1.x and 2.x requests are the same (method, path, query, body) and answers. */
function sameRoute(context: BridgeContext, method: BridgeRoute['method'], path: string, idempotent?: boolean): BridgeRoute {
  return {
    method,
    path,
    handle: (call) =>
      sendV2(context, call.options, {
        method,
        path: call.path,
        query: call.query,
        ...(call.body === undefined ? {} : { body: call.body }),
        ...(idempotent === undefined ? {} : { idempotent }),
      }),
  };
}

/**
 * `GET /segments[?type=user|company&include_count=]`: 2.x lists people segments only (user and lead), and
 * takes no `type`; company segments are refused.
 */
function segmentList(context: BridgeContext): BridgeRoute {
  return {
    method: 'GET',
    path: '/segments',
    handle(call) {
      const { type, ...query } = call.query;
      if (type === 'company') {
        throw new UnavailableOnApi2Error(
          'list of company segments',
          "GET /segments lists people segments only: find a company's segments with GET /companies/{id}/segments",
        );
      }
      return sendV2(context, call.options, { method: 'GET', path: '/segments', query });
    },
  };
}

/**
 * `GET /events?type=user&...`: the same on 2.x; a `pages.next` link is made to point back at the bridge.
 * The 2.16 description answers only summaries (`event.summary`: name, first, last, count) where 1.x
 * listed the events themselves: such an answer to a list that did not ask for `summary` is refused
 * rather than passed off as a list of events.
 */
function eventList(context: BridgeContext): BridgeRoute {
  return {
    method: 'GET',
    path: '/events',
    async handle(call) {
      const answer = (await sendV2(context, call.options, { method: 'GET', path: '/events', query: call.query })) as JsonObject;
      if (answer.type === 'event.summary' && call.query.summary !== 'true') {
        throw new UnavailableOnApi2Error(
          "list of a person's events (2.x answers their summaries: name, first, last, count)",
          "events.summary({ type: 'user', ... }) reads them",
        );
      }
      const pages = isObject(answer.pages) ? answer.pages : undefined;
      if (typeof pages?.next !== 'string' || pages.next === '') return answer;
      let target: string;
      try {
        const next = new URL(pages.next);
        target = `${context.baseUrl}${next.pathname}${next.search}`;
      } catch {
        return { ...answer, pages: { ...pages, next: null } };
      }
      return { ...answer, pages: { ...pages, next: target } };
    },
  };
}

/** The 1.x routes of companies, tags, notes, segments, events, admins and teams. */
export const workspaceRoutes: BridgeRoutes = (context) => [
  ...companyRoutes(context),
  ...tagRoutes(context),
  ...noteRoutes(context),
  segmentList(context),
  sameRoute(context, 'GET', '/segments/:id'),
  // An event recorded twice counts twice: not repeated after a lost answer, as on 1.x.
  sameRoute(context, 'POST', '/events', false),
  eventList(context),
  sameRoute(context, 'GET', '/me'),
  sameRoute(context, 'GET', '/admins'),
  sameRoute(context, 'GET', '/admins/:id'),
  sameRoute(context, 'GET', '/teams'),
  sameRoute(context, 'GET', '/teams/:id'),
];
