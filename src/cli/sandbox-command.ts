import { parseArgs } from 'node:util';
import { type FaultOptions, parseFaultKinds, parseRateLimit, type RateLimit, startSandbox } from '../sandbox/index.js';
import { UsageError } from './usage-error.js';

export const SANDBOX_HELP = `Usage: intercom sandbox [options]

Runs an Intercom API 1.x sandbox on loopback until SIGINT or SIGTERM, then exits 0.
Clients authenticate with 'Authorization: Bearer <token>' or Basic base64(<token>:).

Options:
  --port <n>            port to listen on (default 4010; 0 picks a free one)
  --host <addr>         address to listen on (default 127.0.0.1)
  --token <t>           access token clients must send (default sandbox-token)
  --seed <name>         initial data: demo or empty (default demo)
  --rate-limit <r>      request budget per window, e.g. 1666/10s (default), 100/500ms, 10000/1m
  --latency <ms>        delay added to every response (default 0)
  --faults <rate>       share of requests that get a fault, 0 to 1 (default 0)
  --fault-kinds <list>  kinds drawn by --faults, comma-separated, from 500, 503, 429, reset
                        (= reset-before and reset-after), reset-before, reset-after, html502, slow
                        (default 500,503,reset,html502,slow)
  --fault-seed <n>      seed of the fault generator: same seed, same faults (default 1)
  --slow <ms>           delay of a 'slow' fault (default 2000)
  -h, --help            this help
`;

/** A number flag: finite, within bounds. */
function numberFlag(name: string, text: string, min: number, max = Number.POSITIVE_INFINITY, integer = false): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `${min}-${max}`;
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} ${range} (got '${text}')`);
  }
  return value;
}

/** `intercom sandbox`: runs until a signal, then exits 0. */
export async function sandboxCommand(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string', default: 'sandbox-token' },
      seed: { type: 'string', default: 'demo' },
      'rate-limit': { type: 'string' },
      latency: { type: 'string', default: '0' },
      faults: { type: 'string', default: '0' },
      'fault-kinds': { type: 'string' },
      'fault-seed': { type: 'string' },
      slow: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    out.write(SANDBOX_HELP);
    return 0;
  }
  const port = numberFlag('port', values.port, 0, 65535, true);
  const latencyMs = numberFlag('latency', values.latency, 0);
  if (values.seed !== 'demo' && values.seed !== 'empty')
    throw new UsageError(`--seed must be demo or empty (got '${values.seed}')`);
  if (values.token === '' || /\s/.test(values.token)) throw new UsageError('--token must be non-empty, without spaces');
  if (values.host.trim() === '') throw new UsageError('--host must not be empty');
  let rateLimit: RateLimit | undefined;
  try {
    rateLimit = values['rate-limit'] === undefined ? undefined : parseRateLimit(values['rate-limit']);
  } catch (error) {
    throw new UsageError(`--rate-limit: ${(error as Error).message}`);
  }
  const faults: FaultOptions = { rate: numberFlag('faults', values.faults, 0, 1) };
  if (values['fault-kinds'] !== undefined) {
    try {
      faults.kinds = parseFaultKinds(values['fault-kinds']);
    } catch (error) {
      throw new UsageError(`--fault-kinds: ${(error as Error).message}`);
    }
  }
  if (values['fault-seed'] !== undefined)
    faults.seed = numberFlag('fault-seed', values['fault-seed'], Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  if (values.slow !== undefined) faults.slowMs = numberFlag('slow', values.slow, 0);

  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port,
      host: values.host,
      token: values.token,
      seed: values.seed,
      latencyMs,
      faults,
      ...(rateLimit === undefined ? {} : { rateLimit }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new UsageError(`cannot listen on ${values.host}:${port} (${code})`);
    }
    throw error;
  }
  out.write(`Intercom sandbox listening on ${sandbox.url} (token: ${sandbox.token})\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sandbox.close();
  return 0;
}
