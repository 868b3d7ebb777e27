import { parseArgs } from 'node:util';
import { parseRateLimit, startSandbox } from '../sandbox/index.js';
import { UsageError } from './usage-error.js';

export const SANDBOX_HELP = `Usage: intercom sandbox [options]

Runs an Intercom API 1.x sandbox on loopback until SIGINT or SIGTERM.

Options:
  --port <n>          port to listen on (default 4010; 0 picks a free one)
  --host <addr>       address to listen on (default 127.0.0.1)
  --token <t>         access token clients must send (default sandbox-token)
  --seed <name>       initial data: demo or empty (default demo)
  --rate-limit <r>    request budget per window, e.g. 1666/10s (default)
  --latency <ms>      delay added to every response (default 0)
  -h, --help          this help
`;

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
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    out.write(SANDBOX_HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535 (got '${values.port}')`);
  const latencyMs = Number(values.latency);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new UsageError(`--latency must be >= 0 (got '${values.latency}')`);
  if (values.seed !== 'demo' && values.seed !== 'empty')
    throw new UsageError(`--seed must be demo or empty (got '${values.seed}')`);
  let rateLimit: ReturnType<typeof parseRateLimit> | undefined;
  try {
    rateLimit = values['rate-limit'] === undefined ? undefined : parseRateLimit(values['rate-limit']);
  } catch (error) {
    throw new UsageError(`--rate-limit: ${(error as Error).message}`);
  }
  const sandbox = await startSandbox({
    port,
    host: values.host,
    token: values.token,
    seed: values.seed,
    latencyMs,
    ...(rateLimit === undefined ? {} : { rateLimit }),
  });
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
