/**
 * Writing: `intercom users create`, `intercom tags tag|untag`.
 *
 * @module
 */
import type { Command } from 'commander';
import type { CreateUserParams, CustomAttributes, TagParams, TagUserItem } from '../index.js';
import { group, handler, keyValueArg, leaf, optionsOf, repeatable, stringOption } from './command-kit.js';
import type { Cli } from './context.js';
import { attributeValue, timestamp } from './import-rows.js';
import { UsageError } from './usage-error.js';
import { VIEWS } from './views.js';

/** `--attr name=value` pairs as custom attributes (numbers and true/false read as such). */
export function attributesOf(pairs: ReadonlyArray<[string, string]> | undefined): CustomAttributes | undefined {
  if (pairs === undefined || pairs.length === 0) return undefined;
  return Object.fromEntries(pairs.map(([name, value]) => [name, value === '' ? null : attributeValue(value)]));
}

/** A date option: epoch seconds or an ISO 8601 date; a bad one is a usage error. */
function dateOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return timestamp(value, flag);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function usersCreate(cli: Cli, program: Command): void {
  leaf(group(program, 'users'), 'create', 'create a user, or update the one with the same user_id or email (an upsert)')
    .option('--email <email>', 'the email')
    .option('--user-id <user_id>', 'your id of the user')
    .option('--name <name>', 'the name')
    .option('--phone <phone>', 'the phone number')
    .option('--signed-up-at <date>', 'when the user signed up: epoch seconds or an ISO 8601 date')
    .option(
      '--attr <name=value>',
      'a custom attribute (repeatable); numbers and true/false read as such; an empty value clears it',
      keyValueArg,
    )
    .option('--company <company_id>', 'add the user to this company, creating it if needed (repeatable)', repeatable)
    .action(
      handler(async (command) => {
        const o = optionsOf(command);
        const email = stringOption(o, 'email');
        const userId = stringOption(o, 'userId');
        if (email === undefined && userId === undefined) throw new UsageError('give --email or --user-id (or both)');
        const fields: Omit<CreateUserParams, 'email' | 'user_id' | 'id'> = {};
        const name = stringOption(o, 'name');
        const phone = stringOption(o, 'phone');
        const signedUpAt = dateOption(stringOption(o, 'signedUpAt'), 'signed_up_at');
        const attributes = attributesOf(o.attr as Array<[string, string]> | undefined);
        const companies = o.company as string[] | undefined;
        if (name !== undefined) fields.name = name;
        if (phone !== undefined) fields.phone = phone;
        if (signedUpAt !== undefined) fields.signed_up_at = signedUpAt;
        if (attributes !== undefined) fields.custom_attributes = attributes;
        if (companies !== undefined) fields.companies = companies.map((company_id) => ({ company_id }));
        const params: CreateUserParams =
          email !== undefined
            ? { ...fields, email, ...(userId === undefined ? {} : { user_id: userId }) }
            : { ...fields, user_id: userId as string };
        const client = await cli.client(command);
        await cli.printOne(command, await client.users.create(params, cli.requestOptions(command)), VIEWS.users);
      }),
    );
}

/** `tags tag` and `tags untag`. */
function tagCommand(cli: Cli, tags: Command, action: 'tag' | 'untag'): void {
  const verb = action === 'tag' ? 'tag' : 'remove a tag from';
  leaf(tags, `${action} <name>`, `${verb} users, leads or companies (the tag is created if needed)`)
    .option('--user <email|user_id>', 'a user: an email when it holds @, else a user_id (repeatable)', repeatable)
    .option('--id <id>', 'a user or lead by Intercom id (repeatable)', repeatable)
    .option('--company <company_id>', 'a company by your company_id (repeatable)', repeatable)
    .addHelpText(
      'after',
      '\nGive users (--user, --id) or companies (--company), not both. If any is unknown, nothing is tagged.\n',
    )
    .action(
      handler(async (command, [name]) => {
        const o = optionsOf(command);
        const users: TagUserItem[] = [
          ...((o.user as string[] | undefined) ?? []).map((u): TagUserItem => (u.includes('@') ? { email: u } : { user_id: u })),
          ...((o.id as string[] | undefined) ?? []).map((id): TagUserItem => ({ id })),
        ];
        const companies = ((o.company as string[] | undefined) ?? []).map((company_id) => ({ company_id }));
        if (users.length > 0 === companies.length > 0) {
          throw new UsageError('give users (--user, --id) or companies (--company), not both and not neither');
        }
        const params: TagParams = users.length > 0 ? { name: name as string, users } : { name: name as string, companies };
        const client = await cli.client(command);
        const tag =
          action === 'tag'
            ? await client.tags.tag(params, cli.requestOptions(command))
            : await client.tags.untag(params, cli.requestOptions(command));
        await cli.printOne(command, tag, VIEWS.tags);
      }),
    );
}

/** Registers the write commands. */
export function registerWriteCommands(cli: Cli, program: Command): void {
  usersCreate(cli, program);
  const tags = group(program, 'tags');
  tagCommand(cli, tags, 'tag');
  tagCommand(cli, tags, 'untag');
}
