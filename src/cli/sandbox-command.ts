import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  API_VERSIONS,
  type ApiVersion,
  type FaultOptions,
  parseFaultKinds,
  parseRateLimit,
  type RateLimit,
  startSandbox,
} from '../sandbox/index.js';
import { handler, untilStopSignal } from './command-kit.js';
import type { Cli } from './context.js';
import { listenErrorOf } from './listen-error.js';
import { FORMATS } from './output.js';
import { UsageError } from './usage-error.js';

/** A number flag: finite, within bounds. */
function numberArg(name: string, min: number, max = Number.POSITIVE_INFINITY, integer = false): (text: string) => number {
  return (text) => {
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `${min}-${max}`;
      throw new InvalidArgumentError(`--${name} must be ${integer ? 'an integer' : 'a number'} ${range} (got '${text}').`);
    }
    return value;
  };
}

/** A flag parsed by one of the sandbox's own parsers; its error names the flag. */
function parsedArg<T>(name: string, parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      throw new InvalidArgumentError(`--${name}: ${(error as Error).message}`);
    }
  };
}

/** An API version the sandbox serves (`1.4`, `2.16`, `Unstable`); any other is a usage error. */
function apiVersionArg(text: string): ApiVersion {
  if ((API_VERSIONS as readonly string[]).includes(text)) return text as ApiVersion;
  throw new InvalidArgumentError(`--api-version must be an Intercom API version: ${API_VERSIONS.join(', ')} (got '${text}').`);
}

/** `intercom sandbox`: runs an Intercom API 1.x and 2.x sandbox until SIGINT or SIGTERM, then exits 0. */
export function registerSandboxCommand(cli: Cli, program: Command): void {
  program
    .command('sandbox')
    .usage('[options]')
    .description('run an Intercom API 1.x and 2.x sandbox on loopback until SIGINT or SIGTERM')
    .addHelpText(
      'after',
      "\nClients authenticate with 'Authorization: Bearer <token>' or Basic base64(<token>:); with --api-key, also\n" +
        'Basic base64(<app id>:<api key>), the app id being the one GET /me reports as app.id_code.\n' +
        'State lives in memory: a restart starts again from the seed. No request log is kept.\n' +
        "A request's Intercom-Version header picks the API family; --api-version serves those that send none\n" +
        '(and renders webhook notifications).\n' +
        '--fault-kinds takes 500, 503, 429, reset (= reset-before and reset-after), reset-before, reset-after, html502, slow.\n',
    )
    .addOption(
      new Option('--port <n>', 'port to listen on; 0 picks a free one')
        .default(4010)
        .argParser(numberArg('port', 0, 65535, true)),
    )
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--token <t>', 'access token clients must send', 'sandbox-token')
    .option('--api-key <key>', 'also accept Basic base64(<app id>:<key>), the legacy credentials')
    .addOption(new Option('--seed <name>', 'initial data').choices(['demo', 'empty']).default('demo'))
    .addOption(
      new Option('--api-version <v>', 'API version for requests without Intercom-Version: 1.0-1.4, 2.7-2.16 or Unstable')
        .default('1.0')
        .argParser(apiVersionArg),
    )
    .addOption(
      new Option('--rate-limit <r>', 'request budget per window, e.g. 100/500ms, 10000/1m (default: 1666/10s)').argParser(
        parsedArg('rate-limit', parseRateLimit),
      ),
    )
    .addOption(new Option('--latency <ms>', 'delay added to every response').default(0).argParser(numberArg('latency', 0)))
    .addOption(
      new Option('--faults <rate>', 'share of requests that get a fault, 0 to 1').default(0).argParser(numberArg('faults', 0, 1)),
    )
    .addOption(
      new Option(
        '--fault-kinds <list>',
        'kinds drawn by --faults, comma-separated (default: 500,503,reset,html502,slow)',
      ).argParser(parsedArg('fault-kinds', parseFaultKinds)),
    )
    .addOption(
      new Option('--fault-seed <n>', 'seed of the fault generator: same seed, same faults (default: 1)').argParser(
        numberArg('fault-seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true),
      ),
    )
    .addOption(new Option('--slow <ms>', "delay of a 'slow' fault (default: 2000)").argParser(numberArg('slow', 0)))
    // The global options that mean something here (its --token is the one clients must send).
    .addOption(
      new Option('--format <format>', 'print the address as a record in this format (default: one line of text)')
        .choices(FORMATS)
        .helpGroup('Global options:'),
    )
    .addOption(new Option('-q, --quiet', 'nothing on stderr').helpGroup('Global options:'))
    // No arguments: an extra word is named in the error (commander's own says only how many).
    .allowExcessArguments()
    .action(
      handler(async (command) => {
        if (command.args.length > 0) throw new UsageError(`unexpected argument '${command.args[0]}'`);
        await runSandbox(cli, command);
      }),
    );
}

async function runSandbox(cli: Cli, command: Command): Promise<void> {
  const o = command.opts();
  const token = o.token as string;
  const host = o.host as string;
  const port = o.port as number;
  if (token === '' || /\s/.test(token)) throw new UsageError('--token must be non-empty, without spaces');
  const apiKey = o.apiKey as string | undefined;
  if (apiKey !== undefined && (apiKey === '' || /\s/.test(apiKey)))
    throw new UsageError('--api-key must be non-empty, without spaces');
  if (host.trim() === '') throw new UsageError('--host must not be empty');
  const faults: FaultOptions = { rate: o.faults as number };
  if (o.faultKinds !== undefined) faults.kinds = o.faultKinds as NonNullable<FaultOptions['kinds']>;
  if (o.faultSeed !== undefined) faults.seed = o.faultSeed as number;
  if (o.slow !== undefined) faults.slowMs = o.slow as number;

  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port,
      host,
      token,
      seed: o.seed as 'demo' | 'empty',
      defaultVersion: o.apiVersion as ApiVersion,
      latencyMs: o.latency as number,
      faults,
      ...(o.rateLimit === undefined ? {} : { rateLimit: o.rateLimit as RateLimit }),
      ...(apiKey === undefined ? {} : { apiKey }),
      // Nothing outside this process could read a request log: keep none, whatever the traffic.
      maxRecordedRequests: 0,
    });
  } catch (error) {
    throw listenErrorOf(error as NodeJS.ErrnoException, host, port);
  }
  // Listening for the signals before saying where it listens: whoever reads the line may stop it at once.
  const stopped = untilStopSignal();
  const legacy = apiKey === undefined ? undefined : { appId: sandbox.store.appId, apiKey };
  if (o.format === undefined) {
    const credentials = legacy === undefined ? '' : `, app id: ${legacy.appId}, api key: ${legacy.apiKey}`;
    cli.io.stdout.write(`Intercom sandbox listening on ${sandbox.url} (token: ${sandbox.token}${credentials})\n`);
  } else await cli.printOne(command, { url: sandbox.url, token: sandbox.token, ...legacy });
  await stopped;
  await sandbox.close();
}
