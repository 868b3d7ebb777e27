/**
 * `intercom customers search --query '...'`: the customer search across users and leads, with the
 * small query language of {@link parseQuery}.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import type { CustomerSearchParams } from '../index.js';
import { group, handler, integerArg, leaf, optionsOf, stringOption, upTo } from './command-kit.js';
import type { Cli } from './context.js';
import { parseQuery, QuerySyntaxError } from './query-language.js';
import { UsageError } from './usage-error.js';
import { VIEWS } from './views.js';

const QUERY_HELP = `
Query language:
  condition   field operator value, e.g. name = Alice, custom_attributes.plan IN [pro, team]
  operators   =  !=  IN  NIN  >  <  ~ (contains)  !~ (does not contain)  ^ (starts with)  $ (ends with)
  combine     AND, OR (AND binds tighter) and parentheses; groups nest at most 2 levels, 15 items each
  values      "quoted" or 'quoted' text, or bare: numbers, true, false and null read as such
              (text on email, name, user_id and other text fields); lists in brackets for IN/NIN;
              dates such as 2024-05-01 on timestamp fields (created_at, ..._at) become epoch seconds

Examples:
  intercom customers search --query 'name = Alice AND custom_attributes.plan IN [pro, team]'
  intercom customers search --query '(email $ "@example.com" OR role = lead) AND session_count > 3'
`;

/** Registers `customers search`. */
export function registerSearchCommand(cli: Cli, program: Command): void {
  const customers = group(program, 'customers');
  leaf(customers, 'search', 'search users and leads with a query')
    .requiredOption('--query <query>', "the query, e.g. 'name = Alice AND custom_attributes.plan IN [pro, team]'")
    .option('--sort-field <field>', 'field to sort on (default: newest first)')
    .addOption(new Option('--sort-order <order>', 'sort order').choices(['ascending', 'descending']))
    .addOption(new Option('--per-page <n>', 'customers per request').argParser(integerArg(1)))
    .addOption(new Option('--limit <n>', 'stop after n customers (default: all of them)').argParser(integerArg(1)))
    .addHelpText('after', QUERY_HELP)
    .action(
      handler(async (command) => {
        const options = optionsOf(command);
        let query: CustomerSearchParams['query'];
        try {
          query = parseQuery(options.query as string);
        } catch (error) {
          if (error instanceof QuerySyntaxError) throw new UsageError(`bad query: ${error.explain()}`);
          throw error;
        }
        const params: CustomerSearchParams = { query };
        const sortField = stringOption(options, 'sortField');
        if (sortField !== undefined) params.sort_field = sortField;
        if (options.sortOrder !== undefined) params.sort_order = options.sortOrder as 'ascending' | 'descending';
        if (options.perPage !== undefined) params.per_page = options.perPage as number;
        const client = await cli.client(command);
        // API 1.x served the search only in version Unstable; a chosen version (--api-version or
        // $INTERCOM_API_VERSION) wins. On 2.x the client translates the search to POST /contacts/search.
        const requestOptions = {
          ...cli.requestOptions(command),
          ...(cli.apiVersion(command) === undefined ? { headers: { 'Intercom-Version': 'Unstable' } } : {}),
        };
        const found = client.customers.search(params, requestOptions);
        await cli.print(command, upTo(found, options.limit as number | undefined), VIEWS.customers);
      }),
    );
}
