/** Reading 2.x article and collection bodies, and the article search's query. */
import { ApiError } from '../../api-error.js';
import type { ArticleChanges, ArticleQuery, ArticleRecord, CollectionChanges } from '../../domain/help-center.js';
import { type Body, bodyObject, optionalIdentifier, optionalString } from '../v1/payload.js';

const invalidField = (message: string): ApiError => new ApiError(400, 'parameter_invalid', message);

/** An id given as a whole number or a string of digits (the description types ids both ways). */
function optionalNumericId(body: Body, field: string): string | null | undefined {
  if (body[field] === null) return null;
  const value = optionalIdentifier(body, field);
  if (value !== undefined && !/^\d+$/.test(value)) throw invalidField(`${field} must be an id`);
  return value;
}

/** A string that may be null (to clear it) or absent. */
function optionalText(body: Body, field: string): string | null | undefined {
  return optionalString(body, field);
}

/** HTML for a body given as Markdown: its paragraphs, escaped, each in a `<p>`. */
function markdownToHtml(markdown: string): string {
  const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return markdown
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
}

/** The default locale's part of `translated_content`, which may stand in for the main body's fields. */
function defaultLocaleContent(body: Body): Body {
  const translated = body.translated_content;
  if (typeof translated !== 'object' || translated === null || Array.isArray(translated)) return {};
  const en = (translated as Body).en;
  return typeof en === 'object' && en !== null && !Array.isArray(en) ? (en as Body) : {};
}

/** The fields of an article create (`create: true`: `title` and `author_id` required) or update. */
export function readArticleChanges(raw: unknown, create: boolean): ArticleChanges {
  const body = bodyObject(raw);
  const locale = defaultLocaleContent(body);
  const pick = (field: string): Body => (body[field] !== undefined ? body : locale);
  const title = optionalText(pick('title'), 'title') ?? undefined;
  const authorId = optionalNumericId(pick('author_id'), 'author_id') ?? undefined;
  if (create) {
    for (const [field, value] of [
      ['title', title],
      ['author_id', authorId],
    ] as const) {
      if (value === undefined || value === '') {
        throw new ApiError(
          400,
          'parameter_not_found',
          `${field} must be in the main body or default locale translated_content object`,
        );
      }
    }
  }
  const state = optionalText(pick('state'), 'state') ?? undefined;
  if (state !== undefined && state !== 'published' && state !== 'draft') {
    throw invalidField('state must be one of: published, draft');
  }
  const html = optionalText(pick('body'), 'body') ?? undefined;
  const markdown = optionalText(pick('body_markdown'), 'body_markdown') ?? undefined;
  if (html !== undefined && markdown !== undefined) throw invalidField('body and body_markdown are mutually exclusive');
  const parentType = optionalText(body, 'parent_type');
  if (parentType != null && parentType !== 'collection' && parentType !== 'section') {
    throw invalidField("parent_type must be 'collection' or 'section'");
  }
  return {
    title,
    description: optionalText(pick('description'), 'description') ?? undefined,
    body: markdown === undefined ? html : markdownToHtml(markdown),
    authorId,
    state: state as ArticleRecord['state'] | undefined,
    parentId: optionalNumericId(body, 'parent_id'),
  };
}

/** The fields of a collection create (`create: true`: `name` required) or update. */
export function readCollectionChanges(raw: unknown, create: boolean): CollectionChanges {
  const body = bodyObject(raw);
  const name = optionalText(body, 'name') ?? undefined;
  if (create && (name === undefined || name.trim() === '')) {
    throw new ApiError(400, 'parameter_not_found', 'Name is a required parameter.');
  }
  if (name !== undefined && name.trim() === '') throw invalidField("Name can't be blank");
  const helpCenterId = optionalNumericId(body, 'help_center_id');
  return {
    name,
    description: optionalText(body, 'description'),
    parentId: optionalNumericId(body, 'parent_id'),
    helpCenterId: helpCenterId ?? undefined,
  };
}

/** `GET /articles/search`'s query: `phrase`, `state` (`published`, `draft` or `all`), `help_center_id`. */
export function readArticleQuery(query: URLSearchParams): ArticleQuery & { highlight: boolean } {
  const state = query.get('state') ?? undefined;
  if (state !== undefined && state !== 'published' && state !== 'draft' && state !== 'all') {
    throw invalidField('state must be one of: published, draft, all');
  }
  return {
    phrase: query.get('phrase') ?? undefined,
    state,
    helpCenterId: query.get('help_center_id') ?? undefined,
    highlight: query.get('highlight') === 'true',
  };
}
