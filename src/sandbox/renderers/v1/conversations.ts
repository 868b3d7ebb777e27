/** Conversations and their parts in the 1.x shape. */
import { versionAtLeast } from '../../api-version.js';
import { customerRef } from '../../domain/conversations.js';
import type { AuthorRef, ConversationPartRecord, ConversationRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import type { RenderContext } from './render-context.js';

/** Before API 1.2 a conversation nobody waits on showed a `waiting_since` about 2,000 years ahead. */
const FAR_FUTURE = 64_060_588_800;
/** A fetch returns at most this many parts, the most recent ones. */
const MAX_PARTS = 500;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** `display_as=plaintext`: the text of an HTML body. */
function plaintext(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .trim();
}

/** An author as rendered: admins and bots as stored, customers as they are now. */
function renderAuthor(store: Store, author: AuthorRef): AuthorRef {
  return author.type === 'admin' || author.type === 'bot' ? { ...author } : customerRef(store, author.id, author.type);
}

function renderPart(
  store: Store,
  part: ConversationPartRecord,
  body: (html: string | null) => string | null,
): Record<string, unknown> {
  return {
    type: 'conversation_part',
    id: part.id,
    part_type: part.part_type,
    body: body(part.body),
    created_at: part.created_at,
    updated_at: part.updated_at,
    notified_at: part.notified_at,
    assigned_to: part.assigned_to === null ? null : { ...part.assigned_to },
    author: renderAuthor(store, part.author),
    attachments: part.attachments.map((a) => ({ ...a })),
    external_id: null,
  };
}

/**
 * The wire form of a conversation. Lists (`full: false`) omit `conversation_parts`, `tags` and
 * `conversation_rating`, as Intercom's do.
 */
export function renderConversation(ctx: RenderContext, c: ConversationRecord, full: boolean): Record<string, unknown> {
  const { store } = ctx;
  const plain = ctx.query.get('display_as') === 'plaintext';
  const body = (html: string | null): string | null => (html === null || !plain ? html : plaintext(html));
  const modern = versionAtLeast(ctx.version, '1.2');
  const customer = customerRef(store, c.customer_id);
  const firstReply =
    c.message.author.type === 'user' || c.message.author.type === 'lead'
      ? c.created_at
      : c.parts.find((p) => p.author.type === 'user' || p.author.type === 'lead')?.created_at;
  const out: Record<string, unknown> = {
    type: 'conversation',
    id: c.id,
    created_at: c.created_at,
    updated_at: c.updated_at,
    waiting_since: c.waiting_since ?? (modern ? null : FAR_FUTURE),
    snoozed_until: c.snoozed_until,
    sent_at: c.created_at,
    open: c.state === 'open',
    state: c.state,
    read: c.read,
    assignee: { ...c.assignee },
    user: customer,
    customers: [{ ...customer }],
    conversation_message: {
      type: modern ? 'conversation' : 'conversation_message',
      id: c.message.id,
      subject: c.message.subject,
      body: body(c.message.body),
      author: renderAuthor(store, c.message.author),
      attachments: c.message.attachments.map((a) => ({ ...a })),
      url: null,
      delivered_as: c.message.delivered_as,
    },
    customer_first_reply: firstReply === undefined ? null : { created_at: firstReply, type: 'conversation', url: null },
  };
  if (full) {
    const parts = c.parts.slice(-MAX_PARTS);
    out.conversation_parts = {
      type: 'conversation_part.list',
      conversation_parts: parts.map((p) => renderPart(store, p, body)),
      total_count: parts.length,
    };
    const tags = [];
    for (const id of c.tag_ids) {
      const tag = store.tags.get(id);
      if (tag !== undefined) tags.push({ type: 'tag', id: tag.id, name: tag.name });
    }
    out.tags = { type: 'tag.list', tags };
    out.conversation_rating = null;
  }
  return out;
}

/**
 * A conversation as a notification carries it: with only the parts the change added (Intercom's
 * `conversation.*` notifications list the new part, not the whole conversation).
 */
export function renderConversationChange(ctx: RenderContext, c: ConversationRecord, newParts: number): Record<string, unknown> {
  const conversation = renderConversation(ctx, c, true);
  const list = conversation.conversation_parts as { conversation_parts?: unknown[] } | undefined;
  const parts = newParts === 0 ? [] : (list?.conversation_parts ?? []).slice(-newParts);
  return {
    ...conversation,
    conversation_parts: { type: 'conversation_part.list', conversation_parts: parts, total_count: parts.length },
  };
}
