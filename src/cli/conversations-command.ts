/**
 * Conversations, messages and counts: `intercom conversations get|list|reply`, `intercom messages
 * send`, `intercom counts`.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import type {
  AdminReplyAction,
  Conversation,
  ConversationUserIdentifier,
  CountParams,
  CreateMessageParams,
  ListConversationsParams,
  MessageRecipient,
  ReplyToLastParams,
} from '../index.js';
import {
  asLeaf,
  exactlyOne,
  group,
  handler,
  integerArg,
  leaf,
  optionsOf,
  repeatable,
  stringOption,
  upTo,
} from './command-kit.js';
import type { Cli } from './context.js';
import { timestamp } from './import-rows.js';
import { UsageError } from './usage-error.js';
import { VIEWS } from './views.js';

/** A customer named on the command line: an email when it holds @, else a user_id. */
function customer(value: string): { email: string } | { user_id: string } {
  return value.includes('@') ? { email: value } : { user_id: value };
}

/** Prints a conversation: its fields, then (in a table) its parts one a row. */
async function printConversation(cli: Cli, command: Command, conversation: Conversation): Promise<void> {
  if (cli.format(command) !== 'table') {
    await cli.printOne(command, conversation, VIEWS.conversations);
    return;
  }
  const { conversation_parts: parts, ...summary } = conversation;
  await cli.printOne(command, summary, VIEWS.conversations);
  if (parts.length === 0) return;
  cli.io.stdout.write('\n');
  const rows = parts.map((part) => ({
    created_at: part.created_at,
    part_type: part.part_type,
    author: `${part.author.type} ${part.author.name ?? part.author.id}`,
    body: part.body,
  }));
  await cli.print(command, rows, { table: ['created_at', 'part_type', 'author', 'body'] });
}

const REPLY_TYPES = ['comment', 'note', 'open', 'close', 'assignment', 'snoozed'] as const;

function conversations(cli: Cli, program: Command): void {
  const conversations = group(program, 'conversations');
  leaf(conversations, 'get <id>', 'show a conversation with its parts')
    .option('--plaintext', 'bodies as plain text instead of HTML')
    .action(
      handler(async (command, [id]) => {
        const client = await cli.client(command);
        const plaintext = optionsOf(command).plaintext === true;
        const conversation = await client.conversations.find(
          {
            id: id as string,
            ...(plaintext ? { display_as: 'plaintext' } : {}),
          },
          cli.requestOptions(command),
        );
        await printConversation(cli, command, conversation);
      }),
    );

  leaf(conversations, 'list', "list conversations, most recently updated first; an admin's inbox or a user's conversations")
    .option('--admin <id>', "the conversations of this admin's (or team's) inbox")
    .addOption(new Option('--open', 'with --admin: only open ones').conflicts('closed'))
    .option('--closed', 'with --admin: only those not open')
    .option('--user <email|user_id>', "a user's conversations: an email when it holds @, else a user_id")
    .option('--intercom-user-id <id>', "a user's conversations, by Intercom id")
    .option('--unread', 'with a user: only unread ones')
    .addOption(new Option('--sort <field>', 'sort field').choices(['created_at', 'updated_at', 'waiting_since']))
    .addOption(new Option('--order <order>', 'sort order').choices(['asc', 'desc']))
    .addOption(new Option('--limit <n>', 'stop after n conversations (default: all of them)').argParser(integerArg(1)))
    .action(
      handler(async (command) => {
        const o = optionsOf(command);
        const admin = stringOption(o, 'admin');
        const user = stringOption(o, 'user');
        const intercomUserId = stringOption(o, 'intercomUserId');
        if ([admin, user, intercomUserId].filter((v) => v !== undefined).length > 1) {
          throw new UsageError('give one of --admin, --user, --intercom-user-id');
        }
        if ((o.open === true || o.closed === true) && admin === undefined)
          throw new UsageError('--open and --closed go with --admin');
        if (o.unread === true && admin !== undefined) throw new UsageError('--unread goes with --user or --intercom-user-id');
        const listing = {
          ...(o.sort === undefined ? {} : { sort: o.sort as 'created_at' | 'updated_at' | 'waiting_since' }),
          ...(o.order === undefined ? {} : { order: o.order as 'asc' | 'desc' }),
        };
        let params: ListConversationsParams | undefined;
        if (admin !== undefined) {
          params = {
            type: 'admin',
            id: admin,
            ...listing,
            ...(o.open === true ? { open: true } : o.closed === true ? { open: false } : {}),
          };
        } else if (user !== undefined || intercomUserId !== undefined) {
          const who: ConversationUserIdentifier =
            intercomUserId !== undefined ? { intercom_user_id: intercomUserId } : customer(user as string);
          params = { type: 'user', ...who, ...listing, ...(o.unread === true ? { unread: true } : {}) };
        } else if (Object.keys(listing).length > 0 || o.unread === true) {
          throw new UsageError('--sort, --order and --unread need --admin or a user');
        }
        const client = await cli.client(command);
        const list =
          params === undefined
            ? client.conversations.all(cli.requestOptions(command))
            : client.conversations.findAll(params, cli.requestOptions(command));
        await cli.print(command, upTo(list, o.limit as number | undefined), VIEWS.conversations);
      }),
    );

  leaf(conversations, 'reply <id>', "reply to a conversation as an admin or a user; 'last' with --user: their latest one")
    .option('--admin <id>', 'the admin who replies')
    .option('--user <email|user_id>', 'the user who replies (or, with --admin and last, whose conversation)')
    .option('--intercom-user-id <id>', 'the user, by Intercom id')
    .option('--body <text>', 'the message (required for comment and note)')
    .addOption(new Option('--type <type>', 'what an admin reply does').choices([...REPLY_TYPES]).default('comment'))
    .option('--assignee <id>', "with --type assignment: the admin or team to assign to ('0' unassigns)")
    .option('--snoozed-until <date>', 'with --type snoozed: epoch seconds or an ISO 8601 date')
    .option('--attachment-url <url>', 'a file to attach (repeatable)', repeatable)
    .action(
      handler(async (command, [id]) => {
        const o = optionsOf(command);
        const admin = stringOption(o, 'admin');
        const user = stringOption(o, 'user');
        const intercomUserId = stringOption(o, 'intercomUserId');
        const body = stringOption(o, 'body');
        const type = o.type as (typeof REPLY_TYPES)[number];
        const attachments = o.attachmentUrl as string[] | undefined;
        const who: ConversationUserIdentifier | undefined =
          intercomUserId !== undefined ? { intercom_user_id: intercomUserId } : user === undefined ? undefined : customer(user);
        if (user !== undefined && intercomUserId !== undefined)
          throw new UsageError('give --user or --intercom-user-id, not both');
        const client = await cli.client(command);
        const extra = attachments === undefined ? {} : { attachment_urls: attachments };
        let conversation: Conversation;
        if (admin !== undefined) {
          let action: AdminReplyAction;
          if (type === 'comment' || type === 'note') {
            if (body === undefined) throw new UsageError(`--body is required for a ${type}`);
            action = { message_type: type, body };
          } else if (type === 'assignment') {
            const assignee = stringOption(o, 'assignee');
            if (assignee === undefined) throw new UsageError('--type assignment needs --assignee');
            action = { message_type: type, assignee_id: assignee, ...(body === undefined ? {} : { body }) };
          } else if (type === 'snoozed') {
            const until = stringOption(o, 'snoozedUntil');
            if (until === undefined) throw new UsageError('--type snoozed needs --snoozed-until');
            let seconds: number;
            try {
              seconds = timestamp(until, '--snoozed-until');
            } catch (error) {
              throw new UsageError((error as Error).message);
            }
            action = { message_type: type, snoozed_until: seconds };
          } else {
            action = { message_type: type, ...(body === undefined ? {} : { body }) };
          }
          if (id === 'last') {
            if (who === undefined) throw new UsageError("'last' needs --user or --intercom-user-id: whose latest conversation");
            conversation = await client.conversations.replyToLast(
              {
                type: 'admin',
                admin_id: admin,
                ...action,
                ...who,
                ...extra,
              } as ReplyToLastParams,
              cli.requestOptions(command),
            );
          } else {
            if (who !== undefined) throw new UsageError('an admin reply takes --admin only (--user goes with last)');
            conversation = await client.conversations.reply(
              {
                id: id as string,
                type: 'admin',
                admin_id: admin,
                ...action,
                ...extra,
              },
              cli.requestOptions(command),
            );
          }
        } else {
          if (who === undefined) throw new UsageError('give --admin <id> (an admin reply) or --user (a user reply)');
          if (type !== 'comment') throw new UsageError('a user reply is a comment: --type is for admin replies');
          if (body === undefined) throw new UsageError('--body is required');
          const reply = { type: 'user' as const, message_type: 'comment' as const, body, ...who, ...extra };
          conversation =
            id === 'last'
              ? await client.conversations.replyToLast(reply, cli.requestOptions(command))
              : await client.conversations.reply({ id: id as string, ...reply }, cli.requestOptions(command));
        }
        await printConversation(cli, command, conversation);
      }),
    );
}

function messages(cli: Cli, program: Command): void {
  leaf(group(program, 'messages'), 'send', 'send a message: from an admin to a user or lead, or from a user or lead')
    .requiredOption('--body <text>', 'the message')
    .option('--admin <id>', 'the admin who sends it')
    .option('--to <email|user_id>', 'with --admin: the user, an email when it holds @, else a user_id')
    .option('--to-id <id>', 'with --admin: the user, by Intercom id')
    .option('--to-lead <user_id>', 'with --admin: a lead, by its user_id')
    .option('--email', 'with --admin: an email (default: an in-app message)')
    .option('--subject <text>', 'with --email: the subject (required)')
    .addOption(new Option('--template <name>', 'with --email: the template').choices(['plain', 'personal']))
    .option('--from-user <email|user_id>', 'a message from a user: an email when it holds @, else a user_id')
    .option('--from-lead <user_id>', 'a message from a lead, by its user_id')
    .action(
      handler(async (command) => {
        const o = optionsOf(command);
        const body = o.body as string;
        const [sender, value] = exactlyOne(o, ['admin', 'fromUser', 'fromLead']);
        let params: CreateMessageParams;
        if (sender === 'admin') {
          const [recipient, to] = exactlyOne(o, ['to', 'toId', 'toLead']);
          const target: MessageRecipient =
            recipient === 'toLead'
              ? { type: 'contact', user_id: to }
              : recipient === 'toId'
                ? { type: 'user', id: to }
                : { type: 'user', ...customer(to) };
          const from = { type: 'admin' as const, id: value };
          if (o.email === true) {
            const subject = stringOption(o, 'subject');
            if (subject === undefined) throw new UsageError('--email needs --subject');
            const template = o.template as 'plain' | 'personal' | undefined;
            params = { message_type: 'email', subject, body, from, to: target, ...(template === undefined ? {} : { template }) };
          } else {
            if (o.subject !== undefined || o.template !== undefined)
              throw new UsageError('--subject and --template go with --email');
            params = { message_type: 'inapp', body, from, to: target };
          }
        } else {
          if (o.to !== undefined || o.toId !== undefined || o.toLead !== undefined || o.email === true) {
            throw new UsageError(
              'a message from a user or lead goes to the app: --to, --to-id, --to-lead and --email go with --admin',
            );
          }
          params = {
            body,
            from: sender === 'fromLead' ? { type: 'contact', user_id: value } : { type: 'user', ...customer(value) },
          };
        }
        const client = await cli.client(command);
        await cli.printOne(command, await client.messages.create(params, cli.requestOptions(command)), {
          table: ['type', 'id', 'message_type', 'subject', 'body'],
        });
      }),
    );
}

/** Counts as rows of `{ name, count }` (admin conversation counts keep their open/closed). */
function countRows(params: CountParams | undefined, result: Record<string, unknown>): object[] {
  if (params === undefined) {
    return Object.entries(result)
      .filter(([key]) => key !== 'type')
      .map(([name, value]) => ({ name, count: (value as { count?: unknown }).count }));
  }
  const inner = result[params.type] as Record<string, unknown>;
  if (params.type === 'conversation') {
    if (params.count === 'admin') return inner.admin as object[];
    return Object.entries(inner).map(([name, count]) => ({ name, count }));
  }
  const list = inner[params.count] as Array<Record<string, unknown>>;
  return list.flatMap((entry) => {
    const { remote_company_id: companyId, ...named } = entry;
    return Object.entries(named).map(([name, count]) => ({
      name,
      ...(companyId === undefined ? {} : { company_id: companyId }),
      count,
    }));
  });
}

function counts(cli: Cli, program: Command): void {
  const counts = group(program, 'counts');
  counts.description(`${counts.description()}; no options: the app's totals`);
  addCountOptions(counts).action(
    handler(async (command) => {
      const o = optionsOf(command);
      const type = o.type as CountParams['type'] | undefined;
      const count = o.count as string | undefined;
      if (type === undefined && count !== undefined) throw new UsageError('--count goes with --type');
      if (type !== undefined && type !== 'conversation' && count === undefined) {
        throw new UsageError(`--type ${type} needs --count (${type === 'user' ? 'segment or tag' : 'segment, tag or user'})`);
      }
      const params = type === undefined ? undefined : ({ type, ...(count === undefined ? {} : { count }) } as CountParams);
      const client = await cli.client(command);
      const result =
        params === undefined
          ? await client.counts.forApp(cli.requestOptions(command))
          : await client.counts.forType(params, cli.requestOptions(command));
      await cli.print(command, countRows(params, result as unknown as Record<string, unknown>), {
        table: ['id', 'name', 'company_id', 'count', 'open', 'closed'],
      });
    }),
  );
}

/** `counts` is a command of its own (no subcommands), with the global options. */
function addCountOptions(counts: Command): Command {
  return asLeaf(counts)
    .addOption(new Option('--type <type>', 'what to count').choices(['user', 'company', 'conversation']))
    .addOption(
      new Option('--count <group>', 'by what: segment, tag, user (companies) or admin (conversations)').choices([
        'segment',
        'tag',
        'user',
        'admin',
      ]),
    );
}

/** Registers conversations, messages and counts. */
export function registerConversationCommands(cli: Cli, program: Command): void {
  conversations(cli, program);
  messages(cli, program);
  counts(cli, program);
}
